"""History, diff and restore of an article in the admin (django-reversion)."""

import pytest
from reversion.models import Version

from articles import services
from articles.models import Article, Reference
from evidence.models import TrialSummary
from tests.builders import form_data_from, make_article, make_editor, make_reference, make_writer
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def edit(client, article, **changes):
    page = client.get(change_url(article))
    data = form_data_from(page.content.decode(), "article_form")
    data.update(changes)
    data["_save"] = "Save"
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def story(client):
    """A published article with one reference, edited twice through the admin."""
    client.force_login(make_editor())
    article = make_article("Ruxolitinib cream trial", body="First body [1].")
    make_reference(article, number=1, title="First reference title")
    article.save()  # body_html with its citation
    Version.objects.all().delete()

    # Edit 1: the version to come back to.
    edit(client, article, deck="The first deck.")
    # Edit 2: new deck, new body citing a second reference, first reference retitled.
    data = form_data_from(client.get(change_url(article)).content.decode(), "article_form")
    data.update(
        {
            "deck": "The second deck.",
            "body": "Second body [1] [2].",
            "references-0-title": "Retitled reference",
            "references-0-citation": "",
            "references-TOTAL_FORMS": "2",
            "references-1-number": "2",
            "references-1-kind": "journal",
            "references-1-citation": "Doe J. A second paper. JAMA. 2023;1(1):1-2.",
            "_save": "Save",
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    return article


def test_history_lists_each_save_with_who(client, story):
    page = client.get(f"/admin/articles/article/{story.pk}/history/")

    assert page.status_code == 200
    versions = Version.objects.get_for_object(story)
    assert versions.count() == 2
    assert {version.revision.user.username for version in versions} == {"editor"}
    text = visible_text(page)
    assert "editor" in text


def test_compare_shows_a_readable_diff_of_two_versions(client, story):
    newer, older = Version.objects.get_for_object(story)[:2]

    page = client.get(
        f"/admin/articles/article/{story.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )

    assert page.status_code == 200
    text = visible_text(page)
    assert "The first deck." in text and "The second deck." in text
    assert "Second body" in text


def test_restore_the_first_edit_brings_back_text_and_references(client, story):
    first = Version.objects.get_for_object(story).last()
    reference_id = Reference.objects.get(article=story, number=1).pk

    confirm = client.get(f"/admin/articles/article/{story.pk}/history/{first.pk}/")
    assert confirm.status_code == 200
    assert "The first deck." in visible_text(confirm)
    response = client.post(f"/admin/articles/article/{story.pk}/history/{first.pk}/")

    assert response.status_code == 302
    restored = Article.objects.get(pk=story.pk)
    assert restored.deck == "The first deck."
    assert restored.body == "First body [1]."
    assert list(restored.references.values_list("number", "title")) == [
        (1, "First reference title")
    ]
    assert restored.references.get().pk == reference_id  # the same row, not a copy
    # State and address are as they were, and readers see the first version again.
    assert restored.is_published and restored.slug == story.slug
    reader = visible_text(client.get(story.get_absolute_url()))
    assert "The first deck." in reader and "First reference title" in reader
    assert "A second paper" not in reader
    # The restore is itself a revision: nothing was lost.
    assert Version.objects.get_for_object(story).count() == 3


def test_restore_never_changes_state(client, story):
    first = Version.objects.get_for_object(story).last()
    services.unpublish(Article.objects.get(pk=story.pk), by=None)

    client.post(f"/admin/articles/article/{story.pk}/history/{first.pk}/")

    assert Article.objects.get(pk=story.pk).status == "draft"


def test_writer_cannot_restore_an_article_they_may_not_edit(client, story):
    first = Version.objects.get_for_object(story).last()
    client.force_login(make_writer())

    response = client.post(f"/admin/articles/article/{story.pk}/history/{first.pk}/")

    assert response.status_code == 403
    assert Article.objects.get(pk=story.pk).deck == "The second deck."


def test_restore_brings_back_the_evidence_table(client, story):
    version = Version.objects.get_for_object(story).first()
    TrialSummary.objects.create(article=story, name="TRuE-V9", participants=10)
    services.save_article(Article.objects.get(pk=story.pk), by=None)
    assert story.trials.count() == 1

    client.post(f"/admin/articles/article/{story.pk}/history/{version.pk}/")

    assert story.trials.count() == 0
