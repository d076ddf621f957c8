"""Background jobs for email alerts, run by the huey worker (`dateline run_huey`).

Every minute: rows of a worker that died go back in the queue, releases published in the
last hour are checked for alerts a crash may have kept from being written, the daily digest
is written when it is due, old rate-limit records are purged, and due mail is delivered.
Publishing and subscribing also ask for delivery at once (delivery.kick()).
"""

import logging
import threading

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from . import delivery, digests, outbox

logger = logging.getLogger(__name__)

# One delivery at a time per worker process. huey's own task lock needs a time-to-live to
# survive a killed worker, which its SQLite storage does not offer; a process lock dies with
# its process. Across processes the atomic claim (delivery.claim) keeps rows apart.
_delivering = threading.Lock()


def deliver_now() -> None:
    """Deliver due rows unless another thread of this worker is already doing so.

    The claim itself is atomic, so two workers would never send the same row; the lock keeps
    one connection to the mail server busy rather than several competing ones.
    """
    if not _delivering.acquire(blocking=False):
        return
    try:
        delivery.deliver_due()
    finally:
        _delivering.release()


@db_task(priority=10)
def deliver():
    deliver_now()


@on_startup()
def requeue_after_restart():
    from django.db import close_old_connections

    try:
        count = delivery.recover_after_restart()
        if count:
            logger.info("Alert delivery: %d interrupted messages queued again.", count)
    finally:
        close_old_connections()


@db_periodic_task(crontab(minute="*"))
def alerts_every_minute():
    delivery.requeue_stale()
    outbox.sweep_recent()
    digests.write_due()
    try:
        from . import ratelimit
    except ImportError:
        ratelimit = None
    if ratelimit is not None and hasattr(ratelimit, "purge_old"):
        ratelimit.purge_old()
    deliver_now()
