"""What every page reads (site, city settings, view restrictions, navigation, newsrooms) is
kept between requests while the page cache is on, and every change shows on the next page.

Uncached renders are asked for with a parameter the page cache does not know (`?n=…`),
so Django renders each one as on a cache miss.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from dateline.core import sitewide
from dateline.core.models import CitySettings
from dateline.releases.models import NewsIndexPage

pytestmark = pytest.mark.django_db

SITEWIDE_TABLES = (
    '"wagtailcore_site"',
    '"core_citysettings"',
    '"wagtailcore_locale"',
    '"wagtailcore_pageviewrestriction"',
    '"releases_homepage"',
    '"releases_newsindexpage"',
)


def tables_read(get, path) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        answer = get(path)
    assert answer.status == 200, path
    read = [t for q in queries.captured_queries for t in SITEWIDE_TABLES if f"FROM {t}" in q["sql"]]
    return answer.body, read


def test_a_second_render_reads_nothing_sitewide_again(get, make_release):
    release = make_release("Harlow Creek opens Millrace Park")
    body, first = tables_read(get, f"{release.url}?n=1")
    assert "Millrace Park" in body and '"wagtailcore_site"' in first
    body, second = tables_read(get, f"{release.url}?n=2")
    assert "Millrace Park" in body and "Harlow Creek" in body
    assert second == []


def test_without_the_page_cache_each_request_reads_them(client, settings, make_release):
    settings.DATELINE_PAGE_CACHE = False
    release = make_release("Harlow Creek opens Millrace Park")
    client.get(release.url)
    # A change no signal reports: without the page cache nothing was kept, so it shows.
    CitySettings.objects.update(city_name="Harlow Falls")
    assert "Harlow Falls" in client.get(release.url).content.decode()


def test_new_city_settings_show_on_the_next_page(get, city, make_release, capture_commits):
    release = make_release("Harlow Creek opens Millrace Park")
    assert "Harlow Creek" in get(f"{release.url}?n=1").body
    with capture_commits(execute=True):
        settings = CitySettings.objects.get(pk=city["settings"].pk)
        settings.city_name = "Harlow Falls"
        settings.save()
    assert "Harlow Falls" in get(f"{release.url}?n=2").body


def test_a_password_added_keeps_readers_out_at_once(get, make_release, capture_commits):
    release = make_release("Budget workshop notes for the council")
    assert "Budget workshop notes" in get(f"{release.url}?n=1").body
    with capture_commits(execute=True):
        PageViewRestriction.objects.create(
            page=release, restriction_type=PageViewRestriction.PASSWORD, password="council-only"
        )
    locked = get(f"{release.url}?n=2").body
    assert "password" in locked.lower() and "Budget workshop notes" not in locked


def test_a_new_newsroom_and_a_renamed_one_show_at_once(get, city, make_release, capture_commits):
    release = make_release("Harlow Creek opens Millrace Park")
    assert "Parks Department" not in get("/?n=1").body
    with capture_commits(execute=True):
        parks = NewsIndexPage(title="Parks Department", slug="parks")
        city["home"].add_child(instance=parks)
        parks.save_revision().publish()
    assert "Parks Department" in get(f"{release.url}?n=2").body
    assert get("/parks/?n=3").status == 200
    with capture_commits(execute=True):
        newsroom = NewsIndexPage.objects.get(pk=city["newsroom"].pk)
        newsroom.slug = "city-news"
        newsroom.save_revision().publish()
    old = get("/news/?n=4")  # Wagtail leaves a redirect behind a renamed page
    assert old.status == 301 and old.headers["location"] == "/city-news/"
    moved = get(f"/city-news/{release.slug}/?n=5")
    assert moved.status == 200 and "Millrace Park" in moved.body


def test_a_change_no_signal_reports_shows_within_the_keeping_time(get, monkeypatch, make_release):
    release = make_release("Harlow Creek opens Millrace Park")
    get(f"{release.url}?n=1")
    CitySettings.objects.update(city_name="Harlow Falls")  # no signal, no purge
    assert "Harlow Falls" not in get(f"{release.url}?n=2").body
    monkeypatch.setattr(sitewide, "KEEP_SECONDS", 0.0)
    assert "Harlow Falls" in get(f"{release.url}?n=3").body


def test_made_up_newsroom_addresses_are_not_kept(get, city):
    for n in range(sitewide.MAX_KEPT + 10):
        assert get(f"/no-such-newsroom-{n}/").status == 404
    assert get("/news/?n=1").status == 200
    assert len(sitewide._kept) < 20


def test_outside_a_request_nothing_is_kept(city):
    assert sitewide.remembered("key", lambda: 1) == 1
    assert sitewide.remembered("key", lambda: 2) == 2
