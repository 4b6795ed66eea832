"""Odd and hand-made input to the article admin: a clear message, never a server error."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin import ADD_URL, CHANGELIST_URL, article_form_data, split_datetime
from tests.builders import form_data_from, make_article, make_author, now, tomorrow

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("url", [CHANGELIST_URL, "/admin/articles/author/"])
def test_action_on_a_selection_that_is_not_ids_gives_a_message(editor_client, url):
    draft = make_article("Draft story", status=Article.Status.DRAFT)

    response = editor_client.post(
        url, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [draft.pk, "abc"]}
    )

    assert response.status_code == 302
    assert messages_of(response) == ["The selection is not valid. No items have been changed."]
    assert Article.objects.filter(pk=draft.pk, status=Article.Status.DRAFT).exists()


def test_publish_action_with_unknown_ids_changes_nothing(editor_client):
    draft = make_article("Draft story", status=Article.Status.DRAFT)

    response = editor_client.post(
        CHANGELIST_URL, {"action": "publish", ACTION_CHECKBOX_NAME: ["999999"]}
    )

    assert response.status_code == 302
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

    assert response.status_code == 302
    page = client.get(Article.objects.get().get_absolute_url())
    assert page.status_code == 200
    assert 'href="/tags/%CE%B1-msh/"' in page.content.decode()
    tag_page = client.get("/tags/%CE%B1-msh/")
    assert tag_page.status_code == 200
    assert "Afamelanotide story" in tag_page.content.decode()


def test_publishing_with_a_future_date_warns_that_it_is_scheduled(editor_client, client):
    add_page = editor_client.get(ADD_URL)
    date, time = split_datetime(tomorrow())
    data = article_form_data(
        add_page,
        headline="Scheduled story",
        author=make_author(),
        published_at_0=date,
        published_at_1=time,
    )

    response = editor_client.post(ADD_URL, data, follow=True)

    assert response.status_code == 200
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert warnings[0].startswith("“Scheduled story” has a future publication date")
    assert client.get(Article.objects.get().get_absolute_url()).status_code == 404


def test_publishing_with_a_past_date_gives_no_warning(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="Live story", author=make_author())

    response = editor_client.post(ADD_URL, data, follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["success"]


@pytest.mark.parametrize(
    "overrides",
    [{"references-0-number": "0"}, {"references-0-year": "99999"}],
    ids=["number-zero", "year-out-of-range"],
)
def test_reference_number_and_year_out_of_range_are_form_errors(editor_client, overrides):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page, headline="Range check", author=make_author(), references=[(1, "A trial")]
    )
    data.update(overrides)

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert response.context["errors"]
    assert not Article.objects.filter(headline="Range check").exists()


def change_form_data(client, article):
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    return form_data_from(response.content.decode(), "article_form")


def test_publishing_a_draft_in_the_form_dates_it_now(editor_client):
    started = now() - timedelta(days=3)
    draft = make_article("Draft from Monday", status=Article.Status.DRAFT, published_at=started)
    data = change_form_data(editor_client, draft)
    data.update(status=Article.Status.PUBLISHED, _save="Save")

    before = now()
    response = editor_client.post(f"/admin/articles/article/{draft.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context["errors"]
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at >= before.replace(microsecond=0)


def test_publishing_a_draft_keeps_a_date_the_editor_sets(editor_client):
    draft = make_article("Backdated", status=Article.Status.DRAFT, published_at=now())
    data = change_form_data(editor_client, draft)
    chosen = timezone.localtime(now() - timedelta(days=10)).replace(microsecond=0)
    data.update(
        status=Article.Status.PUBLISHED,
        published_at_0=chosen.date().isoformat(),
        published_at_1=chosen.time().isoformat(),
        _save="Save",
    )

    response = editor_client.post(f"/admin/articles/article/{draft.pk}/change/", data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.published_at == chosen
