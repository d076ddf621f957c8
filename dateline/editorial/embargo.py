"""Embargoes: the press list gets a release now, the public at the embargo time.

How it works
    The editor sets "Embargoed until". When the form is saved, the release's publishing time
    (go_live_at) follows the embargo, so publishing — or a reviewer's approval — schedules
    it the Wagtail way (the revision's approved_go_live_at) and the worker publishes it at
    that minute. Until then it is not live, so it is on no public page, feed, sitemap,
    search result or API answer, and resident alerts go out when it goes live.

The press list
    When a revision of a release with a future embargo is approved to go live (the
    Revision row is saved with approved_go_live_at), one EmbargoNotice per active press
    contact is written, unique per (release, contact, embargo time), each with its own
    embargo-purpose preview link to the revision scheduled. A huey task mails them.

Withdrawing
    Cancelling the schedule, or scheduling a different time or revision, withdraws every
    copy of the release not for that very time and revision, sent or not: what is still
    waiting is not sent, and each reporter's link then says it is no longer valid instead of
    showing a draft the newsroom took back. A revision scheduled again, even for the same
    time, sends fresh copies. When the embargo lifts (or the release is published early) the
    links lead to the public page (previews.public_copy_url).

Delivery
    Each row is claimed by a conditional UPDATE (attempts must still be what was read), so
    two workers never send the same row at once; a row is marked sent right after the mail
    backend accepts it. A worker killed between those two steps sends that one copy again
    when retried: at least once, with the same Message-ID, which mail clients fold together.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models.signals import post_save
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from . import previews
from .models import EmbargoNotice, PressContact, PreviewLink
from .schedule import city_zone, embargo_text, when_text

logger = logging.getLogger(__name__)

EMBARGO_WITHDRAW_ACTION = "dateline.embargo.withdraw"

MAX_ATTEMPTS = 5
# Reporters may check their copy against the public release for a few days after.
PREVIEW_DAYS_AFTER = 7


# --- the editor's form ----------------------------------------------------------------------


def validate_form(form, now=None) -> None:
    """Blocking errors at the field for impossible embargoes; the publish time follows it."""
    from . import schedule

    schedule.validate_form(form, now)
    if "embargo_until" not in form.fields:
        return
    now = now or timezone.now()
    data = form.cleaned_data
    page = form.instance
    embargo = data.get("embargo_until")
    before = schedule.to_minute(page.embargo_until if page.pk else None)
    changed = schedule.changed(form, "embargo_until")
    live_at_changed = schedule.changed(form, "go_live_at")
    go_live_at = data.get("go_live_at")
    zone = city_zone(page if page.pk else getattr(form, "parent_page", None))

    if embargo is None:
        # The embargo was lifted: a publishing time that only followed it goes too.
        if before and schedule.to_minute(go_live_at) == before and not live_at_changed:
            data["go_live_at"] = None
        return
    if not changed and (not live_at_changed or embargo <= now or page.live):
        return
    if changed and embargo <= now:
        form.add_error(
            "embargo_until",
            f"The embargo time {when_text(embargo, zone)} has already passed. Choose a time "
            "in the future, or clear the embargo to publish without one.",
        )
        return
    if changed and page.pk and page.live:
        form.add_error(
            "embargo_until",
            "This release is already public, so it cannot be embargoed. Clear the embargo.",
        )
        return
    followed = before is not None and schedule.to_minute(go_live_at) == before
    if go_live_at and live_at_changed:
        followed = False
    if go_live_at and not followed and embargo > go_live_at:
        form.add_error(
            "embargo_until",
            f"The embargo lifts at {when_text(embargo, zone)}, after the release is set to "
            f"publish ({when_text(go_live_at, zone)}). The public would see it before the "
            "embargo ends. Move the embargo earlier or the publishing time later.",
        )
        return
    if not go_live_at or followed:
        data["go_live_at"] = embargo
    release_date = data.get("release_date")
    if release_date and release_date < embargo:
        # The release carries the day it becomes public; this also keeps alerts going out
        # (outbox.alerts_first_publication skips releases dated more than a week back).
        data["release_date"] = embargo
        form.desk_warnings.append(
            f"The release date is now {when_text(embargo, zone)}, when the embargo lifts."
        )
    form.desk_warnings.append(
        f"Embargoed until {embargo_text(embargo, zone)}. When you publish, the press list gets "
        "it by email at once; the public sees it, and alerts go out, at that time."
    )


# --- writing the notices --------------------------------------------------------------------


def message_id(release, contact, embargo, link) -> str:
    from dateline.alerts.outbox import mail_domain

    # The link tells apart copies sent again for the same time after a cancellation, which
    # mail clients would otherwise fold into the withdrawn one.
    stamp = int(embargo.timestamp())
    return f"<embargo-{release.pk}-{contact.pk}-{stamp}-{link.pk}@{mail_domain()}>"


def write_notices(release, embargo, revision, *, user=None, now=None) -> int:
    """Queue one notice per active press contact for this embargo time and revision."""
    now = now or timezone.now()
    written = 0
    with transaction.atomic():
        withdraw(
            release,
            keep=(embargo, revision),
            why="The embargo time changed or another version was scheduled.",
            user=user,
        )
        for contact in PressContact.objects.filter(active=True):
            if EmbargoNotice.objects.filter(
                release=release, contact=contact, embargo_until=embargo, withdrawn_at=None
            ).exists():
                continue
            link = PreviewLink.objects.create(
                page=release,
                purpose=PreviewLink.Purpose.EMBARGO,
                recipient=str(contact)[:200],
                created_by=user,
                expires_at=embargo + timedelta(days=PREVIEW_DAYS_AFTER),
                revision=revision,
            )
            EmbargoNotice.objects.create(
                release=release,
                contact=contact,
                embargo_until=embargo,
                preview_link=link,
                message_id=message_id(release, contact, embargo, link),
                created_at=now,
            )
            written += 1
        PageLogEntry.objects.log_action(
            instance=release,
            action="dateline.embargo",
            user=user,
            data={"embargo_until": embargo.isoformat(), "press_copies": written},
        )
    if written:
        transaction.on_commit(kick)
    return written


def withdraw(release, *, keep=None, why="The schedule was cancelled.", user=None) -> int:
    """Every embargoed copy of the release stops working, sent or not, except `keep`.

    `keep` is (embargo time, revision): the copies of what is scheduled now. Returns how many
    copies were withdrawn.
    """
    now = timezone.now()
    with transaction.atomic():
        withdrawn = EmbargoNotice.objects.filter(release=release, withdrawn_at=None)
        if keep is not None:
            embargo, revision = keep
            withdrawn = withdrawn.exclude(
                embargo_until=embargo, preview_link__revision_id=revision.pk
            )
        ids = list(withdrawn.values_list("pk", flat=True))
        EmbargoNotice.objects.filter(pk__in=ids, status=EmbargoNotice.Status.QUEUED).update(
            status=EmbargoNotice.Status.CANCELLED, last_error=why
        )
        EmbargoNotice.objects.filter(pk__in=ids).update(withdrawn_at=now)
        kept_links = EmbargoNotice.objects.filter(
            release=release, withdrawn_at=None, preview_link__isnull=False
        ).values("preview_link_id")
        # Links whose notice is gone (a contact deleted from the press list) go too.
        revoked = (
            PreviewLink.objects.filter(
                page=release, purpose=PreviewLink.Purpose.EMBARGO, revoked_at=None
            )
            .exclude(pk__in=kept_links)
            .update(revoked_at=now)
        )
        if ids or revoked:
            PageLogEntry.objects.log_action(
                instance=release,
                action=EMBARGO_WITHDRAW_ACTION,
                user=user,
                data={"reason": why, "press_copies": len(ids), "links": revoked},
            )
    return len(ids)


def revision_saved(sender, instance: Revision, update_fields=None, **kwargs):
    """A release's revision approved to go live later, or its schedule cancelled."""
    from dateline.releases.models import NewsReleasePage

    if update_fields is None or "approved_go_live_at" not in update_fields:
        return
    model = instance.content_type.model_class()
    if model is None or not issubclass(model, NewsReleasePage):
        return
    release = NewsReleasePage.objects.filter(pk=instance.object_id).first()
    if release is None:
        return
    if instance.approved_go_live_at is None:
        withdraw(release, why="The schedule was cancelled.", user=instance.user)
        return
    if release.live:
        return  # public already: the links lead to the public page
    embargo = instance.as_object().embargo_until
    if embargo is None or embargo <= timezone.now():
        withdraw(release, why="The release was scheduled without an embargo.", user=instance.user)
        return
    write_notices(release, embargo, instance, user=instance.user)


post_save.connect(revision_saved, sender=Revision, dispatch_uid="dateline.editorial.embargo")


# --- delivering them ------------------------------------------------------------------------


def kick() -> None:
    """Ask the worker to send waiting notices now (runs inline when huey is immediate)."""
    from .tasks import send_embargo_notices

    send_embargo_notices()


def sender() -> str:
    from dateline.alerts.outbox import alert_settings, default_site
    from dateline.core.models import CitySettings

    email = alert_settings().transactional_from_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    site = default_site()
    name = CitySettings.for_site(site).publisher if site is not None else ""
    return formataddr((name, email)) if name else email


def build_message(notice: EmbargoNotice) -> EmailMultiAlternatives:
    link = notice.preview_link
    # The copy scheduled, as the link shows it, not whatever the draft says by now.
    if link is not None and link.revision is not None:
        release = link.revision.as_object()
    else:
        release = notice.release.get_latest_revision_as_object()
    zone = city_zone(notice.release)
    until = embargo_text(notice.embargo_until, zone)
    context = {
        "release": release,
        "contact": notice.contact,
        "embargo_text": until,
        "preview_url": previews.url_for(notice.preview_link) if notice.preview_link else "",
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


def deliver_due(now=None) -> dict[str, int]:
    """Send every waiting notice; failures wait for the next try (huey retries the task)."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "retry": 0, "cancelled": 0}
    waiting = EmbargoNotice.objects.filter(status=EmbargoNotice.Status.QUEUED).order_by("id")
    for notice in waiting.select_related("release", "contact", "preview_link__revision"):
        claimed = EmbargoNotice.objects.filter(
            pk=notice.pk, status=EmbargoNotice.Status.QUEUED, attempts=notice.attempts
        ).update(attempts=notice.attempts + 1)
        if not claimed:
            continue  # another worker has it
        notice.attempts += 1
        if notice.embargo_until <= now or notice.release.live or not notice.contact.active:
            # Too late to be of use, or the reporter left the list since.
            EmbargoNotice.objects.filter(pk=notice.pk).update(
                status=EmbargoNotice.Status.CANCELLED,
                last_error="Not sent: the embargo had lifted or the contact was removed.",
            )
            counts["cancelled"] += 1
            continue
        try:
            build_message(notice).send()
        except Exception as error:  # noqa: BLE001 — any failure is recorded and retried
            failed = notice.attempts >= MAX_ATTEMPTS
            EmbargoNotice.objects.filter(pk=notice.pk).update(
                status=EmbargoNotice.Status.FAILED if failed else EmbargoNotice.Status.QUEUED,
                last_error=str(error)[:2000],
            )
            counts["failed" if failed else "retry"] += 1
            logger.warning("Embargo notice %s not sent: %s", notice.pk, error)
            continue
        EmbargoNotice.objects.filter(pk=notice.pk).update(
            status=EmbargoNotice.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        counts["sent"] += 1
    if counts["sent"] or counts["failed"]:
        logger.info("Embargo notices: %s", counts)
    return counts
