"""Login throttling glue for django-axes: which calls count as login attempts,
and which address a request comes from."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address before any password is checked.

    Every login form (the admin's included) passes the request. A call without one
    (the test client's ``login()``, a shell) has no client address to throttle, so
    it is left to the next backend instead of failing, as axes would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The client's address: the connecting peer, unless TRUSTED_PROXY_COUNT
    proxies stand in front. Each of them appends the address it saw to
    X-Forwarded-For, so the client is the count-th entry from the right; anything
    further left was written by the client and may be forged."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request skipped the outer ones, and the
    # first entry is what the innermost proxy saw connecting.
    candidate = forwarded[-min(count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    """The page for a refused login (429), in the newsroom's own look."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    # Rendered now: the middleware returns it after the view's own response was made.
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
