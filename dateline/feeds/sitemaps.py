"""The sitemap: an index at /sitemap.xml and its sections at /sitemaps/<section>/<page>.xml.

A city's archive can hold more releases than one sitemap may list (50,000) and more than is
quick to write on every publish, so releases get a section of their own, in pages of
RELEASES_PER_SITEMAP, oldest first: a new release only changes the last page.
"""

import math
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap

from dateline.core import apstyle
from dateline.officials.models import Official
from dateline.releases.models import NewsReleasePage

RELEASES_PER_SITEMAP = 5000


class PageSitemap(WagtailSitemap):
    """Every public page but the releases: home, newsrooms, letters."""

    def items(self):
        return super().items().not_type(NewsReleasePage)


def release_rows(site):
    """The site's readable releases as plain pages, in id order."""
    return NewsReleasePage.objects.readable_pages(site.root_page).order_by("pk")


class ReleaseSitemap:
    """The releases, from the page table alone, written without a template.

    A release's address is its site's root URL and its tree path below the site's home page
    (releases do not change how their URLs are made), so a page of this sitemap is one
    query and a string join rather than thousands of page objects.
    """

    def __init__(self, request):
        self.site = WagtailSitemap(request).get_wagtail_site()

    def rows(self):
        return release_rows(self.site)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.rows().count() / RELEASES_PER_SITEMAP))

    def xml(self, number: int) -> str:
        start = (number - 1) * RELEASES_PER_SITEMAP
        rows = self.rows().values_list("url_path", "last_published_at")
        prefix = self.site.root_url + reverse("wagtail_serve", args=[""])
        cut = len(self.site.root_page.url_path)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        ]
        for url_path, published in rows[start : start + RELEASES_PER_SITEMAP]:
            entry = f"<url><loc>{escape(prefix + url_path[cut:])}</loc>"
            if published:
                day = apstyle.local_date(published, timezone.get_current_timezone())
                entry += f"<lastmod>{day.isoformat()}</lastmod>"
            lines.append(entry + "</url>")
        lines.append("</urlset>\n")
        return "\n".join(lines)


class TopicSitemap(Sitemap):
    changefreq = "daily"

    def __init__(self, request):
        self.site = WagtailSitemap(request).get_wagtail_site()

    def items(self):
        return NewsReleasePage.objects.topics_in(self.site.root_page).order_by("slug")


class OfficialSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Official.objects.order_by("slug")


SECTIONS = {
    "pages": PageSitemap,
    "releases": ReleaseSitemap,
    "topics": TopicSitemap,
    "officials": OfficialSitemap,
}


def section(name: str, request):
    kind = SECTIONS[name]
    return kind() if kind is OfficialSitemap else kind(request)


def num_pages(listed) -> int:
    if isinstance(listed, ReleaseSitemap):
        return listed.num_pages
    return listed.paginator.num_pages
