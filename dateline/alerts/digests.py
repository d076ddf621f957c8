"""The daily digest: one email a day to daily subscribers, listing what they follow.

The digest for a date covers the releases first published in the 24 hours up to that
date's digest time (AlertSettings.digest_time, in the city's time zone): from yesterday's
digest time, exclusive, to today's, inclusive. So every release falls in exactly one
digest, including those published in the evening after a digest went out. The same rule
as for alerts keeps imported archives out: a release dated more than a week before its
window is never listed.

write_due() runs every minute. Once today's digest time has passed it writes today's
digest rows, one per confirmed, unsuppressed daily subscriber who follows at least one
release in the window; before that it (re)writes yesterday's, so a worker that was down at
digest time catches up. The unique (digest_date, subscriber) constraint and ON CONFLICT DO
NOTHING make every run after the first write nothing. Writing sends nothing; the minute job
delivers right after (tasks.alerts_every_minute).
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from dateline.core.mailing import default_site, mail_domain
from dateline.core.models import CitySettings
from dateline.officials.models import ReleaseMention
from dateline.releases.models import NewsReleasePage

from .models import Message, Subscriber
from .outbox import (
    ALERT_MAX_AGE,
    alert_settings,
    db_datetime,
    eligible_sql,
    follows_sql,
    table,
)


@dataclass
class WindowRelease:
    release: object
    newsroom_id: int
    topic_ids: frozenset
    official_ids: frozenset

    def followed_by(self, newsrooms: set, topics: set, officials: set) -> bool:
        return (
            self.newsroom_id in newsrooms
            or bool(self.topic_ids & topics)
            or bool(self.official_ids & officials)
        )


def window(
    digest_date: datetime.date, zone: zoneinfo.ZoneInfo, at: datetime.time
) -> tuple[datetime.datetime, datetime.datetime]:
    """(start, end] of a digest date's window, as aware datetimes (module doc)."""
    end = datetime.datetime.combine(digest_date, at, tzinfo=zone)
    start = datetime.datetime.combine(digest_date - datetime.timedelta(days=1), at, tzinfo=zone)
    return start, end


def due_date(now: datetime.datetime, zone: zoneinfo.ZoneInfo, at: datetime.time):
    """The latest digest date whose digest time has passed at `now`."""
    local = now.astimezone(zone)
    if local.time() >= at:
        return local.date()
    return local.date() - datetime.timedelta(days=1)


def _digest_time(settings_) -> datetime.time:
    value = settings_.digest_time
    if isinstance(value, str):  # an unsaved settings row keeps the string default
        value = datetime.time.fromisoformat(value)
    return value


def window_releases(digest_date, city, settings_) -> list[WindowRelease]:
    """The readable releases in a digest date's window, newest first (outbox.py: only what
    any reader of the public site may see is ever mailed)."""
    start, end = window(digest_date, city.zone, _digest_time(settings_))
    releases = list(
        NewsReleasePage.objects.readable()
        .filter(
            first_published_at__gt=start,
            first_published_at__lte=end,
            release_date__gte=start - ALERT_MAX_AGE,
        )
        .order_by("-release_date", "-pk")
    )
    ids = [r.pk for r in releases]
    topics: dict[int, set] = {}
    through = NewsReleasePage._meta.get_field("topics").remote_field.through
    for release_id, topic_id in through.objects.filter(newsreleasepage_id__in=ids).values_list(
        "newsreleasepage_id", "topic_id"
    ):
        topics.setdefault(release_id, set()).add(topic_id)
    officials: dict[int, set] = {}
    for page_id, official_id in ReleaseMention.objects.filter(
        page_id__in=ids, confirmed=True
    ).values_list("page_id", "official_id"):
        officials.setdefault(page_id, set()).add(official_id)
    return [
        WindowRelease(
            release=r,
            newsroom_id=r.get_parent().pk,
            topic_ids=frozenset(topics.get(r.pk, ())),
            official_ids=frozenset(officials.get(r.pk, ())),
        )
        for r in releases
    ]


def releases_for(subscriber: Subscriber, digest_date, city, settings_) -> list:
    """The releases a subscriber's digest lists, newest first."""
    newsrooms = set(subscriber.newsrooms.values_list("pk", flat=True))
    topics = set(subscriber.topics.values_list("pk", flat=True))
    officials = set(subscriber.officials.values_list("pk", flat=True))
    return [
        item.release
        for item in window_releases(digest_date, city, settings_)
        if item.followed_by(newsrooms, topics, officials)
    ]


def write_digests(digest_date, *, now=None) -> int:
    """Write one digest row per daily subscriber with something to read; returns new rows."""
    now = now or timezone.now()
    site = default_site()
    city = CitySettings.for_site(site) if site else CitySettings()
    settings_ = alert_settings(site)
    items = window_releases(digest_date, city, settings_)
    if not items:
        return 0
    _, end = window(digest_date, city.zone, _digest_time(settings_))
    match, params = follows_sql(
        [item.release.pk for item in items], sorted({item.newsroom_id for item in items})
    )
    domain = mail_domain(site)
    sql = f"""
        INSERT INTO {table(Message)} (kind, subscriber_id, to_email, digest_date, message_id,
            status, attempts, next_attempt_at, last_error, created_at)
        SELECT %s, s.id, s.email, %s, %s || CAST(s.id AS TEXT) || %s, %s, 0, %s, '', %s
        FROM {table(Subscriber)} s
        WHERE {eligible_sql()} AND s.frequency = %s
          AND (s.confirmed_at IS NULL OR s.confirmed_at <= %s)
          AND {match}
        ON CONFLICT DO NOTHING
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                Message.Kind.DIGEST,
                connection.ops.adapt_datefield_value(digest_date),
                f"<digest-{digest_date:%Y%m%d}-",
                f"@{domain}>",
                Message.Status.QUEUED,
                db_datetime(now),
                db_datetime(now),
                Subscriber.Status.CONFIRMED,
                Subscriber.Frequency.DAILY,
                db_datetime(end),
                *params,
            ],
        )
        return max(cursor.rowcount, 0)


def write_due(now=None) -> int:
    """Write the latest due digest, if it is not written yet (module doc)."""
    now = now or timezone.now()
    site = default_site()
    at = _digest_time(alert_settings(site))
    return write_digests(due_date(now, CitySettings.zone_for(site), at), now=now)
