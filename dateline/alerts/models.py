"""Email alerts: who subscribed to what, and every message the newsroom owes them.

A subscriber has no account. They are identified by their address and prove they own it by
clicking links mailed to it; links carry signed tokens (see tokens.py), so nothing secret is
stored here except a nonce that makes a confirmation link single-use.

Every email Dateline sends is first a Message row (an outbox: dateline/core/outbox.py). Rows
are written in the same transaction as what causes them — a release's publication, a
subscribe request — and a background worker delivers them. Unique constraints make a second
write of the same alert impossible, and each row's state records what happened to it.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from dateline.core import outbox


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "As soon as news is published"
        DAILY = "daily", "One daily digest"

    # Stored lower-cased (see normalize_email in forms), so one person is one row.
    email = models.EmailField(max_length=254, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    newsrooms = models.ManyToManyField(
        "releases.NewsIndexPage", blank=True, related_name="alert_subscribers"
    )
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="alert_subscribers")
    officials = models.ManyToManyField(
        "officials.Official", blank=True, related_name="alert_subscribers"
    )
    # Part of every confirmation token; replaced on confirmation, so a link works once.
    confirmation_nonce = models.CharField(max_length=32, default=new_nonce)
    # Part of every preferences/unsubscribe token; replaced only if links must be revoked.
    manage_nonce = models.CharField(max_length=32, default=new_nonce)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.email

    @property
    def follows_anything(self) -> bool:
        return self.newsrooms.exists() or self.topics.exists() or self.officials.exists()

    class Meta:
        ordering = ["email"]
        indexes = [models.Index(fields=["status", "frequency"])]


class PendingChoice(models.Model):
    """What someone asked to follow, waiting for them to confirm from their inbox.

    The subscribe form answers the same way whoever fills it in, so a change to an existing
    subscription is only applied when its owner clicks the link mailed to them.
    """

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="pending_choices"
    )
    frequency = models.CharField(max_length=16, choices=Subscriber.Frequency.choices)
    newsroom_ids = models.JSONField(default=list)
    topic_ids = models.JSONField(default=list)
    official_ids = models.JSONField(default=list)
    nonce = models.CharField(max_length=32, default=new_nonce, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.subscriber} ({self.created_at:%Y-%m-%d %H:%M})"


class Suppression(models.Model):
    """An address nothing is ever sent to: it bounced hard, or its owner complained."""

    class Reason(models.TextChoices):
        BOUNCE_AT_SEND = "bounce-send", "Refused permanently when sent"
        BOUNCE_REPORT = "bounce-report", "Bounce report"
        COMPLAINT = "complaint", "Marked as spam"
        STAFF = "staff", "Suppressed by staff"

    email = models.EmailField(max_length=254, unique=True)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"

    class Meta:
        ordering = ["-created_at"]


class CorrectionNotice(models.Model):
    """A note to the people alerted about a release that it was corrected.

    Written when a release is published with a correction notice that differs from the last
    one sent; its messages go to everyone whose first alert about the release was sent.
    """

    release = models.ForeignKey(
        "releases.NewsReleasePage", on_delete=models.CASCADE, related_name="correction_notices"
    )
    text = models.TextField()
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Correction to {self.release_id} ({self.created_at:%Y-%m-%d})"

    class Meta:
        ordering = ["-created_at"]


class Message(outbox.OutboxRow):
    """One email owed to one address: the outbox row a worker delivers (delivery.py)."""

    class Kind(models.TextChoices):
        ALERT = "alert", "Release alert"
        CORRECTION = "correction", "Correction notice"
        DIGEST = "digest", "Daily digest"
        CONFIRMATION = "confirmation", "Subscription confirmation"

    class Status(models.TextChoices):
        HELD = "held", "Waiting for a second approval"
        QUEUED = outbox.QUEUED, "Queued"
        SENDING = outbox.SENDING, "Being sent"
        # The whole message went to the mail server; only its answer was not yet recorded.
        HANDED_OVER = outbox.HANDED_OVER, "Handed to the mail server"
        SENT = outbox.SENT, "Sent"
        BOUNCED = "bounced", "Bounced"
        SUPPRESSED = "suppressed", "Not sent: address suppressed or unsubscribed"
        FAILED = outbox.FAILED, "Failed"
        CANCELLED = "cancelled", "Cancelled"

    FINAL = (Status.SENT, Status.BOUNCED, Status.SUPPRESSED, Status.FAILED, Status.CANCELLED)

    kind = models.CharField(max_length=16, choices=Kind.choices)
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="messages")
    # The address at the time the message was written; a subscriber's address never changes,
    # but the record of what went where should not depend on that.
    to_email = models.EmailField(max_length=254)
    release = models.ForeignKey(
        "releases.NewsReleasePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alert_messages",
    )
    correction = models.ForeignKey(
        CorrectionNotice, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    digest_date = models.DateField(null=True, blank=True)
    pending_choice = models.ForeignKey(
        PendingChoice, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Fixed when the row is written, so a retried message is recognisably the same message.
    message_id = models.CharField(max_length=255, unique=True)
    # attempts, next_attempt_at, last_error and sent_at come from OutboxRow.
    status = outbox.status_field(Status)
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_email} ({self.status})"

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["release", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "subscriber"],
                condition=Q(kind="alert"),
                name="alerts_one_alert_per_release_and_subscriber",
            ),
            models.UniqueConstraint(
                fields=["correction", "subscriber"],
                condition=Q(kind="correction"),
                name="alerts_one_notice_per_correction_and_subscriber",
            ),
            models.UniqueConstraint(
                fields=["digest_date", "subscriber"],
                condition=Q(kind="digest"),
                name="alerts_one_digest_per_day_and_subscriber",
            ),
        ]


class RateLimitHit(models.Model):
    """One subscribe request, kept a day, counted per address and per IP (both hashed).

    Kept in the database rather than the cache so that every server process counts the same.
    """

    scope = models.CharField(max_length=8)  # "email" or "ip"
    key = models.CharField(max_length=64)  # a keyed hash, never the address itself
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.scope} request at {self.created_at:%Y-%m-%d %H:%M}"

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]


@register_setting(icon="mail")
class AlertSettings(BaseSiteSetting):
    alerts_from_email = models.EmailField(
        "alerts sent from",
        blank=True,
        help_text="The From address of release alerts and digests, e.g. news@city.example. "
        "Empty: the server's DEFAULT_FROM_EMAIL.",
    )
    alerts_from_name = models.CharField(
        "alerts sender name",
        max_length=120,
        blank=True,
        help_text="Empty: the city's name, e.g. “City of Calder Springs News”.",
    )
    transactional_from_email = models.EmailField(
        "confirmations sent from",
        blank=True,
        help_text="The From address of confirmation emails, apart from alerts so that mail "
        "providers judge them apart, e.g. subscriptions@city.example.",
    )
    reply_to_email = models.EmailField(
        "replies go to",
        blank=True,
        help_text="Where replies to alerts go, e.g. the communications office.",
    )
    digest_time = models.TimeField(
        "daily digest time",
        default="17:00",
        help_text="When the daily digest goes out, in the city's time zone.",
    )
    emergency_approval_required = models.BooleanField(
        "second approval for large emergency alerts",
        default=False,
        help_text="Hold emergency alerts to more recipients than the limit below until a "
        "second staff member approves them.",
    )
    emergency_approval_threshold = models.PositiveIntegerField(
        "recipients needing a second approval", default=1000
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("alerts_from_email"),
                FieldPanel("alerts_from_name"),
                FieldPanel("transactional_from_email"),
                FieldPanel("reply_to_email"),
            ],
            heading="Senders",
        ),
        FieldPanel("digest_time"),
        MultiFieldPanel(
            [
                FieldPanel("emergency_approval_required"),
                FieldPanel("emergency_approval_threshold"),
            ],
            heading="Emergency alerts",
        ),
    ]

    class Meta:
        verbose_name = "email alert settings"
