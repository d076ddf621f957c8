"""Scheduled releases go live through the worker's once-a-minute job."""

from datetime import timedelta

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from wagtail.models import Revision

from dateline.releases.models import NewsReleasePage
from dateline.releases.tasks import publish_scheduled

pytestmark = pytest.mark.django_db


def test_publish_scheduled_runs_every_minute():
    assert publish_scheduled.task_class in HUEY._registry._periodic_tasks
    task = publish_scheduled.task_class()
    # validate_datetime says whether the worker's scheduler runs the job at that minute.
    minutes = [timezone.now().replace(minute=m, second=0) for m in (0, 1, 17, 59)]
    assert all(task.validate_datetime(minute) for minute in minutes)


def test_scheduled_release_goes_live_when_the_job_runs(client, city, make_release):
    release = make_release("Water main work starts at 10 a.m.")
    release.unpublish()
    release.go_live_at = timezone.now() + timedelta(minutes=5)
    revision = release.save_revision()
    revision.publish()
    release.refresh_from_db()
    assert not release.live
    assert client.get(release.url).status_code == 404

    # The scheduled minute arrives.
    past = timezone.now() - timedelta(seconds=30)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    publish_scheduled.call_local()

    release = NewsReleasePage.objects.get(pk=release.pk)
    assert release.live
    response = client.get(release.url)
    assert response.status_code == 200
    assert "Water main work starts at 10 a.m." in response.content.decode()
