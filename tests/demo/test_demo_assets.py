"""Checks for the demo content (content.json) and the asset generators.

These tests need neither Django nor a database: they read the JSON file and
call the image and PDF generators directly.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import Image

from dateline.demo import images, pdf

CONTENT_PATH = Path(images.__file__).with_name("content.json")
REFERENCE_SLUG = "letter-to-transportation-secretary-ferry-street-bridge"

OFFICIALS = {
    "Rosa Delgado-Whitfield",
    "Priya Ramanathan",
    "Lena Brightwater",
    "Tomás Okafor",
    "Samuel Achterberg",
    "Wendell Huang",
    "Margaret O’Rourke",
    "Daniel Nguyễn-Park",
    "Harold Ebersole",
    "Yusuf Adeyemi-Grant",
    "Carmen Villaseñor",
    "Marcus Lindqvist",
    "Aiyana Whitecloud-Reyes",
    "Nora Castellanos",
}
VICE_MAYOR = {2024: "Tomás Okafor", 2025: "Priya Ramanathan", 2026: "Wendell Huang"}
COUNCILMEMBERS = {
    "Priya Ramanathan",
    "Lena Brightwater",
    "Tomás Okafor",
    "Samuel Achterberg",
    "Wendell Huang",
    "Margaret O’Rourke",
    "Daniel Nguyễn-Park",
}
ALLOWED_TAGS = {"p", "a", "b", "i", "ul", "ol", "li", "h2", "h3"}
BLOCK_TYPES = {"paragraph", "quote", "image", "document", "table", "cta", "embed"}


@pytest.fixture(scope="module")
def content() -> dict:
    with CONTENT_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def releases(content) -> list[dict]:
    return content["releases"]


def blocks(releases, kind):
    return [(r, b) for r in releases for b in r["body"] if b["type"] == kind]


def all_images(releases):
    found = [(r, r["lead_image"]) for r in releases if r["lead_image"]]
    return found + blocks(releases, "image")


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._href = dict(attrs).get("href", "")
            self._text = ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text.strip()))
            self._href = None


def parse_html(html: str) -> _TagCollector:
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return collector


# --------------------------------------------------------------------------
# content.json


def test_top_level_structure(content):
    city = content["city"]
    assert city["name"] == "Calder Springs"
    assert city["state"] == "California"
    assert city["time_zone"] == "America/Los_Angeles"
    assert "400 Alder Street" in city["postal_address"]
    assert city["tagline"]
    assert {n["slug"] for n in content["newsrooms"]} == {"news", "mayor"}
    contacts = content["media_contacts"]
    assert 2 <= len(contacts) <= 3
    defaults = [c for c in contacts if c.get("default")]
    assert [c["key"] for c in defaults] == ["nora"]
    assert defaults[0]["name"] == "Nora Castellanos"
    for contact in contacts:
        assert contact["email"].endswith(".example")
        assert contact["name"] and contact["title"] and contact["phone"]
    assert len(content["topics"]) >= 7
    for topic in content["topics"]:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", topic["slug"])
        assert topic["name"] and topic["description"]


def test_release_count_and_unique_slugs(releases):
    assert len(releases) >= 34
    slugs = [r["slug"] for r in releases]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_release_fields(content, releases):
    contact_keys = {c["key"] for c in content["media_contacts"]}
    newsrooms = {n["slug"] for n in content["newsrooms"]}
    for r in releases:
        assert r["newsroom"] in newsrooms
        assert 0 < len(r["headline"]) <= 110, r["slug"]
        assert isinstance(r["dek"], str)
        assert r["media_contact"] in contact_keys
        assert isinstance(r["featured"], bool)
        assert r["dateline"]["city"] and r["dateline"]["state"]
        assert r["body"], r["slug"]
        for block in r["body"]:
            assert block["type"] in BLOCK_TYPES, (r["slug"], block["type"])


def test_related_slugs_exist_and_are_not_self(releases):
    slugs = {r["slug"] for r in releases}
    for r in releases:
        assert len(r["related"]) <= 3
        assert len(set(r["related"])) == len(r["related"])
        for slug in r["related"]:
            assert slug in slugs, (r["slug"], slug)
            assert slug != r["slug"]


def test_topics_are_known_and_each_used_three_times(content, releases):
    known = {t["slug"] for t in content["topics"]}
    usage = Counter()
    for r in releases:
        assert 1 <= len(r["topics"]) <= 3, r["slug"]
        assert len(set(r["topics"])) == len(r["topics"])
        for topic in r["topics"]:
            assert topic in known, (r["slug"], topic)
        usage.update(r["topics"])
    for topic in known:
        assert usage[topic] >= 3, topic


def test_exactly_one_featured_release(releases):
    assert sum(1 for r in releases if r["featured"]) == 1


def test_first_block_is_a_paragraph_that_starts_the_story(releases):
    for r in releases:
        first = r["body"][0]
        assert first["type"] == "paragraph", r["slug"]
        assert first["html"].startswith("<p>"), r["slug"]
        # The page adds the dateline itself; it must not be written into the text.
        assert not re.match(r"<p>\s*[A-Z][\w .’-]+, [A-Z][a-z]+\.? \(", first["html"]), r["slug"]


def test_rich_text_uses_only_allowed_markup(releases):
    for r, block in blocks(releases, "paragraph"):
        html = block["html"]
        assert "<h1" not in html.lower(), r["slug"]
        parsed = parse_html(html)
        for tag, attrs in parsed.tags:
            assert tag in ALLOWED_TAGS, (r["slug"], tag)
            if tag == "a":
                assert set(attrs) == {"href"}, (r["slug"], attrs)
            else:
                assert not attrs, (r["slug"], tag, attrs)
        for href, text in parsed.links:
            if href.startswith("/"):
                continue
            url = urlparse(href)
            assert url.scheme == "https", (r["slug"], href)
            assert url.hostname and url.hostname.endswith(".example"), (r["slug"], href)
            assert text, (r["slug"], href)


def test_no_click_here_links(releases):
    text = json.dumps(releases, ensure_ascii=False).lower()
    assert "click here" not in text
    for _release, block in blocks(releases, "paragraph"):
        for _href, link_text in parse_html(block["html"]).links:
            assert link_text.lower() not in {"here", "this link", "more", "read more", "link"}


def test_release_dates_cover_three_years_and_every_month(releases):
    dates = [datetime.strptime(r["release_date"], "%Y-%m-%dT%H:%M") for r in releases]
    assert {d.year for d in dates} == {2024, 2025, 2026}
    assert {d.month for d in dates} == set(range(1, 13))
    assert min(dates) >= datetime(2024, 1, 1)
    assert max(dates) < datetime(2026, 12, 1)
    assert any(d.month == 11 and d.day <= 7 for d in dates)
    times = Counter(d.strftime("%H:%M") for d in dates)
    assert times["23:30"] == 1
    assert times["00:15"] == 1


def test_datelines(releases):
    away = [r for r in releases if r["dateline"]["city"] != "Calder Springs"]
    assert 2 <= len(away) <= 3
    home = [r for r in releases if r["dateline"]["city"] == "Calder Springs"]
    assert all(r["dateline"]["state"] == "California" for r in home)


def test_block_type_counts(releases):
    assert len(blocks(releases, "table")) >= 2
    assert len({r["slug"] for r, _ in blocks(releases, "table")}) >= 2
    assert len({r["slug"] for r, _ in blocks(releases, "cta")}) >= 3
    embeds = blocks(releases, "embed")
    assert len(embeds) == 1
    url = urlparse(embeds[0][1]["url"])
    assert url.scheme == "https" and url.hostname == "www.youtube.com"
    assert embeds[0][1]["title"].startswith("Video: ")


def test_tables_are_rectangular(releases):
    for r, table in blocks(releases, "table"):
        assert table["caption"], r["slug"]
        width = len(table["header"])
        assert width >= 2
        assert table["rows"]
        for row in table["rows"]:
            assert len(row) == width, (r["slug"], row)


def test_ctas_and_quotes(releases):
    for r, cta in blocks(releases, "cta"):
        assert cta["text"] and "click here" not in cta["text"].lower()
        assert urlparse(cta["url"]).scheme == "https", r["slug"]
    for r, quote in blocks(releases, "quote"):
        assert quote["text"] and quote["attribution"], r["slug"]
        assert not quote["text"].startswith(('"', "“")), r["slug"]


def test_documents_have_lines(releases):
    docs = blocks(releases, "document")
    assert docs
    for r, doc in docs:
        assert doc["kind"] in {"letter", "report", "agenda"}, r["slug"]
        assert doc["title"]
        assert doc["pdf_lines"] and all(isinstance(line, str) for line in doc["pdf_lines"])


def test_images_have_useful_alt_text(releases):
    found = all_images(releases)
    assert len(found) >= 20
    for r, image in found:
        assert image["scene"] in images.SCENES, r["slug"]
        assert isinstance(image["seed"], int)
        alt, caption = image["alt"].strip(), image["caption"].strip()
        assert alt and caption and image["credit"], r["slug"]
        assert alt != caption, r["slug"]
        assert not re.search(r"\.(jpe?g|png|gif|webp)$", alt, re.I), r["slug"]
        assert not alt.lower().startswith(("image of", "picture of", "photo of")), r["slug"]
    for r in releases:
        if r["lead_image"]:
            assert r["lead_image"]["decorative"] is False


def test_field_lengths_fit_the_models(content, releases):
    """Lengths the loader's models and blocks accept (CharField and CharBlock limits)."""
    assert len(content["city"]["tagline"]) <= 200
    for newsroom in content["newsrooms"]:
        assert len(newsroom["intro"]) <= 300
    for topic in content["topics"]:
        assert len(topic["name"]) <= 80
    for contact in content["media_contacts"]:
        assert len(contact["name"]) <= 120 and len(contact["title"]) <= 120
    for r in releases:
        assert len(r["dek"]) <= 300, r["slug"]
        assert len(r["dateline"]["city"]) <= 80
    for r, image in all_images(releases):
        assert len(image["alt"]) <= 250, r["slug"]
        assert len(image["caption"]) <= 400, r["slug"]
        assert len(image["credit"]) <= 120, r["slug"]
    for r, quote in blocks(releases, "quote"):
        assert len(quote["attribution"]) <= 200, r["slug"]
    for r, cta in blocks(releases, "cta"):
        assert len(cta["text"]) <= 120, r["slug"]
    for r, embed in blocks(releases, "embed"):
        assert len(embed["title"]) <= 200, r["slug"]
    for r, doc in blocks(releases, "document"):
        assert len(doc["title"]) <= 200, r["slug"]


def test_vice_mayor_titles_match_the_year(releases):
    for r in releases:
        year = int(r["release_date"][:4])
        text = json.dumps(r, ensure_ascii=False)
        for member in COUNCILMEMBERS:
            if member != VICE_MAYOR[year]:
                assert f"Vice Mayor {member}" not in text, (r["slug"], member)
        if "selected-vice-mayor" not in r["slug"]:
            # The selection story may say "selected Councilmember X ... as vice mayor".
            assert f"Councilmember {VICE_MAYOR[year]}" not in text, r["slug"]


def test_reference_release_letter(releases):
    by_slug = {r["slug"]: r for r in releases}
    ref = by_slug[REFERENCE_SLUG]
    assert ref["newsroom"] == "mayor"
    assert ref["release_date"].startswith("2025-")
    assert {"transportation", "council"} <= set(ref["topics"])
    assert ref["lead_image"] and ref["lead_image"]["caption"]
    assert len(ref["related"]) == 3

    letter = ref["letter"]
    assert letter["date"].startswith("2025-")
    assert letter["requested_by"] in OFFICIALS
    assert letter["requested_by"] == "Lena Brightwater"
    assert letter["signatories"] == [
        "Rosa Delgado-Whitfield",
        "Priya Ramanathan",
        "Samuel Achterberg",
        "Wendell Huang",
        "Daniel Nguyễn-Park",
    ]
    assert set(letter["signatories"]) <= OFFICIALS
    assert letter["requested_by"] not in letter["signatories"]
    recipient = letter["recipient"]
    assert recipient["name"] == ""
    assert recipient["title"] == "Secretary of Transportation"
    assert recipient["organisation"] == "U.S. Department of Transportation"
    assert letter["text"].startswith("<p>") and "Ferry Street Bridge" in letter["text"]

    body_types = [b["type"] for b in ref["body"]]
    assert body_types.count("document") == 1
    doc = next(b for b in ref["body"] if b["type"] == "document")
    assert doc["kind"] == "letter"
    joined = "\n".join(doc["pdf_lines"])
    for name in letter["signatories"]:
        assert name in joined
    assert "U.S. Department of Transportation" in joined

    quotes = [b for b in ref["body"] if b["type"] == "quote"]
    letter_quotes = [q for q in quotes if q["attribution"].startswith("Letter to")]
    assert len(letter_quotes) == 1
    # The quoted passage really is in the letter.
    assert letter_quotes[0]["text"] in letter["text"]
    assert any(q["attribution"] == "Councilmember Lena Brightwater" for q in quotes)
    html = "".join(b["html"] for b in ref["body"] if b["type"] == "paragraph")
    assert (
        "Vice Mayor Priya Ramanathan and Councilmembers Samuel Achterberg, Wendell Huang"
        " and Daniel Nguyễn-Park"
    ) in html


def test_letters_do_not_name_a_real_recipient(releases):
    for r in releases:
        if "letter" in r:
            assert r["letter"]["recipient"]["name"] == ""
            assert set(r["letter"]["signatories"]) <= OFFICIALS


# --------------------------------------------------------------------------
# images


@pytest.mark.parametrize("scene", images.SCENES)
def test_each_scene_renders_a_jpeg_of_the_right_size(scene):
    data = images.render_scene(scene, 7)
    assert data[:3] == b"\xff\xd8\xff"
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (1600, 1000)
        assert picture.mode == "RGB"


def test_custom_size():
    data = images.render_scene("bridge", 3, width=800, height=450)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == (800, 450)


@pytest.mark.parametrize("scene", images.SCENES)
def test_rendering_is_deterministic_per_seed(scene):
    assert images.render_scene(scene, 42, 480, 300) == images.render_scene(scene, 42, 480, 300)
    assert images.render_scene(scene, 42, 480, 300) != images.render_scene(scene, 43, 480, 300)


@pytest.mark.parametrize("scene", images.SCENES)
def test_full_size_render_is_fast(scene):
    best = min(_timed_render(scene, seed) for seed in (1, 2))
    assert best < 0.3, f"{scene} took {best:.3f} s"


def _timed_render(scene: str, seed: int) -> float:
    start = time.perf_counter()
    images.render_scene(scene, seed)
    return time.perf_counter() - start


def test_unknown_scene_names_the_accepted_scenes():
    with pytest.raises(ValueError) as excinfo:
        images.render_scene("volcano", 1)
    message = str(excinfo.value)
    assert "volcano" in message
    for scene in images.SCENES:
        assert scene in message


def test_scenes_tuple():
    assert isinstance(images.SCENES, tuple)
    assert len(images.SCENES) == 12
    assert set(images.SCENES) == {
        "river",
        "park",
        "street",
        "cityhall",
        "meeting",
        "construction",
        "fire",
        "library",
        "market",
        "bridge",
        "trees",
        "bus",
    }


# --------------------------------------------------------------------------
# pdf


def _xref_entries(data: bytes) -> list[tuple[int, int, str]]:
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    assert data[startxref : startxref + 4] == b"xref"
    header = re.match(rb"xref\s+0 (\d+)\s+", data[startxref:])
    count = int(header.group(1))
    table = data[startxref + header.end() :]
    entries = []
    for number in range(count):
        row = table[number * 20 : (number + 1) * 20]
        assert len(row) == 20 and row.endswith((b" \n", b"\r\n")), row
        offset, generation, kind = row[:18].split()
        entries.append((int(offset), int(generation), kind.decode()))
    return entries


def test_pdf_structure_and_xref_offsets():
    data = pdf.text_pdf("Council agenda", ["Call to order", "", "Public comment"])
    assert data.startswith(b"%PDF-1.4")
    assert data.rstrip().endswith(b"%%EOF")
    entries = _xref_entries(data)
    assert entries[0] == (0, 65535, "f")
    for number, (offset, generation, kind) in enumerate(entries[1:], start=1):
        assert kind == "n" and generation == 0
        assert data[offset:].startswith(b"%d 0 obj" % number), number
    trailer = data[data.rindex(b"trailer") :]
    assert b"/Size %d" % len(entries) in trailer
    assert b"/Root 1 0 R" in trailer and b"/Info" in trailer


def test_pdf_stream_lengths_are_exact():
    data = pdf.text_pdf("Lengths", [f"Line {i}" for i in range(80)])
    for match in re.finditer(rb"<< /Length (\d+) >>\nstream\n", data):
        length = int(match.group(1))
        end = match.end() + length
        assert data[end:].lstrip(b"\r\n").startswith(b"endstream")


def test_pdf_title_and_fonts():
    data = pdf.text_pdf("Adopted budget summary", ["Total: $412.0 million"])
    assert b"/Title (Adopted budget summary)" in data
    assert b"/BaseFont /Helvetica" in data
    assert b"/Encoding /WinAnsiEncoding" in data
    assert b"(Total: $412.0 million) Tj" in data
    assert b"/MediaBox [0 0 612 792]" in data


def test_pdf_non_ascii_title_is_utf16():
    data = pdf.text_pdf("Letter – Ferry Street Bridge", ["x"])
    expected = "Letter – Ferry Street Bridge".encode("utf-16-be").hex().upper().encode()
    assert b"/Title <FEFF" + expected + b">" in data


def test_pdf_escapes_parentheses_and_backslashes():
    data = pdf.text_pdf("Escapes", ["Budget (draft) \\ final"])
    assert b"(Budget \\(draft\\) \\\\ final) Tj" in data


def test_pdf_winansi_encoding():
    data = pdf.text_pdf("Names", ["Villaseñor café – O’Rourke Nguyễn"])
    # ñ = 0xF1, é = 0xE9, – = 0x96, ’ = 0x92, ễ falls back to e
    assert b"(Villase\\361or caf\\351 \\226 O\\222Rourke Nguyen) Tj" in data


def test_pdf_wraps_long_lines():
    words = " ".join(f"word{i}" for i in range(60))
    data = pdf.text_pdf("Wrap", [words])
    shown = re.findall(rb"\((word[^)]*)\) Tj", data)
    assert len(shown) >= 3
    assert all(len(line) <= 100 for line in shown)
    assert b" ".join(shown).decode() == words


def test_pdf_multiple_pages_for_long_input():
    data = pdf.text_pdf("Long report", [f"Paragraph {i}: " + "text " * 30 for i in range(120)])
    count = int(re.search(rb"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)", data).group(1))
    assert count >= 3
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) == count
    assert b"Page %d of %d" % (count, count) in data


def test_pdf_single_page_for_short_input():
    data = pdf.text_pdf("Short", ["One line."])
    assert b"/Count 1" in data


def test_every_document_in_content_renders(releases):
    for r, doc in blocks(releases, "document"):
        data = pdf.text_pdf(doc["title"], doc["pdf_lines"])
        assert data.startswith(b"%PDF-1.4"), r["slug"]
        for number, (offset, _gen, kind) in enumerate(_xref_entries(data)[1:], start=1):
            assert kind == "n"
            assert data[offset:].startswith(b"%d 0 obj" % number)
