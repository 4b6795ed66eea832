"""Stored XSS: every field staff can write holds a hostile payload, and every public
page (and the key admin pages) that shows it stays inert, parsed as a browser
parses it: no event handler, no script but our JSON-LD (which still parses and
gives the payload back as text), no link with another scheme, no duplicate id."""

import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest
from django.urls import reverse

from articles.models import Correction, Reference
from drugs.models import RegulatoryMilestone
from evidence.models import TrialSummary
from newsroom.models import PolicyPage, SiteSettings
from tests.builders import make_article, make_author, make_reference, make_topic
from tests.drugs.builders import make_drug
from tests.hostile import (
    BODY_EXTRA,
    PAYLOADS,
    URL_PAYLOADS,
    fit,
    html_problems_in_feed,
    json_ld_blocks,
    parse_html,
    problems,
)
from tests.images.builders import make_image

pytestmark = pytest.mark.django_db

CASES = [
    pytest.param(payload, URL_PAYLOADS[index % len(URL_PAYLOADS)], id=name)
    for index, (name, payload) in enumerate(PAYLOADS.items())
]


def hostile_site(payload, url):
    """The payload in every text field staff write, the URL in every link field;
    written straight to the database, as an import or an old row would be."""
    SiteSettings(
        site_name=fit(payload, 100), tagline=fit(payload, 200), publisher_name=fit(payload, 200)
    ).save()
    topic = make_topic(fit(payload, 100), slug="hostile-topic", description=payload)
    image = make_image(
        800,
        600,
        alt_text=fit(payload, 300),
        caption=fit(payload, 500),
        credit=fit(payload, 200),
        kind="clinical",
        skin_type="IV",
        consent_on_file=True,
    )
    author = make_author(
        fit(payload, 200),
        slug="hostile-author",
        credentials=fit(payload, 100),
        bio=payload,
        disclosures=payload,
        photo=image,
    )
    article = make_article(
        fit(payload, 300),
        slug="hostile-article",
        authors=[author],
        primary_topic=topic,
        deck=f"Hostile deck {payload}",
        body=payload + BODY_EXTRA,
        takeaways=f"{payload}\n{payload}",
        reviewed_by=fit(payload, 200),
        disclosure=payload,
        source_name=fit(payload, 200),
        source_url=url,
        source_photo_credit=fit(payload, 200),
        lead_image=image,
        tags=[fit(payload, 100), "Hostile tag"],
    )
    make_reference(
        article,
        1,
        citation=payload,
        authors=fit(payload, 1000),
        title=fit(payload, 1000),
        source=fit(payload, 300),
        volume=fit(payload, 20),
        issue=fit(payload, 20),
        pages=fit(payload, 40),
        url=url,
        notice="retracted",
        notice_url=url,
    )
    make_reference(article, 2, title="", doi="", citation=payload, url=url)
    make_reference(article, 3, kind=Reference.Kind.WEB, source=fit(payload, 300), url=url)
    Correction.objects.create(article=article, note=payload)
    TrialSummary.objects.create(
        article=article,
        order=1,
        name=fit(payload, 200),
        nct_number="NCT01234567",
        allocation_ratio=fit(payload, 20),
        condition=fit(payload, 200),
        population=fit(payload, 500),
        intervention=fit(payload, 300),
        comparator=fit(payload, 300),
        primary_endpoint=fit(payload, 300),
        time_point=fit(payload, 100),
        result=payload,
        safety=payload,
    )
    drug = make_drug(
        fit(payload, 200),
        slug="hostile-drug",
        brand_names=fit(payload, 300),
        drug_class=fit(payload, 200),
        formulation=fit(payload, 200),
        description=payload,
        articles=[article],
    )
    RegulatoryMilestone.objects.create(
        drug=drug,
        agency="fda",
        decision="approval",
        date=date(2024, 1, 2),
        indication=fit(payload, 300),
        notes=payload,
        source_url=url,
    )
    policy = PolicyPage.objects.order_by("pk").first()
    policy.title = fit(payload, 200)
    policy.body = payload + BODY_EXTRA
    policy.save()
    return {"article": article, "author": author, "topic": topic, "drug": drug, "policy": policy}


def public_pages(site):
    article, topic = site["article"], site["topic"]
    payload_tag = article.tags.exclude(name="Hostile tag").get()
    return [
        "/",
        reverse("topics:index"),
        topic.get_absolute_url(),
        reverse("images:gallery", kwargs={"slug": topic.slug}),
        article.get_absolute_url(),
        site["author"].get_absolute_url(),
        reverse("articles:authors"),
        payload_tag.get_absolute_url(),
        reverse("articles:tags"),
        f"{reverse('search:results')}?q=Hostile",
        f"{reverse('search:results')}?q={article.headline[:60]}",
        site["drug"].get_absolute_url(),
        reverse("drugs:index"),
        site["policy"].get_absolute_url(),
    ]


def feeds(site):
    topic, author, drug = site["topic"], site["author"], site["drug"]
    tag = site["article"].tags.exclude(name="Hostile tag").get()
    return [
        reverse("feeds:latest"),
        reverse("feeds:latest_atom"),
        reverse("feeds:topic", kwargs={"slug": topic.slug}),
        reverse("feeds:topic_atom", kwargs={"slug": topic.slug}),
        reverse("feeds:tag", kwargs={"slug": tag.slug}),
        reverse("feeds:tag_atom", kwargs={"slug": tag.slug}),
        reverse("feeds:author", kwargs={"slug": author.slug}),
        reverse("feeds:author_atom", kwargs={"slug": author.slug}),
        reverse("feeds:drug", kwargs={"slug": drug.slug}),
        reverse("feeds:drug_atom", kwargs={"slug": drug.slug}),
    ]


def admin_pages(site):
    article = site["article"]
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:images_image_changelist"),
        reverse("admin:images_image_change", args=[article.lead_image_id]),
        reverse("admin:articles_author_change", args=[site["author"].pk]),
        reverse("admin:drugs_drug_change", args=[site["drug"].pk]),
        reverse("admin:topics_topic_change", args=[site["topic"].pk]),
        reverse("admin:newsroom_sitesettings_change", args=[1]),
        reverse("admin:newsroom_policypage_change", args=[site["policy"].pk]),
        reverse("articles:preview", kwargs={"pk": article.pk}),
    ]


@pytest.mark.parametrize(("payload", "url"), CASES)
def test_public_pages_feeds_and_sitemaps_stay_inert(client, payload, url):
    # One site per payload for all the reader's pages: building it is the slow part.
    site = hostile_site(payload, url)

    for path in public_pages(site):
        response = client.get(path)
        assert response.status_code == 200, path
        assert problems(response.content.decode()) == [], path
    assert_article_gives_the_payload_back_as_text(client, site, payload)
    assert_drug_json_ld_gives_the_payload_back(client, site, payload)
    assert_feeds_are_well_formed_and_inert(client, site)
    assert_sitemaps_are_well_formed(client, site)


def assert_article_gives_the_payload_back_as_text(client, site, payload):
    article = site["article"]
    response = client.get(article.get_absolute_url())

    page = parse_html(response.content.decode())
    headline = page.find(".//h1")
    assert " ".join("".join(headline.itertext()).split()) == " ".join(article.headline.split())
    news = next(block for block in json_ld_blocks(response.content.decode()) if "headline" in block)
    assert news["headline"] == article.headline
    assert news["author"][0]["name"] == site["author"].name
    assert news["publisher"]["name"] == SiteSettings.load().publisher_name
    # The stored URL is a javascript: one: only the DOI's address is left.
    assert [citation.get("url") for citation in news["citation"]] == [
        "https://doi.org/10.1056/TEST1",
        None,
        "https://doi.org/10.1056/TEST3",
    ]
    assert news["mentions"][0]["name"] == fit(payload, 200)


def assert_drug_json_ld_gives_the_payload_back(client, site, payload):
    response = client.get(site["drug"].get_absolute_url())

    blocks = json_ld_blocks(response.content.decode())
    drug = next(block for block in blocks if block["@type"] == "Drug")
    assert drug["name"] == site["drug"].generic_name
    assert drug["description"] == payload


def assert_feeds_are_well_formed_and_inert(client, site):
    for path in feeds(site):
        response = client.get(path)
        assert response.status_code == 200, path
        root = ElementTree.fromstring(response.content)
        assert html_problems_in_feed(root) == [], path
        titles = [element.text for element in root.iter() if element.tag.endswith("title")]
        assert site["article"].headline in titles, path


def assert_sitemaps_are_well_formed(client, site):
    index = ElementTree.fromstring(client.get(reverse("sitemap")).content)
    paths = [
        element.text.removeprefix("http://testserver")
        for element in index.iter()
        if element.tag.endswith("loc")
    ]
    for path in [*paths, reverse("sitemap-news")]:
        response = client.get(path)
        assert response.status_code == 200, path
        ElementTree.fromstring(response.content)
    news = ElementTree.fromstring(client.get(reverse("sitemap-news")).content)
    assert site["article"].headline in [e.text for e in news.iter() if e.tag.endswith("title")]


@pytest.mark.parametrize(("payload", "url"), CASES)
def test_admin_pages_stay_inert(admin_client, payload, url):
    site = hostile_site(payload, url)

    for path in admin_pages(site):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert problems(response.content.decode(), admin=True) == [], path
