"""HTTP caching: validators and 304s on reader pages and feeds, public
Cache-Control for anonymous readers, private no-store for staff, admin and preview."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_max_age
from django.utils.http import http_date

from articles import services
from tests.builders import make_article, make_topic
from tests.pagecache.conftest import use_cache

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def article():
    return make_article("Dupilumab in prurigo nodularis", primary_topic=make_topic("Prurigo"))


def reader_urls(article):
    return [
        "/",
        article.get_absolute_url(),
        article.primary_topic.get_absolute_url(),
        reverse("feeds:latest"),
        reverse("feeds:topic", kwargs={"slug": article.primary_topic.slug}),
        reverse("sitemap"),
    ]


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_anonymous_reader_pages_are_public_for_a_minute(client, article):
    for url in reader_urls(article):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response) == {"public", "max-age=60", "s-maxage=60"}, url
        assert response.has_header("ETag") and response.has_header("Last-Modified"), url


@pytest.mark.parametrize("cache", [None, "locmem", "redis"])
def test_conditional_get_answers_304_then_200_after_a_change(settings, cache, client, article):
    if cache:
        use_cache(settings, cache)
    url = article.get_absolute_url()
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    for _ in range(2):  # from the page cache the second time, when it is on
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304
        assert again["ETag"] == etag
        if cache:  # uncached, Last-Modified is the time of each rendering
            assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    packed = client.get(url, headers={"accept-encoding": "gzip"})
    assert (
        client.get(
            url, headers={"accept-encoding": "gzip", "if-none-match": packed["ETag"]}
        ).status_code
        == 304
    )

    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        article.headline = "Dupilumab in prurigo nodularis: one-year data"
        services.save_article(article, by=None)
        changed = client.get(url, headers={"if-none-match": etag})
        assert changed.status_code == 200
        assert changed["ETag"] != etag
        assert client.get(url, headers={"if-modified-since": modified}).status_code == 200


def test_feeds_answer_304_to_their_own_validators(page_cache, client, article):
    url = reverse("feeds:latest")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def never_cached(response):
    found = directives(response)
    return "private" in found and "no-store" in found and get_max_age(response) in (None, 0)


def test_staff_admin_and_preview_are_never_cached(page_cache, client, reader, article):
    from django.contrib.auth.models import User

    User.objects.create_user("staffer", password="pw-12345678", is_staff=True, is_superuser=True)
    assert client.login(username="staffer", password="pw-12345678")
    draft = make_article(
        "Embargoed", status="draft", published_at=None, primary_topic=article.primary_topic
    )

    for url in reader_urls(article) + [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("articles:preview", kwargs={"pk": draft.pk}),
    ]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert never_cached(response), url
            assert "X-Cache" not in response, url

    # Nothing a staff member saw reached the readers' cache.
    response = reader.get(article.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert "public" in directives(response)


def test_the_admin_login_page_is_not_cached_for_anonymous_visitors(page_cache, reader):
    response = reader.get(reverse("admin:login"))
    assert never_cached(response)
    assert "X-Cache" not in response


def test_responses_setting_cookies_or_not_found_are_not_cached(page_cache, reader):
    assert reader.get("/no-such-page/").status_code == 404
    assert reader.get("/no-such-page/").get("X-Cache") == "miss"


def test_last_modified_is_when_the_page_was_made(page_cache, reader, article):
    moment = timezone.now().replace(microsecond=0) + timedelta(days=1)
    with time_machine.travel(moment, tick=False):
        services.save_article(article, by=None)
        assert reader.get("/")["Last-Modified"] == http_date(moment.timestamp())


def test_robots_txt_never_touches_the_cache(page_cache, reader):
    for _ in range(2):
        response = reader.get("/robots.txt")
        assert response.status_code == 200
        assert "X-Cache" not in response
