"""Staff preview: any article in any state, as readers will see it, for staff only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from tests.builders import make_article, make_draft, make_editor, make_writer
from tests.pages import parse

pytestmark = pytest.mark.django_db


def preview_url(article):
    return f"/preview/articles/{article.pk}/"


@pytest.mark.parametrize(
    "state", [workflow.DRAFT, workflow.REVIEW, workflow.SCHEDULED, workflow.ARCHIVED]
)
def test_staff_preview_any_state_with_banner_noindex_and_no_cache(client, state):
    fields = {"status": state, "published_at": None}
    if state == workflow.SCHEDULED:
        fields = {"status": "published", "published_at": timezone.now() + timedelta(days=1)}
    article = make_article("Embargoed approval", **fields)
    client.force_login(make_editor())

    response = client.get(preview_url(article))

    assert response.status_code == 200
    page = parse(response)
    banner = page.find("div", cls="preview-banner").text
    assert page.find("h1").text == "Embargoed approval"
    assert "Preview — not published" in banner
    assert workflow.STATE_LABELS[state] in banner
    assert page.find("meta", name="robots").attrs["content"] == "noindex, nofollow"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # The public address of the same article is still a 404.
    assert client.get(article.get_absolute_url()).status_code == 404


def test_writer_previews_too(client):
    writer = make_writer()
    draft = make_draft("Writer's draft", created_by=writer)
    client.force_login(writer)

    assert client.get(preview_url(draft)).status_code == 200


def test_public_gets_404_at_the_preview_address(client, django_user_model):
    draft = make_draft("Secret draft")

    assert client.get(preview_url(draft)).status_code == 404
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert client.get(preview_url(draft)).status_code == 404
    assert client.get("/preview/articles/999999/").status_code == 404


def test_view_on_site_goes_to_the_preview_until_published(client):
    client.force_login(make_editor())
    draft = make_draft("Draft to view")
    live = make_article("Live to view")

    for article, expected in [(draft, preview_url(draft)), (live, live.get_absolute_url())]:
        page = client.get(f"/admin/articles/article/{article.pk}/change/")
        link = parse(page).find("a", cls="viewsitelink").attrs["href"]
        assert link == expected
        assert client.get(link).status_code == 200
