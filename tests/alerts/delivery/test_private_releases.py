"""Only what any reader may see is ever mailed: alerts, digests and correction notices.

A release behind a password, a login, a group or in a private newsroom is published for
the staff or the few who may open it, never for the public lists (issue 23, H1).
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from dateline.alerts import digests
from dateline.alerts.delivery import deliver_due
from dateline.alerts.models import Message
from dateline.releases.models import NewsIndexPage, NewsReleasePage


def restrict(page, kind, **extra):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Council staff")[0]])
    return restriction


@pytest.fixture
def release_under(city, django_capture_on_commit_callbacks):
    """Publish a release under `parent` (restricting it first when asked)."""

    def run(title, parent, *, topics, restriction=None, when=None):
        page = NewsReleasePage(
            title=title,
            release_date=when or timezone.now(),
            dateline_city="Harlow Creek",
            dateline_state="Oregon",
            body=[("paragraph", RichText(f"<p>{title} for council staff only.</p>"))],
        )
        parent.add_child(instance=page)
        page.topics = list(topics)
        page.save_revision()
        if restriction:
            restrict(page, *restriction)
        with django_capture_on_commit_callbacks(execute=True):
            page.get_latest_revision().publish()
        page.refresh_from_db()
        return page

    return run


@pytest.fixture
def private_newsroom(city):
    room = NewsIndexPage(title="Council Staff Notes", slug="staff-notes")
    city["home"].add_child(instance=room)
    restrict(room, PageViewRestriction.LOGIN)
    return room


HIDDEN = [
    ("Budget memo behind a password", (PageViewRestriction.PASSWORD, {"password": "cedar"})),
    ("Briefing for signed-in staff", (PageViewRestriction.LOGIN, {})),
    ("Note for the council staff group", (PageViewRestriction.GROUPS, {})),
]


def _restriction(spec):
    kind, extra = spec
    return (kind,), extra


def test_restricted_releases_send_no_alerts(
    release_under, subscriber, follow, city, mailbox, private_newsroom, publish
):
    reader = subscriber("reader@example.org", topics=[follow["parks"]])
    newsroom_follower = subscriber("room@example.org", newsrooms=[private_newsroom])

    for title, spec in HIDDEN:
        (kind,), extra = _restriction(spec)
        page = NewsReleasePage(
            title=title,
            release_date=timezone.now(),
            dateline_city="Harlow Creek",
            dateline_state="Oregon",
            body=[("paragraph", RichText("<p>Staff only.</p>"))],
        )
        city["newsroom"].add_child(instance=page)
        page.topics = [follow["parks"]]
        page.save_revision()
        restrict(page, kind, **extra)
        page.get_latest_revision().publish()
    release_under("Private newsroom briefing", private_newsroom, topics=[follow["parks"]])
    deliver_due()

    assert mailbox.to(reader.email) == []
    assert mailbox.to(newsroom_follower.email) == []
    assert Message.objects.filter(kind="alert").count() == 0

    # The same reader still hears about public news.
    publish("Millrace Park reopens", topics=[follow["parks"]])
    [alert] = mailbox.to(reader.email)
    assert "Millrace Park reopens" in alert["Subject"]


def test_restricted_releases_stay_out_of_the_daily_digest(
    release_under, subscriber, follow, city, mailbox, private_newsroom, publish
):
    reader = subscriber("daily@example.org", frequency="daily", topics=[follow["parks"]])
    for title, spec in HIDDEN:
        (kind,), extra = _restriction(spec)
        release_under(title, city["newsroom"], topics=[follow["parks"]], restriction=None)
        page = NewsReleasePage.objects.get(title=title)
        restrict(page, kind, **extra)
    release_under("Private newsroom briefing", private_newsroom, topics=[follow["parks"]])
    publish("Trail crews finish the river loop", topics=[follow["parks"]])

    now = timezone.now()
    local = now.astimezone(city["settings"].zone)
    digest_date = local.date() + datetime.timedelta(days=local.time() >= datetime.time(17))
    assert digests.write_digests(digest_date) == 1
    deliver_due()

    [digest] = mailbox.to(reader.email)
    text = digest.get_body(("plain",)).get_content()
    html = digest.get_body(("html",)).get_content()
    assert "Trail crews finish the river loop" in text
    for title, _ in [*HIDDEN, ("Private newsroom briefing", None)]:
        assert title not in text and title not in html


def test_digest_with_only_private_news_left_is_not_sent(
    release_under, subscriber, follow, city, mailbox
):
    reader = subscriber("daily@example.org", frequency="daily", topics=[follow["parks"]])
    page = release_under("Pool schedule", city["newsroom"], topics=[follow["parks"]])
    now = timezone.now()
    local = now.astimezone(city["settings"].zone)
    digest_date = local.date() + datetime.timedelta(days=local.time() >= datetime.time(17))
    assert digests.write_digests(digest_date) == 1
    # Made private after the digest row was written, before it went out.
    restrict(page, PageViewRestriction.LOGIN)
    deliver_due()

    assert mailbox.to(reader.email) == []
    row = Message.objects.get(kind="digest")
    assert row.status == Message.Status.CANCELLED
    assert "Nothing public" in row.last_error


def test_release_made_private_while_its_alerts_wait_is_not_mailed(
    subscriber, follow, city, mailbox, django_capture_on_commit_callbacks, settings
):
    reader = subscriber("reader@example.org", topics=[follow["parks"]])
    page = NewsReleasePage(
        title="Shelter list for the storm",
        release_date=timezone.now(),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        body=[("paragraph", RichText("<p>Shelters open tonight.</p>"))],
    )
    city["newsroom"].add_child(instance=page)
    page.topics = [follow["parks"]]
    # Written but not yet sent: the worker is busy elsewhere.
    page.save_revision().publish()
    assert Message.objects.filter(kind="alert", subscriber=reader).count() == 1
    restrict(page, PageViewRestriction.PASSWORD, password="storm")
    deliver_due()

    assert mailbox.to(reader.email) == []
    row = Message.objects.get(kind="alert")
    assert row.status == Message.Status.CANCELLED
    assert row.last_error == "The release is no longer public."


def test_correction_of_a_release_made_private_is_not_mailed(
    publish, subscriber, follow, city, mailbox, django_capture_on_commit_callbacks
):
    reader = subscriber("reader@example.org", topics=[follow["parks"]])
    page = publish("Hydrant flushing on Elm Street", topics=[follow["parks"]])
    assert len(mailbox.to(reader.email)) == 1

    restrict(page, PageViewRestriction.LOGIN)
    page = NewsReleasePage.objects.get(pk=page.pk)
    page.correction_notice = "The flushing starts Tuesday, not Monday."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    deliver_due()

    assert len(mailbox.to(reader.email)) == 1  # the first alert only
    assert not Message.objects.filter(kind="correction").exists()
