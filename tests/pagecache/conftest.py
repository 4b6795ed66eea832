import os
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/2"


def redis_cache_settings(url):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # This worker's keys (portal/test_settings.py), as in the processes its
            # tests start, which read the same settings.
            "KEY_PREFIX": django_settings.TEST_CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def redis_answers(url):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def require_redis():
    if redis_answers(REDIS_URL):
        return
    message = f"Redis does not answer at {REDIS_URL} (set REDIS_URL or start redis-server)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def use_cache(settings, backend):
    if backend == "redis":
        require_redis()
        settings.CACHES = redis_cache_settings(REDIS_URL)
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE = True
    # A new generation: what earlier tests cached is out of reach, and nobody
    # else's keys in a shared Redis are flushed.
    from pagecache import services

    services.bump()


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The page cache on, in local memory and (when it answers) in Redis."""
    use_cache(settings, request.param)
    return request.param


@pytest.fixture
def redis_page_cache(settings):
    use_cache(settings, "redis")


@pytest.fixture
def reader():
    """An anonymous reader: a client of its own, so an editor logging in elsewhere in
    the test does not give it a session cookie."""
    return Client()
