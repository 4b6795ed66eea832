import os

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import Truncator

from . import renditions
from .fields import UploadedImageField
from .validators import validate_image_file


class Image(models.Model):
    class Kind(models.TextChoices):
        STOCK = "stock", "Stock photo"
        CLINICAL = "clinical", "Clinical photograph"
        DIAGRAM = "diagram", "Diagram"
        CHART = "chart", "Chart"

    class SkinType(models.TextChoices):
        """The Fitzpatrick scale, from always burns, never tans (I) to never burns (VI)."""

        I = "I", "I"  # noqa: E741
        II = "II", "II"
        III = "III", "III"
        IV = "IV", "IV"
        V = "V", "V"
        VI = "VI", "VI"

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
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.STOCK,
        help_text="A clinical photograph (a patient's skin) needs a skin type, and consent "
        "on file before an article leading with it can be published.",
    )
    skin_type = models.CharField(
        "Fitzpatrick skin type",
        max_length=3,
        choices=SkinType.choices,
        blank=True,
        help_text="Clinical photographs only: readers filter a topic's image gallery by it.",
    )
    consent_on_file = models.BooleanField(
        "patient consent or de-identification is on file",
        default=False,
        help_text="Clinical photographs only. Until this is ticked, an article leading "
        "with the photograph cannot be published, and the gallery does not show it.",
    )
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

    def clean(self):
        if self.kind == self.Kind.CLINICAL and not self.skin_type:
            raise ValidationError(
                {"skin_type": "Give the Fitzpatrick skin type of a clinical photograph."}
            )

    # Why an article leading with such a photograph cannot be published (form and service).
    NO_CONSENT_MESSAGE = (
        "The lead image is a clinical photograph without patient consent or "
        "de-identification on file. Record the consent on the image (tick “patient "
        "consent or de-identification is on file”) or choose another image before publishing."
    )

    @property
    def lacks_consent(self):
        """A clinical photograph without consent on file: no article may go live with it."""
        return self.kind == self.Kind.CLINICAL and not self.consent_on_file

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
