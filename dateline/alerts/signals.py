"""Publishing a release writes the emails it owes (outbox.py says which and when)."""

import logging

from django.db import transaction
from wagtail.signals import page_published

from dateline.core.publishing import in_bulk_publication
from dateline.releases.models import NewsReleasePage

from . import delivery, outbox

logger = logging.getLogger(__name__)


def release_published(sender, instance, revision=None, **kwargs):
    if in_bulk_publication():
        return  # an imported archive is not news: no alerts (core/publishing.py)

    try:
        written = outbox.write_for_release(instance, revision)
    except Exception:
        # The release is already saved and live: failing here would only show the editor an
        # error for a publication that happened. The outbox write is its own savepoint, and
        # the worker's sweep (outbox.sweep_recent) writes the alerts within a minute.
        logger.exception("Could not write the alerts of release %s; the sweep will.", instance.pk)
        return
    if written:
        # Read at each publication, so a test (or the kill test's setup) can turn it off.
        transaction.on_commit(delivery.kick)


def connect() -> None:
    page_published.connect(
        release_published, sender=NewsReleasePage, dispatch_uid="dateline.alerts.release_published"
    )
