"""Evidence at a glance on the article page: each trial's facts, and the table's
structure for assistive technology (on the seed, whose trials load_demo accepts from
its text: tests/demo/test_trials.py)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom.models import SiteSettings
from tests.builders import make_article, make_reference
from tests.evidence.builders import make_trial
from tests.evidence.tables import evidence_section, read_table, row_links
from tests.pages import parse

pytestmark = pytest.mark.django_db

NCT_LINK = re.compile(r"^https://clinicaltrials\.gov/study/NCT\d{8}$")


@pytest.fixture
def seed_page(client):
    call_command("load_demo", "--allow-production", stdout=StringIO())
    article = Article.objects.get()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return article, response


def two_trials():
    """An article with two fully described trials citing its reference 1."""
    article = make_article("Two trials", references=3)
    reference = article.references.get(number=1)
    for name, nct, n, result in [
        ("TRuE-V1", "NCT04052425", 330, "29.8% vs 7.4%"),
        ("TRuE-V2", "NCT04057573", 344, "30.9% vs 11.4%"),
    ]:
        make_trial(
            article, name=name, nct_number=nct, participants=n, result=result, reference=reference
        )
    return article


def test_trials_show_each_fact_in_its_row(client):
    article = two_trials()

    table = evidence_section(client.get(article.get_absolute_url())).find("table")
    columns, rows = read_table(table)

    assert columns == ["TRuE-V1", "TRuE-V2"]
    assert rows["Patients (N)"] == ["330", "344"]
    assert rows["Phase"] == ["Phase 3", "Phase 3"]
    assert rows["Design"] == ["Randomised 2:1, double-blind, vehicle-controlled"] * 2
    assert rows["Condition"] == ["Non-segmental vitiligo"] * 2
    assert rows["Intervention"] == ["Ruxolitinib 1.5% cream twice daily"] * 2
    assert rows["Comparator"] == ["Vehicle cream twice daily"] * 2
    assert rows["Primary endpoint"] == ["F-VSI75, week 24"] * 2
    assert rows["Result"] == ["29.8% vs 7.4%", "30.9% vs 11.4%"]
    assert rows["Key safety findings"] == ["Mostly mild adverse events"] * 2


def test_trials_link_their_registry_entries_and_the_source_reference(client):
    article = two_trials()
    response = client.get(article.get_absolute_url())
    page = parse(response)
    table = evidence_section(response).find("table")

    registry = row_links(table, "Registry")
    assert registry == [
        ("https://clinicaltrials.gov/study/NCT04052425", "NCT04052425"),
        ("https://clinicaltrials.gov/study/NCT04057573", "NCT04057573"),
    ]
    assert all(NCT_LINK.match(href) for href, _ in registry)
    assert row_links(table, "Source") == [("#ref-1", "Reference 1")] * 2
    # The link lands on the reference in the list below.
    assert page.find("li", id="ref-1") is not None


def test_table_has_a_caption_and_header_cells_with_scope(seed_page):
    _, response = seed_page
    section = evidence_section(response)
    table = section.find("table")

    assert section.find("h2").text == "Evidence at a glance"
    assert "trials this article reports on" in table.find("caption").text
    assert len(table.find_all("th", scope="col")) == 2
    row_headers = [th.text for th in table.find_all("th", scope="row")]
    assert "Patients (N)" in row_headers and "Primary endpoint" in row_headers
    # Every header cell says what it heads.
    assert all(th.attrs.get("scope") in {"col", "row"} for th in table.find_all("th"))


def test_table_comes_after_the_takeaways_and_before_the_body(client):
    article = make_article(takeaways="First point\nSecond point", body="Body text here.")
    make_trial(article)

    # The article's main column (the aside beside it holds no article content).
    main_column = parse(client.get(article.get_absolute_url())).find(cls="article__main")
    order = [
        element.attrs.get("class", "") or element.attrs.get("id", "")
        for element in main_column.children
    ]

    assert order.index("takeaways") < order.index("evidence") < order.index("article__body prose")


def test_missing_facts_show_a_dash_and_no_link(client):
    article = make_article()
    make_trial(
        article,
        name="Open study",
        nct_number="",
        phase="",
        randomised=None,
        allocation_ratio="",
        blinding="",
        control="",
        participants=None,
        comparator="",
        reference=None,
    )

    table = evidence_section(client.get(article.get_absolute_url())).find("table")
    _, rows = read_table(table)

    for header in ("Registry", "Phase", "Design", "Patients (N)", "Comparator", "Source"):
        assert rows[header] == ["—"], header
    assert table.find("tbody").links() == []


def test_article_without_trials_has_no_table(client):
    article = make_article()

    response = client.get(article.get_absolute_url())

    assert evidence_section(response) is None
    assert parse(response).find("table") is None


def test_trial_text_is_escaped(client):
    article = make_article()
    make_trial(article, name="<script>alert(1)</script>", result="<b>50%</b> vs 10%")

    response = client.get(article.get_absolute_url())

    table = evidence_section(response).find("table")
    assert table.find("script") is None and table.find("b") is None
    assert read_table(table)[0] == ["<script>alert(1)</script>"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_page_queries_do_not_grow_with_trials(client):
    SiteSettings.load()
    small = make_article("Small", references=1)
    make_trial(small, reference=small.references.get())
    big = make_article("Big", references=6)
    for reference in big.references.all():
        make_trial(big, reference=reference)

    small_count = count_queries(client, small.get_absolute_url())

    assert count_queries(client, big.get_absolute_url()) == small_count
    # And the table shows them all, each linked to its reference.
    table = evidence_section(client.get(big.get_absolute_url())).find("table")
    assert [href for href, _ in row_links(table, "Source")] == [f"#ref-{n}" for n in range(1, 7)]


def test_article_page_with_trials_needs_no_query_per_reference_link(client):
    SiteSettings.load()
    plain = make_article("Plain", references=1)
    with_trial = make_article("With a trial", references=1)
    make_trial(with_trial, reference=make_reference(with_trial, number=2))

    # The trials come in one query with their references, whether or not there are any.
    assert count_queries(client, with_trial.get_absolute_url()) == count_queries(
        client, plain.get_absolute_url()
    )
