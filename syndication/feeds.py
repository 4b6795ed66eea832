import copy

from django.contrib.syndication.views import Feed
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import get_text_list

from articles.models import Article
from articles.selectors import authors_with_published_articles, tags_with_published_articles
from drugs.models import Drug
from newsroom.models import SiteSettings
from topics.selectors import tree_for_request

FEED_LENGTH = 20


class ArticleFeed(Feed):
    """The newest published articles of one scope (the site, a topic, a tag, an
    author), in a fixed number of queries whatever the feed holds."""

    # Read only, as the reader pages (portal/methods.py enforces it before CSRF).
    http_method_names = ["get", "head"]

    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        # One Feed instance answers every request, and the items' GUIDs name this
        # request's host: each request works on its own copy.
        feed = copy.copy(self)
        feed.host = split_domain_port(request.get_host())[0]
        feed.site = SiteSettings.load()
        return super(ArticleFeed, feed).__call__(request, *args, **kwargs)

    def articles(self, obj):
        return Article.objects.listing()

    def items(self, obj):
        return self.articles(obj).prefetch_related("tags", "topics", "corrections")[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers render an item's description (RSS) and summary (Atom,
        # type="html") as HTML: the plain-text deck is escaped for that, so a
        # "<script>" in it reaches the reader as text.
        return escape(item.deck)

    def item_author_name(self, item):
        return get_text_list([byline.author.name for byline in item.bylines.all()], "and")

    def item_categories(self, item):
        names = [item.primary_topic.name, *(topic.name for topic in item.topics.all())]
        names += [tag.name for tag in item.tags.all()]
        return list(dict.fromkeys(names))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_updated_at or item.published_at

    def item_guid(self, item):
        # The address may change with the slug; the id and the day the article was
        # created do not (RFC 4151 tag URI), so readers never see an item twice.
        return f"tag:{self.host},{item.created_at:%Y-%m-%d}:article-{item.pk}"


class LatestArticlesFeed(ArticleFeed):
    def title(self):
        return self.site.site_name

    def description(self):
        return self.site.tagline or f"The latest from {self.site.site_name}."

    def link(self):
        return reverse("home")


class TopicFeed(ArticleFeed):
    """A topic's articles, including those filed under its subtopics."""

    def get_object(self, request, slug):
        tree = tree_for_request(request)
        topic = tree.by_slug_or_404(slug)
        self.topic_ids = tree.descendant_ids(topic)
        return topic

    def articles(self, topic):
        return Article.objects.listing().in_topics(self.topic_ids)

    def title(self, topic):
        return f"{topic.name} | {self.site.site_name}"

    def description(self, topic):
        return topic.description or f"The latest on {topic.name} from {self.site.site_name}."

    def link(self, topic):
        return topic.get_absolute_url()


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        # Like the tag page: a tag only on unpublished articles does not exist for readers.
        return get_object_or_404(tags_with_published_articles(), slug=slug)

    def articles(self, tag):
        return Article.objects.listing().filter(tagged_items__tag=tag)

    def title(self, tag):
        return f"{tag.name} | {self.site.site_name}"

    def description(self, tag):
        return f"Articles tagged {tag.name} on {self.site.site_name}."

    def link(self, tag):
        return tag.get_absolute_url()


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        # Like the author page: only authors with published articles.
        return get_object_or_404(authors_with_published_articles(), slug=slug)

    def articles(self, author):
        return Article.objects.listing().filter(bylines__author=author)

    def title(self, author):
        return f"{author.name} | {self.site.site_name}"

    def description(self, author):
        return f"Articles by {author.display_name} on {self.site.site_name}."

    def link(self, author):
        return author.get_absolute_url()


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self._get_dynamic_attr("description", obj)


class LatestArticlesAtomFeed(AtomMixin, LatestArticlesFeed):
    pass


class TopicAtomFeed(AtomMixin, TopicFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass


class DrugFeed(ArticleFeed):
    """A drug's published articles; the items are ArticleFeed's."""

    def get_object(self, request, slug):
        return get_object_or_404(Drug, slug=slug)

    def articles(self, drug):
        return Article.objects.listing().filter(drugs=drug)

    def title(self, drug):
        return f"{drug.generic_name} | {self.site.site_name}"

    def description(self, drug):
        return f"Articles about {drug.generic_name} on {self.site.site_name}."

    def link(self, drug):
        return drug.get_absolute_url()


class DrugAtomFeed(AtomMixin, DrugFeed):
    pass
