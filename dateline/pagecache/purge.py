"""Purging: what each app declares stale, from this server's page cache and from Varnish or
a CDN.

What a release makes stale is declared by the others (core/cachepaths.py): the release
itself (its page, the lists above it, its topics' and officials' pages, the pages whose
related-stories box shows it: NewsReleasePage.cached_paths()) and every app that publishes
it elsewhere, through the Wagtail hook cachepaths.RELEASE_PATHS_HOOK (feeds and sitemaps,
the API, the corrections page). This module only gathers and purges them.

The frontend cache (wagtail.contrib.frontend_cache's backends, when
DATELINE_FRONTEND_CACHE_BACKENDS is set) gets the paths as absolute URLs on every site; a
plain one cannot purge trees, so the declarations name each feed and page as well as the
trees.

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

from django.conf import settings
from django.db import transaction
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Site

from dateline.core.cachepaths import RELEASE_PATHS_HOOK, CachedPaths

from .store import Store

logger = logging.getLogger(__name__)

YEAR = re.compile(r"[0-9]{4}")

_stores: dict[str, object] = {}
_pending = threading.local()


def local_enabled() -> bool:
    return bool(settings.DATELINE_PAGE_CACHE)


def frontend_enabled() -> bool:
    return bool(settings.DATELINE_FRONTEND_CACHE_BACKENDS)


def enabled() -> bool:
    return local_enabled() or frontend_enabled()


def get_store():
    directory = str(settings.DATELINE_PAGE_CACHE_DIR)
    store = _stores.get(directory)
    if store is None:
        store = _stores[directory] = Store(directory)
    return store


# --- what is stale ---------------------------------------------------------------------


def urls_for_release(release) -> CachedPaths:
    out = release.cached_paths()
    for declare in hooks.get_hooks(RELEASE_PATHS_HOOK):
        out.update(declare(release))
    return out


# --- doing it ----------------------------------------------------------------------------


def purge(pset: CachedPaths) -> None:
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


def generation():
    """The page cache's generation (core/sitewide.py keeps values under it), None when off."""
    return get_store().generation() if local_enabled() else None


def _frontend(paths: list[str], trees: list[str] = ()) -> None:
    """The same purge for Varnish or a CDN: exact paths on every site, and whole trees where
    the backend can (dateline.pagecache.frontend.VarnishBackend); elsewhere a tree's own
    path is the best a plain purge can do."""
    roots = sorted({site.root_url for site in Site.objects.all()})
    for backend in get_backends(settings.DATELINE_FRONTEND_CACHE_BACKENDS).values():
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


def purge_on_commit(pset: CachedPaths) -> None:
    state = _state()
    if state.set is None:
        state.set = CachedPaths()
    state.set.update(pset)
    _schedule()


def purge_all_on_commit() -> None:
    _state().all = True
    _schedule()
