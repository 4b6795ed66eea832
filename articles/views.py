from django.conf import settings
from django.db.models import Count, Max, Q
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from topics.tree import tree_for_request

from .models import Article, Author, Tag, union_of_limited

HOME_LATEST_COUNT = 6
HOME_SECTION_COUNT = 4
RELATED_COUNT = 4
LATEST_IN_TOPIC_COUNT = 5
TAGS_PER_PAGE = 100


def authors_with_published_articles():
    """Authors readers can see, alphabetical, each with article_count and
    latest_published_at of their published articles; one query."""
    published = Q(bylines__article__in=Article.objects.published())
    return (
        Author.objects.annotate(
            article_count=Count("bylines", filter=published),
            latest_published_at=Max("bylines__article__published_at", filter=published),
        )
        .filter(article_count__gt=0)
        .order_by(Lower("name"), "pk")
    )


def tags_with_published_articles():
    """Tags readers can see, alphabetical, each with article_count and
    latest_published_at of their published articles; one query."""
    published = Q(tagged_articles__content_object__in=Article.objects.published())
    return (
        Tag.objects.annotate(
            article_count=Count("tagged_articles", filter=published),
            latest_published_at=Max(
                "tagged_articles__content_object__published_at", filter=published
            ),
        )
        .filter(article_count__gt=0)
        .order_by(Lower("name"), "pk")
    )


class PaginatedMixin:
    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE


class HomeView(TemplateView):
    http_method_names = ["get", "head"]
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.listing()
        lead = published.filter(featured=True).first() or published.first()
        latest = list(published.exclude(pk=getattr(lead, "pk", None))[:HOME_LATEST_COUNT])
        shown = [article.pk for article in [lead, *latest] if article is not None]
        context.update(lead=lead, latest=latest, sections=self.featured_sections(exclude=shown))
        return context

    def featured_sections(self, exclude):
        """(topic, newest articles) for each featured topic, from one article query,
        leaving out the articles already shown above the sections.

        Each article is assigned to the featured topic above its primary topic; per
        section a LIMITed index scan finds its newest few (a window function over
        every article of the featured topics read 24,861 rows at 100,000 articles).
        """
        tree = tree_for_request(self.request)
        featured = [topic for topic in tree if topic.featured]
        if not featured:
            return []
        section_of = {}
        # Deeper featured topics win over their featured ancestors.
        for topic in sorted(featured, key=lambda t: len(tree.ancestors(t))):
            for topic_id in tree.descendant_ids(topic):
                section_of[topic_id] = topic.pk
        published = Article.objects.published().exclude(pk__in=exclude)
        newest = [
            published.filter(primary_topic_id__in=topic_ids)
            .order_by("-published_at", "-pk")
            .values("pk")[:HOME_SECTION_COUNT]
            for topic_ids in _grouped(section_of).values()
        ]
        articles = Article.objects.listing().filter(
            pk__in=union_of_limited(newest, using=published.db)
        )
        by_section = {}
        for article in articles:
            by_section.setdefault(section_of[article.primary_topic_id], []).append(article)
        return [(topic, by_section[topic.pk]) for topic in featured if topic.pk in by_section]


def _grouped(section_of):
    """{section id: [topic ids]} from {topic id: section id}."""
    grouped = {}
    for topic_id, section_id in section_of.items():
        grouped.setdefault(section_id, []).append(topic_id)
    return grouped


class ArticleDetailView(DetailView):
    http_method_names = ["get", "head"]
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        tree = tree_for_request(self.request)
        primary = tree.by_id.get(article.primary_topic_id, article.primary_topic)
        context["breadcrumb"] = [*tree.ancestors(primary), primary]
        context["active_topic_slug"] = context["breadcrumb"][0].slug
        # The aside lists headlines, types and dates only: no bylines to prefetch,
        # so related reading and "Latest in <topic>" are one query each.
        related = list(
            Article.objects.for_listing()
            .prefetch_related(None)
            .related_to(article, tree=tree)[:RELATED_COUNT]
        )
        context["related"] = related
        context["latest_in_topic"] = list(
            Article.objects.listing()
            .prefetch_related(None)
            .filter(primary_topic_id=article.primary_topic_id)
            .exclude(pk__in=[article.pk, *(other.pk for other in related)])[:LATEST_IN_TOPIC_COUNT]
        )
        return context


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Any article in any state, as readers would see it, for staff only.

    The public gets the same 404 as for a page that does not exist; the page is
    never cached and never indexed.
    """

    def get_queryset(self):
        user = self.request.user
        if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
            raise Http404("No such page.")
        return Article.objects.for_detail()

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class PublishedOnlyMixin(PaginatedMixin):
    """A page that exists for readers only once it lists a published article: an
    author's bio or a tag used only on drafts reaches them through an editor's
    publication, never before."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["paginator"].count:
            raise Http404("No published articles here.")
        return context


class AuthorDetailView(PublishedOnlyMixin, ListView):
    http_method_names = ["get", "head"]
    template_name = "articles/author_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.select_related("photo"), slug=self.kwargs["slug"]
        )
        return Article.objects.listing().filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagDetailView(PublishedOnlyMixin, ListView):
    http_method_names = ["get", "head"]
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.listing().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorIndexView(ListView):
    http_method_names = ["get", "head"]
    template_name = "articles/author_index.html"
    context_object_name = "authors"

    def get_queryset(self):
        return authors_with_published_articles()


class TagIndexView(ListView):
    http_method_names = ["get", "head"]
    template_name = "articles/tag_index.html"
    context_object_name = "tags"
    paginate_by = TAGS_PER_PAGE

    def get_queryset(self):
        return tags_with_published_articles()
