"""Scheduling to the minute: checks on the times an editor sets, and how times are shown.

Publishing at a set time is Wagtail's own: the editor's "go live" time is stored on the
revision as approved_go_live_at when they publish (or a reviewer approves), and the worker's
once-a-minute job (dateline/releases/tasks.py) publishes every revision whose time has come
and unpublishes every page whose "expire at" time has passed. That job runs every 60 seconds
from the worker's start, not on the minute, so a scheduled revision also queues a one-off
run for its own second (queue_on_time below): live within seconds, not up to a minute late.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Revision, Site

from dateline.core import apstyle
from dateline.core.models import CitySettings

# A time typed for "now" is usually a minute or two old by the time the form is sent.
GRACE = timedelta(minutes=2)
# publish_scheduled takes revisions whose time is strictly before now.
AFTER = timedelta(seconds=1)


def city_zone(page=None) -> zoneinfo.ZoneInfo:
    site = page.get_site() if page is not None and page.pk else None
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    name = CitySettings.for_site(site).time_zone if site is not None else ""
    try:
        return zoneinfo.ZoneInfo(name or timezone.get_default_timezone_name())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def embargo_text(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """The form press offices use: "10:00 a.m. PDT, May 3, 2021" (AP date, zone named)."""
    local = moment.astimezone(zone)
    hour = local.hour % 12 or 12
    suffix = "a.m." if local.hour < 12 else "p.m."
    return f"{hour}:{local.minute:02d} {suffix} {local.tzname()}, {apstyle.ap_date(local.date())}"


def when_text(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "10 a.m. May 3, 2021", in the city's time."""
    return apstyle.ap_datetime(moment.astimezone(zone))


def to_minute(value: datetime | None) -> datetime | None:
    return value.replace(second=0, microsecond=0) if value else None


def changed(form, name: str) -> bool:
    """Whether the editor changed this time, to the minute the admin shows.

    A time set by code may carry seconds the form cannot show, so Django would call it
    changed on every save.
    """
    if name not in form.fields or name not in form.changed_data:
        return False
    initial = form.get_initial_for_field(form.fields[name], name)
    return to_minute(initial) != to_minute(form.cleaned_data.get(name))


def validate_form(form, now=None) -> None:
    """A publishing time the editor just set must not be in the past.

    Wagtail itself would publish at once on a past "go live" time, which is rarely what was
    meant. Only times changed in this form are checked, so a release that went live on its
    schedule can still be edited.
    """
    now = now or timezone.now()
    data = form.cleaned_data
    zone = city_zone(form.instance if form.instance.pk else getattr(form, "parent_page", None))
    go_live_at = data.get("go_live_at")
    if go_live_at and changed(form, "go_live_at") and go_live_at < now - GRACE:
        form.add_error(
            "go_live_at",
            f"The publishing time {when_text(go_live_at, zone)} has already passed. Choose a "
            "time in the future, or clear it to publish now.",
        )
    # A past "expire at" time Wagtail refuses itself ("Expiry date/time must be in the future.").


def queue_on_time(sender, instance: Revision, update_fields=None, **kwargs):
    """A revision approved to go live later: ask the worker to publish at that very second."""
    if update_fields is None or "approved_go_live_at" not in update_fields:
        return
    when = instance.approved_go_live_at
    if when is None or when <= timezone.now():
        return

    def queue():
        from dateline.releases.tasks import publish_at_time

        publish_at_time.schedule(eta=when + AFTER)

    transaction.on_commit(queue)


post_save.connect(queue_on_time, sender=Revision, dispatch_uid="dateline.editorial.schedule")
