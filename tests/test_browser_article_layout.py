"""The article page in a real browser (Playwright and Chromium, like
tests/test_browser.py): the aside beside a text column of comfortable length on a
desktop, below the text on a phone, and the printout.

Transactional: the live server's thread must see the data.
"""

import pytest

from tests.articles.test_article_layout import more_vitiligo_stories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEASURE_SCRIPT = """() => {
  const body = document.querySelector('.article__body');
  const paragraph = body.querySelector('p');
  // The average width of a character of this very text, in the body's font.
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'nowrap';
  probe.textContent = paragraph.textContent.trim();
  paragraph.appendChild(probe);
  const perCharacter = probe.getBoundingClientRect().width / probe.textContent.length;
  probe.remove();
  const box = element => document.querySelector(element).getBoundingClientRect().toJSON();
  return {
    charactersPerLine: body.getBoundingClientRect().width / perCharacter,
    body: box('.article__body'),
    aside: box('.article-aside'),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.fixture
def live_seed_article(seed_article):
    """The seed article (conftest's seed_article) and more in its topic."""
    more_vitiligo_stories()
    return seed_article


def open_article(browser, live_server, article, width, **options):
    page = browser.new_page(viewport={"width": width, "height": 900}, **options)
    response = page.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_desktop_puts_the_aside_beside_a_text_column_of_comfortable_length(
    browser, live_server, live_seed_article, scheme
):
    page = open_article(browser, live_server, live_seed_article, 1280, color_scheme=scheme)

    layout = page.evaluate(MEASURE_SCRIPT)

    assert layout["aside"]["x"] >= layout["body"]["x"] + layout["body"]["width"]
    assert layout["aside"]["y"] < layout["body"]["y"] + layout["body"]["height"]
    assert 60 <= layout["charactersPerLine"] <= 80, layout["charactersPerLine"]
    assert layout["overflow"] <= 0
    page.close()


def test_phone_shows_the_aside_below_the_text_without_sideways_scrolling(
    browser, live_server, live_seed_article
):
    page = open_article(browser, live_server, live_seed_article, 390)

    layout = page.evaluate(MEASURE_SCRIPT)

    assert layout["overflow"] <= 0
    assert layout["aside"]["y"] >= layout["body"]["y"] + layout["body"]["height"]
    # The evidence table scrolls inside its own box, never the page.
    table = page.locator(".evidence__scroll")
    assert table.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert table.bounding_box()["width"] <= 390
    page.close()


PRINT_SCRIPT = """() => {
  const shown = selector => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element).display !== 'none' : null;
  };
  // The seed's first reference links its DOI: "10.1056/..." to https://doi.org/...
  const reference = document.querySelector('#ref-1 a[href^="https://doi.org/"]');
  const webAddress = document.querySelector('#ref-2 a[href^="http"]');
  return {
    header: shown('.site-header'), nav: shown('nav[aria-label="Topics"]'),
    footer: shown('.site-footer'),
    aside: shown('.article-aside'), skip: shown('.skip-link'), search: shown('.site-search'),
    headline: shown('.article__headline'), body: shown('.article__body'),
    references: shown('.references'), evidence: shown('.evidence'),
    href: reference.href, after: getComputedStyle(reference, '::after').content,
    webAddressText: webAddress.textContent, webAddressHref: webAddress.href,
    color: getComputedStyle(document.querySelector('.article__body')).color,
  };
}"""


def test_printout_has_the_article_and_reference_urls_without_navigation(
    browser, live_server, live_seed_article, tmp_path
):
    page = open_article(browser, live_server, live_seed_article, 1280)
    page.emulate_media(media="print")

    printed = page.evaluate(PRINT_SCRIPT)

    for chrome in ("header", "nav", "footer", "aside", "skip", "search"):
        assert printed[chrome] is False, chrome
    for kept in ("headline", "body", "references", "evidence"):
        assert printed[kept] is True, kept
    assert printed["href"] in printed["after"]  # the DOI's address written out
    assert printed["webAddressText"] == printed["webAddressHref"]  # already on paper
    assert printed["color"] == "rgb(0, 0, 0)"
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    page.close()
