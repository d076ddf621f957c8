from django import template
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from dateline.core.models import CitySettings
from dateline.core.restrictions import public

register = template.Library()


@register.simple_tag(takes_context=True)
def city_settings(context):
    request = context.get("request")
    if request is None:
        return CitySettings()
    return CitySettings.for_request(request)


@register.simple_tag(takes_context=True)
def site_newsrooms(context):
    """The newsrooms directly under the site's home page, in the page tree's order."""
    from dateline.releases.models import NewsIndexPage

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Page.objects.none()
    # By page type, sorted here: asked for in the tree's order, SQLite would walk every page
    # under the home page (the whole archive) to find the few newsrooms.
    newsrooms = public(
        Page.objects.filter(
            content_type=ContentType.objects.get_for_model(NewsIndexPage),
            live=True,
            depth=site.root_page.depth + 1,
            path__startswith=site.root_page.path,
        ).order_by()
    )
    return sorted(newsrooms, key=lambda page: page.path)


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
