"""How fast a release's alerts are written and delivered to N subscribers, and exactly once.

Run from the checkout root (10,000 subscribers take about a minute):
    .venv/bin/python bench/alerts.py --subscribers 10000

It builds a scratch SQLite database in a temporary folder (a city, one newsroom, one topic
and N confirmed subscribers following it), publishes one release (which writes the outbox
with one INSERT … SELECT), then delivers it the way the worker does, over one SMTP
connection to a local aiosmtpd server running in a thread of this process, which counts
messages and Message-IDs. The last line printed is one JSON object.
"""

import argparse
import json
import os
import re
import resource
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MESSAGE_ID = re.compile(rb"^Message-ID: *(<[^>\r\n]+>)", re.MULTILINE | re.IGNORECASE)


class Sink:
    """An SMTP server's handler that keeps only a count per Message-ID."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ids = Counter()

    async def handle_DATA(self, server, session, envelope):
        head = envelope.content.split(b"\r\n\r\n", 1)[0]
        match = MESSAGE_ID.search(head)
        with self.lock:
            self.ids[match.group(1).decode() if match else None] += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()

    data_dir = tempfile.mkdtemp(prefix="dateline-alerts-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="dateline.settings.dev",
        DJANGO_DEBUG="0",
        DATELINE_DATA_DIR=data_dir,
        DATABASE_URL=f"sqlite:///{data_dir}/bench.sqlite3",
        DATELINE_BASE_URL="http://testserver",
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
    )
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.utils import timezone

    from dateline.alerts import delivery
    from dateline.alerts.models import Message, Subscriber
    from dateline.demo.testcity import add_topics, build_city
    from dateline.releases.models import NewsReleasePage

    logging.getLogger("dateline").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    newsroom = build_city()["newsroom"]
    parks = add_topics()["parks"]

    start = time.perf_counter()
    through = Subscriber.topics.through
    for first in range(0, args.subscribers, 5000):
        people = Subscriber.objects.bulk_create(
            Subscriber(email=f"resident{n}@example.org", status="confirmed")
            for n in range(first, min(first + 5000, args.subscribers))
        )
        through.objects.bulk_create(through(subscriber_id=p.pk, topic_id=parks.pk) for p in people)
    build_seconds = time.perf_counter() - start

    # Delivery is timed on its own below, not inside the publish.
    delivery.kick = lambda: None
    page = NewsReleasePage(
        title="Harlow Creek opens Millrace Park",
        dek="A playground, a river trail and a picnic lawn.",
        release_date=timezone.now(),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
    )
    newsroom.add_child(instance=page)
    page.topics = [parks]
    start = time.perf_counter()
    page.save_revision().publish()
    publish_seconds = time.perf_counter() - start
    written = Message.objects.filter(release=page).count()

    start = time.perf_counter()
    totals = delivery.deliver_due(batch_size=args.batch_size)
    seconds = time.perf_counter() - start
    controller.stop()

    expected = set(Message.objects.values_list("message_id", flat=True))
    delivered = sum(1 for mid in sink.ids if mid in expected)
    result = {
        "subscribers": args.subscribers,
        "alerts_written": written,
        "delivered": delivered,
        "duplicates": sum(n - 1 for n in sink.ids.values() if n > 1),
        "missing": len(expected - set(sink.ids)),
        "rows_sent": totals.get(Message.Status.SENT, 0),
        "build_seconds": round(build_seconds, 1),
        "publish_seconds": round(publish_seconds, 2),
        "seconds": round(seconds, 1),
        "messages_per_second": round(delivered / seconds, 1) if seconds else None,
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
