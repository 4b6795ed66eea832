"""schema.org JSON-LD: built as data, parsed back here as a search engine reads it."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from newsroom.models import SiteSettings
from syndication import structured_data
from tests.builders import get_topic, make_article, make_author, make_reference, now
from tests.pages import parse
from tests.syndication.seo import JSON_LD, json_ld, json_ld_of_type

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def seed(client):
    call_command("load_demo", "--allow-production", stdout=StringIO())
    article = Article.objects.get()
    return article, client.get(article.get_absolute_url())


def test_seed_article_is_a_news_article_with_its_three_references(seed):
    article, response = seed

    data = json_ld_of_type(response, "NewsArticle")

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.headline
    # The key takeaways load_demo accepted, the deck first.
    assert data["description"] == article.meta_description
    assert data["description"].startswith(article.deck)
    url = f"{BASE}{article.get_absolute_url()}"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.published_at.isoformat()  # never updated
    citations = data["citation"]
    assert len(citations) == 3
    assert all(citation["@type"] == "ScholarlyArticle" for citation in citations)
    assert [c["name"] for c in citations] == [
        ref.title or ref.citation for ref in article.references.all()
    ]
    nejm = next(
        c for c in citations if c.get("identifier", {}).get("value") == "10.1056/NEJMoa2118828"
    )
    assert nejm["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.1056/NEJMoa2118828",
    }
    assert nejm["sameAs"] == "https://doi.org/10.1056/NEJMoa2118828"
    assert nejm["isPartOf"]["@type"] == "Periodical"


def test_seed_article_names_author_publisher_topics_and_tags(seed):
    article, response = seed
    author = article.authors.get()

    data = json_ld_of_type(response, "NewsArticle")

    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Alex Morgan",
            "url": f"{BASE}{author.get_absolute_url()}",
            "honorificSuffix": "MD, FAAD",
        }
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == SiteSettings.load().publisher_name
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith(f"{BASE}/static/")
    assert {"@type": "Thing", "name": "Vitiligo", "url": f"{BASE}/topics/vitiligo/"} in data[
        "about"
    ]
    assert sorted(data["keywords"]) == sorted(article.tags.names())
    assert "image" not in data  # the seed has no lead image


def test_breadcrumb_list_matches_the_breadcrumb_readers_see(seed):
    article, response = seed

    data = json_ld_of_type(response, "BreadcrumbList")

    visible = parse(response).find("nav", cls="breadcrumb").links()
    assert [(item["item"], item["name"]) for item in data["itemListElement"]] == [
        (f"{BASE}{href}", text) for href, text in visible
    ]
    assert [item["name"] for item in data["itemListElement"]][-1] == "Vitiligo"
    assert [item["position"] for item in data["itemListElement"]] == [1, 2, 3]


@pytest.mark.parametrize(
    "headline",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>alert(1)</script>",
        "Ruxolitinib & <b>JAK</b> \u2028 inhibitors </SCRIPT >",
    ],
)
def test_a_hostile_headline_stays_data(client, headline):
    article = make_article(headline, slug="hostile", deck=f"Deck {headline}", tags=[headline[:50]])

    response = client.get(article.get_absolute_url())

    page = parse(response)
    scripts = page.find_all("script")
    # One script element per JSON-LD object, and nothing the browser would run.
    assert [script.attrs.get("type") for script in scripts] == [JSON_LD, JSON_LD]
    assert [block["@type"] for block in json_ld(response)] == ["NewsArticle", "BreadcrumbList"]
    data = json_ld_of_type(response, "NewsArticle")
    assert data["headline"] == headline
    assert data["description"] == f"Deck {headline}"
    for script in scripts:
        assert "<" not in "".join(script.parts)
    assert page.find("h1").text == " ".join(headline.split())


def test_an_update_note_moves_date_modified(client):
    article = make_article(published_at=now() - timedelta(days=3))
    article.updated_at = now() - timedelta(days=1)
    article.save()

    data = json_ld_of_type(client.get(article.get_absolute_url()), "NewsArticle")

    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.updated_at.isoformat()


def test_further_topics_are_about_and_each_reference_kind_is_described(client):
    article = make_article(topics=[get_topic("drug-watch"), get_topic("vitiligo")])
    make_reference(article, number=1, doi="", pmid="36260792")
    make_reference(
        article,
        number=2,
        kind="web",
        title="",
        authors="",
        citation="FDA approves Opzelura. Incyte. https://incyte.example/news",
        source="Incyte",
        doi="",
        url="https://incyte.example/news",
    )

    data = json_ld_of_type(client.get(article.get_absolute_url()), "NewsArticle")

    assert [thing["name"] for thing in data["about"]] == ["Vitiligo", "Drug Watch"]
    journal, web = data["citation"]
    assert "identifier" not in journal
    assert journal["sameAs"] == "https://pubmed.ncbi.nlm.nih.gov/36260792/"
    assert journal["datePublished"] == "2022"
    assert journal["author"] == "Rosmarin D, Passeron T, Pandya AG, et al"
    assert web["name"] == "FDA approves Opzelura. Incyte. https://incyte.example/news"
    assert web["url"] == "https://incyte.example/news"
    assert web["publisher"] == {"@type": "Organization", "name": "Incyte"}
    assert "identifier" not in web and "isPartOf" not in web


def test_topic_page_is_a_collection_of_its_listed_articles_with_breadcrumbs(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    older = make_article("Older", published_at=now() - timedelta(days=3))
    middle = make_article("Middle", published_at=now() - timedelta(days=2))
    newest = make_article("Newest", published_at=now() - timedelta(days=1))

    first = client.get("/topics/vitiligo/")
    second = client.get("/topics/vitiligo/?page=2")

    page = json_ld_of_type(first, "CollectionPage")
    assert page["name"] == "Vitiligo"
    assert page["url"] == f"{BASE}/topics/vitiligo/"
    assert page["description"] == (get_topic("vitiligo").description or "Vitiligo")
    assert [(i["position"], i["url"]) for i in page["mainEntity"]["itemListElement"]] == [
        (1, f"{BASE}{newest.get_absolute_url()}"),
        (2, f"{BASE}{middle.get_absolute_url()}"),
    ]
    page_two = json_ld_of_type(second, "CollectionPage")
    assert page_two["url"] == f"{BASE}/topics/vitiligo/?page=2"
    assert [(i["position"], i["name"]) for i in page_two["mainEntity"]["itemListElement"]] == [
        (3, older.headline)
    ]
    crumbs = json_ld_of_type(first, "BreadcrumbList")["itemListElement"]
    assert [(c["name"], c["item"]) for c in crumbs] == [
        ("Home", f"{BASE}/"),
        ("Pigmentary Disorders", f"{BASE}/topics/pigmentary-disorders/"),
        ("Vitiligo", f"{BASE}/topics/vitiligo/"),
    ]


def test_home_page_names_the_site_and_its_publisher(client):
    data = json_ld_of_type(client.get("/"), "WebSite")

    site = SiteSettings.load()
    assert data["name"] == site.site_name
    assert data["url"] == f"{BASE}/"
    assert data["publisher"]["name"] == site.publisher_name


def test_json_ld_is_exact_json_whatever_the_text(rf):
    from syndication.templatetags.seo_tags import json_ld as render

    data = {"headline": "a</script>&<!--b", "n": 1, "nested": [{"x": "é\u2028"}]}
    html = str(render([data, {"@type": "Thing"}]))

    scripts = parse(html).find_all("script", type=JSON_LD)
    assert [json.loads("".join(s.parts)) for s in scripts] == [data, {"@type": "Thing"}]


def test_trials_have_a_place_but_none_are_described_yet(rf):
    article = make_article(authors=[make_author()])
    assert structured_data.medical_trials(rf.get("/"), article) == []
