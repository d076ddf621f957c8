"""RSS, Atom and WordPress exports: each item a release, the feed's own chrome left behind."""

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from dateline.importer import sources
from dateline.importer.readers.feeds import read_feed
from dateline.importer.readers.wxr import read_wxr
from dateline.importer.record import RawDocument, ReadError

SAMPLES = Path(__file__).parent / "samples" / "feeds"
FEEDS = ["harlow-news.rss", "harlow-summaries.rss", "harlow-council.atom", "harlow-wordpress.xml"]
DATELINE = re.compile(r"^HARLOW CREEK, Ore\.( \([^)]*\))? – ")


def raw_documents(name: str) -> list[RawDocument]:
    items = list(sources.walk([SAMPLES / name]))
    assert all(isinstance(i, RawDocument) for i in items), items
    return items


def as_json(doc: RawDocument) -> dict:
    """The release as ``--dry-run --json`` shows it, through the newsroom rules."""
    try:
        from dateline.importer.newsroom import structure
    except ImportError:  # pragma: no cover - only while the newsroom rules are being written
        return {
            "source": doc.source,
            "format": doc.format,
            "headline": doc.titles[0],
            "published": doc.published.date().isoformat()
            if isinstance(doc.published, datetime)
            else doc.published.isoformat(),
            "published_at": doc.published.isoformat()
            if isinstance(doc.published, datetime)
            else None,
            "url": doc.url or None,
            "images": [
                {"alt": i.alt, "caption": i.caption, "credit": i.credit} for i in doc.images
            ],
            "body": [DATELINE.sub("", b.text) for b in doc.blocks],
            "categories": doc.categories,
        }
    return structure(doc).as_json()


@pytest.mark.parametrize("name", FEEDS)
def test_each_release_matches_what_the_city_published(name):
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    found = [as_json(doc) for doc in raw_documents(name)]
    assert [r["headline"] for r in found] == [e["headline"] for e in expected]
    for record, wanted in zip(found, expected, strict=True):
        for key, value in wanted.items():
            if key in record:
                assert record[key] == value, f"{record['source']} {key}"


# --- RSS ---------------------------------------------------------------------------------


def test_rss_items_become_releases_and_the_channel_does_not():
    docs = read_feed((SAMPLES / "harlow-news.rss").read_bytes(), "news.rss")
    assert [d.source for d in docs] == ["news.rss#1", "news.rss#2", "news.rss#3"]
    assert all(d.format == "rss" for d in docs)
    every_text = " ".join(b.text for d in docs for b in d.blocks)
    assert "Releases from the City of Harlow Creek, Oregon" not in every_text
    assert all(
        i.src != "https://www.harlowcreek.example/static/seal.png" for d in docs for i in d.images
    )


def test_rss_keeps_links_authors_and_the_day_as_the_city_saw_it():
    bridge, pool, leaves = read_feed((SAMPLES / "harlow-news.rss").read_bytes(), "news.rss")
    # 5:45 p.m. Pacific is already the next day in UTC; the release day must not move.
    assert leaves.published == datetime.fromisoformat("2024-10-25T17:45:00-07:00")
    assert leaves.published.date() == date(2024, 10, 25)
    assert leaves.author == "Public Works Department"  # "press@… (Public Works Department)"
    assert bridge.author == "Nora Delgado"
    assert 'href="https://www.harlowcreek.example/bridge"' in bridge.blocks[-1].html
    assert bridge.images[0].src.endswith("/media/mill-street-bridge.jpg")
    assert [b.kind for b in pool.blocks][2:5] == ["heading", "list_item", "list_item"]


def test_summary_feeds_lose_the_appeared_first_footer_and_say_the_text_is_short():
    coffee, bikes = read_feed((SAMPLES / "harlow-summaries.rss").read_bytes(), "police.rss")
    for doc in (coffee, bikes):
        texts = [b.text for b in doc.blocks]
        assert not any("appeared first on" in t for t in texts)
        assert not any("Continue reading" in t or "[…]" in t for t in texts)
        assert doc.warnings == [
            f"the feed carries only a summary; the full text is on the page at {doc.url}"
        ]
    assert coffee.blocks[-1].text.endswith("Chief Marisol Reyes will attend.")
    assert bikes.blocks[-1].text.endswith("from 10 a.m. to 2 p.m.")


def test_rss_without_dates_or_with_odd_ones_still_reads():
    feed = b"""<rss version="2.0"><channel><title>Harlow Creek</title>
    <item><title>Trail closed for repairs</title><pubDate>sometime in May</pubDate>
    <description>The Ridge Trail is closed.</description></item>
    <item><title>Trail reopens</title><pubDate>2024-05-20</pubDate>
    <description>The Ridge Trail is open again.</description></item>
    </channel></rss>"""
    closed, reopened = read_feed(feed, "trails.rss")
    assert closed.published is None
    assert closed.blocks[0].text == "The Ridge Trail is closed."
    assert reopened.published.date() == date(2024, 5, 20)


# --- Atom --------------------------------------------------------------------------------


def test_atom_entries_read_html_text_and_xhtml_content():
    docs = read_feed((SAMPLES / "harlow-council.atom").read_bytes(), "council.atom")
    okoye, budget, speech = docs
    assert [d.format for d in docs] == ["atom"] * 3
    assert okoye.author == "Priya Anand"
    assert okoye.published.isoformat() == "2024-01-08T19:40:00-08:00"  # published, not updated
    assert okoye.categories == ["City Council"]  # the label, not the term
    assert budget.titles == ["Budget hearings & public comment dates set"]
    assert budget.published.isoformat() == "2024-05-14T12:00:00+00:00"  # only <updated>
    assert budget.author == "City Clerk's Office"  # an entry without one takes the feed's
    assert len(budget.blocks) == 2  # a text summary split on its blank line
    assert speech.titles == ["Mayor Park to give State of the City address"]
    assert (
        speech.blocks[1].text == "The event is free and open to the public. Doors open at 5:30 p.m."
    )


def test_something_that_is_not_a_feed_is_named():
    with pytest.raises(
        ReadError, match=r"not an RSS or Atom feed \(the root element is <urlset>\)"
    ):
        read_feed(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "sitemap.xml")


# --- WordPress ---------------------------------------------------------------------------


@pytest.fixture
def posts():
    return read_wxr((SAMPLES / "harlow-wordpress.xml").read_bytes(), "export.xml")


def test_only_posts_are_releases(posts):
    # Items 2 and 4 are attachments, 6 a page ("About the Newsroom"), 7 a menu item.
    assert [p.source for p in posts] == ["export.xml#1", "export.xml#3", "export.xml#5"]
    assert "About the Newsroom" not in [p.titles[0] for p in posts]
    assert all(p.format == "wxr" for p in posts)


def test_wordpress_status_author_and_terms_carry_over(posts):
    trees, market, shelter = posts
    assert [p.status for p in posts] == ["publish", "publish", "draft"]
    assert trees.author == "Nora Delgado"  # the display name, not the login "ndelgado"
    assert trees.categories == ["Parks", "Earth Day"]  # category then tag
    assert market.categories == ["Farmers Market"]  # "Uncategorized" is WordPress's default
    assert trees.url == "https://news.harlowcreek.example/2024/04/volunteers-plant-trees/"


def test_wordpress_dates_keep_the_site_day(posts):
    trees, _, shelter = posts
    assert trees.published.isoformat() == "2024-04-20T15:15:00-07:00"
    # A draft has no GMT date; its local date is read with the site's offset.
    assert shelter.published.date() == date(2024, 11, 18)
    assert shelter.published.tzinfo is not None


def test_featured_image_comes_first_with_alt_and_caption(posts):
    trees = posts[0]
    assert len(trees.images) == 1
    image = trees.images[0]
    assert image.alt == "Mayor Ines Park pats down soil around a young cedar beside the creek"
    assert (
        image.caption == "Mayor Ines Park plants a western red cedar near the Mill Street bridge."
    )
    assert image.src.endswith("/uploads/2024/04/volunteers-cedar.jpg")


def test_caption_shortcodes_become_images_not_text(posts):
    market = posts[1]
    assert [(i.alt, i.caption) for i in market.images] == [
        (
            "Shoppers walk between produce stalls under white tents",
            "Vendors set up at Depot Square on opening day last year.",
        )
    ]
    texts = [b.text for b in market.blocks]
    assert not any("[caption" in t or "Vendors set up" in t for t in texts)
    # Blank-line separated text without <p> is still one paragraph per chunk.
    assert texts[-2:] == ["Parking", "Free parking is available in the Depot Street garage."]
    assert market.blocks[-2].kind == "heading"


WXR_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Harlow Creek</title><wp:wxr_version>1.1</wp:wxr_version>
"""


def test_a_missing_featured_attachment_is_a_warning_and_wxr_1_1_reads():
    export = (
        WXR_HEAD
        + """<item><title>Dog park opens</title><link>https://news.harlowcreek.example/dogs/</link>
<dc:creator>admin</dc:creator>
<content:encoded><![CDATA[The dog park at Alder Field opens Friday.

[gallery ids="4,5,6"]

Dogs must be licensed.]]></content:encoded>
<wp:post_id>3</wp:post_id><wp:post_date>2023-08-04 10:00:00</wp:post_date>
<wp:post_date_gmt>2023-08-04 17:00:00</wp:post_date_gmt>
<wp:status>future</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>99</wp:meta_value></wp:postmeta>
</item></channel></rss>"""
    )
    (dog,) = read_wxr(export.encode(), "old.xml")
    assert dog.status == "future"
    assert dog.author == "admin"  # no wp:author entry to give a display name
    assert [b.text for b in dog.blocks] == [
        "The dog park at Alder Field opens Friday.",
        "Dogs must be licensed.",
    ]
    assert dog.images == []
    assert dog.warnings == ["featured image (attachment 99) is not in this export"]


def test_a_plain_rss_feed_is_not_a_wordpress_export():
    with pytest.raises(ReadError, match="not a WordPress export"):
        read_wxr((SAMPLES / "harlow-news.rss").read_bytes(), "news.rss")


@pytest.mark.parametrize("reader", [read_feed, read_wxr])
def test_readers_refuse_entities_themselves(reader):
    hostile = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>
    <rss version="2.0"><channel><item><title>&a;</title></item></channel></rss>"""
    with pytest.raises(ReadError, match=r"^refused: the XML declares entities"):
        reader(hostile, "x.xml")
