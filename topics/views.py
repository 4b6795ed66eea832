from datetime import UTC

from django.conf import settings
from django.db import connection
from django.db.models import Exists
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.generic import ListView, TemplateView

from articles.models import Article
from articles.pagination import CappedPaginationMixin

from .models import Topic
from .tree import tree_for_request

ARTICLE_TYPES = dict(Article._meta.get_field("article_type").choices)


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


class TopicIndexView(TemplateView):
    http_method_names = ["get", "head"]
    template_name = "topics/topic_index.html"

    def get_context_data(self, **kwargs):
        tree = tree_for_request(self.request)
        summaries = published_by_topic(tree)
        newest = (
            Article.objects.published()
            .only("headline", "slug", "published_at")
            .in_bulk({summary.newest_id for summary in summaries.values()})
        )
        groups = tree.grouped()
        for root, subtopics in groups:
            for entry in [root, *subtopics]:
                summary = summaries.get(entry.pk)
                entry.article_count = summary.count if summary else 0
                entry.newest_article = newest.get(summary.newest_id) if summary else None
        return super().get_context_data(groups=groups, **kwargs)


class TopicDetailView(CappedPaginationMixin, ListView):
    http_method_names = ["get", "head"]
    template_name = "topics/topic_detail.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.tree = tree_for_request(self.request)
        self.topic = self.tree.by_slug_or_404(self.kwargs["slug"])
        articles = Article.objects.listing().in_topics(self.tree.descendant_ids(self.topic))
        # ?type=news and so on; a type that does not exist is ignored (the whole list).
        requested = self.request.GET.get("type", "")
        self.article_type = requested if requested in ARTICLE_TYPES else ""
        return articles.filter(article_type=self.article_type) if self.article_type else articles

    def article_types(self):
        """[(type, label)] of the types this topic has published articles of, in
        the order of the choices; one query.

        One EXISTS per type (a handful), each stopping at the newest article of
        that type: a DISTINCT over the types read every article of the topic
        (16,672 of them for a busy topic at 100,000 articles, 300 ms).
        """
        topic_articles = Article.objects.published().in_topics(self.tree.descendant_ids(self.topic))
        present = (
            Topic.objects.filter(pk=self.topic.pk)
            .annotate(
                **{
                    f"has_{number}": Exists(topic_articles.filter(article_type=value))
                    for number, value in enumerate(ARTICLE_TYPES)
                }
            )
            .values_list(*(f"has_{number}" for number in range(len(ARTICLE_TYPES))))
            .first()
        ) or [False] * len(ARTICLE_TYPES)
        return [
            (value, label)
            for (value, label), found in zip(ARTICLE_TYPES.items(), present, strict=True)
            if found
        ]

    def get_context_data(self, **kwargs):
        breadcrumb = self.tree.ancestors(self.topic)
        return super().get_context_data(
            topic=self.topic,
            breadcrumb=breadcrumb,
            active_topic_slug=(breadcrumb[0] if breadcrumb else self.topic).slug,
            subtopics=self.tree.children(self.topic),
            article_types=self.article_types(),
            active_type=self.article_type,
            active_type_label=ARTICLE_TYPES.get(self.article_type, ""),
            **kwargs,
        )
