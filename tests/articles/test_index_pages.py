"""/authors/ and /tags/: who and what has published articles, with counts."""

import pytest
from django.urls import reverse

from newsroom.models import SiteSettings
from tests.builders import make_article, make_author, make_draft, tomorrow
from tests.pages import parse
from tests.test_query_counts import count_queries, populate

pytestmark = pytest.mark.django_db


def index_entries(response):
    """[(href, name, count text)] as a reader sees the list."""
    page = parse(response)
    entries = []
    for item in page.find(cls="name-index").find_all("li"):
        [(href, name)] = item.links()
        entries.append((href, name, item.find(cls="count").text))
    return entries


def test_author_index_lists_authors_with_published_articles_alphabetically(client):
    zoe, ana = make_author("Zoe Young", credentials=""), make_author("ana Ruiz")
    make_article("One", authors=[zoe, ana])
    make_article("Two", authors=[ana])
    make_draft("Draft", authors=[zoe, make_author("Drafty Writer")])
    make_article("Scheduled", authors=[make_author("Future Writer")], published_at=tomorrow())
    make_article("Archived", authors=[zoe], status="archived")
    make_article("In review", authors=[zoe], status="review")

    response = client.get(reverse("articles:authors"))

    assert response.status_code == 200
    assert [h1.text for h1 in parse(response).find_all("h1")] == ["Authors"]
    assert index_entries(response) == [
        ("/authors/ana-ruiz/", "ana Ruiz, MD, FAAD", "2 articles"),
        ("/authors/zoe-young/", "Zoe Young", "1 article"),
    ]


def test_tag_index_lists_tags_with_published_articles_and_paginates(client, settings):
    make_article("One", tags=["ruxolitinib", "TRuE-V1"])
    make_article("Two", tags=["ruxolitinib", "a-first"])
    make_draft("Draft", tags=["ruxolitinib", "only-on-drafts"])
    make_article("Scheduled", tags=["future-tag"], published_at=tomorrow())

    response = client.get(reverse("articles:tags"))

    assert response.status_code == 200
    assert [h1.text for h1 in parse(response).find_all("h1")] == ["Tags"]
    assert index_entries(response) == [
        ("/tags/a-first/", "a-first", "1 article"),
        ("/tags/ruxolitinib/", "ruxolitinib", "2 articles"),
        ("/tags/true-v1/", "TRuE-V1", "1 article"),
    ]


def test_tag_index_pages_through_many_tags(client, monkeypatch):
    monkeypatch.setattr("articles.views.TagIndexView.paginate_by", 2)
    make_article("One", tags=["alpha", "beta", "gamma"])

    first = client.get(reverse("articles:tags"))
    second = client.get(reverse("articles:tags"), {"page": 2})

    assert [name for _, name, _ in index_entries(first)] == ["alpha", "beta"]
    assert [name for _, name, _ in index_entries(second)] == ["gamma"]
    assert parse(first).find("nav", cls="pagination").links() == [("?page=2", "Next")]


def test_index_pages_without_published_articles_say_so(client):
    make_draft("Draft", tags=["drafty"])

    for name in ["articles:authors", "articles:tags"]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert parse(response).find("p", cls="empty").text == "No published articles yet."


def test_footer_links_the_indexes_and_the_feed(client):
    footer = parse(client.get(reverse("home"))).find("footer")

    links = {text: href for href, text in footer.links()}
    assert links["Authors"] == "/authors/"
    assert links["Tags"] == "/tags/"
    assert links["RSS feed"] == "/feed/"


INDEX_MAX_QUERIES = 4


def test_index_page_queries_do_not_grow_with_content(client):
    SiteSettings.load()
    urls = {"authors": reverse("articles:authors"), "tags": reverse("articles:tags")}
    populate(3)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    populate(25, tag="second-batch")
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert large == small
    assert max(large.values()) <= INDEX_MAX_QUERIES, large
