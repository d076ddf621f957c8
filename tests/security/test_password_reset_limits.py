"""Staff password reset requests are limited per address and per client (issue 23, L6).

Past the limit the page reads as it does when a mail goes out, so nobody learns whether an
address has an account; only the mail is missing.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

RESET_URL = "/admin/password_reset/"


def ask(client, email):
    """What the person reads after asking, and where they were sent."""
    response = client.post(RESET_URL, {"email": email}, follow=True)
    assert response.status_code == 200
    return response.redirect_chain, visible_text(response)


@pytest.fixture
def clerk(db):
    return get_user_model().objects.create_user(
        "clerk", "clerk@harlowcreek.example", "a long secret 9", is_staff=True
    )


def test_four_requests_for_one_address_send_three_mails(clerk):
    client = Client()
    pages = [ask(client, "clerk@harlowcreek.example") for _ in range(4)]
    assert len(mail.outbox) == 3
    assert all(m.to == ["clerk@harlowcreek.example"] for m in mail.outbox)
    assert pages[3] == pages[0]
    assert "Check your email" in pages[3][1]
    # Another person's reset still goes through.
    get_user_model().objects.create_user("editor", "editor@harlowcreek.example", "pw 12345678")
    ask(client, "Editor@harlowcreek.example")
    assert len(mail.outbox) == 4


def test_one_client_gets_ten_requests_an_hour(clerk):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(10):
        ask(client, f"nobody{number}@harlowcreek.example")
    page = ask(client, "clerk@harlowcreek.example")
    assert mail.outbox == []
    assert page == ask(Client(REMOTE_ADDR="203.0.113.7"), "nobody0@harlowcreek.example")
    # The same address from elsewhere is served.
    ask(Client(REMOTE_ADDR="198.51.100.4"), "clerk@harlowcreek.example")
    assert [m.to for m in mail.outbox] == [["clerk@harlowcreek.example"]]
