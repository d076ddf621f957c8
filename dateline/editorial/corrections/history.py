"""Keeping the history of published releases.

Wagtail 7.4's admin has no screen that deletes revisions: the "History" and "Revisions"
views only show, compare, revert and unschedule. Revisions are deleted by the
`purge_revisions` management command (it deletes every old revision it may, skipping any
whose deletion raises ProtectedError), by code calling Revision.delete(), and by deleting
the page itself, which takes its revisions with it. The pre_delete receiver below refuses
the first two for releases that have ever been published, so the record of what the public
was shown survives; `purge_revisions` reports those as "ignored". Deleting a page is not a
revision deletion and is left to the before_delete_page hook (corrections/wagtail_hooks.py),
which refuses it for a live release that has corrections. Set
DATELINE_KEEP_RELEASE_REVISIONS = False to allow purging again.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.db.models.deletion import ProtectedError
from wagtail.models import Revision

from dateline.releases.models import NewsReleasePage


class PublishedHistoryProtected(ProtectedError):
    """Raised instead of deleting a published release's revision; purge_revisions skips it."""

    def __str__(self):
        return self.args[0]


def _published_release_id(revision) -> int | None:
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
    """A pre_delete receiver of Revision, connected in editorial/signals.py."""
    if not settings.DATELINE_KEEP_RELEASE_REVISIONS:
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
