from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from articles.models import Article, Correction
from articles.selectors import (
    authors_with_published_articles,
    newest_published,
    published_by_topic,
    tags_with_published_articles,
)
from drugs.selectors import drugs_with_article_counts
from topics.models import Topic

# Google News takes articles of the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    def items(self):
        return (
            Article.objects.published()
            .newest_first()
            .only("pk", "slug", "published_at", "updated_at")
            .prefetch_related("corrections")
        )

    def lastmod(self, article):
        # The last substantive change readers were told of, not every saved typo fix.
        return article.last_updated_at or article.published_at

    def get_latest_lastmod(self):
        # For the index: the newest of those changes from one aggregate, instead of
        # loading every article. An update before publication never beats the
        # publication time, so the plain maxima give the same answer.
        latest = Article.objects.published().aggregate(
            published=Max("published_at"),
            updated=Max("updated_at"),
            noted=Max("corrections__noted_at", filter=Q(corrections__kind=Correction.Kind.UPDATE)),
        )
        return max(filter(None, latest.values()), default=None)


class TopicSitemap(Sitemap):
    """Topics with published articles, their own or their subtopics'."""

    def items(self):
        tree = Topic.objects.tree()
        summaries = published_by_topic(tree)
        self.newest_at = {pk: summary.newest_at for pk, summary in summaries.items()}
        return [topic for topic in tree if topic.pk in summaries]

    def lastmod(self, topic):
        return self.newest_at[topic.pk]

    def get_latest_lastmod(self):
        # Every published article has a primary topic: the newest of them is the
        # newest of the topics' dates, from one aggregate.
        return newest_published()


class TagSitemap(Sitemap):
    def items(self):
        return tags_with_published_articles()

    def lastmod(self, tag):
        return tag.latest_published_at

    def get_latest_lastmod(self):
        return newest_published(tagged_items__isnull=False)


class AuthorSitemap(Sitemap):
    def items(self):
        return authors_with_published_articles()

    def lastmod(self, author):
        return author.latest_published_at

    def get_latest_lastmod(self):
        return newest_published(bylines__isnull=False)


# Classes, not instances: the sitemap views make one per request.
class DrugSitemap(Sitemap):
    def items(self):
        return drugs_with_article_counts()

    def lastmod(self, drug):
        return drug.latest_published_at

    def get_latest_lastmod(self):
        return newest_published(drugs__isnull=False)


SITEMAPS = {
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "drugs": DrugSitemap,
}


def news_sitemap(request):
    """The Google News sitemap: articles published in the last two days."""
    articles = (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .newest_first()
        .only("pk", "slug", "headline", "published_at")[:NEWS_LIMIT]
    )
    entries = [(request.build_absolute_uri(a.get_absolute_url()), a) for a in articles]
    return render(
        request, "sitemaps/news.xml", {"entries": entries}, content_type="application/xml"
    )
