"""JSON lines as Django writes them, but with ids for every relation except to content
types and permissions, whose ids differ between databases and so go by natural key.

Plain ``--natural-foreign`` would also write tags and users by natural key, and a
restore would then look each one up again, row by row (20,000 tag lookups for
5,000 articles); their ids are kept anyway. Times keep every microsecond.
"""

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder

MATCHED_BY_NATURAL_KEY = {"contenttypes.contenttype", "auth.permission"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to the millisecond, as JavaScript keeps them (so
    does plain `dumpdata`); a backup keeps every microsecond, or a restore would
    change every timestamp and the order of rows saved in the same millisecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = by_natural_key(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = by_natural_key(field)
        super().handle_m2m_field(obj, field)


def by_natural_key(field):
    return field.related_model._meta.label_lower in MATCHED_BY_NATURAL_KEY


Deserializer = jsonl.Deserializer
