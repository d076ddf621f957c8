"""Sitemaps and robots.txt as a search engine reads them."""

from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from dateline.releases.models import NewsReleasePage

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def locations(xml: bytes) -> list[str]:
    return [loc.text for loc in ElementTree.fromstring(xml).findall("s:url/s:loc", NS)]


def sitemap_entries(client) -> dict[str, str | None]:
    """Every address a search engine finds by following the index: address → lastmod."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert index["Content-Type"].startswith("application/xml")
    entries = {}
    for loc in ElementTree.fromstring(index.content).findall("s:sitemap/s:loc", NS):
        response = client.get(loc.text.removeprefix("http://testserver"))
        assert response.status_code == 200, loc.text
        for url in ElementTree.fromstring(response.content).findall("s:url", NS):
            lastmod = url.find("s:lastmod", NS)
            entries[url.find("s:loc", NS).text] = lastmod.text if lastmod is not None else None
    return entries


def test_sitemap_lists_live_pages_topics_and_officials(client, city, topics, roster, make_release):
    release = make_release(topics=[topics["parks"]])
    draft = make_release("Draft story")
    draft.unpublish()
    entries = sitemap_entries(client)
    assert "http://testserver/news/harlow-creek-opens-millrace-park/" in entries
    assert "http://testserver/news/draft-story/" not in entries
    assert "http://testserver/" in entries
    assert "http://testserver/news/" in entries
    assert "http://testserver/topics/parks/" in entries
    assert "http://testserver/topics/water/" not in entries  # no releases yet
    assert "http://testserver/officials/ines-park/" in entries
    assert entries[release.full_url] == str(timezone.localtime(release.last_published_at).date())


def test_the_index_pages_the_releases_oldest_first(client, city, make_release, monkeypatch):
    monkeypatch.setattr("dateline.feeds.sitemaps.RELEASES_PER_SITEMAP", 2)
    releases = [make_release(f"Story number {n}") for n in range(5)]
    releases[1].unpublish()
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert sections == [
        "http://testserver/sitemaps/pages/1.xml",
        "http://testserver/sitemaps/releases/1.xml",
        "http://testserver/sitemaps/releases/2.xml",
        "http://testserver/sitemaps/topics/1.xml",
        "http://testserver/sitemaps/officials/1.xml",
    ]
    pages = [locations(client.get(f"/sitemaps/releases/{n}.xml").content) for n in (1, 2)]
    assert pages == [
        [releases[0].full_url, releases[2].full_url],
        [releases[3].full_url, releases[4].full_url],
    ]
    # The release pages are not listed again with the other pages.
    assert releases[0].full_url not in locations(client.get("/sitemaps/pages/1.xml").content)


def test_a_sitemap_page_that_does_not_exist_is_not_found(client, city, make_release):
    make_release()
    assert client.get("/sitemaps/releases/1.xml").status_code == 200
    assert client.get("/sitemaps/releases/2.xml").status_code == 404
    assert client.get("/sitemaps/releases/0.xml").status_code == 404
    assert client.get("/sitemaps/letters/1.xml").status_code == 404


def test_news_sitemap_covers_the_last_48_hours(client, city, make_release):
    fresh = make_release("Fresh story")
    stale = make_release("Stale story")
    NewsReleasePage.objects.filter(pk=stale.pk).update(
        first_published_at=timezone.now() - timedelta(hours=49)
    )
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    urls = [u.find("s:loc", NS).text for u in tree.findall("s:url", NS)]
    assert urls == [fresh.full_url]
    news = tree.find("s:url/news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "City of Harlow Creek"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:title", NS).text == "Fresh story"


def test_robots_txt_points_at_the_sitemaps(client, city):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
