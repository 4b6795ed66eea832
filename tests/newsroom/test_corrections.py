"""Corrections and update notes: added by an editor, shown to readers with their dates."""

from html.parser import HTMLParser

import pytest

from newsroom.models import Correction
from tests.builders import form_data_from, make_article, make_draft, make_editor

pytestmark = pytest.mark.django_db


class ArticlePage(HTMLParser):
    """The dateline's text and the corrections section's items."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.dateline, self.notes = "", []
        self._where = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and attrs.get("class") == "dateline":
            self._where = "dateline"
        elif tag == "li" and self._where == "corrections":
            self.notes.append("")
        elif tag == "section" and attrs.get("id") == "corrections":
            self._where = "corrections"

    def handle_endtag(self, tag):
        if (tag == "p" and self._where == "dateline") or (
            tag == "section" and self._where == "corrections"
        ):
            self._where = None

    def handle_data(self, data):
        if self._where == "dateline":
            self.dateline += data
        elif self._where == "corrections" and self.notes:
            self.notes[-1] += data

    @property
    def dateline_text(self):
        return " ".join(self.dateline.split())


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
    page = ArticlePage(client.get(article.get_absolute_url()).content.decode())
    assert "Corrected March 4, 2026" in page.dateline_text
    assert len(page.notes) == 1
    assert "Correction, March 4, 2026:" in " ".join(page.notes[0].split())
    assert "TRuE-V2 enrolled 344 patients, not 330." in page.notes[0]


def test_an_update_note_shows_updated_near_the_byline(client):
    client.force_login(make_editor())
    article = make_article("Approval story")

    add_note(client, article, "update", "The EMA has since adopted the opinion.", "2099-01-02")

    page = ArticlePage(client.get(article.get_absolute_url()).content.decode())
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

    page = ArticlePage(client.get(article.get_absolute_url()).content.decode())

    assert page.notes == []
    assert "Corrected" not in page.dateline_text and "Updated" not in page.dateline_text
