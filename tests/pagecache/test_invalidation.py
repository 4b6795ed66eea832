"""With the page cache on, what an editor changes shows on the very next request of
every page that displays it, in local memory and in Redis."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Reference
from newsroom.models import SiteSettings
from tests.builders import make_article, make_author, make_editor, make_topic
from tests.pages import parse, visible_text

# Saves must commit for their invalidation to run, as in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story():
    topic = make_topic("Hidradenitis trials")
    author = make_author("Ana Ruiz")
    article = make_article(
        "Bimekizumab holds response at two years",
        deck="Most patients kept their clearance.",
        primary_topic=topic,
        authors=[author],
        references=1,
        tags=["bimekizumab"],
    )
    return article


def pages_of(article):
    """Every reader page and feed that lists or shows the article."""
    topic = article.primary_topic
    return [
        "/",
        article.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("feeds:latest"),
        reverse("feeds:topic", kwargs={"slug": topic.slug}),
        reverse("articles:tag", kwargs={"slug": "bimekizumab"}),
        article.bylines.get().author.get_absolute_url(),
    ]


def warm(reader, urls):
    """Fetch each page twice: the second answer comes from the cache."""
    for url in urls:
        assert reader.get(url).status_code == 200, url
        assert reader.get(url)["X-Cache"] == "hit", url


def test_anonymous_pages_are_served_from_the_cache(page_cache, reader, story):
    urls = pages_of(story)
    warm(reader, urls)
    # A write that tells no one (no signal, no invalidation) is not seen: the
    # pages really come from the cache.
    Article.objects.filter(pk=story.pk).update(headline=Concat(F("headline"), Value(" (x)")))
    for url in urls:
        response = reader.get(url)
        assert response["X-Cache"] == "hit"
        assert "(x)" not in visible_text(response), url


def test_an_edited_headline_shows_on_every_page_at_once(page_cache, reader, story):
    urls = pages_of(story)
    warm(reader, urls)

    story.headline = "Bimekizumab response holds at three years"
    services.save_article(story, by=None)

    for url in urls:
        response = reader.get(url)
        assert response["X-Cache"] == "miss", url
        assert "Bimekizumab response holds at three years" in visible_text(response), url
        assert "holds response at two years" not in visible_text(response), url


def test_an_edited_reference_shows_on_the_article(page_cache, reader, story):
    url = story.get_absolute_url()
    warm(reader, [url])
    reference = Reference.objects.get(article=story)
    reference.title = "Two-year results of BE HEARD EXT"
    reference.save()

    page = parse(reader.get(url))
    assert "Two-year results of BE HEARD EXT" in page.find("main").text


def test_a_renamed_topic_shows_on_every_page(page_cache, reader, story):
    urls = [u for u in pages_of(story) if "/tags/" not in u and "/authors/" not in u]
    warm(reader, urls)
    topic = story.primary_topic
    topic.name = "Hidradenitis (acne inversa)"
    topic.save()

    for url in urls:
        assert "Hidradenitis (acne inversa)" in visible_text(reader.get(url)), url


def test_the_publisher_name_shows_in_every_footer(page_cache, reader, story):
    urls = ["/", story.get_absolute_url(), story.primary_topic.get_absolute_url()]
    warm(reader, urls)
    settings_row = SiteSettings.load()
    settings_row.publisher_name = "Skin Press Ltd"
    settings_row.save()

    for url in urls:
        assert "Skin Press Ltd" in parse(reader.get(url)).find("footer").text, url


def test_unpublishing_with_the_admin_bulk_action_removes_it_everywhere(
    page_cache, reader, client, story
):
    urls = pages_of(story)
    warm(reader, urls)
    make_editor()
    assert client.login(username="editor", password="editor-pass-123")

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "back_to_draft", "_selected_action": [story.pk]},
    )
    assert response.status_code == 302

    assert reader.get(story.get_absolute_url()).status_code == 404
    for url in [u for u in urls if u != story.get_absolute_url()]:
        response = reader.get(url)
        assert response.status_code in (200, 404), url  # the tag page has no article left
        assert "Bimekizumab holds response" not in visible_text(response), url


def test_a_deleted_article_leaves_every_page(page_cache, reader, story):
    urls = pages_of(story)
    warm(reader, urls)
    story.delete()
    for url in urls:
        assert "Bimekizumab holds response" not in visible_text(reader.get(url)), url


def test_a_scheduled_article_appears_at_its_time_on_cached_pages(page_cache, reader, story):
    goes_live = timezone.now() + timedelta(hours=2)
    scheduled = make_article(
        "Topical ruxolitinib approved for children",
        primary_topic=story.primary_topic,
        status=Article.Status.PUBLISHED,
        published_at=goes_live,
    )
    urls = ["/", story.primary_topic.get_absolute_url(), reverse("feeds:latest")]
    warm(reader, urls)
    for url in urls:
        assert scheduled.headline not in visible_text(reader.get(url)), url

    with time_machine.travel(goes_live - timedelta(seconds=5), tick=False):
        for url in urls:
            response = reader.get(url)
            assert scheduled.headline not in visible_text(response), url
    with time_machine.travel(goes_live + timedelta(seconds=1), tick=False):
        for url in urls:
            assert scheduled.headline in visible_text(reader.get(url)), url
        assert reader.get(scheduled.get_absolute_url()).status_code == 200


def test_query_strings_are_cached_apart_and_in_any_order(page_cache, reader, story):
    for n in range(3):
        make_article(f"Filler {n}", primary_topic=story.primary_topic)
    url = story.primary_topic.get_absolute_url()
    first = reader.get(url, {"page": "1", "x": "1"})
    assert first["X-Cache"] == "miss"
    assert reader.get(f"{url}?x=1&page=1")["X-Cache"] == "hit"
    assert reader.get(f"{url}?page=2&x=1")["X-Cache"] == "miss"


def test_gzipped_and_plain_bodies_are_cached_apart(page_cache, reader, story):
    url = story.get_absolute_url()
    plain = reader.get(url)
    packed = reader.get(url, headers={"accept-encoding": "gzip"})
    assert packed["X-Cache"] == "miss"
    assert reader.get(url, headers={"accept-encoding": "gzip"})["Content-Encoding"] == "gzip"
    again = reader.get(url)
    assert again["X-Cache"] == "hit"
    assert "Content-Encoding" not in again
    assert again.content == plain.content


def test_generate_archive_and_its_removal_reach_cached_pages(page_cache, settings, reader, story):
    """Bulk writes send no signals; the command invalidates once when done."""

    def uncached_text(url):
        settings.PAGE_CACHE = False
        try:
            return visible_text(reader.get(url))
        finally:
            settings.PAGE_CACHE = True

    urls = ["/", reverse("feeds:latest")]
    warm(reader, urls)
    before = {url: visible_text(reader.get(url)) for url in urls}
    call_command("generate_archive", "--articles", "5", "--force", verbosity=0)
    for url in urls:
        shown = visible_text(reader.get(url))
        assert shown != before[url], url
        assert shown == uncached_text(url), url
    assert "Synthetic article for load testing" in visible_text(reader.get(urls[1]))
    call_command("generate_archive", "--remove", "--force", verbosity=0)
    for url in urls:
        assert visible_text(reader.get(url)) == before[url], url
