from django import template
from django.utils.html import format_html_join
from wagtail.models import Site

from dateline.core.models import CitySettings
from dateline.feeds.scopes import feed_path

register = template.Library()

FORMATS = [
    ("rss", "application/rss+xml", ""),
    ("atom", "application/atom+xml", " (Atom)"),
    ("json", "application/feed+json", " (JSON Feed)"),
]


@register.simple_tag(takes_context=True)
def feed_links(context, kind="all", slug="", name=""):
    """Autodiscovery <link>s so feed readers find this page's feeds."""
    request = context.get("request")
    if request is None:
        return ""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    publisher = CitySettings.for_request(request).publisher
    title = f"{name} – {publisher}" if name else f"{publisher} news"
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        (
            (mime, f"{title}{suffix}", f"{root}{feed_path(kind, slug, fmt)}")
            for fmt, mime, suffix in FORMATS
        ),
    )
