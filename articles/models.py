import uuid

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import connections, models
from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from references.formats import doi_url, pubmed_url

from .markup import cited_numbers, render_body

DOI_PATTERN = r"^10\.\d{4,9}/\S+$"


def validate_news_date(value):
    """A date a news article can carry: far-off years are typing slips, and the
    edge years of the calendar cannot even be stored once moved to UTC."""
    if value is not None and not 1900 <= value.year <= 2200:
        raise ValidationError("Enter a date between the years 1900 and 2200.")


class WebAddressField(models.URLField):
    """An http(s) address (no ftp, mailto or javascript); a form reads a bare
    "example.org" as https://example.org."""

    default_validators = [
        URLValidator(schemes=["http", "https"], message="Enter a web address (https://…).")
    ]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Part of the author page's address."
    )
    credentials = models.CharField(
        max_length=100,
        blank=True,
        help_text='Shown after the name in the byline, e.g. "MD, FAAD" or "PA-C".',
    )
    bio = models.TextField(blank=True, help_text="A few sentences for the author page.")
    photo = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="author_of",
        help_text="A portrait for the author page.",
    )
    disclosures = models.TextField(
        blank=True,
        help_text="Financial relationships and conflicts of interest, shown on the author "
        'page, e.g. "Consultant for Incyte." Write "None" when there are none.',
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


# Related reading: what a shared tag, a shared topic and a neighbouring topic
# (parent or subtopic of one of the article's topics) are worth.
RELATED_TAG_WEIGHT = 4
RELATED_TOPIC_WEIGHT = 2
RELATED_NEAR_WEIGHT = 1


def _count_subquery(rows, key):
    """How many of these rows point at the outer article, as an expression (0 if none)."""
    counted = rows.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def _shared_tags(tag_ids):
    if not tag_ids:
        return Value(0)
    return _count_subquery(
        TaggedArticle.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=tag_ids),
        "content_object_id",
    )


def _shared_topics(topic_ids):
    """How many of these topics the outer article is filed under. A topic counts
    once, whether it is the primary topic, a further topic, or (by mistake) both."""
    if not topic_ids:
        return Value(0)
    further = Article.topics.through.objects.filter(
        article_id=OuterRef("pk"), topic_id__in=topic_ids
    ).exclude(topic_id=OuterRef("primary_topic_id"))
    primary = Case(When(primary_topic_id__in=topic_ids, then=1), default=0)
    return primary + _count_subquery(further, "article_id")


# Related reading scores only the newest few articles of each shared tag and topic:
# scoring every article sharing something read tens of thousands of rows per article
# page at 100,000 articles (2.5 s), for a list of four where the older ones rarely
# make it anyway. A candidate must still share something; within the candidates the
# ranking rule is unchanged.
RELATED_CANDIDATES_PER_GROUP = 200


def _candidate_ids(tag_ids, topic_ids, *, using):
    """The ids of the newest RELATED_CANDIDATES_PER_GROUP articles of each of these
    tags and topics (primary or further), as a subquery: a UNION of LIMITed index
    scans, so its cost follows the number of tags and topics, not the archive.

    By a topic's primary articles "newest" is by publication time, from the
    (primary_topic, -published_at) index; by taggings and further topics it is the
    newest added (highest id), which the (tag, article) and (topic, article) indexes
    give without reading the articles.
    """
    k = RELATED_CANDIDATES_PER_GROUP
    parts = [
        Article.objects.published()
        .filter(primary_topic_id=topic_id)
        .order_by("-published_at")
        .values("pk")[:k]
        for topic_id in sorted(topic_ids)
    ]
    parts += [
        Article.topics.through.objects.filter(topic_id=topic_id)
        .order_by("-article_id")
        .values("article_id")[:k]
        for topic_id in sorted(topic_ids)
    ]
    parts += [
        TaggedArticle.objects.filter(tag_id=tag_id)
        .order_by("-content_object_id")
        .values("content_object_id")[:k]
        for tag_id in sorted(tag_ids)
    ]
    return union_of_limited(parts, using=using)


def union_of_limited(parts, *, using):
    """Article ids from these LIMITed querysets of one id column each, as one
    subquery for ``pk__in``: each part an index scan that stops early."""
    if not parts:
        return Article.objects.none().values("pk")
    if not connections[using].features.supports_slicing_ordering_in_compound:
        # SQLite takes no LIMIT in a UNION's parts: each goes one level down.
        parts = [Article.objects.order_by().filter(pk__in=part).values("pk") for part in parts]
    # UNION ALL: IN (...) ignores duplicates, so sorting them out would be wasted work.
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and publication time not in the future.

        Every public view, list, feed and widget starts from here.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_topics(self, topic_ids):
        """Articles filed under any of these topics, as primary or further topic.

        OR with a correlated EXISTS: checked with EXPLAIN on PostgreSQL (20,000
        articles, docs/performance.md), it walks the (status, -published_at) index
        and probes the (topic_id, article_id) index, with no sequential scan, and
        stops after a page of a topic listing. A UNION of the two id lookups and an
        IN (subquery) were tried: both slower, and both scan the table sequentially.
        """
        further = Article.topics.through.objects.filter(
            article_id=OuterRef("pk"), topic_id__in=topic_ids
        )
        return self.filter(Q(primary_topic_id__in=topic_ids) | Exists(further))

    def for_listing(self):
        """Columns and joins an article card needs; bodies stay in the database."""
        return (
            self.select_related("primary_topic", "lead_image")
            .prefetch_related(
                models.Prefetch("bylines", queryset=Byline.objects.select_related("author"))
            )
            .defer("body", "body_html")
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def _related(self, field_name):
        """All rows of the model another app relates to articles by ``field_name``
        (evidence's trials): reached through the relation, so articles imports no
        app built on it."""
        return self.model._meta.get_field(field_name).related_model.objects.all()

    def for_detail(self):
        """Everything the article page shows, in a fixed number of queries."""
        return self.select_related("primary_topic", "lead_image").prefetch_related(
            models.Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "references",
            "tags",
            "topics",
            "corrections",
            # The evidence table links each trial's source reference.
            models.Prefetch("trials", queryset=self._related("trials").select_related("reference")),
        )

    def listing(self):
        """Published articles as every public list shows them: card data, newest first."""
        return self.published().for_listing().newest_first()

    def scheduled(self):
        """Published with a publication time still to come: readers see them then."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def related_to(self, article, *, tree=None):
        """Published articles ranked by what they share with this one, best first.

        A shared tag counts RELATED_TAG_WEIGHT, a shared topic (primary or further)
        RELATED_TOPIC_WEIGHT, and a topic next to one of the article's (its parent
        or a subtopic, known from the TopicTree when given) RELATED_NEAR_WEIGHT;
        newer first among equals. Only articles sharing something are listed, so an
        article with no tags or further topics gets the newest in its primary topic.
        Only the newest RELATED_CANDIDATES_PER_GROUP of each shared tag and topic are
        scored, so the work is bounded whatever the size of the archive.

        One query whatever the amount of data: the counts are subqueries, and the
        article's own tags and topics come from its prefetched relations.
        """
        tag_ids = [tag.pk for tag in article.tags.all()]
        topic_ids = {article.primary_topic_id, *(topic.pk for topic in article.topics.all())}
        near_ids = set()
        if tree is not None:
            for topic_id in topic_ids:
                topic = tree.by_id.get(topic_id)
                if topic is not None:
                    near_ids.update(child.pk for child in tree.children(topic))
                    if topic.parent_id is not None:
                        near_ids.add(topic.parent_id)
            near_ids -= topic_ids

        score = (
            RELATED_TAG_WEIGHT * _shared_tags(tag_ids)
            + RELATED_TOPIC_WEIGHT * _shared_topics(topic_ids)
            + RELATED_NEAR_WEIGHT * _shared_topics(near_ids)
        )
        return (
            self.published()
            # Score only the newest few sharing each tag or topic (the rest would
            # score 0 or rarely make the list), so the work is bounded per article.
            # Each candidate shares something, so none scores 0: no filter on the
            # score, which would compute it twice per candidate.
            .filter(pk__in=_candidate_ids(tag_ids, topic_ids | near_ids, using=self.db))
            .exclude(pk=article.pk)
            .alias(related_score=score)
            .order_by("-related_score", "-published_at", "-pk")
        )


class Tag(TagBase):
    """A tag on articles: a drug, a trial, a term. Its page lists the articles."""

    class Meta:
        verbose_name = "tag"
        verbose_name_plural = "tags"
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TaggedArticleManager(models.Manager):
    def get_by_natural_key(self, article_id, tag_name):
        return self.get(content_object_id=article_id, tag__name=tag_name)


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    objects = TaggedArticleManager()

    def natural_key(self):
        # taggit's ItemBase leaves the natural key to its subclasses (its own
        # TaggedItem uses object_id alone, so `loaddata` of a dump made with
        # --natural-primary folds an article's tags into one row). One row is one
        # (article, tag) pair, as the unique constraint below says; the tag by
        # its own natural key, because --natural-primary renumbers tags.
        return (self.content_object_id, *self.tag.natural_key())

    natural_key.dependencies = ["articles.article", "articles.tag"]

    class Meta:
        verbose_name = "tagged article"
        # A tag's articles (tag pages and feeds, related reading) from the index alone.
        indexes = [
            models.Index(fields=["tag", "content_object"], name="taggedarticle_tag_article_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


class Article(models.Model):
    class Status(models.TextChoices):
        # "Scheduled" is not stored: it is Published with a publication time still
        # to come, decided at request time in ArticleQuerySet.published().
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=300,
        unique=True,
        help_text="Part of the article's address: /articles/SLUG/. Filled from the headline.",
    )
    deck = models.TextField(
        "deck",
        help_text="The standfirst: one or two sentences under the headline, also used "
        "as the summary in lists.",
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown: blank line between paragraphs; ## Subheading; *emphasis*, "
        "**bold**; [link text](https://…); lines starting with - or 1. for lists; "
        "> for a block quote. Cite a reference by its number in brackets: [1], [1,2] "
        "or [1-3].",
    )
    body_html = models.TextField(
        editable=False,
        blank=True,
        help_text="The body rendered from Markdown and sanitised; the only HTML shown.",
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    primary_topic = models.ForeignKey(
        "topics.Topic",
        on_delete=models.PROTECT,
        related_name="primary_articles",
        help_text="Decides the breadcrumb and the article's place in the navigation.",
    )
    topics = models.ManyToManyField(
        "topics.Topic",
        blank=True,
        related_name="articles",
        verbose_name="further topics",
        help_text="Other topics whose pages should list this article.",
    )
    tags = TaggableManager(
        through=TaggedArticle,
        blank=True,
        help_text="Comma-separated: drug names, trial names, terms, e.g. "
        "ruxolitinib, TRuE-V1, JAK inhibitors.",
    )
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text="Shown at the top of the article and on its cards, with its caption and "
        "credit. Upload a new one with +.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "publication date",
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_news_date],
        help_text="Readers see the article from this time on once it is published. Leave "
        "empty to publish now; a time to come schedules it.",
    )
    first_published_at = models.DateTimeField(
        "first published",
        null=True,
        blank=True,
        editable=False,
        help_text="When the article first went live here; set once by the first publication.",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        editable=False,
        help_text='Set when an editor marks a change as substantive; shown as "Updated".',
    )
    article_type = models.CharField(
        "type",
        max_length=20,
        choices=[
            ("news", "News"),
            ("feature", "Feature"),
            ("conference", "Conference coverage"),
            ("qa", "Q&A"),
            ("opinion", "Opinion"),
            ("video", "Video"),
        ],
        default="news",
        help_text="Shown as a label above the headline; readers can filter topic pages by it.",
    )
    takeaways = models.TextField(
        "key takeaways",
        blank=True,
        help_text="Up to five short points, one per line, shown in a box under the deck "
        "and used as the page's description.",
    )
    reviewed_by = models.CharField(
        "medically reviewed by",
        max_length=200,
        blank=True,
        help_text='Name and credentials, e.g. "Jane Doe, MD, FAAD".',
    )
    reviewed_on = models.DateField("medically reviewed on", null=True, blank=True)
    disclosure = models.TextField(
        "sponsorship or disclosure note",
        blank=True,
        help_text="Shown on the article, e.g. support from a sponsor or an author's "
        "relationship with a company it covers.",
    )
    featured = models.BooleanField(
        default=False,
        help_text="Candidate for the home page's lead story: the newest featured article leads.",
    )
    source_key = models.CharField(
        "import key",
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Identifies the imported original, so importing it again updates this "
        "article even after its headline was edited.",
    )
    source_name = models.CharField(
        "source",
        max_length=200,
        blank=True,
        help_text='Original publisher of imported content, e.g. "MJH Life Sciences"; '
        "shown on the article.",
    )
    source_year = models.PositiveSmallIntegerField(
        "source year",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    source_url = WebAddressField(
        "source URL",
        max_length=1000,
        blank=True,
        help_text="The original article's address, for imported content.",
    )
    source_photo_credit = models.CharField(
        "photo credit in the source",
        max_length=200,
        blank=True,
        editable=False,
        help_text="The credit line of the original's photo, kept for the editor who adds "
        "the image. Readers see a credit only with its image.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The writer who started the article; writers edit only their own drafts.",
    )
    review_requested_at = models.DateTimeField(
        "in review since",
        null=True,
        blank=True,
        editable=False,
        help_text="When the article was last submitted for review; the desk lists the "
        "oldest first.",
    )
    import_warnings = models.TextField(
        blank=True,
        editable=False,
        help_text="What the last import found wrong (one warning a line), until an editor "
        "marks it resolved; an article with warnings is not published.",
    )
    # A new value on every save: a form that was opened before someone else's
    # save still holds the old one, and is refused instead of overwriting.
    edit_token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Derived data for site search on PostgreSQL, kept current by search.indexing
    # (empty on SQLite, which searches the text columns directly).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            # published() and every list's order: status, then newest first.
            models.Index(fields=["status", "-published_at"]),
            # A topic's articles newest first (topic pages, "Latest in <topic>").
            models.Index(
                fields=["primary_topic", "-published_at"], name="article_topic_newest_idx"
            ),
        ]
        permissions = [
            (
                "publish_article",
                "Can edit any article, and publish, schedule, unpublish and archive articles",
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # body_html is derived data: rendering here keeps it from ever being
        # stale or unsanitised, whichever path (admin, import, shell) saved.
        self.body_html = render_body(self.body)
        self.edit_token = uuid.uuid4()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "edit_token"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def has_been_public(self):
        """Readers have seen it (it may since have been taken down)."""
        first = self.first_published_at
        return first is not None and first <= timezone.now()

    @property
    def state_label(self):
        """The state an editor thinks in: Scheduled is Published with a time to come."""
        return "Scheduled" if self.is_scheduled else self.get_status_display()

    @property
    def cited_numbers(self):
        return cited_numbers(self.body_html)

    @property
    def was_updated(self):
        return self.last_updated_at is not None

    @property
    def last_updated_at(self):
        """When readers were last told of a substantive change: an editor's
        "substantive update" or an update note, whichever is later."""
        notes = [note.noted_at for note in self.corrections.all() if note.kind == "update"]
        candidates = [moment for moment in [self.updated_at, *notes] if moment is not None]
        if not candidates or self.published_at is None:
            return None
        latest = max(candidates)
        return latest if latest > self.published_at else None

    @property
    def last_corrected_at(self):
        notes = [note.noted_at for note in self.corrections.all() if note.kind == "correction"]
        return max(notes, default=None)

    @property
    def meta_description(self):
        """The summary search engines and link previews show: the key takeaways when
        the article has them, else the deck."""
        return " ".join(self.takeaway_list) or self.deck

    @property
    def takeaway_list(self):
        return [line.strip() for line in self.takeaways.splitlines() if line.strip()]


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        # An author's articles (author pages and feeds) from the index alone.
        indexes = [models.Index(fields=["author", "article"], name="byline_author_article_idx")]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_byline")]

    def __str__(self):
        return str(self.author)


class Reference(models.Model):
    class Kind(models.TextChoices):
        JOURNAL = "journal", "Journal article"
        WEB = "web", "Web page or press release"
        BOOK = "book", "Book or chapter"
        OTHER = "other", "Other"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text="The number cited in the body as [N]; the list is shown in this order.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.JOURNAL)
    citation = models.TextField(
        "citation text",
        blank=True,
        help_text="The citation as written (AMA style). Paste it here and leave the fields "
        "below empty to have them filled from it.",
    )
    authors = models.CharField(
        max_length=1000, blank=True, help_text='AMA style, e.g. "Rosmarin D, Passeron T, et al".'
    )
    title = models.CharField(max_length=1000, blank=True)
    source = models.CharField(
        "journal or publisher/site",
        max_length=300,
        blank=True,
        help_text='Journal abbreviation (e.g. "N Engl J Med") or the publisher or site name.',
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1500), MaxValueValidator(2200)]
    )
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=40, blank=True)
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[RegexValidator(DOI_PATTERN, "Enter a DOI such as 10.1056/NEJMoa2118828.")],
        help_text="Without https://doi.org/, e.g. 10.1056/NEJMoa2118828.",
    )
    pmid = models.CharField(
        "PMID",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{1,10}$", "A PMID is a number, e.g. 36260792.")],
    )
    url = WebAddressField("URL", max_length=1000, blank=True)
    accessed_on = models.DateField("date accessed", null=True, blank=True)
    notice = models.CharField(
        "retraction or correction notice",
        max_length=20,
        blank=True,
        choices=[
            ("retracted", "Retracted"),
            ("corrected", "Corrected"),
            ("concern", "Expression of concern"),
        ],
        help_text="Set when the cited paper was retracted, corrected or is under an "
        "expression of concern; readers see a warning.",
    )
    notice_date = models.DateField("notice date", null=True, blank=True)
    notice_url = WebAddressField(
        "notice URL",
        max_length=1000,
        blank=True,
        help_text="The notice itself, e.g. https://doi.org/10.xxxx/notice.",
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_reference_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title or self.citation}"[:200]

    @property
    def doi_url(self):
        return doi_url(self.doi)

    @property
    def pubmed_url(self):
        return pubmed_url(self.pmid)


class Correction(models.Model):
    """A dated note on a published article: what was corrected, or what was updated."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    note = models.TextField(
        help_text="Shown to readers at the foot of the article, e.g. “An earlier version "
        "gave the trial size as 330 patients in TRuE-V2; it was 344.”"
    )
    noted_at = models.DateTimeField(
        "date",
        default=timezone.now,
        validators=[validate_news_date],
        help_text='Shown with the note, and near the byline as "Corrected DATE" or "Updated DATE".',
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        # Made in the newsroom app, whose table it keeps: the move to articles
        # (articles 0012, newsroom 0009) changed no table, so servers still on the
        # previous release read the same rows while a release rolls out.
        db_table = "newsroom_correction"
        ordering = ["noted_at", "pk"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"

    def __str__(self):
        return f"{self.get_kind_display()} of {timezone.localtime(self.noted_at):%Y-%m-%d}"


# Revisions of an article carry its bylines, references and tags, so history
# shows them and a restore brings them back; corrections are not content and
# stay as they are.
reversion.register(Byline)
reversion.register(Reference)
reversion.register(TaggedArticle)
reversion.register(Article, follow=["bylines", "references", "tagged_items", "trials"])
