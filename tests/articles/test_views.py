"""Reader pages of the articles app: home, article, author and tag pages."""

import pytest
from django.urls import reverse

from newsroom.models import SiteSettings
from tests.builders import (
    get_topic,
    make_article,
    make_author,
    make_reference,
    tomorrow,
    yesterday,
)
from topics.models import Topic

pytestmark = pytest.mark.django_db


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
        image_credit="Peakstock/Adobe Stock",
        image_caption="Cream applied to a patch",
        updated_at=None,
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
    article.updated_at = tomorrow()  # after publication
    article.save()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for landmark in ("<header", "<nav", "<main", "<article", "<footer"):
        assert landmark in html
    assert '<h1 class="article__headline">Ruxolitinib cream repigments vitiligo</h1>' in html
    assert "Deck of Ruxolitinib cream repigments vitiligo." in html
    # Breadcrumb: Home > Pigmentary Disorders > Vitiligo
    assert '<li><a href="/topics/pigmentary-disorders/">Pigmentary Disorders</a></li>' in html
    assert '<li><a href="/topics/vitiligo/">Vitiligo</a></li>' in html
    assert (
        '<a href="/authors/dana-whitfield/" rel="author">Dana Whitfield</a>, '
        '<span class="credentials">MD, FAAD</span>' in html
    )
    assert f'<time datetime="{article.published_at.isoformat()}">' in html
    assert html.count("<time datetime=") == 2  # published and updated
    assert "Updated" in html
    assert "Photo: Peakstock/Adobe Stock" in html
    assert "Cream applied to a patch" in html
    assert '<a href="https://doi.org/10.1056/NEJMoa2118828">10.1056/NEJMoa2118828</a>' in html
    assert '<a href="https://investor.incyte.com/news-release">' in html
    assert '<li id="ref-1" value="1">' in html
    assert 'href="#ref-1"' in html and 'href="#cite-1"' in html
    assert '<a href="/tags/ruxolitinib/" rel="tag">ruxolitinib</a>' in html
    assert '<a href="/topics/drug-watch/">Drug Watch</a>' in html


def test_article_page_without_update_shows_one_date(client):
    article = make_article("Never updated")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<time datetime=") == 1
    assert "Updated" not in html


def test_lead_image_is_shown_with_alt_text(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    gif = (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x00\x00\x00\x00"
        b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )
    article = make_article(
        "With a picture",
        image=SimpleUploadedFile("patch.gif", gif, content_type="image/gif"),
        image_alt="Depigmented patch on the back of a hand",
        image_credit="Jane Roe",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Depigmented patch on the back of a hand"' in html
    assert f'src="{article.image.url}"' in html
    assert "Photo: Jane Roe" in html


def test_article_page_lists_more_from_the_same_topic(client):
    article = make_article("Main story")
    sibling = make_article("Sibling story")
    elsewhere = make_article("Acne story", primary_topic=get_topic("acne"))
    draft = make_article("Draft sibling", status="draft")

    response = client.get(article.get_absolute_url())

    related = list(response.context["related"])
    assert sibling in related
    assert article not in related and elsewhere not in related and draft not in related
    assert b"More in Vitiligo" in response.content


def test_author_page_lists_published_articles_by_that_author(client):
    author = make_author("Sam Rivera", credentials="PA-C", bio="Sam covers acne.")
    mine = make_article("Sam's story", authors=[author])
    make_article("Someone else's story")
    make_article("Sam's draft", authors=[author], status="draft")

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
    make_article("Draft with tag", status="draft", tags=["secret-drug"])
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
    from django.utils import timezone

    response = client.get(reverse("home"))
    year = timezone.now().year
    assert f"© {year} Skin Health Media. All rights reserved.".encode() in response.content
