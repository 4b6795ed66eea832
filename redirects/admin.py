from django.contrib import admin
from django.utils.html import format_html

from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Read-only: rows come from renames (redirects.signals). Deleting one makes
    its former address a 404 again."""

    list_display = ["old_path", "target_name", "current_url", "created_at"]
    list_select_related = ["content_type"]
    search_fields = ["old_path"]
    date_hierarchy = "created_at"
    fields = ["old_path", "target_name", "current_url", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        # One query per kind of target for the whole page, not one per row.
        return super().get_queryset(request).prefetch_related("target")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Points at")
    def target_name(self, redirect):
        target = redirect.target
        if target is None:
            return f"Deleted {redirect.content_type.name}"
        return f"{target._meta.verbose_name.capitalize()}: {target}"

    @admin.display(description="Current address")
    def current_url(self, redirect):
        if redirect.target is None:
            return None
        url = redirect.target.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)
