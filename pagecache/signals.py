"""Every saved, deleted or re-linked row of a model readers see starts a new page
generation after its transaction commits.

"Models readers see" is every installed model, the many-to-many tables included,
except those of the apps named in NOT_SEEN_BY_READERS and the few models named in
MODELS_NOT_SEEN_BY_READERS: a rule that cannot forget a model or an app added later
(tests/pagecache/test_coverage.py holds it to that).
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import services

# Apps (by label) whose rows no reader page shows. Their writes must not empty the
# cache: some happen on every login or history entry, some at anyone's request.
# Whole apps, so a model a later version adds is left out too; an app of the
# portal's own never belongs here.
NOT_SEEN_BY_READERS = {
    "admin": "the newsroom's action log (LogEntry)",
    "auth": "staff accounts, groups and permissions; no page shows a user",
    "contenttypes": "Django's table of models",
    "sessions": "staff logins",
    "reversion": "the history of edits (Revision, Version)",
    "axes": "login attempts and lockouts, written by anyone who tries to log in",
}
# Single models (by label) of the portal's own apps that no reader page shows. Only
# the model named is left out, never the rest of its app.
MODELS_NOT_SEEN_BY_READERS = {
    # What a re-import of a live article would change, kept for an editor's review:
    # readers keep the live text until it is applied, which writes the article.
    "imports.PendingImport": "a re-import waiting for review",
}


def seen_by_readers(model):
    return (
        model._meta.app_label not in NOT_SEEN_BY_READERS
        and model._meta.label not in MODELS_NOT_SEEN_BY_READERS
    )


def reader_models(registry=apps):
    """The models whose writes invalidate: auto-created ones are the many-to-many
    tables, m2m_changed's senders."""
    return [
        model for model in registry.get_models(include_auto_created=True) if seen_by_readers(model)
    ]


def on_write(sender, using="default", **kwargs):
    services.invalidate(using=using)


def on_links_changed(sender, action, using="default", **kwargs):
    if action.startswith("post_"):
        services.invalidate(using=using)


def connect(models=None):
    # Per model, not for every sender: a global post_delete receiver would stop
    # Django's fast deletes of unrelated tables (expired sessions, admin log).
    for model in reader_models() if models is None else models:
        uid = f"pagecache.{model._meta.label_lower}"
        post_save.connect(on_write, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(on_write, sender=model, dispatch_uid=f"{uid}.delete")
        m2m_changed.connect(on_links_changed, sender=model, dispatch_uid=f"{uid}.links")
