"""Who wrote it, who reviewed it, what they disclose, and when it was published."""

from datetime import date, timedelta

import pytest

from articles.models import Author
from imports.parser import parse_article_text
from imports.services import DEFAULT_BYLINE, import_article
from tests.builders import get_topic, make_article, make_article_text, make_author, now
from tests.images.builders import make_image
from tests.pages import parse, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def author_page(client, author):
    make_article(authors=[author])
    response = client.get(author.get_absolute_url())
    assert response.status_code == 200
    return parse(response)


def test_author_page_shows_photo_credentials_bio_and_disclosures(client):
    photo = make_image(800, 800, alt_text="Portrait of Jane Doe", credit="Newsroom")
    author = make_author(
        "Jane Doe",
        credentials="MD, FAAD",
        bio="Jane Doe is a dermatologist in Boston.",
        disclosures="Consultant for Incyte.",
        photo=photo,
    )

    page = author_page(client, author)

    header = page.find(cls="author-profile")
    [portrait] = header.find_all("img")
    assert portrait.attrs["alt"] == "Portrait of Jane Doe"
    assert photo.rendition_480.url in portrait.attrs["srcset"]
    assert header.find("h1").text == "Jane Doe, MD, FAAD"
    assert header.find(cls="author-profile__bio").text == "Jane Doe is a dermatologist in Boston."
    assert header.find(cls="author-profile__disclosures").text == (
        "Disclosures: Consultant for Incyte."
    )
    assert header.find(cls="author-profile__placeholder") is None


def test_without_a_photo_the_page_shows_initials(client):
    page = author_page(client, make_author("Alex Quinn Morgan"))

    placeholder = page.find(cls="author-profile__placeholder")
    assert placeholder.text == "AM"
    assert placeholder.attrs["aria-label"] == "No photo of Alex Quinn Morgan"
    assert page.find(cls="author-profile").find("img") is None


@pytest.mark.parametrize(
    ("disclosures", "shown"),
    [
        ("None", "Disclosures: None declared"),
        ("none.", "Disclosures: None declared"),
        ("Advisory board, AbbVie.", "Disclosures: Advisory board, AbbVie."),
        ("", None),
    ],
)
def test_disclosures_as_written_and_hidden_when_empty(client, disclosures, shown):
    page = author_page(client, make_author(disclosures=disclosures))

    line = page.find(cls="author-profile__disclosures")
    assert (line.text if line else None) == shown


def test_the_importers_default_byline_has_a_real_description(client):
    parsed = parse_article_text(make_article_text())
    result = import_article(
        parsed, topics=[get_topic("vitiligo")], authors=[], publish=True, comment="Import."
    )

    [byline] = result.article.bylines.all()
    staff = byline.author
    assert staff.name == DEFAULT_BYLINE
    assert staff.bio.startswith("Articles by the Dermatology News editorial team")
    assert staff.disclosures == "None"
    page = client.get(staff.get_absolute_url())
    text = visible_text(page)
    assert "Articles by the Dermatology News editorial team" in text
    assert "Disclosures: None declared" in text


def test_a_staff_author_an_editor_described_keeps_that_description():
    Author.objects.create(name=DEFAULT_BYLINE, slug="editorial-staff", bio="Our own words.")
    parsed = parse_article_text(make_article_text())

    import_article(parsed, topics=[get_topic("vitiligo")], authors=[])

    assert Author.objects.get(slug="editorial-staff").bio == "Our own words."


def test_article_shows_medical_review_and_disclosure_note(client):
    article = make_article(
        reviewed_by="Jane Doe, MD, FAAD",
        reviewed_on=date(2026, 3, 4),
        disclosure="Supported by an unrestricted grant from Example Pharma.",
    )

    page = parse(client.get(article.get_absolute_url()))

    header = page.find("header", cls="article__header")
    assert header.find(cls="medical-review").text == (
        "Medically reviewed by Jane Doe, MD, FAAD on March 4, 2026"
    )
    box = page.find(cls="disclosure-note")
    assert box.find("h2").text == "Sponsorship and disclosures"
    assert "Supported by an unrestricted grant from Example Pharma." in box.text
    assert box.attrs["aria-labelledby"] == box.find("h2").attrs["id"]


def test_without_review_or_disclosure_neither_is_shown(client):
    article = make_article()

    page = parse(client.get(article.get_absolute_url()))

    assert page.find(cls="medical-review") is None
    assert page.find(cls="disclosure-note") is None
    assert "Medically reviewed" not in page.find("main").text


def test_published_and_updated_are_labelled_separately(client):
    published = now() - timedelta(days=3)
    article = make_article(published_at=published, updated_at=now() - timedelta(days=1))

    dateline = parse(client.get(article.get_absolute_url())).find(cls="dateline")

    first = dateline.find(cls="dateline__published")
    updated = dateline.find(cls="dateline__updated")
    assert first.text.startswith("Published ")
    assert updated.text.startswith("Updated ")
    assert first.find("time").attrs["datetime"] != updated.find("time").attrs["datetime"]


def test_a_never_updated_article_shows_only_published(client):
    article = make_article()

    dateline = parse(client.get(article.get_absolute_url())).find(cls="dateline")

    assert dateline.find(cls="dateline__published").text.startswith("Published ")
    assert dateline.find(cls="dateline__updated") is None
