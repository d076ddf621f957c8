"""A separate worker process for the kill test, against the database in DATABASE_URL.

    python tests/alerts/delivery/worker.py setup N   # migrate, a city, N subscribers, a release
    python tests/alerts/delivery/worker.py deliver   # what the huey worker does after a restart

DATELINE_ALERTS_CRASH_AT (read by the test settings) makes `deliver` kill itself at a stage.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.test")


def setup(count: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from dateline.alerts import delivery
    from dateline.alerts.models import Message, Subscriber
    from dateline.demo.testcity import add_topics, build_city
    from dateline.releases.models import NewsReleasePage

    call_command("migrate", verbosity=0)
    newsroom = build_city()["newsroom"]
    parks = add_topics()["parks"]
    people = Subscriber.objects.bulk_create(
        Subscriber(email=f"r{n}@example.org", status="confirmed") for n in range(count)
    )
    Subscriber.topics.through.objects.bulk_create(
        Subscriber.topics.through(subscriber_id=p.pk, topic_id=parks.pk) for p in people
    )
    # The rows are written here; the worker processes deliver them.
    delivery.kick = lambda: None
    page = NewsReleasePage(
        title="Harlow Creek opens Millrace Park",
        release_date=timezone.now(),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
    )
    newsroom.add_child(instance=page)
    page.topics = [parks]
    page.save_revision().publish()
    print(Message.objects.filter(status="queued").count())


def deliver() -> None:
    from dateline.alerts import delivery

    delivery.recover_after_restart()
    print(dict(delivery.deliver_due(batch_size=10)))


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]))
    else:
        deliver()
