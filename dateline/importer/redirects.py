"""Which old addresses an import may redirect: never one that belongs to the site itself.

An old site's address list is data from outside. A release whose old address was
``/admin/login`` or ``/alerts/unsubscribe`` must not take that address over, so the
site's own addresses are read from its URL configuration (not a list kept by hand that
would drift as apps add routes), together with the media and static prefixes.
"""

from __future__ import annotations

import re
from functools import cache

from django.conf import settings
from django.urls import URLResolver, get_resolver
from wagtail.models import Page

# What a literal first path segment may contain; a converter or a regex is not one.
_LITERAL = re.compile(r"^[\w.\-]+$")


@cache
def reserved_prefixes() -> frozenset[str]:
    """First path segments the site routes itself: "admin", "alerts", "robots.txt", …"""
    found: set[str] = set()

    def visit(patterns):
        for pattern in patterns:
            route = str(pattern.pattern).lstrip("^")
            first = route.split("/", 1)[0]
            if not first and isinstance(pattern, URLResolver):
                visit(pattern.url_patterns)  # an include at the root: its routes are ours
            elif _LITERAL.match(first.rstrip("$")):
                found.add(first.rstrip("$").lower())
            # Else the route starts with a variable: Wagtail's pages, served by their paths.

    visit(get_resolver().url_patterns)
    for url in (settings.MEDIA_URL, settings.STATIC_URL):
        first = (url or "").strip("/").split("/", 1)[0]
        if first and "://" not in url:
            found.add(first.lower())
    return frozenset(found)


def reserved_prefix(old_path: str) -> str:
    """The site's own segment ``old_path`` falls under ("admin"), or ""."""
    first = old_path.lstrip("/").split("/", 1)[0].split("?", 1)[0].lower()
    return first if first in reserved_prefixes() else ""


def live_page_at(site, old_path: str, but: Page | None = None) -> bool:
    """True when a live page of ``site`` (other than ``but``) is served at ``old_path``."""
    path = old_path.split("?", 1)[0].strip("/")
    root = site.root_page.url_path
    candidate = root + (path + "/" if path else "")
    pages = Page.objects.live().filter(url_path__iexact=candidate)
    if but is not None and but.pk:
        pages = pages.exclude(pk=but.pk)
    return pages.exists()
