from django.db import models
from django.urls import reverse

from articles.markup import render_body


class SiteSettings(models.Model):
    """Site-wide settings staff change in the admin. There is one row (pk=1)."""

    site_name = models.CharField(
        max_length=100,
        default="Dermatology News",
        help_text="Shown in the header and in page titles.",
    )
    tagline = models.CharField(
        max_length=200,
        default="Trials, approvals and practice for dermatology clinicians",
        blank=True,
    )
    publisher_name = models.CharField(
        max_length=200,
        default="Dermatology News",
        help_text='Shown in the footer as "© YEAR PUBLISHER. All rights reserved."',
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The settings as readers see them: the saved row, or the defaults (unsaved)
        while nobody has saved any. Reads only, so a GET never writes."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class PolicyPage(models.Model):
    """A page about the portal itself (about us, policies, contact), written in the admin."""

    # The pages every footer links, each at its own short address (newsroom/urls.py).
    # Their slugs are fixed: the footer names them, so editors change only the text.
    FOOTER_PAGES = {
        "about": "About us",
        "editorial-policy": "Editorial policy",
        "corrections-policy": "Corrections policy",
        "advertising-policy": "Advertising and sponsorship policy",
        "privacy": "Privacy",
        "contact": "Contact",
    }

    title = models.CharField(max_length=200, help_text='The page heading, e.g. "About us".')
    slug = models.SlugField(
        unique=True,
        help_text="The page's address: /pages/SLUG/ (the footer's pages have short "
        "addresses such as /about/ and keep their slug).",
    )
    body = models.TextField(
        help_text="Markdown: a blank line between paragraphs, ## for a subheading, "
        "[text](https://…) for a link. Readers see it as soon as it is saved."
    )
    body_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField("last updated", auto_now=True)

    class Meta:
        ordering = ["title"]
        get_latest_by = "updated_at"
        verbose_name = "policy page"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # body_html is derived data, sanitised here once so templates may mark it safe.
        self.body_html = render_body(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.slug in self.FOOTER_PAGES:
            return reverse(f"pages:{self.slug}")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    @property
    def in_footer(self):
        return self.slug in self.FOOTER_PAGES
