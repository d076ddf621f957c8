"""A real SMTP server on loopback (aiosmtpd), and a city with subscribers to mail.

The server runs in a thread of the test process and keeps every message it accepted, parsed
with the email module. Rules make it answer a recipient with a temporary (4xx) or permanent
(5xx) refusal, at RCPT or at the end of DATA, a given number of times.
"""

import socket
import threading
from datetime import timedelta
from email import message_from_bytes
from email import policy as email_policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from wagtail.rich_text import RichText

from dateline.alerts.models import Subscriber
from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsReleasePage


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """What the server received, and how it should answer next."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        # address -> list of replies to give, in order, at RCPT or at the end of DATA
        self.rcpt_replies: dict[str, list[str]] = {}
        self.data_replies: dict[str, list[str]] = {}

    def _next(self, rules, address):
        with self.lock:
            replies = rules.get(address.lower())
            return replies.pop(0) if replies else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._next(self.rcpt_replies, address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            reply = self._next(self.data_replies, address)
            if reply:
                return reply
        parsed = message_from_bytes(envelope.content, policy=email_policy.default)
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def ids(self):
        return [m["Message-ID"] for m in self.messages]


class Server:
    def __init__(self):
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    """A running server, with the site's mail pointed at it."""
    server = Server()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    return smtp_server.mailbox


@pytest.fixture
def follow(city, topics, offices, roster):
    return {
        "newsroom": city["newsroom"],
        "parks": topics["parks"],
        "water": topics["water"],
        "housing": topics["housing"],
        "mayor": Official.objects.get(name="Ines Park"),
        "manager": Official.objects.get(name="Gil Moreno"),
    }


@pytest.fixture
def subscriber(follow):
    def make(email, *, status=Subscriber.Status.CONFIRMED, frequency="immediate", **follows):
        person = Subscriber.objects.create(
            email=email,
            status=status,
            frequency=frequency,
            confirmed_at=timezone.now() - timedelta(days=1)
            if status == Subscriber.Status.CONFIRMED
            else None,
        )
        person.newsrooms.set(follows.get("newsrooms", []))
        person.topics.set(follows.get("topics", []))
        person.officials.set(follows.get("officials", []))
        return person

    return make


@pytest.fixture
def publish(city, django_capture_on_commit_callbacks):
    """Publish a new release (dated now unless `when`), running what waits for the commit.

    mentions: (official, confirmed) pairs. Delivery runs inline once the publish commits.
    """

    def run(title="Harlow Creek opens Millrace Park", *, when=None, topics=(), mentions=(), **f):
        page = NewsReleasePage(
            title=title,
            release_date=when or timezone.now(),
            dateline_city="Harlow Creek",
            dateline_state="Oregon",
            body=[("paragraph", RichText("<p>The city opened a new park on <b>Monday</b>.</p>"))],
            **f,
        )
        city["newsroom"].add_child(instance=page)
        page.topics = list(topics)
        page.mentions = [ReleaseMention(official=o, confirmed=c) for o, c in mentions]
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return run
