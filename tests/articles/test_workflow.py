"""The state machine through its one service: who may move an article where, and the
dates each move sets. The admin's forms and actions are tested in test_admin_workflow.py."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from articles import services, workflow
from articles.models import Article
from articles.workflow import WorkflowError
from tests.builders import make_article, make_draft, make_editor, make_writer

pytestmark = pytest.mark.django_db

DRAFT, REVIEW, SCHEDULED = workflow.DRAFT, workflow.REVIEW, workflow.SCHEDULED
PUBLISHED, ARCHIVED = workflow.PUBLISHED, workflow.ARCHIVED


def reloaded(article):
    return Article.objects.get(pk=article.pk)


def test_publishing_a_draft_dates_it_now_and_sets_first_publication_once():
    editor = make_editor()
    draft = make_draft("New trial")
    assert draft.published_at is None and draft.first_published_at is None

    with time_machine.travel("2026-03-02 09:00:00Z", tick=False):
        services.publish(draft, by=editor)
    first = reloaded(draft)
    assert first.state_label == "Published"
    assert first.published_at == first.first_published_at
    assert first.published_at.isoformat() == "2026-03-02T09:00:00+00:00"

    with time_machine.travel("2026-03-05 12:00:00Z", tick=False):
        services.unpublish(first, by=editor)
        services.publish(reloaded(draft), by=editor)
    again = reloaded(draft)
    # Taken down and put back: still dated, and first published, on the first day.
    assert again.published_at.isoformat() == "2026-03-02T09:00:00+00:00"
    assert again.first_published_at.isoformat() == "2026-03-02T09:00:00+00:00"


def test_an_edit_never_sets_the_first_publication():
    draft = make_draft("Still a draft")
    draft.deck = "Changed deck."

    services.save_article(draft, by=make_editor())

    assert reloaded(draft).first_published_at is None
    assert reloaded(draft).published_at is None


def test_publishing_keeps_an_original_date_given_by_an_import():
    original = timezone.now() - timedelta(days=400)
    draft = make_draft("Imported story", published_at=original)

    services.publish(draft, by=make_editor())

    published = reloaded(draft)
    assert published.published_at == original
    # It went live here now, not 400 days ago.
    assert published.first_published_at > timezone.now() - timedelta(minutes=1)


def test_scheduling_needs_a_time_to_come():
    draft = make_draft("Scheduled story")

    with pytest.raises(WorkflowError, match="publication time in the future"):
        services.save_article(draft, by=make_editor(), state=SCHEDULED)
    assert reloaded(draft).status == DRAFT


def test_a_scheduled_article_is_404_one_second_before_its_time_and_200_one_second_after(client):
    goes_live = timezone.now().replace(microsecond=0) + timedelta(days=2)
    draft = make_draft("Approval expected")
    services.publish(draft, by=make_editor(), at=goes_live)
    url = draft.get_absolute_url()
    assert reloaded(draft).state_label == "Scheduled"

    with time_machine.travel(goes_live - timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 404
        assert client.get("/").content.decode().count("Approval expected") == 0
    with time_machine.travel(goes_live + timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 200
        assert reloaded(draft).state_label == "Published"


def test_unscheduling_before_the_time_forgets_the_schedule():
    editor = make_editor()
    draft = make_draft("Embargoed")
    services.publish(draft, by=editor, at=timezone.now() + timedelta(hours=3))

    services.unpublish(reloaded(draft), by=editor)

    back = reloaded(draft)
    assert back.status == DRAFT
    assert back.published_at is None
    assert back.first_published_at is None


@pytest.mark.parametrize(
    ("start", "target", "writer_may"),
    [
        (DRAFT, REVIEW, True),
        (REVIEW, DRAFT, True),  # a writer takes their own submission back
        (DRAFT, PUBLISHED, False),
        (REVIEW, PUBLISHED, False),
        (REVIEW, SCHEDULED, False),
        (DRAFT, ARCHIVED, False),
        (PUBLISHED, DRAFT, False),
        (PUBLISHED, ARCHIVED, False),
        (ARCHIVED, DRAFT, False),
    ],
)
def test_move_matrix_for_writer_and_editor(start, target, writer_may):
    writer, editor = make_writer(), make_editor()
    fields = {"status": start, "created_by": writer, "published_at": None}
    if start == PUBLISHED:
        fields["published_at"] = timezone.now() - timedelta(days=1)
    article = make_article(**fields)
    at = timezone.now() + timedelta(days=1) if target == SCHEDULED else None
    if at:
        article.published_at = at

    if writer_may:
        services.save_article(article, by=writer, state=target)
        assert workflow.state_of(reloaded(article)) == target
    else:
        with pytest.raises((WorkflowError, PermissionDenied)):
            services.save_article(article, by=writer, state=target)
        assert reloaded(article).status == start

    # An editor may make every one of these moves.
    article = reloaded(article)
    article.status = start
    article.save()
    if at:
        article.published_at = at
    services.save_article(article, by=editor, state=target)
    assert workflow.state_of(reloaded(article)) == target


def test_a_writer_edits_only_their_own_drafts():
    writer, other = make_writer(), make_writer("other-writer")
    own, theirs = make_draft("Mine", created_by=writer), make_draft("Theirs", created_by=other)
    submitted = make_draft("Submitted", created_by=writer, status=REVIEW)

    own.deck = "Edited."
    services.save_article(own, by=writer)
    for article in (theirs, submitted):
        article.deck = "Edited by someone else."
        with pytest.raises(PermissionDenied):
            services.save_article(article, by=writer)
    assert reloaded(theirs).deck != "Edited by someone else."


def test_editable_lists_exactly_the_articles_can_edit_allows():
    """The rule as a filter (the desk's lists) and per article agree, for each kind of user."""
    writer = make_writer()
    articles = [
        make_draft("Mine", created_by=writer),
        make_draft("Theirs", created_by=make_writer("other-writer")),
        make_draft("Submitted", created_by=writer, status=REVIEW),
        make_article("Live", created_by=writer),
        make_draft("Nobody's"),
    ]
    viewer = User.objects.create_user("viewer", is_staff=True)
    for user in (make_editor(), writer, viewer, None):
        listed = set(Article.objects.filter(workflow.editable(user)).values_list("pk", flat=True))
        assert listed == {a.pk for a in articles if workflow.can_edit(user, a)}, user
    assert Article.objects.filter(workflow.editable(writer)).get().headline == "Mine"


def test_every_save_is_a_revision_with_who_and_a_comment():
    editor = make_editor()
    draft = make_draft("Revised story")

    services.submit_for_review(draft, by=editor)
    services.publish(reloaded(draft), by=editor)

    versions = Version.objects.get_for_object(draft)
    assert [v.revision.comment for v in versions] == ["Published.", "In review."]
    assert {v.revision.user for v in versions} == {editor}


def test_archived_article_is_gone_for_readers_but_kept(client):
    article = make_article("Withdrawn story")

    services.archive(article, by=make_editor())

    assert client.get(article.get_absolute_url()).status_code == 404
    assert reloaded(article).status == ARCHIVED
    assert reloaded(article).first_published_at is not None


def test_substantive_update_is_dated_and_a_plain_edit_is_not():
    editor = make_editor()
    article = make_article("Updated story")

    services.save_article(article, by=editor)
    assert reloaded(article).updated_at is None

    services.save_article(reloaded(article), by=editor, substantive=True)
    assert reloaded(article).last_updated_at is not None
