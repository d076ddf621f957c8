"""No admin page for a session that has a password but not yet the authenticator-app code.

django-otp's OTPMiddleware (just before this one) records whether the session has passed the
second factor; this middleware acts on it:

* on admin paths, a signed-in person who has not entered a code is sent to "Enter your code",
  or to "Set up two-factor authentication" if their account has no app yet. Only signing in,
  signing out and those two pages are reachable before that;
* everywhere else such a session counts as signed out, so a stolen password alone never
  shows anything a member of the public could not see (private pages, the userbar).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from .two_factor import has_device

SETUP_URL_NAME = "dateline_security:setup"
VERIFY_URL_NAME = "dateline_security:verify"


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _verified(user):
            return self.get_response(request)
        if not request.path_info.startswith(_admin_prefix()):
            request.user = AnonymousUser()
            return self.get_response(request)
        if request.path_info in _open_paths():
            return self.get_response(request)
        return _second_step(request)


def _verified(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def _second_step(request):
    target = reverse(VERIFY_URL_NAME if has_device(request.user) else SETUP_URL_NAME)
    if request.method == "GET" and request.path_info != reverse("wagtailadmin_home"):
        target += "?" + urlencode({"next": request.get_full_path()})
    if _background(request):
        # A script's request, not a page the person opened: a redirect would hand it the
        # code page's HTML (which Wagtail's icon loader would even paste into the page).
        return JsonResponse({"error": "Two-factor authentication required."}, status=403)
    return redirect(target)


def _background(request) -> bool:
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode:
        return mode != "navigate"
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and not accept.startswith("text/html")


def _admin_prefix() -> str:
    # From the URLconf rather than a hard-coded /admin/, in case an installation moves it.
    return reverse("wagtailadmin_home")


def _open_paths() -> set[str]:
    return {
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse(SETUP_URL_NAME),
        reverse(VERIFY_URL_NAME),
        # The icons and translations the sign-in pages' own layout loads: nothing private.
        *(_optional("wagtailadmin_sprite"), _optional("wagtailadmin_javascript_catalog")),
    } - {None}


def _optional(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None
