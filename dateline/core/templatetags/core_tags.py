from django import template
from wagtail.models import Site

from dateline.core import textrules
from dateline.core.models import CitySettings

register = template.Library()


@register.simple_tag(takes_context=True)
def city_settings(context):
    request = context.get("request")
    if request is None:
        return CitySettings()
    return CitySettings.for_request(request)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The one address of this page: the site's own host, no query string but the page number."""
    request = context.get("request")
    if request is None:
        return ""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    path = request.path
    number = request.GET.get("page", "")
    query = f"?page={number}" if number.isdigit() and number != "1" else ""
    return f"{root}{path}{query}"


@register.filter
def safe_link(url) -> str:
    """The link if a reader may follow it (core/textrules.py), else "" so the link is left out."""
    return url if isinstance(url, str) and textrules.safe_url(url) else ""


@register.filter
def plain(value) -> str:
    """Text without the control characters a page or an XML file cannot carry."""
    return textrules.clean_text(str(value)) if value is not None else ""
