"""Articles whose import recorded warnings are not published until an editor resolves them."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from articles import services, workflow
from articles.models import Article
from articles.workflow import WorkflowError
from tests.builders import form_data_from, make_draft, make_editor
from tests.pages import parse

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/articles/article/"
WARNING = "headline contains markup (<b>): readers would see it as typed."


def messages_of(page):
    """(level, text) of the messages the admin shows."""
    return [
        (item.attrs.get("class", ""), item.text)
        for item in parse(page).find("ul", cls="messagelist").find_all("li")
    ]


def test_bulk_publish_now_refuses_articles_with_import_warnings_and_publishes_the_others(
    editor_client,
):
    flagged = make_draft(
        "Flagged <b>story</b>", status=Article.Status.REVIEW, import_warnings=WARNING
    )
    clean = make_draft("Clean story", status=Article.Status.REVIEW)

    page = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", ACTION_CHECKBOX_NAME: [flagged.pk, clean.pk]},
        follow=True,
    )

    flagged.refresh_from_db()
    clean.refresh_from_db()
    assert clean.is_published
    assert flagged.status == Article.Status.REVIEW
    shown = messages_of(page)
    assert ("success", "Published: 1 article(s).") in shown
    refusals = [text for level, text in shown if level == "warning"]
    assert len(refusals) == 1
    assert refusals[0].startswith(
        "Not changed: “Flagged <b>story</b>”: its import recorded warnings"
    )
    assert "Import warnings resolved" in refusals[0]


def test_the_service_refuses_to_publish_or_schedule_until_the_warnings_are_resolved():
    editor = make_editor()
    article = make_draft("Flagged", import_warnings=WARNING)
    with pytest.raises(WorkflowError):
        services.publish(article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    article.import_warnings = ""
    services.publish(article, by=editor)
    assert article.is_published


def test_the_change_form_shows_the_warnings_and_publishes_once_they_are_marked_resolved(
    editor_client,
):
    article = make_draft("Flagged story", import_warnings=WARNING)
    url = f"/admin/articles/article/{article.pk}/change/"
    page = editor_client.get(url)
    shown = [p.text for p in parse(page).find_all("p", cls="import-warning")]
    assert shown == [WARNING]

    data = form_data_from(page.content.decode(), "article_form")
    data["state"] = workflow.PUBLISHED
    refused = editor_client.post(url, data)
    assert refused.status_code == 200
    errors = (
        parse(refused).find("div", cls="field-resolve_import_warnings").find("ul", cls="errorlist")
    )
    assert "Resolve the import warnings before publishing" in errors.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    data["resolve_import_warnings"] = "on"
    done = editor_client.post(url, data)
    assert done.status_code == 302
    article.refresh_from_db()
    assert article.is_published
    assert article.import_warnings == ""


def test_submitting_for_review_records_when():
    editor = make_editor()
    article = make_draft("Waiting")
    assert article.review_requested_at is None
    services.submit_for_review(article, by=editor)
    article.refresh_from_db()
    assert article.review_requested_at is not None
