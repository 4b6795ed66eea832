from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from .models import PolicyPage, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["site_name", "publisher_name"]

    def changelist_view(self, request, extra_context=None):
        # There is one row: go straight to its form. On a fresh site the row does
        # not exist yet and editors may not add one, so create it with the defaults.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        row, _ = SiteSettings.objects.get_or_create(pk=1)
        return redirect("admin:newsroom_sitesettings_change", row.pk)

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PolicyPage)
class PolicyPageAdmin(admin.ModelAdmin):
    list_display = ["title", "address", "in_footer", "updated_at"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "updated_at"]
    readonly_fields = ["updated_at"]

    @admin.display(description="address")
    def address(self, page):
        return page.get_absolute_url()

    @admin.display(description="in the footer", boolean=True)
    def in_footer(self, page):
        return page.in_footer

    def get_readonly_fields(self, request, obj=None):
        # The footer links these pages by their slug: keep it.
        if obj is not None and obj.in_footer:
            return [*self.readonly_fields, "slug"]
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.in_footer else self.prepopulated_fields

    def has_delete_permission(self, request, obj=None):
        # Every page's footer links these; deleting one would break the link.
        if obj is not None and obj.in_footer:
            return False
        return super().has_delete_permission(request, obj)
