"""Builds and changes the small site the Varnish test serves (run as a subprocess).

    python tests/deploy/site.py setup             migrate; a city, a newsroom, one release
    python tests/deploy/site.py retitle "New"     the release gets a new headline, published
    python tests/deploy/site.py purge-all         empty every cache, Varnish included

The environment gives DATABASE_URL, DATELINE_DATA_DIR and DATELINE_FRONTEND_CACHE_URL, so
publishing here purges the Varnish the test started, as it would in production.
"""

import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.test")


def setup() -> None:
    from django.core.management import call_command

    from dateline.demo.testcity import build_city
    from dateline.releases.models import NewsReleasePage

    call_command("migrate", verbosity=0)
    newsroom = build_city(hostname="localhost")["newsroom"]
    release = NewsReleasePage(
        title="Ferry dock reopens",
        slug="ferry-dock",
        release_date=datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("America/Los_Angeles")),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        body='[{"type": "paragraph", "value": "<p>The ferry runs again on Monday.</p>"}]',
    )
    newsroom.add_child(instance=release)
    release.save_revision().publish()


def retitle(title: str) -> None:
    from dateline.releases.models import NewsReleasePage

    release = NewsReleasePage.objects.get(slug="ferry-dock").get_latest_revision_as_object()
    release.title = title
    release.save_revision().publish()


def purge_all() -> None:
    from dateline.pagecache.purge import purge_all

    purge_all()


if __name__ == "__main__":
    import django

    django.setup()
    commands = {"setup": setup, "retitle": lambda: retitle(sys.argv[2]), "purge-all": purge_all}
    commands[sys.argv[1]]()
