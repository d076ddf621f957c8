"""What the public may see through the API: one rule for releases, used by every endpoint.

Lists, details, related stories, topic counts and the releases citing a letter all go
through ``visible_releases()``, so a later rule (embargoes) is added here once.
"""

import zoneinfo

from django.conf import settings
from wagtail.models import Site

from dateline.core.models import CitySettings
from dateline.officials.models import LetterPage
from dateline.releases.models import NewsIndexPage, NewsReleasePage


def request_site(request) -> Site | None:
    return Site.find_for_request(request) if request is not None else None


def _readable(model, request):
    """The reader's rule (Model.objects.readable()) on the request's site; nothing when the
    request matches no site."""
    if request is None:
        return model.objects.readable()
    site = request_site(request)
    if site is None:
        return model.objects.none()
    return model.objects.readable(site.root_page)


def visible_releases(request=None):
    """Releases anyone may read: published, live, not view-restricted, on the request's site."""
    return _readable(NewsReleasePage, request)


def visible_letters(request=None):
    return _readable(LetterPage, request)


def visible_newsrooms(request=None):
    return _readable(NewsIndexPage, request)


def city_settings(request) -> CitySettings:
    """The site's CitySettings; unsaved defaults when the request matches no site."""
    if request_site(request) is None:
        return CitySettings(time_zone=settings.TIME_ZONE)
    return CitySettings.for_request(request)


def site_zone(request) -> zoneinfo.ZoneInfo:
    return city_settings(request).zone
