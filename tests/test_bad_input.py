"""Bad input gets a clear answer with the site's own page, never a server error:
wrong methods, odd page numbers, unknown and odd slugs, odd query strings,
malformed uploads. tests/test_fuzz.py generates more of the same."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders import make_article, make_author, make_topic
from tests.pages import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    topic = make_topic("Bad input topic", slug="bad-input-topic")
    return make_article(
        "Bad input article",
        slug="bad-input-article",
        authors=[make_author("Bad Input Author", slug="bad-input-author")],
        primary_topic=topic,
        tags=["bad input tag"],
    )


def reader_pages(article):
    return [
        "/",
        article.get_absolute_url(),
        article.primary_topic.get_absolute_url(),
        reverse("search:results"),
        reverse("feeds:latest"),
        reverse("feeds:topic_atom", kwargs={"slug": article.primary_topic.slug}),
        reverse("sitemap"),
        reverse("robots"),
        reverse("articles:references_ris", kwargs={"slug": article.slug}),
    ]


def heading(response):
    return parse(response).find("h1").text


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_reader_pages_answer_other_methods_with_405_and_our_page(article, method):
    # As in production, with the CSRF check on: the answer is 405, not CSRF's 403.
    client = Client(enforce_csrf_checks=True)
    for path in reader_pages(article):
        response = client.generic(method, path, b"q=1", "application/x-www-form-urlencoded")

        assert response.status_code == 405, (method, path)
        assert response["Allow"] == "GET, HEAD"
        assert heading(response) == "Not allowed here"
        assert parse(response).find("nav", **{"aria-label": "Topics"}) is not None


def test_head_still_reads_a_page(client, article):
    assert client.head(article.get_absolute_url()).status_code == 200


def test_an_admin_form_without_its_csrf_token_gets_our_403_page(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert heading(response) == "This form has expired"


def test_the_admin_login_still_takes_posts(admin_user):
    response = Client().post(reverse("admin:login"), {"username": "admin", "password": "password"})
    assert response.status_code == 302


@pytest.mark.parametrize("page", ["0", "-1", str(10**30), "abc", "1.5", "", "٣", "%zz"])
def test_odd_page_numbers_never_fail(client, article, page):
    for path in [
        article.primary_topic.get_absolute_url(),
        article.authors.get().get_absolute_url(),
        article.tags.get().get_absolute_url(),
        reverse("articles:tags"),
        reverse("images:gallery", kwargs={"slug": article.primary_topic.slug}),
        reverse("search:results"),
    ]:
        response = client.get(f"{path}?page={page}&q=bad")

        assert response.status_code in {200, 404}, (path, page)
        if response.status_code == 404:
            assert heading(response) == "Page not found"


@pytest.mark.parametrize(
    "slug",
    ["no-such-thing", "a" * 5000, "éαβ-漢字", "%E2%80%AE", "..%2F..", "-", "_"],
    ids=["unknown", "over-long", "non-ascii", "bidi", "dots", "dash", "underscore"],
)
def test_unknown_and_odd_slugs_are_404_with_our_page(client, article, slug):
    for prefix in ["/articles/", "/topics/", "/authors/", "/tags/", "/drugs/", "/pages/"]:
        response = client.get(f"{prefix}{slug}/")

        assert response.status_code == 404, (prefix, slug)
        assert heading(response) == "Page not found"


@pytest.mark.parametrize(
    "query",
    [
        "q=a&q=b&q=c&page=1&page=2",
        "q=%zz&page=%",
        "q=%C0%AE%FF&topic=%E2%80%AE",
        "q=" + "漢" * 2000,
        "topic=no-such&tag=nope&sort=sideways&from=2024-13-45&to=yesterday",
        "from=0001-01-01&to=9999-12-31",
        "skin_type[]=IV&type=%00x",
        "&&&==&;;",
    ],
)
def test_odd_query_strings_never_fail(client, article, query):
    for path in [
        "/",
        reverse("search:results"),
        article.primary_topic.get_absolute_url(),
        reverse("images:gallery", kwargs={"slug": article.primary_topic.slug}),
    ]:
        response = client.get(f"{path}?{query}")

        assert response.status_code in {200, 400, 404}, (path, query)


def test_a_null_byte_gets_our_400_page(client, article):
    response = client.get("/search/?q=a%00b")

    assert response.status_code == 400
    assert heading(response) == "Bad request"


MALFORMED_UPLOADS = {
    "bad part header": (
        b"--xyz\r\nContent-Disposition: form-data; name=\xff\r\n\r\nbroken",
        "multipart/form-data; boundary=xyz",
    ),
    "no boundary": (b"--xyz\r\n\r\nbroken", "multipart/form-data"),
    "bad boundary": (b"anything", "multipart/form-data; boundary=" + "\u00e9" * 3),
    "cut short": (
        b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'
        b"Content-Type: image/png\r\n\r\n\x89PNG",
        "multipart/form-data; boundary=xyz",
    ),
}


@pytest.mark.parametrize(
    ("body", "content_type"), MALFORMED_UPLOADS.values(), ids=MALFORMED_UPLOADS
)
def test_a_malformed_upload_in_the_admin_is_refused_cleanly(admin_client, body, content_type):
    from images.models import Image

    response = admin_client.generic("POST", reverse("admin:images_image_add"), body, content_type)

    # Either the form again with its errors, or our 400 page: never a 500.
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert heading(response) == "Bad request"
    else:
        assert parse(response).find(cls="errornote") is not None
    assert not Image.objects.exists()
