"""A headline with a control character already in the database: every feed still answers."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from wagtail.models import Page

from dateline.releases.models import NewsReleasePage

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/feeds/topic/parks/rss.xml"]


def write_title(page, title):
    """Store the headline as a bad import or a hand edit would: past every form."""
    Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)
    NewsReleasePage.objects.filter(pk=page.pk).update(dek="Crews\x0bare done.")
    revision = page.latest_revision
    revision.content["title"] = title
    revision.save(update_fields=["content"])


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("Mill Street\x0breopens Monday", "Mill Street reopens Monday"),
        ("Mill Street reopens\x00 Monday", "Mill Street reopens Monday"),
    ],
)
@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_answers_with_the_headline_cleaned(
    client, make_release, topics, stored, shown, url
):
    if "\x00" in stored and connection.vendor != "sqlite":
        pytest.skip("PostgreSQL cannot store a NUL, so none can come out of its database")
    release = make_release("Mill Street reopens", topics=[topics["parks"]])
    write_title(release, stored)

    response = client.get(url)

    assert response.status_code == 200
    if url.endswith(".json"):
        # feedparser 6.0 reads no JSON Feed; the items are what a JSON Feed reader shows.
        entries = [(i["title"], i["summary"]) for i in response.json()["items"]]
    else:
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.get("bozo_exception")
        entries = [(e.title, e.summary) for e in feed.entries]
    assert entries == [(shown, "Crews are done.")]


def test_news_sitemap_carries_the_headline_cleaned(client, make_release):
    release = make_release("Mill Street reopens")
    write_title(release, "Mill Street\x0breopens Monday")

    response = client.get("/news-sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [t.text for t in root.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert titles == ["Mill Street reopens Monday"]


def test_release_page_and_newsroom_show_the_headline_cleaned(client, make_release, city):
    release = make_release("Mill Street reopens")
    write_title(release, "Mill Street\x0breopens Monday")

    for url in (release.url, city["newsroom"].url):
        html = client.get(url).content.decode()
        assert ">Mill Street reopens Monday</a" in html or "Monday</h1>" in html
        assert "<title>Mill Street reopens Monday" in html or url != release.url
