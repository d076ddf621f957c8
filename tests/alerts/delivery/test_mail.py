"""What arrives: headers, both parts, accessible HTML, the city's address, working links."""

import re

from django.utils import timezone

from dateline.alerts.delivery import deliver_due
from dateline.alerts.models import AlertSettings, Message, Subscriber
from tests.helpers import make_image


def _parts(message):
    return (
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


def test_alert_headers_and_parts(publish, subscriber, follow, city, mailbox):
    alert_settings = AlertSettings.for_site(city["site"])
    alert_settings.alerts_from_email = "news@harlow.example"
    alert_settings.alerts_from_name = "Harlow Creek\r\nBcc: evil@example.org News"
    alert_settings.transactional_from_email = "subscriptions@harlow.example"
    alert_settings.reply_to_email = "press@harlow.example"
    alert_settings.save()
    person = subscriber("topic@example.org", topics=[follow["parks"]])
    image = make_image()
    release = publish(
        topics=[follow["parks"]],
        lead_image=image,
        lead_image_alt="Children on the new playground slide",
        dek="A playground and a river trail.",
    )
    [message] = mailbox.messages
    row = Message.objects.get(release=release)
    assert message["Message-ID"] == row.message_id == f"<alert-{release.pk}-{person.pk}@testserver>"
    assert message["From"].addresses[0].addr_spec == "news@harlow.example"
    assert "\n" not in str(message["From"]) and message["Bcc"] is None
    assert message["Reply-To"] == "press@harlow.example"
    assert message["Date"]
    assert message["List-Id"] == "City News <news.alerts.testserver>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = str(message["List-Unsubscribe"])
    match = re.fullmatch(
        r"<(http://testserver/alerts/unsubscribe/[^>]+/)>, "
        r"<mailto:press@harlow\.example\?subject=unsubscribe>",
        unsubscribe,
    )
    assert match, unsubscribe

    text, html = _parts(message)
    assert '<html lang="en">' in html
    assert "<h1" in html and release.title in html
    assert 'alt="Children on the new playground slide"' in html
    assert re.search(r'<img src="http://testserver/media/images/[^"]+"', html)
    assert "12 Mill Street" in html and "12 Mill Street" in text
    assert "Harlow Creek, OR 97999" in text
    assert release.title in text and "The city opened a new park on Monday." in text
    assert "http://testserver/alerts/manage/" in text and "http://testserver/alerts/manage/" in html
    assert match.group(1) in text and match.group(1) in html
    assert "<" not in text  # no markup leaks into the plain-text part


def test_decorative_image_is_left_out(publish, subscriber, follow, mailbox):
    subscriber("topic@example.org", topics=[follow["parks"]])
    publish(topics=[follow["parks"]], lead_image=make_image(), lead_image_decorative=True)
    _, html = _parts(mailbox.messages[0])
    assert "<img" not in html


def test_one_click_unsubscribe_link_works(publish, subscriber, follow, mailbox, client):
    person = subscriber("topic@example.org", topics=[follow["parks"]])
    publish(topics=[follow["parks"]])
    url = re.search(r"<(http://testserver[^>]+)>", str(mailbox.messages[0]["List-Unsubscribe"]))
    response = client.post(
        url.group(1).removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code in (200, 204, 302)
    person.refresh_from_db()
    assert person.status == Subscriber.Status.UNSUBSCRIBED


def test_confirmation_mail(city, subscriber, mailbox):
    alert_settings = AlertSettings.for_site(city["site"])
    alert_settings.alerts_from_email = "news@harlow.example"
    alert_settings.transactional_from_email = "subscriptions@harlow.example"
    alert_settings.save()
    person = subscriber("new@example.org", status=Subscriber.Status.PENDING)
    Message.objects.create(
        kind=Message.Kind.CONFIRMATION,
        subscriber=person,
        to_email=person.email,
        message_id="<confirm-1@testserver>",
        next_attempt_at=timezone.now(),
    )
    deliver_due()
    [message] = mailbox.messages
    assert message["Subject"] == "Confirm your email alerts from City of Harlow Creek"
    assert message["From"].addresses[0].addr_spec == "subscriptions@harlow.example"
    assert message["From"].addresses[0].display_name == "City of Harlow Creek"
    assert message["List-Unsubscribe"] is None and message["List-Id"] is None
    text, html = _parts(message)
    assert re.search(r"http://testserver/alerts/confirm/[^/\s]+/", text)
    assert "72 hours" in text and "nothing will be sent to you unless you click" in text
    assert '<html lang="en">' in html and "12 Mill Street" in html
