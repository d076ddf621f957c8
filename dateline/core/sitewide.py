"""What every page reads and editors seldom change, read once per request, and kept between
requests while nothing has changed.

The site for a host name, its city settings, the private parts of the page tree, the
newsrooms in the navigation and the active locale cost a query each on every page, though
they change a few times a year. Within a request each is read once (remembered()).

Between requests a process keeps them too, but only while the page cache is on: every
change to any of them purges the page cache (pagecache/signals.py), and every purge
replaces the page cache's generation file after the change is committed. A request reads
that file's identity (one os.stat) before it reads anything through this module; values
are kept under that generation and dropped when a later request finds the file replaced.
A value read before a commit was therefore kept under a generation older than the commit's
purge, and is never served after it. Without the page cache nothing outlives its request.
Values are also read again after KEEP_SECONDS, for changes no signal reports (an image's
file replaced): one set of queries a minute per process.

Callers hand out copies of model instances, so that nothing one request sets on an
instance reaches another.
"""

from __future__ import annotations

import copy
import threading
import time

from asgiref.local import Local
from django.core.signals import request_finished, request_started

# Host names are whatever a client sends: the process keeps at most this many values.
MAX_KEPT = 256
KEEP_SECONDS = 60.0

_request = Local()
_lock = threading.Lock()
_kept: dict = {}
_kept_generation = None
_kept_since = 0.0
# Set by the page cache when it starts (pagecache/apps.py): what its generation is now, or
# None while it is off. Without it nothing outlives its request.
_read_generation = None


def _start(**kwargs) -> None:
    _request.active = True
    _request.values = {}
    _request.generation = None
    _request.generation_read = False


def _finish(**kwargs) -> None:
    _request.active = False
    _request.values = {}


def connect() -> None:
    request_started.connect(_start, dispatch_uid="dateline-sitewide-start")
    request_finished.connect(_finish, dispatch_uid="dateline-sitewide-finish")


def keep_by_generation(read_generation) -> None:
    """Keep values between requests under read_generation()'s answer (the page cache's
    generation: every purge changes it), or not at all while it answers None."""
    global _read_generation
    _read_generation = read_generation


def _generation():
    """The page cache's generation as this request first saw it, or None (nothing kept)."""
    if not _request.generation_read:
        _request.generation_read = True
        if _read_generation is not None:
            _request.generation = _read_generation()
    return _request.generation


def remembered(key, compute, *, keep_none: bool = True):
    """compute()'s value, read at most once per request, and kept between requests while
    the page cache's generation stays the same. Outside a request: compute() every time,
    so the worker and commands always see what is in the database. keep_none=False for
    keys a client chooses (a path): misses are not kept, so a flood of them cannot fill
    the process's share."""
    global _kept_generation, _kept_since
    if not getattr(_request, "active", False):
        return compute()
    values = _request.values
    if key in values:
        return values[key]
    generation = _generation()
    if generation is not None:
        with _lock:
            now = time.monotonic()
            if _kept_generation != generation or now - _kept_since > KEEP_SECONDS:
                _kept.clear()
                _kept_generation = generation
                _kept_since = now
            elif key in _kept:
                values[key] = _kept[key]
                return values[key]
    value = compute()
    values[key] = value
    if generation is not None and (keep_none or value is not None):
        with _lock:
            if _kept_generation == generation and len(_kept) < MAX_KEPT:
                _kept[key] = value
    return value


def forget() -> None:
    """Drop everything kept (tests, and a process that changed data it reads here)."""
    global _kept_generation
    with _lock:
        _kept.clear()
        _kept_generation = None
    if getattr(_request, "active", False):
        _request.values = {}


# --- what is kept ----------------------------------------------------------------------------


def copy_page(page):
    copied = copy.copy(page)
    # A specific page remembers itself as its own `specific`: the copy must not reach back.
    for name in ("specific", "specific_deferred"):
        copied.__dict__.pop(name, None)
    return copied


def find_site(request):
    """Wagtail's Site.find_for_request, kept between requests, its root page already the
    specific page (routing asks for it on every request). Sets Wagtail's per-request cache,
    so every later Site.find_for_request in the request answers from it."""
    from django.http.request import split_domain_port
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def read():
        site = Site._find_for_request(request)
        if site is not None and site.root_page_id is not None:
            site.root_page = site.root_page.specific
        return site

    kept = remembered(("site", hostname, port), read)
    site = None
    if kept is not None:
        site = copy.copy(kept)
        site.root_page = copy_page(kept.root_page)
    request._wagtail_site = site
    return site


def active_locale():
    """The Locale of the active language (None when there is none)."""
    from django.utils import translation
    from wagtail.models import Locale

    def read():
        try:
            return Locale.get_active()
        except (LookupError, Locale.DoesNotExist):
            return None

    return remembered(("locale", translation.get_language()), read)
