"""Every saved, deleted or re-linked row of a model readers see starts a new page
generation after its transaction commits.

"Models readers see" is every model of the portal's own apps plus taggit's: a
rule that cannot forget a model added later. Django's own (sessions, users, the
admin log) and reversion's history are left out, so logging in or keeping
history does not empty the cache.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import services

READER_APPS = {
    "articles",
    "drugs",
    "evidence",
    "images",
    "newsroom",
    "redirects",
    "search",
    "taggit",
    "topics",
}


def on_write(sender, using="default", **kwargs):
    services.invalidate(using=using)


def on_links_changed(sender, action, using="default", **kwargs):
    if action.startswith("post_"):
        services.invalidate(using=using)


def connect():
    # Per model, not for every sender: a global post_delete receiver would stop
    # Django's fast deletes of unrelated tables (expired sessions, admin log).
    # Auto-created models are the many-to-many tables, m2m_changed's senders.
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in READER_APPS:
            continue
        uid = f"pagecache.{model._meta.label_lower}"
        post_save.connect(on_write, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(on_write, sender=model, dispatch_uid=f"{uid}.delete")
        m2m_changed.connect(on_links_changed, sender=model, dispatch_uid=f"{uid}.links")
