"""What a changed release makes stale in the feeds and sitemaps (core/cachepaths.py)."""

from django.urls import reverse
from wagtail import hooks

from dateline.core.cachepaths import RELEASE_PATHS_HOOK, CachedPaths
from dateline.releases.models import NewsIndexPage

from .scopes import feed_path
from .sitemaps import RELEASES_PER_SITEMAP, release_rows

FEED_FORMATS = ("rss", "atom", "json")


def release_sitemap_page(release, site) -> int:
    """The page of the sitemap's releases section that lists it (they go in id order); a
    release taken down moves the ones after it, which only a tree purge catches at once."""
    if site is None:
        return 1
    return release_rows(site).filter(pk__lt=release.pk).count() // RELEASES_PER_SITEMAP + 1


@hooks.register(RELEASE_PATHS_HOOK)
def feed_paths(release) -> CachedPaths:
    """Every feed that can hold the release (the site's, its newsrooms', its topics', its
    officials'; RSS, Atom and JSON Feed), the sitemap index, the news sitemap and the sitemap
    pages that list it and its topics. A frontend cache cannot purge trees, so each feed is
    named as well as the trees."""
    out = CachedPaths(
        paths={"/feeds/rss.xml", reverse("feeds:sitemap"), reverse("feeds:news-sitemap")},
        trees={"/feeds/", "/sitemaps/"},
    )
    scopes = [("all", "")]
    scopes += [("newsroom", n.slug) for n in release.get_ancestors().type(NewsIndexPage)]
    scopes += [("topic", slug) for slug in release.topics.values_list("slug", flat=True)]
    scopes += [("official", slug) for slug in release.confirmed_official_slugs()]
    for kind, slug in scopes:
        out.paths |= {feed_path(kind, slug, fmt) for fmt in FEED_FORMATS}
    page = release_sitemap_page(release, release.get_site())
    out.paths.add(reverse("feeds:sitemap-section", args=["releases", page]))
    out.paths.add(reverse("feeds:sitemap-section", args=["topics", 1]))
    return out
