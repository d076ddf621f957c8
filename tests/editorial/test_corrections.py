"""Corrections: added by editors who may publish, shown to readers, feeds and the API."""

import json
import re
from datetime import UTC, datetime

import feedparser
import pytest
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.test import Client
from wagtail.models import PageLogEntry, Revision

from dateline.editorial import corrections
from dateline.editorial.models import Correction
from tests.helpers import PACIFIC, visible_text

pytestmark = pytest.mark.django_db


def add_url(page):
    return f"/admin/desk/pages/{page.pk}/corrections/"


def post_correction(client, page, text="The park opens May 4, not May 3.", at="2021-05-04 10:00"):
    return client.post(add_url(page), {"text": text, "corrected_at": at})


def correct(page, text="The park opens May 4, not May 3.", when=None):
    return corrections.add_correction(
        page, text, corrected_at=when or datetime(2021, 5, 4, 10, tzinfo=PACIFIC)
    )


# --- adding one -----------------------------------------------------------------------------


def test_publisher_adds_a_correction_in_the_admin(client, fix_publisher, fix_release):
    client.force_login(fix_publisher)
    form = client.get(add_url(fix_release))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Add a correction" in html and 'name="csrfmiddlewaretoken"' in html

    response = post_correction(client, fix_release)
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.release_id == fix_release.pk
    assert correction.created_by == fix_publisher
    # Typed in the city's time: 10 a.m. Pacific.
    assert correction.corrected_at == datetime(2021, 5, 4, 10, tzinfo=PACIFIC)
    entry = PageLogEntry.objects.get(action="dateline.correction")
    assert entry.page_id == fix_release.pk and entry.user == fix_publisher
    assert entry.data["text"] == "The park opens May 4, not May 3."
    assert entry.data["correction_id"] == correction.pk
    listing = client.get(add_url(fix_release)).content.decode()
    assert "The park opens May 4, not May 3." in listing
    history = client.get(f"/admin/pages/{fix_release.pk}/history/").content.decode()
    assert "Correction added" in history


def test_the_form_starts_at_now_in_the_city_time(client, fix_publisher, fix_release):
    client.force_login(fix_publisher)
    html = client.get(add_url(fix_release)).content.decode()
    now = datetime.now(PACIFIC).strftime("%Y-%m-%d")
    assert re.search(rf'name="corrected_at"[^>]*value="{now} \d\d:\d\d', html)


def test_the_add_button_is_offered_to_publishers_on_live_releases(
    client, fix_publisher, fix_release, desk_draft
):
    client.force_login(fix_publisher)
    edit = client.get(f"/admin/pages/{fix_release.pk}/edit/").content.decode()
    assert add_url(fix_release) in edit and "Add a correction" in edit
    listing = client.get(f"/admin/pages/{fix_release.get_parent().pk}/").content.decode()
    assert add_url(fix_release) in listing
    draft = desk_draft()
    assert add_url(draft) not in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()


def test_a_writer_cannot_add_a_correction(client, fix_writer, fix_release):
    client.force_login(fix_writer)
    edit = client.get(f"/admin/pages/{fix_release.pk}/edit/")
    assert edit.status_code == 200
    assert add_url(fix_release) not in edit.content.decode()
    # Wagtail answers a refused admin page by sending the person to the dashboard.
    for response in (client.get(add_url(fix_release)), post_correction(client, fix_release)):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert not Correction.objects.exists()


def test_a_draft_cannot_be_corrected(client, fix_publisher, desk_draft):
    draft = desk_draft()
    client.force_login(fix_publisher)
    assert "not published" in client.get(add_url(draft)).content.decode()
    response = post_correction(client, draft)
    assert response.status_code == 400
    assert "This release is not published" in response.content.decode()
    assert not Correction.objects.exists()
    assert not PageLogEntry.objects.filter(action="dateline.correction").exists()


def test_an_empty_correction_is_refused(client, fix_publisher, fix_release):
    client.force_login(fix_publisher)
    response = post_correction(client, fix_release, text="   ")
    assert response.status_code == 400
    assert "Write the correction" in response.content.decode()
    assert not Correction.objects.exists()
    with pytest.raises(corrections.CorrectionRefused, match="what was wrong"):
        corrections.add_correction(fix_release, "")


def test_a_correction_in_the_future_is_refused(client, fix_publisher, fix_release):
    client.force_login(fix_publisher)
    response = post_correction(client, fix_release, at="2099-01-01 10:00")
    assert response.status_code == 400
    assert "in the future" in response.content.decode()
    assert not Correction.objects.exists()


def test_adding_needs_the_csrf_token(fix_publisher, fix_release):
    client = Client(enforce_csrf_checks=True)
    client.force_login(fix_publisher)
    assert post_correction(client, fix_release).status_code == 403
    assert not Correction.objects.exists()


# --- what readers see ---------------------------------------------------------------------


def test_the_release_shows_the_correction_above_the_body(client, fix_release):
    correct(fix_release)
    html = client.get(fix_release.url).content.decode()
    section = html[html.index('class="corrections"') : html.index('class="release__body"')]
    assert 'aria-labelledby="corrections-heading"' in html
    visible = visible_text(section).replace(" :", ":")
    assert "Correction, May 4, 2021: The park opens May 4, not May 3." in visible
    assert "dateline/css/corrections.css" in html
    assert "style=" not in section and "<script" not in section


def test_a_release_without_corrections_has_no_section(client, fix_release):
    html = client.get(fix_release.url).content.decode()
    assert 'class="corrections"' not in html and "corrections.css" not in html


def _json_ld(client, page):
    html = client.get(page.url).content.decode()
    return json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))


def backdate(page):
    """As if the release were last published on the morning of May 3, 2021."""
    published = datetime(2021, 5, 3, 9, 5, tzinfo=PACIFIC)
    type(page).objects.filter(pk=page.pk).update(last_published_at=published)
    page.refresh_from_db()
    return published


def test_json_ld_date_modified_is_a_later_correction(client, fix_release):
    published = backdate(fix_release)
    correct(fix_release, when=datetime(2021, 5, 3, 8, tzinfo=PACIFIC))  # before: no change
    assert datetime.fromisoformat(_json_ld(client, fix_release)["dateModified"]) == published
    later = correct(fix_release, "The trail is 2 miles long.")
    modified = datetime.fromisoformat(_json_ld(client, fix_release)["dateModified"])
    assert modified == later.corrected_at == datetime(2021, 5, 4, 10, tzinfo=PACIFIC)


def _feeds(client):
    rss = client.get("/feeds/rss.xml")
    atom = client.get("/feeds/atom.xml")
    feed = client.get("/feeds/feed.json")
    return rss, atom, feed


def test_feeds_show_the_correction_as_the_update(client, fix_release):
    backdate(fix_release)
    before = _feeds(client)
    corrected_at = correct(fix_release).corrected_at
    rss, atom, feed = _feeds(client)
    for response in (rss, atom):
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        (entry,) = parsed.entries
        if response is atom:  # RSS 2.0 has no per-item update time
            assert datetime(*entry.updated_parsed[:6], tzinfo=UTC) == corrected_at
    item = json.loads(feed.content)["items"][0]
    assert datetime.fromisoformat(item["date_modified"]) == corrected_at
    # Readers' caches see a new version of every feed.
    for old, new in zip(before, (rss, atom, feed), strict=True):
        assert old["ETag"] != new["ETag"]
        assert old["Last-Modified"] != new["Last-Modified"]
    # Asking again with the new validators gets "not modified".
    again = client.get("/feeds/rss.xml", HTTP_IF_NONE_MATCH=rss["ETag"])
    assert again.status_code == 304


def test_an_earlier_correction_leaves_the_feed_update_time(client, fix_release):
    published = backdate(fix_release)
    correct(fix_release, when=datetime(2021, 5, 3, 8, tzinfo=PACIFIC))
    parsed = feedparser.parse(client.get("/feeds/atom.xml").content)
    assert parsed.bozo == 0
    assert datetime(*parsed.entries[0].updated_parsed[:6], tzinfo=UTC) == published


def test_corrections_page_lists_corrections_of_public_releases(client, make_release, desk_draft):
    first = make_release("Pool opens for summer")
    second = make_release("Library extends hours", when=datetime(2021, 6, 1, 9, tzinfo=PACIFIC))
    gone = make_release("Road closure ends early")
    correct(first, "The pool opens at 9 a.m.", datetime(2021, 5, 5, 9, tzinfo=PACIFIC))
    correct(second, "The library closes at 8 p.m.", datetime(2021, 6, 2, 9, tzinfo=PACIFIC))
    correct(gone, "The road reopens Friday.", datetime(2021, 6, 3, 9, tzinfo=PACIFIC))
    gone.unpublish()

    response = client.get("/corrections/")
    assert response.status_code == 200
    html = response.content.decode()
    visible = visible_text(html)
    assert visible.index("Library extends hours") < visible.index("Pool opens for summer")
    assert "Corrected June 2, 2021 The library closes at 8 p.m." in visible
    assert f'href="{first.url}"' in html
    assert "Road closure ends early" not in visible and "reopens Friday" not in visible


def test_corrections_page_is_paginated_and_says_when_empty(client, fix_release):
    assert "There have been no corrections." in client.get("/corrections/").content.decode()
    for day in range(1, 23):
        correct(fix_release, f"Fix number {day}.", datetime(2021, 5, day, 9, tzinfo=PACIFIC))
    first = visible_text(client.get("/corrections/").content.decode())
    assert "Fix number 22." in first and "Fix number 2." not in first
    assert "Page 1 of 2" in first and "Older corrections" in first
    second = visible_text(client.get("/corrections/?page=2").content.decode())
    assert "Fix number 1." in second and "Newer corrections" in second


def test_the_api_includes_corrections(client, fix_release):
    correct(fix_release)
    data = client.get(f"/api/v1/releases/{fix_release.pk}/").json()
    assert data["corrections"] == [
        {"corrected_at": "2021-05-04T10:00:00-07:00", "text": "The park opens May 4, not May 3."}
    ]


# --- keeping the record -------------------------------------------------------------------


def test_revisions_of_published_releases_cannot_be_deleted(fix_release):
    fix_release.save_revision()
    revisions = Revision.objects.for_instance(fix_release)
    assert revisions.count() == 2
    # Django deletes inside a transaction; a savepoint keeps the test's own usable.
    with pytest.raises(ProtectedError, match="has been published"), transaction.atomic():
        revisions.first().delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        revisions.delete()
    assert revisions.count() == 2


def test_a_corrected_live_release_cannot_be_deleted(client, fix_release, make_release):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("ada", "ada@harlow.example", "pw")
    client.force_login(admin)
    correct(fix_release)
    response = client.post(f"/admin/pages/{fix_release.pk}/delete/", follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert type(fix_release).objects.filter(pk=fix_release.pk).exists()
    # Nor with its newsroom.
    newsroom = fix_release.get_parent()
    client.post(f"/admin/pages/{newsroom.pk}/delete/")
    assert type(fix_release).objects.filter(pk=fix_release.pk).exists()
    # An uncorrected release can still be deleted, revisions and all.
    other = make_release("Farmers market returns")
    assert client.post(f"/admin/pages/{other.pk}/delete/").status_code == 302
    assert not type(other).objects.filter(pk=other.pk).exists()
    assert not Revision.objects.filter(object_id=str(other.pk)).exists()


def test_open_graph_modified_time_is_a_later_correction(client, fix_release):
    from django.utils import timezone

    later = correct(fix_release, when=timezone.now())
    html = client.get(fix_release.url).content.decode()
    shown = re.search(r'<meta property="article:modified_time" content="([^"]+)">', html)[1]
    assert datetime.fromisoformat(shown) == later.corrected_at.replace(second=0, microsecond=0)
