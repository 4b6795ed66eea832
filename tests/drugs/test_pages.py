"""The drug index and drug pages as a reader sees them, and their feeds."""

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from drugs.models import Drug, RegulatoryMilestone
from tests.builders import make_article, make_draft, tomorrow, yesterday
from tests.drugs.builders import FDA_APPROVAL, make_drug
from tests.pages import parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def seed():
    call_command("load_demo", "--allow-production", stdout=StringIO())
    return Article.objects.get(), Drug.objects.get(slug="ruxolitinib")


def unpublished_about(drug):
    articles = [
        make_draft("Draft about it"),
        make_article("In review about it", status="review"),
        make_article("Scheduled about it", published_at=tomorrow()),
        make_article("Archived about it", status="archived"),
    ]
    drug.articles.add(*articles)
    return [article.headline for article in articles]


def headlines(page):
    section = page.find("section", cls="drug-articles")
    return [card.text for card in section.find_all("h3")] or [
        text for _, text in section.links() if text and text != "RSS feed"
    ]


def test_drug_page_shows_its_facts_milestones_in_date_order_and_its_articles(client):
    article = make_article("Ruxolitinib cream news")
    drug = make_drug(
        "ruxolitinib",
        brand_names="Opzelura, Jakafi",
        drug_class="JAK1/JAK2 inhibitor",
        formulation="1.5% cream",
        articles=[article],
        milestones=[
            ("ema", "chmp-positive", date(2023, 2, 23), "non-segmental vitiligo with facial "
             "involvement"),
            ("fda", "approval", date(2021, 9, 21), "mild to moderate atopic dermatitis"),
            ("fda", "approval", date(2022, 7, 18), "non-segmental vitiligo"),
        ],
    )  # fmt: skip
    response = client.get(drug.get_absolute_url())
    assert response.status_code == 200
    page = parse(response)
    assert page.find("h1").text == "ruxolitinib"
    facts = page.find("dl", cls="drug-facts").text
    assert "Opzelura, Jakafi" in facts
    assert "JAK1/JAK2 inhibitor" in facts
    assert "1.5% cream" in facts

    items = page.find("ol", cls="timeline").find_all("li")
    assert [item.find("time").attrs["datetime"] for item in items] == [
        "2021-09-21",
        "2022-07-18",
        "2023-02-23",
    ]
    assert items[0].text.startswith("September 21, 2021 FDA approval: mild to moderate atopic")
    assert "FDA approval: non-segmental vitiligo" in items[1].text
    assert "EMA CHMP positive opinion: non-segmental vitiligo with facial" in items[2].text

    links = dict(page.find("section", cls="drug-articles").links())
    assert links[article.get_absolute_url()] == article.headline


def test_milestones_are_in_date_order_whatever_the_order_entered(client):
    make_drug(
        milestones=[
            ("ema", "approval", FDA_APPROVAL[2] + timedelta(days=200), "later"),
            FDA_APPROVAL,
            ("mhra", "approval", FDA_APPROVAL[2] - timedelta(days=30), "earlier"),
        ]
    )
    page = parse(client.get("/drugs/tralokinumab/"))
    days = [t.attrs["datetime"] for t in page.find("ol", cls="timeline").find_all("time")]
    assert days == sorted(days) and len(days) == 3


def test_a_milestone_known_only_to_the_month_shows_month_and_year(client):
    drug = make_drug(milestones=[FDA_APPROVAL])
    RegulatoryMilestone.objects.create(
        drug=drug,
        agency="ema",
        decision="approval",
        date=date(2022, 7, 1),
        date_precision="month",
        indication="moderate to severe atopic dermatitis",
    )

    items = parse(client.get(drug.get_absolute_url())).find("ol", cls="timeline").find_all("li")

    times = [(item.find("time").attrs["datetime"], item.find("time").text) for item in items]
    assert times == [("2021-12-27", "December 27, 2021"), ("2022-07", "July 2022")]
    assert items[1].text.startswith("July 2022 EMA approval:")


def test_only_published_articles_newest_first_on_the_page_and_in_its_feeds(client):
    older = make_article("Older news", published_at=yesterday() - timedelta(days=3))
    newer = make_article("Newer news")
    drug = make_drug(articles=[older, newer])
    hidden = unpublished_about(drug)
    make_article("Not about the drug")

    page = parse(client.get(drug.get_absolute_url()))
    listed = [
        text
        for href, text in page.find("section", cls="drug-articles").links()
        if href in {a.get_absolute_url() for a in Article.objects.all()}
    ]
    assert list(dict.fromkeys(listed)) == ["Newer news", "Older news"]
    text = page.text
    for headline in [*hidden, "Not about the drug"]:
        assert headline not in text

    rss = client.get(reverse("feeds:drug", args=[drug.slug]))
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("title").startswith("tralokinumab | ")
    assert [item.findtext("title") for item in channel.findall("item")] == [
        "Newer news",
        "Older news",
    ]
    atom = ET.fromstring(client.get(reverse("feeds:drug_atom", args=[drug.slug])).content)
    assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == [
        "Newer news",
        "Older news",
    ]


def test_seed_feed_parses_and_holds_the_seed_with_its_categories(client, seed):
    article, drug = seed
    response = client.get("/drugs/ruxolitinib/feed/")
    root = ET.fromstring(response.content)
    (item,) = root.find("channel").findall("item")
    assert item.findtext("title") == article.headline
    assert item.findtext("link").endswith(article.get_absolute_url())
    assert "Opzelura" in [category.text for category in item.findall("category")]


def test_page_links_its_feeds(client, seed):
    page = parse(client.get("/drugs/ruxolitinib/"))
    alternates = {
        link.attrs["type"]: link.attrs["href"] for link in page.find_all("link", rel="alternate")
    }
    assert alternates["application/rss+xml"] == "/drugs/ruxolitinib/feed/"
    assert alternates["application/atom+xml"] == "/drugs/ruxolitinib/feed/atom/"


def test_a_drug_without_published_articles_still_has_a_page(client):
    drug = make_drug(milestones=[FDA_APPROVAL])
    unpublished_about(drug)
    page = parse(client.get(drug.get_absolute_url()))
    assert "No published articles about this drug yet." in page.text
    assert client.get("/drugs/no-such-drug/").status_code == 404
    assert client.get("/drugs/no-such-drug/feed/").status_code == 404


def test_index_lists_every_drug_with_its_published_article_count(client):
    busy = make_drug("dupilumab", brand_names="Dupixent", articles=[make_article(), make_article()])
    unpublished_about(busy)
    make_drug("tapinarof", brand_names="Vtama")
    page = parse(client.get("/drugs/"))
    rows = [item.text for item in page.find("ul", cls="drug-index").find_all("li")]
    assert rows == ["dupilumab (Dupixent) 2 articles", "tapinarof (Vtama) 0 articles"]
    assert dict(page.find("ul", cls="drug-index").links())["/drugs/dupilumab/"] == "dupilumab"


def test_sitemap_lists_drug_pages(client):
    drug = make_drug(articles=[make_article()])
    response = client.get("/sitemap-drugs.xml")
    assert response.status_code == 200
    locs = [
        loc.text
        for loc in ET.fromstring(response.content).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert locs == [f"http://testserver{drug.get_absolute_url()}"]


def test_page_describes_the_drug_in_json_ld(client, seed):
    page = parse(client.get("/drugs/ruxolitinib/"))
    (script,) = page.find_all("script", type="application/ld+json")
    data = json.loads(script.text)
    assert data["@type"] == "Drug"
    assert data["name"] == "ruxolitinib"
    assert data["alternateName"] == ["Opzelura", "Jakafi"]
    assert data["drugClass"] == {"@type": "DrugClass", "name": "JAK1/JAK2 inhibitor"}
    assert data["url"] == "http://testserver/drugs/ruxolitinib/"
