"""deploy/varnish.vcl with a real Varnish in front of a real Dateline, on loopback.

Readers share one cached copy (cookies other than a session's are dropped), staff pages
are never cached, a publish purges Varnish within a second, and when the app stops,
Varnish keeps serving the pages it has.
"""

import gzip
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
SITE = Path(__file__).with_name("site.py")
RELEASE = "/news/ferry-dock/"

pytestmark = pytest.mark.skipif(
    not Path(VARNISHD).exists() and not os.environ.get("CI"),
    reason="Varnish is not installed here (make test installs Debian's varnish)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str, cookie: str = "", **headers) -> tuple[int, str, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    # The site's own name: what readers type, and what the app purges.
    request.add_header("Host", "localhost")
    if cookie:
        request.add_header("Cookie", cookie)
    for name, value in headers.items():
        request.add_header(name.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), dict(error.headers)
    except (urllib.error.URLError, ConnectionError):
        return 0, "", {}


def fetch_gzip(port: int, path: str) -> tuple[bytes, dict]:
    """As a browser asks: the body as sent (gzip-compressed) and the headers."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    request.add_header("Host", "localhost")
    request.add_header("Accept-Encoding", "gzip, deflate, br")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), response.headers


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"{what} within {seconds} s")


@pytest.fixture
def stack(tmp_path):
    """Dateline (runserver on a SQLite file) behind varnishd running deploy/varnish.vcl."""
    app_port, varnish_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DATELINE_DATA_DIR": str(tmp_path),
        "DATELINE_FRONTEND_CACHE_URL": f"http://127.0.0.1:{varnish_port}",
        # As deployed: the app trusts the forwarded headers of the Varnish on this machine.
        "DATELINE_BEHIND_PROXY": "1",
        "PYTHONPATH": str(ROOT),
    }
    setup = subprocess.run(
        [sys.executable, str(SITE), "setup"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert setup.returncode == 0, setup.stderr[-3000:]
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    (tmp_path / "dateline.vcl").write_text(vcl.replace('"8000"', f'"{app_port}"'))
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("app", "varnish")}  # noqa: SIM115
    app = subprocess.Popen(
        [sys.executable, "-m", "dateline", "runserver", f"127.0.0.1:{app_port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=logs["app"],
        stderr=subprocess.STDOUT,
    )
    varnish = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            # Stay the user running the tests (no privilege drop to "vcache": it could not
            # read the test's temporary folder, and a non-root user cannot switch anyway).
            "-j",
            "none",
            "-n",
            str(tmp_path / "varnish"),
            "-a",
            f"127.0.0.1:{varnish_port}",
            "-T",
            "none",
            "-f",
            str(tmp_path / "dateline.vcl"),
            "-s",
            "malloc,32m",
            "-p",
            "ban_lurker_sleep=0.01",
        ],
        stdout=logs["varnish"],
        stderr=subprocess.STDOUT,
    )
    processes = {"app": app, "varnish": varnish}
    try:
        wait_for(lambda: fetch(app_port, RELEASE)[0] == 200, 30, "the app did not start")
        wait_for(lambda: fetch(varnish_port, RELEASE)[0] == 200, 30, "Varnish did not start")
        yield {"env": env, "port": varnish_port, "processes": processes, "tmp": tmp_path}
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        for handle in logs.values():
            handle.close()


def test_readers_share_one_copy_and_staff_pages_are_never_cached(stack):
    port = stack["port"]
    fetch(port, RELEASE)
    status, html, headers = fetch(port, RELEASE, cookie="_ga=GA1.2.3; consent=yes")
    assert status == 200 and "Ferry dock reopens" in html
    assert headers["X-Cache"] == "HIT"
    assert fetch(port, RELEASE, cookie="sessionid=abc123")[2]["X-Cache"] == "MISS"
    fetch(port, "/admin/login/")
    assert fetch(port, "/admin/login/")[2]["X-Cache"] == "MISS"
    # Search results are not purged on publish, so Varnish never keeps them.
    fetch(port, "/search/?q=ferry")
    status, _, headers = fetch(port, "/search/?q=ferry")
    assert status == 200 and headers["X-Cache"] == "MISS"


def test_a_made_up_forwarded_host_or_scheme_never_reaches_the_next_reader(stack):
    port = stack["port"]
    forged = {"X_Forwarded_Host": "evil.example", "X_Forwarded_Proto": "http"}
    for path, link in (
        ("/robots.txt", "Sitemap: http://localhost/sitemap.xml"),
        ("/sitemap.xml", "<loc>http://localhost/sitemaps/pages/1.xml</loc>"),
        ("/api/v1/", '"releases": "http://localhost/api/v1/releases/"'),
    ):
        status, body, _ = fetch(port, path, **forged)
        assert status == 200 and "evil.example" not in body, path
        status, body, headers = fetch(port, path)
        assert status == 200 and link in body and "evil.example" not in body, path
        assert headers["X-Cache"] == "HIT", path


def test_browsers_get_pages_compressed_and_other_clients_as_they_are(stack):
    port = stack["port"]
    # One copy for browsers and one for other clients, each served as stored.
    fetch_gzip(port, RELEASE)
    fetch(port, RELEASE)
    packed, headers = fetch_gzip(port, RELEASE)
    assert headers["Content-Encoding"] == "gzip" and headers["X-Cache"] == "HIT"
    status, html, plain = fetch(port, RELEASE)
    assert status == 200 and plain["X-Cache"] == "HIT" and "Content-Encoding" not in plain
    assert "Ferry dock reopens" in html
    assert gzip.decompress(packed).decode() == html and len(packed) < len(html.encode())


def test_a_publish_reaches_readers_through_varnish_within_a_second(stack):
    port = stack["port"]
    fetch(port, RELEASE)
    assert fetch(port, RELEASE)[2]["X-Cache"] == "HIT"
    fetch_gzip(port, RELEASE)
    assert fetch_gzip(port, RELEASE)[1]["X-Cache"] == "HIT"
    retitle = subprocess.run(
        [sys.executable, str(SITE), "retitle", "Ferry dock reopens early"],
        cwd=ROOT,
        env=stack["env"],
        capture_output=True,
        text=True,
    )
    published = time.monotonic()
    assert retitle.returncode == 0, retitle.stderr[-3000:]
    wait_for(
        lambda: "Ferry dock reopens early" in fetch(port, RELEASE)[1],
        1.0,
        "the new headline was not served through Varnish",
    )
    wait_for(
        lambda: b"Ferry dock reopens early" in gzip.decompress(fetch_gzip(port, RELEASE)[0]),
        1.0,
        "the new headline was not served compressed through Varnish",
    )
    print(f"\npublish → visible through Varnish: {(time.monotonic() - published) * 1000:.0f} ms")


def site(stack, *args):
    done = subprocess.run(
        [sys.executable, str(SITE), *args],
        cwd=ROOT,
        env=stack["env"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_a_publish_updates_every_query_variant_of_the_newsroom_list(stack):
    port = stack["port"]
    for path in ("/news/", "/news/?page=1"):
        fetch(port, path)
        assert fetch(port, path)[2]["X-Cache"] == "HIT"
    site(stack, "retitle", "Ferry dock reopens on Monday")
    for path in ("/news/", "/news/?page=1", "/feeds/rss.xml"):
        wait_for(
            lambda path=path: "Ferry dock reopens on Monday" in fetch(port, path)[1],
            1.0,
            f"{path} did not show the new headline",
        )


def test_purging_everything_empties_varnish(stack):
    port = stack["port"]
    for path in (RELEASE, "/news/", "/feeds/atom.xml"):
        fetch(port, path)
        assert fetch(port, path)[2]["X-Cache"] == "HIT"
    site(stack, "purge-all")
    for path in (RELEASE, "/news/", "/feeds/atom.xml"):
        assert fetch(port, path)[2]["X-Cache"] == "MISS", path


def test_varnish_keeps_serving_pages_when_the_app_is_down(stack):
    port = stack["port"]
    fetch(port, RELEASE)
    app = stack["processes"]["app"]
    app.terminate()
    app.wait(timeout=10)
    time.sleep(3)  # the health probe marks the app sick
    status, html, _ = fetch(port, RELEASE)
    assert status == 200 and "Ferry dock reopens" in html
