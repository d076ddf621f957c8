"""`dateline import` from the shell: dry runs, real imports, re-runs, reports and bad files."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage

from dateline.importer.models import ImportedRelease
from dateline.releases.models import NewsIndexPage, NewsReleasePage

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {
    "source",
    "headline",
    "published",
    "dateline",
    "images",
    "body",
    "quotes",
    "officials",
    "related",
    "media_contact",
    "warnings",
}

LIBRARY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Main Library adds Sunday hours | City of Harlow Creek</title>
<link rel="canonical" href="https://www.harlowcreek.example/news/library-sunday-hours">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article>
<h1>Main Library adds Sunday hours</h1>
<figure><img src="library_files/reading-room.jpg" alt="Readers at long tables in the library">
<figcaption>The reading room on a Saturday morning.</figcaption></figure>
<p>HARLOW CREEK, Ore. (Jan. 9, 2024) – The Main Library will open on Sundays from noon to
5 p.m. starting Jan. 14, the city said Tuesday.</p>
<p>“Sunday is when families have time to read together,” said Mayor Ines Park.</p>
<p>Councilmember Leo Vance proposed the change after a survey of library card holders.</p>
</article></main>
<footer>City of Harlow Creek · 12 Mill Street</footer>
</body></html>
"""

POOL_CAPTURE = """Alder Pool opens for the summer

HARLOW CREEK, Ore. (June 3, 2024) – Alder Pool opens Saturday with free swim lessons.

Lessons start at 9 a.m. and fill up fast, so families should sign up early.
"""


def jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (600, 400), (90, 60, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def old_site(tmp_path):
    folder = tmp_path / "old-site"
    (folder / "library_files").mkdir(parents=True)
    (folder / "library.html").write_text(LIBRARY_PAGE, encoding="utf-8")
    (folder / "library_files" / "reading-room.jpg").write_bytes(jpeg())
    (folder / "pool.txt").write_text(POOL_CAPTURE, encoding="utf-8")
    return folder


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_dry_run_prints_the_records_and_writes_nothing(city, roster, old_site):
    out, err = run(old_site, "--dry-run", "--json")
    records = {r["headline"]: r for r in json_lines(out)}
    assert set(records) == {"Main Library adds Sunday hours", "Alder Pool opens for the summer"}
    library = records["Main Library adds Sunday hours"]
    assert set(library) >= CONTRACT_KEYS
    assert library["published"] == "2024-01-09"
    assert library["dateline"] == {"place": "Harlow Creek, Ore.", "date": "2024-01-09"}
    assert library["images"] == [
        {
            "alt": "Readers at long tables in the library",
            "caption": "The reading room on a Saturday morning.",
            "credit": "",
        }
    ]
    assert library["body"][0].startswith("The Main Library will open on Sundays")
    assert {
        "text": "Sunday is when families have time to read together",
        "speaker": "Ines Park",
    } in [{**q, "text": q["text"].rstrip(",.")} for q in library["quotes"]]
    officials = {o["name"]: o for o in library["officials"]}
    assert officials["Ines Park"]["role"] == "Mayor"
    # With a roster loaded, each named official is matched to the roster on the release date.
    assert officials["Leo Vance"]["roster"]["title"] == "Councilmember"
    assert "2 read, 2 would be created" in err
    assert NewsReleasePage.objects.count() == 0 and ImportedRelease.objects.count() == 0


def test_import_publishes_then_a_rerun_changes_nothing(client, city, old_site, tmp_path):
    out, _ = run(old_site, "--publish")
    assert "2 read, 2 created, 0 updated, 0 skipped, 0 failed" in out
    library = NewsReleasePage.objects.get(title="Main Library adds Sunday hours")
    assert library.live and library.lead_image is not None
    page = client.get(library.url).content.decode()
    assert "Harlow Creek, Ore. (Jan. 9, 2024) –" in page
    assert client.get("/news/library-sunday-hours").status_code == 301

    out, _ = run(old_site, "--publish", "--report", tmp_path / "again.json")
    assert "2 read, 0 created, 0 updated, 2 skipped, 0 failed" in out
    report = json.loads((tmp_path / "again.json").read_text())
    assert report["counts"]["unchanged"] == 2
    assert {i["reason"] for i in report["items"]} == {"unchanged since the last import"}

    (old_site / "pool.txt").write_text(
        POOL_CAPTURE.replace("free swim lessons", "free swim lessons and a new slide"),
        encoding="utf-8",
    )
    out, _ = run(old_site, "--publish")
    assert "2 read, 0 created, 1 updated, 1 skipped, 0 failed" in out
    pool = NewsReleasePage.objects.get(title="Alder Pool opens for the summer")
    assert "a new slide" in client.get(pool.url).content.decode()
    assert NewsReleasePage.objects.count() == 2


def test_bad_files_are_reported_and_the_rest_is_imported(city, old_site, tmp_path):
    (old_site / "empty.txt").write_bytes(b"")
    (old_site / "broken.html").write_bytes(b"\x00\x01\x02PK\x00\x00binary")
    out, err = run(old_site, "--report", tmp_path / "report.html")
    assert "2 created" in out and "2 failed" in out
    assert "FAILED empty.txt: empty file" in err
    assert "FAILED broken.html: binary file" in err
    assert NewsReleasePage.objects.count() == 2
    html = (tmp_path / "report.html").read_text()
    assert "<h1>Import report</h1>" in html
    assert "Main Library adds Sunday hours" in html and "empty file" in html


def test_a_zip_of_saved_pages_imports_with_its_photos(city, tmp_path):
    archive = tmp_path / "newsroom.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("news/library.html", LIBRARY_PAGE)
        zf.writestr("news/library_files/reading-room.jpg", jpeg())
    out, _ = run(archive, "--publish")
    assert "1 created" in out
    release = NewsReleasePage.objects.get()
    assert release.lead_image is not None
    assert release.lead_image_alt == "Readers at long tables in the library"


def test_report_json_lists_what_was_found(city, old_site, tmp_path):
    run(old_site, "--dry-run", "--report", tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["dry_run"] is True
    assert report["counts"]["read"] == 2 and report["counts"]["failed"] == 0
    library = next(i for i in report["items"] if i["headline"].startswith("Main Library"))
    assert library["found"]["dateline"]["place"] == "Harlow Creek, Ore."
    assert library["found"]["images"] == 1
    assert "Mayor Ines Park" in library["found"]["officials"]


def test_a_newsroom_must_be_named_when_there_are_several(city, old_site):
    city["home"].add_child(instance=NewsIndexPage(title="Mayor's Office", slug="mayor"))
    with pytest.raises(CommandError, match=r"Choose a newsroom with --newsroom SLUG"):
        run(old_site)
    with pytest.raises(CommandError, match=r"No newsroom with the slug 'council'"):
        run(old_site, "--newsroom", "council")
    run(old_site, "--newsroom", "mayor")
    assert NewsReleasePage.objects.child_of(NewsIndexPage.objects.get(slug="mayor")).count() == 2


def test_a_bad_on_date_is_named(city, old_site):
    with pytest.raises(CommandError, match=r"--on needs a date as YYYY-MM-DD, not '3 May'"):
        run(old_site, "--on", "3 May")


def test_a_50000_pixel_photo_beside_a_page_is_reported_failed_and_the_page_imports(
    city, old_site, tmp_path
):
    from tests.importer.test_writer import huge_png_header

    (old_site / "library_files" / "reading-room.jpg").write_bytes(huge_png_header())
    out, err = run(old_site, "--publish", "--report", tmp_path / "report.json")
    assert "2 created" in out and "1 failed" in out
    assert "FAILED library.html → library_files/reading-room.jpg: 2,500,000,000 pixels" in err
    release = NewsReleasePage.objects.get(title="Main Library adds Sunday hours")
    assert release.live and release.lead_image is None
    report = json.loads((tmp_path / "report.json").read_text())
    library = next(i for i in report["items"] if i["headline"].startswith("Main Library"))
    assert any("reading-room.jpg refused" in w for w in library["warnings"])
