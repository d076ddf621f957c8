"""PageCache: a WSGI wrapper that answers anonymous readers from the store before Django runs.

A request may be served from the cache, or fill it, only when all of these hold:

- GET or HEAD (HEAD is answered from the stored GET; a HEAD miss is never stored);
- no Authorization header;
- no session cookie (settings.SESSION_COOKIE_NAME) and no messages cookie: those are the
  cookies that can change what Django shows. Other cookies (analytics, consent, csrftoken)
  do not prevent a hit: no cacheable page shows a CSRF token (the only public form that
  posts, alerts/subscribe, is under /alerts/, which is never cached);
- the path is not under a never-cached prefix (/admin/, /preview/, /documents/, /alerts/,
  /search/, /django-admin/, /media/, /static/);
- every query parameter is allowed for that kind of path (pages: page, topic, year; the API:
  its filter and paging parameters), at most 8 of them, each value at most 100 characters.
  Tracking parameters (utm_*, fbclid, gclid…) are dropped from the key: the page is the same
  (no cached page copies them into a link: the API's page links keep only its own parameters).
  A parameter given twice bypasses: Django reads the last one, the key could not tell them apart;
- the key's host and scheme are the ones Django sees: X-Forwarded-Host and -Proto count only
  from DATELINE_TRUSTED_PROXIES (removed here from anyone else, dateline/core/clientip.py) and
  only when USE_X_FORWARDED_HOST / SECURE_PROXY_SSL_HEADER say so. Links in shared responses
  come from the Site record, so even a trusted proxy's odd header cannot reach another reader.
  Any other parameter bypasses the cache entirely, so a flood of made-up query strings
  reaches Django (which answers it as before) but cannot fill memory or disk.

Search stays uncached: its query is free text, and caching it would let anyone fill the disk.

On a miss Django runs as usual. Its response is stored only when the Django side
(middleware.py) marked it with X-Dateline-Page-Cache: store — it knows the view, the page
and whether the session or a CSRF token was used — and it is a 200 to a GET with no
Set-Cookie. The marker is removed before the response leaves. Every response that went
through the cache carries X-Cache: HIT, MISS or BYPASS.

Conditional requests: a hit whose ETag matches If-None-Match is answered 304. Stored
entries get an ETag from their body when Django gave none.

Compression: a stored page of text (HTML, feeds, sitemaps, JSON) is also kept gzip-compressed,
compressed once when stored, and sent so to readers whose Accept-Encoding allows gzip (with
its own ETag, ending -gz); others get it as it is. Every stored page says
Vary: Accept-Encoding, so browsers and proxies keep the two apart. Under a spike the
city's uplink, more than the processor, is what runs out: a release page compressed is
about a third of its size.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from urllib.parse import parse_qsl, urlencode

from dateline.api.params import QUERY_PARAMETERS
from dateline.core.clientip import drop_untrusted_forwarding

from .store import Entry, Store

MARKER = "x-dateline-page-cache"
NEVER_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/preview/",
    "/documents/",
    "/alerts/",
    "/search/",
    "/media/",
    "/static/",
    "/subscribe",
)
PAGE_PARAMS = frozenset({"page", "topic", "year"})
API_PARAMS = QUERY_PARAMETERS
TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga"})
MAX_PARAMS = 8
MAX_VALUE = 100
_HOST = re.compile(r"[a-z0-9.\-]{1,253}(?::[0-9]{1,5})?")
_STATUS = {200: "200 OK", 304: "304 Not Modified"}
_NOT_MODIFIED_KEEP = {"cache-control", "etag", "expires", "vary", "last-modified"}
COMPRESSIBLE = re.compile(
    r"(?:text/|application/(?:json|feed\+json|ld\+json|xml|rss\+xml|atom\+xml|xhtml\+xml))",
    re.IGNORECASE,
)
MIN_COMPRESS = 860  # bytes; below about a packet, compressing gains nothing
_GZIP = re.compile(r"(?:^|,)\s*(gzip|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*(?=,|$)", re.IGNORECASE)


_accepts: dict[str, bool] = {}  # browsers send a handful of distinct headers


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip: named, or "*", with a q above 0 (a
    gzip named with q=0 refuses it whatever "*" says)."""
    if not header:
        return False
    known = _accepts.get(header)
    if known is None:
        known = _parse_accept_encoding(header)
        if len(_accepts) < 256:
            _accepts[header] = known
    return known


def _parse_accept_encoding(header: str) -> bool:
    allowed = {}
    for match in _GZIP.finditer(header):
        try:
            quality = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            continue
        allowed[match.group(1).lower()] = quality > 0
    return allowed.get("gzip", allowed.get("*", False))


def compressed(body: bytes, headers: list[tuple[str, str]]) -> bytes:
    """The body gzip-compressed, or b"" when it is not text or would not get smaller."""
    if len(body) < MIN_COMPRESS:
        return b""
    content_type = ""
    for name, value in headers:
        lower = name.lower()
        if lower == "content-encoding":
            return b""
        if lower == "content-type":
            content_type = value
    if not COMPRESSIBLE.match(content_type):
        return b""
    # mtime=0: the same page always compresses to the same bytes.
    packed = gzip.compress(body, compresslevel=6, mtime=0)
    return packed if len(packed) < len(body) else b""


def with_vary_accept_encoding(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out, found = [], False
    for name, value in headers:
        if name.lower() == "vary":
            found = True
            if "accept-encoding" not in value.lower() and value.strip() != "*":
                value = f"{value}, Accept-Encoding"
        out.append((name, value))
    if not found:
        out.append(("Vary", "Accept-Encoding"))
    return out


def allowed_params(path: str) -> frozenset:
    return API_PARAMS if path.startswith("/api/") else PAGE_PARAMS


def normalize_query(path: str, query: str) -> str | None:
    """The query string as the cache keys it, or None when the request must bypass."""
    if not query:
        return ""
    if len(query) > 1000:
        return None
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=False)
    except ValueError:
        return None
    allowed = allowed_params(path)
    kept, seen = [], set()
    for key, value in pairs:
        if key.startswith("utm_") or key in TRACKING:
            continue
        # A repeated parameter (?page=3&page=1): pages read the last value, the API refuses
        # it, and sorted they would share one key, so Django answers it every time.
        if key not in allowed or len(value) > MAX_VALUE or key in seen:
            return None
        seen.add(key)
        kept.append((key, value))
    if len(kept) > MAX_PARAMS:
        return None
    return urlencode(sorted(kept))


class PageCache:
    """Wrap a WSGI application (Django's) with the page cache."""

    def __init__(
        self,
        application,
        *,
        directory=None,
        enabled=None,
        session_cookie=None,
        extra_cookies=("messages",),
        memory_bytes=None,
        max_entries=None,
        max_bytes=None,
        ttl=None,
    ):
        from django.conf import settings

        self.application = application
        if directory is None or enabled is None or session_cookie is None:
            if enabled is None:
                enabled = settings.DATELINE_PAGE_CACHE
            if directory is None:
                directory = settings.DATELINE_PAGE_CACHE_DIR
            if session_cookie is None:
                session_cookie = settings.SESSION_COOKIE_NAME
            options = settings.DATELINE_PAGE_CACHE_OPTIONS
            # 0 is a real choice for the memory copy (none), so only None means "unset".
            if memory_bytes is None:
                memory_bytes = options.get("memory_bytes")
            max_entries = max_entries or options.get("max_entries")
            max_bytes = max_bytes or options.get("max_bytes")
            ttl = ttl or options.get("ttl")
        self.enabled = bool(enabled)
        # As Django reads them (HttpRequest.get_host, .scheme).
        self.forwarded_host = bool(settings.USE_X_FORWARDED_HOST)
        self.proxy_ssl_header = settings.SECURE_PROXY_SSL_HEADER
        limits = {
            k: v
            for k, v in (
                ("memory_bytes", memory_bytes),
                ("max_entries", max_entries),
                ("max_bytes", max_bytes),
                ("ttl", ttl),
            )
            if v is not None
        }
        self.store = Store(directory, **limits) if self.enabled else None
        names = "|".join(re.escape(n) for n in (session_cookie, *extra_cookies))
        self._private_cookie = re.compile(rf"(?:^|[;,]\s*)(?:{names})=")

    # --- the request -----------------------------------------------------------------------

    def key(self, environ) -> str | None:
        """The entry file for this request, or None when it must bypass the cache."""
        method = environ.get("REQUEST_METHOD")
        if method != "GET" and method != "HEAD":
            return None
        if "HTTP_AUTHORIZATION" in environ:
            return None
        cookie = environ.get("HTTP_COOKIE")
        if cookie and self._private_cookie.search(cookie):
            return None
        path = environ.get("PATH_INFO") or "/"
        if path.startswith(NEVER_PREFIXES):
            return None
        query = normalize_query(path, environ.get("QUERY_STRING", ""))
        if query is None:
            return None
        # Keyed by the host and scheme Django itself will see (forwarded ones only from a
        # trusted proxy, and only when the settings say to read them), so a page is never
        # stored under a host or scheme other than the one its request was made for.
        host = self._host(environ).lower()
        if not _HOST.fullmatch(host):
            return None
        scheme = self._scheme(environ)
        if scheme not in ("http", "https"):
            return None
        return self.store.file_for(f"{scheme}-{host}", path, query)

    def _host(self, environ) -> str:
        if self.forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
            return environ["HTTP_X_FORWARDED_HOST"]
        return environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or ""

    def _scheme(self, environ) -> str:
        if self.proxy_ssl_header:
            header, secure = self.proxy_ssl_header
            value = environ.get(header)
            if value is not None:
                return "https" if value.split(",", 1)[0].strip() == secure else "http"
        return environ.get("wsgi.url_scheme", "")

    def __call__(self, environ, start_response):
        drop_untrusted_forwarding(environ)
        if not self.enabled:
            return self.application(environ, start_response)
        filename = self.key(environ)
        if filename is None:
            return self._pass(environ, start_response, "BYPASS", None, None)
        entry = self.store.get(filename)
        if entry is not None:
            return self._serve(environ, start_response, entry)
        if environ["REQUEST_METHOD"] != "GET":
            return self._pass(environ, start_response, "MISS", None, None)
        return self._pass(environ, start_response, "MISS", filename, self.store.generation())

    def _serve(self, environ, start_response, entry: Entry, label=None):
        if entry.gzip and accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")):
            headers, body = entry.gzip_headers(), entry.gzip
        else:
            headers, body = entry.headers, entry.body
        cache = _HIT if label is None else [("X-Cache", label)]
        match = environ.get("HTTP_IF_NONE_MATCH")
        # Either representation's validator is as good: the page behind them is the same.
        if (
            match
            and entry.etag
            and (_etag_matches(match, entry.etag) or _etag_matches(match, entry.gzip_etag))
        ):
            kept = [(k, v) for k, v in headers if k.lower() in _NOT_MODIFIED_KEEP]
            start_response(_STATUS[304], kept + cache)
            return [b""]
        start_response(_STATUS.get(entry.status, f"{entry.status} OK"), headers + cache)
        if environ["REQUEST_METHOD"] == "HEAD":
            return [b""]
        return [body]

    def _pass(self, environ, start_response, label, filename, generation):
        """Run Django; strip the marker; store the response when allowed."""
        captured = {}

        def capture(status, headers, exc_info=None):
            storable = False
            kept = []
            for name, value in headers:
                if name.lower() == MARKER:
                    storable = value == "store"
                    continue
                kept.append((name, value))
            captured.update(status=status, headers=kept, storable=storable)
            kept = kept + [("X-Cache", label)]
            if exc_info is not None:
                return start_response(status, kept, exc_info)
            return start_response(status, kept)

        if filename is None:
            return self.application(environ, capture)
        # Delay start_response until we know whether to store, so the body can be kept.
        held = {}

        def hold(status, headers, exc_info=None):
            held.update(status=status, headers=headers, exc_info=exc_info)
            return lambda data: None  # Django never uses write()

        result = self.application(environ, hold)
        headers = held.get("headers", [])
        status = held.get("status", "500 Internal Server Error")
        storable = (
            status.startswith("200 ")
            and any(n.lower() == MARKER and v == "store" for n, v in headers)
            and not any(n.lower() == "set-cookie" for n, v in headers)
        )
        if not storable:
            capture(status, headers, held.get("exc_info"))
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        kept = [(n, v) for n, v in headers if n.lower() != MARKER]
        etag = next((v for n, v in kept if n.lower() == "etag"), "")
        if not etag:
            etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
            kept.append(("ETag", etag))
        if not any(n.lower() == "content-length" for n, _ in kept):
            kept.append(("Content-Length", str(len(body))))
        packed = compressed(body, kept)
        if packed:
            kept = with_vary_accept_encoding(kept)
        entry = Entry(200, kept, body, time.time(), etag, packed)
        self.store.put(filename, entry, generation)
        return self._serve(environ, start_response, entry, "MISS")


_HIT = [("X-Cache", "HIT")]


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in header.split(","))
