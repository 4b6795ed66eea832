"""Reads of published articles that several pages, feeds and sitemaps share.

Views, feeds and sitemaps of every app import these (or the QuerySet methods on
Article), never each other's views.
"""

from datetime import UTC

from django.db import connection
from django.db.models import Count, Max, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Article, Author, Tag


def with_published_counts(queryset, *, rows, article):
    """``queryset`` annotated with article_count and latest_published_at of its
    published articles, reached through the relation ``rows`` whose article is
    at the path ``article`` (the same path when the relation leads to articles)."""
    published = Q(**{f"{article}__in": Article.objects.published()})
    return queryset.annotate(
        article_count=Count(rows, filter=published),
        latest_published_at=Max(f"{article}__published_at", filter=published),
    )


def authors_with_published_articles():
    """Authors readers can see, alphabetical, each with article_count and
    latest_published_at of their published articles; one query."""
    return (
        with_published_counts(Author.objects.all(), rows="bylines", article="bylines__article")
        .filter(article_count__gt=0)
        .order_by(Lower("name"), "pk")
    )


def tags_with_published_articles():
    """Tags readers can see, alphabetical, each with article_count and
    latest_published_at of their published articles; one query."""
    return (
        with_published_counts(
            Tag.objects.all(),
            rows="tagged_articles",
            article="tagged_articles__content_object",
        )
        .filter(article_count__gt=0)
        .order_by(Lower("name"), "pk")
    )


def newest_published(**filters):
    """The latest publication time among published articles matching the filters
    (the newest lastmod of a section whose items are dated by their newest article):
    one aggregate for the sitemap index, instead of loading every item."""
    return (
        Article.objects.published()
        .filter(**filters)
        .aggregate(newest=Max("published_at"))["newest"]
    )


class TopicSummary:
    """A topic's published articles: how many, and which is newest."""

    def __init__(self, count, newest_at, newest_id):
        self.count = count
        self.newest_at = newest_at
        self.newest_id = newest_id


def published_by_topic(tree):
    """{topic id: TopicSummary} of the topics with published articles, counting each
    article once under every topic it is filed in, directly or through a subtopic.

    One query, whatever the number of articles; no article row reaches Python. The
    database reads the published (article, topic) memberships (primary and further
    topics) and files each under its topic and, through one CASE over the small
    taxonomy per level of depth (worked out here from the tree), under each
    ancestor; then, per topic, it counts distinct articles and finds the newest as
    lists show it (latest publication time, then the higher id).
    """
    if not len(tree):
        return {}
    published = Article.objects.published().order_by()
    memberships = published.values_list("pk", "primary_topic_id", "published_at").union(
        Article.topics.through.objects.filter(article__in=published)
        .order_by()
        .values_list("article_id", "topic_id", "article__published_at"),
        all=True,
    )
    memberships_sql, params = memberships.query.get_compiler(connection=connection).as_sql()
    # levels[k]: (topic id, its ancestor k levels up) for the topics that deep.
    levels = {}
    for topic in tree:
        for k, ancestor in enumerate(reversed(tree.ancestors(topic)), 1):
            levels.setdefault(k, []).append((topic.pk, ancestor.pk))
    filed = ["SELECT topic_id, article_id, published_at FROM memberships"]
    for pairs in levels.values():
        whens = " ".join(["WHEN %s THEN %s"] * len(pairs))
        among = ", ".join(["%s"] * len(pairs))
        filed.append(
            f"SELECT CASE topic_id {whens} END, article_id, published_at "
            f"FROM memberships WHERE topic_id IN ({among})"
        )
        params = [*params, *(n for pair in pairs for n in pair), *(pair[0] for pair in pairs)]
    sql = f"""
        WITH memberships (article_id, topic_id, published_at) AS ({memberships_sql}),
        filed (filed_under, article_id, published_at) AS ({" UNION ALL ".join(filed)}),
        summary AS (
            SELECT filed_under, COUNT(DISTINCT article_id) AS article_count,
                MAX(published_at) AS newest_at
            FROM filed GROUP BY filed_under
        )
        SELECT summary.filed_under, summary.article_count, summary.newest_at,
            MAX(filed.article_id)
        FROM summary JOIN filed ON filed.filed_under = summary.filed_under
            AND filed.published_at = summary.newest_at
        GROUP BY summary.filed_under, summary.article_count, summary.newest_at
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        topic_id: TopicSummary(count, _as_datetime(newest_at), newest_id)
        for topic_id, count, newest_at, newest_id in rows
    }


def _as_datetime(value):
    """A timestamp read by a raw query: SQLite gives naive UTC (text or datetime),
    PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value
