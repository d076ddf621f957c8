"""Plain-text and Markdown captures of old releases, read and put through the newsroom rules."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from dateline.importer.newsroom import structure
from dateline.importer.readers.text import looks_like_markdown, read_text
from dateline.importer.record import HEADING, LIST_ITEM, QUOTE, ReadError

SAMPLES = Path(__file__).parent / "samples" / "text"
CAPTURES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))


def records(text: str, markdown: bool | None = None) -> list[dict]:
    return [structure(doc).as_json() for doc in read_text(text, "capture", markdown=markdown)]


def test_there_are_enough_samples_of_each_kind():
    assert len([n for n in CAPTURES if n.endswith(".txt")]) >= 6
    assert len([n for n in CAPTURES if n.endswith(".md")]) >= 4


@pytest.mark.parametrize("name", CAPTURES)
def test_each_capture_reads_as_the_city_published_it(name):
    path = SAMPLES / name
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    # The format is told from the text itself, and agrees with the file's extension.
    docs = read_text(path.read_text(encoding="utf-8"), name)
    assert [d.format for d in docs] == ["markdown" if name.endswith(".md") else "text"] * len(docs)
    found = [structure(doc).as_json() for doc in docs]
    assert [r["headline"] for r in found] == [e["headline"] for e in expected]
    for record, wanted in zip(found, expected, strict=True):
        for key, value in wanted.items():
            assert record[key] == value, f"{name}: {key}"


# --- the capture's repeats ---------------------------------------------------------------


def test_page_title_and_heading_make_one_headline():
    (record,) = records(
        "Pool opens June 1 | City of Harlow Creek\n# Pool opens June 1\n\n"
        "HARLOW CREEK, Ore. (May 20, 2024) – Alder Pool opens June 1 with free swim lessons.\n"
    )
    assert record["headline"] == "Pool opens June 1"
    assert record["body"] == ["Alder Pool opens June 1 with free swim lessons."]
    assert record["warnings"] == []


def test_markdown_caption_under_the_picture_and_its_repeat_are_one_caption():
    (record,) = records(
        "# Plows ready\n\n![Plow at the yard](plow.jpg)\n\n*Plow at the yard*\n\n"
        "Plow at the yard\n\nHARLOW CREEK, Ore., Dec. 1, 2023 — Plows are ready for winter.\n"
    )
    assert record["images"] == [
        {"alt": "Plow at the yard", "caption": "Plow at the yard", "credit": ""}
    ]
    assert record["body"] == ["Plows are ready for winter."]


def test_plain_text_caption_line_is_a_picture_the_capture_lost():
    (doc,) = read_text(
        "Crews fix Elm Street\n\nPhoto: A crew patches Elm Street. Photo by Sam Ortiz\n\n"
        "HARLOW CREEK, Ore. — Crews patched 40 potholes on Elm Street this week.\n",
        "elm.txt",
        markdown=False,
    )
    assert doc.images[0].src == "" and doc.images[0].caption.startswith("A crew patches")
    record = structure(doc).as_json()
    assert record["images"] == [
        {"alt": "", "caption": "A crew patches Elm Street.", "credit": "Sam Ortiz"}
    ]
    assert record["warnings"] == ["no date found"]


def test_related_headlines_repeated_under_their_links_count_once():
    (record,) = records(
        "# Budget adopted\n\nHARLOW CREEK, Ore. (June 4, 2024) – The council adopted the "
        "budget.\n\n## Related News\n\n- [Pool opens June 1](https://harlowcreek.example/pool)\n"
        "\n  Pool opens June 1\n\n- [Leaf pickup begins](https://harlowcreek.example/leaves)\n"
    )
    assert record["related"] == [
        {"headline": "Pool opens June 1", "url": "https://harlowcreek.example/pool"},
        {"headline": "Leaf pickup begins", "url": "https://harlowcreek.example/leaves"},
    ]
    assert record["body"] == ["The council adopted the budget."]


def test_a_paragraph_the_release_repeats_is_kept_twice():
    (record,) = records(
        "Water main work\n\nHARLOW CREEK, Ore. — Crews replace the Oak Street main Monday.\n\n"
        "Call 555-0110 with questions.\n\nThe work takes two days.\n\n"
        "Call 555-0110 with questions.\n",
        markdown=False,
    )
    assert record["body"].count("Call 555-0110 with questions.") == 2


# --- paragraphs and lines ----------------------------------------------------------------


def test_hard_wrapped_lines_join_and_one_paragraph_per_line_stays_apart():
    wrapped = records(
        "Title here\n\nHARLOW CREEK, Ore. — The council met on Tuesday and voted to fund\n"
        "the new crosswalks near all four elementary schools this year.\n",
        markdown=False,
    )[0]
    assert wrapped["body"] == [
        "The council met on Tuesday and voted to fund the new crosswalks near all four "
        "elementary schools this year."
    ]
    per_line = records(
        "Title here\nHARLOW CREEK, Ore. — The council met on Tuesday.\n"
        "It voted to fund new crosswalks.\nWork begins in June.\n",
        markdown=False,
    )[0]
    assert per_line["body"] == [
        "The council met on Tuesday.",
        "It voted to fund new crosswalks.",
        "Work begins in June.",
    ]


def test_markdown_structure_becomes_block_kinds_and_links_survive_in_html():
    (doc,) = read_text(
        "# Title\n\nSee the [map](https://harlowcreek.example/map) and **plan**.\n\n"
        "## Details\n\n- First item\n1. Second item\n\n> “A quotation here.”\n",
        "x.md",
    )
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[1:] == [
        ("paragraph", "See the map and plan."),
        (HEADING, "Details"),
        (LIST_ITEM, "First item"),
        (LIST_ITEM, "Second item"),
        (QUOTE, "“A quotation here.”"),
    ]
    assert doc.blocks[1].html == (
        'See the <a href="https://harlowcreek.example/map">map</a> and <strong>plan</strong>.'
    )


def test_unsafe_links_keep_only_their_words():
    (doc,) = read_text("# T\n\nClick [here](javascript:alert(1)) now.\n", "x.md")
    assert "javascript" not in doc.blocks[1].html and "<a" not in doc.blocks[1].html


def test_front_matter_gives_title_date_address_and_tags():
    (doc,) = read_text(
        "---\ntitle: 'Library adds Sunday hours'\ndate: 2024-01-09T10:00:00-08:00\n"
        "url: https://harlowcreek.example/news/library\ntags:\n  - Library\n  - Parks\n---\n\n"
        "The Main Library opens Sundays.\n",
        "x.md",
    )
    assert doc.titles[0] == "Library adds Sunday hours"
    assert isinstance(doc.published, datetime) and doc.published.date() == date(2024, 1, 9)
    assert doc.url == "https://harlowcreek.example/news/library"
    assert doc.categories == ["Library", "Parks"]


def test_markdown_is_detected_from_the_text():
    assert looks_like_markdown("# Title\n\nText")
    assert looks_like_markdown("Text with a [link](https://harlowcreek.example).")
    assert not looks_like_markdown("Title\n\nHARLOW CREEK, Ore. — Text.\n\n###\n")


def test_an_empty_capture_is_a_read_error():
    with pytest.raises(ReadError):
        read_text(" \n\n\ufeff", "empty.txt")


def test_windows_line_ends_and_a_byte_order_mark_read_the_same():
    unix = records("Title\n\nHARLOW CREEK, Ore. — Body text here.\n", markdown=False)
    windows = records("\ufeffTitle\r\n\r\nHARLOW CREEK, Ore. — Body text here.\r\n", False)
    assert unix == windows
