"""Background jobs for email alerts, run by the huey worker (`dateline run_huey`).

Every minute: rows of a worker that died go back in the queue, releases published in the
last hour are checked for alerts a crash may have kept from being written, the daily digest
is written when it is due, old rate-limit records are purged, and due mail is delivered.
Publishing, subscribing and staff actions also ask for delivery at once (delivery.kick(),
whose task is delivery.deliver).
"""

import logging

from django.db import close_old_connections
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup

from . import delivery, digests, outbox, ratelimit

logger = logging.getLogger(__name__)


@on_startup()
def requeue_after_restart():
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
    ratelimit.purge_old()
    delivery.deliver_now()
