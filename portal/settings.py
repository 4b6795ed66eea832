"""Settings for the dermatology news portal.

One module, driven by environment variables with safe defaults:

- DATABASE_URL   default: a SQLite file in the project folder
- SECRET_KEY     required when DEBUG is off
- DEBUG          off unless set to 1/true/yes/on
- ALLOWED_HOSTS  comma-separated; default: localhost names
- TIME_ZONE      default: UTC
- SERVE_MEDIA    serve uploaded files from the app (local demo only); default: DEBUG
- LOG_LEVEL      level of the log on stderr; default: INFO
- LOG_FORMAT     plain (default) or json: one JSON object a line
- SQLITE_TIMEOUT seconds a SQLite writer waits for another; default: 20
- IMAGE_MAX_PIXELS, IMAGE_MAX_UPLOAD_BYTES  limits on uploaded images
- REDIS_URL      shared cache, e.g. redis://127.0.0.1:6379/1; default: local memory
                 (per process: only right for a single process)
- PAGE_CACHE     whole-page cache for anonymous readers; default: on
- PAGE_CACHE_SECONDS  longest life of a cached page; default: 300
- CSRF_TRUSTED_ORIGINS  comma-separated public origins (https://news.example.org)
- INSECURE_HTTP  1 serves over plain http: no HTTPS redirect, no HSTS, cookies
                 without Secure. Only for the local demo (`dev.py up` and
                 scripts/lighthouse.py set it); never in production. Default: off
                 (HTTPS only; portal/test_settings.py turns the redirect off for the suite)
- CSP_IMAGE_ORIGINS  comma-separated extra origins images may come from (a
                 media CDN, e.g. https://media.example.org); default: none
- ADMIN_URL      path of the newsroom (Django admin); default: admin/
- LOGIN_FAILURE_LIMIT  failed logins before a username is locked out from one
                 address; default: 5
- LOGIN_COOLOFF_MINUTES  how long that lockout lasts; default: 15
- TRUSTED_PROXY_COUNT  reverse proxies in front of the app that append to
                 X-Forwarded-For; default: 0 (the client is REMOTE_ADDR)

Production-safe by default: with DEBUG off and only SECRET_KEY and ALLOWED_HOSTS
set, `manage.py check --deploy` is clean. The site expects a TLS-terminating proxy
that sets X-Forwarded-Proto (and strips any the client sent).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
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

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
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
    "csp",
    "taggit",
    "imagekit",
    "reversion",
    "reversion_compare",
    "axes",
    # The portal's own apps, the taxonomy and articles first: the apps after them
    # build on these (scripts/check_layout.py keeps their imports pointing down).
    "topics",
    "articles",
    "references",
    "images",
    "evidence",
    "drugs",
    "newsroom",
    "imports",
    "syndication",
    "search",
    "redirects",
    "pagecache",
    "facts",
    "backups",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise, less the static manifest (which lists every file, hashed or not).
    "portal.middleware.StaticFilesMiddleware",
    # Anonymous readers' pages from the shared cache. Outside GZip, so it stores the
    # compressed bytes; outside the header middlewares below, so a stored page keeps
    # its security headers; before sessions, auth, CSRF and messages, so a hit costs
    # one cache round trip and nothing else.
    "pagecache.middleware.PageCacheMiddleware",
    # Headers for every response, the refusals below included.
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Pages compressed (static files come pre-compressed from WhiteNoise above,
    # which answers before this runs). An article's HTML shrinks from ~21 to ~6 KB,
    # which Lighthouse counts in First Contentful Paint on a phone. Django's
    # GZipMiddleware pads its output against BREACH (Django 4.2+).
    "django.middleware.gzip.GZipMiddleware",
    # ETag from the uncompressed body (GZip above makes it weak) and 304 answers.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before anything reads a body: the null-byte check below parses the form.
    "portal.middleware.RequestSizeLimitMiddleware",
    "portal.middleware.RejectNullBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "redirects.middleware.FormerURLMiddleware",
    # Answers a method the chosen view does not declare with 405 (the site's page).
    # Its process_view must run before CsrfViewMiddleware's, which would answer 403.
    "portal.methods.DeclaredMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The newsroom lives here; anything else guessing at /admin/ gets the 404 page.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("ADMIN_URL must be a path such as 'newsroom/', not empty.")

# Login throttling (django-axes). Failures are counted per username *and*
# address together, so an attacker guessing an editor's password locks out only
# that pair: the editor still logs in from anywhere else, and the attacker can
# still not try other passwords for that name from there. Attempts live in the
# database, so every app process sees the same count.
AUTHENTICATION_BACKENDS = [
    "portal.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True  # an editor's few typos before a good login are forgotten
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_LOCKOUT_CALLABLE = "portal.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.auth.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Our log lines name the username and address of each failure (the password is
# never in them); axes would mask both by default. No startup banner.
AXES_SENSITIVE_PARAMETERS = []
AXES_VERBOSE = False

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

# One cache shared by every app process when REDIS_URL is set: the page cache's
# invalidation is only exact across processes through it. The short timeouts keep a
# request fast when Redis is unreachable (it is then served uncached).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# What a browser or CDN may keep a public page for; the page cache above is exact,
# these copies are not, so keep this short.
PAGE_CACHE_PUBLIC_MAX_AGE = 60

# Request bodies are refused (413) from their Content-Length before anything
# reads them: forms on reader pages are small; staff upload an image or an import
# of up to 20 files of 1 MB (articles/admin_import.py) through the admin.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, named for the cap below
REQUEST_MAX_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
ADMIN_REQUEST_MAX_BYTES = max(IMAGE_MAX_UPLOAD_BYTES, 20 * 1024 * 1024) + REQUEST_MAX_BYTES

# HTTPS only, unless the local demo says otherwise (see the docstring).
INSECURE_HTTP = env_bool("INSECURE_HTTP")
HTTPS_ONLY = not INSECURE_HTTP
SECURE_SSL_REDIRECT = HTTPS_ONLY
# A load balancer's health check may call the app over plain http, bypassing the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
# A year, subdomains included, and eligible for browsers' preload lists. Only
# sent over HTTPS. Preloading is hard to undo: the whole domain must stay HTTPS.
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
# The proxy in front terminates TLS and says so in X-Forwarded-Proto; it must
# overwrite any such header from the client (docs/deployment.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF token from the cookie (forms carry it).
CSRF_COOKIE_HTTPONLY = True
# Lax, not Strict: a link to the admin from an e-mail still finds the session.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Behind a TLS-terminating load balancer the admin's POSTs need the public origin.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Response headers. SecurityMiddleware sends nosniff, the referrer policy and
# Cross-Origin-Opener-Policy; XFrameOptionsMiddleware denies framing.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features no page of ours uses (portal.middleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# No inline script or style anywhere (the admin's own scripts are files too);
# JSON-LD blocks are data, which script-src does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *env_list("CSP_IMAGE_ORIGINS", "")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Errors go to stderr in every environment, where the process manager keeps
# them; Django's default with DEBUG off only mails ADMINS, which we do not set.
# django-axes ("axes.*", through the root logger) writes each failed login and
# lockout at WARNING with the username and client address, never the password.
# LOG_FORMAT=json writes one JSON object a line (portal/logging.py) for a log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain").strip().lower() or "plain"
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "portal.logging.JSONFormatter"},
    },
    "filters": {"one_line_warning": {"()": "portal.log_filters.OneLineWarning"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # A bad Host header is a bot's probe, not our error: one line, no traceback.
        "django.security.DisallowedHost": {
            "handlers": ["stderr"],
            "level": "INFO",
            "filters": ["one_line_warning"],
            "propagate": False,
        },
    },
}
