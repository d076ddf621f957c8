"""Links in a folder being imported never carry a file from outside it onto the site."""

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from dateline.importer.models import ImportedRelease
from dateline.importer.record import RawDocument
from dateline.importer.sources import Skipped, walk
from dateline.releases.models import NewsReleasePage
from tests.importer.test_command import POOL_CAPTURE, json_lines, run

SECRET = "SECRET_KEY = 'harlow-creek-not-for-the-public'\n"
OUTSIDE_RELEASE = """Budget hearing moves to Thursday

HARLOW CREEK, Ore. (March 4, 2024) – The budget hearing moves to Thursday at 6 p.m.
"""
LINKED_RELEASE = """Leaf pickup starts Monday

HARLOW CREEK, Ore. (Oct. 28, 2024) – Crews start curbside leaf pickup on Monday.
"""


@pytest.fixture
def linked_site(tmp_path):
    """An old-site folder whose links point out of it, round in loops, and within it."""
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret_key").write_text(SECRET)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "hearing.txt").write_text(OUTSIDE_RELEASE)

    folder = tmp_path / "old-site"
    (folder / "archive").mkdir(parents=True)
    (folder / "pool.txt").write_text(POOL_CAPTURE)
    (folder / "archive" / "leaves.txt").write_text(LINKED_RELEASE)
    (folder / "secret.md").symlink_to(tmp_path / "var" / "secret_key")
    if Path("/etc/passwd").exists():
        (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "other-folder").symlink_to(outside, target_is_directory=True)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "archive" / "again").symlink_to(folder, target_is_directory=True)
    (folder / "leaves-link.txt").symlink_to(folder / "archive" / "leaves.txt")
    return folder


def test_links_out_of_the_folder_are_skipped_and_reported(city, linked_site, tmp_path):
    out, err = run(linked_site, "--publish", "--report", tmp_path / "report.json")

    texts = " ".join(str(page.body) + page.title for page in NewsReleasePage.objects.all())
    assert "SECRET_KEY" not in texts and "root:" not in texts
    assert "Budget hearing" not in texts  # the linked folder outside is not walked
    titles = set(NewsReleasePage.objects.values_list("title", flat=True))
    # A link to a file inside the folder is read (leaves-link.txt and archive/leaves.txt).
    assert titles == {"Alder Pool opens for the summer", "Leaf pickup starts Monday"}
    assert ImportedRelease.objects.filter(source="leaves-link.txt").exists()

    report = json.loads((tmp_path / "report.json").read_text())
    reasons = {i["source"]: i["reason"] for i in report["items"] if i["action"] == "skipped"}
    assert reasons["secret.md"] == (
        "secret.md is a link to a file outside the folder being imported; skipped"
    )
    if "passwd.txt" in os.listdir(linked_site):
        assert reasons["passwd.txt"] == (
            "passwd.txt is a link to a file outside the folder being imported; skipped"
        )
    assert reasons["other-folder"] == (
        "other-folder is a link to a folder outside the folder being imported; skipped"
    )
    assert reasons["loop.txt"] == "loop.txt is a link that leads round in a loop; skipped"
    assert reasons["archive/again"] == (
        "archive/again is a link to a folder that contains it (a loop); skipped"
    )
    assert "0 failed" in out


def test_a_dry_run_does_not_print_what_a_link_points_to(city, linked_site):
    out, _ = run(linked_site, "--dry-run", "--json")
    assert "SECRET_KEY" not in out and "root:" not in out
    assert {r["headline"] for r in json_lines(out)} == {
        "Alder Pool opens for the summer",
        "Leaf pickup starts Monday",
    }


def test_a_folder_given_as_a_link_is_read_but_nothing_under_it_escapes(linked_site, tmp_path):
    given = tmp_path / "import-me"
    given.symlink_to(linked_site, target_is_directory=True)
    items = list(walk([given]))
    sources = {i.source for i in items if isinstance(i, RawDocument)}
    assert sources == {"archive/leaves.txt", "leaves-link.txt", "pool.txt"}
    skipped = {i.source for i in items if isinstance(i, Skipped)}
    assert {"secret.md", "other-folder", "loop.txt", "archive/again"} <= skipped


def test_a_photo_linked_out_of_the_folder_is_not_read(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret_key").write_text(SECRET)
    folder = tmp_path / "old-site"
    (folder / "park_files").mkdir(parents=True)
    (folder / "park.txt").write_text(POOL_CAPTURE)
    (folder / "park_files" / "photo.jpg").symlink_to(tmp_path / "var" / "secret_key")
    (folder / "park_files" / "inside.jpg").symlink_to(folder / "park.txt")
    (doc,) = [i for i in walk([folder]) if isinstance(i, RawDocument)]
    assert doc.open_asset("park_files/photo.jpg") is None
    assert doc.open_asset("park_files/inside.jpg") == POOL_CAPTURE.encode()


def zip_link(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, as `zip --symlinks` writes it
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def test_links_stored_in_a_zip_are_not_followed(city, tmp_path):
    archive = tmp_path / "newsroom.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("news/pool.txt", POOL_CAPTURE)
        zf.writestr(zip_link("news/passwd.txt", "/etc/passwd"), "/etc/passwd")
        zf.writestr(zip_link("news/secret.md", "../../var/secret_key"), "../../var/secret_key")
    out, _ = run(archive, "--publish", "--report", tmp_path / "report.json")
    assert "1 created" in out
    assert NewsReleasePage.objects.get().title == "Alder Pool opens for the summer"
    report = json.loads((tmp_path / "report.json").read_text())
    reasons = {i["source"]: i["reason"] for i in report["items"] if i["action"] == "skipped"}
    assert reasons["newsroom.zip:news/passwd.txt"] == (
        "news/passwd.txt is a link inside the zip, not a file; links are not followed; skipped"
    )
    assert "newsroom.zip:news/secret.md" in reasons


def test_a_photo_stored_as_a_link_in_a_zip_is_not_read(tmp_path):
    archive = tmp_path / "newsroom.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("news/pool.txt", POOL_CAPTURE)
        zf.writestr(zip_link("news/pool_files/photo.jpg", "/etc/passwd"), "/etc/passwd")
    (doc,) = [i for i in walk([archive]) if isinstance(i, RawDocument)]
    assert doc.open_asset("pool_files/photo.jpg") is None
