"""Settings for the dermatology news portal.

One module, driven by environment variables with safe defaults:

- DATABASE_URL   default: a SQLite file in the project folder
- SECRET_KEY     required when DEBUG is off
- DEBUG          off unless set to 1/true/yes/on
- ALLOWED_HOSTS  comma-separated; default: localhost names
- TIME_ZONE      default: UTC
- SERVE_MEDIA    serve uploaded files from the app (local demo only); default: DEBUG
- SQLITE_TIMEOUT seconds a SQLite writer waits for another; default: 20
- IMAGE_MAX_PIXELS, IMAGE_MAX_UPLOAD_BYTES  limits on uploaded images
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# pytest sets PYTEST_VERSION for its whole run; tests need no real key.
RUNNING_TESTS = "PYTEST_VERSION" in os.environ

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or RUNNING_TESTS):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            "For local work run `python3 dev.py up`, which makes one for you."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    # Serve static files through WhiteNoise in runserver too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "imagekit",
    "reversion",
    "reversion_compare",
    "topics",
    "images",
    "articles",
    "newsroom",
    "redirects",
    "search",
    "evidence",
    "drugs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come pre-compressed from WhiteNoise above,
    # which answers before this runs). An article's HTML shrinks from ~21 to ~6 KB,
    # which Lighthouse counts in First Contentful Paint on a phone. Django's
    # GZipMiddleware pads its output against BREACH (Django 4.2+).
    "django.middleware.gzip.GZipMiddleware",
    "portal.middleware.RejectNullBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "redirects.middleware.FormerURLMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so its 405 page has the full request context; it still answers
    # before CsrfViewMiddleware's check, which runs only once the view is chosen.
    "portal.methods.ReaderMethodsMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "topics.context_processors.navigation",
                "newsroom.context_processors.site_settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several editors (and imports) write at once even on the embedded default:
    # WAL lets readers go on during a write, IMMEDIATE takes the write lock when a
    # transaction starts (so two writers queue instead of failing with "database
    # is locked" halfway through), and the timeout is how long one waits its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    if RUNNING_TESTS:
        # A file, not the in-memory default: tests with concurrent writers need
        # SQLite's real locking (WAL, busy timeout), which shared memory lacks.
        import tempfile

        DATABASES["default"]["TEST"] = {
            "NAME": str(Path(tempfile.gettempdir()) / f"portal-test-{os.getpid()}.sqlite3")
        }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Uploaded images (images app). Readers get WebP renditions that django-imagekit
# makes when an image is saved; the Optimistic strategy then trusts they exist,
# so rendering a page neither checks storage nor queries.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_DEFAULT_CACHEFILE_BACKEND = "images.renditions.StorageCheckedBackend"
# Rendition names are hashes, so they do not reveal where the original is.
IMAGEKIT_SPEC_CACHEFILE_NAMER = "imagekit.cachefiles.namers.hash"
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024))

TAGGIT_CASE_INSENSITIVE = True

# Reader pages
ARTICLES_PER_PAGE = 20

# Behind a TLS-terminating load balancer the admin's POSTs need the public origin.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Errors go to stderr in every environment, where the process manager keeps
# them; Django's default with DEBUG off only mails ADMINS, which we do not set.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
