"""What the public may see through the API: one rule for releases, used by every endpoint.

Lists, details, related stories, topic counts and the releases citing a letter all go
through ``visible_releases()``, so a later rule (embargoes) is added here once.
"""

import zoneinfo

from django.conf import settings
from wagtail.models import Site

from dateline.core.models import CitySettings
from dateline.core.restrictions import public
from dateline.officials.models import LetterPage
from dateline.releases.models import NewsIndexPage, NewsReleasePage


def request_site(request) -> Site | None:
    return Site.find_for_request(request) if request is not None else None


def _on_site(queryset, request):
    """Pages of the request's site; nothing when the request matches no site."""
    if request is None:
        return queryset
    site = request_site(request)
    if site is None:
        return queryset.none()
    return queryset.descendant_of(site.root_page, inclusive=True)


def visible_releases(request=None):
    """Releases anyone may read: published, live, not view-restricted, on the request's site."""
    return _on_site(public(NewsReleasePage.objects.live()), request)


def visible_letters(request=None):
    return _on_site(public(LetterPage.objects.live()), request)


def visible_newsrooms(request=None):
    return _on_site(public(NewsIndexPage.objects.live()), request)


def city_settings(request) -> CitySettings:
    """The site's CitySettings; unsaved defaults when the request matches no site."""
    if request_site(request) is None:
        return CitySettings(time_zone=settings.TIME_ZONE)
    return CitySettings.for_request(request)


def site_zone(request) -> zoneinfo.ZoneInfo:
    for name in (city_settings(request).time_zone, settings.TIME_ZONE):
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
    return zoneinfo.ZoneInfo("UTC")
