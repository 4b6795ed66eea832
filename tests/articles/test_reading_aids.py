"""Reading aids on the article page (key takeaways, type label, reading time, table of
contents, print stylesheet) and the type filter on topic pages."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.urls import reverse

from articles.markup import render_body
from articles.models import Article
from tests.builders import get_topic, make_article
from tests.pages import parse
from tests.syndication.seo import meta

pytestmark = pytest.mark.django_db


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


# Key takeaways


def test_takeaways_box_under_the_deck_and_as_the_description(client):
    article = make_article(
        takeaways="Two phase 3 trials, 674 patients.\n\n  F-VSI75 in about 30% at week 24.  \n"
    )

    response = article_page(client, article)
    box = parse(response).find("aside", cls="takeaways")

    assert box.find("h2").text == "Key takeaways"
    assert [li.text for li in box.find("ul").find_all("li")] == [
        "Two phase 3 trials, 674 patients.",
        "F-VSI75 in about 30% at week 24.",
    ]
    description = "Two phase 3 trials, 674 patients. F-VSI75 in about 30% at week 24."
    assert meta(response, "description") == description
    assert meta(response, "og:description") == description


def test_no_takeaways_no_box_and_the_deck_describes(client):
    article = make_article(deck="The deck.", takeaways="")

    response = article_page(client, article)

    assert parse(response).find("aside", cls="takeaways") is None
    assert meta(response, "description") == "The deck."


def test_takeaways_are_escaped(client):
    article = make_article(takeaways="<script>alert(1)</script>")

    box = parse(article_page(client, article)).find("aside", cls="takeaways")

    assert box.find("script") is None
    assert box.find("li").text == "<script>alert(1)</script>"


# Article type


def test_type_label_above_the_headline(client):
    article = make_article(article_type="qa")

    header = parse(article_page(client, article)).find("header", cls="article__header")
    tags = [(child.tag, child.attrs.get("class", "")) for child in header.children]

    assert header.find("p", cls="article__type").text == "Q&A"
    assert tags.index(("p", "article__type")) < tags.index(("h1", "article__headline"))


def test_type_label_on_cards(client):
    make_article("A conference report", article_type="conference")

    page = parse(client.get(reverse("topics:detail", args=["vitiligo"])))
    card = page.find("article", cls="card")

    assert card.find(cls="card__type").text == "Conference coverage"
    assert card.find("h3").text == "A conference report"


def topic_page(client, query=None, slug="pigmentary-disorders"):
    response = client.get(reverse("topics:detail", args=[slug]), query or {})
    assert response.status_code == 200
    return response


def listed(response):
    return [card.find("h3").text for card in parse(response).find_all("article", cls="card")]


@pytest.fixture
def mixed_topic():
    make_article("News one", article_type="news")
    make_article("Interview", article_type="qa", primary_topic=get_topic("melasma"))
    make_article("News two", article_type="news")
    make_article("Another topic's Q&A", article_type="qa", primary_topic=get_topic("acne"))


def test_topic_page_filters_by_type(client, mixed_topic):
    response = topic_page(client, {"type": "qa"})

    assert listed(response) == ["Interview"]
    nav = parse(response).find("nav", cls="type-filter")
    links = {text: href for href, text in nav.links()}
    # Only the types this topic (with its subtopics) has, after "All".
    assert list(links) == ["All", "News", "Q&A"]
    assert links["All"] == "/topics/pigmentary-disorders/"
    assert links["News"] == "?type=news"
    current = [a.text for a in nav.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert current == ["Q&A"]
    # A filtered list is a view of the topic page: not indexed on its own.
    assert meta(response, "robots") == "noindex, follow"
    assert parse(response).find("title").text.startswith("Pigmentary Disorders: Q&A")


def test_unknown_type_is_ignored(client, mixed_topic):
    response = topic_page(client, {"type": "rumour"})

    assert sorted(listed(response)) == ["Interview", "News one", "News two"]
    assert meta(response, "robots") is None


def test_type_with_no_articles_here_says_so(client, mixed_topic):
    response = topic_page(client, {"type": "video"})

    assert listed(response) == []
    assert "No published articles of this type" in parse(response).find("main").text


def test_topic_with_one_type_offers_no_filter(client):
    make_article("Only news", article_type="news")

    assert parse(topic_page(client)).find("nav", cls="type-filter") is None


def test_type_filter_keeps_pagination(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(3):
        make_article(f"Feature {n}", article_type="feature")
    make_article("A news story", article_type="news")

    first = topic_page(client, {"type": "feature"})
    next_link = parse(first).find("a", rel="next").attrs["href"]
    second = client.get(reverse("topics:detail", args=["pigmentary-disorders"]) + next_link)

    assert next_link == "?type=feature&page=2"
    assert len(listed(first)) == 2
    assert listed(second) and all(title.startswith("Feature") for title in listed(second))
    # Choosing another type starts again from its first page.
    nav = parse(second).find("nav", cls="type-filter")
    nav_links = {text: href for href, text in nav.links()}
    assert nav_links["News"] == "?type=news"


# Reading time


@pytest.mark.parametrize(
    ("words", "shown"), [(1, "1 min read"), (440, "2 min read"), (441, "3 min read")]
)
def test_reading_time_near_the_dateline(client, words, shown):
    article = make_article(body=" ".join(["word"] * words))

    header = parse(article_page(client, article)).find("header", cls="article__header")

    assert header.find(cls="reading-time").text == shown
    assert header.find(cls="dateline") is not None


def test_reading_time_counts_words_not_markup(client):
    link = "[a link](https://example.org/" + "x" * 50 + ")"
    article = make_article(body=f"## A heading\n\n{link} and *emphasis* [1].")

    header = parse(article_page(client, article)).find("header", cls="article__header")

    assert header.find(cls="reading-time").text == "1 min read"


def test_no_body_no_reading_time(client):
    article = make_article(body="")

    assert parse(article_page(client, article)).find(cls="reading-time") is None


# Table of contents

LONG_BODY = """Intro paragraph.

## Trial design

Text.

### Who took part [1]

Text.

## Results

Text.

## Results

Text again."""


def test_table_of_contents_links_to_the_body_headings(client):
    article = make_article(body=LONG_BODY, references=1)

    page = parse(article_page(client, article))
    toc = page.find("nav", cls="toc")
    body = page.find("div", cls="article__body")
    headings = [h for h in body.descendants() if h.tag in {"h2", "h3"}]

    assert toc.find("h2").text == "In this article"
    assert toc.links() == [
        ("#section-trial-design", "Trial design"),
        ("#section-who-took-part", "Who took part"),
        ("#section-results", "Results"),
        ("#section-results-2", "Results"),
    ]
    # Each link lands on its heading, and every id is unique on the page.
    assert [f"#{h.attrs['id']}" for h in headings] == [href for href, _ in toc.links()]
    ids = [element.attrs["id"] for element in page.descendants() if "id" in element.attrs]
    assert len(ids) == len(set(ids))
    # The h3 is listed under the h2 before it.
    first = toc.find("ol", cls="toc__list").children[0]
    assert first.find("ol", cls="toc__sub").links() == [("#section-who-took-part", "Who took part")]


def test_short_article_has_no_table_of_contents(client):
    article = make_article(body="## One\n\nText.\n\n## Two\n\nText.")

    page = parse(article_page(client, article))

    assert page.find("nav", cls="toc") is None
    assert page.find("h2", id="section-one") is not None


def test_body_heading_ids_are_kept_only_with_the_section_prefix():
    html = render_body(
        '<h2 id="references-heading">Spoof</h2>\n\n<h3 id="section-ok">Fine</h3>\n\n## Real'
    )

    assert 'id="references-heading"' not in html
    assert '<h3 id="section-ok">Fine</h3>' in html
    assert '<h2 id="section-real">Real</h2>' in html


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("## *Safety* & tolerability", "section-safety-tolerability"),
        ("## What\\'s next?", "section-whats-next"),
        ("## ???", "section-1"),
        ("## " + "long " * 30, "section-" + "-".join(["long"] * 12)),
    ],
)
def test_heading_ids_are_safe_slugs(heading, anchor):
    assert re.search(r'<h2 id="([^"]+)"', render_body(heading)).group(1) == anchor


def test_migration_gives_existing_bodies_their_heading_ids():
    article = make_article(body="## Results\n\nText.")
    Article.objects.filter(pk=article.pk).update(body_html="<h2>Results</h2><p>Text.</p>")
    migration = importlib.import_module("evidence.migrations.0002_heading_ids")

    migration.render_bodies(apps, None)

    article.refresh_from_db()
    assert article.body_html == render_body(article.body)
    assert 'id="section-results"' in article.body_html


# Print


def print_rules():
    """The text of the stylesheet's last @media print block: the print stylesheet."""
    with open(finders.find("css/portal.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    start = css.rindex("@media print")
    block, depth = "", 0
    for character in css[start:]:
        block += character
        depth += {"{": 1, "}": -1}.get(character, 0)
        if character == "}" and depth == 0:
            return block
    raise AssertionError("unclosed @media print block")


def test_print_stylesheet_hides_navigation_and_keeps_the_article():
    rules = print_rules()
    hidden = re.search(r"([^{}]+)\{\s*display:\s*none", rules).group(1)
    hidden = {selector.strip() for selector in hidden.split(",")}

    assert {".topic-nav", ".site-search", ".footer-links", ".related", ".toc"} <= hidden
    for kept in (".article", ".references", ".evidence", ".evidence-table", ".takeaways"):
        assert kept not in hidden
    # A printed link in the body shows its address.
    assert re.search(r'\.article__body a\[href\^="http"\]::after[^{]*\{[^}]*attr\(href\)', rules)


def test_page_has_the_elements_the_print_stylesheet_names(client):
    article = make_article(body=LONG_BODY, references=1)
    make_article(primary_topic=article.primary_topic)  # related reading

    page = parse(article_page(client, article))

    for css_class in ("topic-nav", "site-search", "footer-links", "related", "toc", "references"):
        assert page.find(cls=css_class) is not None, css_class
