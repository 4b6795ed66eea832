"""The site's chrome on every page: masthead and logo, the topic navigation (one
line of sections plus a disclosure with the whole tree), the footer, the icons
and the web manifest; and, in a real browser, that the bar fits one line on a
desktop and opens as a menu on a phone."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import POLICY_LINKS, get_topic, make_article
from tests.pages import parse

DISCLAIMER = "News for health care professionals. Not medical advice for patients."


def home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return parse(response)


def topic_nav(page):
    return page.find("nav", **{"aria-label": "Topics"})


def current_links(element):
    return [link.text for link in element.find_all("a") if link.attrs.get("aria-current") == "page"]


@pytest.mark.django_db
def test_masthead_links_home_with_the_logo_and_the_site_name(client):
    header = home(client).find("header", cls="site-header")
    link = header.find("a", href="/")
    mark = link.find("img")
    # The mark is decoration beside the visible name: the link's name is the site's.
    assert mark.attrs["src"].endswith("img/logo-mark.svg")
    assert mark.attrs["alt"] == ""
    assert mark.attrs["width"] and mark.attrs["height"]
    assert link.text == "Dermatology News"
    assert finders.find("img/logo-mark.svg")


@pytest.mark.django_db
def test_skip_link_comes_first_and_leads_to_the_main_content(client):
    page = home(client)
    body = page.find("body")
    first_link = body.find("a")
    assert first_link.text == "Skip to content"
    assert first_link.attrs["href"] == "#main"
    assert page.find("main", id="main") is not None


@pytest.mark.django_db
def test_topic_bar_shows_top_level_topics_and_the_disclosure_groups_the_whole_tree(client):
    nav = topic_nav(home(client))
    bar = {text: href for href, text in nav.find("ul", cls="topic-nav__list").links()}
    assert "Pigmentary Disorders" in bar and "Vitiligo" not in bar
    # Featured sections lead the bar.
    assert list(bar)[:3] == ["Psoriasis", "Skin Cancer", "Drug Watch"]

    details = nav.find("details")
    summary = details.find("summary")
    assert "All topics" in summary.text and "Menu" in summary.text
    groups = {
        group.find("a", cls="topic-menu__root").text: [
            link.text
            for link in group.find_all("a")
            if "topic-menu__root" not in link.attrs.get("class", "")
        ]
        for group in details.find_all("li", cls="topic-menu__group")
    }
    assert groups["Pigmentary Disorders"] == ["Vitiligo", "Melasma"]
    assert groups["Eczema"] == ["Atopic Dermatitis"]
    assert groups["Acne"] == []
    # Every top-level topic is in the disclosure, and so is the topic index.
    assert set(groups) == set(bar)
    assert {text: href for href, text in details.links()}["Browse the topic index"] == "/topics/"


@pytest.mark.django_db
def test_current_section_is_marked_in_the_bar_and_in_the_disclosure(client):
    article = make_article("Vitiligo story", primary_topic=get_topic("vitiligo"))
    for url in (reverse("topics:detail", args=["vitiligo"]), article.get_absolute_url()):
        nav = topic_nav(parse(client.get(url)))
        assert current_links(nav.find("ul", cls="topic-nav__list")) == ["Pigmentary Disorders"], url
        assert current_links(nav.find("details")) == ["Pigmentary Disorders"], url
    # A section that is not featured moves up behind the featured ones, so it shows.
    bar = [text for _href, text in topic_nav(parse(client.get(url))).find("ul").links()]
    assert bar.index("Pigmentary Disorders") == 3
    assert current_links(topic_nav(home(client))) == []


@pytest.mark.django_db
def test_footer_links_policies_topics_feeds_and_carries_the_disclaimer(client):
    footer = home(client).find("footer")
    navs = footer.find_all("nav")
    labels = [nav.attrs.get("aria-label") or nav.attrs.get("aria-labelledby") for nav in navs]
    assert len(labels) == len(set(labels)) == 3

    links = dict(footer.links())
    for href, text in POLICY_LINKS.items():
        assert links[href] == text
    assert links["/feed/"] == "RSS feed"
    assert links["/feed/atom/"] == "Atom feed"
    for text in ("Authors", "Tags", "Drugs", "All topics"):
        assert text in links.values()

    topics_nav = footer.find("nav", cls="footer-nav--topics")
    heading = footer.find(id=topics_nav.attrs["aria-labelledby"])
    assert heading.text == "Sections"
    topic_links = {text: href for href, text in topics_nav.links()}
    assert topic_links["Pigmentary Disorders"] == "/topics/pigmentary-disorders/"
    assert "Vitiligo" not in topic_links  # top-level topics only
    assert footer.find("p", cls="disclaimer").text == DISCLAIMER


@pytest.mark.django_db
def test_header_and_footer_read_the_topic_tree_once(client):
    make_article()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    topic_queries = [q for q in queries.captured_queries if 'FROM "topics_topic"' in q["sql"]]
    assert len(topic_queries) == 1


@pytest.mark.django_db
def test_icons_and_manifest_are_linked_and_served(client):
    page = home(client)
    head = page.find("head")
    links = {link.attrs["rel"]: link.attrs["href"] for link in head.find_all("link")}
    assert links["icon"].endswith("favicon.svg")
    assert links["apple-touch-icon"].endswith("img/apple-touch-icon.png")
    assert links["manifest"].endswith("site.webmanifest")
    theme_colors = {meta.attrs["media"] for meta in head.find_all("meta", name="theme-color")}
    assert theme_colors == {"(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"}
    assert head.find("meta", name="color-scheme").attrs["content"] == "light dark"

    for path in ("favicon.svg", "img/apple-touch-icon.png", "img/icon-192.png", "img/icon-512.png"):
        assert finders.find(path), path
    manifest = json.loads(Path(finders.find("site.webmanifest")).read_text(encoding="utf-8"))
    assert manifest["name"] and manifest["theme_color"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"]), icon["src"]

    from PIL import Image

    for path, size in [
        ("img/apple-touch-icon.png", 180),
        ("img/icon-192.png", 192),
        ("img/icon-512.png", 512),
    ]:
        with Image.open(finders.find(path)) as image:
            assert image.size == (size, size)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_icons_are_served_by_the_static_files_server(live_server):
    from urllib.request import urlopen

    for path in (
        "favicon.svg",
        "img/logo-mark.svg",
        "img/apple-touch-icon.png",
        "site.webmanifest",
    ):
        with urlopen(f"{live_server.url}/static/{path}") as response:
            assert response.status == 200, path
            assert response.read(), path


@pytest.mark.django_db
def test_home_page_has_no_duplicate_ids(client):
    make_article()
    ids = Counter(
        element.attrs["id"] for element in home(client).descendants() if "id" in element.attrs
    )
    assert [name for name, count in ids.items() if count > 1] == []


@pytest.mark.django_db
def test_404_page_keeps_the_chrome(client):
    page = parse(client.get("/no/such/page/"))
    assert page.find("h1").text == "Page not found"
    assert topic_nav(page) is not None
    assert page.find("footer").find("p", cls="disclaimer").text == DISCLAIMER


@pytest.mark.urls("tests.crash_urls")
def test_500_page_renders_without_the_database_and_keeps_the_brand(client):
    # No django_db mark: the 500 template renders without a request context or a query.
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    page = parse(response)
    assert page.find("a", cls="site-name").text == "Dermatology News"
    assert page.find("h1").text == "Something went wrong"
    assert page.find("p", cls="disclaimer").text == DISCLAIMER


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_topic_bar_is_one_line_on_desktop_and_a_menu_on_a_phone(browser, live_server, seed_article):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/topics/vitiligo/")
    page.wait_for_load_state("load")
    bar = page.locator(".topic-nav__list")
    assert bar.is_visible()
    nav_box = page.locator(".topic-nav").bounding_box()
    assert nav_box["height"] < 56
    # The links that show share one line; the ones that do not fit are clipped, not wrapped.
    tops = page.eval_on_selector_all(
        ".topic-nav__list a",
        """links => {
            const bar = links[0].closest('ul').getBoundingClientRect();
            return links.map(a => a.getBoundingClientRect())
                        .filter(r => r.top < bar.bottom).map(r => Math.round(r.top));
        }""",
    )
    assert len(tops) >= 5 and len(set(tops)) == 1
    current = page.locator('.topic-nav__list a[aria-current="page"]')
    assert current.is_visible() and current.inner_text() == "Pigmentary Disorders"
    toggle = page.locator("summary", has_text="All topics")
    assert toggle.is_visible()
    toggle.click()
    assert page.locator(".topic-menu__panel").get_by_role("link", name="Vitiligo").is_visible()
    page.close()

    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(live_server.url + "/")
    page.wait_for_load_state("load")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert not page.locator(".topic-nav__list").is_visible()
    vitiligo = page.get_by_role("navigation", name="Topics", exact=True).get_by_role(
        "link", name="Vitiligo"
    )
    assert not vitiligo.is_visible()
    page.locator('summary:has-text("Menu")').click()
    assert vitiligo.is_visible()
    assert page.get_by_role("searchbox").is_visible()
    page.close()
