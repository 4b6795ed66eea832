"""Writes that touch several models at once: importing an article, finding an author."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .citations import parse_ama
from .importer import ImportFormatError
from .models import Article, Author, Byline, Reference

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


def import_article(parsed, *, topics, authors, status=None, published_at=None):
    """Create or update the article a ParsedArticle describes; return (article, created).

    The slug of the headline is the article's identity, so importing the same
    text again updates it. Bylines and references are replaced. Without an
    explicit status or publication date a new article is published now and an
    existing one keeps its own.
    """
    if not topics:
        raise ValueError("An article needs at least one topic.")
    if not authors:
        raise ValueError("An article needs at least one author.")
    slug = slugify(parsed.headline)
    if not slug:
        raise ImportFormatError("the headline has no letters or digits to make an address from")

    with transaction.atomic():
        article = Article.objects.filter(slug=slug).first()
        created = article is None
        if created:
            article = Article(slug=slug)
        article.headline = parsed.headline
        article.deck = parsed.deck
        article.body = parsed.body
        article.image_credit = parsed.credit
        article.primary_topic = topics[0]
        if status is not None:
            article.status = status
        elif created:
            article.status = Article.Status.PUBLISHED
        if published_at is not None:
            article.published_at = published_at
        elif created:
            article.published_at = timezone.now()
        article.full_clean()
        article.save()

        article.topics.set([topic for topic in topics[1:] if topic.pk != topics[0].pk])
        article.bylines.all().delete()
        unique_authors = list(dict.fromkeys(authors))
        Byline.objects.bulk_create(
            Byline(article=article, author=author, order=order)
            for order, author in enumerate(unique_authors)
        )
        article.references.all().delete()
        Reference.objects.bulk_create(
            Reference(article=article, number=number, citation=text, **reference_fields(text))
            for number, text in parsed.references
        )
    return article, created


def publish_articles(articles, *, now=None):
    """Publish the given articles; return (published, scheduled) counts.

    A draft whose publication time has already passed (usually the time it was
    started) goes live now, so it is not filed under an old date; a future time
    is kept, and the article goes live then. Published articles are left alone.
    """
    now = now or timezone.now()
    drafts = articles.exclude(status=Article.Status.PUBLISHED)
    with transaction.atomic():
        scheduled = drafts.filter(published_at__gt=now).update(status=Article.Status.PUBLISHED)
        live = drafts.update(status=Article.Status.PUBLISHED, published_at=now)
    return live + scheduled, scheduled


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
