"""Background jobs for releases, run by the huey worker (`dateline run_huey`)."""

import logging

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, lock_task

logger = logging.getLogger(__name__)

LOCK = "publish-scheduled"


def _publish_what_is_due() -> None:
    # Wagtail's own command does both halves: it unpublishes live pages whose "expire at"
    # time has passed, then publishes every revision whose approved "go live" time has come,
    # through revision.publish() — the Publish button's path, so the search index, feeds,
    # sitemap, related stories and resident alerts all follow as they do for an editor.
    call_command("publish_scheduled", verbosity=0)


@db_periodic_task(crontab(minute="*"))
@lock_task(LOCK)
def publish_scheduled():
    """Publish (and unpublish) what editors scheduled, within a minute of the set time.

    The worker checks its periodic jobs every 60 seconds from when it started, not on the
    minute, so this alone can be up to a minute late; publish_at_time below is on time.
    """
    _publish_what_is_due()


@db_task(retries=5, retry_delay=2)
def publish_at_time():
    """Queued for a revision's own go-live time when it is scheduled
    (editorial/schedule/publishing.py).

    The worker's scheduler looks for such tasks every second, so a release goes live within
    seconds of its time; the minute job above stays as the safety net (a worker that was
    stopped at that time, a schedule changed since).
    """
    # While the minute job holds the lock this raises TaskLockedException, and huey tries
    # again two seconds later (retries).
    with HUEY.lock_task(LOCK):
        _publish_what_is_due()
