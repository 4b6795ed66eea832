"""Articles without a photo get a picture of their topic: an inline SVG in the topic's
colour, decorative, with ids that never repeat on a page."""

from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from newsroom.models import SiteSettings
from tests.builders import get_topic, make_article, make_topic
from tests.pages import parse
from topics.models import PALETTE, Topic
from topics.templatetags.topic_tags import image_placeholder

pytestmark = pytest.mark.django_db


def cards(response):
    return parse(response).find_all("article", cls="card")


def test_a_topic_without_a_colour_gets_a_stable_palette_colour():
    topic = make_topic("Nail Disorders", slug="nail-disorders")
    assert topic.colour == ""
    assert topic.accent_colour in PALETTE
    # The same slug gives the same colour, in any process (no salted hash()).
    assert Topic(slug="nail-disorders").accent_colour == topic.accent_colour
    assert Topic(slug="nail-disorders", colour="#1A2B3C").accent_colour == "#1a2b3c"


def test_the_palette_spreads_the_taxonomy_over_several_colours():
    colours = {topic.accent_colour for topic in Topic.objects.all()}
    assert len(colours) >= 6


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("chief", "chief@example.com", "pw-123456"))
    return client


def topic_form(**overrides):
    data = {"name": "Nail Disorders", "slug": "nail-disorders", "order": 0, "description": ""}
    data.update(overrides)
    return data


def test_the_admin_rejects_a_colour_that_is_not_six_hex_digits(admin_client):
    response = admin_client.post(reverse("admin:topics_topic_add"), topic_form(colour="#zzz"))

    assert response.status_code == 200
    errors = parse(response).find(cls="field-colour").find(cls="errorlist")
    assert "six hexadecimal digits" in errors.text
    assert not Topic.objects.filter(slug="nail-disorders").exists()


def test_the_admin_saves_a_colour_or_none(admin_client):
    admin_client.post(reverse("admin:topics_topic_add"), topic_form(colour="#3a5f8c"))
    admin_client.post(
        reverse("admin:topics_topic_add"), topic_form(name="Hair", slug="hair", colour="")
    )

    assert Topic.objects.get(slug="nail-disorders").accent_colour == "#3a5f8c"
    assert Topic.objects.get(slug="hair").accent_colour in PALETTE


def test_a_card_without_an_image_shows_a_placeholder_in_the_topics_colour(client):
    Topic.objects.filter(slug="vitiligo").update(colour="#2f6f9f")
    make_article("No photo here", primary_topic=get_topic("vitiligo"))

    (card,) = cards(client.get(reverse("topics:detail", args=["vitiligo"])))

    assert card.find("img") is None
    svg = card.find("svg")
    assert svg.attrs["aria-hidden"] == "true"
    # Not in the tab order; no focusable="false" (an IE-only attribute the Nu checker rejects).
    assert "tabindex" not in svg.attrs and "focusable" not in svg.attrs
    # Drawn at the cards' 3:2, so a page of placeholders and photos lines up.
    assert (svg.attrs["width"], svg.attrs["height"]) == ("300", "200")
    assert "#2f6f9f" in {shape.attrs.get("fill") for shape in svg.find_all("rect")}
    assert "Photo" not in card.text and "credit" not in card.text.lower()


def test_placeholders_differ_between_articles():
    first, second = make_article("First"), make_article("Second")
    assert image_placeholder(first)["rings"] != image_placeholder(second)["rings"]
    assert image_placeholder(first)["colour"] == image_placeholder(second)["colour"]


def ids(response):
    return Counter(
        element.attrs["id"] for element in parse(response).descendants() if "id" in element.attrs
    )


def test_no_id_repeats_on_pages_full_of_placeholders(client):
    SiteSettings.load()
    Topic.objects.filter(slug__in=["vitiligo", "psoriasis", "acne"]).update(featured=True)
    for index in range(24):
        make_article(primary_topic=get_topic(["vitiligo", "psoriasis", "acne"][index % 3]))

    for url in [
        reverse("home"),
        reverse("topics:detail", args=["vitiligo"]),
        reverse("topics:index"),
        reverse("search:results") + "?q=article",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        repeated = [name for name, count in ids(response).items() if count > 1]
        assert repeated == [], url
        # Every gradient and pattern a placeholder uses is defined on the page.
        assert any(name.startswith("ph-") for name in ids(response)), url
