from collections import defaultdict

from django.conf import settings
from django.http import Http404
from django.views.generic import ListView, TemplateView

from articles.models import Article

from .tree import tree_for_request


def published_counts(tree):
    """Published articles per topic, counting each article once under every topic
    it is filed in, directly or through a subtopic. Two queries, whatever the size
    of the taxonomy."""
    published = Article.objects.published()
    pairs = list(published.values_list("pk", "primary_topic_id"))
    pairs += Article.topics.through.objects.filter(article__in=published).values_list(
        "article_id", "topic_id"
    )
    # Each topic's line up the tree, worked out once per topic, not once per article.
    lineage = {topic.pk: [*(a.pk for a in tree.ancestors(topic)), topic.pk] for topic in tree}
    articles_under = defaultdict(set)
    for article_id, topic_id in pairs:
        for filed_under in lineage.get(topic_id, ()):
            articles_under[filed_under].add(article_id)
    return {topic_id: len(ids) for topic_id, ids in articles_under.items()}


class TopicIndexView(TemplateView):
    template_name = "topics/topic_index.html"

    def get_context_data(self, **kwargs):
        tree = tree_for_request(self.request)
        counts = published_counts(tree)
        groups = tree.grouped()
        for root, subtopics in groups:
            for entry in [root, *subtopics]:
                entry.article_count = counts.get(entry.pk, 0)
        return super().get_context_data(groups=groups, **kwargs)


class TopicDetailView(ListView):
    template_name = "topics/topic_detail.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.tree = tree_for_request(self.request)
        self.topic = next((t for t in self.tree if t.slug == self.kwargs["slug"]), None)
        if self.topic is None:
            raise Http404("No such topic.")
        return Article.objects.listing().in_topics(self.tree.descendant_ids(self.topic))

    def get_context_data(self, **kwargs):
        breadcrumb = self.tree.ancestors(self.topic)
        return super().get_context_data(
            topic=self.topic,
            breadcrumb=breadcrumb,
            active_topic_slug=(breadcrumb[0] if breadcrumb else self.topic).slug,
            subtopics=self.tree.children(self.topic),
            **kwargs,
        )
