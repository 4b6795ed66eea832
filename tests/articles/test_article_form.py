"""What the article form refuses, with a message the editor can act on, and what it
only warns about. Nothing is saved when it refuses."""

import pytest
from django.contrib.messages import get_messages

from articles.models import Article
from tests.builders import form_data_from, make_article, make_editor, make_reference

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def submit(client, article, **changes):
    data = form_data_from(client.get(change_url(article)).content.decode(), "article_form")
    data.update(changes)
    data["_save"] = "Save"
    return client.post(change_url(article), data)


@pytest.fixture
def article(client):
    client.force_login(make_editor())
    article = make_article("Cited story", body="Trials [1] showed it.")
    make_reference(article, number=1)
    return article


def all_errors(response):
    form_errors = response.context["adminform"].form.errors
    inline_errors = [
        str(error)
        for inline in response.context["inline_admin_formsets"]
        for error in inline.formset.non_form_errors()
    ]
    return form_errors, inline_errors


def test_body_citing_a_missing_reference_is_refused(client, article):
    response = submit(client, article, body="Trials [1] and a review [7] agree.")

    assert response.status_code == 200
    _, inline_errors = all_errors(response)
    assert any(
        "The body cites reference 7, which the list below does not have" in error
        for error in inline_errors
    )
    assert Article.objects.get(pk=article.pk).body == "Trials [1] showed it."


def test_a_range_needs_every_reference_in_it(client, article):
    response = submit(client, article, body="Trials [1-3] agree.")

    _, inline_errors = all_errors(response)
    assert any("references 2, 3" in error for error in inline_errors)


def test_a_reference_never_cited_is_saved_with_a_warning(client, article):
    response = submit(client, article, body="No citation at all.")

    assert response.status_code == 302
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Reference 1 is not cited in the body" in message for message in messages)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://files.example/x", "data:text/html,hi", "//evil.example"]
)
def test_body_links_must_be_web_or_mail_addresses(client, article, link):
    response = submit(client, article, body=f"Trials [1]. See [this]({link}).")

    form_errors, _ = all_errors(response)
    assert "Links must be web addresses" in " ".join(form_errors["body"])


def test_reference_url_and_doi_are_checked(client, article):
    response = submit(
        client,
        article,
        **{"references-0-url": "ftp://example.org/paper", "references-0-doi": "not-a-doi"},
    )

    inline = response.context["inline_admin_formsets"][1].formset
    assert "url" in inline.forms[0].errors and "doi" in inline.forms[0].errors


def test_slug_must_be_unique(client, article):
    make_article("Other story", slug="taken-slug")

    response = submit(client, article, slug="taken-slug")

    form_errors, _ = all_errors(response)
    assert "slug" in form_errors


def test_a_save_from_a_stale_form_is_refused_and_the_other_edit_kept(client, article):
    """Editor A opens the form; editor B opens, changes and saves; A saves: A is told,
    B's change stands."""
    stale = form_data_from(client.get(change_url(article)).content.decode(), "article_form")
    other = client.__class__()
    other.force_login(make_editor("other-editor"))
    assert submit(other, article, deck="Editor B's deck.").status_code == 302

    response = client.post(change_url(article), {**stale, "deck": "Editor A's deck."})

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Someone else saved this article after you opened it (other-editor" in errors
    assert Article.objects.get(pk=article.pk).deck == "Editor B's deck."
