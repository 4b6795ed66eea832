"""The newsroom's rules in the real admin: the change form, bulk actions and hand-made
POSTs, for a writer, an editor, staff outside the groups and an anonymous visitor."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.admin.templatetags.admin_list import result_headers
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.builders import (
    form_data_from,
    get_topic,
    make_article,
    make_author,
    make_draft,
    make_editor,
    make_writer,
)

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/articles/article/"
DRAFT, REVIEW, SCHEDULED = workflow.DRAFT, workflow.REVIEW, workflow.SCHEDULED
PUBLISHED, ARCHIVED = workflow.PUBLISHED, workflow.ARCHIVED


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def state_of(article):
    return workflow.state_of(Article.objects.get(pk=article.pk))


def login(client, role):
    """A client logged in as writer, editor, plain staff, or nobody (anonymous)."""
    users = {
        "writer": make_writer,
        "editor": make_editor,
        "staff": lambda: User.objects.create_user("staff", password="x", is_staff=True),
    }
    if role == "anonymous":
        return None
    user = users[role]()
    client.force_login(user)
    return user


def post_change_form(client, article, **changes):
    """Open the change form as the browser shows it, change some fields, submit it."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    data = form_data_from(page.content.decode(), "article_form")
    data.update(changes)
    data["_save"] = "Save"
    return client.post(change_url(article), data)


def split(moment):
    local = timezone.localtime(moment)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


# -- The change form -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (DRAFT, REVIEW),
        (REVIEW, PUBLISHED),
        (REVIEW, DRAFT),
        (DRAFT, SCHEDULED),
        (PUBLISHED, DRAFT),
        (PUBLISHED, ARCHIVED),
        (ARCHIVED, DRAFT),
    ],
)
def test_editor_moves_articles_through_the_change_form(client, start, target):
    login(client, "editor")
    article = make_article(status=start, published_at=None if start != PUBLISHED else None)
    if start == PUBLISHED:
        article = make_article(status=start)
    changes = {"state": target}
    if target == SCHEDULED:
        changes.update(split(timezone.now() + timedelta(days=3)))

    response = post_change_form(client, article, **changes)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert state_of(article) == target


@pytest.mark.parametrize("target", [PUBLISHED, SCHEDULED, ARCHIVED])
def test_writer_cannot_publish_schedule_or_archive_their_draft_through_the_form(client, target):
    writer = login(client, "writer")
    draft = make_draft("My draft", created_by=writer)
    page = client.get(change_url(draft))
    offered = [value for value, _ in page.context["adminform"].form.fields["state"].choices]
    assert offered == [DRAFT, REVIEW]

    response = post_change_form(
        client, draft, state=target, **split(timezone.now() + timedelta(days=1))
    )

    assert response.status_code == 200
    assert "state" in response.context["adminform"].form.errors
    assert state_of(draft) == DRAFT


def test_writer_submits_their_draft_and_can_no_longer_edit_it(client):
    writer = login(client, "writer")
    draft = make_draft("For review", created_by=writer)

    response = post_change_form(client, draft, state=REVIEW, deck="Ready for an editor.")

    assert response.status_code == 302
    assert state_of(draft) == REVIEW
    assert Article.objects.get(pk=draft.pk).deck == "Ready for an editor."
    # Now it is the editor's: the writer sees it read-only and a POST is refused.
    page = client.get(change_url(draft))
    assert page.status_code == 200
    assert form_data_from(page.content.decode(), "article_form").get("state") is None
    assert client.post(change_url(draft), {"deck": "Sneaky edit"}).status_code == 403
    # ...but may take it back to draft while it waits.
    run_action(client, "back_to_draft", draft)
    assert state_of(draft) == DRAFT


def test_writer_cannot_change_someone_elses_draft(client):
    login(client, "writer")
    theirs = make_draft("Not mine", created_by=make_editor("someone"))

    response = client.post(change_url(theirs), {"headline": "Hijacked", "state": REVIEW})

    assert response.status_code == 403
    assert Article.objects.get(pk=theirs.pk).headline == "Not mine"


def test_writer_creates_a_draft_that_is_theirs(client):
    login(client, "writer")
    page = client.get("/admin/articles/article/add/")
    offered = [value for value, _ in page.context["adminform"].form.fields["state"].choices]
    assert offered == [DRAFT, REVIEW]
    assert "published_at" not in page.context["adminform"].form.fields


@pytest.mark.parametrize("target", [REVIEW, PUBLISHED, SCHEDULED, ARCHIVED])
@pytest.mark.parametrize("role", ["staff", "anonymous"])
def test_outsiders_cannot_open_or_post_the_change_form(client, role, target):
    login(client, role)
    draft = make_draft("Locked")

    get = client.get(change_url(draft))
    post = client.post(
        change_url(draft),
        {"state": target, "headline": "Changed", **split(timezone.now() + timedelta(days=1))},
    )

    expected = 403 if role == "staff" else 302  # anonymous: to the login page
    assert get.status_code == expected
    assert post.status_code == expected
    assert state_of(draft) == DRAFT
    assert Article.objects.get(pk=draft.pk).headline == "Locked"


# -- Bulk actions ------------------------------------------------------------------


def run_action(client, action, *articles):
    return client.post(
        CHANGELIST_URL,
        {"action": action, ACTION_CHECKBOX_NAME: [article.pk for article in articles]},
    )


@pytest.mark.parametrize(
    ("action", "start", "target"),
    [
        ("submit_for_review", DRAFT, REVIEW),
        ("publish_now", REVIEW, PUBLISHED),
        ("publish_now", DRAFT, PUBLISHED),
        ("back_to_draft", PUBLISHED, DRAFT),
        ("back_to_draft", REVIEW, DRAFT),
        ("archive", PUBLISHED, ARCHIVED),
    ],
)
def test_editor_bulk_actions_move_and_log(client, action, start, target):
    editor = login(client, "editor")
    articles = [make_article(status=start) for _ in range(2)]

    response = run_action(client, action, *articles)

    assert response.status_code == 302
    assert [state_of(article) for article in articles] == [target, target]
    logged = LogEntry.objects.filter(user=editor, object_id__in=[str(a.pk) for a in articles])
    assert logged.count() == 2


@pytest.mark.parametrize("action", ["publish_now", "archive"])
def test_writer_cannot_run_editor_actions_even_by_a_hand_made_post(client, action):
    writer = login(client, "writer")
    own = make_draft("Own draft", created_by=writer)
    live = make_article("Live story")
    changelist = client.get(CHANGELIST_URL)
    offered = [value for value, _ in changelist.context["action_form"].fields["action"].choices]
    assert action not in offered
    assert "submit_for_review" in offered

    response = run_action(client, action, own, live)

    assert response.status_code in (200, 302)
    assert state_of(own) == DRAFT
    assert state_of(live) == PUBLISHED


def test_writer_cannot_unpublish_with_back_to_draft(client):
    login(client, "writer")
    live = make_article("Live story")

    response = run_action(client, "back_to_draft", live)

    assert state_of(live) == PUBLISHED
    assert any("Not changed" in line for line in messages_of(response))


def test_writer_submits_own_drafts_in_bulk_and_others_are_refused(client):
    writer = login(client, "writer")
    own = make_draft("Own draft", created_by=writer)
    theirs = make_draft("Their draft", created_by=make_editor("someone"))

    response = run_action(client, "submit_for_review", own, theirs)

    assert state_of(own) == REVIEW
    assert state_of(theirs) == DRAFT
    assert any("Not changed" in line and "Their draft" in line for line in messages_of(response))


def test_archived_article_cannot_be_published_in_bulk_without_going_back_to_draft(client):
    login(client, "editor")
    archived = make_article("Old story", status=ARCHIVED)

    response = run_action(client, "publish_now", archived)

    assert state_of(archived) == ARCHIVED
    assert any("Not changed" in line for line in messages_of(response))


@pytest.mark.parametrize(
    ("action", "start"),
    [
        ("submit_for_review", DRAFT),
        ("publish_now", REVIEW),
        ("back_to_draft", PUBLISHED),
        ("archive", PUBLISHED),
    ],
)
@pytest.mark.parametrize("role", ["staff", "anonymous"])
def test_outsiders_cannot_run_actions(client, role, action, start):
    login(client, role)
    article = make_article(status=start)

    response = run_action(client, action, article)

    assert response.status_code == (403 if role == "staff" else 302)
    assert state_of(article) == start


@pytest.mark.parametrize("target", [PUBLISHED, SCHEDULED, ARCHIVED])
def test_writer_cannot_create_an_article_straight_into_an_editors_state(client, target):
    login(client, "writer")
    page = client.get("/admin/articles/article/add/")
    data = form_data_from(page.content.decode(), "article_form")
    data.update(
        {
            "headline": "Straight to the front page",
            "slug": "straight-to-the-front-page",
            "deck": "A hand-made POST.",
            "primary_topic": get_topic("vitiligo").pk,
            "state": target,
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-author": make_author().pk,
            "bylines-0-order": "0",
            "published_at_0": "2020-01-01",
            "published_at_1": "09:00:00",
            "featured": "on",
            "_save": "Save",
        }
    )

    response = client.post("/admin/articles/article/add/", data)

    assert response.status_code == 200
    assert "state" in response.context["adminform"].form.errors
    assert not Article.objects.filter(slug="straight-to-the-front-page").exists()


# -- The article list ------------------------------------------------------------------


def test_changelist_shows_state_author_topic_and_schedule_with_a_filter_per_state(client):
    login(client, "editor")
    goes_live = timezone.now() + timedelta(days=2)
    make_article("Live one")
    make_article("Later one", published_at=goes_live)
    make_draft("Draft one")
    make_draft("Waiting one", status=REVIEW)
    make_article("Gone one", status=ARCHIVED)

    page = client.get(CHANGELIST_URL)
    rows = {row.headline: row for row in page.context["cl"].result_list}
    assert set(rows) >= {"Live one", "Later one", "Draft one", "Waiting one", "Gone one"}
    headers = [str(header["text"]) for header in result_headers(page.context["cl"])]
    assert [h.capitalize() for h in headers[1:5]] == [
        "Headline",
        "State",
        "Byline",
        "Primary topic",
    ]
    assert "publication date" in headers
    assert rows["Later one"].state_label == "Scheduled"

    expected = {
        DRAFT: {"Draft one"},
        REVIEW: {"Waiting one"},
        SCHEDULED: {"Later one"},
        PUBLISHED: {"Live one"},
        ARCHIVED: {"Gone one"},
    }
    for state, headlines in expected.items():
        filtered = client.get(CHANGELIST_URL, {"state": state})
        assert {a.headline for a in filtered.context["cl"].result_list} == headlines
