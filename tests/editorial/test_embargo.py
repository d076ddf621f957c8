"""Embargoes: the press list gets the release at once, marked; the public at the embargo time."""

import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from dateline.alerts.models import Subscriber
from dateline.editorial.embargo import delivery as embargo
from dateline.editorial.models import EmbargoNotice, PreviewLink
from dateline.editorial.schedule.times import embargo_text
from dateline.releases.models import NewsReleasePage
from dateline.releases.tasks import publish_scheduled

pytestmark = pytest.mark.django_db

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
NEXT_MAY = datetime(timezone.now().year + 1, 5, 3, 10, 0, tzinfo=PACIFIC)
MARK = f"EMBARGOED UNTIL 10:00 a.m. PDT, May 3, {NEXT_MAY.year}"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def publish(admin, page, form, capture, **changes):
    data = form(page, **changes)
    data["action-publish"] = "action-publish"
    with capture(execute=True):
        return admin.post(edit_url(page), data)


def lift(release):
    """The embargo minute arrives: move the approved time into the past, run the job."""
    past = timezone.now() - timedelta(seconds=30)
    revision = Revision.objects.get(object_id=str(release.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    publish_scheduled.call_local()


def unschedule(admin, release):
    """The editor's "Cancel scheduled publish"."""
    revision = Revision.objects.get(object_id=str(release.pk), approved_go_live_at__isnull=False)
    response = admin.post(f"/admin/pages/{release.pk}/revisions/{revision.pk}/unschedule/")
    assert response.status_code == 302


def test_embargo_text_is_ap_style_with_the_zone():
    moment = datetime(2021, 5, 3, 10, 0, tzinfo=PACIFIC)
    assert embargo_text(moment, PACIFIC) == "10:00 a.m. PDT, May 3, 2021"
    assert embargo_text(datetime(2021, 12, 1, 15, 30, tzinfo=PACIFIC), PACIFIC) == (
        "3:30 p.m. PST, Dec. 1, 2021"
    )


def test_publishing_an_embargoed_release_mails_the_press_list_and_hides_it(
    desk_admin, desk_draft, desk_form, desk_press, desk_public, django_capture_on_commit_callbacks
):
    release = desk_draft()
    response = publish(
        desk_admin, release, desk_form, django_capture_on_commit_callbacks, embargo_until=NEXT_MAY
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    release = NewsReleasePage.objects.get(pk=release.pk)
    assert release.embargo_until == NEXT_MAY
    assert release.go_live_at == NEXT_MAY
    assert not release.live
    revision = Revision.objects.get(object_id=str(release.pk), approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == NEXT_MAY

    # The two active contacts, not the one who left the list.
    assert sorted(m.to[0] for m in mail.outbox) == ["rosa@courier.example", "sam@khcr.example"]
    message = mail.outbox[0]
    assert message.subject == f"{MARK}: Council approves the river trail budget"
    assert message.body.startswith(MARK)
    html = message.alternatives[0][0]
    assert MARK in html
    assert message.extra_headers["Message-ID"].startswith(f"<embargo-{release.pk}-")
    assert set(EmbargoNotice.objects.values_list("status", flat=True)) == {"sent"}

    # The private link shows the draft, marked, to someone with no account.
    link = re.search(r"http://testserver(/preview/[^\s]+/)", message.body).group(1)
    preview = desk_public.get(link)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Council approves the river trail budget" in text
    assert "Preview — not published" in text and MARK in text
    assert preview["X-Robots-Tag"].startswith("noindex")
    notice = EmbargoNotice.objects.get(contact=desk_press[0])
    assert notice.preview_link.purpose == PreviewLink.Purpose.EMBARGO
    assert notice.preview_link.expires_at == NEXT_MAY + timedelta(days=7)

    # The public sees nothing yet.
    assert desk_public.get("/news/council-approves-the-river-trail-budget/").status_code == 404
    logged = PageLogEntry.objects.filter(page=release, action="dateline.embargo").get()
    assert logged.data["press_copies"] == 2


def test_the_release_goes_live_and_alerts_residents_when_the_embargo_lifts(
    desk_admin,
    desk_draft,
    desk_form,
    desk_press,
    desk_public,
    city,
    django_capture_on_commit_callbacks,
):
    resident = Subscriber.objects.create(
        email="resident@harlow.example", status="confirmed", confirmed_at=timezone.now()
    )
    resident.newsrooms.add(city["newsroom"])
    release = desk_draft()
    publish(
        desk_admin, release, desk_form, django_capture_on_commit_callbacks, embargo_until=NEXT_MAY
    )
    assert [m.to for m in mail.outbox if "resident@harlow.example" in m.to] == []
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        lift(release)
    release.refresh_from_db()
    assert release.live
    assert desk_public.get(release.url).status_code == 200
    # The release carries the day it became public, so the alert age rule lets it through.
    assert release.release_date == NEXT_MAY
    assert [m.to for m in mail.outbox] == [["resident@harlow.example"]]
    # Reporters are not mailed again, and their links still show the release.
    assert EmbargoNotice.objects.filter(status="sent").count() == 2


def test_a_new_embargo_time_is_sent_again_with_the_new_time(
    desk_admin, desk_draft, desk_form, desk_press, django_capture_on_commit_callbacks
):
    release = desk_draft()
    publish(
        desk_admin, release, desk_form, django_capture_on_commit_callbacks, embargo_until=NEXT_MAY
    )
    mail.outbox.clear()
    # Wagtail locks a scheduled page: the editor cancels the schedule, then changes the time.
    unschedule(desk_admin, release)
    release = NewsReleasePage.objects.get(pk=release.pk)
    later = NEXT_MAY + timedelta(hours=4)
    response = publish(
        desk_admin, release, desk_form, django_capture_on_commit_callbacks, embargo_until=later
    )
    assert response.status_code == 302, response.context["form"].errors
    release.refresh_from_db()
    assert release.go_live_at == later  # the publishing time followed the embargo
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("EMBARGOED UNTIL 2:00 p.m. PDT, May 3,") for m in mail.outbox)
    assert EmbargoNotice.objects.filter(release=release).count() == 4

    # Cancelling withdraws the copies sent (issue 23, M2), so scheduling again, even for the
    # same time, sends each reporter a fresh copy with a new link.
    mail.outbox.clear()
    unschedule(desk_admin, release)
    release.refresh_from_db()
    publish(desk_admin, release, desk_form, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["rosa@courier.example", "sam@khcr.example"]
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 2
    assert EmbargoNotice.objects.filter(release=release, withdrawn_at=None).count() == 2

    # A repeated save of the same scheduled revision sends nothing more.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        release.scheduled_revision.save(update_fields=["approved_go_live_at"])
    assert mail.outbox == []


def test_cancelling_the_schedule_sends_nothing_further(
    desk_admin, desk_draft, desk_form, desk_press, django_capture_on_commit_callbacks
):
    release = desk_draft()
    embargo.kick, real_kick = (lambda: None), embargo.kick  # keep the copies waiting
    try:
        publish(
            desk_admin,
            release,
            desk_form,
            django_capture_on_commit_callbacks,
            embargo_until=NEXT_MAY,
        )
    finally:
        embargo.kick = real_kick
    assert EmbargoNotice.objects.filter(status="queued").count() == 2
    unschedule(desk_admin, release)
    assert EmbargoNotice.objects.filter(status="cancelled").count() == 2
    embargo.deliver_due()
    assert mail.outbox == []
    release.refresh_from_db()
    assert not release.live


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"embargo_until": timezone.now() - timedelta(hours=1)}, "has already passed"),
        (
            {"embargo_until": NEXT_MAY, "go_live_at": NEXT_MAY - timedelta(hours=1)},
            "after the release is set to publish",
        ),
    ],
    ids=["embargo-in-the-past", "embargo-after-publishing-time"],
)
def test_impossible_embargoes_are_refused_at_the_field(
    desk_admin,
    desk_draft,
    desk_form,
    desk_press,
    changes,
    message,
    django_capture_on_commit_callbacks,
):
    release = desk_draft()
    response = publish(
        desk_admin, release, desk_form, django_capture_on_commit_callbacks, **changes
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="panel-child-content-embargoed_until-section"' in html or "embargo_until" in html
    release.refresh_from_db()
    assert release.embargo_until is None and release.go_live_at is None
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    assert mail.outbox == [] and not EmbargoNotice.objects.exists()


def test_moving_the_publishing_time_before_an_embargo_is_refused(
    desk_admin, desk_draft, desk_form, django_capture_on_commit_callbacks
):
    release = desk_draft()
    data = desk_form(release, embargo_until=NEXT_MAY)
    assert desk_admin.post(edit_url(release), data).status_code == 302  # saved as a draft
    release.refresh_from_db()
    assert release.go_live_at == NEXT_MAY  # the publishing time follows the embargo
    response = publish(
        desk_admin,
        release,
        desk_form,
        django_capture_on_commit_callbacks,
        go_live_at=NEXT_MAY - timedelta(days=1),
    )
    assert response.status_code == 200
    assert "after the release is set to publish" in response.content.decode()
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_an_embargo_on_a_public_release_is_refused(
    desk_admin, make_release, desk_form, desk_press, django_capture_on_commit_callbacks
):
    release = make_release()
    response = publish(
        desk_admin, release, desk_form, django_capture_on_commit_callbacks, embargo_until=NEXT_MAY
    )
    assert response.status_code == 200
    assert "already public, so it cannot be embargoed" in response.content.decode()
    assert mail.outbox == []


def test_delivery_is_idempotent_and_retries(
    desk_admin, desk_draft, desk_form, desk_press, settings, django_capture_on_commit_callbacks
):
    release = desk_draft()
    embargo.kick, real_kick = (lambda: None), embargo.kick
    try:
        publish(
            desk_admin,
            release,
            desk_form,
            django_capture_on_commit_callbacks,
            embargo_until=NEXT_MAY,
        )
    finally:
        embargo.kick = real_kick
    ids = set(EmbargoNotice.objects.values_list("message_id", flat=True))
    # The same release, contact, time and link always give the same Message-ID.
    notice = EmbargoNotice.objects.first()
    assert (
        embargo.message_id(release, notice.contact, notice.embargo_until, notice.preview_link)
        == notice.message_id
    )

    settings.EMAIL_BACKEND = "tests.editorial.test_embargo.BrokenBackend"
    assert embargo.deliver_due()["retry"] == 2
    assert set(EmbargoNotice.objects.values_list("status", "attempts")) == {("queued", 1)}
    assert "mail server is down" in EmbargoNotice.objects.first().last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert embargo.deliver_due()["sent"] == 2
    assert embargo.deliver_due()["sent"] == 0
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == ids
    assert len(mail.outbox) == 2


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server is down")

    def open(self):
        pass

    def close(self):
        pass


def test_embargoed_release_is_nowhere_public(
    desk_admin,
    desk_draft,
    desk_form,
    desk_press,
    make_release,
    topics,
    rich,
    desk_public,
    django_capture_on_commit_callbacks,
):
    from dateline.releases.related import recompute_all

    shown = make_release(
        "Lantern walk returns to the river trail",
        when=timezone.now() - timedelta(hours=3),
        topics=[topics["parks"]],
        body=[("paragraph", rich("<p>Paper lanterns line the trail again.</p>"))],
    )
    hidden = desk_draft("Quillfeather lanterns embargoed")
    hidden.topics = [topics["parks"]]
    hidden.save_revision()
    data = desk_form(hidden, embargo_until=NEXT_MAY)
    data["topics"] = [str(topics["parks"].pk)]
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        assert desk_admin.post(edit_url(hidden), data).status_code == 302
    recompute_all()
    surfaces = [
        "/",
        "/news/",
        "/topics/parks/",
        shown.url,
        "/sitemaps/releases/1.xml",
        "/news-sitemap.xml",
        "/search/?q=lanterns",
        "/search/?topic=parks",
        "/api/v1/releases/",
        "/api/v1/releases/?topic=parks",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/feed.json",
        "/feeds/topic/parks/rss.xml",
        "/feeds/newsroom/news/rss.xml",
    ]
    for url in surfaces:
        response = desk_public.get(url)
        assert response.status_code == 200, url
        text = response.content.decode().lower()
        if url != shown.url:
            assert "lantern walk returns" in text or "lantern-walk-returns" in text, url
        assert "quillfeather" not in text, url
    # Uploaded files are served without folder listings, so no one can browse for its photo.
    for folder in ("/media/", "/media/original_images/", "/media/images/"):
        assert desk_public.get(folder).status_code == 404, folder
    assert desk_public.get(f"/api/v1/releases/{hidden.pk}/").status_code == 404
    assert desk_public.get("/news/quillfeather-lanterns-embargoed/").status_code == 404


def test_an_embargo_submitted_for_review_is_sent_when_a_reviewer_approves(
    desk_admin, desk_draft, desk_form, desk_press, django_capture_on_commit_callbacks
):
    from wagtail.models import Workflow, WorkflowState

    release = desk_draft()
    edit = desk_admin.get(edit_url(release)).content.decode()
    assert 'name="embargo_until"' in edit and "Embargoed until" in edit
    workflow = Workflow.objects.filter(active=True).first()
    assert workflow is not None, "Wagtail's default moderation workflow"
    workflow.workflow_pages.get_or_create(page=release.get_parent())
    data = desk_form(release, embargo_until=NEXT_MAY)
    data["action-submit"] = "action-submit"
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_admin.post(edit_url(release), data)
    assert response.status_code == 302
    # Submitted, not yet approved: only Wagtail's note to the reviewers goes out.
    assert not [m for m in mail.outbox if "EMBARGOED" in m.subject]
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(release.pk))
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_admin.post(
            f"/admin/pages/workflow/action/{release.pk}/approve/{task_state.pk}/",
            {"comment": ""},
        )
    assert response.status_code in (200, 302)
    release = NewsReleasePage.objects.get(pk=release.pk)
    assert not release.live
    assert release.scheduled_revision.approved_go_live_at == NEXT_MAY
    press = [m for m in mail.outbox if m.subject.startswith(MARK)]
    assert sorted(m.to[0] for m in press) == ["rosa@courier.example", "sam@khcr.example"]
