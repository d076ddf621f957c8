"""Adding a correction to a published release, and the lists readers see."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from wagtail.models import PageLogEntry

from dateline.core.restrictions import restricted_paths
from dateline.editorial import log_actions
from dateline.editorial.models import Correction

# A clock a little ahead of the server's should not make "now" count as the future.
FUTURE_SLACK = timedelta(minutes=5)


class CorrectionRefused(ValueError):
    """Why a correction was not saved; the message is written for the editor."""


def can_correct(user, page) -> bool:
    """Only people who may publish the release may correct it in public."""
    return page.permissions_for_user(user).can_publish()


def add_correction(release, text: str, *, user=None, corrected_at: datetime | None = None):
    text = (text or "").strip()
    if not release.live:
        raise CorrectionRefused(
            "This release is not published, so there is nothing public to correct. Change the "
            "draft instead; corrections are for releases readers have already seen."
        )
    if not text:
        raise CorrectionRefused(
            "Write what was wrong and what is right now, for example: “An earlier version "
            "gave the wrong date for the council vote. It is May 4.”"
        )
    corrected_at = corrected_at or timezone.now()
    if corrected_at > timezone.now() + FUTURE_SLACK:
        raise CorrectionRefused(
            "The correction time is in the future. Use the time the correction was made, "
            "or leave it as now."
        )
    with transaction.atomic():
        correction = Correction.objects.create(
            release=release, text=text, corrected_at=corrected_at, created_by=user
        )
        PageLogEntry.objects.log_action(
            release,
            log_actions.CORRECTION,
            user=user,
            data={
                "correction_id": correction.pk,
                "text": text,
                "corrected_at": corrected_at.isoformat(),
            },
        )
    return correction


def latest_among(releases: QuerySet) -> datetime | None:
    """The latest correction to any of these releases, for a feed's Last-Modified and ETag."""
    return Correction.objects.filter(release__in=releases.values("pk")).aggregate(
        latest=Max("corrected_at")
    )["latest"]


def public_corrections(site=None) -> QuerySet:
    """Corrections readers may see: those of live releases open to the public, newest first."""
    # From the corrections' side: there are few, and every release would be many.
    found = Correction.objects.filter(release__live=True)
    if site is not None:
        found = found.filter(release__path__startswith=site.root_page.path)
    for path in restricted_paths():
        found = found.exclude(release__path__startswith=path)
    return found.select_related("release").order_by("-corrected_at", "-pk")
