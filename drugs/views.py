from django.db.models import Count, Max, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article
from articles.views import PaginatedMixin

from .models import Drug, RegulatoryMilestone


def drugs_with_article_counts():
    """Every drug, alphabetical, each with article_count and latest_published_at
    of its published articles; one query."""
    published = Q(articles__in=Article.objects.published())
    return Drug.objects.annotate(
        article_count=Count("articles", filter=published),
        latest_published_at=Max("articles__published_at", filter=published),
    ).order_by("generic_name")


def drug_for_page(slug):
    return get_object_or_404(
        Drug.objects.prefetch_related(
            Prefetch("milestones", queryset=RegulatoryMilestone.objects.order_by("date", "pk"))
        ),
        slug=slug,
    )


class DrugIndexView(ListView):
    http_method_names = ["get", "head"]
    template_name = "drugs/drug_index.html"
    context_object_name = "drugs"

    def get_queryset(self):
        return drugs_with_article_counts()


class DrugDetailView(PaginatedMixin, ListView):
    """The drug, its milestones oldest first, and its published articles newest first.

    A drug page exists without articles: its approvals are news in themselves.
    """

    http_method_names = ["get", "head"]

    template_name = "drugs/drug_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.drug = drug_for_page(self.kwargs["slug"])
        return Article.objects.listing().filter(drugs=self.drug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(drug=self.drug, **kwargs)
