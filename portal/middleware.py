from django.http import HttpResponseBadRequest
from django.template import loader


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
