from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Redirect(models.Model):
    """A former address of an article or topic, recorded when its slug changed.

    The row points at the object, not at a path: the destination is the object's
    current get_absolute_url() when a reader arrives, so a page renamed twice
    answers both former addresses with one hop, never a chain.
    """

    old_path = models.CharField(
        "former address",
        max_length=400,
        unique=True,
        help_text="A path readers may still follow, e.g. /articles/old-slug/.",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField("recorded", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.old_path
