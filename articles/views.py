from django.conf import settings
from django.db.models import Case, F, IntegerField, Prefetch, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from topics.context_processors import topic_tree

from .models import Article, Author, Byline

HOME_LATEST_COUNT = 8
HOME_SECTION_COUNT = 4
RELATED_COUNT = 4


class PublishedListMixin:
    """Paginated, newest-first lists of published articles with their card data."""

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def published_articles(self):
        return Article.objects.published().for_listing().newest_first()


class HomeView(PublishedListMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = self.published_articles()
        lead = published.filter(featured=True).first() or published.first()
        latest = list(published.exclude(pk=getattr(lead, "pk", None))[:HOME_LATEST_COUNT])
        shown = [article.pk for article in [lead, *latest] if article is not None]
        context.update(lead=lead, latest=latest, sections=self.featured_sections(exclude=shown))
        return context

    def featured_sections(self, exclude):
        """(topic, newest articles) for each featured topic, from one article query,
        leaving out the articles already shown above the sections.

        Each article is assigned to the featured topic above its primary topic,
        then a window function keeps the newest few of each section.
        """
        tree = topic_tree(self.request)
        featured = [topic for topic in tree if topic.featured]
        if not featured:
            return []
        section_of = {}
        # Deeper featured topics win over their featured ancestors.
        for topic in sorted(featured, key=lambda t: len(tree.ancestors(t))):
            for topic_id in tree.descendant_ids(topic):
                section_of[topic_id] = topic.pk
        section = Case(
            *[When(primary_topic_id=tid, then=Value(sid)) for tid, sid in section_of.items()],
            output_field=IntegerField(),
        )
        articles = (
            self.published_articles()
            .filter(primary_topic_id__in=section_of)
            .exclude(pk__in=exclude)
            .annotate(section_id=section)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("section_id"),
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=HOME_SECTION_COUNT)
        )
        by_section = {}
        for article in articles:
            by_section.setdefault(article.section_id, []).append(article)
        return [(topic, by_section[topic.pk]) for topic in featured if topic.pk in by_section]


class ArticleDetailView(PublishedListMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("primary_topic")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author")),
                "references",
                "tags",
                "topics",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        tree = topic_tree(self.request)
        primary = tree.by_id.get(article.primary_topic_id, article.primary_topic)
        context["breadcrumb"] = [*tree.ancestors(primary), primary]
        context["active_topic_slug"] = context["breadcrumb"][0].slug
        context["related"] = (
            self.published_articles()
            .in_topics([article.primary_topic_id])
            .exclude(pk=article.pk)[:RELATED_COUNT]
        )
        return context


class AuthorDetailView(PublishedListMixin, ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.published_articles().filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagDetailView(PublishedListMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.published_articles().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        # A tag used only on unpublished articles does not exist for readers.
        if not context["paginator"].count:
            raise Http404("No published articles with this tag.")
        return context
