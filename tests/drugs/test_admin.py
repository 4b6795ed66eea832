"""Editors manage drugs and their milestones in the admin; writers only look."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from drugs.models import Drug
from newsroom.permissions import GROUP_PERMISSIONS, codenames
from tests.builders import make_article, make_writer
from tests.pages import parse

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/drugs/drug/add/"


def inline_management(prefix, total=1):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_editor_adds_a_drug_with_a_milestone_and_links_an_article(editor_client):
    article = make_article("Dupilumab for prurigo nodularis")
    assert editor_client.get(ADD_URL).status_code == 200
    response = editor_client.post(
        ADD_URL,
        {
            "generic_name": "dupilumab",
            "slug": "dupilumab",
            "brand_names": "Dupixent",
            "drug_class": "IL-4 receptor alpha antagonist",
            "formulation": "300 mg prefilled pen",
            "description": "",
            "articles": [str(article.pk)],
            **inline_management("milestones"),
            "milestones-0-date": "2022-09-28",
            "milestones-0-agency": "fda",
            "milestones-0-decision": "label-expansion",
            "milestones-0-indication": "prurigo nodularis in adults",
            "milestones-0-source_url": "https://www.fda.gov/news",
            "milestones-0-notes": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    drug = Drug.objects.get()
    assert drug.brand_list == ["Dupixent"]
    assert [str(m) for m in drug.milestones.all()] == ["FDA label expansion, 2022-09-28"]
    assert list(drug.articles.all()) == [article]
    assert list(article.drugs.all()) == [drug]


def test_a_milestone_dated_only_to_the_month_is_kept_so_and_shown_so(editor_client):
    response = editor_client.post(
        ADD_URL,
        {
            "generic_name": "tapinarof",
            "slug": "tapinarof",
            **inline_management("milestones", total=2),
            "milestones-0-date": "May 2022",
            "milestones-0-agency": "fda",
            "milestones-0-decision": "approval",
            "milestones-0-indication": "plaque psoriasis in adults",
            "milestones-1-date": "December 15, 2023",
            "milestones-1-agency": "fda",
            "milestones-1-decision": "label-expansion",
            "milestones-1-indication": "atopic dermatitis",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    drug = Drug.objects.get()
    assert [(m.date, m.date_precision) for m in drug.milestones.all()] == [
        (date(2022, 5, 1), "month"),
        (date(2023, 12, 15), "day"),
    ]

    change = parse(editor_client.get(f"/admin/drugs/drug/{drug.pk}/change/"))
    dates = [change.find("input", name=f"milestones-{n}-date").attrs["value"] for n in range(2)]
    assert dates == ["May 2022", "2023-12-15"]


@pytest.mark.parametrize("typed", ["2022-13", "Mayday 2022", "22 May"])
def test_a_date_that_is_neither_a_day_nor_a_month_is_refused(editor_client, typed):
    response = editor_client.post(
        ADD_URL,
        {
            "generic_name": "tapinarof",
            "slug": "tapinarof",
            **inline_management("milestones"),
            "milestones-0-date": typed,
            "milestones-0-agency": "fda",
            "milestones-0-decision": "approval",
            "milestones-0-indication": "plaque psoriasis",
        },
    )
    assert response.status_code == 200
    errors = parse(response).find_all("ul", cls="errorlist")
    assert any("only the month" in error.text for error in errors)
    assert not Drug.objects.exists()


def test_milestone_source_must_be_a_web_address(editor_client):
    response = editor_client.post(
        ADD_URL,
        {
            "generic_name": "tapinarof",
            "slug": "tapinarof",
            **inline_management("milestones"),
            "milestones-0-date": "2022-05-24",
            "milestones-0-agency": "fda",
            "milestones-0-decision": "approval",
            "milestones-0-indication": "plaque psoriasis",
            "milestones-0-source_url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert not Drug.objects.exists()


def test_drug_search_and_article_autocomplete(editor_client):
    article = make_article("Ruxolitinib cream news")
    assert editor_client.get("/admin/drugs/drug/?q=opzelura").status_code == 200
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "drugs", "model_name": "drug", "field_name": "articles", "term": "Ruxol"},
    )
    assert [row["id"] for row in response.json()["results"]] == [str(article.pk)]


def test_groups_hold_the_drug_permissions_after_migrations():
    for name, entries in GROUP_PERMISSIONS.items():
        held = set(
            Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        assert held == {pair for entry in entries for pair in codenames(*entry)}
    editors = Group.objects.get(name="Editors").permissions
    assert editors.filter(codename="add_regulatorymilestone").exists()


def test_writers_may_look_but_not_add(client):
    make_writer()
    client.login(username="writer", password="writer-pass-123")
    assert client.get("/admin/drugs/drug/").status_code == 200
    assert client.get(ADD_URL).status_code == 403
