"""The daily digest: written once a day at the city's digest time, listing what they follow."""

import datetime
import zoneinfo

from django.utils import timezone

from dateline.alerts import digests
from dateline.alerts.delivery import deliver_due
from dateline.alerts.models import AlertSettings, Message

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")


def test_window_and_due_date():
    at = datetime.time(17, 0)
    start, end = digests.window(datetime.date(2026, 3, 8), PACIFIC, at)
    utc = datetime.UTC
    assert end.astimezone(utc) - start.astimezone(utc) == datetime.timedelta(hours=23)  # DST
    before = datetime.datetime(2026, 3, 9, 16, 59, tzinfo=PACIFIC)
    after = datetime.datetime(2026, 3, 9, 17, 0, tzinfo=PACIFIC)
    assert digests.due_date(before, PACIFIC, at) == datetime.date(2026, 3, 8)
    assert digests.due_date(after, PACIFIC, at) == datetime.date(2026, 3, 9)


def test_digest_lists_what_they_follow_newest_first_once(
    publish, subscriber, follow, city, mailbox
):
    alert_settings = AlertSettings.for_site(city["site"])
    alert_settings.digest_time = datetime.time(17, 0)
    alert_settings.save()
    reader = subscriber("daily@example.org", frequency="daily", topics=[follow["parks"]])
    subscriber("idle@example.org", frequency="daily", topics=[follow["housing"]])
    immediate = subscriber("now@example.org", topics=[follow["parks"]])

    now = timezone.now()
    first = publish("Park opens", topics=[follow["parks"]], when=now - datetime.timedelta(hours=2))
    second = publish(
        "Trail opens", topics=[follow["parks"]], when=now - datetime.timedelta(hours=1)
    )
    publish("Water rates", topics=[follow["water"]])
    assert len(mailbox.to(immediate.email)) == 2
    assert reader.messages.count() == 0

    # Both were first published just now: they fall in the window of the next digest.
    local = now.astimezone(PACIFIC)
    digest_date = local.date() + datetime.timedelta(days=local.time() >= datetime.time(17))
    assert digests.write_digests(digest_date) == 1
    assert digests.write_digests(digest_date) == 0
    deliver_due()

    [digest] = mailbox.to(reader.email)
    row = Message.objects.get(kind="digest")
    assert row.subscriber == reader and row.digest_date == digest_date
    assert digest["Message-ID"] == row.message_id
    assert digest["List-Id"] == "City of Harlow Creek daily digest <digest.alerts.testserver>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = digest.get_body(("plain",)).get_content()
    assert text.index(second.title) < text.index(first.title)
    assert "Water rates" not in text
    html = digest.get_body(("html",)).get_content()
    assert '<html lang="en">' in html and "<h2" in html and "12 Mill Street" in html
