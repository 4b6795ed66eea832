"""The HTTP methods a page takes are declared by its view, as Django does it:

- a class-based view (and each of our feeds) sets ``http_method_names``;
- any other view, a function or one of Django's (the sitemaps), is wrapped in
  ``allow_methods("GET", "HEAD")``, in urls.py when the view is not ours.

DeclaredMethodsMiddleware enforces each view's own declaration, nothing more: a
view that declares POST gets POST (and then CSRF's check), and a view that
declares nothing (the newsroom, Django's admin) is left alone. A method the view
does not declare gets 405 with the site's own page and an Allow header, decided
in process_view before CsrfViewMiddleware's (which would answer 403 about a form
the page does not have) and before views that never look at the method (a feed
or a sitemap would answer a PUT with 200). An address that matches no page is
left to its 404.
"""

from functools import wraps

from django.shortcuts import render
from django.views.generic import View

READ_METHODS = ("GET", "HEAD")


def not_allowed(request, methods):
    """405 with the site's page, naming the methods the page does take."""
    response = render(request, "405.html", status=405)
    response["Allow"] = ", ".join(methods)
    return response


def allow_methods(*methods):
    """Declare the methods a view takes (upper case); any other gets our 405.

    Like Django's require_http_methods, but the declaration stays readable
    (``view.http_method_names``) for the middleware and for tests, and the
    refusal is the site's page.
    """
    allowed = tuple(method.upper() for method in methods)

    def decorator(view):
        # Not functools.wraps on its own: a feed or sitemap may be an instance.
        @wraps(view, assigned=("__module__", "__name__", "__qualname__", "__doc__"), updated=())
        def declared(request, *args, **kwargs):
            if request.method not in allowed:
                return not_allowed(request, allowed)
            return view(request, *args, **kwargs)

        declared.http_method_names = [method.lower() for method in allowed]
        return declared

    return decorator


read_only = allow_methods(*READ_METHODS)


def declared_methods(view_func):
    """The methods a resolved view declares ("GET", "HEAD", ...), or None when it
    declares none (a class-based view that keeps Django's default of every method
    declares nothing)."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None:
        names = getattr(view_func, "view_initkwargs", {}).get(
            "http_method_names", view_class.http_method_names
        )
        if names is View.http_method_names:
            return None
    else:
        names = getattr(view_func, "http_method_names", None)
        if names is None:
            return None
    return tuple(name.upper() for name in names)


class DeclaredMethodsMiddleware:
    """405 for a method the resolved view does not declare (see the module's
    docstring). Must come before CsrfViewMiddleware in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        methods = declared_methods(view_func)
        if methods is None or request.method in methods:
            return None
        return not_allowed(request, methods)
