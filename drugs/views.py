from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article
from portal.pagination import PaginationMixin

from .models import Drug, RegulatoryMilestone
from .selectors import drugs_with_article_counts


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


class DrugDetailView(PaginationMixin, ListView):
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
