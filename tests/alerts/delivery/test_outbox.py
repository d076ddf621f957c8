"""Publishing writes one alert per matching subscriber, once; corrections go to those alerted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.alerts.delivery import deliver_due, suppress
from dateline.alerts.models import AlertSettings, CorrectionNotice, Message, Subscriber


def test_publish_alerts_each_matching_subscriber_once(publish, subscriber, follow, mailbox):
    by_topic = subscriber("topic@example.org", topics=[follow["parks"]])
    by_newsroom = subscriber("room@example.org", newsrooms=[follow["newsroom"]])
    by_official = subscriber("mayor@example.org", officials=[follow["mayor"]])
    both = subscriber("both@example.org", topics=[follow["parks"]], newsrooms=[follow["newsroom"]])
    subscriber("pending@example.org", status=Subscriber.Status.PENDING, topics=[follow["parks"]])
    subscriber("gone@example.org", status=Subscriber.Status.UNSUBSCRIBED, topics=[follow["parks"]])
    subscriber("daily@example.org", frequency="daily", topics=[follow["parks"]])
    subscriber("water@example.org", topics=[follow["water"]])
    subscriber("manager@example.org", officials=[follow["manager"]])
    suppressed = subscriber("bounced@example.org", topics=[follow["parks"]])
    suppress(suppressed.email, "bounce-report", "test")

    release = publish(
        topics=[follow["parks"]], mentions=[(follow["mayor"], True), (follow["manager"], False)]
    )

    expected = {by_topic.email, by_newsroom.email, by_official.email, both.email}
    assert set(Message.objects.filter(release=release).values_list("to_email", flat=True)) == (
        expected
    )
    assert sorted(m["To"] for m in mailbox.messages) == sorted(expected)
    assert Message.objects.filter(status=Message.Status.SENT).count() == 4


def test_republishing_sends_nothing_new(
    publish, subscriber, follow, mailbox, django_capture_on_commit_callbacks
):
    subscriber("topic@example.org", topics=[follow["parks"]])
    release = publish(topics=[follow["parks"]])
    assert len(mailbox.messages) == 1
    release.title = "Harlow Creek opens Millrace Park, with a trail"
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()
    deliver_due()
    assert len(mailbox.messages) == 1
    assert Message.objects.count() == 1


def test_old_or_imported_releases_alert_nobody(publish, subscriber, follow, mailbox):
    subscriber("topic@example.org", topics=[follow["parks"]])
    publish("From the archive", when=timezone.now() - timedelta(days=30), topics=[follow["parks"]])
    publish(
        "Imported with its first publication date",
        topics=[follow["parks"]],
        first_published_at=timezone.now() - timedelta(days=2),
    )
    assert Message.objects.count() == 0
    assert mailbox.messages == []


def test_correction_goes_once_to_those_alerted(
    publish, subscriber, follow, mailbox, django_capture_on_commit_callbacks
):
    alerted = subscriber("topic@example.org", topics=[follow["parks"]])
    release = publish(topics=[follow["parks"]])
    later = subscriber("later@example.org", topics=[follow["parks"]])
    assert later.messages.count() == 0

    release.correction_notice = "The park opens at 9 a.m., not 8 a.m."
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()
    # Publishing again with the same notice is not a new correction.
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()

    notice = CorrectionNotice.objects.get(release=release)
    assert notice.text == "The park opens at 9 a.m., not 8 a.m."
    corrections = [m for m in mailbox.messages if m["Subject"].startswith("Correction:")]
    assert [m["To"] for m in corrections] == [alerted.email]
    text = corrections[0].get_body(("plain",)).get_content()
    assert "The park opens at 9 a.m., not 8 a.m." in text
    assert corrections[0]["List-Id"].endswith("<corrections.alerts.testserver>")

    release.correction_notice = "The park opens at 10 a.m."
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()
    assert CorrectionNotice.objects.filter(release=release).count() == 2
    assert len([m for m in mailbox.messages if m["Subject"].startswith("Correction:")]) == 2


def test_large_emergency_alert_is_held_for_approval(publish, subscriber, follow, city, mailbox):
    alert_settings = AlertSettings.for_site(city["site"])
    alert_settings.emergency_approval_required = True
    alert_settings.emergency_approval_threshold = 2
    alert_settings.save()
    for n in range(3):
        subscriber(f"r{n}@example.org", topics=[follow["parks"]])
    release = publish("Boil water notice", topics=[follow["parks"]], alert_type="emergency")
    assert set(Message.objects.filter(release=release).values_list("status", flat=True)) == {
        Message.Status.HELD
    }
    assert mailbox.messages == []

    small = publish("Small news", topics=[follow["water"]], alert_type="emergency")
    subscriber("w@example.org", topics=[follow["water"]])
    assert Message.objects.filter(release=small).count() == 0  # subscribed after it went out

    Message.objects.filter(release=release).update(status=Message.Status.QUEUED)
    deliver_due()
    assert len(mailbox.messages) == 3
    assert all(m["Subject"] == "Emergency: Boil water notice" for m in mailbox.messages)


def test_scheduled_release_alerts_when_it_goes_live(city, subscriber, follow, mailbox):
    from django.core.management import call_command

    from dateline.releases.models import NewsReleasePage

    subscriber("topic@example.org", topics=[follow["parks"]])
    page = NewsReleasePage(
        title="Pool opens next week",
        release_date=timezone.now(),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        go_live_at=timezone.now() + timedelta(minutes=5),
    )
    city["newsroom"].add_child(instance=page)
    page.topics = [follow["parks"]]
    revision = page.save_revision()
    revision.publish()
    assert Message.objects.count() == 0  # only scheduled

    # Five minutes later, as publish_scheduled sees it.
    past = timezone.now() - timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    assert Message.objects.filter(release_id=page.pk).count() == 1


def test_sweep_writes_alerts_a_crash_kept_from_being_written(publish, subscriber, follow):
    from wagtail.signals import page_published

    from dateline.alerts import outbox, signals
    from dateline.releases.models import NewsReleasePage

    subscriber("topic@example.org", topics=[follow["parks"]])
    page_published.disconnect(
        sender=NewsReleasePage, dispatch_uid="dateline.alerts.release_published"
    )
    try:
        release = publish(topics=[follow["parks"]])
    finally:
        signals.connect()
    assert Message.objects.count() == 0
    assert outbox.sweep_recent() == 1
    assert outbox.sweep_recent() == 0
    assert Message.objects.get().release_id == release.pk


def test_publication_and_its_alerts_commit_together(city, subscriber, follow, mailbox):
    """A publication that fails after the alerts were written leaves neither behind."""
    from wagtail.signals import page_published

    from dateline.releases.models import NewsReleasePage

    subscriber("topic@example.org", topics=[follow["parks"]])
    release = NewsReleasePage(
        title="Millrace Park opens",
        release_date=timezone.now(),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        live=False,
    )
    city["newsroom"].add_child(instance=release)
    release.topics = [follow["parks"]]
    revision = release.save_revision()

    def fail_after_alerts(sender, **kwargs):
        raise RuntimeError("the publication failed after the alerts were written")

    page_published.connect(fail_after_alerts, sender=NewsReleasePage, dispatch_uid="fail-test")
    try:
        with pytest.raises(RuntimeError):
            revision.publish()
    finally:
        page_published.disconnect(dispatch_uid="fail-test", sender=NewsReleasePage)
    release.refresh_from_db()
    assert not release.live
    assert Message.objects.count() == 0

    revision.publish()
    assert NewsReleasePage.objects.get(pk=release.pk).live
    assert list(Message.objects.values_list("to_email", flat=True)) == ["topic@example.org"]
