"""A writer takes their own article back from review with one button."""

import pytest

from articles import services
from articles.models import Article
from tests.builders import make_draft, make_editor, make_writer
from tests.pages import parse

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def take_back_button(page):
    return parse(page).find("button", cls="take-back-button")


def submitted_by(writer):
    article = make_draft("My submission", created_by=writer)
    services.submit_for_review(article, by=writer)
    return article


def test_the_writer_takes_their_submission_back_to_draft(client):
    writer = make_writer()
    article = submitted_by(writer)
    client.force_login(writer)

    page = client.get(change_url(article))
    button = take_back_button(page)
    assert button is not None and button.text == "Take back to draft"
    form = parse(page).find("form", cls="take-back")
    assert form.attrs["method"] == "post"

    done = client.post(form.attrs["action"], follow=True)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert done.redirect_chain[-1][0] == change_url(article)
    shown = [li.text for li in parse(done).find("ul", cls="messagelist").find_all("li")]
    assert shown == ["“My submission” is back in your drafts: edit it, then submit it again."]
    # Back in their drafts, the writer may edit it again, and no button is offered.
    assert parse(done).find("form", id="article_form") is not None
    assert take_back_button(done) is None


def test_no_button_and_no_take_back_for_someone_elses_submission(client):
    article = submitted_by(make_writer())
    other = make_writer("other-writer")
    client.force_login(other)

    page = client.get(change_url(article))
    assert take_back_button(page) is None
    refused = client.post(f"/admin/articles/article/{article.pk}/take-back/")

    assert refused.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_take_back_is_a_post_and_only_from_review(client):
    writer = make_writer()
    draft = make_draft("Not submitted", created_by=writer)
    client.force_login(writer)

    assert take_back_button(client.get(change_url(draft))) is None
    assert client.post(f"/admin/articles/article/{draft.pk}/take-back/").status_code == 403
    submitted = submitted_by(writer)
    assert client.get(f"/admin/articles/article/{submitted.pk}/take-back/").status_code == 405


def test_an_editor_also_sees_the_button_on_an_article_in_review(client):
    article = submitted_by(make_writer())
    client.force_login(make_editor())
    assert take_back_button(client.get(change_url(article))) is not None
