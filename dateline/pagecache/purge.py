"""What to purge when a release changes, and purging it.

The purge map (urls_for_release)
    paths (every query variant of each: ?page=2, ?topic=…, ?year=…)
        the release's own page; every ancestor with a URL (its newsroom's list, the home
        page); its newsroom's archive pages for its year and month; /topics/ and each of its
        topics' pages; /officials/ and the page of each official it confirms; /corrections/;
        /sitemap.xml and /news-sitemap.xml, and the sitemap pages that list it and the
        topics; the API's lists and its detail; every feed that can hold it (site, newsroom,
        topics, officials; RSS, Atom, JSON Feed); the pages of the releases whose
        related-stories box shows it (editors' picks and computed lists).
    trees (everything under them, in this server's own cache and in Varnish)
        /feeds/, /topics/, /officials/, /api/v1/, /sitemaps/, and every archive year of its
        newsroom (so a changed release date is covered too).
    The frontend cache (wagtail.contrib.frontend_cache, when WAGTAILFRONTENDCACHE is set)
    gets the paths as absolute URLs on every site; it cannot purge trees, so the paths list
    names each feed and page itself.

Computed related lists change later, when the worker recomputes them (releases/signals.py):
each list it rewrites deletes its old rows, and signals.py purges the owners' pages then.

Purges run after the transaction commits and synchronously: deleting a few folders takes
milliseconds, so a publication is visible on the next request. Rare, broad changes (a
newsroom or home page edited, a page moved or renamed, a topic, official, city settings or
redirect edited, a bulk import) purge everything once per transaction instead: purge_all().
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

TREES = ("/feeds/", "/topics/", "/officials/", "/api/v1/", "/sitemaps/")
SITE_PATHS = ("/", "/sitemap.xml", "/news-sitemap.xml", "/corrections/", "/feeds/rss.xml")
API_LISTS = ("/api/v1/releases/", "/api/v1/topics/", "/api/v1/officials/")
FEED_FORMATS = ("rss", "atom", "json")
YEAR = re.compile(r"[0-9]{4}")

_stores: dict[str, object] = {}
_pending = threading.local()


@dataclass
class PurgeSet:
    paths: set[str] = field(default_factory=set)
    trees: set[str] = field(default_factory=set)
    archives: set[str] = field(default_factory=set)  # newsroom paths: all their year folders

    def update(self, other: PurgeSet) -> None:
        self.paths |= other.paths
        self.trees |= other.trees
        self.archives |= other.archives


def local_enabled() -> bool:
    return bool(getattr(settings, "DATELINE_PAGE_CACHE", False))


def frontend_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def enabled() -> bool:
    return local_enabled() or frontend_enabled()


def get_store():
    from .store import Store

    directory = str(settings.DATELINE_PAGE_CACHE_DIR)
    store = _stores.get(directory)
    if store is None:
        store = _stores[directory] = Store(directory)
    return store


# --- the map -----------------------------------------------------------------------------


def page_path(page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def urls_for_release(release) -> PurgeSet:
    from django.urls import reverse

    from dateline.core import apstyle
    from dateline.core.models import CitySettings
    from dateline.feeds.scopes import feed_path
    from dateline.releases.models import ComputedRelated, NewsIndexPage, RelatedRelease

    out = PurgeSet(paths=set(SITE_PATHS), trees=set(TREES))
    own = page_path(release)
    if own:
        out.paths.add(own)
    for fmt in FEED_FORMATS:
        out.paths.add(feed_path("all", "", fmt))
    # Its newsroom(s) and every listing above it, with the archive pages of its date.
    site = release.get_site()
    zone = CitySettings.for_site(site).time_zone if site is not None else settings.TIME_ZONE
    for ancestor in release.get_ancestors().specific():
        path = page_path(ancestor)
        if not path:
            continue
        out.paths.add(path)
        if isinstance(ancestor, NewsIndexPage):
            day = apstyle.local_date(release.release_date, zone)
            out.paths.add(f"{path}{day.year}/")
            out.paths.add(f"{path}{day.year}/{day.month:02d}/")
            out.archives.add(path)
            for fmt in FEED_FORMATS:
                out.paths.add(feed_path("newsroom", ancestor.slug, fmt))
    # Topics and officials, their pages and feeds.
    out.paths.add(reverse("topics:list"))
    out.paths.add(reverse("officials:list"))
    for slug in release.topics.values_list("slug", flat=True):
        out.paths.add(reverse("topics:detail", args=[slug]))
        out.paths.add(f"/api/v1/topics/{slug}/")
        out.paths |= {feed_path("topic", slug, fmt) for fmt in FEED_FORMATS}
    mentioned = release.mentions.filter(confirmed=True).values_list("official__slug", flat=True)
    for slug in mentioned:
        out.paths.add(reverse("officials:detail", args=[slug]))
        out.paths.add(f"/api/v1/officials/{slug}/")
        out.paths |= {feed_path("official", slug, fmt) for fmt in FEED_FORMATS}
    out.paths |= set(API_LISTS)
    out.paths.add(f"/api/v1/releases/{release.pk}/")
    # The sitemap's page that lists it (releases are listed in id order) and its topics.
    sitemap_page = release_sitemap_page(release, site)
    out.paths.add(reverse("feeds:sitemap-section", args=["releases", sitemap_page]))
    out.paths.add(reverse("feeds:sitemap-section", args=["topics", 1]))
    # Releases whose related-stories box shows it.
    owners = set(RelatedRelease.objects.filter(release=release).values_list("page_id", flat=True))
    owners |= set(
        ComputedRelated.objects.filter(related=release).values_list("release_id", flat=True)
    )
    owners.discard(release.pk)
    out.paths |= release_paths(owners)
    return out


def release_sitemap_page(release, site) -> int:
    """The page of the sitemap's releases section that lists it (they go in id order); a
    release taken down moves the ones after it, which only a tree purge catches at once."""
    from dateline.feeds.sitemaps import RELEASES_PER_SITEMAP, release_rows

    if site is None:
        return 1
    return release_rows(site).filter(pk__lt=release.pk).count() // RELEASES_PER_SITEMAP + 1


def release_paths(ids) -> set[str]:
    from dateline.releases.models import NewsReleasePage

    if not ids:
        return set()
    return {p for p in map(page_path, NewsReleasePage.objects.filter(pk__in=ids)) if p}


# --- doing it ----------------------------------------------------------------------------


def purge(pset: PurgeSet) -> None:
    if local_enabled():
        store = get_store()
        store.purge(pset.paths, pset.trees)
        for newsroom in pset.archives:
            store.purge_children(newsroom, YEAR)
    if frontend_enabled():
        _frontend(sorted(pset.paths), sorted(pset.trees))


def purge_all() -> None:
    """Empty this server's page cache (every host) and, if configured, the frontend cache."""
    if local_enabled():
        get_store().purge_all()
    if frontend_enabled():
        _frontend([], trees=["/"])


def _frontend(paths: list[str], trees: list[str] = ()) -> None:
    """The same purge for Varnish or a CDN: exact paths on every site, and whole trees where
    the backend can (dateline.pagecache.frontend.VarnishBackend); elsewhere a tree's own
    path is the best a plain purge can do."""
    from wagtail.contrib.frontend_cache.utils import get_backends
    from wagtail.models import Site

    roots = sorted({site.root_url for site in Site.objects.all()})
    for backend in get_backends().values():
        tree_capable = getattr(backend, "supports_trees", False)
        urls = [f"{root}{path}" for root in roots for path in paths]
        if not tree_capable:
            urls += [f"{root}{tree}" for root in roots for tree in trees]
        try:
            backend.purge_batch(urls)
            if tree_capable:
                for root in roots:
                    for tree in trees:
                        backend.purge_tree(f"{root}{tree}")
        except Exception:  # noqa: BLE001 - a cache being down must not break publishing
            logger.exception("Frontend cache purge failed")


# --- after commit, once per transaction ----------------------------------------------------


def _state():
    if not hasattr(_pending, "set"):
        _pending.set = None
        _pending.all = False
    return _pending


def _flush() -> None:
    state = _state()
    pset, everything = state.set, state.all
    state.set, state.all = None, False
    try:
        if everything:
            purge_all()
        elif pset is not None:
            purge(pset)
    except Exception:  # noqa: BLE001 - never fail the editor's request over the cache
        logger.exception("Page cache purge failed")


def _schedule() -> None:
    # One callback per call; the first to run purges everything pending, the rest find
    # nothing left. Purges pending from a rolled-back transaction go with the next one.
    transaction.on_commit(_flush, robust=True)


def purge_on_commit(pset: PurgeSet) -> None:
    state = _state()
    if state.set is None:
        state.set = PurgeSet()
    state.set.update(pset)
    _schedule()


def purge_all_on_commit() -> None:
    _state().all = True
    _schedule()
