"""Writes that touch several models at once, each with its side effects in one place.

Every change of an article goes through ``save_article`` (or one of the state
moves built on it): it checks the newsroom's rules, sets the publication dates
honestly and saves through the model inside a revision, so history, signals and
later cache invalidation see every change, whichever path made it (admin form,
bulk action, importer, demo loader).
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import workflow
from .citations import parse_ama
from .models import Article, Author, Reference
from .workflow import ARCHIVED, DRAFT, PUBLISHED, REVIEW, SCHEDULED, WorkflowError

STRUCTURED_REFERENCE_FIELDS = [
    "authors",
    "title",
    "source",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "url",
    "accessed_on",
]


def save_article(article, *, by, state=None, substantive=False, comment="", now=None):
    """Save an edit of ``article`` and, if ``state`` is given, move it there.

    ``by`` is the user making the change (None: the system, e.g. an import).
    ``substantive`` marks the change as one readers should know about: the
    article shows "Updated" with this time. Raises PermissionDenied when the user
    may not edit the article and WorkflowError for a move the rules forbid.
    """
    now = now or timezone.now()
    # A writer may still move their own article (submit, take back) without editing it.
    moving_only = state is not None and state in workflow.allowed_moves(by, article)
    if by is not None and not workflow.can_edit(by, article) and not moving_only:
        raise PermissionDenied("You may not edit this article.")
    with transaction.atomic(), reversion.create_revision():
        if article.pk is None and article.created_by_id is None and by is not None:
            article.created_by = by
        if substantive:
            article.updated_at = now
        if state is not None and state != workflow.state_of(article, now):
            workflow.check_move(by, article, state)
            _move(article, state, now)
            comment = comment or f"{workflow.STATE_LABELS[state]}."
        _date_first_publication(article, now)
        article.save()
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        if comment:
            reversion.set_comment(comment)
    return article


def _move(article, target, now):
    """Set status and dates for a move the rules allow."""
    if target in (DRAFT, REVIEW, ARCHIVED):
        if workflow.state_of(article, now) == SCHEDULED:
            # Taken off the schedule before it went live: it never was public.
            article.published_at = None
        article.status = target
        return
    if target == SCHEDULED:
        if article.published_at is None or article.published_at <= now:
            raise WorkflowError("A scheduled article needs a publication time in the future.")
    elif article.published_at is None or article.published_at > now:
        # Published now. A date already given (the original date of an import,
        # the date it first went live before being taken down) is kept.
        article.published_at = now
    article.status = PUBLISHED


def _date_first_publication(article, now):
    """first_published_at: when readers first could see the article, set once.

    Until that moment has come it follows the schedule (a new time moves it,
    publishing now brings it to now, unscheduling clears it); once it has
    passed, nothing changes it again.
    """
    first = article.first_published_at
    if first is not None and first <= now:
        return
    if article.status == PUBLISHED and article.published_at is not None:
        article.first_published_at = max(article.published_at, now)
    else:
        article.first_published_at = None


def submit_for_review(article, *, by):
    return save_article(article, by=by, state=REVIEW)


def publish(article, *, by, at=None):
    """Publish now or, with a time to come, schedule."""
    if at is not None:
        article.published_at = at
    target = SCHEDULED if at is not None and at > timezone.now() else PUBLISHED
    return save_article(article, by=by, state=target)


def unpublish(article, *, by):
    """Back to draft: readers no longer see it; its dates are kept for a re-publication."""
    return save_article(article, by=by, state=DRAFT)


def archive(article, *, by):
    return save_article(article, by=by, state=ARCHIVED)


def restore_version(article, version, *, by):
    """Bring back the content of an earlier revision: text, references, bylines,
    topics, tags and image. The article's state, dates and address stay as they
    are now: restoring is an edit, never a hidden publication or unpublication.
    """
    if not workflow.can_edit(by, article):
        raise PermissionDenied("You may not edit this article.")
    kept = {field: getattr(article, field) for field in RESTORE_KEEPS}
    with transaction.atomic(), reversion.create_revision():
        version.revision.revert(delete=True)
        article = Article.objects.get(pk=article.pk)
        for field, value in kept.items():
            setattr(article, field, value)
        article.save()
        reversion.set_user(by)
        created = timezone.localtime(version.revision.date_created)
        reversion.set_comment(f"Restored the version of {created:%Y-%m-%d %H:%M}.")
    return article


# What a restore leaves as it is now: the state machine's fields and the address.
RESTORE_KEEPS = [
    "slug",
    "status",
    "published_at",
    "first_published_at",
    "updated_at",
    "featured",
    "created_by_id",
    "source_key",
]


def reference_fields(citation):
    """Kind and structured fields parsed from a citation, keeping only valid values."""
    parsed = parse_ama(citation)
    fields = valid_reference_fields({name: parsed[name] for name in STRUCTURED_REFERENCE_FIELDS})
    fields["kind"] = parsed["kind"]
    return fields


def valid_reference_fields(fields):
    """The values that pass the Reference model's own validation; the others left empty.

    Parsed fields are a convenience: a value the parser got wrong (a DOI with a
    stray character, an over-long title) must not block the import, since the
    verbatim citation text is kept anyway.
    """
    valid = {}
    for name, value in fields.items():
        model_field = Reference._meta.get_field(name)
        empty = None if model_field.null else ""
        try:
            valid[name] = model_field.clean(value, None) if value not in (None, "") else empty
        except ValidationError:
            valid[name] = empty
    return valid


def author_from_byline(byline):
    """The author a byline such as "Jane Doe, MD, FAAD" names, created if new.

    Authors are matched by the slug of the name. Credentials (after the first
    comma) are set on a new author, and on an existing one only when given.
    """
    name, _, credentials = byline.partition(",")
    name, credentials = " ".join(name.split()), " ".join(credentials.split())
    slug = slugify(name)
    if not slug:
        raise ValueError(f"No author name in {byline!r}.")
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        author = Author(name=name, slug=slug, credentials=credentials)
        author.full_clean()
        author.save()
    elif credentials and author.credentials != credentials:
        author.credentials = credentials
        author.full_clean()
        author.save(update_fields=["credentials"])
    return author
