"""Recording former addresses: the one place that writes Redirect rows.

pre_save reads the stored row to learn the address the object is leaving;
post_save, once the new address is saved, records the old one and forgets its
own row at the address it now answers at, so a redirect never points at its
own address. (A live page is never shadowed: the middleware acts on 404s only.)

QuerySet.update() sends no signals: a slug changed that way is not recorded.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from .models import Redirect


def article_was_public(article):
    # Set once, by the first publication. A scheduled article has it in the
    # future: readers have not seen that address yet.
    published = article.first_published_at
    return published is not None and published <= timezone.now()


def always_public(obj):
    return True


# model label -> (fields its address and the rule read, "was this address public?")
TRACKED = {
    "articles.Article": (["slug", "first_published_at"], article_was_public),
    "topics.Topic": (["slug"], always_public),
}

# Where pre_save leaves (stored address, whether readers may have it) for post_save.
FORMER = "_redirects_former"


def remember_former_path(sender, instance, raw=False, update_fields=None, **kwargs):
    # raw: loaddata, or django-reversion restoring a version; the save that
    # follows a restore is an ordinary one and records the change.
    setattr(instance, FORMER, None)
    if raw or instance.pk is None:
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    fields, was_public = TRACKED[sender._meta.label]
    stored = sender._base_manager.filter(pk=instance.pk).only(*fields).first()
    if stored is not None:
        setattr(instance, FORMER, (stored.get_absolute_url(), was_public(stored)))


def record_former_path(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    former = getattr(instance, FORMER, None)
    setattr(instance, FORMER, None)
    current = instance.get_absolute_url()
    if not created and (former is None or former[0] == current):
        return
    content_type = ContentType.objects.get_for_model(instance)
    # Renamed back: this object answers at `current` again, and its own row there
    # would loop. Another object's row stays: while that other page is live the
    # middleware never sees the address, and should it go, the old link works again.
    Redirect.objects.filter(
        old_path=current, content_type=content_type, object_id=instance.pk
    ).delete()
    if former is not None and former[1]:
        Redirect.objects.update_or_create(
            old_path=former[0],
            defaults={"content_type": content_type, "object_id": instance.pk},
        )


def forget_deleted_target(sender, instance, **kwargs):
    Redirect.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).delete()


def connect():
    for label in TRACKED:
        pre_save.connect(remember_former_path, sender=label, dispatch_uid=f"redirects-pre-{label}")
        post_save.connect(record_former_path, sender=label, dispatch_uid=f"redirects-post-{label}")
        post_delete.connect(
            forget_deleted_target, sender=label, dispatch_uid=f"redirects-delete-{label}"
        )
