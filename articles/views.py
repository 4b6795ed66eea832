from django.db.models import Exists
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from portal.pagination import PaginationMixin
from topics.models import Topic
from topics.selectors import tree_for_request

from .models import Article, Author, Tag, union_of_limited
from .selectors import (
    authors_with_published_articles,
    published_by_topic,
    tags_with_published_articles,
)

HOME_LATEST_COUNT = 6
HOME_SECTION_COUNT = 4
RELATED_COUNT = 4
LATEST_IN_TOPIC_COUNT = 5
TAGS_PER_PAGE = 100
ARTICLE_TYPES = dict(Article._meta.get_field("article_type").choices)


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


class PublishedOnlyMixin(PaginationMixin):
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


class TagIndexView(PaginationMixin, ListView):
    http_method_names = ["get", "head"]
    template_name = "articles/tag_index.html"
    context_object_name = "tags"
    paginate_by = TAGS_PER_PAGE

    def get_queryset(self):
        return tags_with_published_articles()


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


class TopicDetailView(PaginationMixin, ListView):
    http_method_names = ["get", "head"]
    template_name = "topics/topic_detail.html"
    context_object_name = "articles"

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
