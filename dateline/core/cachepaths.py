"""What a change makes stale in a cache of pages: each app declares its own addresses, the
page cache (pagecache/) only purges them.

A release declares its own page, the lists above it and the pages that show it
(NewsReleasePage.cached_paths()); the apps that publish it elsewhere (feeds, the API, the
corrections page) add theirs through the Wagtail hook RELEASE_PATHS_HOOK, as fn(release) ->
CachedPaths. Wagtail's own Page.get_cached_paths() is the same idea for a single page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Functions registered under this name: fn(release) -> CachedPaths.
RELEASE_PATHS_HOOK = "cached_paths_for_release"


@dataclass
class CachedPaths:
    # Exact paths; every query variant of each (?page=2, ?topic=…) goes with it.
    paths: set[str] = field(default_factory=set)
    # Everything under these paths.
    trees: set[str] = field(default_factory=set)
    # Newsroom paths whose year archives (/news/2025/…) all go: a release's date may have
    # changed, and with it the year that lists it.
    archives: set[str] = field(default_factory=set)

    def update(self, other: CachedPaths) -> None:
        self.paths |= other.paths
        self.trees |= other.trees
        self.archives |= other.archives


def page_path(page) -> str | None:
    """A page's path on its site, or None for a page with no URL."""
    parts = page.get_url_parts()
    return parts[2] if parts else None
