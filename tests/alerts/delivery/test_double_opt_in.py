"""Subscribe through the form, confirm from the email, get the next alert: end to end."""

import re

from dateline.alerts.models import Subscriber


def _link(message, kind):
    text = message.get_body(("plain",)).get_content()
    return re.search(rf"http://testserver(/alerts/{kind}/[^/\s]+/)", text).group(1)


def test_subscribe_confirm_and_receive(client, follow, publish, mailbox):
    response = client.post(
        "/alerts/",
        {"email": "Resident@Example.org", "topics": [follow["parks"].pk], "frequency": "immediate"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200
    [confirmation] = mailbox.messages
    assert confirmation["To"] == "resident@example.org"
    assert confirmation["Subject"] == "Confirm your email alerts from City of Harlow Creek"

    publish("Too early for them", topics=[follow["parks"]])
    assert len(mailbox.messages) == 1  # nothing before they confirm

    link = _link(confirmation, "confirm")
    assert client.get(link).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # a look is not a yes
    assert client.post(link).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    release = publish(topics=[follow["parks"]])
    alert = mailbox.messages[-1]
    assert alert["Subject"] == release.title and alert["To"] == "resident@example.org"
    assert len(mailbox.messages) == 2

    # A change asked for with the form waits for its own confirmation link.
    client.post(
        "/alerts/",
        {"email": "resident@example.org", "topics": [follow["water"].pk], "frequency": "daily"},
        REMOTE_ADDR="203.0.113.9",
    )
    change = mailbox.messages[-1]
    link = _link(change, "change")
    assert "change" in change.get_body(("plain",)).get_content()
    assert client.post(link).status_code == 200
    person = Subscriber.objects.get()
    assert person.frequency == "daily"
    assert list(person.topics.all()) == [follow["water"]]
