"""
Settings for Newsroom, read from the environment.

Development defaults are safe (SQLite beside the project, a local-memory
cache, DEBUG off unless asked for). With DEBUG off the deployment hardening
below applies and a missing SECRET_KEY stops start-up. Every variable is
listed in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from js_asset import Script, Stylesheet

BASE_DIR = Path(__file__).resolve().parent.parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long "
            "random value (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "django-insecure-newsroom-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_countries",
    "taggit",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django_prose_editor",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "articles",
    "agreements",
]

MIDDLEWARE = [
    "newsroom.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # WhiteNoise serves static files before sessions or locale are looked at.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.middleware.VisitCounterMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every sign-in (the admin's and the readers') before the
# password is: after AXES_FAILURE_LIMIT failures for one account or from one
# address, both wait AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; IMMEDIATE takes the write
    # lock at BEGIN, so concurrent writers queue instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel beside the query instead of being quoted into it by
    # psycopg in Python, and statements run often are prepared: a bulk import
    # spends ≈ 14 % less CPU. Behind a connection pooler in transaction mode
    # that cannot keep prepared statements, set DATABASE_SERVER_SIDE_BINDING=0.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env_bool(
        "DATABASE_SERVER_SIDE_BINDING", default=True
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
    }

# Readers who are not signed in get whole pages from the cache
# (articles/readers/page_cache.py) for at most this long; a change to what a
# page shows replaces it at once. 0 turns the page cache off.
READER_PAGE_CACHE_SECONDS = int(os.environ.get("READER_PAGE_CACHE_SECONDS", 60))
# Parts of pages every reader sees alike (an article's cooperation record and
# related articles), cached for signed-in readers too, replaced the same way.
READER_FRAGMENT_CACHE_SECONDS = int(os.environ.get("READER_FRAGMENT_CACHE_SECONDS", 600))

# Staff sign in to the admin with a second factor (newsroom/admin.py): always
# once they have enrolled a device; with this on, all of them must enrol.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Newsroom")
# The newsroom's own admin site decides where its sign-in goes; no monkeypatching.
TWO_FACTOR_PATCH_ADMIN = False

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The address TrustedProxyMiddleware settled on, the same one rate limits use.
AXES_CLIENT_IP_CALLABLE = "newsroom.middleware.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.accounts.locked_out"
# Failures are counted in Redis when there is one (shared by every worker
# and server), otherwise in the database: a per-process memory would let
# each worker allow its own series of attempts.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler" if REDIS_URL else "axes.handlers.database.AxesDatabaseHandler"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "vi")
LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# django-countries' Vietnamese list gives two countries one name (Iceland and
# Ireland, Austria and Jersey, Niger and Nigeria) and long forms the portals
# do not print; one name per country, the one the portals use.
COUNTRIES_OVERRIDE = {
    "IS": _("Iceland"),
    "JE": _("Jersey"),
    "NE": _("Niger"),
    "US": _("United States"),
    "KP": _("North Korea"),
}
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

TAGGIT_CASE_INSENSITIVE = True

# How many reverse proxies (nginx, a load balancer) stand before the app; 0 when none.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe app servers over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    if TRUSTED_PROXIES:
        # Only a proxy may say the reader came over HTTPS; without one, any
        # client could send the header. The proxy must set it, not pass it on.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# The admin's body editor, without the <style> element Tiptap would inject.
DJANGO_PROSE_EDITOR_PRESETS = {
    "newsroom": [
        Script("js/body-editor.js", type="module"),
        Stylesheet("css/body-editor.css"),
    ],
}

# Only the site's own files run and style pages; no inline script or style
# is needed anywhere. The admin's rich-text editor loads its modules through
# an inline import map, which carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the newsroom never uses, switched off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Who may comment unless an article says otherwise: everyone, members or closed.
COMMENTS_POLICY = os.environ.get("COMMENTS_POLICY", "members")
# Which comments wait for a moderator: all, anonymous (default) or none. Staff never wait.
COMMENTS_MODERATION = os.environ.get("COMMENTS_MODERATION", "anonymous")
COMMENT_MAX_LENGTH = 2000
# Abuse limits (django-ratelimit rates), counted in the cache: share it (REDIS_URL) in production.
COMMENT_RATE_PER_IP = os.environ.get("COMMENT_RATE_PER_IP", "5/10m")
COMMENT_RATE_PER_ACCOUNT = os.environ.get("COMMENT_RATE_PER_ACCOUNT", "10/h")
RATING_RATE_PER_IP = os.environ.get("RATING_RATE_PER_IP", "30/h")
SEARCH_RATE_PER_IP = os.environ.get("SEARCH_RATE_PER_IP", "30/m")
# Suggestions as a reader types: a request every few keystrokes.
SUGGEST_RATE_PER_IP = os.environ.get("SUGGEST_RATE_PER_IP", "120/m")
# No search statement may hold a worker longer than this (PostgreSQL).
SEARCH_STATEMENT_TIMEOUT_MS = int(os.environ.get("SEARCH_STATEMENT_TIMEOUT_MS", 2000))
SIGNUP_RATE_PER_IP = os.environ.get("SIGNUP_RATE_PER_IP", "10/h")
PASSWORD_RESET_RATE_PER_IP = os.environ.get("PASSWORD_RESET_RATE_PER_IP", "10/h")
# E-mails one address receives from sign-ups and reset requests, whoever asks.
SIGNUP_MAILS_PER_ADDRESS = os.environ.get("SIGNUP_MAILS_PER_ADDRESS", "3/h")
PASSWORD_RESET_MAILS_PER_ADDRESS = os.environ.get("PASSWORD_RESET_MAILS_PER_ADDRESS", "3/h")
# Anonymous readers behind one address may rate one article this many times (shared offices, cafés).
RATINGS_PER_ADDRESS = int(os.environ.get("RATINGS_PER_ADDRESS", 5))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Largest picture an editor may upload.
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", 10_000_000))

# Background work (the admin's bulk import) runs through Django's tasks API
# with its database backend: `manage.py db_worker` executes it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Where uploaded page files wait for the import; never under MEDIA_ROOT, which is public.
IMPORT_UPLOAD_ROOT = Path(os.environ.get("IMPORT_UPLOAD_ROOT", BASE_DIR / "var" / "imports"))
# One upload: at most this many files, each .txt/.html at most IMPORT_MAX_FILE_BYTES,
# a .zip at most IMPORT_MAX_ZIP_BYTES packed and IMPORT_MAX_UNPACKED_BYTES unpacked.
IMPORT_MAX_UPLOAD_FILES = int(os.environ.get("IMPORT_MAX_UPLOAD_FILES", 200))
IMPORT_MAX_ZIP_BYTES = int(os.environ.get("IMPORT_MAX_ZIP_BYTES", 50_000_000))
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", 500_000_000))
DATA_UPLOAD_MAX_NUMBER_FILES = IMPORT_MAX_UPLOAD_FILES

# No uploaded file is stored beyond the largest any form accepts.
FILE_UPLOAD_HANDLERS = [
    "articles.importer.uploads.FileSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Largest page file the importer reads; larger ones are refused before reading.
IMPORT_MAX_FILE_BYTES = int(os.environ.get("IMPORT_MAX_FILE_BYTES", 5_000_000))
MAX_UPLOAD_FILE_BYTES = max(IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ZIP_BYTES, IMAGE_MAX_BYTES)

# The reader site's name in page titles, feeds and share tags.
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
# Who publishes the site, printed in every page's footer as Vietnamese law
# asks of an online newspaper (the owning agency, its licence, the
# editor-in-chief, address and hotline). Empty parts are left out.
SITE_OWNER = {
    part: os.environ.get(f"SITE_{part.upper()}", "")
    for part in ("agency", "licence", "editor_in_chief", "address", "hotline", "email")
}
