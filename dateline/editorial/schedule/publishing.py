"""Publishing on the second a revision was scheduled for, not at the next minute's job."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from dateline.releases.tasks import publish_at_time

# publish_scheduled takes revisions whose time is strictly before now.
AFTER = timedelta(seconds=1)


def queue_on_time(sender, instance: Revision, update_fields=None, **kwargs):
    """A revision approved to go live later: ask the worker to publish at that very second."""
    if update_fields is None or "approved_go_live_at" not in update_fields:
        return
    when = instance.approved_go_live_at
    if when is None or when <= timezone.now():
        return

    def queue():
        publish_at_time.schedule(eta=when + AFTER)

    transaction.on_commit(queue)
