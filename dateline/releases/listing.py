"""What every list of releases shares: periods (archives by year and month), topic
filters and card photos. Which releases are listed at all is the release manager's
(NewsReleasePage.objects.readable()); paging is core/paging.py.

Built for large archives. The page tree keeps a newsroom's releases under its path; asking
for them by path prefix (not "children at this depth") lets SQLite walk the release-date
index newest first and stop after a page's worth, rather than read and sort the archive.
"""

import datetime

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from wagtail.images import get_image_model


def with_topic(releases, topic):
    """These releases, only those tagged with `topic`: as (to list, to count).

    Listed by checking each release from the newest (the first page is found quickly); counted
    from the topic's side (it never reads releases outside the topic).
    """
    tags = releases.model.topics.through.objects
    listed = releases.filter(Exists(tags.filter(newsreleasepage=OuterRef("pk"), topic=topic)))
    counted = releases.filter(pk__in=tags.filter(topic=topic).values("newsreleasepage_id"))
    return listed, counted


def _local_start(year: int, month: int = 1) -> datetime.datetime:
    """The first instant of a month in the city's time zone; past year 9999 (the end of
    the last month a date can hold), the latest instant there is."""
    if year > datetime.MAXYEAR:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)
    if year == datetime.MINYEAR and month == 1:  # east of UTC it would fall in year 0
        return datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return datetime.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())


def _local_year(moment: datetime.datetime) -> int:
    """A stored date's year in the city's time zone (UTC at the very ends of the calendar,
    where shifting a few hours would leave the years a date can hold)."""
    try:
        return moment.astimezone(timezone.get_current_timezone()).year
    except (OverflowError, ValueError):
        return moment.year


def _in_period(releases, start: datetime.datetime, end: datetime.datetime):
    return releases.filter(release_date__gte=start, release_date__lt=end)


def _month_end(year: int, month: int) -> datetime.datetime:
    return _local_start(year + 1) if month == 12 else _local_start(year, month + 1)


def _which(releases, periods: list[tuple[datetime.datetime, datetime.datetime]]) -> list[bool]:
    """Whether each period holds one of these releases, asked in one query: an EXISTS per
    period (each ends at its first release on the date index), read off any one row."""
    if not periods:
        return []
    probes = {
        f"period_{n}": Exists(_in_period(releases, start, end))
        for n, (start, end) in enumerate(periods)
    }
    row = releases.order_by().annotate(**probes).values(*probes).first()
    return [bool(row and row[name]) for name in probes]


# More candidate years than this are probed by stepping from year to year with releases.
_PROBED_YEARS = 60


def years_with_releases(releases) -> list[int]:
    """The years (in the city's time zone) these releases fall in, newest first.

    The oldest and newest release, then one query that asks every year between whether it
    has any, instead of truncating every release's date. Over a span of more than
    _PROBED_YEARS (an archive with one release typed as year 1 or 9999 would otherwise ask
    thousands of questions at once) each step is one question on the date index instead:
    the newest release before the year just found, so the questions are as many as the
    years that have releases.
    """
    dates = releases.order_by().values_list("release_date", flat=True)
    newest = dates.order_by("-release_date").first()
    if newest is None:
        return []
    oldest = dates.order_by("release_date").first()
    last, first = _local_year(newest), _local_year(oldest)
    if last - first > _PROBED_YEARS:
        found = [last]
        while found[-1] > first:
            before = dates.filter(release_date__lt=_local_start(found[-1]))
            previous = before.order_by("-release_date").first()
            if previous is None:
                break
            year = min(_local_year(previous), found[-1] - 1)
            found.append(year)
        return found
    between = list(range(last - 1, first, -1))
    found = _which(releases, [(_local_start(y), _local_start(y + 1)) for y in between])
    middle = [year for year, has in zip(between, found, strict=True) if has]
    return [last, *middle, first] if first != last else [last]


def months_with_releases(releases, year: int) -> list[int]:
    """The months of `year` (in the city's time zone) these releases fall in, in order."""
    periods = [(_local_start(year, month), _month_end(year, month)) for month in range(1, 13)]
    return [month for month, has in enumerate(_which(releases, periods), start=1) if has]


def in_year(releases, year: int, month: int | None = None):
    """These releases dated in `year` (and `month`), in the city's time zone."""
    if month is None:
        return _in_period(releases, _local_start(year), _local_start(year + 1))
    return _in_period(releases, _local_start(year, month), _month_end(year, month))


# The renditions release cards use (releases/includes/release_card.html).
CARD_RENDITIONS = ("fill-480x270|format-jpeg", "fill-960x540|format-jpeg")


def with_card_images(queryset):
    """Releases with their lead photos and the photos' card renditions in two queries, not
    two per card."""
    photos = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.prefetch_related(Prefetch("lead_image", queryset=photos))
