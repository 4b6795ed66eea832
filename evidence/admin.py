from django.contrib import admin

from articles.admin import add_article_inline
from articles.models import Reference

from .models import TrialSummary


class TrialSummaryInline(admin.StackedInline):
    """Evidence at a glance, edited on the article (see ArticleAdmin.inlines)."""

    model = TrialSummary
    extra = 0
    verbose_name = "trial (evidence at a glance)"
    verbose_name_plural = "Evidence at a glance: trials"
    fieldsets = [
        (None, {"fields": [("name", "nct_number"), ("phase", "order")]}),
        ("Design", {"fields": [("randomised", "allocation_ratio"), ("blinding", "control")]}),
        (
            "Population and treatment",
            {"fields": ["condition", "population", "participants", "intervention", "comparator"]},
        ),
        (
            "Outcome",
            {"fields": [("primary_endpoint", "time_point"), "result", "safety", "reference"]},
        ),
    ]

    def get_formset(self, request, obj=None, **kwargs):
        # The article being edited, so that only its own references are offered.
        self.parent_article = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reference":
            article = getattr(self, "parent_article", None)
            kwargs["queryset"] = (
                Reference.objects.filter(article=article)
                if article is not None and article.pk
                else Reference.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


add_article_inline(TrialSummaryInline)
