"""What a changed release makes stale in the API (core/cachepaths.py)."""

from wagtail import hooks

from dateline.core.cachepaths import RELEASE_PATHS_HOOK, CachedPaths

LISTS = ("/api/v1/releases/", "/api/v1/topics/", "/api/v1/officials/")


@hooks.register(RELEASE_PATHS_HOOK)
def api_paths(release) -> CachedPaths:
    """The API's lists, the release's own answer and those of its topics and officials."""
    out = CachedPaths(paths=set(LISTS), trees={"/api/v1/"})
    out.paths.add(f"/api/v1/releases/{release.pk}/")
    out.paths |= {
        f"/api/v1/topics/{slug}/" for slug in release.topics.values_list("slug", flat=True)
    }
    out.paths |= {f"/api/v1/officials/{slug}/" for slug in release.confirmed_official_slugs()}
    return out
