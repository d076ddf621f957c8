"""What a feed covers: the whole site, one newsroom, one topic or one official."""

from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef
from django.http import Http404
from django.urls import reverse
from wagtail.models import PageLogEntry, Site

from dateline.core.models import CitySettings
from dateline.editorial.models import Correction
from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsIndexPage, NewsReleasePage
from dateline.topics.models import Topic

KINDS = ("newsroom", "topic", "official")
# A release's history that takes it out of feeds (or changes which feeds hold it).
LEAVING = (
    "wagtail.unpublish",
    "wagtail.unpublish.scheduled",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
)
FEED_LENGTH = 30


@dataclass
class Scope:
    kind: str  # "all" or one of KINDS
    slug: str
    title: str
    description: str
    link: str  # absolute URL of the page the feed follows
    releases: object  # queryset, newest first
    city: CitySettings
    root: str  # the site's canonical root URL, e.g. https://news.caldersprings.gov

    def absolute(self, path: str) -> str:
        return f"{self.root}{path}" if path.startswith("/") else path

    def feed_url(self, fmt: str) -> str:
        return self.absolute(feed_path(self.kind, self.slug, fmt))

    def newest(self) -> list[tuple[int, object]]:
        """The feed's releases as (id, last published), newest first; read once."""
        if "_newest" not in self.__dict__:
            self._newest = list(self.releases.values_list("pk", "last_published_at")[:FEED_LENGTH])
        return self._newest

    def items(self):
        """The feed's releases with their photos, topics and latest corrections.

        Picked by id from newest(): asked for with the corrections joined in, the database
        would group the whole archive before keeping thirty.
        """
        ids = [pk for pk, _ in self.newest()]
        return list(
            NewsReleasePage.objects.filter(pk__in=ids)
            .select_related("lead_image")
            .prefetch_related("topics")
            .with_latest_correction()
            .order_by("-release_date", "-pk")
        )

    def changes(self) -> tuple:
        """The times that date this feed's content: the latest publication among its releases,
        the latest correction, the latest time a release was taken down or moved. Each is
        one short walk down an index, never a pass over the archive."""
        if "_changes" not in self.__dict__:
            published = max((when for _, when in self.newest() if when), default=None)
            corrected = Correction.objects.aggregate(latest=Max("corrected_at"))
            left = (
                PageLogEntry.objects.filter(
                    action__in=LEAVING, content_type__model="newsreleasepage"
                )
                .order_by("-timestamp")
                .values_list("timestamp", flat=True)
                .first()
            )
            self._changes = (published, corrected["latest"], left)
        return self._changes

    def latest_change(self):
        """When anything in this feed last changed (its Last-Modified)."""
        return max((t for t in self.changes() if t), default=None)

    def version(self) -> str:
        """Changes whenever the feed's content may have: its latest change and which releases
        it lists."""
        return f"{self.changes()}|{[pk for pk, _ in self.newest()]}"


def feed_path(kind: str, slug: str, fmt: str) -> str:
    if kind == "all":
        return reverse(f"feeds:all-{fmt}")
    return reverse(f"feeds:{fmt}", args=[kind, slug])


def _site_releases(site):
    releases = NewsReleasePage.objects.readable(site.root_page if site is not None else None)
    return releases.order_by("-release_date", "-pk")


def resolve(request, kind: str = "all", slug: str = "") -> Scope:
    """The scope of a feed; the same object for every question one request asks about it."""
    resolved = request.__dict__.setdefault("_dateline_feed_scopes", {})
    if (kind, slug) not in resolved:
        resolved[kind, slug] = _resolve(request, kind, slug)
    return resolved[kind, slug]


def _resolve(request, kind: str, slug: str) -> Scope:
    site = Site.find_for_request(request)
    city = CitySettings.for_request(request)
    releases = _site_releases(site)
    publisher = city.publisher
    root = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    if kind == "all":
        return Scope(
            kind,
            "",
            f"{publisher} news",
            f"News releases from the {publisher}.",
            f"{root}/",
            releases,
            city,
            root,
        )
    if kind == "newsroom":
        newsroom = NewsIndexPage.objects.readable().filter(slug=slug).first()
        if newsroom is None:
            raise Http404(f"No newsroom “{slug}”.")
        return Scope(
            kind,
            slug,
            f"{newsroom.title} – {publisher}",
            f"News releases from {newsroom.title}, {publisher}.",
            newsroom.get_full_url(request),
            releases.filter(path__startswith=newsroom.path),
            city,
            root,
        )
    if kind == "topic":
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise Http404(f"No topic “{slug}”.")
        return Scope(
            kind,
            slug,
            f"{topic.name} – {publisher}",
            topic.description or f"News about {topic.name} from the {publisher}.",
            f"{root}{topic.get_absolute_url()}",
            releases.with_topic(topic)[0],
            city,
            root,
        )
    if kind == "official":
        official = Official.objects.filter(slug=slug).first()
        if official is None:
            raise Http404(f"No official “{slug}”.")
        return Scope(
            kind,
            slug,
            f"{official.name} – {publisher}",
            f"News releases that name {official.name}.",
            f"{root}{official.get_absolute_url()}",
            releases.filter(
                Exists(
                    ReleaseMention.objects.filter(
                        page=OuterRef("pk"), official=official, confirmed=True
                    )
                )
            ),
            city,
            root,
        )
    raise Http404(f"No feeds of “{kind}”.")
