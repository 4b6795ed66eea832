from django.db import models


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
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings
