"""Search every newsroom's live, public releases: /search/?q=…&newsroom=…&topic=…"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from dateline.core.paging import PER_PAGE
from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsIndexPage, NewsReleasePage
from dateline.topics.models import Topic

from . import fts
from .text import (
    Query,
    clean_query,
    headline_keys,
    highlight,
    normalize,
    passages,
    snippet,
    strip_controls,
)

MAX_RANKED = 1000  # matches ranked and paged through; more is said, not shown
HEADLINE_WEIGHT = 1.0  # every searched word in the headline
PHRASE_WEIGHT = 0.5  # the words as typed, in order, in the headline or dek
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
EARLIEST, LATEST = date(1000, 1, 1), date(9000, 1, 1)  # no release is dated outside these


def _shown(value: str, limit: int = 60) -> str:
    """A bad value, safe and short enough to quote back in a notice."""
    value = strip_controls(value).strip()
    return value if len(value) <= limit else value[:limit] + "…"


@dataclass
class Filters:
    newsroom: NewsIndexPage | None = None
    topic: Topic | None = None
    official: Official | None = None
    start: date | None = None
    end: date | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any((self.newsroom, self.topic, self.official, self.start, self.end))

    def params(self) -> dict[str, str]:
        """The filters that apply, as URL parameters."""
        found = {
            "newsroom": self.newsroom.slug if self.newsroom else "",
            "topic": self.topic.slug if self.topic else "",
            "official": self.official.slug if self.official else "",
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }
        return {k: v for k, v in found.items() if v}

    def described(self) -> list[tuple[str, str]]:
        """(what a filter is, its URL parameter) for each one that applies."""
        found = []
        if self.newsroom:
            found.append((f"newsroom “{self.newsroom.title}”", "newsroom"))
        if self.topic:
            found.append((f"topic “{self.topic.name}”", "topic"))
        if self.official:
            found.append((f"official “{self.official.name}”", "official"))
        if self.start:
            found.append((f"dates from {self.start.isoformat()}", "from"))
        if self.end:
            found.append((f"dates up to {self.end.isoformat()}", "to"))
        return found

    def apply(self, releases):
        if self.newsroom:
            releases = releases.descendant_of(self.newsroom)
        if self.topic:
            releases = releases.filter(topics=self.topic)
        if self.official:
            confirmed = ReleaseMention.objects.filter(official=self.official, confirmed=True)
            releases = releases.filter(pk__in=confirmed.values("page_id"))
        if self.start:
            releases = releases.filter(release_date__gte=_midnight(self.start))
        if self.end:
            releases = releases.filter(release_date__lt=_midnight(self.end, days_after=1))
        return releases


def _midnight(day: date, days_after: int = 0) -> datetime:
    """The start of a day in the city's time zone (years far off are brought within reach)."""
    day = min(max(day, EARLIEST), LATEST) + timedelta(days=days_after)
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _parse_day(value: str, label: str, notices: list[str]) -> date | None:
    value = value.strip()
    if not value:
        return None
    if _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    notices.append(
        f"“{_shown(value, 40)}” is not a date; use YYYY-MM-DD, for example 2024-03-31. "
        f"The “{label}” date was left out of this search."
    )
    return None


def parse_filters(params, newsrooms, topics, officials) -> Filters:
    """The filters in the URL; a value that names nothing is left out, with a notice why."""
    filters = Filters()
    notices = filters.notices
    slug = params.get("newsroom", "").strip()
    if slug:
        filters.newsroom = next((n for n in newsrooms if n.slug == slug), None)
        if filters.newsroom is None:
            notices.append(
                f"There is no newsroom “{_shown(slug)}”; showing releases from every newsroom."
            )
    slug = params.get("topic", "").strip()
    if slug:
        filters.topic = next((t for t in topics if t.slug == slug), None)
        if filters.topic is None:
            notices.append(f"There is no topic “{_shown(slug)}”; showing releases on every topic.")
    slug = params.get("official", "").strip()
    if slug:
        filters.official = next((o for o in officials if o.slug == slug), None)
        if filters.official is None:
            notices.append(
                f"No releases name an official “{_shown(slug)}”; showing releases naming anyone."
            )
    filters.start = _parse_day(params.get("from", ""), "from", notices)
    filters.end = _parse_day(params.get("to", ""), "to", notices)
    if filters.start and filters.end and filters.start > filters.end:
        filters.start, filters.end = filters.end, filters.start
        notices.append("The “from” date was after the “to” date, so the two were swapped.")
    return filters


# --- ranking ---------------------------------------------------------------------------


def _exact_headlines(releases, query: Query) -> list:
    """Releases whose headline is exactly what was typed (case and punctuation aside)."""
    wanted = query.normalized
    if not wanted:
        return []
    longest = max(query.words, key=len)
    candidates = releases.filter(title__icontains=longest).defer_streamfields()[:50]
    return [r for r in candidates if normalize(r.title) == wanted]


def rank(releases, query: Query) -> tuple[list[int], bool]:
    """Ids of the releases matching every searched word, most relevant first.

    Wagtail's search finds the matches and scores them (scaled so the best is 1); an exact
    headline comes first, then each match gains HEADLINE_WEIGHT times the share of searched
    words in its headline, and PHRASE_WEIGHT when headline or dek has the words in the order
    typed. Ties: newer first, then lower id.
    """
    searchable = NewsReleasePage.objects.filter(pk__in=releases.values("pk")).defer_streamfields()
    if fts.available(searchable):
        scores = dict(fts.match_all(releases, query.words, MAX_RANKED + 1))
        # Only what ranking reads: a thousand whole pages would cost more than the search.
        rows = NewsReleasePage.objects.filter(pk__in=scores).values_list(
            "pk", "title", "dek", "release_date"
        )
        found = {
            pk: SimpleNamespace(pk=pk, title=title, dek=dek, release_date=when, _score=scores[pk])
            for pk, title, dek, when in rows
        }
        matched = {pk: found[pk] for pk in scores if pk in found}
    else:
        hits = searchable.search(" ".join(query.words), operator="and").annotate_score("_score")
        matched = {r.pk: r for r in hits[: MAX_RANKED + 1]}
    capped = len(matched) > MAX_RANKED
    if capped:
        matched = dict(list(matched.items())[:MAX_RANKED])
    exact_headlines = _exact_headlines(releases, query)
    exact = {r.pk for r in exact_headlines}
    for release in exact_headlines:
        matched.setdefault(release.pk, release)
    best = max((abs(getattr(r, "_score", 0) or 0) for r in matched.values()), default=0) or 1
    keys = query.keys
    phrase = f" {query.normalized} "

    def order(release):
        relevance = abs(getattr(release, "_score", 0) or 0) / best
        in_headline = keys & headline_keys(release.title)
        boost = HEADLINE_WEIGHT * len(in_headline) / max(len(keys), 1)
        if phrase in f" {normalize(release.title)} {normalize(release.dek)} ":
            boost += PHRASE_WEIGHT
        return (
            release.pk not in exact,
            -round(relevance + boost, 6),
            -release.release_date.timestamp(),
            release.pk,
        )

    return [r.pk for r in sorted(matched.values(), key=order)], capped


# --- the page ----------------------------------------------------------------------------


def _site_releases(site):
    return NewsReleasePage.objects.readable(site.root_page if site is not None else None)


def _results(request, releases: list, query: Query | None) -> list[dict]:
    """What each result shows: headline, date, newsroom and a snippet."""
    ids = [r.pk for r in releases]
    officials: dict[int, list[str]] = {}
    mentions = ReleaseMention.objects.filter(page_id__in=ids, confirmed=True)
    for page_id, name in mentions.order_by("sort_order").values_list("page_id", "official__name"):
        officials.setdefault(page_id, []).append(name)
    parents = {
        p.path: p for p in Page.objects.filter(path__in={r.path[: -Page.steplen] for r in releases})
    }
    keys = query.keys if query else set()
    results = []
    for release in releases:
        newsroom = parents.get(release.path[: -Page.steplen])
        texts = passages(release, officials.get(release.pk, []))
        results.append(
            {
                "release": release,
                "url": release.get_url(request),
                "headline": highlight(release.title, keys),
                "snippet": snippet(texts, keys),
                "newsroom": newsroom,
                "newsroom_url": newsroom.get_url(request) if newsroom else "",
            }
        )
    return results


def search(request):
    site = Site.find_for_request(request)
    releases = _site_releases(site)
    root = site.root_page if site is not None else None
    newsrooms = NewsIndexPage.objects.under(root)
    topics = list(NewsReleasePage.objects.topics_in(root).filter(locale=Locale.get_active()))
    officials = list(NewsReleasePage.objects.officials_named(root))
    query = clean_query(request.GET.get("q", ""))
    filters = parse_filters(request.GET, newsrooms, topics, officials)
    notices = list(filters.notices)
    if query.shortened:
        notices.insert(
            0,
            f"Searches can be up to 200 characters long, so yours was shortened to “{query.text}”.",
        )
    if query.text and not query.words:
        notices.append(f"“{query.text}” has no letters or numbers to search for.")
    filtered = filters.apply(releases)
    searched = bool(query.words) or filters.active
    if not searched:  # the page that explains search lists the topics with their counts
        counts = NewsReleasePage.objects.topic_counts(root)
        for topic in topics:
            topic.release_count = counts.get(topic.pk, 0)
    page_obj, results, capped = None, [], False
    if query.words:
        ranked, capped = rank(filtered, query)
        page_obj = Paginator(ranked, PER_PAGE).get_page(request.GET.get("page"))
        found = NewsReleasePage.objects.filter(pk__in=page_obj.object_list).select_related(
            "lead_image"
        )
        by_pk = {r.pk: r for r in found}
        page_releases = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
        results = _results(request, page_releases, query)
    elif filters.active:
        listing = filtered.order_by("-release_date", "-pk").select_related("lead_image")
        page_obj = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
        results = _results(request, list(page_obj.object_list), None)
    params = {"q": query.text, **filters.params()} if query.words else filters.params()
    without = {
        name: "?" + urlencode({k: v for k, v in params.items() if k != name})
        for _, name in filters.described()
    }

    def _typed(name: str) -> str:
        return strip_controls(request.GET.get(name, ""))[:10].strip()

    context = {
        "query": query,
        "searched": searched,
        "filters": filters,
        "notices": notices,
        "page_obj": page_obj,
        "results": results,
        "total": page_obj.paginator.count if page_obj else 0,
        "capped": capped,
        "newsrooms": newsrooms,
        "topics": topics,
        "officials": officials,
        "pagination_query": urlencode(params),
        "removable": [(label, without[name]) for label, name in filters.described()],
        "search_all_url": "?" + urlencode({"q": query.text}) if query.words else "",
        "selected": {
            "newsroom": filters.newsroom.slug if filters.newsroom else "",
            "topic": filters.topic.slug if filters.topic else "",
            "official": filters.official.slug if filters.official else "",
            # A date that is not one stays in its box, to be corrected.
            "from": filters.start.isoformat() if filters.start else _typed("from"),
            "to": filters.end.isoformat() if filters.end else _typed("to"),
        },
    }
    return render(request, "search/search.html", context)
