"""Staff of Harlow Creek's newsroom, and a release's outbox written row by row.

Wagtail's migrations make the "Moderators" group (may publish every page) and the "Editors"
group (may edit, not publish); the staff pages follow the publish permission.
"""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from dateline.alerts.models import CorrectionNotice, Message, Subscriber

# The browser test here drives the same Chromium as tests/browser.
from tests.browser.conftest import browser, page  # noqa: F401

_numbers = itertools.count(1)


def _user(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@harlow.example",
        password="unused-in-tests",
        first_name=username.capitalize(),
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def admin_user(db):
    return _user("ada", is_staff=True, is_superuser=True)


@pytest.fixture
def moderator(db):
    return _user("mona", "Moderators")


@pytest.fixture
def second_moderator(db):
    return _user("sam", "Moderators")


@pytest.fixture
def editor(db):
    return _user("eddie", "Editors")


@pytest.fixture
def client_for(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def release(make_release):
    return make_release()


@pytest.fixture
def published_by(make_release):
    """A release first published by `user`, as through the editor's Publish button."""

    def make(user, title="Boil-water notice for the Eastside"):
        release = make_release(title, alert_type="emergency")
        release.save_revision(user=user).publish(user=user)
        release.refresh_from_db()
        return release

    return make


@pytest.fixture
def messages_for(db):
    """Write `count` messages for a release in a given state, each to a new subscriber."""

    def write(release, status, count=1, *, kind=Message.Kind.ALERT, correction=None, **fields):
        rows = []
        for _ in range(count):
            n = next(_numbers)
            person = Subscriber.objects.create(
                email=f"reader{n}@example.org",
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=timezone.now(),
            )
            rows.append(
                Message.objects.create(
                    kind=kind,
                    subscriber=person,
                    to_email=person.email,
                    release=release,
                    correction=correction,
                    message_id=f"<{kind}-{release.pk}-{n}@harlow.example>",
                    status=status,
                    **fields,
                )
            )
        return rows

    return write


@pytest.fixture
def correction_for(db):
    def make(release, text="An earlier version gave the wrong opening date."):
        return CorrectionNotice.objects.create(release=release, text=text)

    return make
