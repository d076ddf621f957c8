"""The authenticator-app code every staff sign-in needs, and resetting it.

Every staff account needs two things to reach the admin: its password and a six-digit code
from an authenticator app on the person's phone (TOTP, RFC 6238, via django-otp). The first
time someone signs in they are walked through adding Dateline to their app; after that,
every sign-in asks for the current code. A lost phone is fixed by a sysadmin with
`dateline staff reset-2fa USERNAME`, after which the next sign-in sets the app up again.
"""

from __future__ import annotations

import base64
import io

from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

# The name of the one app device each person has; a reset deletes it.
DEVICE_NAME = "Authenticator app"


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device whose secret the set-up page shows, made on first visit.

    Reusing it means reloading the page shows the same QR code, so a code from an app that
    already scanned it still works.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm_device(request, device: TOTPDevice, code: str) -> bool:
    """Accept the first code from a newly scanned app; the account then requires it."""
    if not _looks_like_code(code) or not device.verify_token(code.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Any other half-finished set-ups are stale secrets: nothing should accept them later.
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    _mark_verified(request, device)
    return True


def verify_code(request, code: str) -> bool:
    """Check a code against the person's app; on success the session counts as verified."""
    if not _looks_like_code(code):
        # Still counts against the device's throttle, so guessing stays slow.
        for device in devices_for_user(request.user, confirmed=True):
            device.throttle_increment()
        return False
    for device in devices_for_user(request.user, confirmed=True):
        if device.verify_token(code.strip()):
            _mark_verified(request, device)
            return True
    return False


def retry_wait_seconds(user) -> int:
    """How long django-otp makes this person wait after wrong codes (0 when they may try)."""
    longest = 0
    for device in devices_for_user(user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            longest = max(longest, int((details["locked_until"] - timezone.now()).total_seconds()))
    return max(longest, 0)


def reset_devices(user) -> int:
    """Remove every second-factor device of a person; the next sign-in sets one up again."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count


def qr_code_data_uri(text: str) -> str:
    """A QR code as a data: URI, which the admin's Content-Security-Policy allows for images."""
    # Only the set-up page draws one, and qrcode's SVG writer loads lxml and Pillow.
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in the base32 form apps accept when typed, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _looks_like_code(code: str) -> bool:
    code = (code or "").strip()
    return code.isdigit() and 6 <= len(code) <= 8


def _mark_verified(request, device) -> None:
    # A new session id once the second factor passes: one captured before it is worthless.
    request.session.cycle_key()
    otp_login(request, device)
