"""Query strings the page cache keys one way and Django reads another.

Tracking parameters are left out of the cache key, so a cached API page whose `next` link
copied one (utm_source) was served to every reader; and a parameter given twice sorted to
the same key whichever value Django read (the last).
"""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_release, topics):
    make_release("Harlow Creek opens Millrace Park", topics=[topics["parks"]])
    make_release("Crews finish the Alder Street water main", topics=[topics["water"]])


def test_an_api_page_link_never_carries_a_tracking_parameter(get, published):
    tracked = get("/api/v1/releases/?utm_source=newsletter&page_size=1&fbclid=abc")
    assert tracked.status == 200
    assert (
        json.loads(tracked.body)["next"] == "http://testserver/api/v1/releases/?page_size=1&page=2"
    )
    # The same cache entry, served to a reader who came from nowhere in particular.
    ordinary = get("/api/v1/releases/?page_size=1")
    assert ordinary.cache == "HIT"
    assert "utm_source" not in ordinary.body and "fbclid" not in ordinary.body


def test_an_api_page_link_keeps_only_what_the_list_reads(get, published, roster):
    officials = json.loads(get("/api/v1/officials/?page_size=1&topic=parks").body)
    assert officials["next"] == "http://testserver/api/v1/officials/?page_size=1&page=2"
    releases = json.loads(get("/api/v1/releases/?topic=parks&page_size=1").body)
    assert releases["next"] is None  # one release about parks: the filter was applied


def test_a_parameter_given_twice_is_answered_by_django_each_time(get, published):
    parks = get("/news/?topic=water&topic=parks")
    assert parks.cache == "BYPASS" and "Millrace Park" in parks.body
    water = get("/news/?topic=parks&topic=water")
    assert water.cache == "BYPASS"
    assert "Alder Street water main" in water.body and "Millrace Park" not in water.body


def test_the_api_names_a_parameter_given_twice(get, published):
    answer = get("/api/v1/releases/?page=2&page=1")
    assert answer.status == 400 and answer.cache == "BYPASS"
    assert json.loads(answer.body)["error"]["parameter"] == "page"
