"""Walking what the user points `dateline import` at: folders, zips, odd encodings, bad files."""

import inspect
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from dateline.importer import sources
from dateline.importer.record import RawDocument
from dateline.importer.sources import Failure, Skipped, walk

SAMPLES = Path(__file__).parent / "samples"
HOSTILE = SAMPLES / "hostile"
NEWS_RSS = SAMPLES / "feeds" / "harlow-news.rss"
MB = 1024 * 1024

RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>Harlow Creek</title>
<item><title>{title}</title><link>https://www.harlowcreek.example/news/1</link>
<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>
</channel></rss>
"""


def rss(
    title="Library adds Sunday hours", body="The Main Library opens Sundays.", encoding="UTF-8"
):
    return RSS.format(title=title, body=body, encoding=encoding)


def failures(items) -> dict[str, str]:
    return {i.source: i.reason for i in items if isinstance(i, Failure)}


def headlines(items) -> list[str]:
    return [i.titles[0] for i in items if isinstance(i, RawDocument)]


NEWS_HEADLINES = [
    "Council adopts plan to replace Mill Street bridge",
    "Alder Pool opens for the summer season",
    "Leaf collection begins Nov. 4",
]


# --- hostile files: a reason the user can act on, then the walk goes on -------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("binary.html", "binary file, not text (NUL bytes at byte 6)"),
        (
            "truncated-feed.xml",
            "not well-formed XML: line 35: no element found (the file looks cut off)",
        ),
        (
            "billion-laughs.xml",
            "refused: the XML declares entities (possible entity-expansion attack)",
        ),
        (
            "external-entity.xml",
            "refused: the XML declares an external entity (file:///etc/passwd), "
            "which could read files from this computer",
        ),
        (
            "truncated.zip",
            "not a readable zip: the file is damaged or cut off (File is not a zip file)",
        ),
    ],
)
def test_a_bad_file_fails_with_its_reason_and_the_next_file_is_read(name, reason):
    items = list(walk([HOSTILE / name, NEWS_RSS]))
    assert isinstance(items[0], Failure)
    assert (items[0].source, items[0].reason) == (name, reason)
    assert headlines(items[1:]) == NEWS_HEADLINES


def test_zip_slip_members_fail_and_the_safe_member_is_read():
    items = list(walk([HOSTILE / "zip-slip.zip"]))
    assert failures(items) == {
        "zip-slip.zip:../../escaped.html": "unsafe path in zip: ../../escaped.html "
        "('..' in the path)",
        "zip-slip.zip:/etc/cron.d/evil.html": "unsafe path in zip: /etc/cron.d/evil.html "
        "(absolute path)",
        "zip-slip.zip:C:/Windows/evil.html": "unsafe path in zip: C:/Windows/evil.html "
        "(drive letter)",
    }
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.source for d in docs] == [
        "zip-slip.zip:news/feed.xml#1",
        "zip-slip.zip:news/feed.xml#2",
        "zip-slip.zip:news/feed.xml#3",
    ]
    assert headlines(docs) == NEWS_HEADLINES


def test_windows_1252_bytes_in_a_utf8_file_are_read_with_a_warning():
    pytest.importorskip("dateline.importer.readers.text")
    (doc,) = [i for i in walk([HOSTILE / "cp1252.txt"]) if isinstance(i, RawDocument)]
    text = " ".join(b.text for b in doc.blocks)
    assert "“A library card is the best free thing in town,”" in text
    assert "not valid UTF-8; read as Windows-1252" in doc.warnings


def test_a_zip_bomb_member_is_refused_by_size_and_by_ratio(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.xml", b" " * (60 * MB))  # more than a newsroom file can be
        zf.writestr("dense.xml", b"<rss>" + b" " * (5 * MB) + b"</rss>")  # ~1000:1
        zf.writestr("news.xml", NEWS_RSS.read_bytes())
    items = list(walk([archive]))
    assert failures(items) == {
        "bomb.zip:big.xml": "zip bomb refused: big.xml would unpack to 60 MB (limit 50 MB)",
        "bomb.zip:dense.xml": failures(items)["bomb.zip:dense.xml"],
    }
    assert failures(items)["bomb.zip:dense.xml"].startswith("zip bomb refused: dense.xml is ")
    assert failures(items)["bomb.zip:dense.xml"].endswith(":1 (limit 100:1)")
    assert headlines(items) == NEWS_HEADLINES


def test_a_zip_that_unpacks_past_the_total_limit_is_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_ZIP_TOTAL", 2 * MB)
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in range(3):
            zf.writestr(f"news/{n}.xml", os.urandom(MB))
    assert list(walk([archive])) == [
        Failure("many.zip", "zip bomb refused: it would unpack to 3 MB (limit 2 MB)")
    ]


def test_a_member_that_unpacks_past_its_declared_size_is_stopped(tmp_path, monkeypatch):
    # The stream is capped whatever the zip directory claims.
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 64 * 1024)
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("feed.xml", rss(body="x" * 100_000))
    info = zipfile.ZipFile(archive).getinfo("feed.xml")
    info.file_size = 1000  # what a lying directory would say
    with zipfile.ZipFile(archive) as zf, pytest.raises(sources._TooBig):
        sources._read_member(zf, zf.getinfo("feed.xml"), 64 * 1024)


def mark_encrypted(archive: Path, name: str) -> None:
    """Set the "encrypted" flag a password-protected member carries (zipfile cannot write one)."""
    data = bytearray(archive.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name.encode():
                data[start + flags_at] |= 0x1
            start = data.find(signature, start + 4)
    archive.write_bytes(bytes(data))


def test_encrypted_and_nested_zips(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("news/feed.xml", NEWS_RSS.read_bytes())
        deeper = io.BytesIO()
        with zipfile.ZipFile(deeper, "w") as dz:
            dz.writestr("feed.xml", NEWS_RSS.read_bytes())
        zf.writestr("deeper.zip", deeper.getvalue())
    archive = tmp_path / "outer.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("locked.xml", b"not really encrypted")
        zf.writestr("inner.zip", inner.getvalue())
    mark_encrypted(archive, "locked.xml")
    items = list(walk([archive]))
    assert failures(items) == {
        "outer.zip:inner.zip:deeper.zip": "zip inside a zip inside a zip; unzip it first",
        "outer.zip:locked.xml": "encrypted zip member; unzip it with its password first",
    }
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert docs[0].source == "outer.zip:inner.zip:news/feed.xml#1"
    assert headlines(docs) == NEWS_HEADLINES


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as handle:
        handle.truncate(51 * MB)  # sparse: the walker must refuse it by its size alone
    assert list(walk([huge])) == [
        Failure(
            "huge.xml",
            "file too large (51 MB, limit 50 MB); to import it anyway, raise the limit with "
            "--max-file-mb",
        )
    ]


def test_a_missing_path_is_a_failure_not_a_crash(tmp_path):
    items = list(walk([tmp_path / "nowhere", NEWS_RSS]))
    assert items[0] == Failure(str(tmp_path / "nowhere"), "no such file or folder")
    assert headlines(items) == NEWS_HEADLINES


# --- folders -----------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "old-site"
    (root / "news" / "park_files").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "news" / "park_files" / "photo.jpg").write_bytes(b"\xff\xd8\xff jpeg")
    (root / "news" / "park_files" / "style.css").write_text("body{}")
    (root / "news" / "b.rss").write_text(rss(title="Second"), encoding="utf-8")
    (root / "news" / "a.xml").write_text(rss(title="First"), encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n")
    (root / "budget.docx").write_bytes(b"PK\x03\x04 docx")
    (root / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    )
    return root


def test_a_folder_is_walked_in_order_with_assets_and_hidden_files_left_out(site):
    items = list(walk([site]))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Skipped", "budget.docx"),
        ("Skipped", "logo.png"),
        ("Skipped", "sitemap.xml"),
        ("RawDocument", "news/a.xml#1"),  # a folder's own files first, then its folders
        ("RawDocument", "news/b.rss#1"),
    ]
    reasons = {i.source: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons == {
        "budget.docx": "not a newsroom file (.docx)",
        "logo.png": "image file, not a release",
        "sitemap.xml": "XML but not a feed or WordPress export (root <urlset>)",
    }
    assert inspect.isgenerator(walk([site]))


def test_a_forced_format_reads_every_file_that_way(tmp_path):
    (tmp_path / "feed.txt").write_text(rss(title="From a .txt file"), encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    items = list(walk([tmp_path], fmt="rss"))
    assert headlines(items) == ["From a .txt file"]
    assert items[-1] == Skipped("photo.jpg", "image file, not a release")


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("park.html", "<p>hi</p>", "html"),
        ("park.HTM", "<p>hi</p>", "html"),
        ("park.txt", "Park opens", "text"),
        ("park.md", "# Park opens", "markdown"),
        ("export.xml", '<rss xmlns:wp="http://wordpress.org/export/1.2/">', "wxr"),
        ("feed.xml", "<?xml version='1.0'?>\n<!-- hi -->\n<rss version='2.0'>", "rss"),
        ("feed.atom", '<feed xmlns="http://www.w3.org/2005/Atom">', "atom"),
        ("feed", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "atom"),
        ("index", "<!DOCTYPE html><html>", "html"),
        ("notes.pdf.txt.bak", "Park opens", "skip:not a newsroom file (.bak)"),
    ],
)
def test_formats_are_told_by_extension_and_first_bytes(name, text, kind):
    assert sources.detect(name, text) == kind


# --- decoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "warnings"),
    [
        (rss(title="Café opens in City Hall").encode("utf-8"), []),
        (b"\xef\xbb\xbf" + rss(title="Café opens in City Hall").encode("utf-8"), []),
        (rss(title="Café opens in City Hall").encode("utf-16"), []),
        (
            rss(title="Café opens in City Hall", encoding="ISO-8859-1").encode("latin-1"),
            [],
        ),
        (
            rss(title="Café opens in City Hall").encode("cp1252"),
            ["not valid UTF-8; read as Windows-1252"],
        ),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "declared-latin-1", "cp1252-in-utf-8"],
)
def test_encodings_are_decoded_and_a_fallback_is_said(tmp_path, data, warnings):
    (tmp_path / "feed.xml").write_bytes(data)
    (doc,) = walk([tmp_path / "feed.xml"])
    assert doc.titles == ["Café opens in City Hall"]
    assert doc.warnings == warnings


def test_smart_quotes_from_windows_are_kept():
    text, warnings = sources.decode("“Open,” said Mayor Ines Park – today.".encode("cp1252"))
    assert text == "“Open,” said Mayor Ines Park – today."
    assert warnings == ["not valid UTF-8; read as Windows-1252"]


# --- assets beside the document ----------------------------------------------------------


def test_open_asset_reads_a_saved_pages_files_and_nothing_outside(tmp_path, monkeypatch):
    root = tmp_path / "import"
    (root / "news" / "park_files").mkdir(parents=True)
    (root / "news" / "feed.xml").write_text(rss(), encoding="utf-8")
    (root / "news" / "park_files" / "photo one.jpg").write_bytes(b"jpeg bytes")
    (root / "news" / "park_files" / "big.jpg").write_bytes(b"x" * 2048)
    (tmp_path / "secret.txt").write_text("outside the import")
    (root / "news" / "park_files" / "link.jpg").symlink_to(tmp_path / "secret.txt")
    monkeypatch.setattr(sources, "MAX_ASSET_BYTES", 1024)
    (doc,) = walk([root])
    open_asset = doc.open_asset
    assert open_asset("park_files/photo%20one.jpg") == b"jpeg bytes"
    assert open_asset("./park_files/photo one.jpg?v=2") == b"jpeg bytes"
    assert open_asset("../news/park_files/photo one.jpg") == b"jpeg bytes"  # still inside
    assert open_asset("../../secret.txt") is None
    assert open_asset("../../../../../../etc/passwd") is None
    assert open_asset("/etc/passwd") is None
    assert open_asset(str(tmp_path / "secret.txt")) is None
    assert open_asset("file:///etc/passwd") is None
    assert open_asset("https://www.harlowcreek.example/photo.jpg") is None
    assert open_asset("park_files/link.jpg") is None  # a symlink pointing out of the root
    assert open_asset("park_files/big.jpg") is None  # over the asset limit
    assert open_asset("park_files/missing.jpg") is None


def test_open_asset_reads_from_the_zip_without_extracting(tmp_path):
    archive = tmp_path / "newsroom.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("news/feed.xml", rss())
        zf.writestr("news/park_files/photo.jpg", b"jpeg bytes")
        zf.writestr("top.jpg", b"top of the zip")
    doc, top = walk([archive])  # the photo sits in a _files folder: not even reported
    assert top == Skipped("newsroom.zip:top.jpg", "image file, not a release")
    assert doc.source == "newsroom.zip:news/feed.xml#1"
    assert doc.open_asset("park_files/photo.jpg") == b"jpeg bytes"
    assert doc.open_asset("../top.jpg") == b"top of the zip"  # inside the archive
    assert doc.open_asset("../../top.jpg") is None
    assert doc.open_asset("/top.jpg") is None
    assert doc.open_asset("http://www.harlowcreek.example/photo.jpg") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newsroom.zip"]


def test_the_walk_reads_a_copy_of_the_samples_folder(tmp_path):
    # The hostile samples side by side with a good feed: every bad one named, none fatal.
    folder = tmp_path / "mixed"
    shutil.copytree(HOSTILE, folder)
    shutil.copy(NEWS_RSS, folder / "zz-news.rss")
    items = list(walk([folder]))
    assert set(failures(items)) >= {
        "empty.txt",
        "binary.html",
        "truncated-feed.xml",
        "billion-laughs.xml",
        "external-entity.xml",
        "truncated.zip",
        "zip-slip.zip:../../escaped.html",
    }
    assert headlines(items)[-3:] == NEWS_HEADLINES


def test_a_member_in_a_compression_zipfile_cannot_read_is_named(tmp_path):
    archive = tmp_path / "windows.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("big.xml", NEWS_RSS.read_bytes())
        zf.writestr("feed.xml", NEWS_RSS.read_bytes())
    # Mark big.xml as Deflate64 (method 9), as Windows writes large folders.
    data = bytearray(archive.read_bytes())
    for signature, method_at, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        start = data.find(signature)
        while start != -1:
            if data[start + name_at : start + name_at + 7] == b"big.xml":
                data[start + method_at] = 9
            start = data.find(signature, start + 4)
    archive.write_bytes(bytes(data))
    items = list(walk([archive]))
    assert failures(items) == {
        "windows.zip:big.xml": "zip member compressed with Deflate64, which the importer "
        "cannot read; zip it again with ordinary (deflate) compression"
    }
    assert headlines(items) == NEWS_HEADLINES
