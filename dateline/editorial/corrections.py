"""Corrections to published releases, and keeping a published release's history intact.

A correction is appended after publication and kept beside the release (not in a revision),
so reverting or re-editing the page never loses it. Readers see it above the body; feeds,
JSON-LD and the API treat its time as the release's last modification.

Revision history
    Wagtail 7.4's admin has no screen that deletes revisions: the "History" and
    "Revisions" views only show, compare, revert and unschedule. Revisions are deleted by
    the `purge_revisions` management command (it deletes every old revision it may, skipping
    any whose deletion raises ProtectedError), by code calling Revision.delete(), and by
    deleting the page itself, which takes its revisions with it. The pre_delete handler below
    refuses the first two for releases that have ever been published, so the record of what
    the public was shown survives; `purge_revisions` reports those as "ignored". Deleting a
    page is not a revision deletion and is left to the before_delete_page hook
    (corrections_hooks.py), which refuses it for a live release that has corrections. Set
    DATELINE_KEEP_RELEASE_REVISIONS = False to allow purging again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.db.models.deletion import ProtectedError
from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from .models import Correction

LOG_ACTION = "dateline.correction"
# A clock a little ahead of the server's should not make "now" count as the future.
FUTURE_SLACK = timedelta(minutes=5)


class CorrectionRefused(ValueError):
    """Why a correction was not saved; the message is written for the editor."""


class PublishedHistoryProtected(ProtectedError):
    """Raised instead of deleting a published release's revision; purge_revisions skips it."""

    def __str__(self):
        return self.args[0]


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
            LOG_ACTION,
            user=user,
            data={
                "correction_id": correction.pk,
                "text": text,
                "corrected_at": corrected_at.isoformat(),
            },
        )
    return correction


def latest_time(release) -> datetime | None:
    """When the release was last corrected; uses with_latest_correction()'s value if there."""
    if hasattr(release, "latest_correction"):
        return release.latest_correction
    return release.corrections.aggregate(latest=Max("corrected_at"))["latest"]


def modified_at(release) -> datetime:
    """The release's last change for feeds and search engines: a publish or a correction."""
    published = release.last_published_at or release.release_date
    corrected = latest_time(release)
    return max(published, corrected) if corrected else published


def with_latest_correction(releases: QuerySet) -> QuerySet:
    return releases.annotate(latest_correction=Max("corrections__corrected_at"))


def latest_among(releases: QuerySet) -> datetime | None:
    """The latest correction to any of these releases, for a feed's Last-Modified and ETag."""
    return Correction.objects.filter(release__in=releases.values("pk")).aggregate(
        latest=Max("corrected_at")
    )["latest"]


def public_corrections(site=None) -> QuerySet:
    """Corrections readers may see: those of live releases open to the public, newest first."""
    from dateline.core.restrictions import restricted_paths

    # From the corrections' side: there are few, and every release would be many.
    found = Correction.objects.filter(release__live=True)
    if site is not None:
        found = found.filter(release__path__startswith=site.root_page.path)
    for path in restricted_paths():
        found = found.exclude(release__path__startswith=path)
    return found.select_related("release").order_by("-corrected_at", "-pk")


# --- keeping the history of published releases -----------------------------------------------


def _published_release_id(revision) -> int | None:
    from django.contrib.contenttypes.models import ContentType

    from dateline.releases.models import NewsReleasePage

    if revision.content_type_id != ContentType.objects.get_for_model(NewsReleasePage).pk:
        return None
    try:
        page_id = int(revision.object_id)
    except (TypeError, ValueError):
        return None
    published = NewsReleasePage.objects.filter(pk=page_id, first_published_at__isnull=False)
    return page_id if published.exists() else None


def _deleting_revisions_directly(origin) -> bool:
    # Deleting a page takes its revisions with it (origin is the page or its queryset); only
    # deletions that start from revisions themselves rewrite a release's history.
    if isinstance(origin, Revision):
        return True
    return isinstance(origin, QuerySet) and issubclass(origin.model, Revision)


def refuse_revision_deletion(sender, instance, origin=None, **kwargs):
    if not getattr(settings, "DATELINE_KEEP_RELEASE_REVISIONS", True):
        return
    if not _deleting_revisions_directly(origin):
        return
    page_id = _published_release_id(instance)
    if page_id is not None:
        raise PublishedHistoryProtected(
            f"Revision {instance.pk} belongs to news release {page_id}, which has been "
            "published. The revisions of published releases are kept as the record of what "
            "the public was shown (set DATELINE_KEEP_RELEASE_REVISIONS = False to allow this).",
            set(),
        )


pre_delete.connect(
    refuse_revision_deletion, sender=Revision, dispatch_uid="dateline_keep_release_revisions"
)
