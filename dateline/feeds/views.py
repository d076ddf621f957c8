import hashlib
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import condition, require_GET

from dateline.core import apstyle
from dateline.core.clientip import site_root

from . import content, scopes, sitemaps
from .feeds import AtomReleaseFeed, ReleaseFeed

NEWS_SITEMAP_WINDOW = timedelta(hours=48)


def _latest(request, kind="all", slug="", **kwargs):
    return scopes.resolve(request, kind, slug).latest_change()


def _etag(fmt):
    def etag(request, kind="all", slug="", **kwargs):
        version = scopes.resolve(request, kind, slug).version()
        return hashlib.sha256(f"{fmt}|{kind}|{slug}|{version}".encode()).hexdigest()[:32]

    return etag


def _conditional(view, fmt):
    """304 Not Modified when the reader already has this version of the feed."""

    def without_own_last_modified(request, *args, **kwargs):
        # Django's Feed dates itself by its newest item, which misses a release taken down
        # since; the scope's latest change (publish, correction or unpublish) is the truth, so
        # the header a reader sends back matches what the next request compares it with.
        response = view(request, *args, **kwargs)
        if "Last-Modified" in response:
            del response["Last-Modified"]
        return response

    return condition(etag_func=_etag(fmt), last_modified_func=_latest)(without_own_last_modified)


def json_feed(request, kind="all", slug=""):
    scope = scopes.resolve(request, kind, slug)
    items = []
    zone = timezone.get_current_timezone()
    for release in scope.items():
        url = release.get_full_url(request)
        item = {
            "id": url,
            "url": url,
            "title": release.title,
            "content_html": content.release_html(release, request, scope.city, scope.root),
            "date_published": apstyle.local_time(release.release_date, zone).isoformat(),
            "date_modified": apstyle.local_time(release.modified_at(), zone).isoformat(),
            "authors": [{"name": scope.city.publisher}],
            "tags": [topic.name for topic in release.topics.all()],
        }
        if content.summary(release):
            item["summary"] = content.summary(release)
        image = content.lead_image(release, scope.root)
        if image is not None:
            item["image"] = image.url
            item["attachments"] = [
                {
                    "url": image.url,
                    "mime_type": image.mime_type,
                    "size_in_bytes": image.size,
                    "title": image.alt or release.title,
                }
            ]
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "home_page_url": scope.link,
        "feed_url": scope.feed_url("json"),
        "description": scope.description,
        "language": "en",
        "authors": [{"name": scope.city.publisher, "url": f"{scope.root}/"}],
        "items": items,
    }
    response = JsonResponse(
        content.plain(feed), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    return response


rss = _conditional(ReleaseFeed(), "rss")
atom = _conditional(AtomReleaseFeed(), "atom")
json = _conditional(json_feed, "json")


@require_GET
def sitemap_index(request):
    """The sitemap index: one entry per page of each section (sitemaps.py)."""
    root = site_root(request)
    entries = []
    for name in sitemaps.SECTIONS:
        pages = sitemaps.num_pages(sitemaps.section(name, request))
        for number in range(1, pages + 1):
            location = root + reverse("feeds:sitemap-section", args=[name, number])
            entries.append(SitemapIndexItem(location, None))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def sitemap_section(request, name: str, number: int):
    if name not in sitemaps.SECTIONS:
        raise Http404(f"No sitemap section “{name}”.")
    listed = sitemaps.section(name, request)
    if not 1 <= number <= sitemaps.num_pages(listed):
        raise Http404(f"The {name} sitemap has no page {number}.")
    if isinstance(listed, sitemaps.ReleaseSitemap):
        return HttpResponse(listed.xml(number), content_type="application/xml; charset=utf-8")
    # Django's sitemaps take a domain and a protocol: the Site record's, never the request's.
    root = urlsplit(site_root(request))
    domain = SimpleNamespace(domain=root.netloc, name=root.netloc)
    urls = listed.get_urls(page=number, site=domain, protocol=root.scheme)
    return TemplateResponse(
        request,
        "sitemap.xml",
        {"urlset": urls},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def news_sitemap(request):
    """Google News sitemap: releases first published in the last 48 hours."""
    scope = scopes.resolve(request)
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    releases = scope.releases.filter(first_published_at__gte=since)
    response = render(
        request,
        "feeds/news_sitemap.xml",
        {
            "releases": [(r.get_full_url(request), r) for r in releases[:1000]],
            "publisher": scope.city.publisher,
        },
        content_type="application/xml; charset=utf-8",
    )
    return response


@require_GET
def robots_txt(request):
    root = site_root(request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {root}/sitemap.xml",
        f"Sitemap: {root}/news-sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
