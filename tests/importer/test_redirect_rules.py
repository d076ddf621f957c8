"""An import adds redirects only from old addresses that are free: never the site's own."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from dateline.importer.redirects import reserved_prefixes
from dateline.importer.writer import Importer
from tests.importer.test_writer import park_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "old_path, prefix",
    [
        ("/admin/login", "admin"),
        ("/search", "search"),
        ("/alerts/unsubscribe", "alerts"),
        ("/api/v1/releases", "api"),
        ("/feeds/rss.xml", "feeds"),
        ("/media/original_images/x.jpg", "media"),
        ("/static/site.css", "static"),
        ("/documents/12/budget.pdf", "documents"),
        ("/sitemap.xml", "sitemap.xml"),
        ("/sitemaps/releases/1.xml", "sitemaps"),
        ("/robots.txt", "robots.txt"),
        ("/preview/abc123", "preview"),
    ],
)
def test_the_sites_own_addresses_get_no_redirect(client, city, old_path, prefix):
    outcome = Importer(city["newsroom"], publish=True).save(
        park_record(url="https://www.harlowcreek.example" + old_path)
    )
    assert outcome.action == "created"
    assert not Redirect.objects.exists()
    assert (
        f"no redirect made from the old address {old_path}: addresses under /{prefix} "
        "belong to this site itself; add a redirect in Settings → Redirects if the old "
        "address must still work"
    ) in outcome.warnings
    # The address still answers as the site's own, never by sending people to the release.
    response = client.get(old_path)
    assert not response.get("Location", "").endswith(outcome.release.url)


def test_reserved_addresses_come_from_the_url_configuration():
    assert {"admin", "alerts", "search", "api", "feeds", "media", "static"} <= reserved_prefixes()
    assert {"documents", "sitemap.xml", "sitemaps", "robots.txt", "preview"} <= reserved_prefixes()
    assert "news" not in reserved_prefixes()  # Wagtail's pages are not reserved


def test_an_editors_redirect_is_kept(client, city):
    editor = Redirect.objects.create(
        old_path="/news/2021/millrace-park-reopens.aspx",
        site=city["site"],
        redirect_link="https://parks.harlowcreek.example/millrace",
    )
    outcome = Importer(city["newsroom"], publish=True).save(park_record())
    editor.refresh_from_db()
    assert editor.redirect_link == "https://parks.harlowcreek.example/millrace"
    assert editor.redirect_page is None
    assert Redirect.objects.count() == 1
    assert (
        "no redirect made from the old address /news/2021/millrace-park-reopens.aspx: it "
        "already redirects to https://parks.harlowcreek.example/millrace; that redirect was "
        "kept"
    ) in outcome.warnings


def test_its_own_redirect_is_kept_by_a_rerun_and_updated_by_a_changed_source(client, city):
    first = Importer(city["newsroom"], publish=True).save(park_record())
    redirect = Redirect.objects.get()
    assert redirect.redirect_page_id == first.release.pk
    again = Importer(city["newsroom"], publish=True).save(park_record())
    assert again.action == "unchanged"
    assert Redirect.objects.get().pk == redirect.pk
    changed = Importer(city["newsroom"], publish=True).save(
        park_record(headline="Millrace Park reopens with a river trail and a boat ramp")
    )
    assert changed.action == "updated"
    assert not any("no redirect" in w for w in changed.warnings)
    assert Redirect.objects.get().pk == redirect.pk
    response = client.get("/news/2021/millrace-park-reopens.aspx")
    assert response.status_code == 301 and response["Location"].endswith(changed.release.url)


def test_an_address_a_live_page_has_gets_no_redirect(city):
    outcome = Importer(city["newsroom"], publish=True).save(
        park_record(url="https://www.harlowcreek.example/news/")
    )
    assert not Redirect.objects.exists()
    assert (
        "no redirect made from the old address /news: a published page on this site has "
        "that address"
    ) in outcome.warnings


def test_a_second_release_claiming_the_same_old_address_does_not_take_it(city):
    first = Importer(city["newsroom"], publish=True).save(park_record())
    other = Importer(city["newsroom"], publish=True).save(
        park_record(
            source="old/park-copy.html",
            headline="Millrace Park trail map",
            url="https://old.harlowcreek.example/news/2021/millrace-park-reopens.aspx",
        )
    )
    assert other.action == "created"
    assert Redirect.objects.get().redirect_page_id == first.release.pk
    assert any(w.startswith("no redirect made from the old address") for w in other.warnings)
