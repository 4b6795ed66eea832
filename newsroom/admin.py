from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["site_name", "publisher_name"]

    def changelist_view(self, request, extra_context=None):
        # There is one row: go straight to its form. On a fresh site the row does
        # not exist yet and editors may not add one, so create it with the defaults.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return redirect("admin:newsroom_sitesettings_change", SiteSettings.load().pk)

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
