"""Outboxes: rows written in the transaction that owes them, delivered once by a worker.

Whatever Dateline owes someone outside — an alert email, a reporter's embargoed copy, later
a text message or a webhook call — is first a row of a model built on OutboxRow, written
together with what causes it, so a rolled-back change owes nothing. A worker delivers the
rows; this module is the part every such worker shares.

Row states
    queued → sending (claimed by a worker) → handed-over → sent, or back to queued with a
    later next_attempt_at (a temporary failure), and failed after MAX_ATTEMPTS tries spaced
    by retry_delay(). Concrete models add states of their own (held, bounced, cancelled …)
    with values of their own; the values below must keep their meaning in every Status.

The lease
    A claim (OutboxQuerySet.claim) is one UPDATE … WHERE status = 'queued' AND id IN (…)
    over rows locked with SKIP LOCKED (PostgreSQL) or inside SQLite's single-writer
    transaction, and it stamps next_attempt_at with the claim time: that stamp is the lease.
    Every later write is fenced on (status, stamp) (fenced()), so a worker whose lease was
    taken from it changes nothing. A row left "sending" longer than LEASE belongs to a
    worker that died and is queued again (requeue_stale); so is, when a worker starts, any
    row claimed before this process started (recover_after_restart).

Handed over
    "sending" means the recipient cannot have the whole of the row's message yet, so sending
    it again is safe; "handed-over" means it may have it, so it is never sent again and
    counts as sent. A worker commits the row as handed-over (Outcomes.hand_over) at the last
    moment before the recipient can have it all: for SMTP, before the end-of-data marker
    (dateline/alerts/delivery.py); for a transport with no such moment, just before the
    call that sends, when a lost message is better than a duplicate, or not at all (the row
    goes from sending to sent), when a duplicate is better than a lost one.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone

QUEUED = "queued"
SENDING = "sending"
HANDED_OVER = "handed-over"
SENT = "sent"
FAILED = "failed"

# Rows this process claims carry a claim time after this; older "sending" rows are a dead
# worker's. (Each worker thread runs the start-up hook; none may requeue a sibling's rows.)
PROCESS_STARTED = timezone.now()


def status_field(choices: type[models.TextChoices] | None = None) -> models.CharField:
    """The status column; a concrete outbox passes its own Status (values as above)."""
    return models.CharField(
        max_length=16, choices=choices.choices if choices else None, default=QUEUED
    )


class OutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=QUEUED, next_attempt_at__lte=now or timezone.now())

    def claim(self, batch_size: int, now=None, related: tuple[str, ...] = ()) -> list:
        """Take up to batch_size due rows for this worker, oldest due first (module doc).

        Run it inside the caller's atomic block to vet the rows in the same transaction.
        """
        now = now or timezone.now()
        with transaction.atomic(using=self.db):
            due = (
                self.select_for_update(skip_locked=True)
                .due(now)
                .order_by("next_attempt_at", "id")
                .values_list("id", flat=True)[:batch_size]
            )
            ids = list(due)
            if not ids:
                return []
            rows = self.model._base_manager.using(self.db)
            rows.filter(id__in=ids, status=QUEUED).update(status=SENDING, next_attempt_at=now)
            claimed = rows.filter(id__in=ids, status=SENDING, next_attempt_at=now)
            return list(claimed.select_related(*related).order_by("id"))

    def fenced(self, row):
        """The row, only while this worker's claim on it stands (module doc: the lease)."""
        return self.filter(
            pk=row.pk, status__in=(SENDING, HANDED_OVER), next_attempt_at=row.next_attempt_at
        )

    def still_sending(self, row):
        """The row, only while it is claimed by this worker and not yet handed over."""
        return self.filter(pk=row.pk, status=SENDING, next_attempt_at=row.next_attempt_at)

    def release_unsent(self, rows) -> None:
        """Rows claimed but not tried (the transport went away): queued again as they were."""
        for row in rows:
            self.still_sending(row).update(status=QUEUED)

    def recover_after_restart(self) -> int:
        """At worker start: rows a dead worker left "sending" never reached anyone whole."""
        return self.filter(status=SENDING, next_attempt_at__lt=PROCESS_STARTED).update(
            status=QUEUED, next_attempt_at=timezone.now()
        )

    def requeue_stale(self, now=None) -> int:
        """Rows claimed longer than LEASE ago by a worker that has presumably died."""
        now = now or timezone.now()
        return self.filter(status=SENDING, next_attempt_at__lt=now - self.model.LEASE).update(
            status=QUEUED, next_attempt_at=now
        )


class OutboxRow(models.Model):
    """The columns and rules an outbox row needs; see the module doc."""

    MAX_ATTEMPTS = 8
    LEASE = timedelta(minutes=10)

    status = status_field()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def retry_delay(cls, attempts: int) -> timedelta:
        """Wait after the n-th failed try: 2, 6, 18, 54 minutes, … at most 8 hours (~20 h in
        all with 8 tries)."""
        return timedelta(minutes=min(2 * 3 ** max(attempts - 1, 0), 480))


class Outcomes:
    """What happened to claimed rows, written in batches with fenced updates.

    Subclasses act on what was written through written() (e.g. suppress a bounced address).
    """

    def __init__(self, model: type[OutboxRow]):
        self.model = model
        self.pending: list = []
        self.totals: Counter = Counter()

    def add(self, row, status: str, error: str = "", **extra) -> None:
        self.pending.append((row, status, error[:2000], extra))
        self.totals[status] += 1

    def retry(self, row, error: str, now) -> None:
        """A temporary failure: queued again after retry_delay(), failed after MAX_ATTEMPTS."""
        attempts = row.attempts + 1
        if attempts >= self.model.MAX_ATTEMPTS:
            self.add(row, FAILED, error, attempts=attempts)
        else:
            later = now + self.model.retry_delay(attempts)
            self.add(row, QUEUED, error, attempts=attempts, next_attempt_at=later)

    def flush(self) -> None:
        """Write the waiting results; call inside a transaction."""
        for row, status, error, extra in self.pending:
            values = {"status": status, "last_error": error, **extra}
            if status == SENT:
                values["sent_at"] = timezone.now()
            self.model.objects.fenced(row).update(**values)
            self.written(row, status, error)
        self.pending.clear()

    def written(self, row, status: str, error: str) -> None:
        """Called for each result flush() wrote, in its transaction."""

    def hand_over(self, row) -> bool:
        """Commit the row as handed-over (and earlier results); False if the lease was lost."""
        with transaction.atomic():
            self.flush()
            return self.model.objects.still_sending(row).update(status=HANDED_OVER) == 1
