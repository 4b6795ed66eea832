from django.shortcuts import render
from django.urls import Resolver404, get_resolver

READER_METHODS = ("GET", "HEAD")


class ReaderMethodsMiddleware:
    """Readers' pages are only read: GET and HEAD. Any other method gets 405 with
    the site's own page and an Allow header, decided here before CSRF (which
    would answer 403 about a form no reader page has) and before views that
    never look at the method (feeds and sitemaps would answer a PUT with 200).

    The newsroom (the admin namespace, wherever ADMIN_URL puts it) takes its
    forms as before, and an address that matches no page is left to its 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READER_METHODS and self.is_reader_page(request):
            response = render(request, "405.html", status=405)
            response["Allow"] = ", ".join(READER_METHODS)
            return response
        return self.get_response(request)

    @staticmethod
    def is_reader_page(request):
        try:
            match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
        except Resolver404:
            return False
        return "admin" not in match.namespaces
