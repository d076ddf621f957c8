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


def test_sitemap_lists_live_pages_topics_and_officials(client, city, topics, roster, make_release):
    release = make_release(topics=[topics["parks"]])
    draft = make_release("Draft story")
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = locations(response.content)
    assert "http://testserver/news/harlow-creek-opens-millrace-park/" in urls
    assert "http://testserver/news/draft-story/" not in urls
    assert "http://testserver/topics/parks/" in urls
    assert "http://testserver/topics/water/" not in urls  # no releases yet
    assert "http://testserver/officials/ines-park/" in urls
    tree = ElementTree.fromstring(response.content)
    entry = next(
        u for u in tree.findall("s:url", NS) if u.find("s:loc", NS).text == release.full_url
    )
    assert entry.find("s:lastmod", NS).text.startswith(str(release.last_published_at.year))


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
