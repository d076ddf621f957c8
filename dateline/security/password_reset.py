"""Staff password reset (the admin's "Forgotten password?"), limited so it cannot flood inboxes.

At most RESETS_PER_ADDRESS requests for one email address and RESETS_PER_CLIENT from one
client address are honoured per WINDOW. Past the limit the page answers exactly as it does
when a mail goes out, so nobody learns whether an address has an account, but nothing is
sent. The counts are ResetRequest rows, so every web process shares them (Django's default
cache is per process). This is the same approach as dateline/alerts/ratelimit.py, counted
here rather than imported, as staff accounts are no business of resident alerts.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.admin.forms.auth import PasswordResetForm

from dateline.core.clientip import client_address

from .models import ResetRequest

log = logging.getLogger("dateline.security")

RESETS_PER_ADDRESS = 3
RESETS_PER_CLIENT = 10
WINDOW = timedelta(hours=1)

ADDRESS = "address"
CLIENT = "client"


def _key(scope: str, value: str) -> str:
    # The module's path before staff security became its own app, kept so that requests
    # counted before an upgrade still count after it.
    message = f"dateline.editorial.password_reset:{scope}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def allows(email: str, client: str, now=None) -> bool:
    """Count one reset request; False when it is one too many (and then it is not counted)."""
    now = now or timezone.now()
    since = now - WINDOW
    # Nothing older than the window is ever looked at again.
    ResetRequest.objects.filter(created_at__lt=since).delete()
    keys = {ADDRESS: _key(ADDRESS, email.strip().lower()), CLIENT: _key(CLIENT, client)}
    limits = {ADDRESS: RESETS_PER_ADDRESS, CLIENT: RESETS_PER_CLIENT}
    for scope, key in keys.items():
        if (
            ResetRequest.objects.filter(scope=scope, key=key, created_at__gte=since).count()
            >= (limits[scope])
        ):
            return False
    ResetRequest.objects.bulk_create(
        [ResetRequest(scope=scope, key=key, created_at=now) for scope, key in keys.items()]
    )
    return True


class LimitedPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form, sending nothing past the limits.

    Named by WAGTAILADMIN_USER_PASSWORD_RESET_FORM in the settings.
    """

    def save(self, *args, request=None, **kwargs):
        client = client_address(request) if request is not None else ""
        if not allows(self.cleaned_data["email"], client):
            # Neither the address nor the client is logged: the log is no list of accounts.
            log.warning("Password reset not sent: too many requests in the last hour.")
            return None
        return super().save(*args, request=request, **kwargs)
