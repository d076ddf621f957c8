"""Imported text is cleaned of control characters, and an impossible date fails its file."""

import pytest

from dateline.importer.models import ImportedRelease
from dateline.releases.models import NewsReleasePage
from tests.importer.test_command import POOL_CAPTURE, json_lines, run

pytestmark = pytest.mark.django_db

WORD_PASTE = (
    "Tree\x0bplanting day at Alder Park\n\n"
    "HARLOW CREEK, Ore. (April 6, 2024) – Volunteers will plant\x0b120 oaks at Alder Park "
    "on\x85 Saturday.\x1b\n\n"
    "“Every tree\x0cis a promise,” said Mayor Ines Park.\n"
)

PAGE_DATED = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Bridge repairs finish early</title>
<meta property="article:published_time" content="{day}">
</head><body><main><article><h1>Bridge repairs finish early</h1>
<p>HARLOW CREEK, Ore. – Repairs to the Mill Street bridge finished two weeks early.</p>
<p>The bridge reopens to traffic on Monday morning.</p>
</article></main></body></html>
"""


def test_control_characters_are_cleaned_before_they_are_written(client, city, tmp_path):
    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "trees.txt").write_text(WORD_PASTE, encoding="utf-8")

    out, _ = run(folder, "--dry-run", "--json")
    (record,) = json_lines(out)
    assert record["headline"] == "Tree planting day at Alder Park"
    for char in "\x0b\x0c\x1b\x85":
        assert char not in "".join(record["body"]) + record["headline"], repr(char)
    assert record["body"][0] == "Volunteers will plant 120 oaks at Alder Park on Saturday."

    run(folder, "--publish")
    release = NewsReleasePage.objects.get()
    assert release.title == "Tree planting day at Alder Park"
    body = str(release.body)
    assert not any(char in body for char in "\x0b\x0c\x1b\x85")
    page = client.get(release.url).content.decode()
    assert "Volunteers will plant 120 oaks at Alder Park on Saturday." in page


@pytest.mark.parametrize("day, year", [("0001-05-03", 1), ("9999-12-31", 9999)])
def test_a_release_date_no_release_can_have_fails_that_file(city, tmp_path, day, year):
    folder = tmp_path / "old-site"
    folder.mkdir()
    (folder / "bridge.html").write_text(PAGE_DATED.format(day=day), encoding="utf-8")
    (folder / "pool.txt").write_text(POOL_CAPTURE, encoding="utf-8")
    out, err = run(folder, "--publish")
    assert "1 created" in out and "1 failed" in out
    assert (
        "FAILED bridge.html: the date found on it cannot be right: A release date must fall "
        in (err)
    )
    assert f"{year} looks like a typing slip." in err
    assert NewsReleasePage.objects.get().title == "Alder Pool opens for the summer"
    assert not ImportedRelease.objects.filter(source="bridge.html").exists()
