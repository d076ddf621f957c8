"""The Wagtail editor under Dateline's admin Content-Security-Policy."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import set_up_two_factor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_works_under_the_admin_policy(page, live_server, city, make_release):
    make_release("Earlier story")
    editor = get_user_model().objects.create_superuser(
        "editor", "e@harlow.example", "a long secret 9"
    )
    blocked = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a long secret 9")
    page.click("button[type=submit]")
    # A first sign-in: the two-factor set-up page, whose QR code must load under the policy.
    set_up_two_factor(page, editor)
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/admin/pages/add/releases/newsreleasepage/{city['newsroom'].pk}/")
    assert page.locator("#id_dateline_city").input_value() == "Harlow Creek"
    # The InlinePanel's inline script must have run for this button to add a form.
    page.get_by_role("button", name="Add related story").first.click()
    assert page.locator("[id^='inline_child_related_links-']").count() >= 1
    # The rich-text editor of a body paragraph opens.
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").first.click()
    page.locator(".Draftail-Editor").first.wait_for(state="visible")
    for path in (
        "/admin/",
        f"/admin/pages/{city['newsroom'].pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        f"/admin/settings/core/citysettings/{city['site'].pk}/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
    # Signed-in editors see Wagtail's userbar on public pages.
    page.goto(live_server.url + "/news/")
    assert page.locator("wagtail-userbar, [data-wagtail-userbar]").count() >= 1
    assert blocked == []
