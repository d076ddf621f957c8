"""What every list of releases shares: which releases are shown, pages, periods, card photos.

Built for large archives. The page tree keeps a newsroom's releases under its path; asking
for them by path prefix (not "children at this depth") lets SQLite walk the release-date
index newest first and stop after a page's worth, rather than read and sort the archive.
"""

import datetime

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

from dateline.core.restrictions import public, readable, restricted_paths

RELEASES_PER_PAGE = 10


def public_releases(within=None):
    """Live releases nobody needs a password or login to read; those under the page `within`
    (a newsroom, a site's home page) when given."""
    from .models import NewsReleasePage

    return readable(NewsReleasePage.objects.all(), within)


def newsrooms_under(within=None) -> list:
    """Live, public newsrooms (under `within`), in the page tree's order.

    Picked by id, then sorted here: asked for in the tree's order, SQLite would walk every
    page of the archive to find the few newsrooms.
    """
    from .models import NewsIndexPage

    ids = list(NewsIndexPage.objects.order_by().values_list("pk", flat=True))
    found = public(NewsIndexPage.objects.filter(pk__in=ids).live()).order_by()
    if within is not None:
        found = found.filter(path__startswith=within.path)
    return sorted(found, key=lambda newsroom: newsroom.path)


def officials_named(within=None):
    """The officials confirmed in at least one public release (under `within`), by name;
    asked official by official, each question ending at its first such release."""
    from django.db.models import Exists, OuterRef

    from dateline.officials.models import Official, ReleaseMention

    named = ReleaseMention.objects.filter(official=OuterRef("pk"), confirmed=True, page__live=True)
    if within is not None:
        named = named.filter(page__path__startswith=within.path)
    for path in restricted_paths():
        named = named.exclude(page__path__startswith=path)
    return Official.objects.filter(Exists(named)).order_by("name")


def release_pages(within=None):
    """The same releases as public_releases(), as plain pages: counted without reading the
    releases' own table, several times faster for a large archive."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from .models import NewsReleasePage

    pages = public(
        Page.objects.filter(content_type=ContentType.objects.get_for_model(NewsReleasePage))
    ).filter(live=True)
    if within is not None:
        pages = pages.filter(path__startswith=within.path)
    return pages


def topic_counts(within=None) -> dict[int, int]:
    """How many public releases (under `within`) each topic has, by topic id; topics with
    none are left out. One pass over the topic tags of live pages."""
    from django.db.models import Count

    from .models import NewsReleasePage

    tags = NewsReleasePage.topics.through.objects.filter(
        newsreleasepage_id__in=release_pages(within).values("pk")
    )
    return dict(tags.values("topic_id").annotate(n=Count("id")).values_list("topic_id", "n"))


def topics_in(within=None):
    """The topics that at least one public release (under `within`) carries, by name.

    Asked topic by topic (each question ends at its first release), not by collecting the
    topics of every release in the archive.
    """
    from django.db.models import Exists, OuterRef

    from dateline.topics.models import Topic

    from .models import NewsReleasePage

    tagged = NewsReleasePage.topics.through.objects.filter(
        topic=OuterRef("pk"), newsreleasepage__live=True
    )
    if within is not None:
        tagged = tagged.filter(newsreleasepage__path__startswith=within.path)
    for path in restricted_paths():
        tagged = tagged.exclude(newsreleasepage__path__startswith=path)
    return Topic.objects.filter(Exists(tagged)).order_by("name")


class _Paginator(Paginator):
    def __init__(self, *args, counted=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counted = counted

    @cached_property
    def count(self):
        if self.counted is not None:
            return self.counted.count()
        return super().count


def paginate(request, queryset, per_page: int = RELEASES_PER_PAGE, counted=None):
    """The requested page of a listing; a bad or overlong page number shows the nearest page.

    `counted`, when given, is the same releases asked for in a way that is quicker to count
    (see with_topic()).
    """
    return _Paginator(queryset, per_page, counted=counted).get_page(request.GET.get("page"))


def with_topic(releases, topic):
    """These releases, only those tagged with `topic`: as (to list, to count).

    Listed by checking each release from the newest (the first page is found quickly); counted
    from the topic's side (it never reads releases outside the topic).
    """
    from django.db.models import Exists, OuterRef

    from .models import NewsReleasePage

    tags = NewsReleasePage.topics.through.objects
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
    from django.db.models import Exists

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
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    photos = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.prefetch_related(Prefetch("lead_image", queryset=photos))
