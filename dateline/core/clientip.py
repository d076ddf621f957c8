"""What a request may be trusted to say about itself: who sent it, and where the site is.

Behind a proxy (DATELINE_BEHIND_PROXY=1) the connection comes from the proxy, which tells
the visitor's address, scheme and host in X-Forwarded-* headers. Anyone can send those
headers, so they count only when the connecting peer is one of DATELINE_TRUSTED_PROXIES;
from any other peer they are removed (drop_untrusted_forwarding) before the page cache or
Django reads them. Every rate limit and django-axes ask client_address() for the visitor.

Absolute links that are cached and shared (robots.txt, sitemaps, feeds, the API) come from
the Site record (site_root), never from a header: a host or scheme a client made up must not
reach the next reader.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings

FORWARDED_KEYS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple:
    return _networks(tuple(settings.DATELINE_TRUSTED_PROXIES))


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted_proxy(value: str) -> bool:
    address = _address(value or "")
    return address is not None and any(address in net for net in trusted_networks())


def drop_untrusted_forwarding(meta: dict) -> None:
    """Remove X-Forwarded-* (a WSGI environ or request.META) unless a trusted proxy sent them."""
    if not any(key in meta for key in FORWARDED_KEYS):
        return
    if is_trusted_proxy(meta.get("REMOTE_ADDR", "")):
        return
    for key in FORWARDED_KEYS:
        meta.pop(key, None)


def client_address(request) -> str:
    """The visitor's address: the connecting one, or, when that is a trusted proxy, the
    nearest X-Forwarded-For entry that is not one of our proxies. Entries further left were
    written by the client and could be anything, so they never count."""
    meta = request.META
    peer = meta.get("REMOTE_ADDR", "") or ""
    if not is_trusted_proxy(peer):
        return peer
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    nearest = peer
    for hop in reversed([h for h in hops if h]):
        address = _address(hop)
        if address is None:
            break
        nearest = str(address)
        if not is_trusted_proxy(nearest):
            break
    return nearest


def site_root(request) -> str:
    """The site's own address, e.g. https://news.harlowcreek.gov, from its Site record."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/")


def absolute_url(request, location: str) -> str:
    """A path made absolute on the site's own address; an absolute URL stays as it is."""
    if location.startswith("/") and not location.startswith("//"):
        return site_root(request) + location
    return location
