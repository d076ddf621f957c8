"""A page costs the same number of queries whether it shows one release or many.

An uncached page must not grow a query per official, topic, photo or related story: under a
spike, each extra query is paid by every reader the cache has not reached yet.
"""

from datetime import datetime, timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsReleasePage
from tests.helpers import PACIFIC, make_image

pytestmark = pytest.mark.django_db

# Generous ceilings (site, settings, tree, restrictions, corrections…); the point of the
# test is that they do not move with the amount of content.
CEILING = 30


def queries(client, url: str) -> int:
    client.get(url)  # the first view makes photo renditions once; readers after it don't
    # Measured with cold caches: the Django cache (which also holds renditions) is a
    # network round trip per key once it is Redis.
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def build(city, topics, make_release, count: int):
    start = datetime(2025, 3, 3, 9, tzinfo=PACIFIC)
    others = [
        make_release(
            f"Crews finish work on Mill Street, phase {i + 1}",
            when=start + timedelta(days=i),
            topics=[topics["parks"], topics["water"]],
            image=make_image(f"Work site {i}"),
            lead_image_alt=f"Crews at the Mill Street work site, phase {i + 1}",
        )
        for i in range(count)
    ]
    main = make_release(
        "Millrace Park reopens",
        when=start + timedelta(days=count + 1),
        topics=[topics["parks"], topics["water"]],
        related=others[:5],
        image=make_image("Slide"),
        lead_image_alt="Children on the new slide",
    )
    officials = list(Official.objects.order_by("name")[:count])
    for release in [main, *others]:
        for official in officials:
            ReleaseMention.objects.create(
                page=release, official=official, role="Councilmember", confirmed=True
            )
    return main, officials[0]


@pytest.mark.parametrize(
    "page",
    ["release", "newsroom", "archive", "topic", "official", "home"],
)
def test_queries_do_not_grow_with_content(client, city, topics, roster, make_release, page):
    counts = []
    for count in (1, 5):
        remove_releases()
        main, official = build(city, topics, make_release, count)
        url = {
            "release": main.url,
            "newsroom": city["newsroom"].url,
            "archive": city["newsroom"].url + "2025/03/",
            "topic": topics["parks"].get_absolute_url(),
            "official": official.get_absolute_url(),
            "home": city["home"].url,
        }[page]
        counts.append(queries(client, url))
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries with 1, {counts[1]} with 5"
    assert counts[1] <= CEILING


def remove_releases():
    for release in NewsReleasePage.objects.all():
        release.delete()
