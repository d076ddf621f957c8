"""The filters of /search/ (newsroom, topic, official, dates): alone, combined, and given
values that are wrong, swapped or far-fetched."""

import re

import pytest

from tests.helpers import city_for_the_module, fresh, release_maker, visible_text

from .conftest import add_mayors_office, add_officials, story_maker
from .test_search_page import headlines, notices, search, status

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _filtered_once(django_db_setup, django_db_blocker):
    """Six releases, each failing one filter but the first: built once for the module, whose
    tests only search them."""
    with city_for_the_module(django_db_blocker) as (city, topics):
        yield _releases_to_filter(
            story_maker(release_maker(city["newsroom"])),
            topics,
            add_officials(),
            add_mayors_office(city["home"]),
        )


@pytest.fixture
def filtered_city(db, _filtered_once):
    return fresh(_filtered_once)


def _releases_to_filter(story, topics, officials, mayors_office):
    ines, otto = officials["ines-park"], officials["otto-brandt"]
    parks, water = topics["parks"], topics["water"]
    return {
        "match": story(
            "Mayor opens river trail", "A trail.", day=(2024, 5, 10),
            topics=[parks], names=[ines], parent=mayors_office,
        ),
        "other newsroom": story(
            "City opens river trail", "A trail.", day=(2024, 5, 11),
            topics=[parks], names=[ines],
        ),
        "other topic": story(
            "Mayor tests river water", "A trail.", day=(2024, 5, 12),
            topics=[water], names=[ines], parent=mayors_office,
        ),
        "other official": story(
            "Vice mayor walks river trail", "A trail.", day=(2024, 5, 13),
            topics=[parks], names=[otto], parent=mayors_office,
        ),
        "too early": story(
            "Mayor plans river trail", "A trail.", day=(2024, 4, 30),
            topics=[parks], names=[ines], parent=mayors_office,
        ),
        "too late": story(
            "Mayor extends river trail", "A trail.", day=(2024, 6, 1),
            topics=[parks], names=[ines], parent=mayors_office,
        ),
    }  # fmt: skip


ALL_FILTERS = {
    "newsroom": "mayor",
    "topic": "parks",
    "official": "ines-park",
    "from": "2024-05-01",
    "to": "2024-05-31",
}


def test_filters_combine(client, filtered_city):
    html = search(client, q="trail", **ALL_FILTERS)
    assert headlines(html) == ["Mayor opens river trail"]
    assert status(html) == "1 release matches “trail” with these filters."
    # Each filter on its own lets its "other" release back in.
    for name, other in [
        ("newsroom", "City opens river trail"),
        ("topic", "Mayor tests river water"),
        ("official", "Vice mayor walks river trail"),
        ("from", "Mayor plans river trail"),
        ("to", "Mayor extends river trail"),
    ]:
        params = {k: v for k, v in ALL_FILTERS.items() if k != name}
        found = headlines(search(client, q="trail", **params))
        assert sorted(found) == sorted(["Mayor opens river trail", other]), name


def test_filters_without_a_query_list_releases_newest_first(client, filtered_city):
    html = search(client, newsroom="mayor", topic="parks")
    assert headlines(html) == [
        "Mayor extends river trail",
        "Vice mayor walks river trail",
        "Mayor opens river trail",
        "Mayor plans river trail",
    ]
    assert status(html) == "4 releases match these filters, newest first."


def test_selected_filters_stay_selected_and_can_be_removed(client, filtered_city):
    html = search(client, q="trail", **ALL_FILTERS)
    assert '<option value="parks" selected>Parks</option>' in html
    assert '<option value="ines-park" selected>Ines Park</option>' in html
    assert '<option value="mayor" selected>Office of the Mayor</option>' in html
    assert 'name="from" value="2024-05-01"' in html
    assert "Remove topic “Parks”" in visible_text(html)
    link = re.search(r'<a href="([^"]*)">Remove topic', html)[1]
    assert "topic=" not in link and "q=trail" in link and "official=ines-park" in link


def test_bad_filter_values_are_named_and_left_out(client, filtered_city):
    response = client.get(
        "/search/",
        {"q": "trail", "from": "2024-13-01", "to": "yesterday", "topic": "nope", "official": "x"},
    )
    assert response.status_code == 200
    found = notices(response.content.decode())
    assert any(n.startswith("“2024-13-01” is not a date; use YYYY-MM-DD") for n in found)
    assert any(n.startswith("“yesterday” is not a date; use YYYY-MM-DD") for n in found)
    assert "There is no topic “nope”; showing releases on every topic." in found
    assert any("official “x”" in n for n in found)
    assert len(headlines(response.content.decode())) == 6
    # What was typed stays in the box, to be corrected.
    assert 'name="from" value="2024-13-01"' in response.content.decode()
    html = search(client, q="trail", newsroom="<b>nowhere</b>")
    assert "There is no newsroom “&lt;b&gt;nowhere&lt;/b&gt;”" in html


def test_swapped_dates_are_put_in_order(client, filtered_city):
    html = search(client, q="trail", **{"from": "2024-05-31", "to": "2024-05-01"})
    assert "The “from” date was after the “to” date, so the two were swapped." in notices(html)
    assert len(headlines(html)) == 4


@pytest.mark.parametrize(
    "value, is_date",
    [
        ("0001-01-01", True),
        ("9999-12-31", True),
        ("2024-02-30", False),
        ("2024-5-1", False),
        ("x" * 500, False),
    ],
)
def test_odd_dates_never_break_the_page(client, filtered_city, value, is_date):
    html = search(client, q="trail", **{"from": value, "to": value})
    date_notices = [n for n in notices(html) if "is not a date" in n]
    if is_date:
        # A real date far from any release finds nothing, and says so.
        assert date_notices == []
        assert headlines(html) == []
        assert "trail" in visible_text(html)
    else:
        # Each unreadable date is named back (cut short) and left out of the search.
        assert len(date_notices) == 2
        assert all("use YYYY-MM-DD" in n for n in date_notices)
        assert headlines(html) == headlines(search(client, q="trail"))
