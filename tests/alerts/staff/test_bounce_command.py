"""`dateline alerts bounce` on the sample reports beside these tests, and the other subcommands."""

import io
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from dateline.alerts.models import Message, Subscriber, Suppression

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent.parent / "bounce_samples"
S = Message.Status


def sample(name):
    return str(SAMPLES / name)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("alerts", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def snapshot():
    return (
        sorted(Message.objects.values_list("pk", "status", "last_error")),
        sorted(Suppression.objects.values_list("email", "reason", "detail")),
    )


@pytest.fixture
def sent_to(release):
    """A sent alert to an address, with the Message-ID the sample reports quote."""

    def write(email, message_id, status=S.SENT, **fields):
        person = Subscriber.objects.create(
            email=email, status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
        )
        return Message.objects.create(
            kind=Message.Kind.ALERT,
            subscriber=person,
            to_email=email,
            release=release,
            message_id=message_id,
            status=status,
            **fields,
        )

    return write


def queued_correction(message):
    """Another email still waiting for the same reader."""
    from dateline.alerts.models import CorrectionNotice

    notice = CorrectionNotice.objects.create(release=message.release, text="Date corrected.")
    return Message.objects.create(
        kind=Message.Kind.CORRECTION,
        subscriber=message.subscriber,
        to_email=message.to_email,
        release=message.release,
        correction=notice,
        message_id=f"<correction-{notice.pk}-{message.subscriber_id}@harlow.example>",
        status=S.QUEUED,
    )


def test_hard_bounce_suppresses_the_address_once(sent_to):
    alert = sent_to("gone.reader@example.org", "<alert-9001-1@harlow.example>")
    waiting = queued_correction(alert)

    lines, err = run("bounce", sample("hard_bounce.eml"))

    assert err == ""
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{sample('hard_bounce.eml')}: gone.reader@example.org: suppressed, no more email will "
        "be sent — permanent delivery failure 5.1.1: smtp; 550 5.1.1"
    )
    suppression = Suppression.objects.get()
    assert (suppression.email, suppression.reason) == ("gone.reader@example.org", "bounce-report")
    alert.refresh_from_db()
    assert alert.status == S.BOUNCED
    assert alert.last_error.startswith("Bounce report: 5.1.1 smtp; 550 5.1.1")
    waiting.refresh_from_db()
    assert waiting.status == S.SUPPRESSED

    before = snapshot()
    lines, _ = run("bounce", sample("hard_bounce.eml"))
    assert snapshot() == before
    assert lines == [
        f"{sample('hard_bounce.eml')}: gone.reader@example.org: already suppressed (bounce "
        "report) — permanent delivery failure 5.1.1: smtp; 550 5.1.1 <gone.reader@example.org>: "
        "Recipient address rejected: User unknown in virtual mailbox table"
    ]


def test_soft_bounce_changes_nothing_but_is_reported(sent_to):
    alert = sent_to("busy.reader@example.net", "<alert-9001-2@harlow.example>")
    before = snapshot()

    lines, err = run("bounce", sample("soft_bounce.eml"))

    assert err == ""
    assert lines == [
        f"{sample('soft_bounce.eml')}: busy.reader@example.net: nothing changed — temporary "
        "delivery problem 4.2.2: smtp; 452 4.2.2 Mailbox full; their mail server may still "
        "accept it"
    ]
    assert snapshot() == before
    alert.refresh_from_db()
    assert alert.status == S.SENT


def test_complaint_suppresses_the_reader(sent_to):
    alert = sent_to("annoyed.reader@example.com", "<alert-9001-3@harlow.example>")

    lines, _ = run("bounce", sample("complaint.eml"))

    assert lines == [
        f"{sample('complaint.eml')}: annoyed.reader@example.com: suppressed, no more email will "
        "be sent — the reader marked our email as spam (abuse report)"
    ]
    assert Suppression.objects.get().reason == Suppression.Reason.COMPLAINT
    alert.refresh_from_db()
    assert alert.status == S.SENT  # it was delivered; the complaint says so

    before = snapshot()
    lines, _ = run("bounce", sample("complaint.eml"))
    assert snapshot() == before
    assert "already suppressed (marked as spam)" in lines[0]


def test_two_recipients_one_line_each(sent_to):
    sent_to("old.account@example.org", "<alert-77-1@harlow.example>")
    sent_to("slow.server@example.net", "<alert-77-2@harlow.example>")

    lines, _ = run("bounce", sample("two_recipients.eml"))

    assert len(lines) == 2
    assert "old.account@example.org: suppressed" in lines[0]
    assert "permanent delivery failure 5.2.1" in lines[0]
    assert "slow.server@example.net: nothing changed — temporary delivery problem 4.4.2" in lines[1]
    assert list(Suppression.objects.values_list("email", flat=True)) == ["old.account@example.org"]
    # The report quotes a digest's Message-ID, not these alerts': they stay as they were.
    assert set(Message.objects.values_list("status", flat=True)) == {S.SENT}


def test_addresses_never_emailed_are_ignored(db):
    lines, _ = run("bounce", sample("hard_bounce.eml"))
    assert lines[0].endswith(
        "gone.reader@example.org: ignored — Dateline has never emailed this address "
        "(permanent delivery failure 5.1.1: smtp; 550 5.1.1 <gone.reader@example.org>: "
        "Recipient address rejected: User unknown in virtual mailbox table)"
    )
    assert not Suppression.objects.exists()


def test_a_plain_email_is_refused_and_nothing_is_written(sent_to):
    sent_to("vacationing.reader@example.org", "<alert-9001-4@harlow.example>")
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        run("bounce", sample("not_a_report.eml"))

    assert sample("not_a_report.eml") in str(refused.value)
    assert snapshot() == before


def test_good_files_are_applied_even_when_another_is_bad(sent_to, tmp_path):
    sent_to("gone.reader@example.org", "<alert-9001-1@harlow.example>")
    missing = tmp_path / "nowhere.eml"
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command(
            "alerts",
            "bounce",
            sample("not_a_report.eml"),
            sample("hard_bounce.eml"),
            str(missing),
            stdout=out,
            stderr=err,
        )

    message = str(refused.value)
    assert message.startswith("2 of 3 files changed nothing because they could not be read")
    assert message.endswith("The other 1 were applied.")
    assert sample("not_a_report.eml") in message and str(missing) in message
    assert f"{sample('not_a_report.eml')}: not a bounce report — it is a text/plain email" in (
        err.getvalue()
    )
    assert f"{missing}: could not be read (No such file or directory)." in err.getvalue()
    assert "gone.reader@example.org: suppressed" in out.getvalue()
    assert list(Suppression.objects.values_list("email", flat=True)) == ["gone.reader@example.org"]


def test_reads_standard_input(sent_to, monkeypatch):
    sent_to("annoyed.reader@example.com", "<alert-9001-3@harlow.example>")
    data = (SAMPLES / "complaint.eml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    lines, _ = run("bounce", "-")
    assert lines[0].startswith("standard input: annoyed.reader@example.com: suppressed")


def test_an_empty_or_unrelated_report_is_refused(tmp_path, sent_to):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty.eml"):
        run("bounce", str(empty))
    disposition = tmp_path / "read-receipt.eml"
    disposition.write_bytes(
        b"From: someone@example.org\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/report; report-type=disposition-notification; boundary="x"\n\n'
        b"--x\nContent-Type: text/plain\n\nRead.\n--x--\n"
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("alerts", "bounce", str(disposition), stdout=out, stderr=err)
    assert "report type “disposition-notification” is not a bounce or complaint" in err.getvalue()


# --- status, retry, suppress, unsuppress ----------------------------------------------------


def test_status_counts_the_outbox(sent_to):
    sent_to("a@example.org", "<a@harlow.example>")
    queued = sent_to("b@example.org", "<b@harlow.example>", status=S.QUEUED)
    sent_to("c@example.org", "<c@harlow.example>", status=S.HELD)
    Suppression.objects.create(email="z@example.org", reason="complaint")

    lines, _ = run("status")

    assert lines[0] == "Release alert: held 1, queued 1, sent 1"
    assert lines[1].startswith("Queued: 1 (1 due now); the oldest was written ")
    assert lines[2] == f"Waiting for a second approval: 1 (releases {queued.release_id})."
    assert lines[3] == "Suppressed addresses: Marked as spam 1."


def test_status_of_an_empty_outbox(db):
    lines, _ = run("status")
    assert lines == [
        "The outbox is empty: no email has been written yet.",
        "Queued: none.",
        "Suppressed addresses: none.",
    ]


def test_retry_requeues_a_releases_failed_emails(sent_to, release, monkeypatch):
    from dateline.alerts import delivery

    kicks = []
    monkeypatch.setattr(delivery, "kick", lambda: kicks.append(1))
    failed = sent_to("a@example.org", "<a@harlow.example>", status=S.FAILED, attempts=8)

    lines, _ = run("retry", str(release.pk))

    assert lines == [f"“{release.title}”: 1 failed emails queued again."]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (S.QUEUED, 0)
    with pytest.raises(CommandError, match="no release with id 999999"):
        run("retry", "999999")


def test_suppress_and_unsuppress(sent_to):
    waiting = sent_to("Someone@Example.org", "<s@harlow.example>", status=S.QUEUED)

    assert run("suppress", "Someone@Example.org", "--note", "Asked by phone")[0] == [
        "someone@example.org is suppressed: no more email will be sent to it."
    ]
    suppression = Suppression.objects.get()
    assert (suppression.reason, suppression.detail) == ("staff", "Asked by phone")
    waiting.refresh_from_db()
    assert waiting.status == S.SUPPRESSED
    assert run("suppress", "someone@example.org")[0] == [
        "someone@example.org was already suppressed (suppressed by staff); nothing changed."
    ]

    assert run("unsuppress", "someone@example.org")[0] == [
        "someone@example.org may be emailed again."
    ]
    assert not Suppression.objects.exists()
    assert run("unsuppress", "someone@example.org")[0] == [
        "someone@example.org was not suppressed; nothing changed."
    ]
    with pytest.raises(CommandError, match="not an email address"):
        run("suppress", "nobody")
