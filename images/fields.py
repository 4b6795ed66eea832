import os

from django import forms
from django.core.files.images import get_image_dimensions
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from PIL import Image as Pillow

from .renditions import SIDEWAYS_ORIENTATIONS, exif_orientation
from .validators import ACCEPTED_FORMATS, ACCEPTED_MIME_TYPES, max_pixels, open_image


class UploadedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # The extension comes from the bytes, not from the uploader: PNG data
        # sent as "evil.pdf" is stored (and later served) as "evil.png".
        with open_image(content) as image:
            extension = ACCEPTED_FORMATS[image.format]
        content.seek(0)
        super().save(os.path.splitext(name)[0] + extension, content, save)

    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            try:
                self._dimensions_cache = upright_dimensions(self)
            finally:
                if close:
                    self.close()
        return self._dimensions_cache


def upright_dimensions(file):
    """Width and height as a reader sees them: a photo the camera stored
    sideways counts as upright, like its renditions.

    Runs as soon as a file is assigned, before validation: whatever cannot be
    measured is left for the validator to explain.
    """
    try:
        width, height = get_image_dimensions(file)
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning):
        # Django lets these through, which would be a server error.
        return None, None
    if width and height and width * height <= max_pixels() and is_sideways(file):
        return height, width
    return width, height


def is_sideways(file):
    try:
        with open_image(file) as image:
            return exif_orientation(image) in SIDEWAYS_ORIENTATIONS
    except Exception:
        return False  # unreadable EXIF: upright
    finally:
        file.seek(0)


class ImageUploadFormField(forms.ImageField):
    """The file input: the checks themselves are the model field's validators."""

    # Django's extension check would refuse a PNG named "chart.txt" (and let
    # "evil.pdf" through: Pillow can write PDFs). The stored name gets the
    # extension of the real format instead.
    default_validators = []

    def to_python(self, data):
        # forms.ImageField would open the file with Pillow here and answer every
        # problem with one vague message; the model validator says which.
        return forms.FileField.to_python(self, data)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ",".join(ACCEPTED_MIME_TYPES)
        return attrs


class UploadedImageField(models.ImageField):
    """An ImageField whose stored name matches the real format and whose
    width and height are those of the upright image."""

    attr_class = UploadedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})
