"""Uploading images through the real admin, as an editor does."""

import json
import mimetypes

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from images.models import Image
from tests.builders import form_data_from

from .builders import (
    elements,
    error_messages,
    image_bytes,
    make_image,
    png_declaring,
    stored_files,
    stored_picture,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/images/image/add/"
CHANGELIST_URL = "/admin/images/image/"


def upload(client, name, content, **overrides):
    data = {
        "file": SimpleUploadedFile(name, content),
        "alt_text": "Depigmented patches on both hands",
        "caption": "Vitiligo before treatment.",
        "credit": "Peakstock/Adobe Stock",
        "kind": "clinical",
        "skin_type": "IV",
    }
    data.update(overrides)
    return client.post(ADD_URL, data)


@pytest.mark.parametrize(
    ("name", "format", "size"),
    [("lesion.jpg", "JPEG", (2400, 1600)), ("chart.png", "PNG", (1000, 700))],
)
def test_upload_saves_the_image_and_makes_its_renditions(
    superuser_client, superuser, name, format, size
):
    response = upload(superuser_client, name, image_bytes(*size, format=format))

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == size
    assert image.uploaded_by == superuser
    assert image.kind == Image.Kind.CLINICAL
    # Right after the save, before any page asked for them.
    widths = []
    for url, width in image.srcset():
        picture = stored_picture(url)
        assert picture.format == "WEBP"
        assert picture.width == width
        assert picture.width <= image.width
        widths.append(width)
    expected = {2400: [480, 800, 1200, 1600], 1000: [480, 800, 1000]}[size[0]]
    assert widths == expected


@pytest.mark.parametrize(
    ("name", "stored_as"),
    [("evil.pdf", "evil.png"), ("chart.txt", "chart.png"), ("chart", "chart.png")],
)
def test_the_stored_name_gets_the_extension_of_the_real_format(
    superuser_client, media_root, name, stored_as
):
    response = upload(superuser_client, name, image_bytes(600, 400, format="PNG"))

    assert response.status_code == 302
    stored = Image.objects.get().file.name
    assert stored.rsplit("/", 1)[1] == stored_as
    assert mimetypes.guess_type(stored)[0] == "image/png"
    assert [path for path in stored_files(media_root) if not path.startswith("renditions/")] == [
        stored
    ]


@pytest.mark.urls("tests.media_urls")
def test_png_bytes_named_pdf_are_served_as_a_png(superuser_client, media_root):
    response = upload(superuser_client, "evil.pdf", image_bytes(600, 400, format="PNG"))
    assert response.status_code == 302

    served = superuser_client.get(Image.objects.get().file.url)

    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"


def jpeg_cut_short():
    data = image_bytes(1200, 800)
    return data[: len(data) // 2]


def png_cut_short():
    data = image_bytes(1200, 800, format="PNG")
    return data[: len(data) // 2]


REFUSED_FILES = {
    "not an image": (
        "notes.jpg",
        b"%PDF-1.7 just some text, not a picture",
        "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF file.",
    ),
    "a BMP": (
        "scan.bmp",
        image_bytes(300, 200, format="BMP"),
        "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF file.",
    ),
    "truncated JPEG": (
        "lesion.jpg",
        jpeg_cut_short(),
        "This image is damaged or incomplete: it could not be read to the end. "
        "Export or download it again and upload the new file.",
    ),
    "truncated PNG": (
        "chart.png",
        png_cut_short(),
        "This image is damaged or incomplete: it could not be read to the end. "
        "Export or download it again and upload the new file.",
    ),
    # Above Pillow's own hard limit: Pillow refuses to open it at all.
    "50000 x 50000 bomb": (
        "bomb.png",
        png_declaring(50000, 50000),
        "This image exceeds the 40 megapixels accepted. "
        "Scale it down (3000 pixels on the long side is plenty) and upload it again.",
    ),
    # Above our limit only: refused from the header, before decoding (its pixel
    # data is garbage, so decoding would have reported damage instead).
    "7000 x 7000 header": (
        "big.png",
        png_declaring(7000, 7000),
        "This image is 7000 × 7000 pixels, which is more than the 40 megapixels accepted. "
        "Scale it down (3000 pixels on the long side is plenty) and upload it again.",
    ),
    # Under the pixel limit, but a side no page needs.
    "12000 x 3000 header": (
        "wide.png",
        png_declaring(12000, 3000),
        "This image is 12000 × 3000 pixels; a side may be at most 10000 pixels. "
        "Scale it down (3000 pixels on the long side is plenty) and upload it again.",
    ),
    # Above the pixel limit: Pillow only warns here (warnings are not errors).
    "12000 x 12000 header": (
        "huge.png",
        png_declaring(12000, 12000),
        "This image is 12000 × 12000 pixels, which is more than the 40 megapixels accepted. "
        "Scale it down (3000 pixels on the long side is plenty) and upload it again.",
    ),
    "a thin strip": (
        "strip.png",
        image_bytes(4200, 200, format="PNG"),
        "This image is 4200 × 200 pixels: too long and thin to show on a page "
        "(the long side may be at most 20 times the short side).",
    ),
}


# Between Pillow's warning and error limits Pillow warns while opening; the
# message is ours either way.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(("name", "content", "message"), REFUSED_FILES.values(), ids=REFUSED_FILES)
def test_unusable_files_are_refused_with_a_clear_message(
    superuser_client, media_root, name, content, message
):
    response = upload(superuser_client, name, content)

    assert response.status_code == 200
    assert error_messages(response.content.decode()) == [message]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


# Between Pillow's warning and error limits Pillow only warns while opening;
# where warnings are errors (as here) that warning must still become the message.
@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_pillow_only_warns_about_is_refused(superuser_client, media_root):
    response = upload(superuser_client, "bomb.png", png_declaring(12000, 12000))

    assert response.status_code == 200
    assert error_messages(response.content.decode()) == [
        "This image exceeds the 40 megapixels accepted. "
        "Scale it down (3000 pixels on the long side is plenty) and upload it again."
    ]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_the_pixel_limit_is_a_setting(superuser_client, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100

    response = upload(superuser_client, "lesion.jpg", image_bytes(120, 100))

    assert response.status_code == 200
    assert error_messages(response.content.decode()) == [
        "This image is 120 × 100 pixels, which is more than the 0.01 megapixels accepted. "
        "Scale it down (3000 pixels on the long side is plenty) and upload it again."
    ]


def test_an_upload_over_the_size_limit_is_refused(superuser_client, settings, media_root):
    content = image_bytes(400, 300)
    settings.IMAGE_MAX_UPLOAD_BYTES = len(content) - 1

    response = upload(superuser_client, "lesion.jpg", content)

    assert response.status_code == 200
    [message] = error_messages(response.content.decode())
    assert message.startswith("This file is ")
    assert "images may be at most" in message
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("field", ["alt_text", "credit"])
def test_alt_text_and_credit_are_required(superuser_client, media_root, field):
    response = upload(superuser_client, "lesion.jpg", image_bytes(800, 600), **{field: " "})

    assert response.status_code == 200
    assert error_messages(response.content.decode()) == ["This field is required."]
    assert list(response.context["adminform"].form.errors) == [field]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_is_required(superuser_client):
    response = superuser_client.post(
        ADD_URL, {"alt_text": "Patches", "credit": "Peakstock/Adobe Stock", "kind": "stock"}
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["file"]


def test_the_file_input_offers_only_accepted_formats(superuser_client):
    page = superuser_client.get(ADD_URL).content.decode()

    [file_input] = [tag for tag in elements(page, "input") if tag.get("name") == "file"]
    assert file_input["accept"] == "image/jpeg,image/png,image/webp,image/gif"


def test_editing_the_caption_keeps_the_file_and_its_renditions(superuser_client, media_root):
    image = make_image(1000, 500)
    before = stored_files(media_root)
    change_url = f"/admin/images/image/{image.pk}/change/"
    data = form_data_from(superuser_client.get(change_url).content.decode(), "image_form")
    data["caption"] = "After 24 weeks of treatment."

    response = superuser_client.post(change_url, data)

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "After 24 weeks of treatment."
    assert image.file.name == before[0]
    assert stored_files(media_root) == before


def test_a_refused_replacement_keeps_the_stored_image(superuser_client, media_root):
    image = make_image(1000, 500)
    before = stored_files(media_root)
    change_url = f"/admin/images/image/{image.pk}/change/"
    data = form_data_from(superuser_client.get(change_url).content.decode(), "image_form")
    data["file"] = SimpleUploadedFile("notes.jpg", b"not a picture")

    response = superuser_client.post(change_url, data)

    assert response.status_code == 200
    assert error_messages(response.content.decode()) == [REFUSED_FILES["not an image"][2]]
    # No broken preview of renditions the refused file never got.
    media = [tag["src"] for tag in elements(response.content.decode(), "img")]
    media = [src for src in media if src.startswith(default_storage.base_url)]
    assert all(default_storage.exists(src.removeprefix(default_storage.base_url)) for src in media)
    image.refresh_from_db()
    assert image.file.name == before[0]
    assert stored_files(media_root) == before


def test_change_form_previews_a_rendition(superuser_client):
    image = make_image(1000, 500, alt_text="Patches on the <hands>")

    page = superuser_client.get(f"/admin/images/image/{image.pk}/change/").content.decode()

    preview = [tag for tag in elements(page, "img") if tag.get("src") == image.rendition_800.url]
    assert [tag["alt"] for tag in preview] == ["Patches on the <hands>"]


def test_changelist_shows_thumbnails_and_searches(superuser_client):
    hands = make_image(alt_text="Patches on both hands", credit="Jane Doe")
    make_image(alt_text="Plaque psoriasis on the elbow", credit="DermNet")

    page = superuser_client.get(CHANGELIST_URL, {"q": "hands"})

    assert list(page.context["cl"].result_list) == [hands]
    thumbnails = [tag["src"] for tag in elements(page.content.decode(), "img")]
    assert hands.thumbnail.url in thumbnails
    assert stored_picture(hands.thumbnail.url).size == (240, 120)


def test_changelist_filters_by_kind(superuser_client):
    chart = make_image(kind="chart")
    make_image(kind="stock")

    page = superuser_client.get(CHANGELIST_URL)
    kind_filter = page.context["cl"].filter_specs[0]
    choices = {
        choice["display"]: choice["query_string"]
        for choice in kind_filter.choices(page.context["cl"])
    }
    filtered = superuser_client.get(CHANGELIST_URL + choices["Chart"])

    assert list(filtered.context["cl"].result_list) == [chart]


def test_add_another_popup_returns_the_new_image(superuser_client):
    """The "+" next to the article form's lead image opens this form in a popup."""
    response = superuser_client.post(
        f"{ADD_URL}?_to_field=id&_popup=1",
        {
            "_popup": "1",
            "_to_field": "id",
            "file": SimpleUploadedFile("lesion.jpg", image_bytes(800, 600)),
            "alt_text": "Patches on both hands",
            "credit": "Peakstock/Adobe Stock",
            "kind": "stock",
        },
    )

    assert response.status_code == 200
    image = Image.objects.get()
    popup = json.loads(response.context["popup_response_data"])
    assert popup == {"value": str(image.pk), "obj": "Patches on both hands"}


# What the article form's lead-image autocomplete asks for.
LEAD_IMAGE_FIELD = {"app_label": "articles", "model_name": "article", "field_name": "lead_image"}


def test_autocomplete_finds_images_by_alt_text_caption_and_credit(superuser_client):
    hands = make_image(alt_text="Patches on both hands", caption="Before", credit="Jane Doe")
    elbow = make_image(alt_text="Plaque on the elbow", caption="Psoriasis", credit="DermNet")

    def search(term):
        response = superuser_client.get("/admin/autocomplete/", {**LEAD_IMAGE_FIELD, "term": term})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        return response.json()["results"]

    assert search("hands") == [{"id": str(hands.pk), "text": "Patches on both hands"}]
    assert search("psoriasis") == [{"id": str(elbow.pk), "text": "Plaque on the elbow"}]
    assert search("dermnet") == [{"id": str(elbow.pk), "text": "Plaque on the elbow"}]


def test_an_editor_can_upload(editor_client):
    response = upload(editor_client, "lesion.jpg", image_bytes(800, 600))

    assert response.status_code == 302
    assert Image.objects.get().uploaded_by.username == "editor"
