"""The subscribe form: double opt-in, the same answer for every address, and bad input."""

import pytest

from dateline.alerts.models import Message, PendingChoice, RateLimitHit, Subscriber, Suppression

pytestmark = pytest.mark.django_db


def test_the_form_offers_newsrooms_topics_and_officials(client, follow, offices):
    from datetime import date

    from dateline.officials.models import Official, Term

    former = Official.objects.create(name="Ada Abernathy", slug="ada-abernathy")
    Term.objects.create(
        official=former,
        office=offices["Mayor"],
        start=date(2010, 1, 1),
        end=date(2014, 12, 31),
    )
    response = client.get("/alerts/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "City News" in page
    assert "Parks" in page and "Water" in page
    # Current officials first, with their title; former ones after them, saying so.
    assert 'Gil Moreno <span class="alerts-hint">(City Manager)' in page
    assert 'Ines Park <span class="alerts-hint">(Mayor)' in page
    assert 'Ada Abernathy <span class="alerts-hint">(former official)' in page
    assert page.index("Gil Moreno") < page.index("Ines Park") < page.index("Ada Abernathy")
    assert 'for="alerts-email"' in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_new_address_is_pending_until_confirmed(post_subscribe, follow, kicks):
    response = post_subscribe("  Resident@Example.ORG ", newsrooms=[follow["newsroom"].pk])
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "resident@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert list(subscriber.topics.all()) == [follow["parks"]]
    assert list(subscriber.newsrooms.values_list("pk", flat=True)) == [follow["newsroom"].pk]
    message = Message.objects.get()
    assert message.kind == Message.Kind.CONFIRMATION
    assert message.to_email == "resident@example.org"
    assert message.subscriber == subscriber
    assert message.pending_choice is None
    assert message.message_id.startswith("<confirm-") and message.message_id.endswith(">")
    assert subscriber.confirmation_sent_at is not None
    assert kicks == [1]


def test_the_page_reads_the_same_for_every_kind_of_address(post_subscribe, make_subscriber):
    make_subscriber("pending@example.org", Subscriber.Status.PENDING)
    make_subscriber("confirmed@example.org", Subscriber.Status.CONFIRMED)
    make_subscriber("gone@example.org", Subscriber.Status.UNSUBSCRIBED)
    Suppression.objects.create(email="bounced@example.org", reason="bounce-send")
    answers = {}
    for who in ("new", "pending", "confirmed", "gone", "bounced"):
        response = post_subscribe(f"{who}@example.org")
        body = response.content.decode().replace(f"{who}@example.org", "ADDRESS")
        answers[who] = (response.status_code, body)
    assert len(set(answers.values())) == 1
    assert answers["new"][0] == 200


def test_what_each_kind_of_address_gets(post_subscribe, make_subscriber, follow):
    pending = make_subscriber("pending@example.org", Subscriber.Status.PENDING)
    old_nonce = pending.confirmation_nonce
    confirmed = make_subscriber("confirmed@example.org", Subscriber.Status.CONFIRMED)
    gone = make_subscriber("gone@example.org", Subscriber.Status.UNSUBSCRIBED)
    Suppression.objects.create(email="bounced@example.org", reason="complaint")
    for who in ("pending", "confirmed", "gone", "bounced"):
        post_subscribe(f"{who}@example.org", topics=[follow["water"].pk], frequency="daily")

    # Pending: the confirmation again, and the earlier link still works.
    pending.refresh_from_db()
    assert pending.confirmation_nonce == old_nonce
    assert Message.objects.filter(to_email="pending@example.org", kind="confirmation").count() == 1

    # Confirmed: nothing changes until the owner confirms the change from their inbox.
    confirmed.refresh_from_db()
    assert confirmed.status == Subscriber.Status.CONFIRMED
    assert list(confirmed.topics.all()) == [follow["parks"]]
    assert confirmed.frequency == "immediate"
    change = PendingChoice.objects.get(subscriber=confirmed)
    assert change.topic_ids == [follow["water"].pk] and change.frequency == "daily"
    message = Message.objects.get(to_email="confirmed@example.org")
    assert message.kind == "confirmation" and message.pending_choice == change

    # Unsubscribed: like new, waiting for confirmation with the new choices.
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.PENDING
    assert list(gone.topics.all()) == [follow["water"]]
    assert Message.objects.filter(to_email="gone@example.org", kind="confirmation").count() == 1

    # Suppressed: nothing at all.
    assert not Subscriber.objects.filter(email="bounced@example.org").exists()
    assert not Message.objects.filter(to_email="bounced@example.org").exists()


def test_a_topic_page_link_ticks_the_topic(client, follow):
    page = client.get("/alerts/?topic=parks&official=ines-park").content.decode()
    checked = [line for line in page.splitlines() if "checked" in line and "checkbox" in line]
    assert any(f'value="{follow["parks"].pk}"' in line for line in checked)
    assert any(f'value="{follow["mayor"].pk}"' in line for line in checked)
    assert not any(f'value="{follow["water"].pk}"' in line for line in checked)


def test_an_unknown_topic_in_the_link_is_named(client, follow):
    page = client.get("/alerts/?topic=zeppelins").content.decode()
    assert "There is no topic “zeppelins” to follow" in page
    assert 'role="status"' in page


def test_topic_and_official_pages_link_to_alerts(client, follow):
    assert "/alerts/?topic=parks" in client.get("/topics/parks/").content.decode()
    official_page = client.get("/officials/ines-park/").content.decode()
    assert "/alerts/?official=ines-park" in official_page
    assert 'href="/alerts/">Get email alerts</a>' in official_page


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Enter your email address"),
        ("not-an-address", "“not-an-address” is not an email address"),
        ("victim@example.org\r\nBcc: many@example.org", "no line breaks"),
        ("victim@example.org\nSubject: hi", "no line breaks"),
        ("a" * 300 + "@example.org", "at most 254 characters"),
    ],
)
def test_a_bad_address_is_refused_with_a_reason(post_subscribe, email, message):
    response = post_subscribe(email)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Email address:" in page  # the error summary names the field
    assert 'href="#alerts-email"' in page
    assert 'aria-describedby="alerts-email-hint alerts-email-error"' in page
    assert page.count("<title>Error: ") == 1
    assert not Subscriber.objects.exists()
    assert not Message.objects.exists()


def test_choosing_nothing_is_refused(post_subscribe):
    page = post_subscribe(topics=[]).content.decode()
    assert "Choose at least one newsroom, topic or official" in page
    assert 'aria-describedby="follow-error"' in page
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "field, noun", [("topics", "topic"), ("newsrooms", "newsroom"), ("officials", "official")]
)
def test_an_unknown_choice_is_named(post_subscribe, field, noun):
    page = post_subscribe(**{field: ["99999"]}).content.decode()
    assert f"There is no {noun} “99999” to follow" in page
    assert f'id="{field}-error"' in page
    assert not Subscriber.objects.exists()
    assert not Message.objects.exists()


def test_a_made_up_frequency_is_refused(post_subscribe):
    page = post_subscribe(frequency="hourly").content.decode()
    assert "Choose how often to get emails" in page
    assert not Subscriber.objects.exists()


def test_the_form_posts_with_its_csrf_token(follow):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    form = browser.get("/alerts/")
    token = form.cookies["csrftoken"].value
    response = browser.post(
        "/alerts/",
        {
            "email": "resident@example.org",
            "topics": [follow["parks"].pk],
            "frequency": "daily",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().frequency == "daily"


def test_confirmations_to_one_address_are_limited_silently(post_subscribe, settings):
    settings.ALERTS_CONFIRMATIONS_PER_ADDRESS = 3
    answers = set()
    for n in range(5):
        response = post_subscribe("resident@example.org", ip=f"198.51.100.{n}")
        answers.add((response.status_code, response.content.decode()))
    assert len(answers) == 1
    assert Message.objects.filter(kind="confirmation").count() == 3
    keys = list(RateLimitHit.objects.values_list("key", flat=True))
    assert keys and not any("resident" in key or "198.51" in key for key in keys)


def test_too_many_requests_from_one_network_get_a_429(post_subscribe, settings):
    settings.ALERTS_REQUESTS_PER_IP = 2
    assert post_subscribe("one@example.org").status_code == 200
    assert post_subscribe("two@example.org").status_code == 200
    response = post_subscribe("three@example.org")
    assert response.status_code == 429
    assert "Too many requests from your network; try again in an hour" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert not Subscriber.objects.filter(email="three@example.org").exists()
    # Another network is not held back.
    assert post_subscribe("four@example.org", ip="192.0.2.9").status_code == 200


def test_old_rate_limit_rows_are_purged(post_subscribe):
    from datetime import timedelta

    from django.utils import timezone

    from dateline.alerts import ratelimit

    post_subscribe()
    RateLimitHit.objects.create(scope="ip", key="x", created_at=timezone.now() - timedelta(days=2))
    assert ratelimit.purge_old() == 1
    assert RateLimitHit.objects.count() == 2  # this request's address and IP


def test_a_delivery_hiccup_does_not_fail_the_page(post_subscribe, monkeypatch, real_kick):
    from huey.contrib.djhuey import HUEY

    from dateline.alerts import views

    def broken(task):
        raise ConnectionError("queue is down")

    monkeypatch.setattr(HUEY, "enqueue", broken)
    monkeypatch.setattr(views, "kick", real_kick)
    response = post_subscribe()
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert Message.objects.filter(kind="confirmation").count() == 1


def test_log_lines_quoting_a_link_hide_its_token():
    import logging

    from dateline.alerts.redact import RedactTokens

    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        ("/alerts/manage/WzEsImFiYyJd:1tX:abc-_/",),
        None,
    )
    RedactTokens().filter(record)
    assert record.getMessage() == "Internal Server Error: /alerts/manage/[token]/"
