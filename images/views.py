from django.views.generic import ListView

from articles.models import Article
from portal.pagination import PaginationMixin
from topics.selectors import tree_for_request

from .models import Image


class TopicGalleryView(PaginationMixin, ListView):
    """A topic's clinical photographs (its subtopics' too), filterable by skin type.

    Only photographs with consent on file that lead a published article in the
    topic: each entry is that article, newest first, with its image.
    """

    http_method_names = ["get", "head"]

    template_name = "images/gallery.html"
    context_object_name = "entries"

    def get_queryset(self):
        self.tree = tree_for_request(self.request)
        self.topic = self.tree.by_slug_or_404(self.kwargs["slug"])
        self.skin_type = self.request.GET.get("skin_type", "")
        if self.skin_type not in Image.SkinType.values:
            self.skin_type = ""
        articles = (
            Article.objects.published()
            .in_topics(self.tree.descendant_ids(self.topic))
            .filter(lead_image__kind=Image.Kind.CLINICAL, lead_image__consent_on_file=True)
            .select_related("lead_image")
            .defer("body", "body_html")
            .order_by("-published_at", "-pk")
        )
        if self.skin_type:
            articles = articles.filter(lead_image__skin_type=self.skin_type)
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # An image leading several articles is shown once, with its newest article.
        seen, entries = set(), []
        for article in context["entries"]:
            if article.lead_image_id not in seen:
                seen.add(article.lead_image_id)
                entries.append(article)
        breadcrumb = self.tree.ancestors(self.topic)
        context.update(
            entries=entries,
            topic=self.topic,
            breadcrumb=[*breadcrumb, self.topic],
            active_topic_slug=(breadcrumb[0] if breadcrumb else self.topic).slug,
            skin_type=self.skin_type,
            skin_types=Image.SkinType.choices,
        )
        return context
