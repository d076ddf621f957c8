"""Writing the outbox: which emails a release's publication owes, as Message rows.

Who gets an alert
    A confirmed subscriber who chose immediate alerts, whose address is not suppressed, and
    who follows the release's newsroom, any of its topics or any official confirmed in it.
    One INSERT … SELECT … ON CONFLICT DO NOTHING writes every row (SQLite and PostgreSQL), so
    100,000 subscribers cost one statement, and the unique constraint on (release,
    subscriber) makes a republication, a retried signal or the sweep below write nothing new.
    Subscribers who confirmed after the release first went live are left out.

Who may be mailed about a release at all
    Only readers of the public site: a release must be readable (live and under no view
    restriction: no password, login, group or private newsroom above it), the one rule of
    dateline/core/restrictions.py that every page, feed and list uses. It is checked when the
    rows are written, and again when each message is rendered (mail.py), so a release made
    private or taken down while its alerts wait is never mailed.

When a publication alerts at all
    Only a release's first publication, and only if its release date is at most
    ALERT_MAX_AGE (7 days) old. A page imported or back-dated into the archive therefore
    mails nobody, even when it is first published today; republishing never alerts. A
    release scheduled for later alerts when it goes live (publish_scheduled takes the same
    revision.publish() path; the signal that fires when it is only scheduled is ignored).

Corrections
    When a live release carries a correction notice that differs from the last one recorded,
    a CorrectionNotice is written with one Message per subscriber whose alert about it was
    sent or handed over to the mail server. Alerts still waiting are rendered when they are
    sent, so they already show the corrected release and its notice.

Emergency approval
    With AlertSettings.emergency_approval_required, an emergency release whose new alerts
    outnumber the threshold is written "held"; a second staff member releases it (admin).

Transactions
    Wagtail 7.4 does not wrap revision.publish() in a transaction (PublishRevisionAction
    saves the page, then sends page_published); NewsReleasePage.publish does, so the page
    going live and its outbox rows commit together, and delivery is asked for once they have
    (signals.py). The handler's own atomic block is a
    savepoint inside it: should the outbox write fail, the publication stands, the error is
    logged, and sweep_recent() re-runs the same idempotent write every minute for releases
    published in the last hour.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Site

from dateline.core.mailing import default_site, mail_domain
from dateline.core.restrictions import is_readable
from dateline.officials.models import ReleaseMention
from dateline.releases.models import NewsReleasePage

from .models import AlertSettings, CorrectionNotice, Message, Subscriber, Suppression

logger = logging.getLogger(__name__)

ALERT_MAX_AGE = timedelta(days=7)
SWEEP_WINDOW = timedelta(hours=1)


def alert_settings(site: Site | None = None) -> AlertSettings:
    site = site or default_site()
    return AlertSettings.for_site(site) if site is not None else AlertSettings()


def alerts_first_publication(release, now=None) -> bool:
    """True when this publish is the release's first and its date is recent (module doc)."""
    now = now or timezone.now()
    if not release.live or release.first_published_at is None:
        return False
    if release.last_published_at and release.first_published_at != release.last_published_at:
        return False
    return release.release_date >= now - ALERT_MAX_AGE


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _m2m(model, field: str) -> tuple[str, str, str]:
    """(table, column of the subscriber, column of the followed thing) for a Subscriber M2M."""
    through = model._meta.get_field(field).remote_field.through
    source = through._meta.get_field("subscriber").column
    target = next(
        f.column
        for f in through._meta.concrete_fields
        if f.is_relation and f.column != source and f.name != "id"
    )
    return table(through), source, target


def db_datetime(value):
    """A datetime as the ORM would store it, for raw SQL (SQLite stores naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


def follows_sql(release_ids: list[int], newsroom_ids: list[int]) -> tuple[str, list]:
    """WHERE clause (over alias s) for subscribers who follow any of these releases.

    Following means following the release's newsroom, one of its topics, or an official
    confirmed in it. newsroom_ids are the releases' parent pages.
    """
    release_topics = NewsReleasePage._meta.get_field("topics").remote_field.through
    rt_release = next(
        f.column for f in release_topics._meta.concrete_fields if f.related_model is NewsReleasePage
    )
    rt_topic = release_topics._meta.get_field("topic").column
    n_table, n_sub, n_target = _m2m(Subscriber, "newsrooms")
    t_table, t_sub, t_target = _m2m(Subscriber, "topics")
    o_table, o_sub, o_target = _m2m(Subscriber, "officials")
    mention = table(ReleaseMention)
    sql = f"""(
        EXISTS (SELECT 1 FROM {n_table} fn
                WHERE fn.{n_sub} = s.id AND fn.{n_target} IN ({_in(newsroom_ids)}))
        OR EXISTS (
            SELECT 1 FROM {t_table} ft JOIN {table(release_topics)} rt
                ON rt.{rt_topic} = ft.{t_target}
            WHERE ft.{t_sub} = s.id AND rt.{rt_release} IN ({_in(release_ids)}))
        OR EXISTS (
            SELECT 1 FROM {o_table} fo JOIN {mention} rm ON rm.official_id = fo.{o_target}
            WHERE fo.{o_sub} = s.id AND rm.page_id IN ({_in(release_ids)}) AND rm.confirmed = %s)
    )"""
    return sql, [*newsroom_ids, *release_ids, *release_ids, True]


def _matching_subscribers_sql(release) -> tuple[str, list]:
    return follows_sql([release.pk], [release.get_parent().pk])


def eligible_sql() -> str:
    return (
        f"s.status = %s AND NOT EXISTS "
        f"(SELECT 1 FROM {table(Suppression)} x WHERE x.email = s.email)"
    )


def count_matching(release) -> int:
    match, params = _matching_subscribers_sql(release)
    sql = f"""
        SELECT COUNT(*) FROM {table(Subscriber)} s
        WHERE {eligible_sql()} AND s.frequency = %s AND {match}
          AND NOT EXISTS (SELECT 1 FROM {table(Message)} m
                          WHERE m.kind = %s AND m.release_id = %s AND m.subscriber_id = s.id)
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                Subscriber.Status.CONFIRMED,
                Subscriber.Frequency.IMMEDIATE,
                *params,
                Message.Kind.ALERT,
                release.pk,
            ],
        )
        return cursor.fetchone()[0]


def write_alerts(release, *, now=None, domain: str | None = None) -> int:
    """Write the alert rows a release's first publication owes; returns how many are new."""
    now = now or timezone.now()
    domain = domain or mail_domain()
    status = Message.Status.QUEUED
    settings_ = alert_settings()
    if (
        settings_.emergency_approval_required
        and release.alert_type == "emergency"
        and count_matching(release) > settings_.emergency_approval_threshold
    ):
        status = Message.Status.HELD
    match, params = _matching_subscribers_sql(release)
    sql = f"""
        INSERT INTO {table(Message)} (kind, subscriber_id, to_email, release_id, message_id,
            status, attempts, next_attempt_at, last_error, created_at)
        SELECT %s, s.id, s.email, %s, %s || CAST(s.id AS TEXT) || %s,
            %s, 0, %s, '', %s
        FROM {table(Subscriber)} s
        WHERE {eligible_sql()} AND s.frequency = %s
          AND (s.confirmed_at IS NULL OR s.confirmed_at <= %s)
          AND {match}
        ON CONFLICT DO NOTHING
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                Message.Kind.ALERT,
                release.pk,
                f"<alert-{release.pk}-",
                f"@{domain}>",
                status,
                db_datetime(now),
                db_datetime(now),
                Subscriber.Status.CONFIRMED,
                Subscriber.Frequency.IMMEDIATE,
                db_datetime(release.first_published_at or now),
                *params,
            ],
        )
        written = max(cursor.rowcount, 0)
    if written:
        logger.info("Release %s: %d alerts written (%s).", release.pk, written, status)
    return written


def write_correction(release, revision=None, *, now=None, domain: str | None = None) -> int:
    """Record a new correction notice and write its messages; returns how many are new."""
    text = (release.correction_notice or "").strip()
    if not text:
        return 0
    latest = CorrectionNotice.objects.filter(release=release).order_by("-created_at", "-pk")
    latest = latest.first()
    if latest is not None and latest.text.strip() == text:
        return 0
    now = now or timezone.now()
    domain = domain or mail_domain()
    notice = CorrectionNotice.objects.create(
        release=release, text=text, revision=revision, created_at=now
    )
    sql = f"""
        INSERT INTO {table(Message)} (kind, subscriber_id, to_email, release_id, correction_id,
            message_id, status, attempts, next_attempt_at, last_error, created_at)
        SELECT %s, s.id, s.email, %s, %s, %s || CAST(s.id AS TEXT) || %s,
            %s, 0, %s, '', %s
        FROM {table(Message)} a JOIN {table(Subscriber)} s ON s.id = a.subscriber_id
        WHERE a.kind = %s AND a.release_id = %s AND a.status IN (%s, %s)
          AND {eligible_sql()}
        ON CONFLICT DO NOTHING
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                Message.Kind.CORRECTION,
                release.pk,
                notice.pk,
                f"<correction-{notice.pk}-",
                f"@{domain}>",
                Message.Status.QUEUED,
                db_datetime(now),
                db_datetime(now),
                Message.Kind.ALERT,
                release.pk,
                Message.Status.SENT,
                Message.Status.HANDED_OVER,
                Subscriber.Status.CONFIRMED,
            ],
        )
        written = max(cursor.rowcount, 0)
    logger.info("Release %s: correction notice %s, %d messages.", release.pk, notice.pk, written)
    return written


def write_for_release(release, revision=None, *, now=None) -> int:
    """Everything one publication of a release owes, in one transaction; returns rows written.

    Writing sends nothing. The caller asks for delivery once its transaction commits, never
    before (signals.release_published): a rolled-back publish must not send anything.
    """
    now = now or timezone.now()
    if not is_readable(release):
        return 0
    written = 0
    with transaction.atomic():
        domain = mail_domain()
        if alerts_first_publication(release, now):
            written += write_alerts(release, now=now, domain=domain)
        written += write_correction(release, revision, now=now, domain=domain)
    return written


def sweep_recent(now=None) -> int:
    """Re-run the publish-time write for releases published in the last hour (module doc).

    The minute job that calls this delivers right after (tasks.alerts_every_minute).
    """
    now = now or timezone.now()
    written = 0
    recent = NewsReleasePage.objects.readable().filter(last_published_at__gte=now - SWEEP_WINDOW)
    for release in recent.select_related("live_revision"):
        written += write_for_release(release, release.live_revision, now=now)
    return written
