"""How fast `dateline import` moves N saved pages in, and how much memory it holds.

Run from the checkout root:
    .venv/bin/python bench/import.py --pages 1000

It writes N saved HTML pages of an invented city's old newsroom (every tenth with a photo in
its "_files" folder, each naming officials and linking two related stories) into a temporary
folder, builds a scratch SQLite database (a city, a newsroom, the roster), then runs the real
command — `dateline import FOLDER --publish --report report.json` — in this process, and
imports the same folder a second time (which must change nothing). The last line printed is
one JSON object.
"""

import argparse
import io
import json
import os
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Longer terms than the test city's roster: the old newsroom's pages go back to 2018.
ROSTER = """name,office,district,start,end
Ines Park,Mayor,,2016-12-13,
Otto Brandt,Councilmember,4,2014-12-11,
Ruth Okoye,Councilmember,1,2016-12-08,
Leo Vance,Councilmember,2,2016-12-08,
Gil Moreno,City Manager,,2015-07-01,
"""
SUBJECTS = [
    ("Millrace Park", "parks", "reopens its river trail"),
    ("Mill Street", "streets", "gets new crosswalks"),
    ("the Main Library", "library", "extends weekend hours"),
    ("Station 3", "fire", "adds a second engine crew"),
    ("the water plant", "water", "finishes its filter upgrade"),
    ("Alder Pool", "parks", "opens for the summer"),
]
OFFICIALS = ["Councilmember Ruth Okoye", "Councilmember Leo Vance", "Councilmember Otto Brandt"]


def page_html(n: int, day: date, photo: bool) -> str:
    place, _, news = SUBJECTS[n % len(SUBJECTS)]
    headline = f"{place[0].upper() + place[1:]} {news} (notice {n})"
    official = OFFICIALS[n % len(OFFICIALS)]
    related = "".join(
        f'<li><a href="https://www.harlowcreek.example/news/notice-{m}.aspx">Notice {m}</a></li>'
        for m in (n - 1, n - 2)
        if m >= 0
    )
    figure = (
        f'<figure><img src="notice-{n}_files/photo.jpg" alt="Crews at work on {place}">'
        f"<figcaption>Work under way at {place}. Photo by Dana Whitfield</figcaption></figure>"
        if photo
        else ""
    )
    return f"""<!DOCTYPE html>
<!-- saved from url=(0052)https://www.harlowcreek.example/news/notice-{n}.aspx -->
<html lang="en"><head><meta charset="utf-8"><title>{headline} | City of Harlow Creek</title>
<link rel="canonical" href="https://www.harlowcreek.example/news/notice-{n}.aspx">
<meta property="article:published_time" content="{day.isoformat()}T09:30:00-08:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>{headline}</h1>{figure}
<p>HARLOW CREEK, Ore. ({day:%b}. {day.day}, {day.year}) – The city said today that {place} {news}.
The work was planned over two years with neighbors and local businesses.</p>
<p>“This is the kind of project residents asked us for,” said Mayor Ines Park. “{
        place[0].upper() + place[1:]
    } will serve families for decades.”</p>
<p>{official} said the council approved the budget for the work in the spring, and City Manager
Gil Moreno thanked the crews who kept the site safe for everyone walking by.</p>
<p>Residents with questions can call the city at (541) 555-0100 on weekdays.</p>
<p>Contact: Dana Whitfield, Communications Officer, (541) 555-0134</p>
<aside class="related"><h2>Related News</h2><ul>{related}</ul></aside>
</article></main><footer><p>City of Harlow Creek · 12 Mill Street</p></footer></body></html>
"""


def write_pages(folder: Path, count: int) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (60, 110, 150)).save(buffer, format="JPEG", quality=80)
    jpeg = buffer.getvalue()
    start = date(2018, 1, 8)
    for n in range(count):
        day = start + timedelta(days=(n * 3) % 2900)
        photo = n % 10 == 0
        (folder / f"notice-{n}.html").write_text(page_html(n, day, photo), encoding="utf-8")
        if photo:
            assets = folder / f"notice-{n}_files"
            assets.mkdir()
            (assets / "photo.jpg").write_bytes(jpeg)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="dateline-import-"))
    pages = data_dir / "old-site"
    pages.mkdir()
    write_pages(pages, args.pages)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="dateline.settings.dev",
        DJANGO_DEBUG="0",
        DATELINE_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir}/bench.sqlite3",
        DATELINE_BASE_URL="http://testserver",
    )
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    from dateline.demo.testcity import add_roster, build_city
    from dateline.importer.models import ImportedRelease
    from dateline.releases.models import NewsReleasePage

    logging.getLogger("dateline").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    build_city()
    add_roster(ROSTER)

    report = data_dir / "report.json"
    out = io.StringIO()
    start = time.perf_counter()
    call_command("import", str(pages), "--publish", "--report", str(report), stdout=out)
    seconds = time.perf_counter() - start
    first_rss = peak_rss_mb()
    counts = json.loads(report.read_text())["counts"]

    start = time.perf_counter()
    call_command("import", str(pages), "--publish", "--report", str(report), stdout=out)
    again_seconds = time.perf_counter() - start
    again = json.loads(report.read_text())["counts"]

    result = {
        "pages": args.pages,
        "imported": ImportedRelease.objects.count(),
        "live": NewsReleasePage.objects.live().count(),
        "created": counts["created"],
        "failed": counts["failed"],
        "warnings": counts["warnings"],
        "seconds": round(seconds, 1),
        "releases_per_second": round(counts["created"] / seconds, 1) if seconds else None,
        "reimport_seconds": round(again_seconds, 1),
        "reimport_unchanged": again["unchanged"],
        "peak_rss_mb": first_rss,
        "peak_rss_mb_after_reimport": peak_rss_mb(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
