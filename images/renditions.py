"""How readers' copies of an uploaded image are made (with django-imagekit).

Renditions are WebP files generated when an image is saved: the Optimistic
cache-file strategy (settings.IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY) generates
them on save and then trusts that they exist, so a page that shows an image
computes its URLs without touching storage or the database.

A rendition's file name is a hash of the original's name and of its spec, so
changing a spec below gives every rendition a new name: run
`manage.py generateimages` before deploying such a change.
"""

from imagekit.cachefiles.backends import CacheFileState, Simple
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import ExifTags, ImageOps

# srcset steps in pixels, narrowest first. The widest one also serves as the
# re-encoded copy of an original narrower than itself (it never upscales).
WIDTHS = (480, 800, 1200, 1600)
WEBP_OPTIONS = {"quality": 80}

# Cameras store a photo as the sensor saw it and say in EXIF how to turn it;
# WebP renditions drop EXIF, so they are turned upright instead. Only these
# formats are read for it: finding EXIF in a PNG means decoding the whole image.
ORIENTED_FORMATS = {"JPEG", "WEBP"}
SIDEWAYS_ORIENTATIONS = {5, 6, 7, 8}


def exif_orientation(image):
    """The EXIF orientation (1 to 8) of an opened Pillow image; 1 means upright."""
    if image.format not in ORIENTED_FORMATS:
        return 1
    return image.getexif().get(ExifTags.Base.Orientation, 1)


class PrepareForWeb:
    """Upright, 8-bit, with any transparency as an alpha channel WebP keeps.

    pilkit turns modes it does not know into RGB, which would drop the alpha
    of grey-with-alpha images and clip 16-bit greys to white.
    """

    def process(self, image):
        if exif_orientation(image) != 1:
            image = ImageOps.exif_transpose(image)
        if image.mode in {"LA", "La", "PA", "RGBa"} or (
            image.mode in {"P", "L", "RGB"} and "transparency" in image.info
        ):
            return image.convert("RGBA")
        if image.mode.startswith("I"):
            return image.convert("I").point(lambda value: value / 256).convert("L")
        return image


def rendition(width, height=None):
    """A WebP copy at most this wide (and high), never enlarged."""
    return ImageSpecField(
        source="file",
        processors=[PrepareForWeb(), ResizeToFit(width, height, upscale=False)],
        format="WEBP",
        options=WEBP_OPTIONS,
    )


class StorageCheckedBackend(Simple):
    """Asks the storage, not the cache, whether a rendition is already there.

    imagekit's Simple backend remembers "exists" in the cache for good, so a
    rendition removed from storage (restored media, cleaned-up files, a test's
    fresh MEDIA_ROOT) would never be made again. With the Optimistic strategy
    this is only asked when an image is saved, never while a page renders.
    """

    def get_state(self, file, check_if_unknown=True):
        return CacheFileState.EXISTS if self._exists(file) else CacheFileState.DOES_NOT_EXIST

    def set_state(self, file, state):
        pass
