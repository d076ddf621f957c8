"""The Email alerts admin pages: counts per release, retrying failures, second approval."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from dateline.alerts import staff
from dateline.alerts.models import Message

pytestmark = pytest.mark.django_db

S = Message.Status


def release_url(release, action=""):
    name = f"dateline_alerts:{action or 'release'}"
    return reverse(name, args=[release.pk])


def shown_counts(html):
    """{status key: (alerts, corrections)} from the counts table."""
    rows = re.findall(
        r'<tr data-status="([a-z]+)">\s*<th scope="row">[^<]*</th>\s*<td>(\d+)</td>\s*'
        r"<td>(\d+)</td>",
        html,
    )
    return {key: (int(a), int(c)) for key, a, c in rows}


def flash(response):
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def refused(response):
    """Wagtail answers a refused admin request with a redirect to the dashboard and a note."""
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and any("do not have permission" in m for m in flash(response))
    )


def test_release_page_counts_every_state(
    client_for, admin_user, release, messages_for, correction_for
):
    messages_for(release, S.SENT, 3)
    messages_for(release, S.HANDED_OVER, 1)
    messages_for(release, S.QUEUED, 2)
    messages_for(release, S.SENDING, 1)
    messages_for(release, S.FAILED, 2, attempts=8, last_error="421 4.4.2 Connection timed out")
    messages_for(release, S.SUPPRESSED, 1)
    messages_for(release, S.BOUNCED, 1, last_error="RCPT: 550 5.1.1 User unknown")
    notice = correction_for(release)
    messages_for(release, S.SENT, 2, kind=Message.Kind.CORRECTION, correction=notice)

    response = client_for(admin_user).get(release_url(release))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Email alerts for ‘Harlow Creek opens Millrace Park’" in html
    assert shown_counts(html) == {
        "queued": (3, 0),
        "sent": (4, 2),
        "failed": (2, 0),
        "bounced": (1, 0),
        "suppressed": (1, 0),
        "held": (0, 0),
        "cancelled": (0, 0),
    }
    assert html.count("421 4.4.2 Connection timed out") == 2
    assert "550 5.1.1 User unknown" in html
    assert "Retry failed emails (2)" in html
    assert "second approval" not in html.replace("Waiting for a second approval", "")


def test_release_without_emails_says_why(client_for, admin_user, release):
    html = client_for(admin_user).get(release_url(release)).content.decode()
    assert "This release has not emailed anyone." in html
    assert "Retry failed" not in html


def test_index_lists_releases_with_counts(client_for, moderator, make_release, messages_for):
    quiet = make_release("Library hours extended")
    busy = make_release("Water main repair on Elm Street")
    messages_for(busy, S.SENT, 4)
    messages_for(busy, S.FAILED, 1)
    messages_for(busy, S.HELD, 2)

    response = client_for(moderator).get(reverse("dateline_alerts:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert quiet.title in html and busy.title in html
    assert release_url(busy) in html
    assert "2 waiting for approval" in html
    row = html[html.index(busy.title) :]
    assert re.search(r"<td>7</td>\s*<td>4</td>\s*<td>0</td>\s*<td>1</td>", row)


def test_menu_and_buttons_lead_to_the_release_page(client_for, moderator, editor, release):
    client = client_for(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("dateline_alerts:index") in dashboard
    listing = client.get(reverse("wagtailadmin_explore", args=[release.get_parent().pk]))
    assert release_url(release) in listing.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[release.pk]))
    assert release_url(release) in edit.content.decode()
    # The newsroom is not a release: no Email alerts button on it.
    assert release_url(release.get_parent()) not in listing.content.decode()

    client = client_for(editor)
    assert (
        reverse("dateline_alerts:index")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    listing = client.get(reverse("wagtailadmin_explore", args=[release.get_parent().pk]))
    assert release_url(release) not in listing.content.decode()


def test_editors_who_cannot_publish_are_refused(client_for, editor, release, messages_for):
    failed = messages_for(release, S.FAILED, 2)
    held = messages_for(release, S.HELD, 1)
    client = client_for(editor)

    assert refused(client.get(release_url(release)))
    assert refused(client.get(reverse("dateline_alerts:index")))
    for action in ("retry", "approve", "cancel"):
        assert refused(client.post(release_url(release, action)))

    assert {m.status for m in Message.objects.filter(pk__in=[r.pk for r in failed])} == {S.FAILED}
    assert Message.objects.get(pk=held[0].pk).status == S.HELD


def test_anonymous_visitors_go_to_the_login_page(client, release):
    response = client.get(release_url(release))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_retry_requeues_failed_emails(
    client_for, moderator, release, messages_for, django_capture_on_commit_callbacks
):
    failed = messages_for(release, S.FAILED, 2, attempts=8, last_error="Timed out")
    sent = messages_for(release, S.SENT, 1)
    client = client_for(moderator)

    assert client.get(release_url(release, "retry")).status_code == 405
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(release_url(release, "retry"))

    assert response.status_code == 302
    assert response["Location"] == release_url(release)
    assert flash(response) == [
        "2 failed emails will be sent again in a moment. Check back here in a few minutes."
    ]
    assert len(callbacks) == 1  # delivery is asked for once the change is committed
    for row in Message.objects.filter(pk__in=[r.pk for r in failed]):
        assert (row.status, row.attempts) == (S.QUEUED, 0)
    assert Message.objects.get(pk=sent[0].pk).status == S.SENT
    assert PageLogEntry.objects.filter(page=release, action=staff.RETRY_ACTION).count() == 1

    again = client.post(release_url(release, "retry"))
    assert flash(again)[-1] == "There were no failed emails to send again."


def test_retried_emails_are_delivered(
    client_for, admin_user, release, messages_for, django_capture_on_commit_callbacks
):
    failed = messages_for(release, S.FAILED, 2, attempts=8)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(admin_user).post(release_url(release, "retry"))
    assert {m.status for m in Message.objects.filter(pk__in=[r.pk for r in failed])} == {S.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.to_email for r in failed)


def test_actions_need_the_csrf_token(moderator, release, messages_for):
    messages_for(release, S.FAILED, 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(release_url(release, "retry")).status_code == 403
    assert Message.objects.get(release=release).status == S.FAILED


# --- second approval -----------------------------------------------------------------------


def test_publisher_cannot_approve_their_own_alert(
    client_for, moderator, published_by, messages_for
):
    release = published_by(moderator)
    held = messages_for(release, S.HELD, 3)
    client = client_for(moderator)

    html = client.get(release_url(release)).content.decode()
    assert "3 emails are waiting for a second approval" in html
    assert "You published this release, so someone else must approve its emails." in html
    assert "Approve and send" not in html
    assert "Cancel these emails" in html

    response = client.post(release_url(release, "approve"))
    assert response.status_code == 302
    assert flash(response)[0].startswith("You published this release")
    assert {m.status for m in Message.objects.filter(pk__in=[r.pk for r in held])} == {S.HELD}


def test_a_second_person_approves_and_twice_is_harmless(
    client_for,
    moderator,
    second_moderator,
    published_by,
    messages_for,
    django_capture_on_commit_callbacks,
):
    release = published_by(moderator)
    held = messages_for(release, S.HELD, 3)
    sent = messages_for(release, S.SENT, 1)
    client = client_for(second_moderator)

    html = client.get(release_url(release)).content.decode()
    assert "3 emails are waiting for a second approval" in html
    assert "Approve and send" in html

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(release_url(release, "approve"))
    assert flash(response) == ["Approved: 3 emails will be sent now."]
    assert len(callbacks) == 1
    rows = Message.objects.filter(pk__in=[r.pk for r in held])
    assert {(m.status, m.approved_by_id) for m in rows} == {(S.QUEUED, second_moderator.pk)}
    assert Message.objects.get(pk=sent[0].pk).approved_by_id is None

    again = client.post(release_url(release, "approve"))
    assert flash(again)[-1] == "Nothing was waiting for approval; no email was changed."
    assert {(m.status, m.approved_by_id) for m in rows} == {(S.QUEUED, second_moderator.pk)}
    assert PageLogEntry.objects.filter(page=release, action=staff.APPROVE_ACTION).count() == 1
    html = client.get(release_url(release)).content.decode()
    assert "Approved for sending by Sam." in html
    assert "waiting for a second approval</h2>" not in html


def test_publisher_may_cancel_held_emails(client_for, moderator, published_by, messages_for):
    release = published_by(moderator)
    held = messages_for(release, S.HELD, 2)
    response = client_for(moderator).post(release_url(release, "cancel"))
    assert flash(response) == ["Cancelled: 2 emails will not be sent."]
    rows = Message.objects.filter(pk__in=[r.pk for r in held])
    assert {m.status for m in rows} == {S.CANCELLED}
    assert rows[0].last_error == "Cancelled by Mona."


def test_a_superuser_who_published_cannot_approve_either(admin_user, published_by, messages_for):
    release = published_by(admin_user)
    messages_for(release, S.HELD, 1)
    with pytest.raises(staff.NotAllowed):
        staff.approve_held(release, admin_user)
    assert Message.objects.get(release=release).status == S.HELD


def test_dashboard_shows_alerts_waiting_for_approval(
    client_for, moderator, second_moderator, editor, published_by, messages_for
):
    release = published_by(moderator)
    messages_for(release, S.HELD, 2)
    home = reverse("wagtailadmin_home")

    html = client_for(second_moderator).get(home).content.decode()
    assert "Emergency alerts waiting for approval" in html
    assert release_url(release) in html
    assert "2 emails waiting" in html and "You can approve or cancel them." in html

    html = client_for(moderator).get(home).content.decode()
    assert "You published it: another colleague must approve." in html

    html = client_for(editor).get(home).content.decode()
    assert "Emergency alerts waiting for approval" not in html


def test_page_history_records_the_approval(
    client_for, moderator, second_moderator, published_by, messages_for
):
    release = published_by(moderator)
    messages_for(release, S.HELD, 3)
    client = client_for(second_moderator)
    client.post(release_url(release, "approve"))
    html = client.get(reverse("wagtailadmin_pages:history", args=[release.pk])).content.decode()
    assert "Approved for sending: 3 emails" in html
