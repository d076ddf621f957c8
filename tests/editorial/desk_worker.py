"""Sets up the file database for the real-worker scheduling test (test_schedule.py).

    python tests/editorial/desk_worker.py setup GO_LIVE_ISO   # migrate, a city, a scheduled release

Scheduling goes through revision.publish() with a future go_live_at, as the editor's
"Schedule publishing" does (Wagtail's PublishRevisionAction stores approved_go_live_at).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.editorial.desk_worker_settings")


def setup(go_live_iso: str) -> None:
    from datetime import datetime, timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Revision
    from wagtail.rich_text import RichText

    from dateline.alerts.models import Subscriber
    from dateline.demo.testcity import build_city
    from dateline.releases.models import NewsReleasePage

    call_command("migrate", verbosity=0)
    # As in the web process, where the admin has loaded every app's Wagtail hooks.
    from wagtail import hooks

    hooks.search_for_hooks()
    newsroom = build_city()["newsroom"]
    resident = Subscriber.objects.create(
        email="resident@harlow.example",
        status="confirmed",
        confirmed_at=timezone.now() - timedelta(days=1),
    )
    resident.newsrooms.add(newsroom)

    go_live = datetime.fromisoformat(go_live_iso)
    page = NewsReleasePage(
        title="Zephyrine Bridge reopens to traffic",
        slug="zephyrine-bridge-reopens",
        release_date=go_live,
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        body=[("paragraph", RichText("<p>The Zephyrine Bridge reopens after repairs.</p>"))],
        live=False,
    )
    newsroom.add_child(instance=page)
    page.go_live_at = go_live
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    print(revision.approved_go_live_at.isoformat())


if __name__ == "__main__":
    import django

    django.setup()
    setup(sys.argv[2])
