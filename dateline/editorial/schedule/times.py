"""Times as the desk writes them, in the city's time zone."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from dateline.core import apstyle
from dateline.core.models import CitySettings


def page_zone(page=None) -> zoneinfo.ZoneInfo:
    """The zone of the city whose site holds `page`; the default site's for a page not saved
    yet (or none)."""
    return CitySettings.zone_for(page.get_site() if page is not None and page.pk else None)


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
