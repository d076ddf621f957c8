"""Delivering the alerts outbox: every queued Message sent once, and a record of what happened.

Row states
    queued → sending (claimed by a worker) → handed-over → sent, or bounced (5xx: the address
    is suppressed), or back to queued with a later next_attempt_at (4xx, network trouble),
    and failed after MAX_ATTEMPTS (8 tries, about a day apart in all). The claim, its lease
    and the writes fenced on it are the shared outbox mechanism (dateline/core/outbox.py): a
    worker whose lease was taken from it changes nothing and drops its connection.

Why "handed-over", and what exactly-once means here
    SMTP gives no way to ask a server "did you get message X?". So the worker sends MAIL,
    RCPT, DATA and the whole dot-stuffed body, but not the end-of-data marker; commits the
    row as handed-over; and only then sends the marker and reads the answer. A server that
    loses the connection before the marker discards the message (RFC 5321 §4.1.1.4), so:
      * a worker that dies with a row in "sending" left no complete message anywhere: at
        start-up (and after LEASE for a dead worker elsewhere) the row goes back to queued
        and is sent again, safely;
      * a row in "handed-over" means the server may have the whole message: it is never
        sent again and counts as sent (its answer was simply not recorded).
    The one remaining window is between the handed-over commit and the write of the
    five-byte marker: a crash exactly there leaves a row that says handed-over for a
    message the server discarded, so that message is lost (never duplicated). Answers
    after the marker are recorded together with the next row's handed-over commit, or at
    the end of the batch; a crash in between leaves those rows handed-over, which is right
    for the usual 250 and loses only the record of a rare late refusal.

Other transports
    With a console, file or in-memory EMAIL_BACKEND (demo, development, tests), the same
    states are kept: handed-over is committed before the backend is called.

Test hook
    settings.ALERTS_CRASH_AT = "stage:n" (test settings read DATELINE_ALERTS_CRASH_AT) makes
    this process SIGKILL itself the n-th time it reaches `stage`; see _crash_point(). The
    kill test in tests/alerts/delivery uses it; it is empty everywhere else.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from dateline.core import outbox, worker

from .mail import NothingToSend, Renderer
from .models import Message, Subscriber, Suppression
from .smtp import Connection, SMTPAnswer, dot_stuff

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
LEASE = Message.LEASE
MAX_ATTEMPTS = Message.MAX_ATTEMPTS
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SUBSCRIBER_KINDS = (Message.Kind.ALERT, Message.Kind.CORRECTION, Message.Kind.DIGEST)

_crash_counts: Counter = Counter()


def _crash_point(stage: str) -> None:
    """Test hook (module doc): die here, as a power cut would, when the settings say so."""
    spec = settings.ALERTS_CRASH_AT
    if not spec:
        return
    name, _, nth = spec.partition(":")
    if name != stage:
        return
    _crash_counts[stage] += 1
    if _crash_counts[stage] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


# --- asking the worker --------------------------------------------------------------------

# One delivery at a time per worker process. huey's own task lock needs a time-to-live to
# survive a killed worker, which its SQLite storage does not offer; a process lock dies with
# its process. Across processes the atomic claim keeps rows apart.
_delivering = threading.Lock()


def deliver_now() -> None:
    """Deliver due rows unless another thread of this worker is already doing so.

    The claim itself is atomic, so two workers would never send the same row; the lock keeps
    one connection to the mail server busy rather than several competing ones.
    """
    if not _delivering.acquire(blocking=False):
        return
    try:
        deliver_due()
    finally:
        _delivering.release()


@db_task(priority=10)
def deliver():
    deliver_now()


def kick() -> None:
    """Ask the worker to deliver what is due now; the minute job does if the queue is down."""
    worker.ask(deliver)


# --- what the staff helper, the command and the web views call ----------------------------


def retry_failed(release) -> int:
    """Give a release's failed messages another full set of tries; returns how many."""
    with transaction.atomic():
        count = Message.objects.filter(release=release, status=Message.Status.FAILED).update(
            status=Message.Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
        if count:
            transaction.on_commit(kick)
    return count


def suppress(email: str, reason: str, detail: str = "") -> Suppression:
    """Never send to this address again, starting with anything of theirs still waiting."""
    email = email.strip().lower()
    with transaction.atomic():
        suppression, created = Suppression.objects.get_or_create(
            email=email, defaults={"reason": reason, "detail": detail[:2000]}
        )
        Message.objects.filter(
            to_email__iexact=email, status__in=(Message.Status.HELD, Message.Status.QUEUED)
        ).update(status=Message.Status.SUPPRESSED, last_error=f"Address suppressed: {reason}.")
    return suppression


# --- recovering rows of a worker that died -------------------------------------------------


def recover_after_restart() -> int:
    """At worker start: rows a dead worker left in "sending" never reached a server whole."""
    return Message.objects.recover_after_restart()


def requeue_stale(now=None) -> int:
    """Rows claimed longer than LEASE ago by a worker that has presumably died."""
    return Message.objects.requeue_stale(now)


# --- claiming -----------------------------------------------------------------------------


def not_sendable_reason(row: Message, suppressed: set[str]) -> tuple[str, str] | None:
    """(status, why) for a claimed row that must not go out after all, else None."""
    if row.to_email.lower() in suppressed:
        return Message.Status.SUPPRESSED, "Address suppressed."
    status = row.subscriber.status
    if row.kind in SUBSCRIBER_KINDS and status != Subscriber.Status.CONFIRMED:
        return Message.Status.SUPPRESSED, f"Subscriber is {status}."
    if row.kind == Message.Kind.CONFIRMATION:
        if status == Subscriber.Status.UNSUBSCRIBED:
            return Message.Status.SUPPRESSED, "Subscriber unsubscribed."
        if status == Subscriber.Status.CONFIRMED and row.pending_choice_id is None:
            return Message.Status.CANCELLED, "Already confirmed."
    return None


def claim(batch_size: int = BATCH_SIZE, now=None) -> tuple[list[Message], int]:
    """Take up to batch_size due rows for this worker: (those still worth sending, all taken)."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = Message.objects.claim(
            batch_size, now, related=("subscriber", "release", "correction", "pending_choice")
        )
        if not rows:
            return [], 0
        emails = {row.to_email.lower() for row in rows}
        suppressed = set(
            Suppression.objects.filter(email__in=emails).values_list("email", flat=True)
        )
        sendable = []
        for row in rows:
            reason = not_sendable_reason(row, {e.lower() for e in suppressed})
            if reason is None:
                sendable.append(row)
            else:
                Message.objects.filter(pk=row.pk).update(status=reason[0], last_error=reason[1])
    _crash_point("claimed")
    return sendable, len(rows)


# --- outcomes -----------------------------------------------------------------------------


class Outcomes(outbox.Outcomes):
    """Results waiting to be written, and totals for the caller; a bounce suppresses."""

    def __init__(self):
        super().__init__(Message)

    def written(self, row: Message, status: str, error: str) -> None:
        if status == Message.Status.BOUNCED:
            suppress(row.to_email, Suppression.Reason.BOUNCE_AT_SEND, error)


def _fenced(row: Message):
    """The row, only while this worker's claim on it stands (core/outbox.py: the lease)."""
    return Message.objects.fenced(row)


def _rendered(row: Message, renderer, outcomes: Outcomes, *, smtp: bool = False):
    """The built message (and, for SMTP, its DATA bytes), or None if the row is settled."""
    try:
        built = renderer.build(row)
        return (built, dot_stuff(built.as_bytes())) if smtp else built
    except NothingToSend as reason:
        outcomes.add(row, Message.Status.CANCELLED, str(reason))
    except Exception as error:  # a message that cannot be rendered never will be
        logger.exception("Message %s could not be rendered.", row.pk)
        outcomes.add(row, Message.Status.FAILED, f"Could not render: {error}")
    return None


# --- sending ------------------------------------------------------------------------------


class _Session:
    """One connection to the mail server for a batch, opened when first needed."""

    def __init__(self, outcomes: Outcomes, now):
        self.outcomes = outcomes
        self.now = now
        self.connection: Connection | None = None

    def drop(self) -> None:
        """Close mid-message, so the server discards what it got of it."""
        if self.connection is not None:
            self.connection.abort()
        self.connection = None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()

    def send(self, row: Message, built, data: bytes) -> bool:
        """Send one message (module doc: handed-over); False when the server went away."""
        handed = False
        try:
            if self.connection is None:
                self.connection = Connection()
            connection = self.connection
            connection.mail(built.envelope_from)
            _crash_point("mail-from")
            connection.rcpt(built.recipient)
            connection.data()
            half = len(data) // 2
            connection.send(data[:half])
            _crash_point("mid-body")
            connection.send(data[half:])
            _crash_point("body-sent")
            if not self.outcomes.hand_over(row):
                # Another worker has this row now; make the server discard our copy.
                self.drop()
                return True
            handed = True
            _crash_point("handed-over")
            code, text = connection.finish()
            _crash_point("answered")
        except SMTPAnswer as answer:
            # A refused sender is our configuration, not the reader's address.
            if answer.permanent and answer.stage != "MAIL FROM":
                self.outcomes.add(row, Message.Status.BOUNCED, str(answer))
            else:
                self.outcomes.retry(row, str(answer), self.now)
            return True
        except OSError as error:  # includes smtplib's disconnects and timeouts
            self.drop()
            if handed:
                # The marker may have arrived; treat as sent, never send it again.
                self.outcomes.add(row, Message.Status.HANDED_OVER, f"No answer: {error}")
            else:
                self.outcomes.retry(row, f"{type(error).__name__}: {error}", self.now)
            return False
        self.answered(row, code, text)
        return True

    def answered(self, row: Message, code: int, text: str) -> None:
        if code == 421:  # the server is closing this connection
            self.drop()
        if code == 250:
            self.outcomes.add(row, Message.Status.SENT)
        elif 500 <= code < 600:
            self.outcomes.add(row, Message.Status.BOUNCED, f"DATA end: {code} {text}")
        else:
            self.outcomes.retry(row, f"DATA end: {code} {text}", self.now)


def send_batch_smtp(rows: list[Message], renderer, now) -> tuple[Counter, bool]:
    """Send claimed rows over one connection; returns totals and whether the server is up."""
    outcomes = Outcomes()
    session = _Session(outcomes, now)
    server_up = True
    try:
        for index, row in enumerate(rows):
            rendered = _rendered(row, renderer, outcomes, smtp=True)
            if rendered is not None and not session.send(row, *rendered):
                server_up = False
                Message.objects.release_unsent(rows[index + 1 :])
                break
    finally:
        with transaction.atomic():
            outcomes.flush()
        session.close()
    return outcomes.totals, server_up


def send_batch_backend(rows: list[Message], renderer, now) -> tuple[Counter, bool]:
    """Send claimed rows through Django's EMAIL_BACKEND, keeping the same row states."""
    outcomes = Outcomes()
    backend = get_connection(fail_silently=False)
    try:
        for row in rows:
            built = _rendered(row, renderer, outcomes)
            if built is None or not outcomes.hand_over(row):
                continue
            try:
                backend.send_messages([built.email])
            except Exception as error:
                outcomes.add(row, Message.Status.HANDED_OVER, f"Backend error: {error}")
                continue
            outcomes.add(row, Message.Status.SENT)
    finally:
        with transaction.atomic():
            outcomes.flush()
        backend.close()
    return outcomes.totals, True


def deliver_due(*, batch_size: int = BATCH_SIZE, now=None, max_batches=None) -> Counter:
    """Claim and send due rows until none are left or the server stops answering."""
    totals: Counter = Counter()
    smtp = settings.EMAIL_BACKEND == SMTP_BACKEND
    batches = 0
    while max_batches is None or batches < max_batches:
        moment = now or timezone.now()
        rows, taken = claim(batch_size, moment)
        batches += 1
        if not taken:
            break
        if not rows:
            continue
        renderer = Renderer()
        send = send_batch_smtp if smtp else send_batch_backend
        batch_totals, server_up = send(rows, renderer, moment)
        totals.update(batch_totals)
        if not server_up:
            logger.warning("The mail server is not answering; trying again later.")
            break
    if totals:
        logger.info("Alert delivery: %s", dict(totals))
    return totals


def due_count(now=None) -> int:
    return Message.objects.due(now).count()
