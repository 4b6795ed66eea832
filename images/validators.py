"""What an uploaded image must be before it is stored.

One validator on the model field, so the admin, imports and the shell
(through full_clean) all run the same checks, each with one clear message.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from PIL import Image as Pillow

# Pillow format name -> the extension the stored file gets.
ACCEPTED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
ACCEPTED_MIME_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"]

# A strip 1 pixel high is unusable on a page, and resizing it could round a
# rendition's height to zero.
MAX_ASPECT_RATIO = 20
# The widest rendition is 1600 pixels: a side beyond this only costs memory and
# time to resize (12000 x 3000 is under the pixel limit, and still absurd).
MAX_SIDE = 10000

NOT_AN_IMAGE = "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF file."
DAMAGED = (
    "This image is damaged or incomplete: it could not be read to the end. "
    "Export or download it again and upload the new file."
)


def max_pixels():
    """The settings' limit, never above Pillow's own decompression-bomb limit."""
    limit = settings.IMAGE_MAX_PIXELS
    if Pillow.MAX_IMAGE_PIXELS:
        limit = min(limit, Pillow.MAX_IMAGE_PIXELS)
    return limit


def too_many_pixels(size=None):
    megapixels = max_pixels() / 1_000_000
    found = f"is {size[0]} × {size[1]} pixels, which is more than" if size else "exceeds"
    return ValidationError(
        f"This image {found} the {megapixels:g} megapixels accepted. "
        "Scale it down (3000 pixels on the long side is plenty) and upload it again.",
        code="too_many_pixels",
    )


def open_image(file):
    """The file opened by Pillow as one of the accepted formats; nothing decoded yet.

    Raises ValidationError for anything else, including a size Pillow itself
    refuses as a decompression bomb.
    """
    file.seek(0)
    try:
        return Pillow.open(file, formats=list(ACCEPTED_FORMATS))
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning) as error:
        # The warning arrives as an exception only where warnings are errors.
        raise too_many_pixels() from error
    except Exception as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error


def validate_image_file(file):
    if isinstance(file, FieldFile) and file._committed:
        # Already in storage, checked when it was uploaded: editing the caption
        # must not download and decode the original again.
        return
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(file.size)}; images may be at most "
            f"{filesizeformat(limit)}. Save it at a smaller size or as a JPEG.",
            code="file_too_large",
        )
    try:
        with open_image(file) as image:
            # The declared size, checked before a single pixel is decoded.
            width, height = image.size
            if width * height > max_pixels():
                raise too_many_pixels(image.size)
            if max(width, height) > MAX_SIDE:
                raise ValidationError(
                    f"This image is {width} × {height} pixels; a side may be at most "
                    f"{MAX_SIDE} pixels. Scale it down (3000 pixels on the long side is "
                    "plenty) and upload it again.",
                    code="side_too_long",
                )
            if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
                raise ValidationError(
                    f"This image is {width} × {height} pixels: too long and thin to show "
                    f"on a page (the long side may be at most {MAX_ASPECT_RATIO} times the "
                    "short side).",
                    code="aspect_ratio",
                )
            try:
                # verify() would only check the structure; decoding catches a
                # file cut short.
                image.load()
            except Exception as error:
                raise ValidationError(DAMAGED, code="damaged") from error
    finally:
        file.seek(0)
