"""How fast search, feeds and release pages answer with N releases in the database.

Run from the checkout root (takes a few minutes for 10,000 releases):
    .venv/bin/python bench/reach.py --releases 10000

It builds a scratch SQLite database in a temporary folder (the demo city plus N generated
releases), computes every release's related stories once, then times requests through
Django's test client, uncached, in this process; the last line printed is one JSON object.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (  # noqa: SIM905 - a sentence of words reads better than a list
    "council budget water park library street bridge housing grant fire safety transit bus "
    "route permit hearing vote plan repair storm drain trail festival arts youth senior "
    "program service closure detour sidewalk bike lane tree river levee flood police "
    "community meeting district residents project construction funding state federal award"
).split()
QUERIES = [
    "water main",
    "park",
    "budget",
    "Ferry Street Bridge",
    "library hours",
    "fire season",
    "bus route",
    "housing grant",
    "council vote",
    "storm",
    "sidewalk repair",
    "festival",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(client, url, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="testserver")
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="dateline-reach-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="dateline.settings.dev",
        DJANGO_DEBUG="0",
        DATELINE_DATA_DIR=data_dir,
        DATABASE_URL=f"sqlite:///{data_dir}/bench.sqlite3",
        DATELINE_BASE_URL="http://testserver",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from wagtail.rich_text import RichText

    from dateline.demo.loader import load_demo
    from dateline.officials.models import Official, ReleaseMention
    from dateline.releases.models import NewsIndexPage, NewsReleasePage
    from dateline.releases.related import recompute_all
    from dateline.topics.models import Topic

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    load_demo(create_login=False)
    rng = random.Random(args.seed)
    newsroom = NewsIndexPage.objects.get(slug="news")
    topics = list(Topic.objects.all())
    officials = list(Official.objects.all())
    start = time.perf_counter()
    now = timezone.now()
    for n in range(args.releases):
        words = [rng.choice(WORDS) for _ in range(400)]
        paragraphs = [" ".join(words[i : i + 80]).capitalize() + "." for i in range(0, 400, 80)]
        page = NewsReleasePage(
            title=f"{' '.join(rng.sample(WORDS, 6)).capitalize()} {n}",
            dek=" ".join(rng.sample(WORDS, 12)).capitalize() + ".",
            release_date=now - timedelta(hours=rng.randint(1, 24 * 365 * 5)),
            dateline_city="Calder Springs",
            dateline_state="California",
            body=[("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs],
        )
        newsroom.add_child(instance=page)
        page.topics.set(rng.sample(topics, 2))
        for official in rng.sample(officials, 2):
            ReleaseMention.objects.create(page=page, official=official, confirmed=True)
        if (n + 1) % 1000 == 0:
            print(f"  {n + 1} releases generated", file=sys.stderr, flush=True)
    build_seconds = time.perf_counter() - start
    start = time.perf_counter()
    recompute_all()
    related_seconds = time.perf_counter() - start

    client = Client()
    search = []
    for query in QUERIES:
        search += timed(client, f"/search/?q={query.replace(' ', '+')}", 3)
    search += timed(client, "/search/?q=park&topic=" + topics[0].slug, 3)
    feed = timed(client, "/feeds/rss.xml", 10) + timed(client, "/feeds/feed.json", 10)
    sample = rng.sample(list(NewsReleasePage.objects.live().values_list("url_path", flat=True)), 30)
    pages = []
    for url_path in sample:
        pages += timed(client, "/" + url_path.split("/", 2)[2], 1)
    result = {
        "releases": NewsReleasePage.objects.live().count(),
        "generated": args.releases,
        "build_seconds": round(build_seconds, 1),
        "related_recompute_all_seconds": round(related_seconds, 1),
        "search_p50_ms": round(statistics.median(search), 1),
        "search_p95_ms": round(percentile(search, 0.95), 1),
        "feed_p50_ms": round(statistics.median(feed), 1),
        "release_page_p50_ms": round(statistics.median(pages), 1),
        "release_page_p95_ms": round(percentile(pages, 0.95), 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
