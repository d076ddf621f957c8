"""The links mailed to subscribers: confirm, confirm a change, manage, unsubscribe."""

import time

import pytest
from django.core import signing

from dateline.alerts.models import Message, PendingChoice, Subscriber
from dateline.alerts.tokens import choice_token, confirmation_token, manage_token

pytestmark = pytest.mark.django_db


def signed_long_ago(monkeypatch, make_token, obj, hours=73):
    with monkeypatch.context() as m:
        then = time.time() - hours * 3600
        m.setattr(signing.time, "time", lambda: then)
        return make_token(obj)


def tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def assert_private(response):
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


# --- confirming a new subscription -------------------------------------------------------


def test_opening_the_confirmation_link_changes_nothing(client, make_subscriber):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    response = client.get(f"/alerts/confirm/{confirmation_token(subscriber)}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Confirm your email alerts" in page
    assert "News about Parks" in page
    assert "Yes, start my alerts" in page
    assert_private(response)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_confirming_starts_alerts_and_the_link_works_once(mail_client, make_subscriber):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    url = f"/alerts/confirm/{confirmation_token(subscriber)}/"
    response = mail_client.post(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "You're subscribed" in page
    assert "/alerts/manage/" in page
    assert_private(response)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None

    again = mail_client.post(url)
    assert again.status_code == 400
    assert "This link has already been used" in again.content.decode()
    assert mail_client.get(url).status_code == 400


def test_an_expired_confirmation_link_says_so(client, make_subscriber, monkeypatch):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    token = signed_long_ago(monkeypatch, confirmation_token, subscriber)
    response = client.post(f"/alerts/confirm/{token}/")
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in page
    assert "Subscribe again" in page
    assert_private(response)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_tampered_confirmation_link_changes_nothing(client, make_subscriber):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    response = client.post(f"/alerts/confirm/{tampered(confirmation_token(subscriber))}/")
    assert response.status_code == 400
    assert "This link doesn't work" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_confirmation_link_is_not_an_unsubscribe_link(client, make_subscriber):
    subscriber = make_subscriber()
    response = client.post(f"/alerts/unsubscribe/{confirmation_token(subscriber)}/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_the_whole_journey_from_form_to_confirmation(client, post_subscribe, follow):
    post_subscribe("walker@example.org", officials=[follow["mayor"].pk])
    subscriber = Subscriber.objects.get(email="walker@example.org")
    page = client.get(f"/alerts/confirm/{confirmation_token(subscriber)}/").content.decode()
    assert "News naming Ines Park" in page
    client.post(f"/alerts/confirm/{confirmation_token(subscriber)}/")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert list(subscriber.officials.all()) == [follow["mayor"]]


def test_a_bad_link_does_not_log_its_token(client, make_subscriber, caplog):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    token = tampered(confirmation_token(subscriber))
    with caplog.at_level("DEBUG"):
        client.get(f"/alerts/confirm/{token}/")
        client.post(f"/alerts/unsubscribe/{token}/")
    assert token not in caplog.text


# --- confirming a change -----------------------------------------------------------------


@pytest.fixture
def change(make_subscriber, follow):
    subscriber = make_subscriber()
    return PendingChoice.objects.create(
        subscriber=subscriber,
        frequency="daily",
        topic_ids=[follow["water"].pk],
        newsroom_ids=[follow["newsroom"].pk],
    )


def test_a_change_applies_only_when_confirmed_and_only_once(client, change, follow):
    url = f"/alerts/change/{choice_token(change)}/"
    page = client.get(url).content.decode()
    assert "Confirm the change to your alerts" in page
    assert "News about Water" in page and "Everything from City News" in page
    subscriber = change.subscriber
    assert list(subscriber.topics.all()) == [follow["parks"]]

    response = client.post(url)
    assert response.status_code == 200
    assert "Your alerts are changed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.frequency == "daily"
    assert list(subscriber.topics.all()) == [follow["water"]]
    assert list(subscriber.newsrooms.values_list("pk", flat=True)) == [follow["newsroom"].pk]

    again = client.post(url)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()


def test_a_change_asked_for_before_unsubscribing_is_not_applied(client, change, follow):
    Subscriber.objects.filter(pk=change.subscriber_id).update(status="unsubscribed")
    response = client.post(f"/alerts/change/{choice_token(change)}/")
    assert response.status_code == 400
    assert "You unsubscribed after asking for this change" in response.content.decode()
    subscriber = Subscriber.objects.get(pk=change.subscriber_id)
    assert subscriber.status == "unsubscribed"
    assert list(subscriber.topics.all()) == [follow["parks"]]


def test_a_change_asked_for_before_resubscribing_is_not_applied(client, change, follow):
    from datetime import timedelta

    later = change.created_at + timedelta(minutes=5)
    Subscriber.objects.filter(pk=change.subscriber_id).update(unsubscribed_at=later)
    response = client.post(f"/alerts/change/{choice_token(change)}/")
    assert response.status_code == 400
    subscriber = Subscriber.objects.get(pk=change.subscriber_id)
    assert list(subscriber.topics.all()) == [follow["parks"]]


# --- the manage page ---------------------------------------------------------------------


def test_the_manage_page_shows_and_changes_what_is_followed(client, make_subscriber, follow):
    subscriber = make_subscriber()
    url = f"/alerts/manage/{manage_token(subscriber)}/"
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    checked = [line for line in page.splitlines() if "checkbox" in line and "checked" in line]
    assert [f'value="{follow["parks"].pk}"' in line for line in checked] == [True]
    assert "Unsubscribe from everything" in page

    saved = client.post(
        url,
        {"topics": [follow["water"].pk], "officials": [follow["mayor"].pk], "frequency": "daily"},
    )
    assert saved.status_code == 302
    subscriber.refresh_from_db()
    assert list(subscriber.topics.all()) == [follow["water"]]
    assert list(subscriber.officials.all()) == [follow["mayor"]]
    assert subscriber.frequency == "daily"
    assert "Your choices are saved" in client.get(saved["Location"]).content.decode()


def test_saving_nothing_suggests_unsubscribing(client, make_subscriber, follow):
    subscriber = make_subscriber()
    page = client.post(
        f"/alerts/manage/{manage_token(subscriber)}/", {"frequency": "daily"}
    ).content.decode()
    assert "To get nothing at all, use “Unsubscribe from everything”" in page
    subscriber.refresh_from_db()
    assert list(subscriber.topics.all()) == [follow["parks"]]
    assert subscriber.frequency == "immediate"


def test_an_unknown_topic_on_the_manage_page_is_named(client, make_subscriber, follow):
    subscriber = make_subscriber()
    page = client.post(
        f"/alerts/manage/{manage_token(subscriber)}/", {"topics": ["abc"], "frequency": "daily"}
    ).content.decode()
    assert "There is no topic “abc” to follow" in page
    subscriber.refresh_from_db()
    assert list(subscriber.topics.all()) == [follow["parks"]]


def test_follows_the_page_does_not_offer_are_kept(client, make_subscriber, follow, rich):
    from dateline.releases.models import NewsIndexPage

    hidden = NewsIndexPage(title="Old Newsroom", slug="old", live=False)
    follow["newsroom"].get_parent().add_child(instance=hidden)
    subscriber = make_subscriber()
    subscriber.newsrooms.add(hidden)
    client.post(
        f"/alerts/manage/{manage_token(subscriber)}/",
        {"newsrooms": [follow["newsroom"].pk], "frequency": "immediate"},
    )
    assert set(subscriber.newsrooms.values_list("pk", flat=True)) == {
        hidden.pk,
        follow["newsroom"].pk,
    }
    assert list(subscriber.topics.all()) == []


def test_a_tampered_manage_link_shows_no_one(client, make_subscriber):
    subscriber = make_subscriber()
    response = client.get(f"/alerts/manage/{tampered(manage_token(subscriber))}/")
    assert response.status_code == 400
    assert subscriber.email not in response.content.decode()


# --- unsubscribing -----------------------------------------------------------------------


@pytest.fixture
def queued(make_subscriber):
    """A subscriber with an alert and a digest waiting to go, and one already sent."""
    subscriber = make_subscriber()

    def message(kind, status, n):
        return Message.objects.create(
            kind=kind,
            subscriber=subscriber,
            to_email=subscriber.email,
            status=status,
            message_id=f"<test-{n}@harlow.example>",
        )

    return {
        "subscriber": subscriber,
        "alert": message("alert", "queued", 1),
        "digest": message("digest", "held", 2),
        "sent": message("alert", "sent", 3),
    }


def test_one_click_unsubscribe_without_cookies(mail_client, queued):
    subscriber = queued["subscriber"]
    url = f"/alerts/unsubscribe/{manage_token(subscriber)}/"
    response = mail_client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You're unsubscribed" in response.content.decode()
    assert_private(response)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    for name, status in [("alert", "suppressed"), ("digest", "suppressed"), ("sent", "sent")]:
        queued[name].refresh_from_db()
        assert queued[name].status == status

    first_time = subscriber.unsubscribed_at
    repeat = mail_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert repeat.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == first_time


def test_opening_the_unsubscribe_link_only_asks(client, queued):
    subscriber = queued["subscriber"]
    response = client.get(f"/alerts/unsubscribe/{manage_token(subscriber)}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Unsubscribe from everything" in page
    assert '<form method="post"' in page
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    queued["alert"].refresh_from_db()
    assert queued["alert"].status == "queued"


def test_the_button_on_the_manage_page_unsubscribes(client, make_subscriber, monkeypatch):
    # The page's link and the one made here are compared as text: signed within the same
    # second, whatever the machine's speed, or a second boundary between them differs.
    now = signing.TimestampSigner().timestamp()
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: now)
    subscriber = make_subscriber()
    page = client.get(f"/alerts/manage/{manage_token(subscriber)}/").content.decode()
    action = f'action="/alerts/unsubscribe/{manage_token(subscriber)}/"'
    assert action in page
    assert client.post(f"/alerts/unsubscribe/{manage_token(subscriber)}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    manage_page = client.get(f"/alerts/manage/{manage_token(subscriber)}/").content.decode()
    assert "You're unsubscribed" in manage_page


def test_a_tampered_or_expired_unsubscribe_link_changes_nothing(
    mail_client, queued, monkeypatch, settings
):
    subscriber = queued["subscriber"]
    bad = tampered(manage_token(subscriber))
    response = mail_client.post(f"/alerts/unsubscribe/{bad}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    assert "This link doesn't work" in response.content.decode()

    settings.ALERTS_MANAGE_LINK_DAYS = 1
    old = signed_long_ago(monkeypatch, manage_token, subscriber, hours=25)
    response = mail_client.post(f"/alerts/unsubscribe/{old}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    queued["alert"].refresh_from_db()
    assert queued["alert"].status == "queued"


def test_an_old_confirmation_link_cannot_undo_an_unsubscribe(client, make_subscriber):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    confirm_url = f"/alerts/confirm/{confirmation_token(subscriber)}/"
    client.post(f"/alerts/unsubscribe/{manage_token(subscriber)}/")
    assert client.post(confirm_url).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
