"""About us, the policies and contact: editable pages every footer links."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import PolicyPage
from tests.builders import POLICY_LINKS, make_article, make_editor
from tests.pages import parse, visible_text

pytestmark = pytest.mark.django_db


def footer_links(response):
    footer = parse(response).find("footer")
    return dict(footer.links())


PAGES = ["/", "/topics/", "/authors/", "/search/", "ARTICLE", *POLICY_LINKS]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_footer_links_the_six_policy_pages(client, path):
    article = make_article("Ruxolitinib cream for vitiligo")
    if path == "ARTICLE":
        path = article.get_absolute_url()

    response = client.get(path)

    assert response.status_code == 200
    links = footer_links(response)
    for href, text in POLICY_LINKS.items():
        assert links.get(href) == text


def test_the_footer_costs_no_query(client):
    """The footer links the pages by URL name: no page reads the policy pages' table."""
    make_article()
    for path in ("/", "/no-such-page/"):
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        assert queries.captured_queries
        assert not [q for q in queries.captured_queries if "newsroom_policypage" in q["sql"]]


# (address, a sentence from the demo text that says what this portal really is)
PAGE_TEXT = [
    ("/about/", "demonstration news portal for dermatology clinicians"),
    ("/editorial-policy/", "only an editor can publish"),
    ("/corrections-policy/", "dated note at the foot of the article"),
    ("/advertising-policy/", "No advertising is sold on this demo site"),
    ("/privacy/", "No tracking cookies"),
    ("/privacy/", "staff session cookie"),
    ("/contact/", "Example address only"),
]


@pytest.mark.parametrize(("path", "text"), PAGE_TEXT)
def test_each_policy_page_shows_its_text(client, path, text):
    response = client.get(path)

    assert response.status_code == 200
    page = parse(response)
    assert page.find("h1").text == POLICY_LINKS[path]
    assert text in visible_text(response)


def test_unknown_pages_are_404(client):
    assert client.get("/pages/no-such-policy/").status_code == 404
    assert client.get("/cookies/").status_code == 404


def test_an_extra_page_lives_under_pages_and_footer_pages_have_one_address(client):
    PolicyPage.objects.create(title="Team", slug="team", body="Our **editors**.")

    assert "Our editors." in visible_text(client.get("/pages/team/"))
    response = client.get("/pages/about/")
    assert response.status_code == 301 and response["Location"] == "/about/"


def test_body_markdown_is_sanitised(client):
    page = PolicyPage.objects.get(slug="about")
    page.body = 'Hello <script>alert("x")</script> [link](javascript:alert(1)) **bold**'
    page.save()

    html = parse(client.get("/about/"))
    body = html.find(cls="policy-page__body")
    assert body.find("script") is None
    assert all(not (href or "").startswith("javascript") for href, _ in body.links())
    assert body.find("strong").text == "bold"


def test_an_editor_edits_a_policy_page_in_the_admin(client):
    client.force_login(make_editor())
    page = PolicyPage.objects.get(slug="privacy")

    response = client.post(
        f"/admin/newsroom/policypage/{page.pk}/change/",
        {"title": "Privacy", "body": "We set **no** cookies for readers."},
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.slug == "privacy"  # the footer's pages keep their address
    assert "We set no cookies for readers." in visible_text(client.get("/privacy/"))
    # Deleting a page the footer links is not offered.
    assert client.get(f"/admin/newsroom/policypage/{page.pk}/delete/").status_code == 403


def test_writers_cannot_change_policy_pages(client):
    from tests.builders import make_writer

    client.force_login(make_writer())
    page = PolicyPage.objects.get(slug="about")
    assert client.get(f"/admin/newsroom/policypage/{page.pk}/change/").status_code == 403
    assert not User.objects.get(username="writer").has_perm("newsroom.change_policypage")
