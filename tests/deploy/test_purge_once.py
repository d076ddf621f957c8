"""With a frontend cache configured, every purge goes through Dateline's path, once.

wagtail.contrib.frontend_cache, when installed, connects its own publish and unpublish
handlers, which purge each release's page a second time beside dateline/pagecache/purge.py.
Here the site runs as deployed with DATELINE_FRONTEND_CACHE_URL pointing at a small HTTP
server that records every PURGE it gets, in place of Varnish.
"""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import fake_varnish

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(__file__).with_name("site.py")
RELEASE = "/news/ferry-dock/"


@pytest.fixture
def cache():
    with fake_varnish() as server:
        yield server


def run_site(env, *args):
    result = subprocess.run(
        [sys.executable, str(SITE), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]


def repeated(purges):
    counts = Counter((host, path, tree) for host, path, tree, _ in purges)
    return {
        key: [agent for host, path, tree, agent in purges if (host, path, tree) == key]
        for key, n in counts.items()
        if n > 1
    }


def repeated_paths(purges):
    return {path for _, path, _ in repeated(purges)}


def test_publishing_a_release_purges_each_url_once(cache, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DATELINE_DATA_DIR": str(tmp_path),
        "DATELINE_FRONTEND_CACHE_URL": f"http://127.0.0.1:{cache.server_port}",
        "PYTHONPATH": str(ROOT),
    }
    run_site(env, "setup")  # publishes the release for the first time
    first = list(cache.purges)
    cache.purges.clear()
    run_site(env, "retitle", "Ferry dock reopens for good")
    again = list(cache.purges)

    # Setting the site up makes several separate changes, each purging on its own; the
    # release's publication is one of them and purges its page once.
    assert [p for p in first if p[:3] == ("localhost", RELEASE, False)], first
    assert RELEASE not in repeated_paths(first), repeated(first)
    # A new headline is one publication: every URL once, the release's page among them.
    assert ("localhost", RELEASE, False) in {p[:3] for p in again}
    # Dateline's own purge ran: it alone sends whole trees.
    assert ("localhost", "/feeds/", True) in {p[:3] for p in again}
    assert not repeated(again), f"purged more than once (by user agent): {repeated(again)}"
