"""Scheduling to the minute: set a time in the admin, the worker publishes or unpublishes."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from dateline.releases.models import NewsReleasePage
from dateline.releases.tasks import publish_scheduled

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("desk_worker.py")


def edit(admin, page, form, capture, action="action-publish", **changes):
    data = form(page, **changes)
    if action:
        data[action] = action
    with capture(execute=True):
        return admin.post(f"/admin/pages/{page.pk}/edit/", data)


@pytest.mark.django_db
def test_a_time_set_in_the_admin_is_published_by_the_job_with_everything_it_owes(
    desk_admin, desk_draft, desk_form, desk_public, city, django_capture_on_commit_callbacks
):
    from dateline.alerts.models import Subscriber

    resident = Subscriber.objects.create(
        email="resident@harlow.example", status="confirmed", confirmed_at=timezone.now()
    )
    resident.newsrooms.add(city["newsroom"])
    page = desk_draft("Zephyrine Bridge reopens to traffic")
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    response = edit(desk_admin, page, desk_form, django_capture_on_commit_callbacks, go_live_at=at)
    assert response.status_code == 302
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == at
    publish_scheduled.call_local()  # too early: nothing happens
    assert not NewsReleasePage.objects.get(pk=page.pk).live
    assert desk_public.get("/news/zephyrine-bridge-reopens-to-traffic/").status_code == 404

    # The minute arrives.
    past = timezone.now() - timedelta(seconds=5)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish_scheduled.call_local()
    page = NewsReleasePage.objects.get(pk=page.pk)
    assert page.live
    assert desk_public.get(page.url).status_code == 200
    for url in ("/news/", "/feeds/rss.xml", "/sitemaps/releases/1.xml", "/search/?q=Zephyrine"):
        assert "zephyrine" in desk_public.get(url).content.decode().lower(), url
    assert [m.to for m in mail.outbox] == [["resident@harlow.example"]]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").exists()


@pytest.mark.django_db
def test_scheduling_queues_a_run_at_that_very_second(
    desk_admin, desk_draft, desk_form, django_capture_on_commit_callbacks
):
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    page = desk_draft()
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    edit(desk_admin, page, desk_form, django_capture_on_commit_callbacks, go_live_at=at)
    queued = [t for t in HUEY.scheduled() if t.name.endswith("publish_at_time")]
    assert len(queued) == 1
    assert queued[0].eta.replace(tzinfo=UTC) == (at + timedelta(seconds=1)).astimezone(UTC)
    HUEY.flush()


@pytest.mark.django_db
def test_unpublishing_at_a_set_time(make_release, desk_public):
    release = make_release("Pool opens for the summer")
    release.expire_at = timezone.now() + timedelta(hours=1)
    release.save_revision().publish()
    publish_scheduled.call_local()
    assert desk_public.get(release.url).status_code == 200

    NewsReleasePage.objects.filter(pk=release.pk).update(
        expire_at=timezone.now() - timedelta(seconds=5)
    )
    publish_scheduled.call_local()
    release.refresh_from_db()
    assert not release.live and release.expired
    assert desk_public.get(release.url).status_code == 404
    assert "Pool opens" not in desk_public.get("/feeds/rss.xml").content.decode()


@pytest.mark.django_db
def test_a_publishing_time_in_the_past_is_refused(
    desk_admin, desk_draft, desk_form, django_capture_on_commit_callbacks
):
    page = desk_draft()
    response = edit(
        desk_admin,
        page,
        desk_form,
        django_capture_on_commit_callbacks,
        go_live_at=timezone.now() - timedelta(days=1),
    )
    assert response.status_code == 200
    assert "has already passed. Choose a time in the future" in response.content.decode()
    page.refresh_from_db()
    assert not page.live and page.go_live_at is None
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


@pytest.mark.django_db
def test_an_unpublishing_time_in_the_past_is_refused(
    desk_admin, make_release, desk_form, django_capture_on_commit_callbacks
):
    release = make_release()
    response = edit(
        desk_admin,
        release,
        desk_form,
        django_capture_on_commit_callbacks,
        expire_at=timezone.now() - timedelta(hours=1),
    )
    assert response.status_code == 200
    assert "Expiry date/time must be in the future." in response.content.decode()
    release.refresh_from_db()
    assert release.live and release.expire_at is None


@pytest.mark.django_db
def test_a_release_that_went_live_on_schedule_can_still_be_edited(
    desk_admin, desk_draft, desk_form, django_capture_on_commit_callbacks
):
    page = desk_draft()
    page.go_live_at = timezone.now() - timedelta(days=1)  # its time came yesterday
    page.save_revision().publish()
    page.refresh_from_db()
    response = edit(desk_admin, page, desk_form, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.live


# --- a real worker process ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""  # not listening yet


def test_the_worker_publishes_a_scheduled_release_within_the_minute(tmp_path):
    """dateline run_huey and dateline runserver against one SQLite file, as in production."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DATELINE_DATA_DIR": str(tmp_path),
        "EMAIL_URL": f"file://{tmp_path / 'mail'}",
        "DJANGO_SETTINGS_MODULE": "tests.editorial.desk_worker_settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATELINE_ALERTS_CRASH_AT", None)
    # The next whole minute at least 20 seconds away: editors schedule to the minute.
    go_live = (timezone.now() + timedelta(seconds=80)).replace(second=0, microsecond=0)
    setup = subprocess.run(
        [sys.executable, str(WORKER), "setup", go_live.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr[-3000:]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("worker", "web")}  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "-m", "dateline", "run_huey"],
        cwd=ROOT,
        env=env,
        stdout=logs["worker"],
        stderr=subprocess.STDOUT,
    )
    web = subprocess.Popen(
        [sys.executable, "-m", "dateline", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=logs["web"],
        stderr=subprocess.STDOUT,
    )
    release = f"{base}/news/zephyrine-bridge-reopens/"
    try:
        deadline = time.monotonic() + 30
        while get(f"{base}/news/")[0] != 200:
            assert time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.2)
        assert timezone.now() < go_live, "setup took too long to test before the time"
        assert get(release)[0] == 404
        assert "Zephyrine" not in get(f"{base}/feeds/rss.xml")[1]

        live_at = None
        deadline = time.monotonic() + (go_live - timezone.now()).total_seconds() + 75
        while time.monotonic() < deadline:
            status, _ = get(release)
            if status == 200:
                live_at = timezone.now()
                break
            assert timezone.now() < go_live + timedelta(seconds=75)
            time.sleep(0.5)
        assert live_at is not None, "not live within the minute after its time"
        delay = (live_at - go_live).total_seconds()
        print(
            f"\nscheduled {go_live:%H:%M:%S}, live over HTTP at {live_at:%H:%M:%S.%f}: "
            f"{delay:.1f} s after the scheduled time"
        )
        logs["worker"].flush()
        ran = [
            line.split(" INFO huey: ")[-1]
            for line in (tmp_path / "worker.log").read_text().splitlines()
            if "Executing dateline.releases.tasks.publish" in line
        ]
        print("worker ran: " + "; ".join(ran))
        assert 0 <= delay < 61
        # Everything else that follows publication, over HTTP too.
        assert "Zephyrine" in get(f"{base}/news/")[1]
        assert "Zephyrine" in get(f"{base}/feeds/rss.xml")[1]
        assert "zephyrine-bridge-reopens" in get(f"{base}/sitemaps/releases/1.xml")[1]
        assert "Zephyrine" in get(f"{base}/search/?q=Zephyrine")[1]
        # The resident's alert, delivered by the same worker to the mail folder.
        deadline = time.monotonic() + 30
        sent = []
        while time.monotonic() < deadline and not sent:
            sent = (
                [
                    f
                    for f in (tmp_path / "mail").glob("*")
                    if "resident@harlow.example" in f.read_text()
                ]
                if (tmp_path / "mail").exists()
                else []
            )
            time.sleep(0.5)
        assert sent, "no alert was delivered"
        assert "Zephyrine" in sent[0].read_text()
    finally:
        for process in (worker, web):
            process.terminate()
        for process in (worker, web):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        for handle in logs.values():
            handle.close()
