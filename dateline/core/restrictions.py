"""Which parts of the page tree are private, read once per request.

Wagtail's `.public()` asks the database for every view restriction each time it is used, and
one release page uses it for the site's navigation, its related stories and the page cache's
check. The answer is read through core/sitewide.py: once per request, and kept between
requests until the next change to the site (any change to a view restriction purges the page
cache). Outside a request (the worker, commands) it is read every time: a long-running
process must always see restrictions added since it started.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from . import sitewide


def _read_restricted_paths() -> tuple[str, ...]:
    from wagtail.models import Page, PageViewRestriction

    # Two plain queries: joined, SQLite would read the whole page table to find none.
    ids = list(PageViewRestriction.objects.values_list("page_id", flat=True))
    return tuple(Page.objects.filter(pk__in=ids).values_list("path", flat=True)) if ids else ()


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages that have a view restriction (their subtrees are private)."""
    return sitewide.remembered("restricted-paths", _read_restricted_paths)


def public(pages: QuerySet) -> QuerySet:
    """Like Wagtail's `.public()`, without asking again within a request."""
    paths = restricted_paths()
    if not paths:
        return pages
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return pages.exclude(private)


def is_private(page) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths())


def readable(pages: QuerySet, within=None) -> QuerySet:
    """What any reader may see: live, and under no view restriction (a password, a login,
    a group, or a private newsroom above it); under the page `within` when given.

    The one rule for every page, list, feed, API answer and outgoing message. Embargoed and
    scheduled releases are not live until their time, so they are left out too.
    """
    pages = public(pages.filter(live=True))
    if within is not None:
        pages = pages.filter(path__startswith=within.path)
    return pages


def is_readable(page) -> bool:
    """readable() for one page already in hand."""
    return page is not None and bool(page.live) and not is_private(page)


class ReadableQuerySet(PageQuerySet):
    """The queryset of every page model readers see: `Model.objects.readable(within)`."""

    def readable(self, within=None):
        return readable(self, within)


ReadableManager = PageManager.from_queryset(ReadableQuerySet)


class ViewRestrictionsReadOnce:
    """For page models: Wagtail's check on every page view, from the once-a-request read.

    Wagtail asks each served page for its view restrictions (two queries). When no
    restriction covers the page there are none to return, and the answer comes from
    restricted_paths() without asking the database again.
    """

    def get_view_restrictions(self):
        if not is_private(self):
            from wagtail.models import PageViewRestriction

            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
