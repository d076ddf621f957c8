"""Fixtures for the public subscription pages: a city with things to follow, and subscribers."""

import pytest
from django.test import Client

from dateline.alerts import views
from dateline.alerts.models import Subscriber
from dateline.officials.models import Official

REAL_KICK = views.kick


@pytest.fixture
def real_kick():
    return REAL_KICK


@pytest.fixture(autouse=True)
def kicks(monkeypatch):
    """Count delivery kicks instead of delivering, so these tests see the outbox as written."""
    calls = []
    monkeypatch.setattr(views, "kick", lambda: calls.append(1))
    return calls


@pytest.fixture
def follow(city, topics, offices, roster):
    """What the subscribe form offers in Harlow Creek."""
    return {
        "newsroom": city["newsroom"],
        "parks": topics["parks"],
        "water": topics["water"],
        "mayor": Official.objects.get(name="Ines Park"),
        "manager": Official.objects.get(name="Gil Moreno"),
    }


@pytest.fixture
def post_subscribe(client, follow):
    def post(email="resident@example.org", *, ip="203.0.113.5", **fields):
        data = {"email": email, "topics": [follow["parks"].pk], "frequency": "immediate"}
        data.update(fields)
        return client.post("/alerts/", data, REMOTE_ADDR=ip)

    return post


@pytest.fixture
def make_subscriber(follow):
    def make(email="resident@example.org", status=Subscriber.Status.CONFIRMED, **fields):
        subscriber = Subscriber.objects.create(email=email, status=status, **fields)
        subscriber.topics.set([follow["parks"]])
        return subscriber

    return make


@pytest.fixture
def mail_client():
    """A mail provider's one-click POST: no cookies, no session, CSRF checks on."""
    return Client(enforce_csrf_checks=True)
