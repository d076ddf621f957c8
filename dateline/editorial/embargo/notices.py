"""The press list's copies of an embargoed release: written when a revision is scheduled with
an embargo, withdrawn when the schedule changes (see the package docstring)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from dateline.editorial import log_actions
from dateline.editorial.models import EmbargoNotice, PressContact, PreviewLink
from dateline.releases.models import NewsReleasePage

from . import delivery

# Reporters may check their copy against the public release for a few days after.
PREVIEW_DAYS_AFTER = 7


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
                message_id=delivery.message_id(release, contact, embargo, link),
                created_at=now,
            )
            written += 1
        PageLogEntry.objects.log_action(
            instance=release,
            action=log_actions.EMBARGO,
            user=user,
            data={"embargo_until": embargo.isoformat(), "press_copies": written},
        )
    if written:
        # Looked up now rather than bound at import, so tests can hold the copies back.
        transaction.on_commit(delivery.kick)
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
                action=log_actions.EMBARGO_WITHDRAW,
                user=user,
                data={"reason": why, "press_copies": len(ids), "links": revoked},
            )
    return len(ids)


def revision_saved(sender, instance: Revision, update_fields=None, **kwargs):
    """A release's revision approved to go live later, or its schedule cancelled.

    A post_save receiver of Revision, connected in editorial/signals.py.
    """
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
