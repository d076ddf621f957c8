"""WordPress posts the old site kept behind a password never become public releases."""

import json

import pytest

from dateline.importer import pipeline
from dateline.importer.writer import Importer
from dateline.releases.models import NewsReleasePage
from tests.importer.test_command import json_lines, run

pytestmark = pytest.mark.django_db

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Harlow Creek</title><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Council picks a new city manager</title>
<link>https://www.harlowcreek.example/news/city-manager-finalists/</link>
<dc:creator>press</dc:creator>
<content:encoded><![CDATA[The finalists for city manager, before the council announces them.

Their references are attached for the council only.]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date>2023-03-01 09:00:00</wp:post_date>
<wp:post_date_gmt>2023-03-01 17:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:post_password><![CDATA[council-only]]></wp:post_password>
</item>
<item><title>Farmers market returns to Mill Street</title>
<link>https://www.harlowcreek.example/news/farmers-market/</link>
<dc:creator>press</dc:creator>
<content:encoded><![CDATA[The farmers market returns to Mill Street on Saturday.]]>
</content:encoded>
<wp:post_id>8</wp:post_id><wp:post_date>2023-05-06 09:00:00</wp:post_date>
<wp:post_date_gmt>2023-05-06 16:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password>
</item>
</channel></rss>
"""
WARNING = (
    "“Council picks a new city manager” was password-protected on the old site; imported as "
    "a draft for an editor to review"
)


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "wordpress.xml"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_a_password_protected_post_arrives_as_a_draft_even_with_publish(
    client, city, export, tmp_path
):
    out, _ = run(export, "--publish", "--report", tmp_path / "report.json")
    assert "2 created" in out
    protected = NewsReleasePage.objects.get(title="Council picks a new city manager")
    assert not protected.live
    market = NewsReleasePage.objects.get(title="Farmers market returns to Mill Street")
    assert market.live
    assert client.get("/news/city-manager-finalists/", follow=True).status_code == 404
    report = json.loads((tmp_path / "report.json").read_text())
    item = next(i for i in report["items"] if i["headline"].startswith("Council picks"))
    assert WARNING in item["warnings"]

    out, _ = run(export, "--publish")  # a re-run changes nothing
    assert "0 created, 0 updated, 2 skipped" in out
    assert not NewsReleasePage.objects.get(pk=protected.pk).live


def test_the_dry_run_says_so(city, export):
    out, _ = run(export, "--dry-run", "--json")
    records = {r["headline"]: r for r in json_lines(out)}
    assert WARNING in records["Council picks a new city manager"]["warnings"]
    assert records["Farmers market returns to Mill Street"]["warnings"] == []


def test_a_protected_post_an_earlier_import_published_is_taken_off_the_site(city, export):
    (protected, _) = pipeline.read([export])
    protected.password_protected = False  # as the importer read it before this rule
    Importer(city["newsroom"], publish=True).save(protected)
    assert NewsReleasePage.objects.get().live

    run(export, "--publish")
    page = NewsReleasePage.objects.get(title="Council picks a new city manager")
    assert not page.live
