"""Image files made in memory with Pillow, and Image rows built from them."""

import io
import struct
import zlib
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as Pillow

from images.models import Image


def image_bytes(width=2000, height=1000, *, format="JPEG", mode="RGB", exif=None):
    """A noisy picture (so it compresses like a photo), encoded as `format`."""
    picture = Pillow.effect_noise((width, height), 40).convert(mode)
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(buffer, format, **options)
    return buffer.getvalue()


def jpeg_turned_sideways(width, height):
    """A JPEG stored `width` x `height` whose EXIF says: rotate 90° to view it."""
    exif = Pillow.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise
    return image_bytes(width, height, exif=exif.tobytes())


def png_declaring(width, height):
    """A small PNG whose header claims width x height pixels: a decompression
    bomb as far as anything that decodes it is concerned. Nothing is allocated."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )


def make_image(width=2000, height=1000, *, name="lesion.jpg", content=None, **overrides):
    fields = {"alt_text": "Depigmented patches on both hands", "credit": "Peakstock/Adobe Stock"}
    fields.update(overrides)
    content = content if content is not None else image_bytes(width, height)
    return Image.objects.create(file=ContentFile(content, name=name), **fields)


def stored_picture(url):
    """The stored file behind a media URL, opened by Pillow (and fully read)."""
    name = url.removeprefix(default_storage.base_url)
    with default_storage.open(name) as file:
        picture = Pillow.open(file)
        picture.load()
    return picture


def stored_files(root):
    """Every file under the media root, as paths relative to it."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def elements(html, tag):
    """The attributes of each `tag` element in the HTML, as dicts."""

    class Finder(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, name, attrs):
            if name == tag:
                self.found.append(dict(attrs))

    finder = Finder()
    finder.feed(html)
    return finder.found


def error_messages(html):
    """The texts of the form errors an editor sees on an admin page."""

    class Errors(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.messages = 0, []

        def handle_starttag(self, name, attrs):
            if name == "ul" and "errorlist" in (dict(attrs).get("class") or "").split():
                self.depth += 1
            elif name == "li" and self.depth:
                self.messages.append("")

        def handle_endtag(self, name):
            if name == "ul" and self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth and self.messages:
                self.messages[-1] += data

    errors = Errors()
    errors.feed(html)
    return [message.strip() for message in errors.messages]
