"""What a resident can do to their subscription, each in one transaction.

The views read the tokens and forms; these functions change rows. None of them sends
anything: a confirmation is a queued Message row that the delivery worker renders and sends.
"""

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from dateline.officials.models import Official
from dateline.releases.models import NewsIndexPage
from dateline.topics.models import Topic

from . import ratelimit
from .models import Message, PendingChoice, Subscriber, Suppression, new_nonce

# What unsubscribing stops; confirmations are the owner's own requests and are left alone.
STOPPED_KINDS = (Message.Kind.ALERT, Message.Kind.CORRECTION, Message.Kind.DIGEST)
NOT_YET_SENT = (Message.Status.HELD, Message.Status.QUEUED)


@dataclass
class Choice:
    """What someone chose to follow, and how often."""

    frequency: str
    newsrooms: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    officials: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.newsrooms or self.topics or self.officials)


class Outcome(StrEnum):
    """What a subscribe request did. Never shown: the page reads the same for every outcome."""

    NEW = "new"
    RESENT = "resent"
    CHANGE_REQUESTED = "change-requested"
    RESUBSCRIBED = "resubscribed"
    SUPPRESSED = "suppressed"
    LIMITED = "limited"


class NotConfirmable(Exception):
    """The link was good but the subscription has moved on (confirmed, or unsubscribed since)."""


def _apply(subscriber: Subscriber, choice: Choice) -> None:
    subscriber.frequency = choice.frequency
    subscriber.save(update_fields=["frequency"])
    subscriber.newsrooms.set(choice.newsrooms)
    subscriber.topics.set(choice.topics)
    subscriber.officials.set(choice.officials)


def _queue_confirmation(
    subscriber: Subscriber, domain: str, pending_choice: PendingChoice | None = None
) -> Message:
    ratelimit.hit(ratelimit.EMAIL, subscriber.email)
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at"])
    return Message.objects.create(
        kind=Message.Kind.CONFIRMATION,
        subscriber=subscriber,
        to_email=subscriber.email,
        pending_choice=pending_choice,
        message_id=f"<confirm-{uuid.uuid4().hex}@{domain}>",
    )


def request_subscription(email: str, choice: Choice, *, domain: str) -> Outcome:
    """Someone asked for alerts at this address: ask its owner to confirm, by email.

    A new or unsubscribed address becomes pending with these choices; a pending one has its
    choices replaced and its confirmation sent again (the earlier link keeps working); a
    confirmed one gets a PendingChoice that changes nothing until its owner confirms it. A
    suppressed address, or one sent too many confirmations lately, gets nothing at all.
    """
    with transaction.atomic():
        if Suppression.objects.filter(email__iexact=email).exists():
            return Outcome.SUPPRESSED
        if not ratelimit.address_allows(email):
            return Outcome.LIMITED
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email, status=Subscriber.Status.PENDING, frequency=choice.frequency
            )
            _apply(subscriber, choice)
            _queue_confirmation(subscriber, domain)
            return Outcome.NEW
        if subscriber.status == Subscriber.Status.CONFIRMED:
            pending = PendingChoice.objects.create(
                subscriber=subscriber,
                frequency=choice.frequency,
                newsroom_ids=[n.pk for n in choice.newsrooms],
                topic_ids=[t.pk for t in choice.topics],
                official_ids=[o.pk for o in choice.officials],
            )
            _queue_confirmation(subscriber, domain, pending)
            return Outcome.CHANGE_REQUESTED
        outcome = Outcome.RESENT
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            outcome = Outcome.RESUBSCRIBED
            subscriber.status = Subscriber.Status.PENDING
            subscriber.confirmed_at = None
            # Links mailed before the unsubscribe must not bring the subscription back.
            subscriber.confirmation_nonce = new_nonce()
            subscriber.save(update_fields=["status", "confirmed_at", "confirmation_nonce"])
        _apply(subscriber, choice)
        _queue_confirmation(subscriber, domain)
        return outcome


def confirm(subscriber: Subscriber, nonce: str) -> Subscriber:
    """The owner clicked their confirmation link: start sending them what they chose."""
    with transaction.atomic():
        current = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        # Two clicks at once: the second finds the nonce already replaced.
        if current.confirmation_nonce != nonce or current.status != Subscriber.Status.PENDING:
            raise NotConfirmable
        current.status = Subscriber.Status.CONFIRMED
        current.confirmed_at = timezone.now()
        current.confirmation_nonce = new_nonce()
        current.save(update_fields=["status", "confirmed_at", "confirmation_nonce"])
        return current


def choice_rows(pending: PendingChoice) -> Choice:
    """A PendingChoice's rows that still exist (a topic may have been deleted since)."""
    return Choice(
        frequency=pending.frequency,
        newsrooms=list(NewsIndexPage.objects.filter(pk__in=pending.newsroom_ids).order_by("path")),
        topics=list(Topic.objects.filter(pk__in=pending.topic_ids).order_by("name")),
        officials=list(Official.objects.filter(pk__in=pending.official_ids).order_by("name")),
    )


def is_stale(pending: PendingChoice, subscriber: Subscriber) -> bool:
    """Asked for before an unsubscribe (or while not subscribed): confirming it changes nothing."""
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return True
    unsubscribed = subscriber.unsubscribed_at
    return unsubscribed is not None and pending.created_at < unsubscribed


def apply_choice(pending: PendingChoice) -> Subscriber:
    """The owner confirmed a change to their subscription: it replaces what they followed."""
    with transaction.atomic():
        current = PendingChoice.objects.select_for_update().get(pk=pending.pk)
        subscriber = Subscriber.objects.select_for_update().get(pk=current.subscriber_id)
        if current.used_at is not None or is_stale(current, subscriber):
            raise NotConfirmable
        _apply(subscriber, choice_rows(current))
        current.used_at = timezone.now()
        current.save(update_fields=["used_at"])
        return subscriber


def update_preferences(subscriber: Subscriber, choice: Choice, offered: Choice) -> Subscriber:
    """Saved from the manage page, whose token proves the address is theirs.

    Only what the page offered is replaced: a follow of a newsroom on another of the city's
    sites, or one taken offline for now, stays as it was.
    """
    with transaction.atomic():
        current = Subscriber.objects.select_for_update().get(pk=subscriber.pk)

        def merged(kept, chosen, shown):
            shown_ids = {item.pk for item in shown}
            return [item for item in kept if item.pk not in shown_ids] + list(chosen)

        _apply(
            current,
            Choice(
                frequency=choice.frequency,
                newsrooms=merged(current.newsrooms.all(), choice.newsrooms, offered.newsrooms),
                topics=merged(current.topics.all(), choice.topics, offered.topics),
                officials=merged(current.officials.all(), choice.officials, offered.officials),
            ),
        )
        return current


def unsubscribe(subscriber: Subscriber) -> Subscriber:
    """Stop everything now, including alerts already queued. Doing it twice changes nothing."""
    with transaction.atomic():
        current = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if current.status != Subscriber.Status.UNSUBSCRIBED:
            current.status = Subscriber.Status.UNSUBSCRIBED
            current.unsubscribed_at = timezone.now()
            # A confirmation link still in the inbox must not undo this.
            current.confirmation_nonce = new_nonce()
            current.save(update_fields=["status", "unsubscribed_at", "confirmation_nonce"])
        Message.objects.filter(
            subscriber=current, kind__in=STOPPED_KINDS, status__in=NOT_YET_SENT
        ).update(status=Message.Status.SUPPRESSED, last_error="Unsubscribed before sending.")
        return current
