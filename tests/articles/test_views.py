"""Reader pages of the articles app: home, article, author and tag pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from articles.models import Correction
from newsroom.models import SiteSettings
from tests.builders import (
    get_topic,
    make_article,
    make_author,
    make_draft,
    make_reference,
    now,
    yesterday,
)
from tests.images.builders import make_image
from tests.pages import parse
from topics.models import Topic

pytestmark = pytest.mark.django_db


def day(moment):
    """A date as the page writes it: "March 2, 2026"."""
    return dateformat.format(timezone.localtime(moment), "F j, Y")


def iso(moment):
    """A moment as the page's <time datetime> gives it: ISO 8601 in the site's zone,
    to the second (HTML allows at most three digits of a second)."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def test_home_shows_lead_latest_and_featured_sections(client):
    older = make_article("Older psoriasis news", primary_topic=get_topic("psoriasis"))
    lead = make_article("Featured lead story", featured=True, published_at=yesterday())
    newest = make_article("Newest eczema story", primary_topic=get_topic("atopic-dermatitis"))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["lead"] == lead
    assert list(response.context["latest"]) == [newest, older]
    assert b"Featured lead story" in response.content
    assert b"Deck of Featured lead story." in response.content
    assert response.content.count(b"card--lead") == 1  # only the lead story is big


def test_home_sections_show_featured_topics_without_repeating_articles_above(client):
    from articles.views import HOME_LATEST_COUNT, HOME_SECTION_COUNT

    psoriasis = [
        make_article(f"Psoriasis {n}", primary_topic=get_topic("psoriasis"))
        for n in range(HOME_SECTION_COUNT + 1)
    ]
    acne = make_article("Acne story", primary_topic=get_topic("acne"))  # topic not featured
    vitiligo = make_article("Vitiligo story")
    # The newest articles fill the lead and "Latest"; sections get what is left.
    for n in range(HOME_LATEST_COUNT + 1):
        make_article(f"Newer general story {n}", primary_topic=get_topic("general-dermatology"))

    response = client.get(reverse("home"))

    sections = {topic.slug: articles for topic, articles in response.context["sections"]}
    assert list(sections) == ["vitiligo", "psoriasis"]  # taxonomy order, featured only
    assert sections["vitiligo"] == [vitiligo]
    assert sections["psoriasis"] == list(reversed(psoriasis))[:HOME_SECTION_COUNT]
    shown_above = {response.context["lead"].pk} | {a.pk for a in response.context["latest"]}
    assert not shown_above & {a.pk for articles in sections.values() for a in articles}
    assert acne not in sum(sections.values(), [])
    html = response.content.decode()
    assert '<a href="/topics/psoriasis/">Psoriasis</a></h2>' in html
    assert "More in Psoriasis" in html


def test_home_section_includes_subtopics_of_a_featured_topic(client):
    Topic.objects.filter(slug="pigmentary-disorders").update(featured=True)
    from articles.views import HOME_LATEST_COUNT

    melasma = make_article("Melasma update", primary_topic=get_topic("melasma"))
    for n in range(HOME_LATEST_COUNT + 1):  # newer stories fill the lead and "Latest"
        make_article(f"Newer story {n}", primary_topic=get_topic("acne"))

    response = client.get(reverse("home"))

    sections = {topic.slug: articles for topic, articles in response.context["sections"]}
    assert sections["pigmentary-disorders"] == [melasma]


def test_home_without_articles_says_so(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"No articles have been published yet." in response.content


def test_article_page_shows_everything_a_reader_needs(client):
    author = make_author("Dana Whitfield", credentials="MD, FAAD")
    article = make_article(
        "Ruxolitinib cream repigments vitiligo",
        authors=[author],
        body="Two trials[1] and a release[2].",
        tags=["ruxolitinib"],
        topics=[get_topic("drug-watch")],
    )
    make_reference(article, number=1, doi="10.1056/NEJMoa2118828")
    make_reference(
        article,
        number=2,
        kind="web",
        authors="",
        title="Incyte announces positive CHMP opinion",
        source="Incyte",
        year=None,
        volume="",
        issue="",
        pages="",
        doi="",
        url="https://investor.incyte.com/news-release",
    )
    # An editor marked a substantive update after publication (yesterday).
    article.updated_at = now()
    article.save()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = parse(response)
    assert [h1.text for h1 in page.find_all("h1")] == ["Ruxolitinib cream repigments vitiligo"]
    for landmark in ("header", "nav", "main", "article", "footer"):
        assert page.find(landmark) is not None, landmark
    assert page.find(cls="article__deck").text == "Deck of Ruxolitinib cream repigments vitiligo."
    assert page.find("nav", cls="breadcrumb").links() == [
        ("/", "Home"),
        ("/topics/pigmentary-disorders/", "Pigmentary Disorders"),
        ("/topics/vitiligo/", "Vitiligo"),
    ]
    byline = page.find(cls="byline")
    assert byline.text == "By Dana Whitfield, MD, FAAD"
    assert byline.find("a", rel="author").attrs["href"] == "/authors/dana-whitfield/"
    dateline = page.find(cls="dateline")
    assert [time.attrs["datetime"] for time in dateline.find_all("time")] == [
        iso(article.published_at),
        iso(article.updated_at),
    ]
    assert dateline.text.startswith("Published ")
    assert dateline.find(cls="dateline__updated").text.startswith("Updated ")
    # Citations link to the reference list and back.
    body = page.find(cls="article__body")
    assert body.links() == [("#ref-1", "1"), ("#ref-2", "2")]
    references = page.find("ol", cls="reference-list")
    items = references.find_all("li")
    assert [(li.attrs["id"], li.attrs["value"]) for li in items] == [("ref-1", "1"), ("ref-2", "2")]
    assert ("https://doi.org/10.1056/NEJMoa2118828", "10.1056/NEJMoa2118828") in items[0].links()
    assert "Incyte announces positive CHMP opinion" in items[1].text
    assert "https://investor.incyte.com/news-release" in dict(items[1].links())
    assert items[0].find("a", cls="backlink").attrs["href"] == "#cite-1"
    assert page.find("a", rel="tag").attrs["href"] == "/tags/ruxolitinib/"
    assert page.find("section", cls="tags").links() == [("/tags/ruxolitinib/", "ruxolitinib")]
    assert page.find(cls="also-in").links() == [("/topics/drug-watch/", "Drug Watch")]
    # Nothing here the article does not have.
    assert page.find("figure") is None
    assert page.find(cls="provenance") is None
    assert page.find(id="corrections") is None


def test_article_page_without_update_shows_one_date(client):
    article = make_article("Never updated")

    dateline = parse(client.get(article.get_absolute_url())).find(cls="dateline")

    assert [time.attrs["datetime"] for time in dateline.find_all("time")] == [
        iso(article.published_at)
    ]
    assert "Updated" not in dateline.text
    assert "Corrected" not in dateline.text


@pytest.mark.parametrize(
    ("source_name", "source_year", "shown"),
    [
        ("MJH Life Sciences", 2024, "Source: MJH Life Sciences, 2024"),
        ("MJH Life Sciences", None, "Source: MJH Life Sciences"),
        ("", 2024, None),
    ],
)
def test_article_page_names_the_source_of_imported_content(client, source_name, source_year, shown):
    article = make_article("Imported story", source_name=source_name, source_year=source_year)

    provenance = parse(client.get(article.get_absolute_url())).find(cls="provenance")

    assert (provenance.text if provenance else None) == shown


def test_corrections_and_update_notes_are_shown_at_the_foot_and_near_the_byline(client):
    article = make_article("Corrected story", published_at=now() - timedelta(days=5))
    corrected_on = now() - timedelta(days=3)
    updated_on = now() - timedelta(days=1)
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        noted_at=corrected_on,
        note="An earlier version gave the trial size as 330; it was 344.",
    )
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.UPDATE,
        noted_at=updated_on,
        note="Adds the FDA decision.",
    )

    page = parse(client.get(article.get_absolute_url()))

    dateline = page.find(cls="dateline")
    assert dateline.find(cls="dateline__updated").find("time").attrs["datetime"] == iso(updated_on)
    corrected = dateline.find(cls="dateline__corrected")
    assert corrected.links() == [("#corrections", "Corrected")]
    assert corrected.find("time").attrs["datetime"] == iso(corrected_on)
    foot = page.find("section", id="corrections")
    assert foot.find("h2").text == "Corrections and updates"
    notes = [li.text for li in foot.find_all("li")]
    assert notes == [
        f"Correction, {day(corrected_on)}: An earlier version gave the trial size as 330; "
        "it was 344.",
        f"Update, {day(updated_on)}: Adds the FDA decision.",
    ]


def test_article_page_lists_more_from_the_same_topic(client):
    article = make_article("Main story")
    sibling = make_article("Sibling story")
    elsewhere = make_article("Acne story", primary_topic=get_topic("acne"))
    draft = make_draft("Draft sibling")

    response = client.get(article.get_absolute_url())

    related = list(response.context["related"])
    assert sibling in related
    assert article not in related and elsewhere not in related and draft not in related
    assert b"Related reading" in response.content


def test_author_page_lists_published_articles_by_that_author(client):
    author = make_author("Sam Rivera", credentials="PA-C", bio="Sam covers acne.")
    mine = make_article("Sam's story", authors=[author])
    make_article("Someone else's story")
    make_draft("Sam's draft", authors=[author])

    response = client.get(author.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["articles"]) == [mine]
    assert b"Sam covers acne." in response.content
    assert b"PA-C" in response.content


def test_tag_page_lists_tagged_published_articles_and_paginates(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    tagged = [make_article(f"Tagged {n}", tags=["TRuE-V1"]) for n in range(3)]
    make_article("Untagged")

    first = client.get(reverse("articles:tag", args=["true-v1"]))
    second = client.get(reverse("articles:tag", args=["true-v1"]) + "?page=2")

    assert first.status_code == 200 and second.status_code == 200
    shown = list(first.context["articles"]) + list(second.context["articles"])
    assert sorted(a.pk for a in shown) == sorted(a.pk for a in tagged)
    assert b'rel="next"' in first.content
    assert client.get(reverse("articles:tag", args=["true-v1"]) + "?page=9").status_code == 404


def test_tag_page_is_404_for_unknown_tags_and_tags_only_on_drafts(client):
    make_draft("Draft with tag", tags=["secret-drug"])
    assert client.get(reverse("articles:tag", args=["secret-drug"])).status_code == 404
    assert client.get(reverse("articles:tag", args=["no-such-tag"])).status_code == 404


def test_unknown_article_and_author_are_404_with_our_page(client):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"All topics" in response.content  # the site's own template, with navigation
    assert client.get("/authors/nobody/").status_code == 404


def test_footer_names_the_publisher_from_site_settings(client):
    settings_row = SiteSettings.load()
    settings_row.publisher_name = "Skin Health Media"
    settings_row.save()

    response = client.get(reverse("home"))
    year = timezone.now().year
    assert f"© {year} Skin Health Media. All rights reserved.".encode() in response.content


# Lead image: an images.Image. Its renditions, sizes and lazy loading are tested in
# test_lead_image.py; here, what a reader sees around it.


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_photo_credit_is_not_shown_without_the_image(client):
    # An import keeps the original's credit for the editor who adds the image; a
    # credit with no picture would tell readers nothing.
    article = make_article("Credit but no picture", source_photo_credit="Peakstock/Adobe Stock")

    page = parse(client.get(article.get_absolute_url()))

    assert page.find("figure") is None
    assert "Peakstock/Adobe Stock" not in page.text


def test_lead_image_is_shown_with_alt_text_caption_and_credit(client, media_root):
    image = make_image(
        1200,
        800,
        alt_text="Depigmented patch on the back of a hand",
        caption="Cream applied to a patch",
        credit="Jane Roe",
    )
    article = make_article("With a picture", lead_image=image)

    figure = parse(client.get(article.get_absolute_url())).find("figure", cls="lead-figure")

    assert figure.find("img").attrs["alt"] == "Depigmented patch on the back of a hand"
    assert figure.find("img").attrs["src"]
    assert figure.find(cls="caption").text == "Cream applied to a patch"
    assert figure.find(cls="credit").text == "Photo: Jane Roe"


def test_lead_image_without_a_caption_shows_only_its_credit(client, media_root):
    article = make_article("Bare picture", lead_image=make_image(1200, 800, caption=""))

    figure = parse(client.get(article.get_absolute_url())).find("figure", cls="lead-figure")

    assert figure.find(cls="caption") is None
    assert figure.find("figcaption").text == "Photo: Peakstock/Adobe Stock"
