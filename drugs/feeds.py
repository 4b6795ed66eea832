from django.shortcuts import get_object_or_404

from articles.feeds import ArticleFeed, AtomMixin
from articles.models import Article

from .models import Drug


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
