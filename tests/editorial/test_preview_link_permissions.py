"""Only people who may publish a page manage its preview links (issue 23, M1).

A preview link hands a draft to someone outside the newsroom, and an embargoed release's
links name the reporters on the press list, so a Writer neither sees nor uses them.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.editorial.models import PressContact, PreviewLink
from dateline.editorial.previews import links as previews

pytestmark = pytest.mark.django_db


def links_url(page):
    return f"/admin/desk/pages/{page.pk}/preview-links/"


@pytest.fixture
def embargoed(desk_draft, desk_editor):
    release = desk_draft(
        "Harlow Creek picks a new fire chief",
        embargo_until=timezone.now() + timedelta(days=2),
    )
    reporter = PressContact.objects.create(
        name="Rosa Diaz", organisation="Harlow Creek Courier", email="rosa@courier.example"
    )
    link = previews.create(
        release, user=desk_editor, recipient=str(reporter), purpose=PreviewLink.Purpose.EMBARGO
    )
    return release, link


def test_a_writer_cannot_see_create_or_withdraw_preview_links(client, role_user, embargoed):
    release, link = embargoed
    client.force_login(role_user("Writer"))

    listing = client.get(links_url(release))
    assert listing.status_code == 302 and listing["Location"] == "/admin/"
    assert "Rosa Diaz" not in client.get("/admin/").content.decode()

    created = client.post(links_url(release), {"recipient": "Fire Marshal", "days": "7"})
    assert created.status_code == 302 and created["Location"] == "/admin/"
    assert PreviewLink.objects.count() == 1

    withdrawn = client.post(f"{links_url(release)}{link.pk}/withdraw/")
    assert withdrawn.status_code == 302 and withdrawn["Location"] == "/admin/"
    link.refresh_from_db()
    assert link.revoked_at is None

    # The writer may still edit the release, but no button leads to the links.
    edit = client.get(f"/admin/pages/{release.pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "Share a preview link" not in html and links_url(release) not in html
    listing_page = client.get(f"/admin/pages/{release.get_parent().pk}/").content.decode()
    assert links_url(release) not in listing_page


def test_an_editor_sees_the_button_and_the_press_links(client, role_user, embargoed):
    release, link = embargoed
    client.force_login(role_user("Editor"))
    edit = client.get(f"/admin/pages/{release.pk}/edit/").content.decode()
    assert "Share a preview link" in edit and links_url(release) in edit
    html = client.get(links_url(release)).content.decode()
    assert "Rosa Diaz, Harlow Creek Courier (embargoed copy)" in html
    response = client.post(f"{links_url(release)}{link.pk}/withdraw/", follow=True)
    assert "no longer works" in response.content.decode()
