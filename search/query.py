"""Finding published articles for a reader's query.

PostgreSQL ranks full-text matches on the stored, weighted ``search_vector``
(the newest MAX_RESULTS of them) and, only when full text finds nothing, accepts
near spellings (trigram similarity on headline, deck and tags). SQLite, for
local work, needs every word of the query somewhere in the article's text, tags,
topics, authors or reference titles.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, Exists, F, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Concat, Greatest

from articles.models import Article, Byline, Reference, TaggedArticle

from . import highlight
from .indexing import CONFIG

MAX_QUERY_LENGTH = 200
# SQLite: the first this many words of a query count.
MAX_WORDS = 10
# word_similarity() from which a near spelling counts as a match: "ruxolitnib"
# scores 0.64 against "ruxolitinib", "Opzelra" 0.63 against "Opzelura", while
# "vitamin" scores 0.38 against "vitiligo".
TRIGRAM_THRESHOLD = 0.5
# Only longer words are matched by spelling: short ones ("the", "with") are
# near half the words of any headline.
TRIGRAM_MIN_LENGTH = 5
# PostgreSQL ranks at most this many matches, the newest: a common word ("treatment")
# matches most of a 100,000-article archive, and ranking and counting every match
# took seconds per search. The results page says when the list was cut.
MAX_RESULTS = 500
EDGE_PUNCTUATION = "\"'“”‘’«».,;:!?()[]{}"


def normalise(raw):
    """(query, shortened): whitespace collapsed, cut to MAX_QUERY_LENGTH at a word."""
    query = " ".join((raw or "").split())
    if len(query) <= MAX_QUERY_LENGTH:
        return query, False
    cut = query[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0] or query[:MAX_QUERY_LENGTH]
    return cut[:MAX_QUERY_LENGTH], True


def words_of(query):
    words = (word.strip(EDGE_PUNCTUATION) for word in query.split())
    return [word for word in words if word][:MAX_WORDS]


def search(query, articles=None, *, by_date=False):
    """Published articles matching ``query``, best first (newest first with ``by_date``).

    Each row carries ``marked_snippet`` on PostgreSQL; ``snippet()`` turns a row
    into safe HTML on either database.
    """
    articles = Article.objects.published() if articles is None else articles
    if connection.vendor == "postgresql":
        found = _postgresql(query, articles)
    else:
        found = _sqlite(query, articles)
    if by_date:
        return found.order_by("-published_at", "-pk")
    return found


def capped(count):
    """Whether a search that found ``count`` articles listed only the newest ones."""
    return connection.vendor == "postgresql" and count >= MAX_RESULTS


def _postgresql(query, articles):
    # websearch syntax: quotes for a phrase, "or", "-" to exclude; never a syntax error.
    terms = SearchQuery(query, search_type="websearch", config=CONFIG)
    # The ids of the newest MAX_RESULTS matches, read once for the count and the
    # page. Not exists(): for a word found nowhere PostgreSQL estimates a few hundred
    # matches, so LIMIT 1 walked the whole date index looking for one (1.3 s), while
    # LIMIT 500 is planned on the GIN index (0.1 ms).
    newest = _newest_ids(articles.filter(search_vector=terms))
    similarity = Value(0.0)
    spelling = " ".join(word for word in words_of(query) if len(word) >= TRIGRAM_MIN_LENGTH)
    if spelling and not newest:
        # Near spellings only when the words themselves are found nowhere: ORed with
        # the full-text match they kept PostgreSQL from using its GIN index, and
        # every published article was compared on every search.
        similarity = Greatest(
            TrigramWordSimilarity(spelling, "headline"), TrigramWordSimilarity(spelling, "deck")
        )
        near_tag = TaggedArticle.objects.filter(content_object=OuterRef("pk")).annotate(
            similarity=TrigramWordSimilarity(spelling, "tag__name")
        )
        newest = _newest_ids(
            articles.alias(similarity=similarity).filter(
                Q(similarity__gte=TRIGRAM_THRESHOLD)
                | Exists(near_tag.filter(similarity__gte=TRIGRAM_THRESHOLD))
            )
        )
    return (
        articles.filter(pk__in=newest)
        .annotate(
            rank=SearchRank(F("search_vector"), terms),
            similarity=similarity,
            marked_snippet=SearchHeadline(
                Concat("deck", Value("\n"), "body", output_field=TextField()),
                terms,
                config=CONFIG,
                start_sel=highlight.START,
                stop_sel=highlight.STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-similarity", "-published_at", "-pk")
    )


def _newest_ids(found):
    """The ids of the newest MAX_RESULTS of these articles: only they are ranked."""
    return list(found.order_by("-published_at", "-pk").values_list("pk", flat=True)[:MAX_RESULTS])


def _sqlite(query, articles):
    words = words_of(query)
    if not words:
        return articles.none()
    for word in words:
        articles = articles.filter(_anywhere(word))
    in_headline = sum(
        (Case(When(headline__icontains=word, then=Value(1)), default=Value(0)) for word in words),
        start=Value(0),
    )
    return articles.annotate(headline_words=in_headline).order_by(
        "-headline_words", "-published_at", "-pk"
    )


def _anywhere(word):
    """The word in the article's text or in one of its parts (subqueries: no duplicates)."""
    article = OuterRef("pk")
    return (
        Q(headline__icontains=word)
        | Q(deck__icontains=word)
        | Q(body__icontains=word)
        | Q(primary_topic__name__icontains=word)
        | Exists(
            Article.topics.through.objects.filter(article=article, topic__name__icontains=word)
        )
        | Exists(TaggedArticle.objects.filter(content_object=article, tag__name__icontains=word))
        | Exists(Byline.objects.filter(article=article, author__name__icontains=word))
        | Exists(Reference.objects.filter(article=article, title__icontains=word))
    )


def snippet(article, query):
    """The row's snippet as safe HTML, the query's words marked."""
    marked = getattr(article, "marked_snippet", None)
    if marked is None or highlight.START not in marked:
        # SQLite, or a match by spelling only: the deck, any exact words marked.
        marked = highlight.mark_words(article.deck, words_of(query))
    return highlight.to_html(highlight.plain(marked))


def tagged(articles, tag):
    """Articles with this tag, given by slug or name."""
    rows = TaggedArticle.objects.filter(content_object=OuterRef("pk"))
    return articles.filter(Exists(rows.filter(Q(tag__slug=tag) | Q(tag__name__iexact=tag))))


def published_between(articles, start=None, end=None):
    if start is not None:
        articles = articles.filter(published_at__date__gte=start)
    if end is not None:
        articles = articles.filter(published_at__date__lte=end)
    return articles
