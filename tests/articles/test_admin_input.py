"""Odd and hand-made input to the article admin: a clear message, never a server error."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.utils import timezone

from articles import workflow
from articles.models import Article, Tag
from tests.articles.test_admin import (
    ADD_URL,
    CHANGELIST_URL,
    article_form_data,
    change_form_data,
    change_url,
    inline_formsets,
    split_datetime,
)
from tests.builders import make_article, make_author, make_draft, now, tomorrow
from tests.pages import parse

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("url", [CHANGELIST_URL, "/admin/articles/author/"])
def test_action_on_a_selection_that_is_not_ids_gives_a_message(editor_client, url):
    draft = make_draft("Draft story")

    response = editor_client.post(
        url, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [draft.pk, "abc"]}
    )

    assert response.status_code == 302
    assert messages_of(response) == ["The selection is not valid. No items have been changed."]
    assert Article.objects.filter(pk=draft.pk, status=Article.Status.DRAFT).exists()


def test_publish_now_action_with_unknown_ids_changes_nothing(editor_client):
    draft = make_draft("Draft story")

    response = editor_client.post(
        CHANGELIST_URL, {"action": "publish_now", ACTION_CHECKBOX_NAME: ["999999"]}
    )

    assert response.status_code == 302
    assert messages_of(response) == []
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    ("tags", "error"),
    [
        ("ruxolitinib, +", "The tag “+” needs at least one letter or digit."),
        ("x" * 101, "A tag can be at most 100 characters long"),
    ],
)
def test_tags_without_an_address_or_too_long_are_form_errors(editor_client, tags, error):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="Tagged story", author=make_author(), tags=tags)

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert error in " ".join(response.context["adminform"].form.errors["tags"])
    assert not Article.objects.exists()


def test_tag_beyond_ascii_is_saved_and_its_page_linked(editor_client, client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page, headline="Afamelanotide story", author=make_author(), tags="α-MSH, afamelanotide"
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    tag = Tag.objects.get(name="α-MSH")
    assert tag.slug == "α-msh"
    assert tag.get_absolute_url() == "/tags/%CE%B1-msh/"
    page = client.get(Article.objects.get().get_absolute_url())
    assert page.status_code == 200
    tag_links = parse(page).find("section", cls="tags").links()
    assert ("/tags/%CE%B1-msh/", "α-MSH") in tag_links
    tag_page = client.get("/tags/%CE%B1-msh/")
    assert tag_page.status_code == 200
    assert list(tag_page.context["articles"]) == [Article.objects.get()]
    assert "Afamelanotide story" in parse(tag_page).text


def test_published_with_a_future_date_is_scheduled_and_says_when_it_goes_live(
    editor_client, client
):
    add_page = editor_client.get(ADD_URL)
    goes_live = tomorrow().replace(microsecond=0)
    date, time = split_datetime(goes_live)
    data = article_form_data(
        add_page,
        headline="Scheduled story",
        author=make_author(),
        state=workflow.PUBLISHED,
        published_at_0=date,
        published_at_1=time,
    )

    response = editor_client.post(ADD_URL, data, follow=True)

    assert response.status_code == 200
    article = Article.objects.get()
    assert workflow.state_of(article) == workflow.SCHEDULED
    assert article.published_at == goes_live
    local = timezone.localtime(goes_live)
    when = f"{local.day} {local:%B %Y, %H:%M} UTC"  # "5 December 2026, 08:14 UTC"
    notes = [str(m) for m in response.context["messages"] if m.level_tag == "info"]
    assert notes == [f"“Scheduled story” is scheduled: readers see it from {when}."]
    assert ".." not in notes[0] and "a.m." not in notes[0] and "p.m." not in notes[0]
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_without_a_time_to_come_is_a_form_error(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page,
        headline="Scheduled in the past",
        author=make_author(),
        state=workflow.SCHEDULED,
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_at"] == [
        "A scheduled article needs a publication date and time to come."
    ]
    assert not Article.objects.exists()


def test_publishing_with_a_past_date_goes_live_without_a_scheduling_note(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="Live story", author=make_author())

    response = editor_client.post(ADD_URL, data, follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert workflow.state_of(Article.objects.get()) == workflow.PUBLISHED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"references-0-number": "0"}, "number"),
        ({"references-0-year": "99999"}, "year"),
    ],
    ids=["number-zero", "year-out-of-range"],
)
def test_reference_number_and_year_out_of_range_are_form_errors(editor_client, overrides, field):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="Range check", author=make_author())
    data.update(overrides)

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    references = inline_formsets(response)["references"]
    assert list(references.errors[0]) == [field]
    assert references.errors[1] == {}
    assert not Article.objects.filter(headline="Range check").exists()


def test_body_citing_a_reference_that_is_not_in_the_list_is_refused(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page,
        headline="Missing reference",
        author=make_author(),
        references=[(1, "First trial")],
        body="Two phase 3 trials [1,2] and a review [4] agree.",
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    expected = (
        "The body cites references 2, 4, which the list below does not have. "
        "Add references 2, 4 or correct the citation in the body."
    )
    assert inline_formsets(response)["references"].non_form_errors() == [expected]
    # The editor sees it on the page, above the reference list.
    errors = parse(response).find(id="references-group").find_all("ul", cls="errorlist")
    assert [error.text for error in errors] == [expected]
    assert not Article.objects.exists()


def test_publishing_a_draft_in_the_form_dates_it_now(editor_client):
    draft = make_draft("Draft from Monday")
    data = change_form_data(editor_client, draft, state=workflow.PUBLISHED)
    # A new draft has no date; the editor leaves it empty to publish now.
    assert data["published_at_0"] == data["published_at_1"] == ""

    before = now()
    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert before <= draft.published_at <= now()
    assert draft.first_published_at == draft.published_at
    assert draft.is_published


def test_publishing_a_draft_keeps_a_date_the_editor_sets(editor_client):
    draft = make_draft("Backdated")
    chosen = timezone.localtime(now() - timedelta(days=10)).replace(microsecond=0)
    data = change_form_data(
        editor_client,
        draft,
        state=workflow.PUBLISHED,
        published_at_0=chosen.date().isoformat(),
        published_at_1=chosen.time().isoformat(),
    )

    before = now()
    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_at == chosen
    # It went live here today, whatever date it carries.
    assert draft.first_published_at >= before


def test_a_time_to_come_on_a_live_article_is_refused_and_its_date_kept(editor_client):
    original = now() - timedelta(days=7)
    live = make_article("Live story", published_at=original)
    date, time = split_datetime(tomorrow())
    data = change_form_data(editor_client, live, published_at_0=date, published_at_1=time)

    response = editor_client.post(change_url(live), data)

    # A live article cannot go back on a schedule without being unpublished first:
    # the editor is told so, and nothing changes.
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_at"] == [
        "This article is live, so its publication date cannot be in the future. "
        "To run it again later, move it back to draft first, then schedule it."
    ]
    live.refresh_from_db()
    assert live.published_at == original
