"""Every staff action on an article leaves an entry in the admin's log (who, when,
which article, what): bulk actions, imports, restoring a version, deleting and
recovering. Driven through the real admin, as staff click through it."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.builders import (
    form_data_from,
    make_article,
    make_article_text,
    make_draft,
    make_editor,
    make_writer,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_article_changelist"


def entries_for(article):
    """(user, action, message) of each log entry about the article, oldest first."""
    return [
        (entry.user.username, entry.action_flag, entry.get_change_message())
        for entry in LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id=str(article.pk)
        ).order_by("action_time", "pk")
    ]


def run_action(client, action, *articles):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, ACTION_CHECKBOX_NAME: [article.pk for article in articles]},
    )


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("submit_for_review", Article.Status.DRAFT, "Submitted for review (bulk action)."),
        ("publish_now", Article.Status.REVIEW, "Published (bulk action)."),
        ("back_to_draft", Article.Status.PUBLISHED, "Moved back to draft (bulk action)."),
        ("archive", Article.Status.PUBLISHED, "Archived (bulk action)."),
    ],
)
def test_each_bulk_action_logs_one_entry_per_article_with_who_and_what(
    client, action, status, message
):
    editor = make_editor()
    client.force_login(editor)
    articles = [make_article(f"Story {n}", status=status) for n in range(3)]
    before = timezone.now()

    response = run_action(client, action, *articles)

    assert response.status_code == 302
    for article in articles:
        assert entries_for(article) == [("editor", CHANGE, message)]
    logged = LogEntry.objects.filter(user=editor)
    assert logged.count() == 3
    assert all(entry.action_time >= before for entry in logged)
    assert {entry.object_repr for entry in logged} == {"Story 0", "Story 1", "Story 2"}


def test_an_article_the_rules_refuse_is_not_logged(client):
    writer = make_writer()
    client.force_login(writer)
    own = make_draft("Own draft", created_by=writer)
    live = make_article("Live story")

    run_action(client, "back_to_draft", own, live)

    assert entries_for(own) == [("writer", CHANGE, "Moved back to draft (bulk action).")]
    assert entries_for(live) == []


def test_importing_logs_an_addition_then_a_change_per_file(client):
    make_editor()
    client.force_login(make_editor("desk-editor"))
    import_url = reverse("admin:articles_article_import")

    def import_once():
        upload = SimpleUploadedFile("tralo.txt", make_article_text().encode(), "text/plain")
        preview = client.post(import_url, {"files": [upload]})
        data = form_data_from(preview.content.decode(), "import-confirm-form")
        data["confirm"] = "Import"
        assert client.post(import_url, data).status_code == 302

    import_once()
    article = Article.objects.get()
    assert entries_for(article) == [("desk-editor", ADDITION, "Imported from tralo.txt.")]

    import_once()
    assert entries_for(article)[1:] == [("desk-editor", CHANGE, "Updated by importing tralo.txt.")]


def edit_deck(client, article, deck):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data_from(client.get(url).content.decode(), "article_form")
    data.update({"deck": deck, "_save": "Save"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_restoring_an_earlier_version_is_logged(client):
    client.force_login(make_editor())
    article = make_article("Restored story")
    Version.objects.all().delete()
    edit_deck(client, article, "The first deck.")
    edit_deck(client, article, "The second deck.")
    first = Version.objects.get_for_object(article).last()
    LogEntry.objects.all().delete()

    response = client.post(reverse("admin:articles_article_revision", args=[article.pk, first.pk]))

    assert response.status_code == 302
    assert Article.objects.get().deck == "The first deck."
    assert entries_for(article) == [("editor", CHANGE, "Restored an earlier version.")]


def test_deleting_and_recovering_an_article_are_logged(client):
    client.force_login(make_editor())
    article = make_article("Deleted story")
    Version.objects.all().delete()
    edit_deck(client, article, "Kept in the history.")
    pk = article.pk

    response = client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    version = Version.objects.get_deleted(Article).get()
    recover_url = reverse("admin:articles_article_recover", args=[version.pk])
    data = form_data_from(client.get(recover_url).content.decode(), "article_form")
    data["_save"] = "Save"
    response = client.post(recover_url, data)

    assert response.status_code == 302
    assert Article.objects.get(pk=pk).deck == "Kept in the history."
    assert [(user, action, message) for user, action, message in entries_for(article)][-2:] == [
        ("editor", DELETION, ""),
        ("editor", CHANGE, "Recovered the deleted article from its history."),
    ]
