"""The article's lead image as readers get it: resized copies with srcset, its size
reserved, lazy only below the fold, and a credit only with its photo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from images.models import Image
from tests.builders import form_data_from, make_article, make_editor
from tests.images.builders import image_bytes, make_image
from tests.pages import parse, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def images_and_captions(response):
    """Every <img> of the page's content (its attributes; the site's logo in the header
    and footer is not content) and the text of each <figcaption>."""
    page = parse(response).find("main")
    return (
        [image.attrs for image in page.find_all("img")],
        [caption.text for caption in page.find_all("figcaption")],
    )


def test_editor_picks_an_uploaded_image_and_readers_get_renditions(client):
    client.force_login(make_editor())
    image = make_image(2400, 1600, caption="Repigmentation at week 24")
    article = make_article("Ruxolitinib cream repigments vitiligo")
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data_from(client.get(change).content.decode(), "article_form")

    response = client.post(change, {**data, "lead_image": image.pk, "_save": "Save"})

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).lead_image == image
    images, captions = images_and_captions(client.get(article.get_absolute_url()))
    (lead,) = images
    assert lead["alt"] == "Depigmented patches on both hands"
    widths = [int(entry.split()[1].rstrip("w")) for entry in lead["srcset"].split(", ")]
    assert widths == [480, 800, 1200, 1600]
    assert image.file.url not in lead["srcset"] and lead["src"] != image.file.url
    assert (lead["width"], lead["height"]) == ("800", "533")
    assert "loading" not in lead  # the lead image is above the fold
    assert lead["sizes"]
    assert captions == ["Repigmentation at week 24 Photo: Peakstock/Adobe Stock"]


def test_cards_below_the_fold_load_their_images_lazily(client):
    image = make_image(1200, 800)
    make_article("Lead story", featured=True)
    make_article("Second story", lead_image=image)

    images, _ = images_and_captions(client.get("/"))

    (card_image,) = images
    assert card_image["loading"] == "lazy"
    assert card_image["width"] and card_image["height"]


def test_without_an_image_no_figure_and_no_credit_even_if_the_source_had_one(client):
    article = make_article("Imported story", source_photo_credit="Peakstock/Adobe Stock")

    response = client.get(article.get_absolute_url())

    assert images_and_captions(response) == ([], [])
    assert "Peakstock" not in visible_text(response)


def test_an_image_in_use_cannot_be_deleted_from_under_an_article(client):
    client.force_login(make_editor())
    image = make_image(800, 600)
    make_article("Illustrated story", lead_image=image)

    response = client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})

    assert response.status_code == 200  # the admin explains what protects it
    assert Image.objects.filter(pk=image.pk).exists()


def test_image_upload_from_the_article_form_popup_requires_alt_and_credit(client):
    client.force_login(make_editor())
    upload = SimpleUploadedFile("hands.jpg", image_bytes(900, 600), content_type="image/jpeg")
    response = client.post(
        "/admin/images/image/add/?_to_field=id&_popup=1",
        {"file": upload, "alt_text": "", "credit": "", "kind": "stock", "_popup": "1"},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "alt_text" in errors and "credit" in errors
    assert not Image.objects.exists()


def test_the_article_form_preview_names_its_source_and_the_preview_view_answers_staff_only(
    client,
):
    image = make_image(1200, 800, caption="Week 24", credit="Clinic photo")
    article = make_article("Needs a picture")
    url = f"/admin/articles/article/lead-image-preview/{image.pk}/"

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_editor())
    form = parse(client.get(f"/admin/articles/article/{article.pk}/change/"))
    box = form.find("div", cls="lead-image-preview")
    assert box.text == "No image yet."
    assert box.attrs["data-preview-url"] == "/admin/articles/article/lead-image-preview/0/"

    answer = client.get(url).json()

    assert answer == {
        "thumbnail": image.thumbnail.url,
        "alt": image.alt_text,
        "caption": "Week 24",
        "credit": "Clinic photo",
    }
    assert client.get("/admin/articles/article/lead-image-preview/999999/").status_code == 404
