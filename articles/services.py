"""Writes that touch several models at once, each with its side effects in one place.

Every change of an article goes through ``save_article`` (or one of the state
moves built on it): it checks the newsroom's rules, sets the publication dates
honestly and saves through the model inside a revision, so history, signals and
later cache invalidation see every change, whichever path made it (admin form,
bulk action, importer, demo loader).
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from references.citations import parse_ama
from topics.models import Topic

from . import workflow
from .models import Article, Author, Byline, Reference, Tag, TaggedArticle
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


IMPORT_WARNINGS_MESSAGE = (
    "its import recorded warnings that nobody has resolved yet. Open the article, "
    "correct what the warnings say, tick “Import warnings resolved” and publish it from there."
)


def save_article(article, *, by, state=None, substantive=False, comment="", now=None):
    """Save an edit of ``article`` and, if ``state`` is given, move it there.

    ``by`` is the user making the change (None: the system, e.g. an import).
    ``substantive`` marks the change as one readers should know about: the
    article shows "Updated" with this time. Raises PermissionDenied when the user
    may not edit the article and WorkflowError for a move the rules forbid.
    """
    now = now or timezone.now()
    with transaction.atomic(), reversion.create_revision():
        current = workflow.stored_state(article, now)
        # A writer may still move their own article (submit, take back) without editing it.
        moving_only = state is not None and state in workflow.allowed_moves(by, article, current)
        if by is not None and not workflow.can_edit(by, article) and not moving_only:
            raise PermissionDenied("You may not edit this article.")
        if article.pk is None and article.created_by_id is None and by is not None:
            article.created_by = by
        if substantive:
            article.updated_at = now
        if state is not None and state != current:
            workflow.check_move(by, article, state, current)
            _move(article, state, current, now)
            comment = comment or f"{workflow.STATE_LABELS[state]}."
        if article.status == PUBLISHED and article.published_at is None:
            # Published with the date left empty: published now.
            article.published_at = now
        _date_first_publication(article, now)
        article.save()
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        if comment:
            reversion.set_comment(comment)
    return article


def _move(article, target, current, now):
    """Set status and dates for a move the rules allow from the stored state."""
    if target in (DRAFT, REVIEW, ARCHIVED):
        if current == SCHEDULED:
            # Taken off the schedule before it went live: it never was public.
            article.published_at = None
        if target == REVIEW:
            article.review_requested_at = now
        article.status = target
        return
    if article.lead_image_id and article.lead_image.lacks_consent:
        raise WorkflowError(article.lead_image.NO_CONSENT_MESSAGE)
    if article.import_warnings.strip():
        raise WorkflowError(IMPORT_WARNINGS_MESSAGE)
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


def _require_byline(article):
    """A draft may be saved without a byline (the admin's form); a move to review or
    to readers needs one."""
    if article.pk is not None and not article.bylines.exists():
        raise WorkflowError("it has no byline yet: add its author(s) first.")


def submit_for_review(article, *, by):
    _require_byline(article)
    return save_article(article, by=by, state=REVIEW)


def publish(article, *, by, at=None):
    """Publish now or, with a time to come, schedule."""
    _require_byline(article)
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
    """Bring back the content of an earlier version of this one article: text,
    references, bylines, topics, tags and image. State, dates and address stay as
    they are now: restoring is an edit, never a hidden publication or
    unpublication, and it never touches another article saved in the same revision.

    Returns what could not come back because it was deleted since (an author, a
    tag, a topic, the image), as sentences for the editor.
    """
    if not workflow.can_edit(by, article):
        raise PermissionDenied("You may not edit this article.")
    old = version.field_dict
    missing = []
    with transaction.atomic(), reversion.create_revision():
        for field in RESTORED_FIELDS:
            setattr(article, field, old[field])
        if Topic.objects.filter(pk=old["primary_topic_id"]).exists():
            article.primary_topic_id = old["primary_topic_id"]
        else:
            missing.append("its primary topic was deleted since; the current one is kept")
        image_id = old["lead_image_id"]
        if image_id is None or _related_model("lead_image").objects.filter(pk=image_id).exists():
            article.lead_image_id = image_id
        else:
            missing.append("its lead image was deleted since")
        save_article(article, by=by)
        article.topics.set(Topic.objects.filter(pk__in=old.get("topics") or []))
        _restore_references(article, _related_in_revision(version, Reference, "article_id"))
        missing += _restore_bylines(article, _related_in_revision(version, Byline, "article_id"))
        missing += _restore_tags(
            article, _related_in_revision(version, TaggedArticle, "content_object_id")
        )
        trial_model = _related_model("trials")
        _restore_trials(article, _related_in_revision(version, trial_model, "article_id"))
        reversion.set_user(by)
        created = timezone.localtime(version.revision.date_created)
        reversion.set_comment(f"Restored the version of {created:%Y-%m-%d %H:%M}.")
    return missing


# What a restore brings back from the article row itself (besides topic and image).
RESTORED_FIELDS = ["headline", "deck", "body", "source_name", "source_year", "source_url"]


def _related_model(field_name):
    """The model of another app an article relates to (its lead image, its trials),
    through the relation: articles imports none of the apps built on it."""
    return Article._meta.get_field(field_name).related_model


def _related_in_revision(version, model, article_field):
    """The saved rows of ``model`` that belonged to this version's article."""
    rows = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(model)
    )
    return [
        row.field_dict
        for row in rows
        if str(row.field_dict[article_field]) == str(version.object_id)
    ]


def _restore_references(article, saved):
    """References as saved, matched by number: rows kept where the number is."""
    by_number = {reference["number"]: reference for reference in saved}
    article.references.exclude(number__in=by_number).delete()
    current = {reference.number: reference for reference in article.references.all()}
    for number, fields in by_number.items():
        reference = current.get(number) or Reference(article=article, number=number)
        for name, value in fields.items():
            if name not in {"id", "article_id", "number"}:
                setattr(reference, name, value)
        reference.save()


def _restore_bylines(article, saved):
    authors = set(
        Author.objects.filter(pk__in=[b["author_id"] for b in saved]).values_list("pk", flat=True)
    )
    missing = [
        "an author of that version was deleted since"
        for b in saved
        if b["author_id"] not in authors
    ][:1]
    order = {b["author_id"]: b["order"] for b in saved if b["author_id"] in authors}
    if not order:
        return ["no author of that version exists any more; the current byline is kept"]
    article.bylines.exclude(author_id__in=order).delete()
    for author_id, position in order.items():
        Byline.objects.update_or_create(
            article=article, author_id=author_id, defaults={"order": position}
        )
    return missing


def _restore_trials(article, saved):
    """The evidence table as saved. A trial whose source reference no longer exists
    (deleted since, and not brought back by number) keeps no source."""
    article.trials.exclude(pk__in=[row["id"] for row in saved]).delete()
    references = set(article.references.values_list("pk", flat=True))
    for fields in saved:
        trial = article.trials.filter(pk=fields["id"]).first() or article.trials.model(
            article=article
        )
        for name, value in fields.items():
            if name not in {"id", "article_id"}:
                setattr(trial, name, value)
        if trial.reference_id not in references:
            trial.reference_id = None
        trial.save()


def _restore_tags(article, saved):
    tags = list(Tag.objects.filter(pk__in=[row["tag_id"] for row in saved]))
    article.tags.set(tags)
    if len(tags) < len(saved):
        return ["a tag of that version was deleted since"]
    return []


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
