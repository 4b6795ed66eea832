from django.contrib import admin
from django.db.models import F
from django.db.models.functions import Coalesce

from .models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["tree_name", "parent", "order", "featured"]
    list_editable = ["parent", "order", "featured"]
    list_select_related = ["parent"]
    list_filter = ["featured", "parent"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "parent", "order", "featured", "description"]
    # Tree order: each top-level topic followed by its subtopics. This must be
    # `ordering`, not an order_by() in get_queryset(): the changelist replaces
    # the queryset's ordering with this one (or Meta.ordering).
    ordering = [
        Coalesce("parent__order", "order").asc(),
        F("parent").asc(nulls_first=True),
        "order",
        "name",
    ]

    @admin.display(description="Topic", ordering="name")
    def tree_name(self, topic):
        return f"{topic.parent.name} › {topic.name}" if topic.parent else topic.name
