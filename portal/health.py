"""/healthz: is this app server fit to take readers? For load balancers and monitors.

It checks what every page needs, the database and the shared cache, and answers
200 or 503 with a small JSON body naming what failed. It reads no session and is
never cached, so a load balancer polling it sees the server as it is now.
"""

import logging
import uuid

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .methods import read_only

logger = logging.getLogger(__name__)


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        # Any failure (refused, timed out, bad credentials) means "not ready"; the
        # log keeps the reason, the load balancer only needs the answer.
        logger.exception("Health check: the database did not answer")
        return False


def cache_ok():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        # Making the backend can fail too (a file cache's folder, a bad address).
        cache = caches["default"]
        cache.set(key, "ok", timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:
        logger.exception("Health check: the cache did not answer")
        return False
    return found == "ok"


@read_only
@never_cache
def healthz(request):
    checks = {
        "database": "ok" if database_ok() else "error",
        "cache": "ok" if cache_ok() else "error",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
