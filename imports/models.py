from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models import Article


class PendingImport(models.Model):
    """A re-import of an article readers have seen, waiting for an editor's review.

    The import does not touch the live article: it keeps here what it would write
    (the parsed text and the import's options), and an editor applies it
    (``imports.services.apply_pending_import``, the import's own write) or discards
    it. One per article: importing the original again replaces it.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="pending_import", editable=False
    )
    # What the import would write, as the parser read it.
    headline = models.CharField(max_length=Article._meta.get_field("headline").max_length)
    deck = models.TextField()
    body = models.TextField("body (Markdown)", blank=True)
    references = models.JSONField(
        default=list, blank=True, help_text="The file's reference list: [[number, citation], …]."
    )
    copyright_holder = models.CharField(max_length=200, blank=True)
    copyright_year = models.PositiveSmallIntegerField(null=True, blank=True)
    photo_credit = models.CharField(max_length=200, blank=True)
    dateline = models.DateField(
        null=True, blank=True, help_text="The original's date as its text gives it."
    )
    parser_warnings = models.JSONField(
        default=list, blank=True, help_text="What the parser asks an editor to check."
    )
    # The import's options, applied with the text.
    topic_ids = models.JSONField(default=list, help_text="The topics, the primary one first.")
    author_ids = models.JSONField(
        default=list, blank=True, help_text="The byline in order; empty keeps the article's."
    )
    tag_names = models.JSONField(default=list, blank=True)
    source_url = models.CharField(max_length=1000, blank=True)
    publish = models.BooleanField(default=False)
    published_at = models.DateTimeField(
        "original date given", null=True, blank=True, help_text="The date given with the import."
    )
    # Where it came from.
    source_text = models.TextField("text as imported")
    warnings = models.TextField(blank=True, help_text="What the import reported, one a line.")
    comment = models.CharField(
        max_length=300, blank=True, help_text='How it was imported, e.g. "Imported from x.txt."'
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["imported_at", "pk"]
        get_latest_by = "imported_at"
        verbose_name = "re-import waiting for review"
        verbose_name_plural = "re-imports waiting for review"

    def __str__(self):
        return f"Re-import of “{self.article}”"

    def get_absolute_url(self):
        # Only the newsroom sees it: its review page.
        return reverse("admin:articles_article_reimport", args=[self.article_id])

    @property
    def warning_list(self):
        return [line for line in self.warnings.splitlines() if line.strip()]

    @property
    def reference_list(self):
        return [(int(number), citation) for number, citation in self.references]
