"""Settings shared by every environment.

Every value that differs between installations is read from the environment here or in
production.py. Every setting of Dateline's own that the package reads is assigned here, with
its default, whatever the environment; docs/configuration.md lists each one and the variable
that feeds it (tests/settings/test_declared.py holds both lists to that).
"""

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """A whole number from the environment, or a message naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not “{raw}”.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def env_networks(name: str, default: list[str]) -> list[str]:
    """Addresses or networks (CIDR), comma-separated, or a message naming the bad one."""
    raw = [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]
    for entry in raw:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks such as 10.0.0.0/8, "
                f"separated by commas; “{entry}” is neither."
            ) from None
    return raw or default


_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Everything the running site writes (SQLite files, media, the task queue) lives under one
# folder so that a backup or a reset is a single path.
DATA_DIR = Path(os.environ.get("DATELINE_DATA_DIR", _PACKAGE_DIR.parent / "var")).resolve()

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# The key dev.py falls back to; production.py refuses to start with it.
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "dateline.core",
    "dateline.topics",
    "dateline.officials",
    "dateline.releases",
    "dateline.demo",
    "dateline.feeds",
    "dateline.search",
    "dateline.api",
    "dateline.alerts",
    "dateline.editorial",
    "dateline.security",
    "dateline.importer",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "huey.contrib.djhuey",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: nothing may read a forwarded header an untrusted peer sent.
    "dateline.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks whether this session has passed the second factor; the next one enforces it.
    "django_otp.middleware.OTPMiddleware",
    "dateline.security.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dateline.core.middleware.ContentSecurityPolicyMiddleware",
    "dateline.core.middleware.SiteTimeZoneMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [_PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite under DATA_DIR unless DATABASE_URL points elsewhere, in every environment, so any
# command can be aimed at a scratch database.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'dateline.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids the
    # "database is locked" error when two writers race inside a transaction. Connections
    # are kept between requests like any database's (DATABASE_CONN_MAX_AGE): opening one
    # and setting its pragmas cost about a fifth of an uncached page's render.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# OWASP ASVS 2.1: at least 12 characters, at most 128, no composition rules (they make
# passwords easier to guess, not harder), refused when common or close to the person's name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "dateline.security.passwords.MaximumLengthValidator"},
]

# Every staff account signs in with a password and a code from an authenticator app
# (docs/configuration.md, "Staff security"). The issuer names the account in the app.
OTP_TOTP_ISSUER = os.environ.get("DATELINE_OTP_ISSUER", "Dateline")
# A second approval step for releases, after an editor's: the name of a group (e.g. "Legal")
# whose members must also approve. Created with the step at the next `dateline migrate`.
DATELINE_LEGAL_REVIEW_GROUP = os.environ.get("DATELINE_LEGAL_REVIEW_GROUP") or None

# Five failed logins from one address for one username lock that pair for an hour: someone
# guessing from elsewhere cannot lock staff out. The address is the visitor's, read through
# the trusted proxies (dateline/core/clientip.py), so the proxy is never "everyone".
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "dateline.core.clientip.client_address"
# Password reset mails, limited per address and per client (dateline/security/password_reset.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "dateline.security.password_reset.LimitedPasswordResetForm"

# --- Behind a proxy (Varnish, nginx, a load balancer) -----------------------------------------
# X-Forwarded-Proto, -Host and -For count only from DATELINE_TRUSTED_PROXIES (addresses or
# networks; loopback by default, for a proxy on this machine); from anyone else they are
# dropped before Django reads them. Without DATELINE_BEHIND_PROXY none is trusted.
DATELINE_BEHIND_PROXY = env_flag("DATELINE_BEHIND_PROXY")
DATELINE_TRUSTED_PROXIES = (
    env_networks("DATELINE_TRUSTED_PROXIES", ["127.0.0.0/8", "::1"])
    if DATELINE_BEHIND_PROXY
    else []
)
if DATELINE_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
USE_I18N = True
USE_TZ = True
# The site's own time zone (CitySettings) governs public pages; this is the fallback for
# commands and requests that have no site.
TIME_ZONE = os.environ.get("DATELINE_TIME_ZONE", "America/Los_Angeles")

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [_PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Dateline"
WAGTAILADMIN_BASE_URL = os.environ.get("DATELINE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "csv", "txt", "odt", "ods"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Public pages get a strict policy: nothing inline, nothing from elsewhere but embeds.
# The admin gets its own (ContentSecurityPolicyMiddleware picks by path); see middleware.py.
_EMBED_SOURCES = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": _EMBED_SOURCES,
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Paths that get CSP_ADMIN_DIRECTIVES instead (dateline/core/middleware.py).
CSP_ADMIN_PREFIXES = ("/admin/",)
CSP_ADMIN_DIRECTIVES = {
    "default-src": ["'self'"],
    # Wagtail 7.4's editor starts InlinePanels and date pickers with inline <script> tags
    # (wagtailadmin/panels/inline_panel.html, widgets/datetime_input.html) and sets style
    # attributes; tests/browser/test_admin.py shows the editor working under this policy
    # (and failing without either exception).
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *_EMBED_SOURCES],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# EMAIL_URL picks the mail transport in every environment (docs/configuration.md), e.g.
# smtp://user:password@mail.example:587/?tls=True, file:///srv/dateline/var/mail or console://.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
_email = dj_email_url.parse(EMAIL_URL or "console://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = bool(_email["EMAIL_USE_TLS"])
EMAIL_USE_SSL = bool(_email["EMAIL_USE_SSL"])
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or 30
# Only the file backend reads it. dj-email-url drops the leading slash of file:///abs/path,
# so the URL's own path is taken.
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
if EMAIL_BACKEND.endswith("filebased.EmailBackend"):
    EMAIL_FILE_PATH = urlsplit(EMAIL_URL).path or EMAIL_FILE_PATH
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# --- Email alerts (dateline/alerts) -------------------------------------------------------
# Confirmation emails one address may be sent per window (dateline/alerts/ratelimit.py).
ALERTS_CONFIRMATIONS_PER_ADDRESS = 3
ALERTS_ADDRESS_WINDOW_HOURS = 24
# Subscribe requests one visitor's address may make per window.
ALERTS_REQUESTS_PER_IP = 20
ALERTS_IP_WINDOW_MINUTES = 60
# Days a "manage your alerts" link in an email keeps working (dateline/alerts/tokens.py).
ALERTS_MANAGE_LINK_DAYS = 730
# Test hook, empty in every real site: "stage:n" makes the delivery worker kill itself the
# n-th time it reaches that stage (dateline/alerts/delivery.py; test.py reads it).
ALERTS_CRASH_AT = ""

# --- Publishing (dateline/editorial) ------------------------------------------------------
# The reading grade above which the publish checks warn that a release is hard to read.
DATELINE_READING_GRADE_TARGET = 10
# Revisions of a release that has ever been published cannot be deleted (purge_revisions
# skips them): the record of what the public was shown. False allows deleting them.
DATELINE_KEEP_RELEASE_REVISIONS = True

# Background jobs. SQLite storage beside the database by default; Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": "dateline",
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dateline",
        }
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "dateline",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        # Seconds a queue write waits for another process's, as the database's own do.
        "timeout": 20,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dateline",
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # Subscription links carry tokens that act as passwords: never write one to a log.
    "filters": {"redact_tokens": {"()": "dateline.alerts.redact.RedactTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"filters": ["redact_tokens"]},
        "dateline": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# The embedded default answers MEDIA_URL itself, images only and only those a reader can
# already see (dateline/core/media.py); turn off only when nothing else answers MEDIA_URL
# unchecked (docs/configuration.md, "Serving media files safely").
SERVE_MEDIA = os.environ.get("DATELINE_SERVE_MEDIA", "1") == "1"
# With nginx in front: Dateline decides who may have an image and answers with an
# X-Accel-Redirect to this internal location, which nginx serves from MEDIA_ROOT.
DATELINE_MEDIA_ACCEL_REDIRECT = os.environ.get("DATELINE_MEDIA_ACCEL_REDIRECT", "")

# Staff avatars stay on this server: no requests to gravatar.com from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Page cache (dateline/pagecache) ---------------------------------------------------------
# Anonymous public pages are stored as files under this folder (shared by every worker
# process, kept across restarts) and answered before Django runs; publishing, unpublishing,
# corrections and the scheduler purge exactly the pages that show the release.
DATELINE_PAGE_CACHE = os.environ.get("DATELINE_PAGE_CACHE", "1") == "1"
DATELINE_PAGE_CACHE_DIR = Path(os.environ.get("DATELINE_PAGE_CACHE_DIR", DATA_DIR / "page-cache"))
DATELINE_PAGE_CACHE_OPTIONS = {
    # Hot pages also kept in each web process's memory.
    "memory_bytes": env_int("DATELINE_PAGE_CACHE_MEMORY_MB", 64) * 1024 * 1024,
    # The folder's limits: past either, the least recently used pages go first.
    "max_entries": env_int("DATELINE_PAGE_CACHE_MAX_PAGES", 50_000, minimum=1),
    "max_bytes": env_int("DATELINE_PAGE_CACHE_MAX_MB", 1024, minimum=1) * 1024 * 1024,
    # Seconds a stored page is served at most: a safety net behind the purges.
    "ttl": env_int("DATELINE_PAGE_CACHE_SECONDS", 600, minimum=1),
    "max_age": 60,  # Cache-Control for browsers
    "s_maxage": env_int("DATELINE_SHARED_CACHE_SECONDS", 600),  # ... for Varnish or a CDN
}
INSTALLED_APPS = [*INSTALLED_APPS, "dateline.pagecache"]
# Outermost but for the proxy check, so it sees the cookies the session and CSRF middleware set.
MIDDLEWARE = [MIDDLEWARE[0], "dateline.pagecache.middleware.PageCacheMiddleware", *MIDDLEWARE[1:]]

# --- Varnish or a CDN in front (deploy/varnish.vcl) ------------------------------------------
# Where it listens, so every purge of the page cache also purges it, e.g. http://127.0.0.1:80.
DATELINE_FRONTEND_CACHE_URL = os.environ.get("DATELINE_FRONTEND_CACHE_URL", "")
# Its backends (in WAGTAILFRONTENDCACHE's format), used through
# wagtail.contrib.frontend_cache.utils by dateline/pagecache/purge.py only. The app itself stays
# out of INSTALLED_APPS: its ready() connects publish and unpublish handlers that would purge
# each release's page a second time, beside Dateline's own purge.
DATELINE_FRONTEND_CACHE_BACKENDS = (
    {
        "varnish": {
            "BACKEND": "dateline.pagecache.frontend.VarnishBackend",
            "LOCATION": DATELINE_FRONTEND_CACHE_URL,
        }
    }
    if DATELINE_FRONTEND_CACHE_URL
    else {}
)
# Empty on purpose: Wagtail's own admin views (the redirects' add, edit and delete) purge
# through this setting, a second time and without a timeout, beside the purge of everything
# that Dateline sends when a redirect is saved or deleted.
WAGTAILFRONTENDCACHE = {}

# --- Wagtail's own background tasks (django-tasks) -------------------------------------------
# Wagtail enqueues the reference index and search index updates of every save, and the
# deletion of a deleted image's or document's files. They run inline, in the saving
# transaction, on purpose, not on huey: the publication's purge lets readers in the moment it
# commits, and what they get then reads both indexes (dateline/core/media.py answers a photo
# by the reference index and keeps that answer until the next purge; officials' letters list
# their citing releases by it; search reads the other). huey's own django-tasks backend
# (huey.contrib.djhuey.tasks_backend) would run them in the worker after the commit, so a
# release's first readers could get, and each process keep, a 404 for its new photo; it also
# keeps a record of every task in huey's result store that nothing ever removes.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
