"""What search engines and link previews read from each reader page: title,
description, canonical address, Open Graph and Twitter card tags."""

from datetime import timedelta

import pytest
from django.urls import reverse

from newsroom.models import SiteSettings
from tests.builders import get_topic, make_article, make_author, now
from tests.images.builders import make_image
from tests.pages import parse
from tests.syndication.seo import canonical, meta, meta_tags

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site():
    return SiteSettings.load()


def title(response):
    return parse(response).find("title").text


def test_article_page_metadata(client, site):
    article = make_article(
        "Ruxolitinib Cream Repigments Vitiligo",
        deck="Half of patients regained color on the face.",
        published_at=now() - timedelta(days=3),
        updated_at=now() - timedelta(days=1),
        topics=[get_topic("drug-watch")],
        tags=["ruxolitinib", "TRuE-V1"],
    )
    url = f"{BASE}{article.get_absolute_url()}"

    # Tracking parameters never reach the canonical address.
    response = client.get(article.get_absolute_url(), {"utm_source": "newsletter", "page": "2"})

    assert title(response) == f"Ruxolitinib Cream Repigments Vitiligo | {site.site_name}"
    assert meta(response, "description") == article.meta_description == article.deck
    assert canonical(response) == url
    assert meta(response, "og:type") == "article"
    assert meta(response, "og:title") == article.headline
    assert meta(response, "og:description") == article.deck
    assert meta(response, "og:url") == url
    assert meta(response, "og:site_name") == site.site_name
    assert meta(response, "article:published_time") == article.published_at.isoformat()
    assert meta(response, "article:modified_time") == article.updated_at.isoformat()
    assert meta(response, "article:section") == "Vitiligo"
    assert sorted(meta_tags(response)["article:tag"]) == ["TRuE-V1", "ruxolitinib"]
    assert meta(response, "twitter:card") == "summary"
    assert meta(response, "twitter:title") == article.headline
    assert meta(response, "twitter:description") == article.deck
    # No image, no image tags.
    assert meta(response, "og:image") is None and meta(response, "twitter:image") is None


@pytest.mark.parametrize(
    ("size", "shared"),
    [((2000, 1000), (1200, 600)), ((800, 500), (800, 500))],
    ids=["wide", "narrower than 1200"],
)
def test_article_with_a_lead_image_shares_its_1200_rendition(client, size, shared):
    image = make_image(*size, alt_text="Repigmented skin on the cheek")
    article = make_article(lead_image=image)

    response = client.get(article.get_absolute_url())

    image_url = meta(response, "og:image")
    assert image_url == f"{BASE}{image.rendition_1200.url}"
    assert image_url.endswith(".webp")
    assert (meta(response, "og:image:width"), meta(response, "og:image:height")) == tuple(
        str(n) for n in shared
    )
    assert meta(response, "og:image:alt") == "Repigmented skin on the cheek"
    assert meta(response, "twitter:card") == "summary_large_image"
    assert meta(response, "twitter:image") == image_url
    assert meta(response, "twitter:image:alt") == "Repigmented skin on the cheek"
    # The structured data names the same copy.
    from tests.syndication.seo import json_ld_of_type

    data = json_ld_of_type(response, "NewsArticle")
    assert [(i["url"], i["width"], i["height"]) for i in data["image"]] == [(image_url, *shared)]


def test_topic_page_metadata_and_pages_past_the_first(client, site, settings):
    settings.ARTICLES_PER_PAGE = 1
    make_article()
    make_article()
    vitiligo = get_topic("vitiligo")

    first = client.get("/topics/vitiligo/", {"utm_campaign": "x"})
    second = client.get("/topics/vitiligo/", {"page": "2", "utm_campaign": "x"})

    assert title(first) == f"Vitiligo | {site.site_name}"
    assert canonical(first) == f"{BASE}/topics/vitiligo/"
    assert meta(first, "description") == (vitiligo.description or "Vitiligo")
    assert meta(first, "og:type") == "website"
    assert meta(first, "og:title") == "Vitiligo"
    assert meta(first, "og:url") == f"{BASE}/topics/vitiligo/"
    assert meta(first, "twitter:card") == "summary"
    assert meta(first, "article:published_time") is None
    # A later page of a list is its own page, with its own address and title.
    assert title(second) == f"Vitiligo, page 2 | {site.site_name}"
    assert canonical(second) == f"{BASE}/topics/vitiligo/?page=2"
    assert meta(second, "og:url") == f"{BASE}/topics/vitiligo/?page=2"


def test_home_page_metadata(client, site):
    response = client.get("/", {"utm_source": "x"})

    assert title(response) == f"{site.site_name}: {site.tagline}"
    assert meta(response, "description") == site.tagline
    assert canonical(response) == f"{BASE}/"
    assert meta(response, "og:type") == "website"
    assert meta(response, "og:title") == site.site_name
    assert meta(response, "og:url") == f"{BASE}/"
    assert meta(response, "og:site_name") == site.site_name
    assert meta(response, "twitter:card") == "summary"


def test_every_reader_page_has_title_description_canonical_and_preview_tags(client, site):
    author = make_author("Sam Rivera", credentials="PA-C")
    article = make_article(authors=[author], tags=["JAK inhibitors"])
    pages = {
        reverse("home"): f"{BASE}/",
        reverse("topics:index"): f"{BASE}/topics/",
        "/topics/vitiligo/": f"{BASE}/topics/vitiligo/",
        article.get_absolute_url(): f"{BASE}{article.get_absolute_url()}",
        author.get_absolute_url(): f"{BASE}{author.get_absolute_url()}",
        "/tags/jak-inhibitors/": f"{BASE}/tags/jak-inhibitors/",
    }
    for path, url in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        page = parse(response)
        assert title(response), path
        assert meta(response, "description"), path
        assert canonical(response) == url
        assert meta(response, "og:url") == url
        assert meta(response, "og:title") and meta(response, "og:description"), path
        assert meta(response, "twitter:card") in {"summary", "summary_large_image"}
        icons = page.find_all("link", rel="icon")
        assert [icon.attrs["type"] for icon in icons] == ["image/svg+xml"], path
        assert icons[0].attrs["href"].endswith("favicon.svg")
        # No inline script (JSON-LD is data) and no inline style.
        assert {s.attrs.get("type") for s in page.find_all("script")} <= {"application/ld+json"}
        assert not page.find_all("style")
        assert not [e for e in page.descendants() if "style" in e.attrs], path


def test_author_and_tag_titles_and_descriptions(client, site):
    author = make_author("Sam Rivera", credentials="PA-C", bio="Sam covers acne.")
    make_article(authors=[author], tags=["JAK inhibitors"])

    author_page = client.get(author.get_absolute_url())
    tag_page = client.get("/tags/jak-inhibitors/")

    assert title(author_page) == f"Sam Rivera, PA-C | {site.site_name}"
    assert (
        meta(author_page, "description")
        == meta(author_page, "og:description")
        == "Sam covers acne."
    )
    assert title(tag_page) == f"JAK inhibitors | {site.site_name}"
    assert meta(tag_page, "description") == "Articles tagged JAK inhibitors."
    assert meta(tag_page, "og:description") == "Articles tagged JAK inhibitors."


def test_not_found_page_still_works_and_claims_no_address(client):
    response = client.get("/articles/no-such-article/")

    assert response.status_code == 404
    assert parse(response).find("h1").text == "Page not found"
    assert canonical(response) is None
    assert meta(response, "og:url") is None


def test_preview_is_not_indexed_and_points_at_the_public_address(client):
    from tests.builders import make_draft, make_editor

    client.force_login(make_editor())
    draft = make_draft("Draft story")

    response = client.get(reverse("articles:preview", args=[draft.pk]))

    assert response.status_code == 200
    assert meta(response, "robots") == "noindex, nofollow"
    assert canonical(response) == f"{BASE}{draft.get_absolute_url()}"
    assert meta(response, "article:published_time") is None
