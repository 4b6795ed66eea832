"""Who may move an article from one state to another: the newsroom's rules, no writes.

States are the stored statuses plus "scheduled" (published with a publication
time still to come). Writers create and edit their own drafts and submit them
for review; editors (the ``publish_article`` permission) edit everything and
publish, schedule, unpublish and archive. ``articles.services`` applies a move;
the admin asks here which moves to offer, and the service asks again.
"""

from django.db.models import Q
from django.utils import timezone

from .models import Article

EDIT_ANY = "articles.publish_article"

DRAFT = Article.Status.DRAFT.value
REVIEW = Article.Status.REVIEW.value
PUBLISHED = Article.Status.PUBLISHED.value
ARCHIVED = Article.Status.ARCHIVED.value
SCHEDULED = "scheduled"

STATE_LABELS = {
    DRAFT: "Draft",
    REVIEW: "In review",
    SCHEDULED: "Scheduled",
    PUBLISHED: "Published",
    ARCHIVED: "Archived",
}
STATE_ORDER = [DRAFT, REVIEW, SCHEDULED, PUBLISHED, ARCHIVED]

# The moves an editor may make from each state (the state itself is no move).
EDITOR_MOVES = {
    DRAFT: {REVIEW, SCHEDULED, PUBLISHED, ARCHIVED},
    REVIEW: {DRAFT, SCHEDULED, PUBLISHED, ARCHIVED},
    SCHEDULED: {DRAFT, PUBLISHED, ARCHIVED},
    PUBLISHED: {DRAFT, ARCHIVED},
    ARCHIVED: {DRAFT},
}
# A writer submits their own draft, and may take it back while it waits.
WRITER_MOVES = {DRAFT: {REVIEW}, REVIEW: {DRAFT}}


class WorkflowError(ValueError):
    """A move that the rules do not allow; str() says why, for the editor."""


def state_of(article, now=None):
    published_at = article.published_at
    if article.status == PUBLISHED and published_at and published_at > (now or timezone.now()):
        return SCHEDULED
    return article.status


def is_editor(user):
    return user is not None and user.has_perm(EDIT_ANY)


def is_own(user, article):
    return article.created_by_id is not None and article.created_by_id == user.pk


def can_edit(user, article):
    """Editors edit every article; a writer only their own drafts (and new ones)."""
    if user is None or not user.has_perm("articles.change_article"):
        return False
    if is_editor(user):
        return True
    return article.pk is None or (article.status == DRAFT and is_own(user, article))


def editable(user):
    """``can_edit`` as a condition on stored articles (a Q), for lists of what this
    user may edit: the same rule, kept beside it."""
    if user is None or not user.has_perm("articles.change_article"):
        return Q(pk__in=[])
    if is_editor(user):
        return Q()
    return Q(status=DRAFT, created_by_id=user.pk)


def stored_state(article, now=None):
    """The state of the article as saved, whatever edits its object holds: a move
    starts from there (a form may already have changed the date on the object)."""
    if article.pk is not None:
        stored = Article.objects.filter(pk=article.pk).only("status", "published_at").first()
        if stored is not None:
            return state_of(stored, now)
    return state_of(article, now)


def allowed_moves(user, article, current=None):
    """The states this user may move this article to, in display order."""
    current = current or state_of(article)
    if is_editor(user):
        moves = EDITOR_MOVES[current]
    elif (
        user is not None
        and user.has_perm("articles.change_article")
        and (article.pk is None or is_own(user, article))
    ):
        moves = WRITER_MOVES.get(current, set())
    else:
        moves = set()
    return [state for state in STATE_ORDER if state in moves]


def check_move(user, article, target, current=None):
    """Raise WorkflowError unless ``user`` may move ``article`` to ``target``.

    ``user`` None is the system itself (an import, the demo loader): it may make
    every move an editor may.
    """
    current = current or state_of(article)
    if target == current:
        return
    moves = EDITOR_MOVES[current] if user is None else set(allowed_moves(user, article, current))
    if target not in moves:
        raise WorkflowError(
            f"You may not move this article from {STATE_LABELS[current]} "
            f"to {STATE_LABELS.get(target, target)}."
        )
