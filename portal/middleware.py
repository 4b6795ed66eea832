from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise without the manifest (staticfiles.json): pages link the hashed
    names they need; the manifest would hand anyone a map of every static file."""

    def _is_manifest(self, url):
        name = getattr(staticfiles_storage, "manifest_name", "staticfiles.json")
        return url == self.static_prefix + name

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not self._is_manifest(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        return None if self._is_manifest(url) else super().find_file(url)


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY ({feature: [allowed origins]}) as the
    Permissions-Policy header; an empty list turns the feature off everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class RequestSizeLimitMiddleware:
    """Refuse an oversized request body (413) from its Content-Length, before
    anything reads it. Without this, a 30 MB anonymous upload to any page is read
    and spooled to disk before CSRF refuses it. Staff uploads in the admin (an
    image, an import) get the larger ADMIN_REQUEST_MAX_BYTES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        if length > settings.REQUEST_MAX_BYTES and length > self.limit_for(request.path):
            return render(request, "413.html", status=413)
        return self.get_response(request)

    @staticmethod
    def limit_for(path):
        try:
            admin_prefix = reverse("admin:index")
        except NoReverseMatch:
            admin_prefix = None
        if admin_prefix and path.startswith(admin_prefix):
            return settings.ADMIN_REQUEST_MAX_BYTES
        return settings.REQUEST_MAX_BYTES


class RejectNullBytesMiddleware:
    """A NUL character in the query string or form data is never legitimate, and
    PostgreSQL refuses it in text with a server error; answer 400 instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or self._has_null_byte(request):
            # The site's own 400 page, which needs no request context.
            return HttpResponseBadRequest(loader.render_to_string("400.html"))
        return self.get_response(request)

    @staticmethod
    def _has_null_byte(request):
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return True
        return False
