"""Saved pages and HTML fragments: the release a reader sees, without the site around it."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image as PILImage

from dateline.importer.readers.html import blocks_from_html, read_html
from dateline.importer.record import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, ReadError

SAMPLES = Path(__file__).parent / "samples" / "html"
PAGES = sorted(p.name for p in SAMPLES.glob("*.html"))
# Samples whose expected file says what is right but a newsroom rule does not do yet:
# {file name: reason naming the rule}. Kept short on purpose.
NEWSROOM_GAPS: dict[str, str] = {}


def read(name: str):
    (doc,) = read_html((SAMPLES / name).read_text(encoding="utf-8"), name)
    return doc


def as_json(name: str) -> list[dict]:
    newsroom = pytest.importorskip("dateline.importer.newsroom")
    docs = read_html((SAMPLES / name).read_text(encoding="utf-8"), name)
    return [newsroom.structure(doc).as_json() for doc in docs]


def comparable(key: str, value):
    # A quote's closing comma ("…together,” said) is punctuation of the sentence around it.
    if key == "quotes":
        return [{**q, "text": q["text"].rstrip(",.")} for q in value]
    return value


def test_there_are_samples_from_every_kind_of_site():
    assert len(PAGES) >= 13
    assert (SAMPLES / "wordpress-playground_files").is_dir()  # a page saved complete
    for style in ("granicus", "civicplus", "drupal", "wordpress", "plain", "fragment"):
        assert any(p.startswith(style) for p in PAGES), style
    for name in PAGES:
        assert (SAMPLES / f"{Path(name).stem}.expected.json").is_file(), name


@pytest.mark.parametrize("name", PAGES)
def test_each_page_reads_as_the_city_published_it(name, request):
    if name in NEWSROOM_GAPS:
        request.applymarker(pytest.mark.xfail(reason=NEWSROOM_GAPS[name], strict=True))
    found = as_json(name)
    expected = json.loads((SAMPLES / f"{Path(name).stem}.expected.json").read_text("utf-8"))
    assert [r["headline"] for r in found] == [e["headline"] for e in expected]
    for record, wanted in zip(found, expected, strict=True):
        for key, value in wanted.items():
            assert key in record, key
            assert comparable(key, record[key]) == comparable(key, value), f"{name}: {key}"


# --- blocks_from_html ----------------------------------------------------------------------


def test_blocks_keep_document_order_and_kind():
    blocks, images = blocks_from_html(
        "<p>HARLOW CREEK, Ore. – Opening.</p><h2>Schedule</h2>"
        "<ul><li>Monday</li><li>Tuesday</li></ul>"
        "<blockquote><p>“A good day,” said Mayor Ines Park.</p></blockquote><p>Closing.</p>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (PARAGRAPH, "HARLOW CREEK, Ore. – Opening."),
        (HEADING, "Schedule"),
        (LIST_ITEM, "Monday"),
        (LIST_ITEM, "Tuesday"),
        (QUOTE, "“A good day,” said Mayor Ines Park."),
        (PARAGRAPH, "Closing."),
    ]
    assert images == []


def test_inline_markup_is_kept_safe_and_links_stay_as_written():
    (block,) = blocks_from_html(
        '<p class="x" style="color:red">Read the <a href="/budget" onclick="steal()" '
        'target="_blank">budget</a>, <strong>now</strong> <span>or</span> <em>later</em>. '
        '<a href="javascript:alert(1)">Click</a><img src="x.gif" onerror="steal()"></p>'
    )[0]
    assert block.text == "Read the budget, now or later. Click"
    assert block.html == (
        'Read the <a href="/budget">budget</a>, <strong>now</strong> or <em>later</em>. Click'
    )


def test_scripts_styles_and_empty_paragraphs_are_dropped():
    blocks, _ = blocks_from_html(
        "<p>&nbsp;</p><script>track()</script><style>p{}</style><noscript>Enable JS</noscript>"
        "<p> \n </p><p>The only paragraph.</p><p><br></p>"
    )
    assert [b.text for b in blocks] == ["The only paragraph."]


def test_wordpress_bodies_without_paragraph_tags_split_on_blank_lines_and_double_breaks():
    blocks, _ = blocks_from_html(
        "First paragraph,\nstill the first.\n\nSecond paragraph.<br><br>Third, with<br>a break."
    )
    assert [b.text for b in blocks] == [
        "First paragraph, still the first.",
        "Second paragraph.",
        "Third, with a break.",
    ]
    assert blocks[2].html == "Third, with<br>a break."


def test_caption_shortcodes_and_wp_caption_divs_become_captioned_pictures():
    blocks, images = blocks_from_html(
        '[caption id="attachment_9" width="640"]<a href="/big.jpg"><img src="/trail.jpg" '
        'alt="A gravel trail" width="640" /></a> The new trail.[/caption]\n\n'
        '<div class="wp-caption"><img src="https://harlowcreek.example/dam.jpg" alt="The dam">'
        '<p class="wp-caption-text">The dam in May. <span class="photo-credit">Photo: Jo Ruiz'
        "</span></p></div><p>Body text.</p>"
    )
    assert [b.text for b in blocks] == ["Body text."]  # a caption is not also a paragraph
    assert [(i.alt, i.caption, i.credit, i.src) for i in images] == [
        ("A gravel trail", "The new trail.", "", "/trail.jpg"),
        ("The dam", "The dam in May.", "Jo Ruiz", "https://harlowcreek.example/dam.jpg"),
    ]


def test_lazy_pictures_keep_their_real_address_and_tracking_pixels_are_not_pictures():
    _, images = blocks_from_html(
        '<figure><img src="data:image/gif;base64,R0lGOD" data-src="/photos/pool.jpg" alt="Pool">'
        "<figcaption>Alder Pool</figcaption></figure>"
        '<p>Text<img src="https://stats.example/p.gif" width="1" height="1"></p>'
    )
    assert [(i.src, i.caption) for i in images] == [("/photos/pool.jpg", "Alder Pool")]


def test_nothing_in_nothing_out():
    assert blocks_from_html("") == ([], [])
    assert blocks_from_html("<!-- a comment -->") == ([], [])


# --- read_html -----------------------------------------------------------------------------

# Words from the menus, share bars, sidebars and footers written around the samples' articles.
CHROME = [
    "Skip to",
    "Jump to navigation",
    "Enter the terms",
    "Search",
    "uses cookies",
    "We use cookies",
    "Back to News",
    "Back to all news",
    "Return to News",
    "View All",
    "Share on",
    "Share this",
    "Share & Bookmark",
    "Printer-friendly",
    "Quick Links",
    "Post Date",
    "Posted on",
    "Submitted on",
    "Leave a Reply",
    "Recent Posts",
    "Latest News",
    "Other News",
    "You may also like",
    "Post navigation",
    "100 Main St.",
    "Proudly powered",
    "Sign up for email updates",
    "Tagged",
    "Tags:",
    "Notify Me",
    "Main navigation",
    "Departments",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_chrome_is_left_out(name):
    doc = read(name)
    for block in doc.blocks:
        for chrome in CHROME:
            assert chrome.casefold() not in block.text.casefold(), (name, block.text)
        assert block.text != "Home"
    for image in doc.images:
        assert "logo" not in image.src.casefold() and "icon" not in image.src.casefold()


def test_a_granicus_page_finds_its_date_and_the_address_it_was_saved_from():
    doc = read("granicus-pool-reopens.html")
    assert doc.titles[0] == "Alder Pool reopens May 15 after roof repairs"
    assert doc.published == date(2021, 5, 3)  # "Posted on: May 3, 2021"
    assert doc.url == "https://www.harlowcreek.example/news/alder-pool-reopens-may-15"
    assert doc.format == "html" and doc.source == "granicus-pool-reopens.html"
    # The banner, the dateline and the contact block are kept for the newsroom rules.
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "FOR IMMEDIATE RELEASE"
    assert texts[1].startswith("HARLOW CREEK, Ore. (May 3, 2021) – Alder Pool will reopen")
    contact = next(b for b in doc.blocks if b.text.startswith("Contact:"))
    assert contact.html.startswith("Contact:<br>Dana Whitfield, Parks and Recreation<br>")
    assert doc.images == []  # the logo, the share icon and the counting pixel are not photos


def test_a_civicplus_post_date_keeps_its_time():
    doc = read("civicplus-water-main.html")
    assert doc.published == datetime(2022, 6, 14, 9, 30)
    assert doc.titles == ["Water main replacement on Birch Street begins June 20"]
    assert [b.kind for b in doc.blocks].count(LIST_ITEM) == 3


def test_drupal_metadata_tags_and_lead_photo():
    doc = read("drupal-budget-adopted.html")
    assert doc.published == datetime.fromisoformat("2023-06-21T16:05:00-07:00")
    assert doc.url == "https://www.harlowcreek.example/news/council-adopts-budget-2023-24"
    assert doc.categories == ["City Council", "Budget"]
    (photo,) = doc.images
    assert photo.caption == "The City Council votes on the budget on June 20."
    assert photo.credit == "Mara Lindqvist / City of Harlow Creek"
    link = next(b for b in doc.blocks if b.text.startswith("The adopted budget"))
    assert '<a href="https://www.harlowcreek.example/budget">' in link.html


def test_json_ld_gives_the_date_when_meta_tags_do_not():
    doc = read("drupal-council-vote.html")
    assert doc.published == datetime.fromisoformat("2024-01-03T11:00:00-08:00")
    assert (doc.blocks[3].kind, doc.blocks[3].text[:14]) == (QUOTE, "“I am grateful")


def test_a_page_saved_complete_points_at_its_own_photo():
    doc = read("wordpress-playground.html")
    (photo,) = doc.images
    assert photo.src == "./wordpress-playground_files/playground-700x466.jpg"
    with PILImage.open(SAMPLES / photo.src) as picture:
        assert picture.format == "JPEG"
    assert doc.categories == ["Parks", "Playgrounds", "Riverside Park"]
    assert doc.url == "https://news.harlowcreek.example/2022/08/30/riverside-playground-opens/"


def test_related_stories_are_listed_once_each_and_leave_the_body():
    doc = read("wordpress-playground.html")
    assert [(r.headline, r.url) for r in doc.related] == [
        (
            "Splash pad opens for summer with longer hours",
            "https://news.harlowcreek.example/2022/06/02/splash-pad-summer-hours/",
        ),
        (
            "Council approves Riverside Park plan",
            "https://news.harlowcreek.example/2022/04/19/riverside-park-plan/",
        ),
    ]
    assert not any("Splash pad" in b.text for b in doc.blocks)
    civic = read("civicplus-library-hours.html")
    assert [r.headline for r in civic.related] == [
        "Library card sign-up drive starts in schools",
        "Council adopts 2024 budget",
    ]


def test_a_featured_image_outside_the_text_is_the_lead_photo():
    doc = read("wordpress-cleanup-day.html")
    assert [i.src.rsplit("/", 1)[-1] for i in doc.images] == [
        "creek-cleanup-1024x576.jpg",
        "cleanup-2022-600x400.jpg",
    ]
    # canonical is trusted over og:url's short link
    assert doc.url == "https://news.harlowcreek.example/2023/04/10/creek-cleanup-day/"


def test_an_old_table_layout_page_is_found_by_its_text():
    doc = read("plain-snow-routes.html")
    assert doc.titles == ["Snow routes in effect starting tonight"]  # from <title>
    assert doc.published == date(2021, 12, 20)
    assert [b.text[:30] for b in doc.blocks] == [
        "HARLOW CREEK, Ore. (Dec. 20, 2",
        "Vehicles parked on a marked sn",
        "The city's six plows will work",
        "A map of snow routes is on the",
        "“Please give the plows room to",
    ]


def test_a_fragment_is_read_too():
    doc = read("fragment-council-article.html")
    assert doc.titles == ["Council extends hours at the Cedar Avenue transfer station"]
    assert doc.published == date(2025, 2, 11)
    assert doc.warnings == []


def test_a_page_cut_short_is_read_with_a_warning():
    doc = read("plain-fire-ban-truncated.html")
    assert doc.warnings == ["page looks truncated (no closing </html>)"]
    assert doc.blocks[-1].text.endswith("at least 10 feet from")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Just some words, no markup at all.", "not an HTML page"),
        ("", "not an HTML page"),
        ("PK\x00\x00\x03binary", "not an HTML page"),
        (
            "<!DOCTYPE html><html><head><title>Pool reopens | City of Harlow Creek</title>"
            '</head><body><div id="header"><nav><a href="/">Home</a></nav></div><div id="con',
            "truncated or empty page: no article text found",
        ),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found"),
    ],
)
def test_what_is_not_a_page_is_refused_with_a_reason(text, reason):
    with pytest.raises(ReadError, match=reason):
        read_html(text, "bad.html")
