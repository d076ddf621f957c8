"""Limits on subscribe requests, per address and per network, counted in RateLimitHit rows.

Keys are keyed hashes (HMAC with the secret key), so the table never holds an address or an
IP and cannot be reversed by someone who reads only the database. Limits are settings:

- ALERTS_CONFIRMATIONS_PER_ADDRESS confirmation emails to one address per
  ALERTS_ADDRESS_WINDOW_HOURS (default 3 per 24 hours);
- ALERTS_REQUESTS_PER_IP subscribe requests from one IP per ALERTS_IP_WINDOW_MINUTES
  (default 20 per 60 minutes);
- the visitor's address is read through DATELINE_TRUSTED_PROXIES (dateline/core/clientip.py),
  as every other limit reads it.

purge_old() deletes rows no limit looks at any more; the periodic delivery job calls it.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dateline.core.clientip import client_address

from .models import RateLimitHit

EMAIL = "email"
IP = "ip"


def address_limit() -> tuple[int, timedelta]:
    return (
        settings.ALERTS_CONFIRMATIONS_PER_ADDRESS,
        timedelta(hours=settings.ALERTS_ADDRESS_WINDOW_HOURS),
    )


def ip_limit() -> tuple[int, timedelta]:
    return (
        settings.ALERTS_REQUESTS_PER_IP,
        timedelta(minutes=settings.ALERTS_IP_WINDOW_MINUTES),
    )


def _key(scope: str, value: str) -> str:
    message = f"dateline.alerts.ratelimit:{scope}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def client_ip(request) -> str:
    return client_address(request)


def _recent(scope: str, value: str, window: timedelta) -> int:
    since = timezone.now() - window
    return RateLimitHit.objects.filter(
        scope=scope, key=_key(scope, value), created_at__gte=since
    ).count()


def hit(scope: str, value: str) -> None:
    RateLimitHit.objects.create(scope=scope, key=_key(scope, value))


def ip_allows(ip: str) -> bool:
    """Count one request from this IP; False when it is one too many (and then not counted)."""
    limit, window = ip_limit()
    if _recent(IP, ip, window) >= limit:
        return False
    hit(IP, ip)
    return True


def address_allows(email: str) -> bool:
    """Whether another confirmation email may go to this address now (counted by the caller)."""
    limit, window = address_limit()
    return _recent(EMAIL, email, window) < limit


def purge_old() -> int:
    """Delete hits older than every window; returns how many went."""
    oldest_needed = max(address_limit()[1], ip_limit()[1])
    deleted, _ = RateLimitHit.objects.filter(created_at__lt=timezone.now() - oldest_needed).delete()
    return deleted
