"""RSS 2.0 and Atom feeds: latest, per topic (with subtopics), per tag, per author."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse

from articles.models import Correction
from newsroom.models import SiteSettings
from tests.builders import (
    get_topic,
    make_article,
    make_author,
    make_draft,
    now,
    tomorrow,
    yesterday,
)
from tests.pages import parse
from tests.test_query_counts import count_queries, populate

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def titles(items, ns=""):
    return [item.findtext(f"{ns}title") for item in items]


def make_unpublished_variety():
    make_draft("A draft")
    make_article("In review", status="review")
    make_article("Archived", status="archived")
    make_article("Scheduled", published_at=tomorrow())


def test_latest_feed_lists_only_published_articles_newest_first(client):
    make_unpublished_variety()
    make_article("Older", published_at=yesterday() - timedelta(days=1))
    make_article("Newer")

    channel, items = rss_items(client, "/feed/")
    assert channel.findtext("title") == SiteSettings.load().site_name
    assert titles(items) == ["Newer", "Older"]

    feed, entries = atom_entries(client, "/feed/atom/")
    assert titles(entries, ATOM) == ["Newer", "Older"]
    assert feed.findtext(f"{ATOM}title") == SiteSettings.load().site_name


def test_feed_holds_the_twenty_newest(client):
    for days in range(22):
        make_article(f"Day {days}", published_at=now() - timedelta(days=days + 1))

    _, items = rss_items(client, "/feed/")

    assert titles(items) == [f"Day {days}" for days in range(20)]


def test_rss_item_carries_headline_deck_link_authors_categories_date_and_guid(client):
    article = make_article(
        "Ruxolitinib cream for vitiligo",
        deck="Repigmentation held at week 52.",
        authors=[make_author("Ana Ruiz"), make_author("Ben Ode")],
        topics=[get_topic("drug-watch")],
        tags=["ruxolitinib", "TRuE-V1"],
    )

    _, [item] = rss_items(client, "/feed/")

    assert item.findtext("title") == "Ruxolitinib cream for vitiligo"
    assert item.findtext("description") == "Repigmentation held at week 52."
    assert item.findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert item.findtext(f"{DC}creator") == "Ana Ruiz and Ben Ode"
    assert sorted(c.text for c in item.findall("category")) == sorted(
        ["Vitiligo", "Drug Watch", "ruxolitinib", "TRuE-V1"]
    )
    pubdate = parsedate_to_datetime(item.findtext("pubDate"))
    assert pubdate == article.published_at.replace(microsecond=0)
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text == f"tag:testserver,{article.created_at:%Y-%m-%d}:article-{article.pk}"


def test_atom_entry_carries_author_categories_and_update_time(client):
    article = make_article("Updated story", authors=[make_author("Ana Ruiz")], tags=["jak"])
    update = now() - timedelta(hours=1)
    Correction.objects.create(article=article, kind="update", note="New data.", noted_at=update)
    plain = make_article("Plain story", published_at=yesterday() - timedelta(hours=1))

    _, entries = atom_entries(client, "/feed/atom/")
    by_title = {entry.findtext(f"{ATOM}title"): entry for entry in entries}

    entry = by_title["Updated story"]
    assert entry.findtext(f"{ATOM}summary") == article.deck
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Ana Ruiz"
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"Vitiligo", "jak"}
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == article.published_at
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == update
    assert entry.find(f"{ATOM}link").get("href").endswith(article.get_absolute_url())
    # Without a substantive update, "updated" is the publication time.
    plain_entry = by_title["Plain story"]
    assert datetime.fromisoformat(plain_entry.findtext(f"{ATOM}updated")) == plain.published_at


def test_guid_survives_a_slug_change(client):
    article = make_article("First headline")
    _, [before] = rss_items(client, "/feed/")
    atom_before = atom_entries(client, "/feed/atom/")[1][0].findtext(f"{ATOM}id")

    article.slug = "a-better-headline"
    article.save()
    _, [after] = rss_items(client, "/feed/")

    assert after.findtext("link").endswith("/articles/a-better-headline/")
    assert after.findtext("guid") == before.findtext("guid")
    assert atom_entries(client, "/feed/atom/")[1][0].findtext(f"{ATOM}id") == atom_before


def test_topic_feed_includes_subtopics_and_further_topics(client):
    make_unpublished_variety()  # all under Vitiligo
    make_article("Vitiligo story")
    make_article("Melasma story", primary_topic=get_topic("melasma"))
    make_article(
        "Filed under melasma too", primary_topic=get_topic("acne"), topics=[get_topic("melasma")]
    )
    make_article("Acne only", primary_topic=get_topic("acne"))

    channel, items = rss_items(client, "/topics/pigmentary-disorders/feed/")
    assert set(titles(items)) == {"Vitiligo story", "Melasma story", "Filed under melasma too"}
    assert channel.findtext("link") == "http://testserver/topics/pigmentary-disorders/"

    _, entries = atom_entries(client, "/topics/pigmentary-disorders/feed/atom/")
    assert set(titles(entries, ATOM)) == set(titles(items))


def test_tag_and_author_feeds_list_their_published_articles(client):
    author = make_author("Ana Ruiz")
    make_article("Tagged and by Ana", authors=[author], tags=["ruxolitinib"])
    make_article("Tagged", tags=["ruxolitinib"])
    make_article("By Ana", authors=[author])
    make_draft("Draft tagged by Ana", authors=[author], tags=["ruxolitinib"])

    assert set(titles(rss_items(client, "/tags/ruxolitinib/feed/")[1])) == {
        "Tagged and by Ana",
        "Tagged",
    }
    assert set(titles(atom_entries(client, "/tags/ruxolitinib/feed/atom/")[1], ATOM)) == {
        "Tagged and by Ana",
        "Tagged",
    }
    assert set(titles(rss_items(client, f"/authors/{author.slug}/feed/")[1])) == {
        "Tagged and by Ana",
        "By Ana",
    }
    assert len(atom_entries(client, f"/authors/{author.slug}/feed/atom/")[1]) == 2


def test_unknown_or_unpublished_scopes_are_404(client):
    make_draft("Draft", authors=[make_author("Drafty Writer")], tags=["only-on-drafts"])

    for url in [
        "/topics/no-such-topic/feed/",
        "/topics/no-such-topic/feed/atom/",
        "/tags/no-such-tag/feed/",
        "/tags/only-on-drafts/feed/",
        "/authors/nobody/feed/atom/",
        "/authors/drafty-writer/feed/",
    ]:
        assert client.get(url).status_code == 404, url


def alternates(response):
    return {
        (link.attrs["type"], link.attrs["href"])
        for link in parse(response).find_all("link", rel="alternate")
    }


def test_pages_link_the_site_feed_and_their_own(client):
    author = make_author("Ana Ruiz")
    make_article("Story", authors=[author], tags=["ruxolitinib"])
    site = {("application/rss+xml", "/feed/"), ("application/atom+xml", "/feed/atom/")}

    assert alternates(client.get(reverse("home"))) == site
    pages = {
        reverse("topics:detail", args=["vitiligo"]): "/topics/vitiligo/feed/",
        reverse("articles:tag", args=["ruxolitinib"]): "/tags/ruxolitinib/feed/",
        author.get_absolute_url(): f"/authors/{author.slug}/feed/",
    }
    for page, feed in pages.items():
        assert alternates(client.get(page)) == site | {
            ("application/rss+xml", feed),
            ("application/atom+xml", f"{feed}atom/"),
        }
    # Every feed a page names answers.
    for _, href in site:
        assert client.get(href).status_code == 200


FEED_MAX_QUERIES = 7


def feed_query_counts(client, author):
    urls = {
        "latest": "/feed/",
        "latest_atom": "/feed/atom/",
        "topic": "/topics/pigmentary-disorders/feed/",
        "topic_atom": "/topics/drug-watch/feed/atom/",
        "tag": "/tags/jak-inhibitors/feed/",
        "author_atom": f"/authors/{author.slug}/feed/atom/",
    }
    return {name: count_queries(client, url) for name, url in urls.items()}


def test_feed_queries_do_not_grow_with_content(client):
    SiteSettings.load()
    small = feed_query_counts(client, populate(3))
    large = feed_query_counts(client, populate(25))

    assert large == small
    assert max(large.values()) <= FEED_MAX_QUERIES, large
