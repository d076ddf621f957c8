"""The editorial calendar: what goes live, lifts an embargo or comes down, day by day.

Times are the city's (CitySettings.time_zone). A release is "scheduled" when a revision is
approved to go live later (approved_go_live_at) or when its draft carries a future publishing
time not yet approved; "embargoed" when that time is its embargo.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from dateline.core import apstyle
from dateline.releases.models import NewsReleasePage


@dataclass
class Item:
    when: datetime  # in the city's zone
    kind: str  # "publish" or "unpublish"
    page: Page
    status: str
    approved: bool

    @property
    def time_text(self) -> str:
        return apstyle.ap_time(self.when)

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


@dataclass
class Day:
    day: date
    items: list[Item]

    @property
    def label(self) -> str:
        return f"{self.day:%A}, {apstyle.ap_date(self.day)}"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def items_between(start: datetime, end: datetime, zone: zoneinfo.ZoneInfo) -> list[Item]:
    """Everything scheduled in [start, end), soonest first."""
    now = timezone.now()
    floor = max(start, now)
    items: dict[tuple[int, str], Item] = {}

    approved = Revision.objects.filter(
        approved_go_live_at__gte=floor, approved_go_live_at__lt=end
    ).select_related("content_type")
    for revision in approved:
        model = revision.content_type.model_class()
        if model is None or not issubclass(model, Page):
            continue
        page = revision.as_object()
        items[(page.pk, "publish")] = _publish_item(page, revision.approved_go_live_at, zone, True)

    # Drafts with a publishing time no one has approved yet (awaiting review or not published).
    drafts = Page.objects.filter(
        Q(go_live_at__gte=floor, go_live_at__lt=end) | Q(expire_at__gte=floor, expire_at__lt=end)
    ).specific()
    for page in drafts:
        draft = page.get_latest_revision_as_object()
        if draft.go_live_at and floor <= draft.go_live_at < end:
            items.setdefault(
                (page.pk, "publish"), _publish_item(draft, draft.go_live_at, zone, False)
            )
        if page.live and page.expire_at and floor <= page.expire_at < end:
            items[(page.pk, "unpublish")] = Item(
                when=page.expire_at.astimezone(zone),
                kind="unpublish",
                page=page,
                status="Unpublishes",
                approved=True,
            )
    # Embargoed drafts whose publishing time lies outside the window still show their embargo.
    embargoed = NewsReleasePage.objects.filter(embargo_until__gte=floor, embargo_until__lt=end)
    for page in embargoed.filter(live=False):
        if (page.pk, "publish") not in items:
            items[(page.pk, "publish")] = _publish_item(page, page.embargo_until, zone, False)
    return sorted(items.values(), key=lambda item: (item.when, item.page.title))


def _publish_item(page, when, zone, approved: bool) -> Item:
    embargo = getattr(page, "embargo_until", None)
    local = when.astimezone(zone)
    if embargo:
        status = f"Embargoed until {apstyle.ap_datetime(embargo.astimezone(zone))}"
    else:
        status = "Scheduled"
    if not approved:
        status += " (not yet approved to publish)"
    return Item(when=local, kind="publish", page=page, status=status, approved=approved)


def days(first: date, count: int, zone: zoneinfo.ZoneInfo) -> list[Day]:
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(first + timedelta(days=count), time.min, tzinfo=zone)
    found = items_between(start, end, zone)
    result = [Day(first + timedelta(days=n), []) for n in range(count)]
    for item in found:
        result[(item.when.date() - first).days].items.append(item)
    return result
