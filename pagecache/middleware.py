"""Whole pages for anonymous readers from the shared cache, and the HTTP caching
headers of every page.

A request may be answered from the cache when it is a GET or HEAD without a
session cookie (no one is logged in) outside the admin. The key is the scheme,
host, path and sorted query string, and whether the body is gzipped; the entry
names the generation (see ``services``) it was made under and counts only while
that generation is current. What is stored is the final response of the
layers below (compressed, with ETag and Last-Modified), so a hit is answered
here: one cache round trip (generation and page together), nothing else.

A response is stored only when it is a 200 without cookies and without
``private``/``no-store``/``no-cache``, for PAGE_CACHE_SECONDS at most and never
beyond the next scheduled publication time, so a scheduled article appears on
time on every page.
"""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date, parse_http_date_safe

from . import services

logger = logging.getLogger(__name__)

# As GZipMiddleware decides: the same browsers get the same bytes.
GZIP = re.compile(r"\bgzip\b")
UNCACHEABLE = re.compile(r"\b(private|no-store|no-cache|max-age=0)\b")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._private_prefixes = None
        self._uncached_paths = set()

    def __call__(self, request):
        key = self.cache_key(request) if settings.PAGE_CACHE else None
        if key is None:
            return self.with_cache_headers(request, self.get_response(request))
        generation, page = self.lookup(key)
        if page is not None:
            return self.answer(request, page)
        # Render in full, whatever the browser holds: the cache needs the 200.
        conditions = {
            name: request.META.pop(name)
            for name in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
            if name in request.META
        }
        response = self.with_cache_headers(request, self.get_response(request))
        if generation is not None and self.storable(response):
            self.store(generation, key, response)
        response["X-Cache"] = "miss"
        if conditions and response.status_code == 200:
            request.META.update(conditions)
            return self.conditional(request, response)
        return response

    # -- Which requests and responses ------------------------------------------

    def private_prefixes(self):
        if self._private_prefixes is None:
            self._private_prefixes = (reverse("admin:index"), "/preview/")
            # Cheaper to make than to fetch, and the benchmark's floor: it must
            # touch neither database nor cache.
            self._uncached_paths = {reverse("robots"), reverse("favicon")}
        return self._private_prefixes

    def cache_key(self, request):
        """The page's key without the generation, or None when it is not cacheable."""
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if request.path.startswith(self.private_prefixes()) or request.path in self._uncached_paths:
            return None
        query = request.META.get("QUERY_STRING", "")
        if query:
            query = "&".join(sorted(query.split("&")))
        encoding = "gzip" if GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "id"
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost: the layers below answer 400
            return None
        address = f"{request.scheme}://{host}{request.path}?{query}"
        digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
        return f"{encoding}:{digest}"

    @staticmethod
    def storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not UNCACHEABLE.search(response.get("Cache-Control", ""))
        )

    # -- HTTP caching headers --------------------------------------------------

    def with_cache_headers(self, request, response):
        if request.path.startswith(self.private_prefixes()) or self.is_staff(request):
            add_never_cache_headers(response)  # private, no-store (and no-cache, max-age=0)
            return response
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
            and "Cache-Control" not in response
        ):
            age = settings.PAGE_CACHE_PUBLIC_MAX_AGE
            patch_cache_control(response, public=True, max_age=age, s_maxage=age)
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date()
        return response

    @staticmethod
    def is_staff(request):
        # Only a request with a session cookie can be anyone's: don't load a session
        # (a query) for the anonymous rest. AuthenticationMiddleware set request.user.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated

    @staticmethod
    def conditional(request, response):
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    # -- The cache -------------------------------------------------------------

    @staticmethod
    def lookup(key):
        """(generation, stored page or None); (None, None) when the cache fails.

        One round trip: the generation and the page's entry come in one get_many
        (MGET on Redis). The entry names the generation it was made under, so an
        entry of an older generation is simply not used, and the next miss
        overwrites it.
        """
        page_key = f"pagecache:page:{key}"
        try:
            found = cache.get_many([services.GENERATION_KEY, page_key])
            generation = found.get(services.GENERATION_KEY)
            if generation is None:
                generation = services.current_generation()
        except Exception:
            logger.warning("Page cache unavailable; serving uncached.", exc_info=True)
            return None, None
        page = found.get(page_key)
        if page is None or page[0] != generation:
            return generation, None
        if page[1] <= time.time():
            return generation, None  # its scheduled end came (the backend counts whole seconds)
        return generation, page

    @staticmethod
    def store(generation, key, response):
        try:
            now = time.time()
            expires = now + settings.PAGE_CACHE_SECONDS
            scheduled = services.next_scheduled_time(generation)
            if scheduled is not None:
                expires = min(expires, scheduled)
            if expires - now < 1:
                return
            page = (generation, expires, list(response.items()), response.content)
            cache.set(f"pagecache:page:{key}", page, timeout=int(expires - now))
        except Exception:
            logger.warning("Page cache unavailable; page not stored.", exc_info=True)

    def answer(self, request, page):
        _, _, headers, content = page
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            return self.conditional(request, response)
        return response
