import os

import reversion
from django.conf import settings
from django.db import models
from django.utils.text import Truncator

from . import renditions
from .fields import UploadedImageField
from .validators import validate_image_file


class Image(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", "Photo"
        CLINICAL = "clinical", "Clinical photo"
        ILLUSTRATION = "illustration", "Illustration"
        CHART = "chart", "Chart or figure"
        OTHER = "other", "Other"

    file = UploadedImageField(
        "image file",
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        max_length=300,
        validators=[validate_image_file],
        help_text="JPEG, PNG, WebP or GIF. Readers get resized copies, never this file.",
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the image shows, for readers who cannot see it (read aloud by "
        'screen readers), e.g. "Depigmented patches on the backs of both hands".',
    )
    caption = models.CharField(
        max_length=500, blank=True, help_text="Shown under the image, for everyone."
    )
    credit = models.CharField(
        "photo credit",
        max_length=200,
        help_text='Shown as "Photo: CREDIT", e.g. Peakstock/Adobe Stock.',
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PHOTO)
    uploaded_at = models.DateTimeField("uploaded", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="uploaded_images",
    )

    # Readers' copies, made when the image is saved (see images/renditions.py).
    rendition_480 = renditions.rendition(480)
    rendition_800 = renditions.rendition(800)
    rendition_1200 = renditions.rendition(1200)
    rendition_1600 = renditions.rendition(1600)
    thumbnail = renditions.rendition(240, 240)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        get_latest_by = "uploaded_at"

    def __str__(self):
        if self.alt_text:
            return Truncator(self.alt_text).chars(60)
        return os.path.basename(self.file.name or "")

    def srcset(self):
        """(url, width) of each rendition for srcset, narrowest first.

        No step wider than the original is listed; an original narrower than
        the widest step is also listed at its own width, re-encoded, so readers
        never get the uploaded file itself.
        """
        if not (self.file and self.width):
            return []
        steps = {
            480: self.rendition_480,
            800: self.rendition_800,
            1200: self.rendition_1200,
            1600: self.rendition_1600,
        }
        entries = [(steps[width].url, width) for width in renditions.WIDTHS if width <= self.width]
        widest = renditions.WIDTHS[-1]
        if self.width < widest and self.width not in renditions.WIDTHS:
            # The widest spec never enlarges: its copy is the original's width.
            entries.append((steps[widest].url, self.width))
        return entries

    def height_at(self, width):
        """The height of a rendition this wide (the same rounding as imagekit)."""
        return round(self.height * (width / self.width))


# Articles' revisions point at their lead image; registered so a diff of two
# versions can name the image that changed.
reversion.register(Image)
