"""Newsroom archives by year and month."""

from datetime import datetime

import pytest

from tests.helpers import PACIFIC
from tests.releases.test_listings import headlines

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(make_release):
    for when, title in [
        (datetime(2024, 9, 14, 9, tzinfo=PACIFIC), "Arts festival returns"),
        (datetime(2024, 9, 2, 9, tzinfo=PACIFIC), "Labor Day closures"),
        (datetime(2024, 3, 5, 9, tzinfo=PACIFIC), "Spring cleanup"),
        # 11:30 p.m. on Dec. 31 in the city: still 2024 there, though 2025 in UTC.
        (datetime(2024, 12, 31, 23, 30, tzinfo=PACIFIC), "New Year’s Eve safety"),
        (datetime(2025, 1, 6, 9, tzinfo=PACIFIC), "Council sworn in"),
    ]:
        make_release(title, when=when)


def test_year_archive(client, city, spread):
    response = client.get("/news/2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-title">City News: 2024</h1>' in html
    assert headlines(html) == [
        "New Year’s Eve safety",
        "Arts festival returns",
        "Labor Day closures",
        "Spring cleanup",
    ]
    # Months of that year that have releases, AP style without a day.
    assert '<a href="/news/2024/09/">September</a>' in html
    assert '<a href="/news/2024/03/">March</a>' in html
    assert "/news/2024/01/" not in html


def test_month_archive(client, city, spread):
    html = client.get("/news/2024/09/").content.decode()
    assert '<h1 class="page-title">City News: September 2024</h1>' in html
    assert headlines(html) == ["Arts festival returns", "Labor Day closures"]
    assert '<a href="/news/2024/09/" aria-current="page">September</a>' in html


def test_empty_or_impossible_periods_are_not_found(client, city, spread):
    assert client.get("/news/1999/").status_code == 404
    assert client.get("/news/2024/13/").status_code == 404
    assert client.get("/news/2024/01/").status_code == 404


def test_newsroom_links_its_archive_years(client, city, spread):
    html = client.get("/news/").content.decode()
    assert '<a href="/news/2025/">2025</a>' in html
    assert '<a href="/news/2024/">2024</a>' in html


def test_years_without_releases_are_not_offered(client, city, make_release):
    for when, title in [
        (datetime(2019, 6, 1, 9, tzinfo=PACIFIC), "Pool opens"),
        (datetime(2021, 6, 1, 9, tzinfo=PACIFIC), "Pool repainted"),
        (datetime(2024, 6, 1, 9, tzinfo=PACIFIC), "Pool closes for repairs"),
    ]:
        make_release(title, when=when)
    html = client.get("/news/").content.decode()
    offered = [year for year in range(2018, 2026) if f'<a href="/news/{year}/">' in html]
    assert offered == [2019, 2021, 2024]
    archive = client.get("/news/2021/").content.decode()
    assert [y for y in range(2018, 2026) if f'href="/news/{y}/"' in archive] == [2019, 2021, 2024]
