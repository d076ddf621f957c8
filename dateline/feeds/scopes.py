"""What a feed covers: the whole site, one newsroom, one topic or one official."""

from dataclasses import dataclass

from django.db.models import Max
from django.http import Http404
from django.urls import reverse
from wagtail.models import PageLogEntry, Site

from dateline.core.models import CitySettings
from dateline.editorial import corrections
from dateline.officials.models import Official
from dateline.releases.models import NewsIndexPage, NewsReleasePage
from dateline.topics.models import Topic

KINDS = ("newsroom", "topic", "official")
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

    def latest_change(self):
        """When anything in this feed last changed: a publish, a correction, or any release's
        unpublish."""
        published = self.releases.aggregate(latest=Max("last_published_at"))["latest"]
        corrected = corrections.latest_among(self.releases)
        unpublished = PageLogEntry.objects.filter(
            action__startswith="wagtail.unpublish",
            content_type__model="newsreleasepage",
        ).aggregate(latest=Max("timestamp"))["latest"]
        return max((t for t in (published, corrected, unpublished) if t), default=None)


def feed_path(kind: str, slug: str, fmt: str) -> str:
    if kind == "all":
        return reverse(f"feeds:all-{fmt}")
    return reverse(f"feeds:{fmt}", args=[kind, slug])


def _site_releases(site):
    releases = NewsReleasePage.objects.live().public()
    if site is not None:
        releases = releases.descendant_of(site.root_page, inclusive=True)
    return releases.order_by("-release_date", "-pk")


def resolve(request, kind: str = "all", slug: str = "") -> Scope:
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
        newsroom = NewsIndexPage.objects.live().public().filter(slug=slug).first()
        if newsroom is None:
            raise Http404(f"No newsroom “{slug}”.")
        return Scope(
            kind,
            slug,
            f"{newsroom.title} – {publisher}",
            f"News releases from {newsroom.title}, {publisher}.",
            newsroom.get_full_url(request),
            releases.child_of(newsroom),
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
            releases.filter(topics=topic),
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
            releases.filter(mentions__official=official, mentions__confirmed=True).distinct(),
            city,
            root,
        )
    raise Http404(f"No feeds of “{kind}”.")
