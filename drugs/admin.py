from django.contrib import admin

from .forms import MilestoneForm
from .models import Drug, RegulatoryMilestone


class MilestoneInline(admin.TabularInline):
    model = RegulatoryMilestone
    # The date is typed as a day or, when the source gives none, a month ("July 2022").
    form = MilestoneForm
    extra = 1
    fields = ["date", "agency", "decision", "indication", "source_url", "notes"]


@admin.register(Drug)
class DrugAdmin(admin.ModelAdmin):
    list_display = ["generic_name", "brand_names", "drug_class", "formulation"]
    search_fields = ["generic_name", "brand_names", "drug_class"]
    prepopulated_fields = {"slug": ["generic_name"]}
    # Editors link articles from here; the article form stays as it is.
    autocomplete_fields = ["articles"]
    inlines = [MilestoneInline]
    fieldsets = [
        (None, {"fields": ["generic_name", "slug", "brand_names", "drug_class", "formulation"]}),
        (None, {"fields": ["description", "articles"]}),
    ]
