"""Staff preview: any article in any state, as readers will see it, for staff only."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles import workflow
from tests.builders import make_article, make_draft, make_editor, make_writer

pytestmark = pytest.mark.django_db


class PageReader(HTMLParser):
    """What matters here of a page: robots meta, the banner's text, the h1."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.robots, self.banner, self.h1 = None, "", ""
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "robots":
            self.robots = attrs.get("content")
        if tag == "div" and "preview-banner" in (attrs.get("class") or ""):
            self._in = "banner"
        if tag == "h1":
            self._in = "h1"

    def handle_endtag(self, tag):
        if (tag, self._in) in {("div", "banner"), ("h1", "h1")}:
            self._in = None

    def handle_data(self, data):
        if self._in == "banner":
            self.banner += data
        elif self._in == "h1":
            self.h1 += data


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
    page = PageReader(response.content.decode())
    assert page.h1 == "Embargoed approval"
    assert "Preview — not published" in page.banner
    assert workflow.STATE_LABELS[state] in page.banner
    assert page.robots == "noindex, nofollow"
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


class ViewOnSiteLink(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.href = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "viewsitelink" in (attrs.get("class") or ""):
            self.href = attrs["href"]


def test_view_on_site_goes_to_the_preview_until_published(client):
    client.force_login(make_editor())
    draft = make_draft("Draft to view")
    live = make_article("Live to view")

    for article, expected in [(draft, preview_url(draft)), (live, live.get_absolute_url())]:
        page = client.get(f"/admin/articles/article/{article.pk}/change/")
        link = ViewOnSiteLink(page.content.decode()).href
        assert link == expected
        assert client.get(link).status_code == 200
