from django.contrib import admin
from django.db.models import F
from django.db.models.functions import Coalesce
from django.forms import BaseModelFormSet

from portal.admin_actions import CheckedSelectionMixin

from .models import Topic


class TopicChangelistFormSet(BaseModelFormSet):
    """The parents chosen on the changelist, checked together.

    Each row is validated against the parents in the database, so two rows that
    are fine alone (A under B, B under A) would otherwise save a loop that takes
    both topics out of the navigation.
    """

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        parents = dict(Topic.objects.values_list("pk", "parent_id"))
        for form in self.forms:
            if form.instance.pk is not None and "parent" in form.cleaned_data:
                parent = form.cleaned_data["parent"]
                parents[form.instance.pk] = parent.pk if parent else None
        for form in self.forms:
            ancestor, seen = parents.get(form.instance.pk), set()
            while ancestor is not None and ancestor not in seen:
                if ancestor == form.instance.pk:
                    form.add_error(
                        "parent", "A topic cannot sit under itself or one of its subtopics."
                    )
                    break
                seen.add(ancestor)
                ancestor = parents.get(ancestor)


@admin.register(Topic)
class TopicAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["tree_name", "parent", "order", "featured"]
    list_editable = ["parent", "order", "featured"]
    list_select_related = ["parent"]
    list_filter = ["featured", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "parent", "order", "featured", "description", "colour"]
    # Tree order: each top-level topic followed by its subtopics. This must be
    # `ordering`, not an order_by() in get_queryset(): the changelist replaces
    # the queryset's ordering with this one (or Meta.ordering).
    ordering = [
        Coalesce("parent__order", "order").asc(),
        F("parent").asc(nulls_first=True),
        "order",
        "name",
    ]

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(request, formset=TopicChangelistFormSet, **kwargs)

    @admin.display(description="Topic", ordering="name")
    def tree_name(self, topic):
        return f"{topic.parent.name} › {topic.name}" if topic.parent else topic.name
