"""Sending the press list's embargoed copies: the EmbargoNotice rows are an outbox.

The rows are claimed, leased and recorded by the shared outbox mechanism
(dateline/core/outbox.py), so two workers never send the same copy at once. A copy is
recorded as sent right after the mail backend accepts it, with no handed-over step: a worker
killed between the two leaves the row "sending", and it is queued again (at the worker's
next start, or after LEASE) and sent again. At least once, with the same Message-ID, which
mail clients fold together: for a reporter a duplicate is better than a copy lost.

A copy that could not be sent is tried by the next round (kick() or the minute job), up to
EmbargoNotice.MAX_ATTEMPTS tries; one no longer of use when its turn comes (the embargo
lifted, the release live, the reporter off the list, the copy withdrawn) is cancelled.

The huey tasks live here beside kick(): the worker (`dateline run_huey`) finds them because
editorial/signals.py imports this module in every process.
"""

from __future__ import annotations

import logging
from collections import Counter
from email.utils import formataddr

from django.core.mail import EmailMultiAlternatives
from django.db import close_old_connections, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from dateline.core import outbox, worker
from dateline.core.mailing import default_site, mail_domain, transactional_from_email
from dateline.core.models import CitySettings
from dateline.editorial.models import EmbargoNotice
from dateline.editorial.previews import links
from dateline.editorial.schedule.times import embargo_text, page_zone, when_text

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
CANCELLED_WHY = "Not sent: the embargo had lifted or the contact was removed."
WITHDRAWN_WHY = "Not sent: the copy was withdrawn."


def kick() -> None:
    """Ask the worker to send waiting notices now (runs inline when huey is immediate)."""
    worker.ask(send_embargo_notices)


def sender() -> str:
    site = default_site()
    email = transactional_from_email(site)
    name = CitySettings.for_site(site).publisher if site is not None else ""
    return formataddr((name, email)) if name else email


def build_message(notice: EmbargoNotice) -> EmailMultiAlternatives:
    link = notice.preview_link
    # The copy scheduled, as the link shows it, not whatever the draft says by now.
    if link is not None and link.revision is not None:
        release = link.revision.as_object()
    else:
        release = notice.release.get_latest_revision_as_object()
    zone = page_zone(notice.release)
    until = embargo_text(notice.embargo_until, zone)
    context = {
        "release": release,
        "contact": notice.contact,
        "embargo_text": until,
        "preview_url": links.url_for(notice.preview_link) if notice.preview_link else "",
        "preview_expires": when_text(notice.preview_link.expires_at, zone)
        if notice.preview_link
        else "",
    }
    message = EmailMultiAlternatives(
        subject=f"EMBARGOED UNTIL {until}: {release.title}",
        body=render_to_string("editorial/email/embargo.txt", context),
        from_email=sender(),
        to=[notice.contact.email],
        headers={"Message-ID": notice.message_id, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string("editorial/email/embargo.html", context), "text/html"
    )
    return message


def _not_wanted(notice: EmbargoNotice, now) -> str:
    """Why a claimed copy must not go out after all, or ""."""
    if notice.withdrawn_at is not None:
        return WITHDRAWN_WHY
    if notice.embargo_until <= now or notice.release.live or not notice.contact.active:
        # Too late to be of use, or the reporter left the list since.
        return CANCELLED_WHY
    return ""


def _deliver(notice: EmbargoNotice, outcomes: outbox.Outcomes, now) -> None:
    # Read again just before sending: a copy withdrawn while it waited in the batch (or
    # while a worker that died had it) stays unsent, as when each row was claimed alone.
    fresh = EmbargoNotice.objects.still_sending(notice).values("withdrawn_at").first()
    if fresh is None:
        return  # the lease was lost: another worker has this copy now
    notice.withdrawn_at = fresh["withdrawn_at"]
    why = _not_wanted(notice, now)
    if why:
        outcomes.add(notice, EmbargoNotice.Status.CANCELLED, why)
        return
    try:
        build_message(notice).send()
    except Exception as error:  # noqa: BLE001 — any failure is recorded and retried
        logger.warning("Embargo notice %s not sent: %s", notice.pk, error)
        outcomes.retry(notice, str(error), now)
    else:
        outcomes.add(notice, EmbargoNotice.Status.SENT)


def deliver_due(now=None) -> dict[str, int]:
    """Send every waiting notice once; failures wait for the next round (module doc)."""
    now = now or timezone.now()
    totals: Counter = Counter()
    tried: set[int] = set()
    related = ("release", "contact", "preview_link__revision")
    # A failed copy is due again at once (EmbargoNotice.retry_delay), so each round tries
    # each copy once.
    while rows := EmbargoNotice.objects.exclude(pk__in=tried).claim(BATCH_SIZE, now, related):
        outcomes = outbox.Outcomes(EmbargoNotice)
        for notice in rows:
            tried.add(notice.pk)
            _deliver(notice, outcomes, now)
            # Recorded at once: a crash later in the batch must not send this copy again.
            with transaction.atomic():
                outcomes.flush()
        totals.update(outcomes.totals)
    counts = {
        "sent": totals[EmbargoNotice.Status.SENT],
        "failed": totals[EmbargoNotice.Status.FAILED],
        "retry": totals[EmbargoNotice.Status.QUEUED],
        "cancelled": totals[EmbargoNotice.Status.CANCELLED],
    }
    if counts["sent"] or counts["failed"]:
        logger.info("Embargo notices: %s", counts)
    return counts


def message_id(release, contact, embargo, link) -> str:
    # The link tells apart copies sent again for the same time after a cancellation, which
    # mail clients would otherwise fold into the withdrawn one.
    stamp = int(embargo.timestamp())
    return f"<embargo-{release.pk}-{contact.pk}-{stamp}-{link.pk}@{mail_domain()}>"


# --- the worker's tasks ---------------------------------------------------------------------


@db_task(priority=10)
def send_embargo_notices():
    deliver_due()


@db_periodic_task(crontab(minute="*"))
def embargo_notices_every_minute():
    """Picks up copies a failed try, a dead worker or an unreachable queue left waiting."""
    EmbargoNotice.objects.requeue_stale()
    deliver_due()


@on_startup()
def requeue_embargo_notices_after_restart():
    """Copies this worker's previous run left "sending" were never recorded as sent."""
    try:
        count = EmbargoNotice.objects.recover_after_restart()
        if count:
            logger.info("Embargo notices: %d interrupted copies queued again.", count)
    finally:
        close_old_connections()
