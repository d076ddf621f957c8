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
    from wagtail.models import Site

    from dateline.alerts import delivery
    from dateline.alerts.models import Message, Subscriber
    from dateline.core.models import CitySettings
    from dateline.demo.loader import root_page
    from dateline.releases.models import HomePage, NewsIndexPage, NewsReleasePage
    from dateline.topics.models import Topic

    call_command("migrate", verbosity=0)
    root = root_page()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Harlow Creek News", slug="home")
    root.add_child(instance=home)
    Site.objects.all().delete()
    site = Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    city = CitySettings.for_site(site)
    city.city_name = "Harlow Creek"
    city.postal_address = "12 Mill Street\nHarlow Creek, OR 97999"
    city.save()
    newsroom = NewsIndexPage(title="City News", slug="news")
    home.add_child(instance=newsroom)
    parks = Topic.objects.create(name="Parks", slug="parks")
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
