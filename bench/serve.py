"""Throughput of a warm release page: nginx (static copy), Dateline alone, Varnish + Dateline.

Run from the checkout root (needs Debian's nginx, varnish and wrk; `make test` installs them):
    .venv/bin/python bench/serve.py [--seconds 10] [--connections 64] [--workers 2]
                                    [--releases 100000] [--rounds 5] [--keep]
                                    [--encoding gzip|identity]

It builds the demo city in a scratch SQLite database, adds --releases copies of a demo
release (bench/bulk.py: rows only, about 10 s for 100,000), starts `dateline serve` (granian
and the worker, the embedded default, page cache on), saves one release page as a static
file (and a gzip copy of it) served by nginx, and starts varnishd with deploy/varnish.vcl in
front of Dateline — all on loopback. It waits for the worker to finish what building the
site queued. wrk, sending Accept-Encoding: gzip as browsers do (--encoding identity for the
plain page), loads each server for the same time with the same connections, in turn,
--rounds times: each figure is its median round, and each ratio the median of the rounds'
own ratios (a round's three loads run within seconds of each other, so a slow spell of a
shared machine weighs on all three). Then it times uncached renders of 300 different
releases, once each (an unknown query parameter makes the page cache step aside, so Django
renders the page as for any anonymous reader on a miss), and of the list pages; and last it
gives the release a new headline and times until every address that shows the release (its
page, home, newsroom, archive month, topics, officials, feeds, the API, a related-stories
box: bench/surfaces.py), warm beforehand, shows it through Dateline and through Varnish.
The last line printed is one
JSON object.
"""

import argparse
import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_until(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not happen within {seconds} s")
        time.sleep(0.05)


def wrk(url: str, seconds: int, connections: int, encoding: str) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Host: 127.0.0.1",
            "-H",
            f"Accept-Encoding: {encoding}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": round(rps),
        "p99_ms": round(float(p99.group(1)) * scale, 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def worker_idle(log: Path) -> bool:
    """Every job the worker started has finished (huey logs both) and it has been up a while."""
    text = log.read_text(errors="replace")
    started = text.count("INFO huey: Executing ")
    finished = len(re.findall(r"INFO huey: .* executed in ", text))
    return "Huey consumer started" in text and started == finished


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def uncached(root: str, paths: list[str]) -> list[float]:
    """Milliseconds per request for paths the page cache steps aside for (`bench` is not a
    parameter it knows), over one kept-alive connection as a browser or a proxy would use:
    the time is the server's, not a new TCP connection's each time."""
    host, port = urlsplit(root).hostname, urlsplit(root).port
    connection = http.client.HTTPConnection(host, port, timeout=30)
    times = []
    try:
        for n, path in enumerate(paths):
            target = f"{path}{'&' if '?' in path else '?'}bench={n}"
            start = time.perf_counter()
            connection.request("GET", target, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
    finally:
        connection.close()
    return times


def median_load(rounds: list[dict]) -> dict:
    return {
        "rps": round(statistics.median(r["rps"] for r in rounds)),
        "p99_ms": round(statistics.median(r["p99_ms"] for r in rounds), 2),
        "non_2xx": sum(r["non_2xx"] for r in rounds),
        "rounds": [r["rps"] for r in rounds],
    }


def round_ratios(loads: list[dict], nginx: list[dict]) -> list[float]:
    """Each round's throughput over nginx's in the same round."""
    return [a["rps"] / b["rps"] for a, b in zip(loads, nginx, strict=True)]


def paired_ratio(loads: list[dict], nginx: list[dict]) -> float:
    return round(statistics.median(round_ratios(loads, nginx)), 3)


def rss_mb(pid: int) -> float:
    total = 0
    for child in [pid, *children_of(pid)]:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return round(total / 1024, 1)


def rss_by_process(pid: int) -> list[dict]:
    """Each process of the server (granian's parent and workers, the huey worker) and its RSS."""
    found = []
    for child in [pid, *children_of(pid)]:
        try:
            status = Path(f"/proc/{child}/status").read_text()
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        if match:
            found.append({"command": command.strip()[-60:], "rss_mb": round(int(match[1]) / 1024)})
    return found


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(Path(entry, "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found += [int(entry.name), *children_of(int(entry.name))]
    return found


def until_all_show(watched: list[str], new_title: str, published: float) -> float:
    """Milliseconds from `published` until every address shows the new headline."""
    visible_after = {}
    while len(visible_after) < len(watched):
        if time.monotonic() - published > 30:
            missing = sorted(set(watched) - set(visible_after))
            raise SystemExit(f"not showing the new headline after 30 s: {missing}")
        for url in watched:
            if url not in visible_after and new_title in get(url)[1]:
                visible_after[url] = (time.monotonic() - published) * 1000
        time.sleep(0.01)
    return max(visible_after.values())


def stop(processes) -> None:
    # The server's worker runs in a session of its own: note every descendant first, so
    # none is left running (and skewing the next run) if stopping takes too long.
    descendants = [child for process in processes for child in children_of(process.pid)]
    for process in processes:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGINT)
            except (PermissionError, ProcessLookupError):
                process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    for pid in descendants:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--encoding",
        default="gzip",
        choices=["gzip", "identity"],
        help="what wrk's readers accept: gzip as browsers do (nginx then serves a .gz copy "
        "made beforehand), or identity for the page as it is",
    )
    args = parser.parse_args()
    for tool in ("nginx", "varnishd", "wrk"):
        if not (shutil.which(tool) or Path("/usr/sbin", tool).exists()):
            raise SystemExit(f"{tool} is not installed (apt-get install nginx-light varnish wrk)")

    return args


def main():
    args = arguments()
    tmp = Path(tempfile.mkdtemp(prefix="dateline-serve-"))
    tmp.chmod(0o755)  # nginx's workers run as another user when started by root
    app_port, nginx_port, varnish_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATELINE_HTTPS": "0",
        "DATELINE_BASE_URL": f"http://127.0.0.1:{varnish_port}",
        "DATELINE_DATA_DIR": str(tmp),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_URL": f"file://{tmp / 'mail'}",
        "PYTHONPATH": str(ROOT),
    }
    # Building the site purges nothing: Varnish starts afterwards.
    purging = {**env, "DATELINE_FRONTEND_CACHE_URL": f"http://127.0.0.1:{varnish_port}"}
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
        subprocess.run([PY, "-m", "dateline", *step, "-v", "0"], cwd=ROOT, env=env, check=True)
    if args.releases:
        subprocess.run([PY, "bench/bulk.py", str(args.releases)], cwd=ROOT, env=env, check=True)
    urls = json.loads(
        subprocess.run(
            [PY, "bench/surfaces.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    release_path = urls["release"]

    processes = []
    try:
        app = subprocess.Popen(
            [PY, "-m", "dateline", "serve", "--port", str(app_port)]
            + ["--workers", str(args.workers)],
            cwd=ROOT,
            env=purging,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp / "app.log", "w"),  # noqa: SIM115
            start_new_session=True,
        )
        processes.append(app)
        app_url = f"http://127.0.0.1:{app_port}{release_path}"
        wait_until(lambda: get(app_url)[0] == 200, 60, "Dateline starting")
        # Jobs queued while the site was built (related stories around the demo's releases)
        # run first: the figures are for a site whose worker is idle, as it is between news.
        time.sleep(3)  # the consumer's first pass over its queue
        wait_until(lambda: worker_idle(tmp / "app.log"), 600, "the worker finishing its queue")
        status, html = get(app_url)
        page_bytes = len(html.encode())

        static = tmp / "static-site"
        (static / release_path.strip("/")).mkdir(parents=True)
        (static / release_path.strip("/") / "index.html").write_text(html)
        # Compressed beforehand, as Dateline's page cache stores it: nginx's best case.
        packed = gzip.compress(html.encode(), compresslevel=6, mtime=0)
        (static / release_path.strip("/") / "index.html.gz").write_bytes(packed)
        # Only when readers ask for gzip: nginx's plain page is then served exactly as before.
        gzip_static = "gzip_static on; gzip_vary on;" if args.encoding == "gzip" else ""
        (tmp / "nginx.conf").write_text(
            f"""worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;
  {gzip_static}
  server {{ listen 127.0.0.1:{nginx_port}; root {static}; index index.html; }}
}}
"""
        )
        nginx = subprocess.Popen(
            ["nginx", "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
            stderr=open(tmp / "nginx.log", "w"),  # noqa: SIM115
        )
        processes.append(nginx)
        vcl = (ROOT / "deploy" / "varnish.vcl").read_text().replace('"8000"', f'"{app_port}"')
        (tmp / "dateline.vcl").write_text(vcl)
        varnish = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j",
                "none",
                "-n",
                str(tmp / "varnish"),
                "-a",
                f"127.0.0.1:{varnish_port}",
            ]
            + ["-T", "none", "-f", str(tmp / "dateline.vcl"), "-s", "malloc,128m"],
            stdout=subprocess.DEVNULL,
            stderr=open(tmp / "varnish.log", "w"),  # noqa: SIM115
        )
        processes.append(varnish)
        nginx_url = f"http://127.0.0.1:{nginx_port}{release_path}"
        varnish_url = f"http://127.0.0.1:{varnish_port}{release_path}"
        wait_until(lambda: get(nginx_url)[0] == 200, 20, "nginx starting")
        wait_until(lambda: get(varnish_url)[0] == 200, 20, "Varnish starting")
        for url in (app_url, varnish_url):
            get(url)  # warm

        # Rounds taken in turn (nginx, Dateline, Varnish, again…), so a slow moment of a
        # shared machine falls on all three alike.
        loads = {"nginx": [], "dateline": [], "varnish": []}
        for _ in range(args.rounds):
            for name, url in (
                ("nginx", nginx_url),
                ("dateline", app_url),
                ("varnish", varnish_url),
            ):
                loads[name].append(wrk(url, args.seconds, args.connections, args.encoding))
        nginx_load, dateline_load, varnish_load = (median_load(loads[n]) for n in loads)

        app_root = f"http://127.0.0.1:{app_port}"
        # Each web process compiles its templates on its first render: warm both first.
        uncached(app_root, urls["sample"][:20])
        renders = uncached(app_root, urls["sample"][20:])
        lists = uncached(app_root, urls["lists"] * 3)
        # Every address that shows the release, warm in both caches, then a new headline:
        # how long until all of them show it, through Dateline and through Varnish.
        watched = [
            f"http://127.0.0.1:{port}{path}"
            for port in (app_port, varnish_port)
            for path in urls["showing"]
        ]
        for url in watched:
            get(url)
            get(url)
        new_title = f"Benchmark headline {int(time.time())}"
        subprocess.run(
            [
                PY,
                "-m",
                "dateline",
                "shell",
                "-c",
                "from dateline.releases.models import NewsReleasePage as R;"
                f"p=R.objects.get(pk={urls['release_id']}).get_latest_revision_as_object();"
                f"p.title={new_title!r};p.save_revision().publish()",
            ],
            cwd=ROOT,
            env=purging,
            check=True,
        )
        publish_to_visible = until_all_show(watched, new_title, time.monotonic())
        worker_rss = rss_mb(app.pid)
        by_process = rss_by_process(app.pid)
    finally:
        stop(processes)

    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "page_bytes": page_bytes,
        "page_gzip_bytes": len(packed),
        "accept_encoding": args.encoding,
        "seconds": args.seconds,
        "connections": args.connections,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "nginx_rps": nginx_load["rps"],
        "dateline_rps": dateline_load["rps"],
        "dateline_ratio": paired_ratio(loads["dateline"], loads["nginx"]),
        "varnish_rps": varnish_load["rps"],
        "varnish_ratio": paired_ratio(loads["varnish"], loads["nginx"]),
        "p99_ms": dateline_load["p99_ms"],
        "nginx_p99_ms": nginx_load["p99_ms"],
        "varnish_p99_ms": varnish_load["p99_ms"],
        "non_2xx": nginx_load["non_2xx"] + dateline_load["non_2xx"] + varnish_load["non_2xx"],
        "rounds_rps": {
            "nginx": nginx_load["rounds"],
            "dateline": dateline_load["rounds"],
            "varnish": varnish_load["rounds"],
        },
        "rounds_ratio": {
            name: [round(r, 3) for r in round_ratios(loads[name], loads["nginx"])]
            for name in ("dateline", "varnish")
        },
        "publish_to_visible_ms": round(publish_to_visible),
        "publish_to_visible_pages": len(watched),
        "releases": urls["count"],
        "uncached_render_p50_ms": round(statistics.median(renders), 1),
        "uncached_render_p95_ms": round(percentile(renders, 0.95), 1),
        "uncached_list_p50_ms": round(statistics.median(lists), 1),
        "uncached_list_max_ms": round(max(lists), 1),
        "worker_rss_mb": worker_rss,
        "rss_by_process": by_process,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
