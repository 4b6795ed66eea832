"""Clinical photographs: skin type, consent, no publication without consent, the gallery."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages

from articles import services
from articles.models import Article
from articles.workflow import WorkflowError
from images.models import Image
from tests.builders import (
    form_data_from,
    get_topic,
    make_article,
    make_draft,
    make_editor,
    make_topic,
)
from tests.images.builders import error_messages, make_image
from tests.pages import parse

pytestmark = pytest.mark.django_db

CLINICAL = Image.Kind.CLINICAL


def clinical_image(skin_type="IV", consent=True, **overrides):
    return make_image(
        800, 600, kind=CLINICAL, skin_type=skin_type, consent_on_file=consent, **overrides
    )


# -- The image ---------------------------------------------------------------------


def test_a_clinical_photograph_needs_a_skin_type_but_not_yet_consent(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.images.builders import image_bytes

    client.force_login(make_editor())

    def upload(**fields):
        data = {
            "file": SimpleUploadedFile("hands.jpg", image_bytes(600, 400)),
            "alt_text": "Depigmented patches on both hands",
            "credit": "Clinic archive",
            "kind": "clinical",
            **fields,
        }
        return client.post("/admin/images/image/add/", data)

    refused = upload()
    assert error_messages(refused.content.decode()) == [
        "Give the Fitzpatrick skin type of a clinical photograph."
    ]
    assert upload(skin_type="V").status_code == 302
    image = Image.objects.get()
    assert (image.kind, image.skin_type, image.consent_on_file) == (CLINICAL, "V", False)


# -- No publication without consent -------------------------------------------------


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_the_change_form_refuses_to_publish_without_consent(client):
    client.force_login(make_editor())
    image = clinical_image(consent=False)
    article = make_draft("Vitiligo on darker skin", lead_image=image)

    page = client.get(change_url(article))
    data = form_data_from(page.content.decode(), "article_form")
    data.update(state="published", _save="Save")
    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert Image.NO_CONSENT_MESSAGE in error_messages(response.content.decode())
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    # Once consent is on file, the same form publishes.
    image.consent_on_file = True
    image.save()
    page = client.get(change_url(article))
    data = form_data_from(page.content.decode(), "article_form")
    data.update(state="published", _save="Save")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_the_bulk_action_refuses_and_says_why(client):
    client.force_login(make_editor())
    blocked = make_draft("Blocked", lead_image=clinical_image(consent=False))
    fine = make_draft("Fine", lead_image=clinical_image(consent=True))

    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_now", ACTION_CHECKBOX_NAME: [blocked.pk, fine.pk]},
    )

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert f"Not changed: “Blocked”: {Image.NO_CONSENT_MESSAGE}" in messages
    blocked.refresh_from_db()
    fine.refresh_from_db()
    assert blocked.status == Article.Status.DRAFT
    assert fine.status == Article.Status.PUBLISHED


def test_the_service_refuses_publishing_and_scheduling_for_every_caller():
    from tests.builders import tomorrow

    article = make_draft(lead_image=clinical_image(consent=False))

    with pytest.raises(WorkflowError, match="without patient consent"):
        services.publish(article, by=None)
    with pytest.raises(WorkflowError, match="without patient consent"):
        services.publish(article, by=None, at=tomorrow())
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize("kind", [Image.Kind.STOCK, Image.Kind.DIAGRAM, Image.Kind.CHART])
def test_other_kinds_need_no_consent(kind):
    article = make_draft(lead_image=make_image(800, 600, kind=kind))

    services.publish(article, by=None)

    assert article.status == Article.Status.PUBLISHED


# -- The gallery ---------------------------------------------------------------------


def gallery(client, topic, **params):
    response = client.get(f"/topics/{topic.slug}/images/", params)
    assert response.status_code == 200
    return parse(response)


def shown_alts(page):
    return (
        [img.attrs["alt"] for img in page.find(cls="gallery").find_all("img")]
        if page.find(cls="gallery")
        else []
    )


def test_gallery_filters_by_skin_type_and_shows_only_consented_published_images(client):
    vitiligo = get_topic("vitiligo")
    make_article("Type IV", lead_image=clinical_image("IV", alt_text="Patches, type IV"))
    make_article("Type II", lead_image=clinical_image("II", alt_text="Patches, type II"))
    make_article(
        "No consent", lead_image=clinical_image("IV", consent=False, alt_text="No consent")
    )
    make_draft("Draft", lead_image=clinical_image("IV", alt_text="Draft image"))
    make_article(
        "Stock",
        lead_image=make_image(800, 600, kind=Image.Kind.STOCK, alt_text="Stock image"),
    )
    other = make_topic("Acne elsewhere")
    make_article(
        "Elsewhere", primary_topic=other, lead_image=clinical_image("IV", alt_text="Elsewhere")
    )

    assert sorted(shown_alts(gallery(client, vitiligo))) == ["Patches, type II", "Patches, type IV"]
    page = gallery(client, vitiligo, skin_type="IV")
    assert shown_alts(page) == ["Patches, type IV"]
    assert shown_alts(gallery(client, vitiligo, skin_type="VI")) == []
    current = page.find(cls="gallery-filter").find("a", **{"aria-current": "page"})
    assert current.text == "IV"


def test_each_image_has_caption_credit_skin_type_and_its_article(client):
    image = clinical_image("III", caption="Before treatment.", credit="Clinic archive")
    article = make_article("Ruxolitinib on type III skin", lead_image=image)

    [item] = gallery(client, get_topic("vitiligo")).find_all(cls="gallery__item")

    assert item.find("img").attrs["alt"] == image.alt_text
    assert item.find(cls="caption").text == "Before treatment."
    assert item.find(cls="credit").text == "Photo: Clinic archive"
    assert item.find(cls="gallery__skin-type").text == "Fitzpatrick skin type III"
    assert item.links()[-1] == (article.get_absolute_url(), "Ruxolitinib on type III skin")


def test_gallery_includes_subtopics_and_unknown_topics_are_404(client):
    parent = make_topic("Pigment disorders")
    child = make_topic("Melasma here", parent=parent)
    make_article("Melasma", primary_topic=child, lead_image=clinical_image(alt_text="Melasma"))

    assert shown_alts(gallery(client, parent)) == ["Melasma"]
    assert client.get("/topics/no-such-topic/images/").status_code == 404


def test_gallery_queries_do_not_grow_with_images(client, django_assert_max_num_queries):
    vitiligo = get_topic("vitiligo")
    make_article(lead_image=clinical_image())
    client.get(f"/topics/{vitiligo.slug}/images/")  # warm the site settings
    with django_assert_max_num_queries(20) as small:
        client.get(f"/topics/{vitiligo.slug}/images/")
    for _ in range(5):
        make_article(lead_image=clinical_image())
    with django_assert_max_num_queries(20) as large:
        client.get(f"/topics/{vitiligo.slug}/images/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_migration_maps_old_kinds_to_new_ones():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("images.migrations.0002_clinical_images")
    old = ["photo", "clinical", "illustration", "chart", "other"]
    images = [make_image(60, 40, kind=kind) for kind in old]

    migration.rename_kinds(migration.NEW_KINDS)(apps, None)

    assert [Image.objects.get(pk=image.pk).kind for image in images] == [
        "stock",
        "clinical",
        "diagram",
        "chart",
        "stock",
    ]


def test_consent_cannot_be_withdrawn_while_a_published_article_leads_with_it(client):
    client.force_login(make_editor())
    image = clinical_image(consent=True)
    make_article("Live with a patient photo", lead_image=image)
    url = f"/admin/images/image/{image.pk}/change/"
    data = form_data_from(client.get(url).content.decode(), "image_form")
    data.pop("consent_on_file", None)

    response = client.post(url, data)

    assert response.status_code == 200
    [message] = error_messages(response.content.decode())
    assert "“Live with a patient photo”" in message
    image.refresh_from_db()
    assert image.consent_on_file
