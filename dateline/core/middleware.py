import zoneinfo

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from .models import CitySettings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second policy for the Wagtail admin.

    Public pages run no inline code at all; the admin's editor sets inline styles, so it
    gets the looser CSP_ADMIN_DIRECTIVES (scripts stay 'self' only).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        is_admin = request.path_info.startswith(settings.CSP_ADMIN_PREFIXES)
        if is_admin and not report_only and parts.config is None:
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        return parts


class SiteTimeZoneMiddleware:
    """Show every date in the city's own time zone, as set in CitySettings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = self._zone_for(request)
        if zone:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def _zone_for(request):
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        try:
            return zoneinfo.ZoneInfo(CitySettings.for_request(request).time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
