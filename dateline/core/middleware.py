import zoneinfo

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils import timezone
from wagtail.users.models import UserProfile

from . import clientip, sitewide
from .models import CitySettings


class TrustedProxyMiddleware:
    """Forget X-Forwarded-* unless a trusted proxy sent them (clientip.py), before anything
    reads the host, the scheme or the visitor's address. The page cache's WSGI layer does the
    same first; this covers requests that reach Django some other way (tests, ASGI)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clientip.drop_untrusted_forwarding(request.META)
        return self.get_response(request)


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
    """Show and read every date in the city's own time zone, as set in CitySettings.

    Wagtail's admin uses the editor's own time zone preference, falling back to the
    TIME_ZONE setting; an editor who has chosen none gets the city's instead, so that
    "10:00" typed in the editor means 10 a.m. at City Hall.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = self._zone_for(request)
        if zone:
            timezone.activate(zone)
            if request.path_info.startswith(settings.CSP_ADMIN_PREFIXES):
                self._default_editor_zone(request, zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def _default_editor_zone(request, zone):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        try:
            profile = user.wagtail_userprofile
        except UserProfile.DoesNotExist:
            # In memory only: nothing is saved unless the editor saves their own account.
            profile = UserProfile(user=user)
            user.wagtail_userprofile = profile
        if not profile.current_time_zone:
            profile.current_time_zone = zone.key

    @staticmethod
    def _zone_for(request):
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        site = sitewide.find_site(request)
        if site is None:
            return None
        try:
            return zoneinfo.ZoneInfo(CitySettings.for_request(request).time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
