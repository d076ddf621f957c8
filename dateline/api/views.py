"""The read-only JSON API: releases, officials, topics, letters and the OpenAPI document."""

import datetime
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q
from django.urls import reverse
from wagtail.models import Locale, Page

from dateline.core.clientip import absolute_url
from dateline.officials.models import LetterSignatory, Official, ReleaseMention
from dateline.releases.models import NewsReleasePage
from dateline.topics.models import Topic

from . import serializers as s
from .http import InvalidParameter, NotFound, api_view, json_response
from .openapi import openapi_document
from .params import RELEASE_FILTERS, Pagination, date_param, looks_like_slug, path_id, shown, single
from .visibility import request_site, visible_letters, visible_newsrooms, visible_releases

# Bounds outside these years are left off: converting them to UTC could overflow.
_SAFE_YEARS = range(2, 9999)


@api_view
def index(request):
    def link(name):
        return absolute_url(request, reverse(f"api:{name}"))

    return json_response(
        {
            "name": "Dateline API",
            "version": "1",
            "endpoints": {
                "releases": link("release-list"),
                "officials": link("official-list"),
                "topics": link("topic-list"),
                "letters": link("letter-list"),
            },
            "schema": link("openapi"),
        }
    )


@api_view
def openapi(request):
    return json_response(openapi_document())


@api_view
def not_found(request, *args, **kwargs):
    raise NotFound(f"There is no API endpoint at {shown(request.path)}.")


# --- releases --------------------------------------------------------------------------


def _lookup(request, name: str, queryset, field: str, what: str):
    """The objects a slug filter names; 400 naming the parameter when there are none."""
    raw = single(request, name)
    if raw is None:
        return None
    found = list(queryset.filter(**{field: raw})) if looks_like_slug(raw) else []
    if not found:
        raise InvalidParameter(name, f"{name} “{shown(raw)}” is not {what}")
    return found


def _filter_releases(request, releases, zone):
    newsrooms = _lookup(
        request, "newsroom", visible_newsrooms(request), "slug", "the slug of a newsroom"
    )
    if newsrooms:
        releases = releases.filter(
            reduce(or_, (Q(path__startswith=n.path, depth=n.depth + 1) for n in newsrooms))
        )
    topics = _lookup(
        request, "topic", Topic.objects.filter(locale=Locale.get_active()), "slug", "a topic slug"
    )
    if topics:
        releases = releases.filter(topics__in=topics)
    officials = _lookup(request, "official", Official.objects.all(), "slug", "an official's slug")
    if officials:
        mentioned = ReleaseMention.objects.filter(official__in=officials, confirmed=True)
        releases = releases.filter(pk__in=mentioned.values("page_id"))
    start, end = date_param(request, "from"), date_param(request, "to")
    if start and end and start > end:
        raise InvalidParameter(
            "from", f"from “{start.isoformat()}” is after to “{end.isoformat()}”"
        )
    if start and start.year in _SAFE_YEARS:
        releases = releases.filter(
            release_date__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
        )
    if end and end.year in _SAFE_YEARS:
        next_day = end + datetime.timedelta(days=1)
        releases = releases.filter(
            release_date__lt=datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone)
        )
    return releases


@api_view
def release_list(request):
    ctx = s.Context.for_request(request)
    releases = _filter_releases(request, visible_releases(request), ctx.zone)
    pagination = Pagination(request, RELEASE_FILTERS)
    releases = releases.order_by("-release_date", "-pk").prefetch_related(
        "topics", s.prefetch_image("lead_image", s.LEAD_IMAGE_SPEC)
    )
    page = pagination.page(releases)
    parent_paths = {r.path[: -Page.steplen] for r in page.items}
    parents = {p.path: p for p in Page.objects.filter(path__in=parent_paths)}
    results = [s.release_summary(ctx, r, parents.get(r.path[: -Page.steplen])) for r in page.items]
    return json_response(page.envelope(results))


def _release(request, raw_id):
    pk = path_id(raw_id, "release")
    release = (
        visible_releases(request)
        .filter(pk=pk)
        .select_related("lead_image", "media_contact")
        .prefetch_related("topics")
        .first()
    )
    if release is None:
        raise NotFound(f"There is no release with id “{pk}”.")
    return release


@api_view
def release_detail(request, pk):
    ctx = s.Context.for_request(request)
    return json_response(s.release_detail(ctx, _release(request, pk)))


# --- officials -------------------------------------------------------------------------


def _officials():
    return Official.objects.prefetch_related(
        "terms__office", s.prefetch_image("portrait", s.PORTRAIT_SPEC)
    ).order_by("name", "pk")


@api_view
def official_list(request):
    ctx = s.Context.for_request(request)
    page = Pagination(request).page(_officials())
    today = ctx.today()
    return json_response(page.envelope([s.official_data(ctx, o, today) for o in page.items]))


@api_view
def official_detail(request, slug):
    ctx = s.Context.for_request(request)
    official = _officials().filter(slug=slug).first() if looks_like_slug(slug) else None
    if official is None:
        raise NotFound(f"There is no official with slug “{shown(slug)}”.")
    return json_response(s.official_data(ctx, official, ctx.today()))


# --- topics ----------------------------------------------------------------------------


def _topics():
    return Topic.objects.filter(locale=Locale.get_active()).order_by("name", "pk")


def _release_counts(request) -> dict[int, int]:
    site = request_site(request)
    return NewsReleasePage.objects.topic_counts(site.root_page) if site is not None else {}


@api_view
def topic_list(request):
    ctx = s.Context.for_request(request)
    page = Pagination(request).page(_topics())
    counts = _release_counts(request)
    return json_response(
        page.envelope([s.topic_data(ctx, t, counts.get(t.pk, 0)) for t in page.items])
    )


@api_view
def topic_detail(request, slug):
    ctx = s.Context.for_request(request)
    topic = _topics().filter(slug=slug).first() if looks_like_slug(slug) else None
    if topic is None:
        raise NotFound(f"There is no topic with slug “{shown(slug)}”.")
    return json_response(s.topic_data(ctx, topic, _release_counts(request).get(topic.pk, 0)))


# --- letters ---------------------------------------------------------------------------


def _letters(request):
    return (
        visible_letters(request)
        .select_related("document", "requested_by")
        .prefetch_related(
            "requested_by__terms__office",
            Prefetch(
                "signatories",
                queryset=LetterSignatory.objects.select_related("official").prefetch_related(
                    "official__terms__office"
                ),
            ),
        )
        .order_by("-letter_date", "-pk")
    )


@api_view
def letter_list(request):
    ctx = s.Context.for_request(request)
    page = Pagination(request).page(_letters(request))
    return json_response(page.envelope([s.letter_summary(ctx, x) for x in page.items]))


@api_view
def letter_detail(request, pk):
    ctx = s.Context.for_request(request)
    letter_id = path_id(pk, "letter")
    letter = _letters(request).filter(pk=letter_id).first()
    if letter is None:
        raise NotFound(f"There is no letter with id “{letter_id}”.")
    return json_response(s.letter_detail(ctx, letter))
