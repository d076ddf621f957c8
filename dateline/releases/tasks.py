"""Background jobs for releases, run by the huey worker (`dateline run_huey`)."""

import logging

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"))
@lock_task("publish-scheduled")
def publish_scheduled():
    """Publish (and unpublish) what editors scheduled, within a minute of the set time."""
    call_command("publish_scheduled", verbosity=0)
