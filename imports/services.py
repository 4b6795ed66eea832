"""Importing a parsed article: the one write path for plain-text originals.

``imports.parser`` turns text into a ParsedArticle without touching the
database; ``import_article`` writes it. A new article goes to review; importing
the same original again updates that article in place (same slug, same state,
same reference rows), in one transaction and one revision. Once readers have
seen the article, a re-import does not change it: it waits as a PendingImport
until an editor, having compared it with the live text, applies it (the same
write, then) or discards it.

An original is identified by its ``source_key``: a key given by the caller (the
original's URL, a source id) or else a hash of its normalised headline, worked
out at the first import and stored. An editor may then fix the headline, and a
re-import of the same file still finds the article.
"""

import copy
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles import services as article_services
from articles import workflow
from articles.models import Article, Author, Byline, Reference
from articles.workflow import PUBLISHED, REVIEW, SCHEDULED, WorkflowError
from facts import services as facts_services
from topics.models import Topic

from .models import PendingImport
from .parser import ImportFormatError

DEFAULT_BYLINE = "Editorial Staff"
# What the default byline's author page says, so it is never an empty page.
STAFF_BIO = (
    "Articles by the Dermatology News editorial team, written and edited by staff "
    "editors from published trials, regulatory decisions and company statements, "
    "each with its references. As this is a demo portal, the content is an example."
)
STAFF_DISCLOSURES = "None"
HEADLINE_KEY_PREFIX = "headline-sha256:"

# What should never be in a headline or deck: a tag, an entity, a script URL.
# They are shown as typed (escaped), so this is for the editor, not for safety.
MARKUP_RE = re.compile(
    r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"  # <b>, </b>, <script src=...>, <br/>
    r"|<!--"
    r"|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"  # &amp; &#39; &#x27;
    r"|\bjavascript\s*:",
    re.IGNORECASE,
)
# Provenance read from the file: a value the model would refuse is left out with a
# warning rather than blocking the import (the article's own text is what matters).
PROVENANCE_FIELDS = {
    "source_name": "copyright_holder",
    "source_year": "copyright_year",
    "source_photo_credit": "credit",
}


@dataclass(frozen=True)
class OriginalDate:
    """When the original was published, and how that was found out.

    ``source``: "text" (its dateline), "given" (``--published-at`` or the
    import preview), "copyright" (no date known: the last day of the
    copyright year, the latest it can be) or "" (nothing to go by: the day
    it is published here). ``note`` says what an editor should check.
    """

    moment: datetime | None
    source: str
    note: str = ""

    @property
    def is_guess(self):
        return self.source in ("copyright", "")


def original_date(parsed, given=None):
    """The original's publication date: the text's dateline, else ``given``,
    else never later than the copyright year (an OriginalDate)."""
    if parsed.published_on is not None:
        moment = timezone.make_aware(datetime.combine(parsed.published_on, time.min))
        note = ""
        if given is not None and timezone.localdate(given) != parsed.published_on:
            note = (
                f"the text is dated {format_day(parsed.published_on)}: that date was used, "
                f"not the one given ({format_day(timezone.localdate(given))})."
            )
        return OriginalDate(moment, "text", note)
    if given is not None:
        return OriginalDate(given, "given")
    year = parsed.copyright_year
    if year is not None and year < timezone.localdate().year:
        last_day = date(year, 12, 31)
        return OriginalDate(
            timezone.make_aware(datetime.combine(last_day, time.min)),
            "copyright",
            f"the text has no date: dated {format_day(last_day)}, the latest its copyright "
            f"year ({year}) allows. This is a guess: give the original's date.",
        )
    return OriginalDate(
        None,
        "",
        "the text has no date: it will carry the day it is published here. If the "
        "original is older, give its date.",
    )


def format_day(day):
    return f"{day:%B} {day.day}, {day.year}"


@dataclass(frozen=True)
class ImportedText:
    """What an import writes from the text: the parser's reading of it, or the same
    fields as kept with a re-import waiting for review (``from_pending``)."""

    headline: str
    deck: str
    body: str
    references: list[tuple[int, str]]
    warnings: list[str]
    copyright_holder: str = ""
    copyright_year: int | None = None
    credit: str = ""
    published_on: date | None = None

    @classmethod
    def from_parsed(cls, parsed):
        return cls(
            headline=parsed.headline,
            deck=parsed.deck,
            body=parsed.body,
            references=list(parsed.references),
            warnings=parsed.warnings,
            copyright_holder=parsed.copyright_holder,
            copyright_year=parsed.copyright_year,
            credit=parsed.credit,
            published_on=parsed.published_on,
        )

    @classmethod
    def from_pending(cls, pending):
        return cls(
            headline=pending.headline,
            deck=pending.deck,
            body=pending.body,
            references=pending.reference_list,
            warnings=list(pending.parser_warnings),
            copyright_holder=pending.copyright_holder,
            copyright_year=pending.copyright_year,
            credit=pending.photo_credit,
            published_on=pending.dateline,
        )


@dataclass
class ImportResult:
    """``pending``: the article readers have seen was left as it is, and the
    import waits for review in this PendingImport."""

    article: Article
    created: bool
    warnings: list[str] = field(default_factory=list)
    pending: PendingImport | None = None

    @property
    def state_label(self):
        return workflow.STATE_LABELS[workflow.state_of(self.article)]


def headline_key(headline):
    """The source key of an original known only by its headline.

    Case, accents' composed forms, punctuation and spacing do not count:
    "Ruxolitinib Cream: Vitiligo" and "ruxolitinib cream - vitiligo" are one key.
    """
    normal = unicodedata.normalize("NFKC", headline).casefold()
    words = re.findall(r"[^\W_]+", normal)
    if not words:
        raise ImportFormatError("the headline has no letters or digits to make an address from")
    return HEADLINE_KEY_PREFIX + hashlib.sha256(" ".join(words).encode()).hexdigest()


def find_existing(parsed, *, source_key=None, lock=False, adopt_unkeyed=False):
    """(key, article) for this original: the article imported from it, or None.

    Only the key identifies it: an article written by hand whose slug happens to
    match the headline is never overwritten. ``adopt_unkeyed`` (the demo loader,
    whose seed was loaded before keys existed) also takes an article with no key
    and the slug of the headline; ``import_article`` then stores the key on it.
    """
    key = source_key or headline_key(parsed.headline)
    articles = Article.objects.select_for_update() if lock else Article.objects.all()
    article = articles.filter(source_key=key).first()
    if article is None and adopt_unkeyed:
        slug = slugify(parsed.headline)
        article = articles.filter(source_key__isnull=True, slug=slug).first() if slug else None
    return key, article


def staff_author():
    """The "Editorial Staff" author, given a description if it has none yet."""
    [author] = authors_for([DEFAULT_BYLINE], update_credentials=False)
    if not author.bio:
        author.bio = STAFF_BIO
        author.disclosures = author.disclosures or STAFF_DISCLOSURES
        author.save(update_fields=["bio", "disclosures"])
    return author


def authors_for(bylines, *, update_credentials=True):
    """The authors these bylines name ("Jane Doe, MD, FAAD"), created if new.

    Two imports naming a new author at once both create it; on PostgreSQL the
    second insert fails once the first commits, and then finds that author.
    Without ``update_credentials`` (a user who may not change authors) an
    existing author is taken as it is.
    """
    authors = []
    for byline in bylines:
        if not update_credentials:
            name = byline.partition(",")[0]
            existing = Author.objects.filter(slug=slugify(name)).first()
            if existing is not None:
                authors.append(existing)
                continue
        try:
            with transaction.atomic():
                authors.append(article_services.author_from_byline(byline))
        except IntegrityError:
            authors.append(article_services.author_from_byline(byline))
    return authors


def markup_warnings(parsed):
    """One warning for each of headline and deck that contains markup."""
    warnings = []
    for name in ("headline", "deck"):
        match = MARKUP_RE.search(getattr(parsed, name))
        if match:
            warnings.append(
                f"{name} contains markup ({match.group()[:40]}): readers would see it "
                "as typed; correct it before publishing."
            )
    return warnings


def import_article(
    parsed,
    *,
    topics,
    authors,
    source_key=None,
    source_url="",
    publish=False,
    published_at=None,
    tags=(),
    by=None,
    comment="",
):
    """Create or update the article imported from this original; return an ImportResult.

    ``topics``: the first is the primary topic. ``authors``: the byline in order;
    empty keeps an existing article's byline (a new one gets "Editorial Staff").
    A new article is in review; an existing one keeps its state and slug. An
    existing article readers have seen is not changed: the result's ``pending``
    is the re-import waiting for an editor's review.
    ``publish`` publishes it (schedules it, with ``published_at`` to come),
    unless its headline or deck contains markup. ``published_at`` is the
    original's publication date when the text has none (see ``original_date``).
    ``by`` is the user (None: the system).

    Raises ImportFormatError, ValidationError (the article as filled in is not
    valid), PermissionDenied (``by`` may not edit or publish it) or ValueError.
    """
    if not topics:
        raise ValueError("An article needs at least one topic.")
    if publish and by is not None and not workflow.is_editor(by):
        raise PermissionDenied("You may not publish articles.")
    attempt = partial(
        _import,
        parsed,
        topics=list(topics),
        authors=list(dict.fromkeys(authors)),
        source_key=source_key or None,
        source_url=source_url,
        publish=publish,
        published_at=published_at,
        tags=list(tags),
        by=by,
        comment=comment,
    )
    try:
        return attempt()
    except IntegrityError:
        # Another import of the same original inserted it at the same moment
        # (PostgreSQL reports the clash once that one commits): update it instead.
        return attempt()


def _import(
    parsed, *, topics, authors, source_key, source_url, publish, published_at, tags, by, comment
):
    text = ImportedText.from_parsed(parsed)
    options = {
        "topics": topics,
        "authors": authors,
        "source_url": source_url,
        "publish": publish,
        "published_at": published_at,
        "tags": tags,
    }
    # The savepoint lets import_article retry after an IntegrityError even inside
    # the caller's transaction. The lock makes a second import of the same original
    # (or an editor applying its re-import) wait for this one.
    with transaction.atomic():
        key, article = find_existing(parsed, source_key=source_key, lock=True)
        if article is not None and by is not None and not workflow.can_edit(by, article):
            raise PermissionDenied(f"You may not edit the existing article “{article}”.")
        if article is not None and article.has_been_public:
            # Readers have seen it: an editor reviews the changes first.
            pending, replaced = _store_pending(
                article, text, source_text=parsed.source_text, by=by, comment=comment, **options
            )
            warnings = pending.warning_list
            if replaced is not None:
                since = timezone.localtime(replaced.imported_at)
                warnings.append(
                    f"it replaces the re-import of {since:%Y-%m-%d %H:%M} that was waiting "
                    "for review."
                )
            return ImportResult(article=article, created=False, warnings=warnings, pending=pending)
        return _write(article, text, key=key, by=by, comment=comment, **options)


def _write(article, text, *, key, topics, authors, source_url, publish, published_at, tags, by,
           comment):  # fmt: skip
    """Write the import to ``article`` (None: a new article); return an ImportResult.

    The one write of an import, whether it runs at once or when an editor applies a
    re-import that waited for review (``apply_pending_import``)."""
    markup = markup_warnings(text)
    warnings = [*markup, *text.warnings]
    # save_article's own revisions join this one.
    with transaction.atomic(), reversion.create_revision():
        created = article is None
        if created:
            article = Article(slug=unique_slug(text.headline))
        article.source_key = key
        published_at, filled = _fill(
            article,
            text,
            topics=topics,
            source_url=source_url,
            published_at=published_at,
            publish=publish,
        )
        warnings += filled
        # Kept on the article until an editor resolves them: the desk lists it, and
        # publishing refuses it meanwhile (articles.services).
        article.import_warnings = "\n".join(markup)
        article.full_clean()

        if created:
            article_services.save_article(article, by=by, state=REVIEW)
            authors = authors or [staff_author()]
        _set_topics(article, topics)
        _set_bylines(article, authors)
        _set_references(article, text.references)
        if tags:
            article.tags.add(*tags)
        facts_services.link_drugs(article=article)
        if not created:
            article_services.save_article(article, by=by)
        if publish and markup:
            warnings.append(
                f"not published because of the markup: it stays {state_label(article)}."
            )
        elif publish:
            warnings += _publish(article, published_at, by=by)
        if reversion.is_registered(Article):
            # Again, now that references, bylines and topics are final.
            reversion.add_to_revision(article)
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        done = "Imported" if created else "Updated by an import"
        reversion.set_comment(comment or f"{done}; {state_label(article)}.")
    return ImportResult(article=article, created=created, warnings=warnings)


def _fill(article, text, *, topics, source_url, published_at, publish):
    """Put the import's text, primary topic, provenance and date on the article object
    (nothing is saved); return (the publication date to use, warnings)."""
    article.headline = text.headline
    article.deck = text.deck
    article.body = text.body
    article.primary_topic = topics[0]
    if source_url:
        article.source_url = source_url
    warnings = _set_provenance(article, text)
    dated = original_date(text, published_at)
    if article.pk is None or article.status != PUBLISHED:
        if dated.note:
            warnings.append(dated.note)
        if dated.moment is not None:
            article.published_at = dated.moment
    elif dated.source in ("text", "given") and article.published_at != dated.moment and not publish:
        warnings.append("the article is already published: its publication date was left as it is.")
    return dated.moment, warnings


def _store_pending(article, text, *, source_text, by, comment, topics, authors, source_url,
                   publish, published_at, tags):  # fmt: skip
    """Keep the import of an article readers have seen for an editor's review, in
    place of any re-import already waiting; the article is not changed. Returns
    (the PendingImport, the one it replaced or None)."""
    # Filled in exactly as the import would, on a copy that is never saved: a text
    # the article would refuse is refused now, not when an editor applies it.
    trial = copy.copy(article)
    _, filled = _fill(
        trial, text, topics=topics, source_url=source_url, published_at=published_at,
        publish=publish,
    )  # fmt: skip
    trial.full_clean()
    warnings = [*markup_warnings(text), *text.warnings, *filled]
    replaced = PendingImport.objects.filter(article=article).first()
    if replaced is not None:
        replaced.delete()
    pending = PendingImport.objects.create(
        article=article,
        headline=text.headline,
        deck=text.deck,
        body=text.body,
        references=[[number, citation] for number, citation in text.references],
        copyright_holder=text.copyright_holder,
        copyright_year=text.copyright_year,
        photo_credit=text.credit,
        dateline=text.published_on,
        parser_warnings=list(text.warnings),
        topic_ids=[topic.pk for topic in topics],
        author_ids=[author.pk for author in authors],
        tag_names=[str(tag) for tag in tags],
        source_url=source_url,
        publish=publish,
        published_at=published_at,
        source_text=source_text,
        warnings="\n".join(warnings),
        comment=comment[: PendingImport._meta.get_field("comment").max_length],
        imported_by=by if by is not None and by.is_authenticated else None,
    )
    return pending, replaced


def apply_pending_import(*, article_id, pending_id, by):
    """Write the re-import waiting for review to its article, through the import's own
    write (one transaction, one revision), and drop it; return the ImportResult.

    ``pending_id`` is the re-import the editor reviewed: if another import replaced it
    meanwhile, or it was applied or discarded, PendingImport.DoesNotExist is raised
    and nothing changes. Also raises PermissionDenied and ValidationError.
    """
    with transaction.atomic():
        article, pending = _lock_pending(article_id, pending_id, by)
        if pending.publish and by is not None and not workflow.is_editor(by):
            raise PermissionDenied("This re-import publishes the article: an editor applies it.")
        # Topics deleted since are left out; if none is left, the article keeps its own.
        topics = _in_order(Topic, pending.topic_ids) or [
            article.primary_topic,
            *article.topics.all(),
        ]
        applier = by.get_username() if by is not None else "the system"
        importer = pending.imported_by.get_username() if pending.imported_by else "the system"
        imported = timezone.localtime(pending.imported_at)
        result = _write(
            article,
            ImportedText.from_pending(pending),
            key=article.source_key,
            topics=topics,
            authors=_in_order(Author, pending.author_ids),
            source_url=pending.source_url,
            publish=pending.publish,
            published_at=pending.published_at,
            tags=pending.tag_names,
            by=by,
            comment=(
                f"Re-import applied after review by {applier} (imported by {importer} "
                f"on {imported:%Y-%m-%d %H:%M}{': ' + pending.comment if pending.comment else ''})."
            ),
        )
        pending.delete()
    return result


def discard_pending_import(*, article_id, pending_id, by):
    """Drop the re-import waiting for review; the article stays as it is. Raises as
    ``apply_pending_import``."""
    with transaction.atomic():
        _, pending = _lock_pending(article_id, pending_id, by)
        pending.delete()
    return pending


def _lock_pending(article_id, pending_id, by):
    """(article, its pending import), the article locked as an import locks it."""
    article = Article.objects.select_for_update().get(pk=article_id)
    pending = (
        PendingImport.objects.select_related("imported_by")
        .select_for_update(of=("self",))
        .get(pk=pending_id, article=article)
    )
    if by is not None and not workflow.can_edit(by, article):
        raise PermissionDenied(f"You may not edit “{article}”.")
    return article, pending


def _in_order(model, ids):
    """The rows of ``model`` with these ids, in this order; those deleted since left out."""
    found = model.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def describe_error(error):
    """One line for an editor: why this file was not imported."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)


def state_label(article):
    return workflow.STATE_LABELS[workflow.state_of(article)].lower()


def unique_slug(headline):
    """The slug of the headline, with -2, -3... if another article has it."""
    base = slugify(headline)
    if not base:
        raise ImportFormatError("the headline has no letters or digits to make an address from")
    limit = Article._meta.get_field("slug").max_length
    slug, number = base[:limit], 1
    while Article.objects.filter(slug=slug).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: limit - len(suffix)].rstrip("-") + suffix
    return slug


def _set_provenance(article, parsed):
    warnings = []
    for name, attribute in PROVENANCE_FIELDS.items():
        model_field = Article._meta.get_field(name)
        empty = None if model_field.null else ""
        value = getattr(parsed, attribute)
        if value in (None, ""):
            value = empty
        else:
            try:
                value = model_field.clean(value, article)
            except ValidationError as error:
                warnings.append(
                    f"{model_field.verbose_name} {value!r} left out: {' '.join(error.messages)}"
                )
                value = empty
        setattr(article, name, value)
    return warnings


def _set_topics(article, topics):
    primary = topics[0]
    article.topics.set(list(dict.fromkeys(t for t in topics[1:] if t.pk != primary.pk)))


def _set_bylines(article, authors):
    """The byline in this order; rows of authors who stay are kept. Empty: unchanged."""
    if not authors:
        return
    kept = {byline.author_id: byline for byline in article.bylines.all()}
    article.bylines.exclude(author__in=authors).delete()
    for order, author in enumerate(authors):
        byline = kept.get(author.pk)
        if byline is None:
            Byline.objects.create(article=article, author=author, order=order)
        elif byline.order != order:
            byline.order = order
            byline.save(update_fields=["order"])


def _set_references(article, references):
    """The file's reference list, updated in place: rows are matched by number."""
    numbers = [number for number, _ in references]
    article.references.exclude(number__in=numbers).delete()
    existing = {reference.number: reference for reference in article.references.all()}
    for number, citation in references:
        fields = {"citation": citation, **article_services.reference_fields(citation)}
        reference = existing.get(number) or Reference(article=article, number=number)
        if reference.pk is not None and all(
            getattr(reference, name) == value for name, value in fields.items()
        ):
            continue
        for name, value in fields.items():
            setattr(reference, name, value)
        reference.full_clean()
        reference.save()


def _publish(article, published_at, *, by):
    """Publish, or schedule for a time to come; a warning if the article's state forbids it."""
    to_come = published_at is not None and published_at > timezone.now()
    try:
        workflow.check_move(None, article, SCHEDULED if to_come else PUBLISHED)
    except WorkflowError as error:
        return [f"not published: {error}"]
    article_services.publish(article, by=by, at=published_at)
    return []
