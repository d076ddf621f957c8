"""The signed tokens in the links mailed to subscribers.

A token names a row and carries that row's nonce, signed with the site's secret key and a
salt per purpose, so a confirmation link cannot be used as an unsubscribe link. Replacing the
nonce revokes every link made with the old one; that is how a confirmation link works once.
Tokens are never logged: the URLs carrying them are excluded from request logs (see views).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import PendingChoice, Subscriber

CONFIRM_SALT = "dateline.alerts.confirm"
CHOICE_SALT = "dateline.alerts.choice"
MANAGE_SALT = "dateline.alerts.manage"
CONFIRM_MAX_AGE = timedelta(hours=72)


class BadToken(Exception):
    """The link is tampered with, expired or already used; `reason` says which, for readers."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def manage_max_age() -> timedelta:
    return timedelta(days=settings.ALERTS_MANAGE_LINK_DAYS)


def _make(salt: str, pk: int, nonce: str) -> str:
    return signing.TimestampSigner(salt=salt).sign_object([pk, nonce], compress=False)


def _read(salt: str, token: str, max_age: timedelta) -> tuple[int, str]:
    signer = signing.TimestampSigner(salt=salt)
    try:
        pk, nonce = signer.unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken("expired") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadToken("invalid") from error
    if not isinstance(pk, int) or not isinstance(nonce, str):
        raise BadToken("invalid")
    return pk, nonce


def confirmation_token(subscriber: Subscriber) -> str:
    return _make(CONFIRM_SALT, subscriber.pk, subscriber.confirmation_nonce)


def read_confirmation_token(token: str) -> Subscriber:
    """The pending subscriber the link confirms; BadToken("used") once it has been used."""
    pk, nonce = _read(CONFIRM_SALT, token, CONFIRM_MAX_AGE)
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise BadToken("invalid")
    if subscriber.confirmation_nonce != nonce:
        raise BadToken("used")
    return subscriber


def choice_token(choice: PendingChoice) -> str:
    return _make(CHOICE_SALT, choice.pk, choice.nonce)


def read_choice_token(token: str) -> PendingChoice:
    """The change of subscription the link confirms; BadToken("used") once applied."""
    pk, nonce = _read(CHOICE_SALT, token, CONFIRM_MAX_AGE)
    choice = PendingChoice.objects.select_related("subscriber").filter(pk=pk).first()
    if choice is None or choice.nonce != nonce:
        raise BadToken("invalid")
    if choice.used_at is not None:
        raise BadToken("used")
    return choice


def manage_token(subscriber: Subscriber) -> str:
    return _make(MANAGE_SALT, subscriber.pk, subscriber.manage_nonce)


def read_manage_token(token: str) -> Subscriber:
    pk, nonce = _read(MANAGE_SALT, token, manage_max_age())
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or subscriber.manage_nonce != nonce:
        raise BadToken("invalid")
    return subscriber
