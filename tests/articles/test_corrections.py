"""Corrections and update notes: added by an editor, shown to readers with their dates."""

import pytest

from articles.models import Correction
from tests.builders import form_data_from, make_article, make_draft, make_editor
from tests.pages import parse

pytestmark = pytest.mark.django_db


class ArticlePage:
    """The dateline's text and the corrections section's items, as a reader reads them."""

    def __init__(self, response):
        page = parse(response)
        self.dateline_text = page.find("p", cls="dateline").text
        section = page.find("section", id="corrections")
        self.notes = [item.text for item in section.find_all("li")] if section else []


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def add_note(client, article, kind, note, date="2026-03-04"):
    data = form_data_from(client.get(change_url(article)).content.decode(), "article_form")
    total = int(data["corrections-TOTAL_FORMS"])
    data.update(
        {
            "corrections-TOTAL_FORMS": str(total + 1),
            f"corrections-{total}-kind": kind,
            f"corrections-{total}-note": note,
            f"corrections-{total}-noted_at_0": date,
            f"corrections-{total}-noted_at_1": "10:00:00",
            "_save": "Save",
        }
    )
    return client.post(change_url(article), data)


def test_editor_adds_a_correction_readers_see_it_at_the_foot_and_near_the_byline(client):
    editor = make_editor()
    client.force_login(editor)
    article = make_article("Trial size story")

    response = add_note(client, article, "correction", "TRuE-V2 enrolled 344 patients, not 330.")

    assert response.status_code == 302
    note = Correction.objects.get(article=article)
    assert note.created_by == editor
    page = ArticlePage(client.get(article.get_absolute_url()))
    assert "Corrected March 4, 2026" in page.dateline_text
    assert len(page.notes) == 1
    assert "Correction, March 4, 2026:" in page.notes[0]
    assert "TRuE-V2 enrolled 344 patients, not 330." in page.notes[0]


def test_an_update_note_shows_updated_near_the_byline(client):
    client.force_login(make_editor())
    article = make_article("Approval story")

    add_note(client, article, "update", "The EMA has since adopted the opinion.", "2099-01-02")

    page = ArticlePage(client.get(article.get_absolute_url()))
    assert "Updated January 2, 2099" in page.dateline_text
    assert "Corrected" not in page.dateline_text


def test_no_correction_notes_for_an_article_readers_never_saw(client):
    client.force_login(make_editor())
    draft = make_draft("Unseen draft")

    page = client.get(change_url(draft))

    prefixes = [inline.formset.prefix for inline in page.context["inline_admin_formsets"]]
    corrections = page.context["inline_admin_formsets"][prefixes.index("corrections")]
    assert not corrections.has_add_permission


def test_an_article_without_notes_shows_neither_section_nor_marker(client):
    article = make_article("Clean story")

    page = ArticlePage(client.get(article.get_absolute_url()))

    assert page.notes == []
    assert "Corrected" not in page.dateline_text and "Updated" not in page.dateline_text
