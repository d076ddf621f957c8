"""Production settings: everything comes from the environment (docs/configuration.md)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATA_DIR
from .dev import DEV_SECRET_KEY


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


if _flag("DJANGO_DEBUG", "0"):
    raise ImproperlyConfigured("DJANGO_DEBUG is on. Production never runs with DEBUG.")

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a private random value of at least 40 characters "
        "(not the development key). Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# DATELINE_HTTPS=0 only for a site served over plain HTTP on this machine (make demo):
# secure cookies and HSTS would otherwise make the admin unusable at http://127.0.0.1.
HTTPS = _flag("DATELINE_HTTPS", "1")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and _flag("DATELINE_SSL_REDIRECT", "1")
SECURE_HSTS_SECONDS = int(os.environ.get("DATELINE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and _flag("DATELINE_HSTS_PRELOAD", "0")
# W019: Wagtail's live preview shows the page in a same-origin frame, so SAMEORIGIN, not DENY.
# W021: preloading HSTS binds every subdomain of the city's domain for years; a city opts in
# deliberately with DATELINE_HSTS_PRELOAD=1.
SILENCED_SYSTEM_CHECKS = ["security.W019"] + ([] if SECURE_HSTS_PRELOAD else ["security.W021"])
# DATELINE_BEHIND_PROXY and DATELINE_TRUSTED_PROXIES are read in base.py, for every module.

# EMAIL_URL is read in base.py, like DATABASE_URL, so every environment honours it.
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "")
ADMINS = [("Site administrator", a) for a in os.environ.get("ADMINS", "").split(",") if a]

DATA_DIR.mkdir(parents=True, exist_ok=True)
