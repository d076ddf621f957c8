"""Security defaults a resident's browser and an attacker would meet."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def test_public_pages_run_no_inline_code(client, make_release):
    response = client.get(make_release().url)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    # The only script element is JSON-LD data, which browsers never run.
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts == ['<script type="application/ld+json">']
    assert " style=" not in response.content.decode()


def test_admin_gets_its_own_looser_policy(client, city):
    user = get_user_model().objects.create_superuser("ed", "ed@harlow.example", "pw")
    client.force_login(user)
    response = client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's editor needs inline scripts (see CSP_ADMIN_DIRECTIVES); nothing from elsewhere.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_passwords_are_stored_as_argon2_hashes():
    from dateline.settings import base

    # The test settings swap in a fast hasher; check what every real install uses.
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = get_user_model().objects.create_user("clerk", "c@harlow.example", "a long secret 7")
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("a long secret 7")


def test_repeated_failed_logins_lock_the_account(client, city):
    get_user_model().objects.create_user("writer", "w@harlow.example", "correct horse 1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "writer", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "writer", "password": "correct horse 1"})
    assert response.status_code == 429
    assert b"locked" in response.content.lower()
