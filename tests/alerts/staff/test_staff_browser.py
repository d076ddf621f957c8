"""The Email alerts admin pages in Chromium: no console errors, and the buttons work."""

import pytest
from django.contrib.auth import get_user_model

from dateline.alerts.models import Message
from tests.browser.conftest import enrol_in_two_factor, enter_two_factor_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

S = Message.Status


def test_staff_pages_work_without_console_errors(page, live_server, release, messages_for):
    messages_for(release, S.FAILED, 2, attempts=8, last_error="421 4.4.2 Connection timed out")
    messages_for(release, S.HELD, 3)
    chief = get_user_model().objects.create_superuser(
        "chief", "c@harlow.example", "a long secret 9"
    )
    device = enrol_in_two_factor(chief)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a long secret 9")
    page.click("button[type=submit]")
    enter_two_factor_code(page, device)
    page.wait_for_url("**/admin/")

    page.get_by_role("link", name="Email alerts").first.click()
    page.wait_for_url("**/admin/email-alerts/")
    page.get_by_role("link", name=release.title).click()
    page.get_by_role("heading", name="3 emails are waiting for a second approval").wait_for()

    page.get_by_role("button", name="Approve and send").click()
    page.get_by_text("Approved: 3 emails will be sent now.").wait_for()
    page.get_by_role("button", name="Retry failed emails (2)").click()
    page.get_by_text("2 failed emails will be sent again in a moment.").wait_for()

    assert not Message.objects.filter(status__in=(S.HELD, S.FAILED)).exists()
    assert errors == []
