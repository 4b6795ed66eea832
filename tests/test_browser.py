"""What a reader sees in a real browser: Playwright driving Debian's Chromium.

Skipped where Chromium is not installed (a machine with only Python); CI
installs it, and there a missing browser is a failure, not a skip.
"""

import io
import json
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.db import connection

from tests.builders import get_topic, make_article, make_author, make_reference
from tests.images.builders import make_image

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"
WIDTHS = {"phone": 390, "desktop": 1280}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def article(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    author = make_author("Dana Whitfield", credentials="MD, FAAD")
    article = make_article(
        "Ruxolitinib cream brings repigmentation to facial non-segmental vitiligo",
        authors=[author],
        body="\n\n".join(
            ["Two phase 3 trials[1] reported facial repigmentation at week 24.[2]"]
            + ["A long paragraph about the trials and what they mean for practice. " * 8] * 6
        ),
        lead_image=make_image(1600, 1067, caption="Repigmentation around the eyes at week 24"),
        tags=["ruxolitinib", "TRuE-V1"],
        topics=[get_topic("drug-watch")],
    )
    make_reference(article, number=1, doi="10.1056/NEJMoa2118828")
    make_reference(
        article, number=2, kind="web", url="https://example.org/a/very/long/path/" + "x" * 80
    )
    for n in range(5):
        make_article(f"Another vitiligo story with a longer headline number {n}")
    return article


@pytest.mark.parametrize("device", WIDTHS)
def test_pages_fit_the_screen_from_phone_to_desktop(browser, live_server, article, device):
    page = browser.new_page(viewport={"width": WIDTHS[device], "height": 900})
    urls = {
        "home": "/",
        "topics": "/topics/",
        "topic": "/topics/pigmentary-disorders/",
        "article": article.get_absolute_url(),
    }
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in urls.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        # No sideways scrolling of the page itself (the topic strip scrolls on its own).
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than a {device} screen"
        assert page.locator("h1").count() == 1
        assert page.get_by_role("navigation", name="Topics", exact=True).is_visible()
        assert page.get_by_role("contentinfo").is_visible()
        stylesheet_applied = page.evaluate(
            "getComputedStyle(document.body).getPropertyValue('--color-accent').trim()"
        )
        assert stylesheet_applied, "the stylesheet did not load"
        page.screenshot(path=SCREENSHOTS / f"{device}-{name}.png", full_page=True)
    page.close()


def test_citation_and_reference_link_to_each_other(browser, live_server, article):
    page = browser.new_page(viewport={"width": 390, "height": 700})
    page.goto(live_server.url + article.get_absolute_url())

    page.locator("sup.citation a", has_text="2").first.click()
    assert page.url.endswith("#ref-2")
    assert page.locator("#ref-2").is_visible()
    assert page.evaluate("document.querySelector('#ref-2').getBoundingClientRect().top") < 700

    page.locator("#ref-2 a.backlink").click()
    assert page.url.endswith("#cite-2")
    top = page.evaluate("document.querySelector('#cite-2').getBoundingClientRect().top")
    assert 0 <= top < 700
    page.close()


def test_a_clinician_finds_subscribes_and_shares(browser, live_server):
    """The discovery journey: the header search box finds the seed (with a typo too
    on PostgreSQL), the Vitiligo page offers its feed, and the article carries a
    link preview and structured data that parse."""
    out = io.StringIO()
    call_command("load_demo", "--allow-production", stdout=out)
    headline = "Researchers Optimistic About Ruxolitinib Cream as Non-Segmental Vitiligo Treatment"
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    queries = ["ruxolitinib", "Opzelura"]
    if connection.vendor == "postgresql":
        queries.append("ruxolitnib")
    for query in queries:
        page.goto(live_server.url + "/")
        search_box = page.get_by_role("searchbox").first
        search_box.fill(query)
        search_box.press("Enter")
        page.wait_for_load_state()
        assert "/search/" in page.url
        assert page.get_by_role("link", name=headline).count() >= 1, query

    page.get_by_role("link", name=headline).first.click()
    page.wait_for_load_state()
    og_title = page.locator('meta[property="og:title"]').get_attribute("content")
    assert og_title == headline
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    data = [json.loads(block) for block in blocks]
    (news,) = [item for item in data if item.get("@type") == "NewsArticle"]
    assert news["headline"] == headline
    assert len(news["citation"]) == 3

    page.goto(live_server.url + "/topics/vitiligo/")
    feed_url = page.locator('link[rel="alternate"][type="application/rss+xml"]').last.get_attribute(
        "href"
    )
    feed = page.request.get(urljoin(live_server.url + "/topics/vitiligo/", feed_url))
    assert feed.status == 200
    titles = [item.findtext("title") for item in ElementTree.fromstring(feed.body()).iter("item")]
    assert headline in titles
    page.close()
