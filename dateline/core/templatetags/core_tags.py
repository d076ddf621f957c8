from django import template
from wagtail.models import Page, Site

from dateline.core.models import CitySettings

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
    return NewsIndexPage.objects.live().public().child_of(site.root_page).order_by("path")
