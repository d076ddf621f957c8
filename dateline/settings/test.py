"""Settings for the test suite: fast hashing, jobs run inline, mail kept in memory."""

import os

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, DATA_DIR, HUEY

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail stays in memory unless EMAIL_URL points the tests at a real server (tests/alerts/delivery).
if not os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Test hook only: "stage:n" makes the alert worker kill itself the n-th time it reaches that
# stage (dateline/alerts/delivery.py, tests/alerts/delivery/test_kill.py).
ALERTS_CRASH_AT = os.environ.get("DATELINE_ALERTS_CRASH_AT", "")
HUEY = {**HUEY, "immediate": True}
MEDIA_ROOT = DATA_DIR / "test-media" / str(os.getpid())
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"
WAGTAILADMIN_BASE_URL = "http://testserver"
DATA_DIR.mkdir(parents=True, exist_ok=True)
# Serve static files from the apps in live-server (browser) tests without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = DATA_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The page cache is off for the suite; tests/pagecache turns it on with override_settings.
DATELINE_PAGE_CACHE = False
DATELINE_PAGE_CACHE_DIR = DATA_DIR / "test-page-cache" / str(os.getpid())
