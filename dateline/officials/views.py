from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from dateline.core import apstyle
from dateline.core.models import release_model

from . import mentions
from .models import LetterPage, LetterSignatory, Official, ReleaseMention


def naming_releases(official):
    """Public releases in which the editor confirmed this official, without duplicates.

    A release is kept when a confirmed mention exists (not by joining the mentions and
    removing repeats), so the newest come straight off the release-date index.
    """
    named = ReleaseMention.objects.filter(page=OuterRef("pk"), official=official, confirmed=True)
    return release_model().objects.readable().filter(Exists(named))


def _district_order(district: str):
    return (0, int(district)) if district.isdigit() else (1, district)


def official_list(request):
    today = timezone.localdate()
    officials = list(Official.objects.prefetch_related("terms__office").select_related("portrait"))
    current, past = [], []
    for official in officials:
        terms = official.terms_on(today)
        if terms:
            current.append((official, terms))
        elif official.terms.all():
            past.append(official)
    council = [(o, t) for o, t in current if any(term.office.body for term in t)]
    staff = [(o, t) for o, t in current if (o, t) not in council]

    def seat_order(item):
        official, terms = item
        return (terms[0].office.precedence, _district_order(official.district_on(today)))

    council.sort(key=seat_order)
    staff.sort(key=seat_order)
    periods = defaultdict(list)
    for official in past:
        first = min(t.start for t in official.terms.all())
        last = max(t.end for t in official.terms.all() if t.end)
        periods[(first.year, last.year)].append(official)
    past_by_period = [
        (f"{a}–{b}" if a != b else str(a), sorted(people, key=lambda o: o.name))
        for (a, b), people in sorted(periods.items(), key=lambda kv: kv[0][1], reverse=True)
    ]
    return render(
        request,
        "officials/official_list.html",
        {"council": council, "staff": staff, "past_by_period": past_by_period, "today": today},
    )


def official_detail(request, slug):
    official = get_object_or_404(
        Official.objects.prefetch_related("terms__office").select_related("portrait"), slug=slug
    )
    today = timezone.localdate()
    naming = naming_releases(official)
    releases = list(naming.order_by("-release_date")[:50])
    letters = (
        LetterPage.objects.readable()
        .filter(
            Q(requested_by=official)
            | Exists(LetterSignatory.objects.filter(page=OuterRef("pk"), official=official))
        )
        .order_by("-letter_date")
    )
    return render(
        request,
        "officials/official_detail.html",
        {
            "official": official,
            "title": official.title_on(today),
            "district": official.district_on(today),
            "terms": sorted(official.terms.all(), key=lambda t: t.start, reverse=True),
            "releases": releases[:20],
            # Counted from the official's mentions: far fewer than the releases.
            "release_count": release_model()
            .objects.readable()
            .filter(
                pk__in=ReleaseMention.objects.filter(official=official, confirmed=True).values(
                    "page_id"
                )
            )
            .count(),
            "letters": [(letter, letter.requested_by_id == official.pk) for letter in letters],
            "quotes": _quotes_by(official, releases),
        },
    )


def _quotes_by(official, releases):
    """Quote blocks whose attribution names this official, newest release first."""
    found = []
    for release in releases:
        day = apstyle.local_date(release.release_date, timezone.get_current_timezone())
        person = mentions.Person(
            key=str(official.pk), name=official.name, titles=official.titles_on(day)
        )
        for block in release.body:
            if block.block_type != "quote":
                continue
            if mentions.detect(block.value["attribution"], [person]):
                found.append((release, block.value))
    return found
