"""Settings for the test suite: fast hashing, an isolated cache, no HTTPS redirects."""

import os
import tempfile

# The suite runs with DEBUG off, as production does, so it needs a key of its own.
os.environ.setdefault("SECRET_KEY", "newsroom-test-suite-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "newsroom-tests",
    }
}

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests see pages as rendered; the page cache's own tests turn it on.
READER_PAGE_CACHE_SECONDS = 0
READER_FRAGMENT_CACHE_SECONDS = 0

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Uploaded images in tests go to a throw-away folder, never into the project.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))  # noqa: F405

# Static files are served from the apps' folders, as in development, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Background tasks run at once, inside the request, so tests see their result.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
IMPORT_UPLOAD_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-imports-"))  # noqa: F405

# The suite's cache is per process; failed sign-ins are counted in the database.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Most tests sign staff in with force_login, which gives no second factor;
# the two-factor tests turn the requirement on themselves.
STAFF_TWO_FACTOR_REQUIRED = False
