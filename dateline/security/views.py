"""The two pages between the password and the admin: set up the app, or enter its code."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import two_factor

log = logging.getLogger("dateline.security")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code",
        max_length=8,
        help_text="Open your authenticator app and type the code it shows for Dateline.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        ),
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """First sign-in: scan the QR code (or type the key), then prove it with one code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if two_factor.has_device(request.user):
        # Replacing an app needs a sysadmin (`dateline staff reset-2fa`), never just a password.
        return redirect(_with_next(reverse("dateline_security:verify"), request))
    device = two_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_device(request, device, form.cleaned_data["code"]):
            log.info("Two-factor app set up for %s", request.user.get_username())
            return redirect(_next_url(request))
        form.add_error("code", _refusal(request.user))
    context = {
        "form": form,
        "next": _next_url(request),
        "otpauth_uri": device.config_url,
        "qr_code": two_factor.qr_code_data_uri(device.config_url),
        "secret": two_factor.secret_for_typing(device),
    }
    return TemplateResponse(request, "security/setup.html", context)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """Every later sign-in: the current code from the app."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_device(request.user):
        return redirect(_with_next(reverse("dateline_security:setup"), request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify_code(request, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        log.warning("Wrong two-factor code for %s", request.user.get_username())
        form.add_error("code", _refusal(request.user))
    context = {"form": form, "next": _next_url(request)}
    return TemplateResponse(request, "security/verify.html", context)


def _refusal(user) -> str:
    wait = two_factor.retry_wait_seconds(user)
    if wait:
        return (
            f"That code didn’t work. After several wrong codes you need to wait a little: "
            f"try again in {wait} seconds."
        )
    return "That code didn’t work. Check the time on your phone is right and try the newest code."


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(url: str, request) -> str:
    target = request.GET.get("next")
    return f"{url}?{urlencode({'next': target})}" if target else url
