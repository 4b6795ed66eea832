import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as Pillow

from images.models import Image

from .builders import (
    image_bytes,
    jpeg_turned_sideways,
    make_image,
    png_declaring,
    stored_files,
    stored_picture,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (3000, [480, 800, 1200, 1600]),
        (1600, [480, 800, 1200, 1600]),
        (1599, [480, 800, 1200, 1599]),
        (1000, [480, 800, 1000]),
        (800, [480, 800]),
        (481, [480, 481]),
        (480, [480]),
        (300, [300]),
    ],
)
def test_srcset_lists_no_width_beyond_the_original(width, expected):
    image = make_image(width, 400)

    entries = image.srcset()

    assert [entry_width for _, entry_width in entries] == expected
    for url, entry_width in entries:
        assert stored_picture(url).size == (entry_width, image.height_at(entry_width))
    assert image.file.url not in [url for url, _ in entries]


def test_a_photo_stored_sideways_is_measured_and_served_upright():
    image = make_image(content=jpeg_turned_sideways(1000, 600))

    assert (image.width, image.height) == (600, 1000)
    [(small, _), (full, _)] = image.srcset()
    assert stored_picture(small).size == (480, 800)
    assert stored_picture(full).size == (600, 1000)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_renditions_keep_transparency(mode):
    picture = Pillow.new("RGBA", (900, 600), (200, 30, 30, 255))
    picture.paste((0, 0, 0, 0), (0, 0, 450, 600))  # left half transparent
    if mode == "LA":
        picture = picture.convert("LA")
    elif mode == "P":
        picture = picture.convert("P", palette=Pillow.Palette.ADAPTIVE)
        picture.info["transparency"] = picture.getpixel((0, 0))
    content = io.BytesIO()
    picture.save(content, "PNG")

    image = make_image(name="figure.png", content=content.getvalue())

    rendition = stored_picture(image.rendition_480.url).convert("RGBA")
    assert rendition.getpixel((10, 10))[3] == 0
    assert rendition.getpixel((470, 10))[3] == 255


def test_str_is_the_alt_text_shortened():
    alt_text = "Depigmented patches on the backs of both hands and on the forearms"
    image = make_image(alt_text=alt_text)

    assert str(image) == alt_text[:59] + "…"


def test_str_without_alt_text_is_the_file_name():
    assert str(Image(file="images/2026/01/lesion.jpg", width=800, height=600)) == "lesion.jpg"


def test_newest_first():
    first, second = make_image(), make_image()

    assert list(Image.objects.all()) == [second, first]


def test_full_clean_runs_the_same_checks_as_the_admin():
    image = Image(
        file=ContentFile(png_declaring(50000, 50000), name="bomb.png"),
        alt_text="Patches",
        credit="Peakstock/Adobe Stock",
    )

    with pytest.raises(ValidationError) as refused:
        image.full_clean()

    assert list(refused.value.message_dict) == ["file"]


def test_saving_without_validation_still_refuses_a_non_image(media_root):
    with pytest.raises(ValidationError):
        Image.objects.create(
            file=ContentFile(b"#!/bin/sh\necho hi\n", name="run.jpg"),
            alt_text="Patches",
            credit="Peakstock/Adobe Stock",
        )

    assert stored_files(media_root) == []


def test_renditions_are_not_remade_while_a_page_renders(media_root):
    """The Optimistic strategy trusts that renditions exist: it never checks or
    regenerates them when their URLs are asked for."""
    image = make_image(1000, 500)
    for path in (media_root / "renditions").iterdir():
        path.unlink()

    image = Image.objects.get(pk=image.pk)
    urls = [url for url, _ in image.srcset()] + [image.thumbnail.url]

    assert len(urls) == 4
    assert list((media_root / "renditions").iterdir()) == []


def test_a_new_file_gets_new_renditions():
    image = make_image(1000, 500)
    old = image.rendition_480.url

    image.file = ContentFile(image_bytes(2000, 1000), name="better.jpg")
    image.save()

    image = Image.objects.get(pk=image.pk)
    assert (image.width, image.height) == (2000, 1000)
    assert image.rendition_480.url != old
    assert [stored_picture(url).width for url, _ in image.srcset()] == [480, 800, 1200, 1600]
