"""Production settings: everything comes from the environment (docs/configuration.md).

Built on base.py alone, so nothing meant for a developer's machine (dev.py) reaches a site.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATA_DIR, DEV_SECRET_KEY, SECRET_KEY, env_flag, env_int

if env_flag("DJANGO_DEBUG"):
    raise ImproperlyConfigured("DJANGO_DEBUG is on. Production never runs with DEBUG.")

DEBUG = False
# SECRET_KEY and ALLOWED_HOSTS are read in base.py; here they are required.
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a private random value of at least 40 characters "
        "(not the development key). Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# DATELINE_HTTPS=0 only for a site served over plain HTTP on this machine (make demo):
# secure cookies and HSTS would otherwise make the admin unusable at http://127.0.0.1.
_https = env_flag("DATELINE_HTTPS", "1")
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https and env_flag("DATELINE_SSL_REDIRECT", "1")
SECURE_HSTS_SECONDS = env_int("DATELINE_HSTS_SECONDS", 31_536_000) if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https and env_flag("DATELINE_HSTS_PRELOAD")
# W019: Wagtail's live preview shows the page in a same-origin frame, so SAMEORIGIN, not DENY.
# W021: preloading HSTS binds every subdomain of the city's domain for years; a city opts in
# deliberately with DATELINE_HSTS_PRELOAD=1.
SILENCED_SYSTEM_CHECKS = ["security.W019"] + ([] if SECURE_HSTS_PRELOAD else ["security.W021"])
# DATELINE_BEHIND_PROXY and DATELINE_TRUSTED_PROXIES are read in base.py, for every module.

# EMAIL_URL is read in base.py, like DATABASE_URL, so every environment honours it.
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "")
ADMINS = [("Site administrator", a) for a in os.environ.get("ADMINS", "").split(",") if a]

DATA_DIR.mkdir(parents=True, exist_ok=True)
