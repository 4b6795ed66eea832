"""The article page as a reader meets it: a header band, the lead figure only with
a photo, the text column with its references, and an aside with key facts,
related reading and the newest in the article's topic. In a real browser: see
tests/test_browser_article_layout.py."""

from collections import Counter
from datetime import timedelta

import pytest

from tests.builders import days_ago, get_topic, make_article, make_draft, now
from tests.images.builders import make_image
from tests.pages import parse

pytestmark = pytest.mark.django_db


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return parse(response)


def section(page, heading_text):
    """The aside's section whose h2 reads heading_text."""
    aside = page.find("aside", cls="article-aside")
    for candidate in aside.find_all("section"):
        heading = candidate.find("h2")
        if heading is not None and heading.text == heading_text:
            return candidate
    raise AssertionError(f"no aside section {heading_text!r}")


def headlines(section_element):
    return [heading.text for heading in section_element.find_all("h3")]


def key_facts(page):
    facts = section(page, "Key facts").find("dl")
    return {
        row.find("dt").text: (row.find("dd").text, row.find("dd").links())
        for row in facts.find_all("div")
    }


def more_vitiligo_stories(count=6):
    """More in the seed's topic than related reading shows, so some are left for
    "Latest in Vitiligo"."""
    return [make_article(f"Vitiligo story {n}", published_at=days_ago(n)) for n in range(count)]


def test_seed_article_has_a_main_column_and_an_aside_with_three_sections(client, seed_article):
    more_vitiligo_stories()

    page = article_page(client, seed_article)

    article = page.find("article", cls="article")
    main_column = article.find(cls="article__main")
    aside = article.find("aside", cls="article-aside")
    assert main_column is not None and aside is not None
    assert aside.attrs["aria-label"]  # named, so it is a complementary landmark
    # Main content first in the page, the aside after it (phones show it below).
    order = [child.attrs.get("class") for child in article.children]
    assert order.index("article__main") < order.index("article-aside")
    assert [h2.text for h2 in aside.find_all("h2")] == [
        "Key facts",
        "Related reading",
        "Latest in Vitiligo",
    ]


def test_key_facts_name_type_topic_dates_reading_time_references_trials_and_drugs(
    client, seed_article
):
    facts = key_facts(article_page(client, seed_article))

    assert facts["Article type"][0] == seed_article.get_article_type_display()
    topic = seed_article.primary_topic
    assert facts["Topic"] == (topic.name, [(topic.get_absolute_url(), topic.name)])
    assert facts["Published"][0] == seed_article.published_at.strftime("%b %-d, %Y")
    assert facts["Reading time"][0].endswith("min")
    assert facts["References"] == ("3 cited", [("#references-heading", "3 cited")])
    assert facts["Trials"] == ("2 summarised", [("#evidence", "2 summarised")])
    # Two of the seed's tags (ruxolitinib, Opzelura) name the same drug: one link.
    assert facts["Drug"] == ("ruxolitinib", [("/drugs/ruxolitinib/", "ruxolitinib")])


def test_key_facts_leave_out_what_the_article_does_not_have(client):
    article = make_article("Plain story", body="")

    facts = key_facts(article_page(client, article))

    assert set(facts) == {"Article type", "Topic", "Published"}


def test_latest_in_topic_lists_the_newest_same_topic_articles_not_already_shown(client):
    article = make_article("Main story", tags=["ruxolitinib"])
    # Related reading ranks the tagged one first, then the newest same-topic ones.
    tagged = make_article("Tagged older story", tags=["ruxolitinib"], published_at=days_ago(20))
    same_topic = [
        make_article(f"Vitiligo story {n}", published_at=days_ago(n)) for n in range(1, 10)
    ]
    make_article("Acne story", primary_topic=get_topic("acne"), published_at=days_ago(1))
    make_draft("Vitiligo draft")
    make_article("Scheduled vitiligo story", published_at=now() + timedelta(days=1))

    page = article_page(client, article)

    related = headlines(section(page, "Related reading"))
    assert related == [tagged.headline, *(story.headline for story in same_topic[:3])]
    latest = headlines(section(page, "Latest in Vitiligo"))
    assert latest == [story.headline for story in same_topic[3:8]]  # newest five, not related
    links = section(page, "Latest in Vitiligo").links()
    assert (get_topic("vitiligo").get_absolute_url(), "All Vitiligo articles") in links


def test_no_latest_in_topic_section_when_related_reading_shows_them_all(client):
    article = make_article("Main story")
    make_article("The only other vitiligo story")

    aside = article_page(client, article).find("aside", cls="article-aside")

    assert [h2.text for h2 in aside.find_all("h2")] == ["Key facts", "Related reading"]


def test_without_a_lead_image_there_is_no_figure_and_no_photo_credit(client, seed_article):
    assert seed_article.lead_image is None and seed_article.source_photo_credit

    page = article_page(client, seed_article)

    main = page.find("main")
    assert main.find("figure") is None
    assert "Photo:" not in main.text
    assert seed_article.source_photo_credit not in main.text


def test_lead_image_has_renditions_its_size_and_its_credit(client):
    image = make_image(1600, 1067, caption="Repigmentation at week 24", credit="Jane Roe")
    article = make_article("Illustrated story", lead_image=image)

    figure = article_page(client, article).find("figure", cls="lead-figure")

    img = figure.find("img")
    assert len(img.attrs["srcset"].split(", ")) > 1
    assert img.attrs["sizes"]
    assert int(img.attrs["width"]) > 0 and int(img.attrs["height"]) > 0
    assert img.attrs["alt"] == image.alt_text
    assert "loading" not in img.attrs  # above the fold
    assert figure.find("figcaption").find(cls="credit").text == "Photo: Jane Roe"


def test_references_are_an_ordered_list_the_citations_link_to(client, seed_article):
    page = article_page(client, seed_article)

    references = page.find("section", cls="references").find("ol", cls="reference-list")
    assert [item.attrs["id"] for item in references.find_all("li")] == ["ref-1", "ref-2", "ref-3"]
    body = page.find(cls="article__body")
    cited = {href for href, _ in body.links() if href.startswith("#ref-")}
    assert cited == {"#ref-1", "#ref-2", "#ref-3"}
    # Each reference leads back to where the text cites it.
    backlinks = [link.attrs["href"] for link in references.find_all("a", cls="backlink")]
    assert backlinks == ["#cite-1", "#cite-2", "#cite-3"]
    assert {f"cite-{n}" for n in (1, 2, 3)} <= {el.attrs.get("id") for el in body.descendants()}


def test_headings_go_in_order_and_ids_are_unique(client, seed_article):
    more_vitiligo_stories()

    page = article_page(client, seed_article)

    main = page.find("main")
    levels = [int(el.tag[1]) for el in main.descendants() if el.tag in {"h1", "h2", "h3", "h4"}]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))
    ids = Counter(el.attrs["id"] for el in page.descendants() if el.attrs.get("id"))
    assert [name for name, count in ids.items() if count > 1] == []


def test_tags_are_links_and_corrections_have_their_own_section(client):
    from articles.models import Correction

    article = make_article("Corrected story", tags=["EMA"])
    Correction.objects.create(article=article, kind="correction", note="A dose was misstated.")

    page = article_page(client, article)

    tags = page.find("section", cls="tags")
    assert tags.find("h2").text == "Topics and tags"
    assert [text for _, text in tags.find("ul", cls="tag-list").links()] == ["EMA"]
    corrections = page.find("section", id="corrections")
    assert corrections.find("h2").text == "Corrections and updates"
    assert "A dose was misstated." in corrections.text
    assert ("#corrections", "Corrected") in page.find(cls="article__header").links()
