"""Editors find the articles that cite a retracted, corrected or questioned paper."""

from django.contrib import admin
from django.db.models import Exists, OuterRef

from .models import Reference


class CitesFlaggedPaperFilter(admin.SimpleListFilter):
    title = "cites a flagged paper"
    parameter_name = "cites_flagged"

    def lookups(self, request, model_admin):
        return [
            ("any", "Any notice"),
            ("retracted", "Retracted"),
            ("concern", "Expression of concern"),
            ("corrected", "Corrected"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        flagged = Reference.objects.filter(article=OuterRef("pk")).exclude(notice="")
        if value != "any":
            flagged = flagged.filter(notice=value)
        return queryset.filter(Exists(flagged))
