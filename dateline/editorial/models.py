"""The editorial desk's records: corrections, the press list, preview links, embargo notices.

Corrections live beside the release, not in its revisions: a correction is appended after
publication and must never be lost by reverting or editing the page.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from dateline.core import outbox


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class Correction(models.Model):
    """“Correction, May 4, 2021: …” — shown above the release's body, listed on /corrections/."""

    release = models.ForeignKey(
        "releases.NewsReleasePage", on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(help_text="What was wrong and what is right now, in a sentence or two.")
    corrected_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Correction to {self.release_id} ({self.corrected_at:%Y-%m-%d})"

    class Meta:
        ordering = ["corrected_at", "pk"]


class PressContact(models.Model):
    """A reporter who receives embargoed releases ahead of publication."""

    name = models.CharField(max_length=120)
    organisation = models.CharField(max_length=120, blank=True)
    email = models.EmailField(max_length=254, unique=True)
    active = models.BooleanField(default=True, help_text="Untick to stop sending embargoes.")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}" if self.organisation else self.name

    class Meta:
        ordering = ["name"]
        verbose_name = "press list contact"


class PreviewLink(models.Model):
    """A signed, expiring, revocable link to one revision of a page, for readers with no account.

    The revision is the draft as it was when the link was made (for the press, the revision
    scheduled to go live): what someone was sent must not change under them as the page is
    edited afterwards.
    """

    class Purpose(models.TextChoices):
        REVIEW = "review", "Review"
        EMBARGO = "embargo", "Embargoed copy for the press"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.REVIEW)
    recipient = models.CharField(
        max_length=200, blank=True, help_text="Who the link is for, e.g. “Parks Director”."
    )
    nonce = models.CharField(max_length=32, unique=True, default=new_nonce)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Without one (the revision was deleted) the link shows nothing.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} link to page {self.page_id}"

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    class Meta:
        ordering = ["-created_at"]


class EmbargoNotice(outbox.OutboxRow):
    """One embargoed copy owed to one press contact: an outbox row the worker sends once
    (dateline/core/outbox.py; embargo/delivery.py)."""

    MAX_ATTEMPTS = 5

    class Status(models.TextChoices):
        QUEUED = outbox.QUEUED, "Queued"
        SENDING = outbox.SENDING, "Being sent"
        HANDED_OVER = outbox.HANDED_OVER, "Handed to the mail server"
        SENT = outbox.SENT, "Sent"
        FAILED = outbox.FAILED, "Failed"
        CANCELLED = "cancelled", "Cancelled"

    release = models.ForeignKey(
        "releases.NewsReleasePage", on_delete=models.CASCADE, related_name="embargo_notices"
    )
    contact = models.ForeignKey(PressContact, on_delete=models.CASCADE, related_name="notices")
    embargo_until = models.DateTimeField()
    preview_link = models.ForeignKey(
        PreviewLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message_id = models.CharField(max_length=255, unique=True)
    status = outbox.status_field(Status)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the embargo is cancelled or replaced; its preview link is revoked with it.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def retry_delay(cls, attempts: int) -> timedelta:
        # A failed copy is tried again by the next round (a kick, or the minute job at the
        # latest), as when huey retried the task: reporters need it before the embargo lifts.
        return timedelta(0)

    def __str__(self) -> str:
        return f"Embargoed copy of {self.release_id} to {self.contact}"

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            # Withdrawn copies stay as the record; a release scheduled again after a
            # cancellation gets a fresh copy even for the same time.
            models.UniqueConstraint(
                fields=["release", "contact", "embargo_until"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="editorial_one_live_embargo_copy_per_contact_and_time",
            )
        ]
