"""A dek is plain text: in feed elements that carry HTML it stays text, never markup."""

from html.parser import HTMLParser

import feedparser
import pytest

pytestmark = pytest.mark.django_db

PAYLOAD = "<img src=x onerror=alert(1)> Crews start Monday."


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags_in(html: str) -> list[str]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize(
    "url, element", [("/feeds/rss.xml", "description"), ("/feeds/atom.xml", "summary")]
)
def test_a_dek_with_markup_reaches_readers_as_text(client, make_release, url, element):
    make_release("Water main work on Mill Street", dek=PAYLOAD)

    response = client.get(url)

    raw = response.content.decode()
    assert "&amp;lt;img src=x onerror=alert(1)&amp;gt;" in raw
    entry = feedparser.parse(response.content).entries[0]
    # What a reader that renders the description as HTML gets: the characters, no image.
    assert entry.summary.startswith("&lt;img src=x onerror=alert(1)&gt;")
    assert "img" not in tags_in(entry.summary)


def test_seo_description_is_escaped_when_there_is_no_dek(client, make_release):
    make_release("Water main work on Mill Street", search_description='<a href="x">Read</a>')

    entry = feedparser.parse(client.get("/feeds/rss.xml").content).entries[0]

    assert entry.summary == "&lt;a href=&quot;x&quot;&gt;Read&lt;/a&gt;"


def test_json_feed_summary_stays_plain_text(client, make_release):
    make_release("Water main work on Mill Street", dek=PAYLOAD)

    item = client.get("/feeds/feed.json").json()["items"][0]

    assert item["summary"] == PAYLOAD
