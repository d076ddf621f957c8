"""Behind a proxy, failed logins count against the visitor who made them, not the proxy.

Every request reaches the site from the proxy's address; django-axes locked the pair
(proxy address, username), so five wrong passwords from anyone locked that username for
every member of staff.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from dateline.core.clientip import client_address

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"


@pytest.fixture
def behind_proxy(settings):
    settings.DATELINE_BEHIND_PROXY = True
    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.0/8", "::1"]


def login(client, password, visitor, peer=PROXY):
    return client.post(
        "/admin/login/",
        {"username": "writer", "password": password},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=visitor,
    )


def test_an_outsider_guessing_does_not_lock_staff_out(client, city, behind_proxy):
    get_user_model().objects.create_user("writer", "w@harlow.example", "correct horse 1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", "198.51.100.7")
    assert login(client, "correct horse 1", "198.51.100.7").status_code == 429

    staff = login(client.__class__(), "correct horse 1", "203.0.113.20")
    assert staff.status_code == 302


def test_a_made_up_forwarded_address_does_not_escape_the_lock(client, city, behind_proxy):
    get_user_model().objects.create_user("writer", "w@harlow.example", "correct horse 1")
    # The visitor writes their own X-Forwarded-For; the proxy appends the address it saw.
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", f"10.9.9.{n}, 198.51.100.7")
    assert login(client, "correct horse 1", "10.0.0.99, 198.51.100.7").status_code == 429


def test_only_a_trusted_proxy_may_name_the_visitor(rf, behind_proxy):
    request = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_address(request) == "203.0.113.5"
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7, 127.0.0.1")
    assert client_address(request) == "198.51.100.7"


def test_without_a_proxy_the_connecting_address_counts(rf, settings):
    settings.DATELINE_TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_address(request) == PROXY
