"""Retries, bounces and an absent server, against a real SMTP server: each message once."""

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from dateline.alerts import delivery
from dateline.alerts.delivery import deliver_due, retry_failed
from dateline.alerts.models import Message, Suppression


def later(hours=30):
    return timezone.now() + timedelta(hours=hours)


def test_temporary_refusal_is_retried_and_delivered_once(publish, subscriber, follow, mailbox):
    subscriber("busy@example.org", topics=[follow["parks"]])
    subscriber("fine@example.org", topics=[follow["parks"]])
    mailbox.rcpt_replies["busy@example.org"] = ["451 4.3.0 Try again later"]
    mailbox.data_replies["busy@example.org"] = ["452 4.3.1 Out of room"]
    release = publish(topics=[follow["parks"]])

    row = Message.objects.get(to_email="busy@example.org")
    assert row.status == Message.Status.QUEUED and row.attempts == 1
    assert "451" in row.last_error and row.next_attempt_at > timezone.now()
    assert deliver_due() == Counter()  # not due yet

    deliver_due(now=later())
    row.refresh_from_db()
    assert row.attempts == 2 and "452" in row.last_error
    deliver_due(now=later(60))
    row.refresh_from_db()
    assert row.status == Message.Status.SENT
    assert Counter(m["To"] for m in mailbox.messages) == {
        "busy@example.org": 1,
        "fine@example.org": 1,
    }
    assert Message.objects.filter(release=release, status=Message.Status.SENT).count() == 2


def test_permanent_refusal_bounces_and_suppresses(publish, subscriber, follow, mailbox):
    subscriber("nobody@example.org", topics=[follow["parks"]])
    mailbox.rcpt_replies["nobody@example.org"] = ["550 5.1.1 No such user"]
    publish(topics=[follow["parks"]])
    row = Message.objects.get(to_email="nobody@example.org")
    assert row.status == Message.Status.BOUNCED and "550" in row.last_error
    suppression = Suppression.objects.get(email="nobody@example.org")
    assert suppression.reason == Suppression.Reason.BOUNCE_AT_SEND

    publish("Another park opens", topics=[follow["parks"]])
    deliver_due(now=later())
    assert mailbox.messages == []
    assert not Message.objects.filter(to_email="nobody@example.org", status="queued").exists()


def test_refusal_at_end_of_data_bounces(publish, subscriber, follow, mailbox):
    subscriber("full@example.org", topics=[follow["parks"]])
    mailbox.data_replies["full@example.org"] = ["554 5.7.1 Rejected"]
    publish(topics=[follow["parks"]])
    assert Message.objects.get().status == Message.Status.BOUNCED
    assert Suppression.objects.filter(email="full@example.org").exists()


def test_server_down_then_up_delivers_everything_once(
    publish, subscriber, follow, smtp_server, mailbox
):
    for n in range(12):
        subscriber(f"r{n}@example.org", topics=[follow["parks"]])
    smtp_server.stop()
    publish(topics=[follow["parks"]])
    statuses = Counter(Message.objects.values_list("status", flat=True))
    assert statuses == {Message.Status.QUEUED: 12}
    assert Message.objects.filter(attempts=1).count() == 1  # one try, then it waited

    deliver_due(now=later(0.1))  # still down
    smtp_server.start()
    deliver_due(now=later())
    assert Counter(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT: 12}
    ids = [m["Message-ID"] for m in mailbox.messages]
    assert len(ids) == 12 and len(set(ids)) == 12


def test_gives_up_after_max_attempts_and_staff_can_retry(publish, subscriber, follow, mailbox):
    subscriber("busy@example.org", topics=[follow["parks"]])
    mailbox.rcpt_replies["busy@example.org"] = ["421 4.7.0 Slow down"] * delivery.MAX_ATTEMPTS
    release = publish(topics=[follow["parks"]])
    for hours in range(1, delivery.MAX_ATTEMPTS + 2):
        deliver_due(now=later(10 * hours))
    row = Message.objects.get()
    assert row.status == Message.Status.FAILED and row.attempts == delivery.MAX_ATTEMPTS
    assert retry_failed(release) == 1
    deliver_due()
    assert len(mailbox.messages) == 1


def test_unsubscribed_before_sending_gets_nothing(
    publish, subscriber, follow, mailbox, smtp_server
):
    person = subscriber("topic@example.org", topics=[follow["parks"]])
    smtp_server.stop()
    publish(topics=[follow["parks"]])
    person.status = "unsubscribed"
    person.save()
    smtp_server.start()
    deliver_due(now=later())
    assert Message.objects.get().status == Message.Status.SUPPRESSED
    assert mailbox.messages == []


def test_rows_of_a_dead_worker_are_sent_again(publish, subscriber, follow, mailbox, smtp_server):
    subscriber("topic@example.org", topics=[follow["parks"]])
    smtp_server.stop()
    publish(topics=[follow["parks"]])
    smtp_server.start()
    # A worker claimed it long ago and died before handing it over.
    rows, _ = delivery.claim(now=later(1))
    assert delivery.requeue_stale(now=later(1)) == 0
    assert delivery.requeue_stale(now=later(1) + delivery.LEASE + timedelta(seconds=1)) == 1
    deliver_due(now=later(2))
    assert len(mailbox.messages) == 1
    # The dead worker's claim is gone: its late write changes nothing.
    assert delivery._fenced(rows[0]).count() == 0


def test_console_like_backends_keep_the_same_states(publish, subscriber, follow, settings):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    subscriber("topic@example.org", topics=[follow["parks"]])
    publish(topics=[follow["parks"]])
    assert Message.objects.get().status == Message.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == Message.objects.get().message_id
