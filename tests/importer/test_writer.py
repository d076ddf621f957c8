"""Saving imported records: what editors and readers find on the site afterwards."""

import io
import struct
import zlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import Page

from dateline.alerts.models import Message, Subscriber
from dateline.importer import record as rec
from dateline.importer.models import ImportedRelease
from dateline.importer.writer import Importer, image_problem, parse_contact, split_place
from dateline.releases.models import NewsReleasePage
from tests.editorial.test_publish_checks import edit, form_data
from tests.helpers import make_image, visible_text

pytestmark = pytest.mark.django_db
PACIFIC = ZoneInfo("America/Los_Angeles")


def jpeg_bytes(size=(640, 400)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 90, 140)).save(buffer, format="JPEG")
    return buffer.getvalue()


def huge_png_header(width=50_000, height=50_000) -> bytes:
    """A PNG that claims 50,000 × 50,000 pixels in a few dozen bytes."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def park_record(**changes) -> rec.Record:
    raw = rec.RawDocument(source="old/park.html", format="html")
    assets = {"park_files/slide.jpg": jpeg_bytes()}
    raw.open_asset = assets.get
    fields = dict(
        source="old/park.html",
        format="html",
        headline="Millrace Park reopens with a river trail",
        published=date(2021, 5, 3),
        dateline=rec.Dateline("Harlow Creek, Ore.", date(2021, 5, 3)),
        images=[
            rec.Image(
                alt="Children on the new slide at Millrace Park",
                caption="Opening day at Millrace Park.",
                credit="Dana Whitfield",
                src="park_files/slide.jpg",
            )
        ],
        body=[
            rec.Block(rec.PARAGRAPH, "Millrace Park opened again on Monday after a year of work."),
            rec.Block(
                rec.PARAGRAPH,
                "Mayor Ines Park thanked the crews. Details are on the parks page.",
                'Mayor Ines Park thanked the crews. Details are on the <a href="https://'
                'harlowcreek.example/parks">parks page</a>.',
            ),
            rec.Block(rec.HEADING, "What is new"),
            rec.Block(rec.LIST_ITEM, "A river trail"),
            rec.Block(rec.LIST_ITEM, "A bigger playground"),
            rec.Block(rec.QUOTE, "The river belongs to everyone again."),
        ],
        quotes=[rec.Quote("The river belongs to everyone again.", "Ines Park")],
        officials=[rec.Official("Ines Park", "Mayor")],
        media_contact="Dana Whitfield, Communications Officer\n(541) 555-0134\n"
        "dwhitfield@harlowcreek.example",
        url="https://www.harlowcreek.example/news/2021/millrace-park-reopens.aspx",
        raw=raw,
    )
    fields.update(changes)
    return rec.Record(**fields)


@pytest.fixture
def importer(city):
    return Importer(city["newsroom"], publish=True)


def test_an_imported_release_reads_like_the_old_page(client, city, roster, importer):
    outcome = importer.save(park_record())
    importer.finish()
    assert outcome.action == "created", outcome.reason
    page = NewsReleasePage.objects.get(title="Millrace Park reopens with a river trail")
    assert page.live
    assert page.release_date.astimezone(PACIFIC).date() == date(2021, 5, 3)
    assert page.first_published_at == page.release_date
    text = visible_text(client.get(page.url))
    assert "Harlow Creek, Ore. (May 3, 2021) – Millrace Park opened again on Monday" in text
    assert "Opening day at Millrace Park. Photo: Dana Whitfield" in text
    assert "What is new" in text and "A river trail" in text
    assert "The river belongs to everyone again." in text
    assert "Dana Whitfield, Communications Officer" in text
    html = client.get(page.url).content.decode()
    assert 'alt="Children on the new slide at Millrace Park"' in html
    assert '<a href="https://harlowcreek.example/parks">parks page</a>' in html
    # Officials named with their titles are linked, with the title they held that day.
    assert "Officials in this release Mayor Ines Park" in text


def test_old_address_redirects_to_the_new_release(client, city, importer):
    importer.save(park_record())
    page = NewsReleasePage.objects.get()
    response = client.get("/news/2021/millrace-park-reopens.aspx")
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)


def test_importing_again_changes_nothing_and_a_changed_source_updates(city, importer):
    assert importer.save(park_record()).action == "created"
    page = NewsReleasePage.objects.get()
    revisions = page.revisions.count()
    again = Importer(city["newsroom"], publish=True).save(park_record())
    assert (again.action, again.reason) == ("unchanged", "unchanged since the last import")
    assert NewsReleasePage.objects.count() == 1 and page.revisions.count() == revisions
    changed = park_record(headline="Millrace Park reopens with a river trail and a dock")
    outcome = Importer(city["newsroom"], publish=True).save(changed)
    assert (outcome.action, outcome.reason) == (
        "updated",
        "the source changed since the last import",
    )
    page.refresh_from_db()
    assert page.title == "Millrace Park reopens with a river trail and a dock"
    assert NewsReleasePage.objects.count() == 1 and ImportedRelease.objects.count() == 1


def test_drafts_by_default_and_old_drafts_stay_drafts(city):
    Importer(city["newsroom"]).save(park_record())
    assert not NewsReleasePage.objects.get().live
    outcome = Importer(city["newsroom"], publish=True).save(
        park_record(url="https://www.harlowcreek.example/?p=12", status="draft")
    )
    assert not outcome.release.live
    assert "kept as a draft: it was “draft” on the old site" in outcome.warnings


def test_old_releases_are_archived_content_with_a_way_to_ask_for_an_accessible_version(
    client, city, importer
):
    importer.save(park_record())
    importer.save(
        park_record(
            headline="Pool season starts",
            published=date(2026, 6, 1),
            dateline=rec.Dateline("Harlow Creek, Ore.", date(2026, 6, 1)),
            url="https://www.harlowcreek.example/news/pool.aspx",
        )
    )
    old = NewsReleasePage.objects.get(title__startswith="Millrace")
    new = NewsReleasePage.objects.get(title="Pool season starts")
    assert old.archived and not new.archived
    html = client.get(old.url).content.decode()
    assert ">Archive<" in html
    assert "Request an accessible version of this release" in html
    assert "mailto:press@harlow.example?subject=Accessible%20version%20request" in html
    assert "Request an accessible version" not in client.get(new.url).content.decode()
    listing = visible_text(client.get(city["newsroom"].url))
    assert "Archive May 3, 2021" in listing


def test_editing_archived_content_clears_the_mark_and_runs_the_publish_checks(client, city):
    Importer(city["newsroom"], publish=True).save(park_record(images=[]))
    page = NewsReleasePage.objects.get()
    user = get_user_model().objects.create_superuser("ed", "ed@harlow.example", "pw")
    client.force_login(user)
    editor = visible_text(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert "Archived content. This release was imported from the old site" in editor
    photo = make_image("Slide")
    refused = edit(client, page, form_data(page, lead_image=photo.pk, lead_image_alt=""))
    assert "Describe the picture for people who cannot see it" in visible_text(refused)
    page.refresh_from_db()
    assert page.archived
    response = edit(client, page, form_data(page))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.archived
    assert ">Archive<" not in client.get(page.url).content.decode()


def test_imported_news_sends_no_alerts(city, importer):
    person = Subscriber.objects.create(email="resident@harlow.example", status="confirmed")
    person.newsrooms.add(city["newsroom"])
    importer.save(park_record(published=datetime.now(tz=PACIFIC), dateline=None))
    assert NewsReleasePage.objects.get().live
    assert Message.objects.count() == 0


def test_a_record_without_a_headline_fails_and_saves_nothing(city, importer):
    before = Page.objects.count()
    outcome = importer.save(park_record(headline=" "))
    assert (outcome.action, outcome.reason) == ("failed", "no headline found")
    assert Page.objects.count() == before and ImportedRelease.objects.count() == 0


def test_a_failure_half_way_leaves_nothing_behind(city, importer, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Redirect.objects, "update_or_create", broken)
    pages, images = Page.objects.count(), Image.objects.count()
    outcome = importer.save(park_record())
    assert (outcome.action, outcome.reason) == ("failed", "disk full")
    assert Page.objects.count() == pages and Image.objects.count() == images
    assert ImportedRelease.objects.count() == 0


def test_a_50000_pixel_square_photo_is_refused_and_the_release_still_imports(city, importer):
    raw = rec.RawDocument(source="old/big.html", format="html")
    raw.open_asset = {"big.png": huge_png_header()}.get
    record = park_record(raw=raw, images=[rec.Image(alt="A huge picture", src="big.png")])
    outcome = importer.save(record)
    assert outcome.action == "created"
    refused = "photo big.png refused: 2,500,000,000 pixels is over the limit of 40 megapixels"
    assert any(w.startswith(refused) for w in outcome.warnings)
    assert [a.reason for a in importer.failed_assets] == [image_problem(huge_png_header())]
    assert NewsReleasePage.objects.get().lead_image is None


def test_a_photo_without_alt_text_on_current_content_is_kept_off_the_release(city, importer):
    record = park_record(
        published=date(2026, 7, 1),
        dateline=rec.Dateline("Harlow Creek, Ore.", date(2026, 7, 1)),
        images=[rec.Image(caption="Opening day.", src="park_files/slide.jpg")],
    )
    outcome = importer.save(record)
    assert outcome.action == "created"
    assert NewsReleasePage.objects.get().lead_image is None
    assert any("has no usable alt text" in w for w in outcome.warnings)


def test_related_stories_link_up_when_the_story_they_name_arrives_later(client, city, importer):
    first = park_record(
        related=[
            rec.Related("Pool season starts", "https://www.harlowcreek.example/news/pool.aspx")
        ]
    )
    importer.save(first)
    importer.save(
        park_record(
            headline="Pool season starts",
            url="https://www.harlowcreek.example/news/pool.aspx",
            related=[],
        )
    )
    importer.finish()
    park = NewsReleasePage.objects.get(title__startswith="Millrace")
    assert [link.release.title for link in park.related_links.all()] == ["Pool season starts"]
    assert "Pool season starts" in visible_text(client.get(park.url))
    assert ImportedRelease.objects.get(release=park).pending_related == []


def test_helpers_read_places_and_contacts():
    assert split_place("Sacramento, Calif.") == ("Sacramento", "California")
    assert split_place("Harlow Creek") == ("Harlow Creek", "")
    assert parse_contact("Dana Whitfield, Communications Officer\n(541) 555-0134") == {
        "name": "Dana Whitfield",
        "title": "Communications Officer",
        "email": "",
        "phone": "(541) 555-0134",
    }


@pytest.fixture
def old_web_server():
    """The old site, on loopback, serving one photo and a 404 for anything else."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    photo = jpeg_bytes()
    hits = []

    class OldSite(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            if self.path == "/uploads/2021/05/slide.jpg":
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(photo)))
                self.end_headers()
                self.wfile.write(photo)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_photos_only_on_the_old_site_are_downloaded_when_asked(city, old_web_server):
    base, hits = old_web_server
    raw = rec.RawDocument(source="feed.xml#1", format="rss")
    photo = rec.Image(alt="Children on the new slide", src="/uploads/2021/05/slide.jpg")
    missing = rec.Image(alt="The old slide", src=f"{base}/uploads/gone.jpg")
    record = park_record(raw=raw, images=[photo, missing], url=f"{base}/news/park/")

    kept_words = Importer(city["newsroom"]).save(record)
    assert f"photo left on the old site: {base}/uploads/2021/05/slide.jpg" in " ".join(
        kept_words.warnings
    )
    assert kept_words.release.lead_image is None and hits == []

    changed = park_record(
        raw=raw, images=[photo, missing], url=f"{base}/news/park/", headline="Park reopens"
    )
    outcome = Importer(city["newsroom"], fetch_images=True).save(changed)
    release = NewsReleasePage.objects.get().get_latest_revision_as_object()  # a draft
    assert release.title == "Park reopens"
    assert release.lead_image is not None and release.lead_image.width == 640
    assert release.lead_image_alt == "Children on the new slide"
    assert f"photo {base}/uploads/gone.jpg could not be downloaded: HTTP 404" in outcome.warnings
