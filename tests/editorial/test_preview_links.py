"""Preview links: an editor shares the latest draft with a reviewer who has no account."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageLogEntry

from dateline.editorial.models import PreviewLink
from dateline.editorial.previews import links as previews

pytestmark = pytest.mark.django_db


def links_url(page):
    return f"/admin/desk/pages/{page.pk}/preview-links/"


def create_link(admin, page, recipient="Parks Director", days="3"):
    response = admin.post(links_url(page), {"recipient": recipient, "days": days}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'value="(http://testserver/preview/[^"]+/)"', html).group(1), html


def test_editor_creates_a_link_and_a_reviewer_reads_the_draft(
    desk_admin, desk_draft, desk_public, rich
):
    page = desk_draft()
    edit = desk_admin.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Share a preview link" in edit and links_url(page) in edit

    url, html = create_link(desk_admin, page)
    assert "Preview link for Parks Director created" in html
    assert "Works until" in html
    link = PreviewLink.objects.get()
    assert link.recipient == "Parks Director" and link.purpose == "review"
    assert timedelta(days=3) - timedelta(minutes=1) < link.expires_at - timezone.now()

    # The reviewer sees the draft the link was made from, not later edits (issue 23, M2).
    draft = page.get_latest_revision_as_object()
    draft.title = "Council approves the river trail budget, 5-2"
    draft.save_revision()

    response = desk_public.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Council approves the river trail budget" in text
    assert "Council approves the river trail budget, 5-2" not in text
    assert "Preview — not published" in text
    assert '<meta name="robots" content="noindex' in text
    assert "/static/dateline/css/preview.css" in text
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    # Public pages run no inline code: the banner is styled from the stylesheet.
    assert "<style" not in text and 'style="' not in text
    assert "preview-banner" in text
    # Nothing was published.
    page.refresh_from_db()
    assert not page.live
    assert desk_public.get("/news/council-approves-the-river-trail-budget/").status_code == 404
    assert PageLogEntry.objects.filter(page=page, action="dateline.preview_link").count() == 1


def test_revoked_expired_and_tampered_links_say_so(desk_admin, desk_draft, desk_public):
    page = desk_draft()
    url, _ = create_link(desk_admin, page, days="1")
    path = url.removeprefix("http://testserver")
    link = PreviewLink.objects.get()

    tampered = desk_public.get(path[:-3] + "xx/")
    assert tampered.status_code == 404
    assert "This preview link does not work" in tampered.content.decode()
    assert tampered["Cache-Control"] == "private, no-store"

    # Someone else's link id with this link's signature does not work either.
    forged = previews.token_for(PreviewLink(pk=link.pk + 1, nonce=link.nonce))
    assert desk_public.get(f"/preview/{forged}/").status_code == 404

    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = desk_public.get(path)
    assert expired.status_code == 410
    assert "This preview link has expired" in expired.content.decode()
    assert "Council approves" not in expired.content.decode()

    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + timedelta(days=1))
    assert desk_public.get(path).status_code == 200
    response = desk_admin.post(f"{links_url(page)}{link.pk}/withdraw/", follow=True)
    assert "no longer works" in response.content.decode()
    revoked = desk_public.get(path)
    assert revoked.status_code == 410
    assert "This preview link was withdrawn" in revoked.content.decode()
    assert PageLogEntry.objects.filter(action="dateline.preview_link.revoke").count() == 1
    page.refresh_from_db()
    assert not page.live


def test_the_form_asks_again_for_missing_or_odd_choices(desk_admin, desk_draft):
    page = desk_draft()
    response = desk_admin.post(links_url(page), {"recipient": "", "days": "30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "Select a valid choice." in html
    assert not PreviewLink.objects.exists()


def test_people_who_cannot_edit_the_page_cannot_share_it(desk_draft, client, city):
    from django.contrib.auth.models import Permission

    page = desk_draft()
    user = get_user_model().objects.create_user("reader", "reader@harlow.example", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(links_url(page)).status_code in (302, 403)
    assert client.post(links_url(page), {"recipient": "x", "days": "1"}).status_code in (302, 403)
    assert not PreviewLink.objects.exists()
