from django import template
from django.db.models import Q

from ..models import Drug

register = template.Library()


@register.simple_tag
def tags_with_drugs(tags):
    """[(tag, drug or None)] for an article's tags: a tag named like a drug's
    generic name or one of its brand names (any case) gets that drug.

    One query for all the tags (none without tags); brand names are matched in
    Python after a broad icontains filter, so "Jak" never matches "Jakafi".
    """
    tags = list(tags)
    if not tags:
        return []
    wanted = Q()
    for tag in tags:
        wanted |= Q(generic_name__iexact=tag.name) | Q(brand_names__icontains=tag.name)
    by_name = {}
    for drug in Drug.objects.filter(wanted).only("generic_name", "slug", "brand_names"):
        for name in drug.names:
            by_name.setdefault(name, drug)
    return [(tag, by_name.get(tag.name.lower())) for tag in tags]
