"""RSS, Atom and JSON Feed as feed readers see them."""

from datetime import datetime, timedelta

import feedparser
import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from dateline.officials.models import Official, ReleaseMention
from tests.helpers import PACIFIC, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(city, topics, make_release, rich):
    older = make_release(
        "Water main work on Mill Street",
        when=datetime(2024, 3, 4, 9, tzinfo=PACIFIC),
        topics=[topics["water"]],
        dek="Crews start Monday.",
        body=[
            ("paragraph", rich('<p>Crews will replace pipe. <a href="/news/">More news</a>.</p>'))
        ],
    )
    newer = make_release(
        "Millrace Park opens",
        when=datetime(2024, 6, 1, 10, 30, tzinfo=PACIFIC),
        topics=[topics["parks"]],
        image=make_image(),
        lead_image_alt="Children on a new slide",
        lead_image_caption="Opening day.",
    )
    draft = make_release("Draft about parks", topics=[topics["parks"]])
    draft.unpublish()
    return older, newer


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("fmt", ["rss.xml", "atom.xml"])
def test_site_feed_lists_releases_newest_first_with_full_content(client, releases, fmt):
    response, feed = parse(client, f"/feeds/{fmt}")
    assert feed.feed.title == "City of Harlow Creek news"
    assert [e.title for e in feed.entries] == [
        "Millrace Park opens",
        "Water main work on Mill Street",
    ]
    newest, oldest = feed.entries
    assert newest.link == "http://testserver/news/millrace-park-opens/"
    # Full content, with the dateline and absolute links.
    body = oldest.content[0].value
    assert "Harlow Creek, Ore. (March 4, 2024) –" in body
    assert 'href="http://testserver/news/"' in body
    assert oldest.summary == "Crews start Monday."
    # The release's own time, with its offset.
    assert oldest.published_parsed[:5] == (2024, 3, 4, 17, 0)  # 9 a.m. PST is 17:00 UTC
    assert [t.term for t in newest.tags] == ["Parks"]
    # The lead image travels as an enclosure.
    enclosure = next(link for link in newest.links if link.rel == "enclosure")
    assert enclosure.type == "image/jpeg"
    assert enclosure.href.startswith("http://testserver/media/images/")
    assert "Draft about parks" not in response.content.decode()


def test_json_feed_has_the_required_fields(client, releases):
    response = client.get("/feeds/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"] == "http://testserver/"
    assert feed["feed_url"] == "http://testserver/feeds/feed.json"
    assert [item["title"] for item in feed["items"]] == [
        "Millrace Park opens",
        "Water main work on Mill Street",
    ]
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith("http://testserver/")
        assert "content_html" in item or "content_text" in item
        datetime.fromisoformat(item["date_published"])
    newest = feed["items"][0]
    assert newest["date_published"] == "2024-06-01T10:30:00-07:00"
    assert newest["image"].startswith("http://testserver/media/images/")
    assert newest["attachments"][0]["mime_type"] == "image/jpeg"
    assert newest["attachments"][0]["size_in_bytes"] > 0


def test_scoped_feeds(client, city, releases, roster):
    _, topic_feed = parse(client, "/feeds/topic/water/rss.xml")
    assert [e.title for e in topic_feed.entries] == ["Water main work on Mill Street"]
    _, newsroom_feed = parse(client, "/feeds/newsroom/news/atom.xml")
    assert len(newsroom_feed.entries) == 2
    park = Official.objects.get(name="Ines Park")
    ReleaseMention.objects.create(page=releases[1], official=park, role="Mayor", confirmed=True)
    ReleaseMention.objects.create(page=releases[0], official=park, role="Mayor", confirmed=False)
    official_feed = client.get(f"/feeds/official/{park.slug}/feed.json").json()
    assert [i["title"] for i in official_feed["items"]] == ["Millrace Park opens"]
    assert client.get("/feeds/topic/zoning/rss.xml").status_code == 404
    assert client.get("/feeds/planet/mars/rss.xml").status_code == 404


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"])
def test_conditional_get_answers_304_until_something_changes(client, releases, make_release, url):
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    make_release("Library hours grow")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_unpublishing_changes_the_feed(client, releases):
    etag = client.get("/feeds/rss.xml")["ETag"]
    releases[0].unpublish()
    response = client.get("/feeds/rss.xml", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Water main work" not in response.content.decode()


def test_pages_announce_their_feeds(client, city, releases):
    html = client.get(city["newsroom"].url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="City News – City of Harlow Creek"'
        ' href="http://testserver/feeds/newsroom/news/rss.xml">'
    ) in html
    assert 'type="application/feed+json"' in html
    html = client.get("/topics/parks/").content.decode()
    assert 'href="http://testserver/feeds/topic/parks/atom.xml"' in html
    html = client.get("/").content.decode()
    assert 'href="http://testserver/feeds/rss.xml"' in html


def test_last_modified_counts_a_release_taken_down_after_the_newest_publish(client, releases):
    """A reader's copy that still lists a withdrawn release is stale, whatever the second."""
    PageLogEntry.objects.filter(action="wagtail.unpublish").update(
        timestamp=timezone.now() + timedelta(seconds=5)
    )
    for url in ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"):
        modified = client.get(url)["Last-Modified"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304, url
