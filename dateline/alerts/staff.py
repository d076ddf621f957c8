"""What staff may see and do about a release's emails: counts, retries, second approval.

The admin views (admin_views.py) and the `dateline alerts` command both go through here, so
the rules are the same whether a person clicks or a sysadmin types.

Who may act
    Whoever may publish the release (superusers included). Sending an alert is part of
    publishing it, so it needs the same permission.

Second approval
    Large emergency alerts are written "held" (outbox.py). Anyone who may publish can
    approve them, except a person who published the release by the time the alerts were
    held: the point of a second approval is a second pair of eyes. The publisher may still
    cancel, because stopping an alert should never need a second person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from . import delivery
from .models import Message

APPROVE_ACTION = "dateline_alerts.approve"
CANCEL_ACTION = "dateline_alerts.cancel"
RETRY_ACTION = "dateline_alerts.retry"

# Alerts are written in the publish request or by the sweep within the following hour
# (outbox.sweep_recent), so a publication this long before the hold is what caused it.
HOLD_CAUSE_WINDOW = timedelta(hours=1, minutes=5)

# How the detailed statuses add up in what staff see: a message handed to the mail server
# counts as sent (delivery.py explains why), and one being sent is still on its way.
SHOWN_AS = {
    Message.Status.HELD: "held",
    Message.Status.QUEUED: "queued",
    Message.Status.SENDING: "queued",
    Message.Status.HANDED_OVER: "sent",
    Message.Status.SENT: "sent",
    Message.Status.FAILED: "failed",
    Message.Status.BOUNCED: "bounced",
    Message.Status.SUPPRESSED: "suppressed",
    Message.Status.CANCELLED: "cancelled",
}
SHOWN_ORDER = ("held", "queued", "sent", "failed", "bounced", "suppressed", "cancelled")
PROBLEMS_SHOWN = 20


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(SHOWN_ORDER, 0)


@dataclass
class ReleaseReport:
    """A release's emails as staff see them."""

    release: object
    alerts: dict[str, int] = field(default_factory=empty_counts)
    corrections: dict[str, int] = field(default_factory=empty_counts)
    problems: list[Message] = field(default_factory=list)
    approved_by: list[str] = field(default_factory=list)

    @property
    def alerts_total(self) -> int:
        return sum(self.alerts.values())

    @property
    def corrections_total(self) -> int:
        return sum(self.corrections.values())

    @property
    def held(self) -> int:
        return self.alerts["held"] + self.corrections["held"]

    @property
    def failed(self) -> int:
        return self.alerts["failed"] + self.corrections["failed"]

    @property
    def problems_total(self) -> int:
        return self.failed + self.alerts["bounced"] + self.corrections["bounced"]


def counts_by_release(release_ids) -> dict[int, dict[str, dict[str, int]]]:
    """{release id: {"alerts": counts, "corrections": counts}} for many releases at once."""
    result: dict[int, dict[str, dict[str, int]]] = {}
    rows = (
        Message.objects.filter(
            release_id__in=list(release_ids),
            kind__in=(Message.Kind.ALERT, Message.Kind.CORRECTION),
        )
        .values("release_id", "kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        entry = result.setdefault(
            row["release_id"], {"alerts": empty_counts(), "corrections": empty_counts()}
        )
        key = "alerts" if row["kind"] == Message.Kind.ALERT else "corrections"
        entry[key][SHOWN_AS[row["status"]]] += row["n"]
    return result


def report(release) -> ReleaseReport:
    result = ReleaseReport(release=release)
    counts = counts_by_release([release.pk]).get(release.pk)
    if counts:
        result.alerts, result.corrections = counts["alerts"], counts["corrections"]
    result.problems = list(
        Message.objects.filter(
            release=release, status__in=(Message.Status.FAILED, Message.Status.BOUNCED)
        )
        .select_related("correction")
        .order_by("-status", "to_email")[:PROBLEMS_SHOWN]
    )
    approvers = (
        Message.objects.filter(release=release, approved_by__isnull=False)
        .values_list("approved_by__first_name", "approved_by__last_name", "approved_by__username")
        .distinct()
    )
    result.approved_by = sorted({(f"{f} {la}".strip() or u) for f, la, u in approvers})
    return result


# --- permissions ---------------------------------------------------------------------------


def can_manage(user, release) -> bool:
    """May this person see and act on the release's emails?"""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return release.permissions_for_user(user).can_publish()


def publisher_ids(release) -> set[int]:
    """People who published the release by the time its alerts were held (module doc)."""
    ids: set[int] = set()
    live = release.live_revision
    if live is not None and live.user_id:
        # A scheduled publication is logged without a person; the one who scheduled it is
        # the author of the live revision.
        ids.add(live.user_id)
    held = Message.objects.filter(release=release, status=Message.Status.HELD).aggregate(
        first=Min("created_at"), last=Max("created_at")
    )
    entries = PageLogEntry.objects.filter(
        page=release,
        action__in=("wagtail.publish", "wagtail.publish.scheduled"),
        user__isnull=False,
    )
    if held["first"] is not None:
        entries = entries.filter(
            timestamp__gte=held["first"] - HOLD_CAUSE_WINDOW,
            timestamp__lte=held["last"] + timedelta(minutes=5),
        )
    ids.update(entries.values_list("user_id", flat=True))
    return ids


def approval_refusal(user, release) -> str:
    """Why this person may not approve the held emails, or "" when they may."""
    if not can_manage(user, release):
        return "You need permission to publish this release to approve its emails."
    if user.pk in publisher_ids(release):
        return (
            "You published this release, so someone else must approve its emails. A second "
            "person checking a large emergency alert before it goes out is the purpose of "
            "this step. Ask another colleague who can publish to open this page."
        )
    return ""


# --- actions -------------------------------------------------------------------------------


class NotAllowed(Exception):
    """The person may not do this; the message says why, for them to read."""


def approve_held(release, user) -> int:
    """Send the release's held emails; returns how many. A second approval finds none."""
    refusal = approval_refusal(user, release)
    if refusal:
        raise NotAllowed(refusal)
    with transaction.atomic():
        count = Message.objects.filter(release=release, status=Message.Status.HELD).update(
            status=Message.Status.QUEUED, approved_by=user, next_attempt_at=timezone.now()
        )
        if count:
            log(instance=release, action=APPROVE_ACTION, user=user, data={"count": count})
            transaction.on_commit(delivery.kick)
    return count


def cancel_held(release, user) -> int:
    """Never send the release's held emails; returns how many were cancelled."""
    if not can_manage(user, release):
        raise NotAllowed("You need permission to publish this release to cancel its emails.")
    who = user.get_full_name() or user.get_username()
    with transaction.atomic():
        count = Message.objects.filter(release=release, status=Message.Status.HELD).update(
            status=Message.Status.CANCELLED, last_error=f"Cancelled by {who}."
        )
        if count:
            log(instance=release, action=CANCEL_ACTION, user=user, data={"count": count})
    return count


def retry_failed(release, user=None) -> int:
    """Give the release's failed emails another full set of tries; returns how many."""
    if user is not None and not can_manage(user, release):
        raise NotAllowed("You need permission to publish this release to retry its emails.")
    with transaction.atomic():
        # delivery.retry_failed asks for delivery once this transaction commits.
        count = delivery.retry_failed(release)
        if count and user is not None:
            log(instance=release, action=RETRY_ACTION, user=user, data={"count": count})
    return count


def suppress(email: str, reason: str, detail: str = ""):
    return delivery.suppress(email, reason, detail)
