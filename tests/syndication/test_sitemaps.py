"""sitemap.xml and its sections, the Google News sitemap, robots.txt and the favicon."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.contrib.staticfiles import finders

from articles.models import Correction
from newsroom.models import SiteSettings
from tests.builders import get_topic, make_article, make_author, make_draft, now, tomorrow
from tests.test_query_counts import count_queries, populate

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
HOST = "http://testserver"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def urlset(client, url):
    """{location: lastmod as a datetime (or None)} of a sitemap section."""
    root = xml(client, url)
    assert root.tag == f"{SM}urlset"
    entries = {}
    for entry in root.findall(f"{SM}url"):
        lastmod = entry.findtext(f"{SM}lastmod")
        entries[entry.findtext(f"{SM}loc")] = lastmod and datetime.fromisoformat(lastmod)
    return entries


def make_unpublished_variety(**fields):
    make_draft("A draft", **fields)
    make_article("In review", status="review", **fields)
    make_article("Archived", status="archived", **fields)
    make_article("Scheduled", **{**fields, "published_at": tomorrow()})


def test_sitemap_index_names_every_section(client):
    make_article()

    root = xml(client, "/sitemap.xml")

    assert root.tag == f"{SM}sitemapindex"
    locations = {entry.findtext(f"{SM}loc") for entry in root.findall(f"{SM}sitemap")}
    assert locations == {
        f"{HOST}/sitemap-{section}.xml"
        for section in ["articles", "topics", "tags", "authors", "drugs"]
    }
    for location in locations:
        assert client.get(location.removeprefix(HOST)).status_code == 200


def test_article_sitemap_lists_exactly_the_published_articles_with_last_substantive_change(
    client,
):
    make_unpublished_variety()
    plain = make_article("Plain")
    updated = make_article("Updated", updated_at=now() - timedelta(hours=2))
    noted = make_article("With a note")
    note_time = now() - timedelta(hours=1)
    Correction.objects.create(article=noted, kind="update", note="New data.", noted_at=note_time)
    # A correction is not a substantive update.
    Correction.objects.create(article=plain, kind="correction", note="Typo.")

    entries = urlset(client, "/sitemap-articles.xml")

    assert entries == {
        f"{HOST}{plain.get_absolute_url()}": plain.published_at,
        f"{HOST}{updated.get_absolute_url()}": updated.updated_at,
        f"{HOST}{noted.get_absolute_url()}": note_time,
    }


def test_sitemap_index_dates_the_articles_section_by_its_newest_substantive_change(client):
    make_article("Published", published_at=now() - timedelta(hours=5))
    noted = make_article("Noted", published_at=now() - timedelta(days=1))
    note_time = now() - timedelta(hours=1)
    Correction.objects.create(article=noted, kind="update", note="New data.", noted_at=note_time)
    Correction.objects.create(article=noted, kind="correction", note="Typo.")
    make_draft("Draft updated later", updated_at=now())

    root = xml(client, "/sitemap.xml")

    lastmods = {
        entry.findtext(f"{SM}loc"): entry.findtext(f"{SM}lastmod")
        for entry in root.findall(f"{SM}sitemap")
    }
    assert datetime.fromisoformat(lastmods[f"{HOST}/sitemap-articles.xml"]) == note_time
    assert max(urlset(client, "/sitemap-articles.xml").values()) == note_time


def test_topic_tag_and_author_sitemaps_list_only_those_with_published_articles(client):
    author = make_author("Ana Ruiz")
    make_unpublished_variety(
        authors=[make_author("Drafty Writer")],
        tags=["only-on-drafts"],
        primary_topic=get_topic("acne"),
    )
    article = make_article("Story", authors=[author], tags=["ruxolitinib"])

    published_at = article.published_at
    assert urlset(client, "/sitemap-topics.xml") == {
        f"{HOST}/topics/pigmentary-disorders/": published_at,
        f"{HOST}/topics/vitiligo/": published_at,
    }
    assert urlset(client, "/sitemap-tags.xml") == {f"{HOST}/tags/ruxolitinib/": published_at}
    assert urlset(client, "/sitemap-authors.xml") == {f"{HOST}/authors/ana-ruiz/": published_at}


def test_news_sitemap_lists_the_last_two_days_of_published_articles(client):
    SiteSettings.objects.update_or_create(pk=1, defaults={"site_name": "Derm Daily"})
    make_unpublished_variety(published_at=now() - timedelta(hours=3))
    fresh = make_article("Fresh & new <today>", published_at=now() - timedelta(hours=3))
    recent = make_article("From yesterday")
    make_article("Too old", published_at=now() - timedelta(days=2, minutes=1))

    root = xml(client, "/sitemap-news.xml")

    assert root.tag == f"{SM}urlset"
    news = {}
    for entry in root.findall(f"{SM}url"):
        item = entry.find(f"{NEWS}news")
        publication = item.find(f"{NEWS}publication")
        assert publication.findtext(f"{NEWS}name") == "Derm Daily"
        assert publication.findtext(f"{NEWS}language") == "en"
        news[entry.findtext(f"{SM}loc")] = (
            item.findtext(f"{NEWS}title"),
            datetime.fromisoformat(item.findtext(f"{NEWS}publication_date")),
        )
    assert news == {
        f"{HOST}{fresh.get_absolute_url()}": (
            "Fresh & new <today>",
            fresh.published_at,
        ),
        f"{HOST}{recent.get_absolute_url()}": (
            "From yesterday",
            recent.published_at,
        ),
    }


def test_robots_txt_names_the_sitemaps_and_keeps_newsroom_preview_and_search_out(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in response.content.decode().splitlines() if line.strip()]
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /preview/", "Disallow: /search/"} <= set(lines)
    sitemaps = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Sitemap:")]
    assert sitemaps == [f"{HOST}/sitemap.xml", f"{HOST}/sitemap-news.xml"]
    for url in sitemaps:
        assert client.get(url.removeprefix(HOST)).status_code == 200


def test_favicon_ico_leads_to_the_static_favicon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    path = finders.find("favicon.svg")
    assert path is not None
    assert ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"


SITEMAP_MAX_QUERIES = 4


def sitemap_query_counts(client):
    urls = ["/sitemap.xml", "/sitemap-news.xml"]
    urls += [
        f"/sitemap-{section}.xml" for section in ["articles", "topics", "tags", "authors", "drugs"]
    ]
    return {url: count_queries(client, url) for url in urls}


def test_sitemap_queries_do_not_grow_with_content(client):
    SiteSettings.load()
    populate(3)
    small = sitemap_query_counts(client)
    for article in populate(25).articles.all()[:5]:
        Correction.objects.create(article=article, kind="update", note="New data.")
    large = sitemap_query_counts(client)

    assert large == small
    # The index asks every section for its newest change.
    assert large.pop("/sitemap.xml") <= 4 * SITEMAP_MAX_QUERIES
    assert max(large.values()) <= SITEMAP_MAX_QUERIES, large
