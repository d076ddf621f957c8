"""A reporter's embargoed copy stops working when the embargo is cancelled, and no preview link
ever shows edits made after it was sent (issue 23, M2)."""

import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Revision

from dateline.editorial.models import EmbargoNotice, PreviewLink
from dateline.releases.models import NewsReleasePage
from dateline.releases.tasks import publish_scheduled

pytestmark = pytest.mark.django_db

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
NEXT_JUNE = datetime(timezone.now().year + 1, 6, 8, 9, 0, tzinfo=PACIFIC)
HEADLINE = "Harlow Creek buys the old cannery for a riverside park"


def publish_embargoed(admin, release, form, capture):
    data = form(release, embargo_until=NEXT_JUNE)
    data["action-publish"] = "action-publish"
    with capture(execute=True):
        response = admin.post(f"/admin/pages/{release.pk}/edit/", data)
    assert response.status_code == 302
    return NewsReleasePage.objects.get(pk=release.pk)


def reporter_link(address):
    message = next(m for m in mail.outbox if m.to == [address])
    return re.search(r"http://testserver(/preview/[^\s]+/)", message.body).group(1)


def unschedule(admin, release):
    revision = release.scheduled_revision
    response = admin.post(f"/admin/pages/{release.pk}/revisions/{revision.pk}/unschedule/")
    assert response.status_code == 302


def test_cancelling_a_sent_embargo_withdraws_the_reporters_link(
    desk_admin, desk_draft, desk_form, desk_press, desk_public, django_capture_on_commit_callbacks
):
    release = desk_draft(HEADLINE)
    release = publish_embargoed(desk_admin, release, desk_form, django_capture_on_commit_callbacks)
    link = reporter_link("rosa@courier.example")
    assert HEADLINE in desk_public.get(link).content.decode()
    assert EmbargoNotice.objects.filter(status="sent").count() == 2

    unschedule(desk_admin, release)
    # The newsroom keeps editing the draft it took back.
    draft = NewsReleasePage.objects.get(pk=release.pk).get_latest_revision_as_object()
    draft.title = f"{HEADLINE}, council to vote again"
    draft.save_revision()

    response = desk_public.get(link)
    assert response.status_code == 410
    text = response.content.decode()
    assert "This preview link is no longer valid" in text
    assert "cannery" not in text and "council to vote again" not in text
    assert response["Cache-Control"] == "private, no-store"
    assert not PreviewLink.objects.filter(purpose="embargo", revoked_at=None).exists()
    assert EmbargoNotice.objects.filter(withdrawn_at=None).count() == 0


def test_a_copy_no_longer_scheduled_is_not_shown_whatever_the_path(
    desk_admin, desk_draft, desk_form, desk_press, desk_public, django_capture_on_commit_callbacks
):
    """Wagtail clears other revisions' schedules with a plain UPDATE, which sends no signal."""
    release = desk_draft(HEADLINE)
    release = publish_embargoed(desk_admin, release, desk_form, django_capture_on_commit_callbacks)
    link = reporter_link("sam@khcr.example")
    Revision.objects.filter(object_id=str(release.pk)).update(approved_go_live_at=None)
    response = desk_public.get(link)
    assert response.status_code == 410
    assert "This preview link is no longer valid" in response.content.decode()
    assert "cannery" not in response.content.decode()


def test_after_the_embargo_lifts_the_link_leads_to_the_public_release(
    desk_admin, desk_draft, desk_form, desk_press, desk_public, django_capture_on_commit_callbacks
):
    release = desk_draft(HEADLINE)
    release = publish_embargoed(desk_admin, release, desk_form, django_capture_on_commit_callbacks)
    link = reporter_link("rosa@courier.example")
    past = timezone.now() - timedelta(seconds=30)
    revision = release.scheduled_revision
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish_scheduled.call_local()
    release.refresh_from_db()
    assert release.live

    response = desk_public.get(link)
    assert response.status_code == 302
    assert response["Location"] == release.url
    assert HEADLINE in desk_public.get(response["Location"]).content.decode()


def test_the_embargoed_copy_is_the_scheduled_revision(
    desk_admin, desk_draft, desk_form, desk_press, desk_public, django_capture_on_commit_callbacks
):
    release = desk_draft(HEADLINE)
    release = publish_embargoed(desk_admin, release, desk_form, django_capture_on_commit_callbacks)
    link = reporter_link("rosa@courier.example")
    # An edit saved beside the schedule (say, by a script) is not what the press was sent.
    draft = release.get_latest_revision_as_object()
    draft.title = "Cannery deal falls through"
    draft.save_revision()
    text = desk_public.get(link).content.decode()
    assert HEADLINE in text and "falls through" not in text


def test_a_review_link_keeps_showing_the_draft_it_was_made_for(desk_admin, desk_draft, desk_public):
    page = desk_draft("Library hours grow on weekends")
    response = desk_admin.post(
        f"/admin/desk/pages/{page.pk}/preview-links/",
        {"recipient": "Library Director", "days": "3"},
        follow=True,
    )
    url = re.search(r'value="http://testserver(/preview/[^"]+/)"', response.content.decode())
    draft = page.get_latest_revision_as_object()
    draft.title = "Library closes on Sundays"
    draft.save_revision()

    text = desk_public.get(url.group(1)).content.decode()
    assert "Library hours grow on weekends" in text
    assert "Library closes on Sundays" not in text
