"""A synthetic archive for load testing: many articles made quickly, in bulk.

``generate`` writes articles with their bylines, references, tags and further
topics with ``bulk_create``, a batch per transaction: no ``save()``, no signals,
no query per row. What ``Article.save()`` and the search receivers would have
derived is written here instead: ``body_html`` is built together with the
Markdown body (the tests check it equals ``render_body``), and on PostgreSQL
each batch's search vectors are computed by ``search.indexing.refresh`` in one
UPDATE.

Everything generated is marked, for readers and for ``remove``: the article's
``source_key`` is ``synthetic:<n>``, its deck starts with DECK_MARKER, its source
reads SOURCE_NAME, and the authors and tags made for it have slugs starting with
``synthetic-`` (authors are also named "... (synthetic)"). Drug and trial names
are invented; DOIs use the 10.5555 test prefix and web addresses example.org.

Content is a function of the seed and the article's number only, so a seed
gives the same archive on every database with the same topics.
"""

import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Author, Byline, Reference, Tag, TaggedArticle
from search import indexing
from topics.models import Topic

SOURCE_KEY_PREFIX = "synthetic:"
SLUG_PREFIX = "synthetic-"
SOURCE_NAME = "Synthetic archive (load-test data, not real news)"
DECK_MARKER = "Synthetic article for load testing."
AUTHOR_MARKER = " (synthetic)"
DEFAULT_BATCH_SIZE = 1000

FIRST_NAMES = [
    "Avery", "Blake", "Casey", "Dana", "Emery", "Finley", "Harper", "Jordan",
    "Kendall", "Logan", "Morgan", "Noel", "Parker", "Quinn", "Reese", "Rowan",
]  # fmt: skip
LAST_NAMES = ["Lund", "Quill", "Marsh", "Okafor", "Brandt", "Ito", "Varga", "Sato"]
CREDENTIALS = ["MD", "MD, FAAD", "MD, PhD", "PA-C", "DNP, FNP-C", ""]

DRUG_PREFIXES = ["zel", "ora", "tri", "vex", "nol", "pra", "qui", "lum", "dar", "sol", "ket"]
DRUG_STEMS = ["vatinib", "ximab", "lizumab", "citinib", "kinra", "pimod"]
TRIAL_NAMES = ["SYN-CLEAR", "SYN-REACH", "SYN-BRIGHT", "SYN-SHIELD", "SYN-EVOLVE", "SYN-TRUST"]
TERMS = [
    "Phase 3", "Phase 2", "Real-world evidence", "Biologics", "JAK inhibitors", "Topical therapy",
    "Pediatrics", "Safety signal", "FDA approval", "Guidelines", "Quality of life", "Skin of color",
    "Telehealth", "Biomarkers", "Long-term extension", "Meta-analysis", "Cost of care",
    "Patient-reported outcomes", "Comorbidities", "Dosing",
]  # fmt: skip
JOURNALS = [
    "JAMA Dermatol", "J Am Acad Dermatol", "Br J Dermatol", "J Invest Dermatol",
    "Dermatol Ther", "Clin Exp Dermatol", "Am J Clin Dermatol", "J Eur Acad Dermatol Venereol",
]  # fmt: skip
PUBLISHERS = ["Synthetic Press", "Example Medical Publishing", "Placeholder Health News"]
MEETINGS = ["Winter Clinical", "Fall Clinical", "Spring Derm Forum", "Maui Derm"]
POPULATIONS = ["Adults", "Adolescents", "Children", "Older Adults", "Patients With Skin of Color"]
HEADINGS = [
    "Background", "Study design", "Results", "Safety", "Clinical implications",
    "Expert perspective", "Limitations", "What comes next",
]  # fmt: skip
WORDS = """
patients treatment therapy study trial week response skin lesions clinicians dermatologists
investigators cohort placebo efficacy safety outcome outcomes adverse events improvement
baseline endpoint primary secondary score severity moderate severe mild topical oral systemic
biologic inhibitor cream dose dosing daily twice weekly months data analysis results reported
observed significant rate rates higher lower compared group groups participants enrolled
randomized controlled open label extension long term durable sustained clinical practice
guidelines care quality life burden disease flare flares remission itch pruritus pain sleep
inflammation barrier pigment repigmentation scalp face hands body surface area percent
proportion achieved reached maintained discontinued tolerated common serious infections
laboratory monitoring screening referral access cost insurance coverage approval label
indication pediatric adult older younger women men diverse population real world registry
evidence review meta analysis mechanism pathway cytokine interleukin signaling expression
genetic risk factors association associated linked higher burden presented annual meeting
authors noted concluded suggest support further research needed additional follow up
""".split()  # noqa: SIM905 (a word list reads better as text)

STATUS_WEIGHTS = [
    ("published", 90),
    ("scheduled", 2),
    ("draft", 4),
    ("review", 2),
    ("archived", 2),
]
ARTICLE_TYPES = [("news", 60), ("feature", 12), ("conference", 12), ("qa", 6), ("opinion", 6)]
ARTICLE_TYPES += [("video", 4)]


@dataclass
class Counts:
    articles: int = 0
    references: int = 0
    bylines: int = 0
    tags: int = 0
    topics: int = 0
    extra: dict = field(default_factory=dict)


def synthetic_articles(using="default"):
    return Article.objects.using(using).filter(source_key__startswith=SOURCE_KEY_PREFIX)


def drug_names():
    return [
        (prefix + stem).capitalize()
        for prefix in DRUG_PREFIXES
        for stem in DRUG_STEMS
        if not (prefix.endswith("i") and stem.startswith("i"))
    ]


def tag_terms():
    """Every tag the generator uses: invented drugs and trials, and common terms."""
    return drug_names() + TRIAL_NAMES + TERMS


def author_pool(using="default"):
    """The synthetic authors, created when missing; the same ones on every run."""
    wanted = {}
    for index, (first, last) in enumerate((f, la) for la in LAST_NAMES for f in FIRST_NAMES):
        slug = f"{SLUG_PREFIX}{slugify(first)}-{slugify(last)}"
        wanted[slug] = Author(
            name=f"{first} {last}{AUTHOR_MARKER}",
            slug=slug,
            credentials=CREDENTIALS[index % len(CREDENTIALS)],
            bio="A synthetic author made by generate_archive for load testing; "
            "no such person exists.",
            disclosures="None (a synthetic byline).",
        )
    existing = set(
        Author.objects.using(using).filter(slug__in=wanted).values_list("slug", flat=True)
    )
    Author.objects.using(using).bulk_create(
        [author for slug, author in wanted.items() if slug not in existing]
    )
    return list(Author.objects.using(using).filter(slug__in=wanted).order_by("slug"))


def tag_pool(using="default"):
    """The synthetic tags, created when missing. A name a real tag already has is
    left out rather than shared, so removing synthetic data never touches it."""
    wanted = {f"{SLUG_PREFIX}{slugify(term)}": term for term in tag_terms()}
    tags = Tag.objects.using(using)
    taken = set(
        tags.filter(name__in=wanted.values())
        .exclude(slug__in=wanted)
        .values_list("name", flat=True)
    )
    existing = set(tags.filter(slug__in=wanted).values_list("slug", flat=True))
    tags.bulk_create(
        [
            Tag(name=name, slug=slug)
            for slug, name in wanted.items()
            if slug not in existing and name not in taken
        ]
    )
    return list(tags.filter(slug__in=wanted).order_by("slug"))


def next_number(using="default"):
    """The number after the highest synthetic article's: a second run adds new keys."""
    keys = synthetic_articles(using).values_list("source_key", flat=True)
    numbers = [int(key[len(SOURCE_KEY_PREFIX) :]) for key in keys.iterator()]
    return max(numbers, default=0) + 1


def _weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


class RowMaker:
    """Unsaved instances of a model, made several times faster than Model(**fields).

    Model.__init__ with keyword arguments looks at every field in turn; with
    positional arguments in field order it only assigns them. The defaults are
    taken once, so a field with a callable default (Article.edit_token) must be
    given a value of its own for each row.
    """

    def __init__(self, model):
        fields = model._meta.concrete_fields
        self.model = model
        self.position = {field.attname: index for index, field in enumerate(fields)}
        self.defaults = [None if field.primary_key else field.get_default() for field in fields]

    def __call__(self, **values):
        row = self.defaults.copy()
        for name, value in values.items():
            row[self.position[name]] = value
        return self.model(*row)


class ArticleWriter:
    """Builds one article's rows (unsaved) from its number and the seed."""

    def __init__(self, *, seed, end, years, topics, authors, tags):
        self.seed = seed
        self.end = end
        self.span_days = max(1, int(years * 365))
        self.topics = topics
        self.authors = authors
        self.tags = tags
        self.drugs = drug_names()
        self.make_article = RowMaker(Article)
        self.make_byline = RowMaker(Byline)
        self.make_reference = RowMaker(Reference)

    def rng_for(self, number):
        return random.Random(self.seed * 1_000_003 + number)

    # Text -----------------------------------------------------------------

    def sentence(self, rng):
        # rng.random() arithmetic rather than randint: this runs ~40 times an article.
        random_ = rng.random
        words = rng.choices(WORDS, k=8 + int(random_() * 15))
        if random_() < 0.3:
            words.insert(2 + int(random_() * (len(words) - 2)), rng.choice(self.drugs))
        if random_() < 0.25:
            words[2 + int(random_() * (len(words) - 3))] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def body(self, rng, reference_count):
        """The Markdown body and its rendered HTML, made together.

        The HTML is what ``render_body`` makes of this Markdown (plain sentences,
        ## headings, citation markers after sentences); a test keeps them equal.
        """
        paragraphs = [
            [self.sentence(rng) for _ in range(rng.randint(3, 6))] for _ in range(rng.randint(4, 9))
        ]
        slots = [(p, s) for p, sentences in enumerate(paragraphs) for s in range(len(sentences))]
        # Each reference cited once in order, a few cited again later on.
        markers = {}
        numbers = list(range(1, reference_count + 1))
        chosen = sorted(rng.sample(slots, min(len(slots), len(numbers))))
        per_slot = -(-len(numbers) // len(chosen)) if chosen else 0
        for index, slot in enumerate(chosen):
            markers[slot] = numbers[index * per_slot : (index + 1) * per_slot]
        if numbers:
            for slot in slots:
                if slot not in markers and slot > chosen[0] and rng.random() < 0.08:
                    first_cited = [n for s, ns in markers.items() if s < slot for n in ns]
                    markers[slot] = [rng.choice(first_cited)]
        markers = {slot: cited for slot, cited in markers.items() if cited}

        headings = sorted(rng.sample(range(1, len(paragraphs)), min(3, len(paragraphs) - 1)))
        headings = headings[: rng.randint(0, 3)]
        heading_names = rng.sample(HEADINGS, len(headings))
        heading_at = dict(zip(headings, sorted(heading_names, key=HEADINGS.index), strict=True))

        anchored = set()
        markdown_blocks, html_blocks = [], []
        for p, sentences in enumerate(paragraphs):
            if p in heading_at:
                name = heading_at[p]
                markdown_blocks.append(f"## {name}")
                html_blocks.append(f'<h2 id="section-{slugify(name)}">{name}</h2>')
            md_parts, html_parts = [], []
            for s, text in enumerate(sentences):
                cited = markers.get((p, s))
                if cited:
                    md_parts.append(f"{text}[{','.join(map(str, cited))}]")
                    links = []
                    for number in cited:
                        anchor = "" if number in anchored else f' id="cite-{number}"'
                        anchored.add(number)
                        links.append(
                            f'<a href="#ref-{number}"{anchor} rel="noopener noreferrer">'
                            f"{number}</a>"
                        )
                    html_parts.append(f'{text}<sup class="citation">{",".join(links)}</sup>')
                else:
                    md_parts.append(text)
                    html_parts.append(text)
            markdown_blocks.append(" ".join(md_parts))
            html_blocks.append(f"<p>{' '.join(html_parts)}</p>")
        return "\n\n".join(markdown_blocks), "\n".join(html_blocks)

    # Dates ------------------------------------------------------------------

    def dates(self, rng, status):
        moment = self.end.replace(
            hour=rng.randint(6, 19), minute=rng.randrange(0, 60, 5), second=0, microsecond=0
        )
        if status == "scheduled":
            return moment + timedelta(days=rng.randint(1, 30))
        moment -= timedelta(days=int(rng.random() ** 0.8 * self.span_days))
        return moment if moment <= self.end else moment - timedelta(days=1)

    # One article --------------------------------------------------------------

    def build(self, number):
        """The article and its rows, unsaved: (article, bylines, references, tags, topics)."""
        rng = self.rng_for(number)
        topic = rng.choice(self.topics)
        drug = rng.choice(self.drugs)
        week = rng.choice([16, 24, 52])
        headline = rng.choice(
            [
                f"{drug} Shows Durable Responses in {topic.name} Through Week {week}",
                f"Phase {rng.randint(2, 3)} Data Support {drug} for {topic.name}",
                f"FDA Accepts Application for {drug} in {topic.name}",
                f"Real-World Study Links {rng.choice(TERMS)} to Outcomes in {topic.name}",
                f"{rng.choice(MEETINGS)}: What Is New in {topic.name}",
                f"Experts Weigh Options for {rng.choice(POPULATIONS)} With {topic.name}",
                f"{rng.choice(TRIAL_NAMES)} Results for {drug} Reported at {rng.choice(MEETINGS)}",
            ]
        )
        status = _weighted(rng, STATUS_WEIGHTS)
        reference_count = 0 if rng.random() < 0.08 else rng.randint(1, 15)
        body, body_html = self.body(rng, reference_count)
        published_at = first_published_at = updated_at = None
        if status in ("published", "scheduled", "archived"):
            published_at = first_published_at = self.dates(rng, status)
            if status == "published" and rng.random() < 0.1:
                updated_at = min(self.end, published_at + timedelta(days=rng.randint(1, 60)))
        deck = (
            f"{DECK_MARKER} {self.sentence(rng)[:-1]} on {topic.name}, "
            f"with {drug} among the therapies discussed."
        )
        article = self.make_article(
            headline=headline,
            slug=f"{SLUG_PREFIX}{number}-{slugify(headline)}"[:300],
            deck=deck,
            body=body,
            body_html=body_html,
            primary_topic_id=topic.pk,
            status="published" if status == "scheduled" else status,
            published_at=published_at,
            first_published_at=first_published_at,
            updated_at=updated_at,
            article_type=_weighted(rng, ARTICLE_TYPES),
            takeaways="\n".join(self.sentence(rng) for _ in range(3)) if rng.random() < 0.3 else "",
            reviewed_by="Synthetic Reviewer, MD" if rng.random() < 0.2 else "",
            featured=rng.random() < 0.01,
            source_key=f"{SOURCE_KEY_PREFIX}{number}",
            source_name=SOURCE_NAME,
            edit_token=uuid.UUID(int=rng.getrandbits(128), version=4),
        )
        authors = rng.sample(self.authors, rng.choice([1, 1, 1, 2, 2, 3]))
        bylines = [
            self.make_byline(author_id=author.pk, order=order)
            for order, author in enumerate(authors)
        ]
        year = (published_at or self.end).year
        references = [
            self.reference(rng, number, index, year) for index in range(1, reference_count + 1)
        ]
        tags = rng.sample(self.tags, min(len(self.tags), rng.randint(2, 6)))
        further = []
        if rng.random() < 0.35:
            others = [t for t in self.topics if t.pk != topic.pk]
            further = rng.sample(others, rng.randint(1, min(2, len(others)))) if others else []
        return article, bylines, references, tags, further

    def reference(self, rng, number, index, year):
        kind = _weighted(rng, [("journal", 80), ("web", 15), ("book", 5)])
        title = self.sentence(rng)[:-1]
        fields = {"number": index, "kind": kind, "title": title}
        if kind == "journal":
            names = [
                f"{rng.choice(LAST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRST')}"
                for _ in range(rng.randint(1, 6))
            ]
            fields.update(
                authors=", ".join(names[:3]) + (", et al" if len(names) > 3 else ""),
                source=rng.choice(JOURNALS),
                year=max(1990, year - rng.randint(0, 4)),
                volume=str(rng.randint(10, 190)),
                issue=str(rng.randint(1, 12)),
                pages=f"{(first := rng.randint(1, 2000))}-{first + rng.randint(3, 14)}",
                doi=f"10.5555/synthetic.{number}.{index}",
            )
        elif kind == "web":
            fields.update(
                source=rng.choice(PUBLISHERS),
                year=year,
                url=f"https://example.org/synthetic/{number}/{index}",
            )
        else:
            fields.update(source=rng.choice(PUBLISHERS), year=max(1990, year - rng.randint(0, 8)))
        return self.make_reference(**fields)


def generate(
    count,
    *,
    seed=0,
    years=6,
    end=None,
    batch_size=DEFAULT_BATCH_SIZE,
    progress=None,
    using="default",
):
    """Add ``count`` synthetic articles, numbered after those already there.

    ``end`` is the newest publication time (default: now); publication times
    spread back over ``years`` years, scheduled ones up to 30 days after ``end``.
    ``progress(done, total)`` is called after each batch.
    """
    end = end or timezone.now()
    topics = list(Topic.objects.using(using).order_by("pk"))
    if not topics:
        raise ValueError("There are no topics; run migrate (it creates them) first.")
    writer = ArticleWriter(
        seed=seed,
        end=end,
        years=years,
        topics=topics,
        authors=author_pool(using),
        tags=tag_pool(using),
    )
    through = Article.topics.through
    make_tagged, make_filed = RowMaker(TaggedArticle), RowMaker(through)
    postgresql = connections[using].vendor == "postgresql"
    counts = Counts()
    first = next_number(using)
    for start in range(first, first + count, batch_size):
        numbers = range(start, min(first + count, start + batch_size))
        rows = [writer.build(number) for number in numbers]
        with transaction.atomic(using=using):
            articles = Article.objects.using(using).bulk_create([row[0] for row in rows])
            if any(article.pk is None for article in articles):  # no RETURNING support
                ids = dict(
                    synthetic_articles(using)
                    .filter(source_key__in=[a.source_key for a in articles])
                    .values_list("source_key", "pk")
                )
                for article in articles:
                    article.pk = ids[article.source_key]
            bylines, references, tagged, filed = [], [], [], []
            for article, row_bylines, row_references, row_tags, row_topics in rows:
                for row in row_bylines + row_references:
                    row.article_id = article.pk
                bylines += row_bylines
                references += row_references
                tagged += [make_tagged(content_object_id=article.pk, tag_id=t.pk) for t in row_tags]
                filed += [make_filed(article_id=article.pk, topic_id=t.pk) for t in row_topics]
            Byline.objects.using(using).bulk_create(bylines)
            Reference.objects.using(using).bulk_create(references)
            TaggedArticle.objects.using(using).bulk_create(tagged)
            through.objects.using(using).bulk_create(filed)
            if postgresql:
                indexing.refresh([article.pk for article in articles], using=using)
        counts.articles += len(articles)
        counts.bylines += len(bylines)
        counts.references += len(references)
        counts.tags += len(tagged)
        counts.topics += len(filed)
        if progress:
            progress(counts.articles, count)
    return counts


def remove(using="default"):
    """Delete every synthetic article with its rows, then the synthetic authors and
    tags nothing else uses. Real articles and their rows are left as they are.

    Deletes in SQL, a table at a time (the ORM would load each row to send
    signals); returns {what: rows deleted}.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    ids_sql, params = synthetic_articles(using).values("pk").query.get_compiler(using).as_sql()
    deleted = {}
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for relation in Article._meta.related_objects:
            if relation.many_to_many:  # e.g. a drug's articles
                table, column = relation.field.m2m_db_table(), relation.field.m2m_reverse_name()
            else:
                table = relation.related_model._meta.db_table
                column = relation.field.column
            cursor.execute(
                f"DELETE FROM {quote(table)} WHERE {quote(column)} IN ({ids_sql})", params
            )
            deleted[relation.related_model._meta.verbose_name_plural] = cursor.rowcount
        through = Article.topics.through
        cursor.execute(
            f"DELETE FROM {quote(through._meta.db_table)} "
            f"WHERE {quote(through._meta.get_field('article').column)} IN ({ids_sql})",
            params,
        )
        deleted["further topics"] = cursor.rowcount
        cursor.execute(
            f"DELETE FROM {quote(Article._meta.db_table)} "
            f"WHERE {quote(Article._meta.pk.column)} IN ({ids_sql})",
            params,
        )
        deleted["articles"] = cursor.rowcount
        authors = Author.objects.using(using).filter(
            slug__startswith=SLUG_PREFIX, bylines__isnull=True
        )
        deleted["authors"] = authors.delete()[0]
        tags = Tag.objects.using(using).filter(
            slug__startswith=SLUG_PREFIX, tagged_articles__isnull=True
        )
        deleted["tags"] = tags.delete()[0]
    return deleted


class Progress:
    """A one-line progress bar with the time left, e.g.
    "  34,000/100,000 articles  34%  eta 1m12s", redrawn in place on a terminal."""

    def __init__(self, stream, *, interval=None, clock=time.monotonic):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.interval = interval if interval is not None else (0.25 if self.tty else 5.0)
        self.clock = clock
        self.started = clock()
        self.shown = None

    def __call__(self, done, total):
        now = self.clock()
        if done < total and self.shown is not None and now - self.shown < self.interval:
            return
        self.shown = now
        line = self.line(done, total, now - self.started)
        if self.tty:
            self.stream.write("\r" + line.ljust(60) + ("\n" if done >= total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    @staticmethod
    def line(done, total, elapsed):
        share = done / total if total else 1
        if done >= total:
            tail = f"done in {format_duration(elapsed)}"
        elif done:
            tail = f"eta {format_duration(elapsed / done * (total - done))}"
        else:
            tail = "eta …"
        return f"  {done:,}/{total:,} articles  {share:.0%}  {tail}"


def format_duration(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def day_end(value):
    """The last second of a date, as an aware datetime in the current time zone."""
    return timezone.make_aware(datetime.combine(value, datetime.max.time()).replace(microsecond=0))
