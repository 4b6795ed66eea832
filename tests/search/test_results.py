"""The results page: what it finds, in which order, and what it never shows."""

from datetime import timedelta

import pytest
from django.db import connection

from articles.models import Article
from tests.builders import get_topic, make_article, make_draft, now, tomorrow, yesterday
from tests.pages import parse, visible_text
from tests.search.conftest import on_postgresql
from tests.search.helpers import SEARCH_URL, headlines, search, snippets

pytestmark = pytest.mark.django_db


def test_a_headline_match_ranks_above_a_passing_mention(client, committed):
    with committed():
        make_article(
            "Dupilumab in practice",
            body="Among many options, tralokinumab came up once.",
            published_at=yesterday() + timedelta(hours=1),
        )
        make_article(
            "Tralokinumab eases atopic dermatitis",
            deck="Adolescents kept their response.",
            published_at=yesterday() - timedelta(days=30),
        )
    assert headlines(search(client, "tralokinumab")) == [
        "Tralokinumab eases atopic dermatitis",
        "Dupilumab in practice",
    ]


def test_sort_by_date_puts_the_newest_first(client, committed):
    with committed():
        make_article("Tralokinumab eases atopic dermatitis", published_at=now() - timedelta(days=9))
        make_article("Dupilumab news", body="And tralokinumab too.", published_at=yesterday())
    assert headlines(search(client, "tralokinumab", sort="date")) == [
        "Dupilumab news",
        "Tralokinumab eases atopic dermatitis",
    ]


def test_never_shows_what_readers_may_not_see(client, committed):
    with committed():
        make_article("Ruxolitinib published")
        make_draft("Ruxolitinib draft")
        make_draft("Ruxolitinib in review", status=Article.Status.REVIEW)
        make_article("Ruxolitinib archived", status=Article.Status.ARCHIVED)
        make_article("Ruxolitinib scheduled", published_at=tomorrow())
    assert headlines(search(client, "ruxolitinib")) == ["Ruxolitinib published"]
    # Not through a filter either.
    assert headlines(search(client, "", topic="vitiligo")) == ["Ruxolitinib published"]


@pytest.mark.parametrize(
    "query",
    [
        '"ruxolitinib',
        "rux'olitinib",
        "100%",
        "_",
        "%_%",
        "a & b",
        "&",
        "!",
        "(",
        ":*",
        "-",
        "or",
        "' OR 1=1; DROP TABLE articles_article; --",
        "<script>alert(1)</script>",
        "vitíligo ünïcödé 白斑 🧴",
        "\u200b",
        "ruxolitinib " * 50,
        "x" * 1000,
    ],
)
def test_odd_queries_give_a_normal_page(client, committed, query):
    with committed():
        make_article("Ruxolitinib cream")
    response = search(client, query)
    assert parse(response).find("h1").text == "Search"


def test_the_query_is_echoed_escaped(client):
    response = search(client, "<b>bold</b>")
    summary = parse(response).find("p", cls="search-summary")
    assert summary.text == "0 articles for <b>bold</b>"
    assert summary.find("b") is None


def test_a_long_query_is_shortened_and_says_so(client, committed):
    with committed():
        make_article("Ruxolitinib cream")
    response = search(client, "ruxolitinib " + "x" * 300)
    assert len(response.context["query"]) <= 200
    assert "longer than 200 characters" in visible_text(response)


def test_an_empty_query_asks_for_a_word(client):
    for params in [{}, {"q": ""}, {"q": "   "}]:
        response = client.get(SEARCH_URL, params)
        assert response.status_code == 200
        assert "Type a word to search" in visible_text(response)
        assert headlines(response) == []


def test_no_match_says_so(client, committed):
    with committed():
        make_article("Ruxolitinib cream")
    response = search(client, "isotretinoin")
    assert "No articles match isotretinoin" in " ".join(visible_text(response).split("“")[0:])


def test_search_pages_are_not_indexed(client):
    response = search(client, "vitiligo")
    assert response["X-Robots-Tag"] == "noindex"
    robots = parse(response).find("meta", name="robots")
    assert robots is not None and robots.attrs["content"] == "noindex"


def test_snippet_escapes_hostile_text_and_marks_the_match(client, committed):
    with committed():
        make_article(
            "Ruxolitinib safety",
            deck='<script>alert("x")</script> Tom & Jerry\'s "Ruxolitinib" <b>cream</b> '
            "<img src=x onerror=alert(1)> a < b",
        )
    (snippet,) = snippets(search(client, "ruxolitinib"))
    # Only the marks are markup; whatever else is shown is text.
    assert [element.tag for element in snippet.descendants()] == ["mark"]
    assert snippet.find("mark").text == "Ruxolitinib"
    assert '"Ruxolitinib"' in snippet.text
    assert "a < b" in snippet.text
    if connection.vendor != "postgresql":
        # The deck as typed (PostgreSQL's snippets leave tag-like words out).
        assert '<script>alert("x")</script>' in snippet.text


class TestFilters:
    def make_articles(self):
        make_article("Ruxolitinib for vitiligo", primary_topic=get_topic("vitiligo"))
        make_article("Ruxolitinib for melasma", primary_topic=get_topic("melasma"))
        make_article(
            "Ruxolitinib for eczema",
            primary_topic=get_topic("eczema"),
            tags=["Opzelura"],
            published_at=now() - timedelta(days=40),
        )
        make_article(
            "Ruxolitinib filed elsewhere",
            primary_topic=get_topic("acne"),
            topics=[get_topic("melasma")],
        )

    @pytest.fixture(autouse=True)
    def articles(self, committed):
        with committed():
            self.make_articles()

    def test_a_topic_includes_its_subtopics_and_further_topics(self, client):
        found = headlines(search(client, "ruxolitinib", topic="pigmentary-disorders"))
        assert sorted(found) == [
            "Ruxolitinib filed elsewhere",
            "Ruxolitinib for melasma",
            "Ruxolitinib for vitiligo",
        ]
        assert headlines(search(client, "ruxolitinib", topic="vitiligo")) == [
            "Ruxolitinib for vitiligo"
        ]

    def test_tag_by_slug_or_name(self, client):
        for tag in ["opzelura", "Opzelura"]:
            assert headlines(search(client, "ruxolitinib", tag=tag)) == ["Ruxolitinib for eczema"]
        assert headlines(search(client, "ruxolitinib", tag="no-such-tag")) == []

    def test_date_range(self, client):
        day = (now() - timedelta(days=40)).date()
        found = headlines(search(client, "ruxolitinib", **{"from": day, "to": day}))
        assert found == ["Ruxolitinib for eczema"]
        later = sorted(headlines(search(client, "ruxolitinib", **{"from": day + timedelta(1)})))
        assert "Ruxolitinib for eczema" not in later and len(later) == 3

    def test_filters_without_a_query_list_newest_first(self, client):
        assert headlines(search(client, "", topic="eczema")) == ["Ruxolitinib for eczema"]

    @pytest.mark.parametrize(
        "params",
        [
            {"topic": "no-such-topic"},
            {"from": "yesterday"},
            {"to": "2024-13-45"},
            {"from": "99999-01-01"},
            {"sort": "sideways"},
            {"tag": "x" * 500},
        ],
    )
    def test_bad_filter_values_are_left_out_and_named(self, client, params):
        response = search(client, "ruxolitinib", **params)
        assert len(headlines(response)) == 4
        assert "was not understood and was left out" in visible_text(response)

    def test_the_form_shows_the_chosen_filters(self, client):
        page = parse(search(client, "ruxolitinib", topic="melasma", tag="Opzelura", sort="date"))
        form = page.find("form", cls="search-form")
        assert form.attrs["method"] == "get"
        assert form.find("input", name="q").attrs["value"] == "ruxolitinib"
        assert (
            form.find("select", name="topic").find("option", selected="").text.endswith("Melasma")
        )
        assert form.find("input", name="tag").attrs["value"] == "Opzelura"


class TestPagination:
    @pytest.fixture(autouse=True)
    def articles(self, committed, settings):
        settings.ARTICLES_PER_PAGE = 2
        with committed():
            for day in range(5):
                make_article(f"Vitiligo news {day}", published_at=now() - timedelta(days=day + 1))

    def test_pages_keep_the_query(self, client):
        first = search(client, "vitiligo", sort="date")
        assert headlines(first) == ["Vitiligo news 0", "Vitiligo news 1"]
        next_link = parse(first).find("a", rel="next").attrs["href"]
        assert "q=vitiligo" in next_link and "sort=date" in next_link
        second = client.get(SEARCH_URL + next_link)
        assert headlines(second) == ["Vitiligo news 2", "Vitiligo news 3"]

    def test_a_page_that_is_not_a_number_shows_the_first(self, client):
        assert headlines(search(client, "vitiligo", sort="date", page="abc")) == [
            "Vitiligo news 0",
            "Vitiligo news 1",
        ]

    def test_a_page_past_the_end_does_not_exist(self, client):
        for page in ["9999", "0", "99999999999999999999999"]:
            response = client.get(SEARCH_URL, {"q": "vitiligo", "page": page})
            assert response.status_code == 404


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's substring search")
def test_sqlite_needs_every_word(client):
    acne = get_topic("acne")
    make_article("Ruxolitinib cream", deck="For vitiligo.", primary_topic=acne)
    make_article("Ruxolitinib tablets", deck="For alopecia.", primary_topic=acne)
    assert headlines(search(client, "ruxolitinib vitiligo")) == ["Ruxolitinib cream"]


@on_postgresql
def test_near_spellings_only_when_the_words_are_found_nowhere(client, committed):
    with committed():
        make_article("Ruxolitinib cream for vitiligo")
        make_article("Ruxolitinb, as the press release spelt it")

    # The exact word is found, so the misspelt headline is not listed with it...
    assert headlines(search(client, "ruxolitinib")) == ["Ruxolitinib cream for vitiligo"]
    # ...while a misspelt query, found nowhere as typed, still finds both.
    assert sorted(headlines(search(client, "ruxolitiinib"))) == [
        "Ruxolitinb, as the press release spelt it",
        "Ruxolitinib cream for vitiligo",
    ]


@on_postgresql
def test_a_common_word_lists_only_its_newest_matches_and_says_so(client, committed, monkeypatch):
    monkeypatch.setattr("search.query.MAX_RESULTS", 2)
    with committed():
        for days in (3, 1, 2):
            make_article(f"Ruxolitinib news {days}", published_at=now() - timedelta(days=days))

    response = search(client, "ruxolitinib")
    assert sorted(headlines(response)) == ["Ruxolitinib news 1", "Ruxolitinib news 2"]
    summary = parse(response).find("p", cls="search-summary").text
    assert " ".join(summary.split()) == "The newest 2 articles for ruxolitinib"
