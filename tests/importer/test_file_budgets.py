"""One huge or tangled file fails on its own; an import where everything failed says so."""

import contextlib
import json

import pytest

from dateline.importer import limits, sources
from dateline.importer.sources import Failure, walk
from dateline.releases.models import NewsReleasePage
from tests.importer.test_command import POOL_CAPTURE, run

pytestmark = pytest.mark.django_db
MB = limits.MB

PARAGRAPH = (
    "<p>Crews from the Harlow Creek streets department will repave Mill Street between "
    "First and Fifth avenues this summer, said Mayor Ines Park.</p>\n"
)


def page(paragraphs: int) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Mill Street repaving</title></head><body>"
        "<article><h1>Mill Street repaving</h1>"
        + PARAGRAPH * paragraphs
        + "</article></body></html>"
    )


def test_a_page_over_20_mb_is_refused_before_it_is_read(city, tmp_path):
    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "pool.txt").write_text(POOL_CAPTURE)
    with (folder / "everything.html").open("wb") as handle:
        handle.truncate(21 * MB)  # sparse: refused by its size alone
    out, err = run(folder, "--publish")
    assert (
        "FAILED everything.html: file too large (21 MB, limit 20 MB for a page or text "
        "capture); to import it anyway, raise the limit with --max-file-mb"
    ) in err
    assert "1 created" in out and "1 failed" in out
    assert NewsReleasePage.objects.get().title == "Alder Pool opens for the summer"


def test_max_file_mb_sets_the_limit(city, tmp_path):
    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "pool.txt").write_text(POOL_CAPTURE)
    (folder / "long.html").write_text(page(12_000))  # about 1.66 MB
    _, err = run(folder, "--dry-run", "--max-file-mb", "1")
    assert (
        "FAILED long.html: file too large (1.66 MB, limit 1 MB for a page or text capture)" in err
    )


def test_a_zip_member_over_the_page_limit_is_refused(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setattr(limits, "MAX_PAGE_BYTES", 1024)
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("news/long.html", page(40))
    assert list(walk([archive])) == [
        Failure(
            "site.zip:news/long.html",
            f"file too large ({sources._size(len(page(40)))}, limit 1 KB for a page or text "
            "capture); to import it anyway, raise the limit with --max-file-mb",
        )
    ]


def test_a_page_that_takes_too_long_to_read_fails_and_the_rest_imports(city, tmp_path, monkeypatch):
    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "pool.txt").write_text(POOL_CAPTURE)
    (folder / "tangled.html").write_text(page(30_000))  # several seconds to read in full
    monkeypatch.setattr(limits, "MAX_PARSE_SECONDS", 0.5)
    out, err = run(folder, "--publish", "--report", tmp_path / "report.json")
    assert (
        "FAILED tangled.html: gave up reading it after 0.5 seconds, the limit for one file"
    ) in err
    assert "1 created" in out and "1 failed" in out
    assert NewsReleasePage.objects.get().title == "Alder Pool opens for the summer"
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["counts"]["failed"] == 1


def test_the_time_limit_stops_code_that_would_never_return():
    # A loop that swallows every Exception, as the readers' helper fallbacks do.
    with pytest.raises(limits.TooSlow), limits.time_limit(0.2):
        while True:
            with contextlib.suppress(Exception):
                sum(range(1000))


def test_an_import_where_every_file_failed_exits_1(city, tmp_path):
    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.html").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(SystemExit) as exit:
        run(folder, "--publish")
    assert exit.value.code == 1


def test_the_last_line_says_nothing_was_imported(city, tmp_path, capsys):
    import io

    from django.core.management import call_command

    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import", str(folder), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert lines[-2] == "Failed (1): empty.txt"
    assert lines[-1] == (
        "Nothing was imported: every release failed (the reasons are above). "
        "Fix those files and run the import again."
    )


def test_a_partial_import_exits_0_and_names_the_failures(city, tmp_path):
    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "pool.txt").write_text(POOL_CAPTURE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.html").write_bytes(b"\x00\x01\x02binary")
    out, err = run(folder, "--publish")  # no SystemExit
    assert "1 created" in out and "2 failed" in out
    assert "Failed (2): broken.html, empty.txt" in err
    assert "Nothing was imported" not in err
