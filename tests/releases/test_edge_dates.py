"""A release dated at the very ends of the calendar does not take its newsroom down.

The admin and the importer now refuse such dates, but a typing slip saved before then, or a
row written around Dateline, must leave every list answering (issue 23, M9).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.releases.listing import years_with_releases
from dateline.releases.models import NewsReleasePage
from tests.helpers import PACIFIC

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def edge_dated(city, make_release):
    ordinary = make_release("Ferry Street repaving wraps up")
    first = make_release("Quillfeather archive note")
    last = make_release("Marrowdale far-future note")
    NewsReleasePage.objects.filter(pk=first.pk).update(
        release_date=datetime.datetime(1, 1, 1, 0, 0, tzinfo=UTC)
    )
    NewsReleasePage.objects.filter(pk=last.pk).update(
        release_date=datetime.datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    )
    return {"ordinary": ordinary, "first": first, "last": last}


def test_newsroom_paging_and_archives_answer(client, edge_dated, make_release):
    for n in range(12):
        make_release(f"Council notes {n}", when=datetime.datetime(2024, 1, 1 + n, tzinfo=PACIFIC))
    for url in ("/", "/news/", "/news/?page=2", "/news/?year=9999", "/news/?year=2021"):
        response = client.get(url)
        assert response.status_code == 200, url
    newsroom = client.get("/news/").content.decode()
    assert "Marrowdale far-future note" in newsroom
    for url in ("/news/2021/", "/news/2021/05/", "/news/9999/", "/news/9999/12/"):
        assert client.get(url).status_code == 200, url
    assert "Marrowdale far-future note" in client.get("/news/9999/").content.decode()
    # Year 1 in UTC is the last evening of year 0 in the city: it has no archive page, and
    # asking for one is an ordinary "not found".
    assert client.get("/news/0001/").status_code in (200, 404)
    for release in edge_dated.values():
        page = NewsReleasePage.objects.get(pk=release.pk)
        assert client.get(page.url).status_code == 200, page.title


def test_year_list_asks_as_many_questions_as_years_with_releases(edge_dated, city):
    releases = NewsReleasePage.objects.readable(city["newsroom"])
    with CaptureQueriesContext(connection) as queries:
        years = years_with_releases(releases)
    assert years[0] == 9999 and 2021 in years and years[-1] in (0, 1)
    assert len(years) == 3
    assert len(queries) <= 2 + len(years)


def test_feeds_sitemaps_and_api_answer(client, edge_dated):
    urls = ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap.xml"]
    urls += ["/sitemaps/releases/1.xml", "/news-sitemap.xml", "/api/v1/releases/"]
    for release in edge_dated.values():
        urls.append(f"/api/v1/releases/{release.pk}/")
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "Marrowdale far-future note" in client.get("/feeds/feed.json").content.decode()
