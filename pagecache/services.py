"""The content generation: one number in the shared cache that names the current
version of everything readers see.

Every cached page is stored with the generation that was current when its
rendering began and is used only while that generation is current; bumping the
number retires all of them at once, in every process that shares the cache. Writes
bump it after their transaction commits (the receivers in ``signals.py`` for saves
and deletes; ``invalidate()`` called directly by bulk writes, which send no signals).

A cache that fails (Redis down) never fails the request or the write: it is logged
and the page is served uncached.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


def current_generation():
    """The current generation, created if missing.

    A missing counter (a fresh or flushed Redis, an evicted key) starts again from
    the clock in nanoseconds: larger than any number handed out before, since each
    write adds one, so pages stored under an old number never come back.
    """
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump():
    """Move to a new generation now (callers normally want ``invalidate``)."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # missing: starting from the clock is a new generation already
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.warning(
            "Page cache: could not start a new generation; cached pages may be stale "
            "for up to PAGE_CACHE_SECONDS once the cache answers again.",
            exc_info=True,
        )


def invalidate(*, using=DEFAULT_DB_ALIAS):
    """Make every cached page stale once the current transaction commits (at once
    outside a transaction). Many writes in one transaction bump once; a rolled-back
    one does not bump at all."""
    connection = connections[using]
    if connection.in_atomic_block:
        pending = getattr(connection, "run_on_commit", [])
        if any(entry[1] is bump for entry in pending):
            return
    transaction.on_commit(bump, using=using, robust=True)


def next_scheduled_time(generation):
    """When the next scheduled article goes live (a timestamp), or None.

    Cached under the generation, so it is one query per change of content, not per
    request: scheduling, rescheduling or unscheduling an article is a write, which
    starts a new generation.
    """
    from articles.models import Article

    key = f"pagecache:{generation}:next-scheduled"
    now = time.time()
    cached = cache.get(key)
    if cached is not None and (cached == 0 or cached > now):
        return cached or None
    first = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    value = first.timestamp() if first else 0
    lifetime = settings.PAGE_CACHE_SECONDS if value == 0 else value - now
    cache.set(key, value, timeout=max(1, min(int(lifetime), settings.PAGE_CACHE_SECONDS)))
    return value or None
