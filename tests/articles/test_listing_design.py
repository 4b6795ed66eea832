"""Image-led listings: the home page's lead story, latest news and topic sections, and
the cards of topic, tag, author and search pages, as a reader sees them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from newsroom.models import SiteSettings
from tests.builders import get_topic, make_article, make_author, now
from tests.images.builders import make_image
from tests.pages import parse
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def describe(card):
    """What a reader takes from a card: label, headline link, deck, byline, date."""
    time = card.find("time")
    deck = card.find(cls="card__deck")
    return {
        "type": card.find(cls="card__type").text,
        "headline": card.find(cls="card__headline").links(),
        "deck": deck.text if deck else None,
        "byline": card.find(cls="card__byline").text,
        "date": (time.attrs["datetime"], time.text),
    }


def test_topic_tag_and_author_pages_show_full_cards(client):
    author = make_author("Dana Reyes")
    article = make_article(
        "Ruxolitinib cream at two years",
        deck="Repigmentation held.",
        authors=[author],
        article_type="feature",
        tags=["jak-inhibitors"],
    )
    expected = {
        "type": "Feature",
        "headline": [(article.get_absolute_url(), "Ruxolitinib cream at two years")],
        "deck": "Repigmentation held.",
        "byline": "By Dana Reyes",
        "date": (
            timezone.localtime(article.published_at).replace(microsecond=0).isoformat(),
            dateformat.format(article.published_at, "M j, Y"),
        ),
    }

    for url in [
        reverse("topics:detail", args=["vitiligo"]),
        reverse("articles:tag", args=["jak-inhibitors"]),
        author.get_absolute_url(),
    ]:
        (card,) = parse(client.get(url)).find_all("article", cls="card")
        assert describe(card) == expected, url
        # The topic is a link of its own beside the type, never wrapped around the headline.
        assert card.find(cls="card__topic").links() == [("/topics/vitiligo/", "Vitiligo")]


def test_cards_with_photos_use_renditions_lazily_and_never_credit(client):
    make_article("With photo", lead_image=make_image(1200, 800))

    (card,) = parse(client.get(reverse("topics:detail", args=["vitiligo"]))).find_all(
        "article", cls="card"
    )

    img = card.find("img")
    assert img.attrs["srcset"] and img.attrs["sizes"]
    assert img.attrs["width"] and img.attrs["height"]
    assert img.attrs["loading"] == "lazy"
    assert card.find("svg") is None
    assert "Peakstock" not in card.text and "Photo:" not in card.text


def test_home_has_a_lead_story_latest_news_and_topic_sections(client):
    SiteSettings.load()
    Topic.objects.update(featured=False)
    Topic.objects.filter(slug="psoriasis").update(featured=True)
    lead = make_article("The lead", featured=True, lead_image=make_image(1600, 1000))
    latest = [
        make_article(
            f"Latest {n}",
            lead_image=make_image(900, 600),
            published_at=now() - timedelta(hours=10 - n),
        )
        for n in range(6)
    ]
    older = [
        make_article(
            f"Psoriasis {n}",
            primary_topic=get_topic("psoriasis"),
            published_at=now() - timedelta(days=3 + n),
        )
        for n in range(3)
    ]

    page = parse(client.get(reverse("home")))

    lead_section = page.find("section", **{"aria-label": "Lead story"})
    assert lead_section.find("h2").links() == [(lead.get_absolute_url(), "The lead")]
    lead_image = lead_section.find("img")
    assert "loading" not in lead_image.attrs  # the largest picture above the fold
    assert lead_image.attrs["width"] and lead_image.attrs["height"]

    latest_section = page.find("section", cls="latest")
    assert latest_section.find("h2").text == "Latest news"
    rows = latest_section.find_all("li")
    assert [row.find("h3").text for row in rows] == [a.headline for a in reversed(latest)]
    assert all(row.find("time").attrs["datetime"] for row in rows)
    assert all(row.find("img").attrs["loading"] == "lazy" for row in rows)

    (section,) = page.find_all("section", cls="topic-section")
    assert section.find("h2").text == "Psoriasis"
    assert ("/topics/psoriasis/", "More in Psoriasis") in section.links()
    assert {card.find("h3").text for card in section.find_all("article")} == {
        a.headline for a in older
    }
    assert all(card.find("svg") for card in section.find_all("article"))


def test_home_with_a_single_article_has_no_empty_parts(client):
    SiteSettings.load()
    make_article("The only story")

    page = parse(client.get(reverse("home")))

    assert [h2.text for h2 in page.find("main").find_all("h2")] == ["The only story"]
    assert page.find("section", cls="latest") is None
    assert page.find(cls="empty") is None
