from collections import defaultdict

from django.conf import settings
from django.http import Http404
from django.views.generic import ListView, TemplateView

from articles.models import Article

from .tree import tree_for_request

ARTICLE_TYPES = dict(Article._meta.get_field("article_type").choices)


class TopicSummary:
    """A topic's published articles: how many, and which is newest."""

    def __init__(self):
        self.article_ids = set()
        self.newest = None  # (published_at, article id)

    @property
    def count(self):
        return len(self.article_ids)

    @property
    def newest_at(self):
        return self.newest[0] if self.newest else None

    @property
    def newest_id(self):
        return self.newest[1] if self.newest else None


def published_by_topic(tree):
    """{topic id: TopicSummary} of the topics with published articles, counting each
    article once under every topic it is filed in, directly or through a subtopic.

    Two queries, whatever the size of the taxonomy: the taxonomy is small, and the
    (article, topic, date) rows are all that is read of the articles.
    """
    published = Article.objects.published()
    rows = list(published.values_list("pk", "primary_topic_id", "published_at"))
    rows += Article.topics.through.objects.filter(article__in=published).values_list(
        "article_id", "topic_id", "article__published_at"
    )
    # Each topic's line up the tree, worked out once per topic, not once per article.
    lineage = {topic.pk: [*(a.pk for a in tree.ancestors(topic)), topic.pk] for topic in tree}
    summaries = defaultdict(TopicSummary)
    for article_id, topic_id, published_at in rows:
        # Newest as lists show it: latest publication time, then the higher id.
        key = (published_at, article_id)
        for filed_under in lineage.get(topic_id, ()):
            summary = summaries[filed_under]
            summary.article_ids.add(article_id)
            if summary.newest is None or key > summary.newest:
                summary.newest = key
    return dict(summaries)


class TopicIndexView(TemplateView):
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


class TopicDetailView(ListView):
    template_name = "topics/topic_detail.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.tree = tree_for_request(self.request)
        self.topic = self.tree.by_slug(self.kwargs["slug"])
        if self.topic is None:
            raise Http404("No such topic.")
        articles = Article.objects.listing().in_topics(self.tree.descendant_ids(self.topic))
        # ?type=news and so on; a type that does not exist is ignored (the whole list).
        requested = self.request.GET.get("type", "")
        self.article_type = requested if requested in ARTICLE_TYPES else ""
        return articles.filter(article_type=self.article_type) if self.article_type else articles

    def article_types(self):
        """[(type, label)] of the types this topic has published articles of, in
        the order of the choices; one query."""
        present = set(
            Article.objects.published()
            .in_topics(self.tree.descendant_ids(self.topic))
            .order_by()
            .values_list("article_type", flat=True)
            .distinct()
        )
        return [(value, label) for value, label in ARTICLE_TYPES.items() if value in present]

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
