"""Background jobs for the editorial desk, run by the huey worker (`dateline run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

# Importing embargo connects its signal handler in the worker process too, where releases
# are scheduled by approvals and published by the once-a-minute job.
from . import embargo


class NotAllSent(Exception):
    """Some embargo copies failed; raising makes huey try the task again later."""


@db_task(retries=4, retry_delay=60)
def send_embargo_notices():
    counts = embargo.deliver_due()
    if counts["retry"]:
        raise NotAllSent(f"{counts['retry']} embargoed copies will be tried again.")


@db_periodic_task(crontab(minute="*"))
def embargo_notices_every_minute():
    """Picks up copies a stopped worker or a failed try left waiting."""
    embargo.deliver_due()
