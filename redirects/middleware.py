from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Length
from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path

from .models import Redirect


class FormerURLMiddleware:
    """Answers a page not found at a former address with a 301 to the current one.

    Modelled on django.contrib.redirects' RedirectFallbackMiddleware: it looks only
    once the page was not found, so a page that exists never queries the table.
    """

    response_redirect_class = HttpResponsePermanentRedirect

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        location = current_location(request)
        return self.response_redirect_class(location) if location else response


def candidate_paths(path):
    """The prefixes of a path that could be a recorded address: each ends in "/",
    so /topics/old/ also answers /topics/old/feed/ but not /topics/older/."""
    limit = Redirect._meta.get_field("old_path").max_length
    # Empty segments ("//") are skipped: a path of slashes stays a short list.
    candidates = [
        path[: index + 1]
        for index, char in enumerate(path[:limit])
        if char == "/" and path[index - 1 : index] != "/"
    ]
    if settings.APPEND_SLASH and not path.endswith("/"):
        # One hop for /articles/old as well, not two via CommonMiddleware.
        candidates.append(path + "/")
    return candidates


def current_location(request):
    """Where a former address now lives, or None to let the 404 stand."""
    path = escape_uri_path(request.path)
    redirect = (
        Redirect.objects.filter(old_path__in=candidate_paths(path))
        .order_by(Length("old_path").desc())
        .first()
    )
    if redirect is None:
        return None
    target = public_target(redirect)
    if target is None:
        return None
    # The old address ends in "/"; whatever follows it follows the new one.
    rest = path[len(redirect.old_path) :].lstrip("/") if path.startswith(redirect.old_path) else ""
    new_path = target.get_absolute_url() + rest
    if new_path == path:
        return None
    query = request.META.get("QUERY_STRING", "")
    return f"{new_path}?{query}" if query else new_path


def public_target(redirect):
    """The object the row points at, if it still exists and readers may see it.

    A model with a published() queryset (articles) is looked up through it, the
    same definition of "public" every reader page uses; a withdrawn article keeps
    its 404 rather than giving its new address away.
    """
    model = ContentType.objects.get_for_id(redirect.content_type_id).model_class()
    if model is None:
        return None
    queryset = model._default_manager.all()
    if hasattr(queryset, "published"):
        queryset = queryset.published()
    return queryset.filter(pk=redirect.object_id).first()
