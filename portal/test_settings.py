"""Settings for the test suite: the production settings (portal/settings.py), read
from the environment as usual, with what the tests need on top.

pytest uses this module (pyproject.toml); nothing else should. Processes a test
starts as an operator or an app server would run them (gunicorn, manage.py, a
`check --deploy`) get DJANGO_SETTINGS_MODULE=portal.settings from that test, and the
tests of the production settings import portal.settings itself.

Under pytest-xdist (`-n 2`) each worker is a process of its own with
PYTEST_XDIST_WORKER set (gw0, gw1, ...): it gets its own SQLite file (and
pytest-django gives it its own PostgreSQL test database, test_<name>_gw0) and its
own prefix for cache keys, so one worker's page-cache invalidations never reach
another's cached pages in a shared Redis.
"""

import os
import tempfile
from pathlib import Path

# The production settings refuse to load without a key (DEBUG off); tests need no
# real one. Only for the import: this process's environment is left as it was.
_KEY_FROM_ENVIRONMENT = bool(os.environ.get("SECRET_KEY"))
if not _KEY_FROM_ENVIRONMENT:
    os.environ["SECRET_KEY"] = "test-only-secret-key"
try:
    from portal.settings import *  # noqa: F403
    from portal.settings import CACHES, DATABASES
finally:
    if not _KEY_FROM_ENVIRONMENT:
        del os.environ["SECRET_KEY"]

SECRET_KEY = "test-only-secret-key-" + "x" * 40

# "gw0", "gw1", ... under pytest-xdist; "main" in a plain run.
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER") or "main"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not the in-memory default: tests with concurrent writers (threads, and
    # other processes such as two `manage.py import_articles`) need SQLite's real
    # locking (WAL, busy timeout), which shared memory lacks. One file a process, so
    # two runs (or two xdist workers) never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"portal-test-{os.getpid()}.sqlite3")
    }

# Cache keys of this worker only: two workers on one Redis would otherwise bump and
# read each other's page-cache generation. tests/pagecache/ and the processes its
# tests start use the same prefix.
TEST_CACHE_KEY_PREFIX = f"portal-test-{TEST_WORKER}"
for _cache in CACHES.values():
    if _cache["BACKEND"].endswith("RedisCache"):
        _cache["KEY_PREFIX"] = TEST_CACHE_KEY_PREFIX

# The tests address the newsroom at /admin/ whatever the shell exports; the tests of
# ADMIN_URL itself (tests/test_admin_url.py) set it and rebuild the URLs.
ADMIN_URL = "admin/"

# Hashing is not what is tested, and PBKDF2 at production strength costs a tenth of a
# second for every user made and every login.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The test client and the live server speak plain http, as the local demo does with
# INSECURE_HTTP=1; tests/test_security_settings.py checks the HTTPS defaults of
# portal/settings.py.
SECURE_SSL_REDIRECT = False

# The manifest needs collectstatic; tests render templates without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests count queries and watch pages change: the page cache is for tests/pagecache/,
# which turns it on.
PAGE_CACHE = False
