"""Background jobs for email alerts, run by the huey worker (`dateline run_huey`).

Every minute: rows of a worker that died go back in the queue, releases published in the
last hour are checked for alerts a crash may have kept from being written, the daily digest
is written when it is due, old rate-limit records are purged, and due mail is delivered.
Publishing and subscribing also ask for delivery at once (delivery.kick()).
"""

import logging

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, on_startup
from huey.exceptions import TaskLockedException

from . import delivery, digests, outbox

logger = logging.getLogger(__name__)

DELIVERY_LOCK = "dateline-alerts-delivery"


def deliver_now() -> None:
    """Deliver due rows unless another thread of this queue is already doing so.

    The claim itself is atomic, so two workers would never send the same row; the lock keeps
    one connection to the mail server busy rather than several competing ones.
    """
    try:
        # The time-to-live frees the lock of a worker that was killed while holding it.
        with HUEY.lock_task(DELIVERY_LOCK, ttl=int(delivery.LEASE.total_seconds())):
            delivery.deliver_due()
    except TaskLockedException:
        pass


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
