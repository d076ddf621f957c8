"""Staff sign-in: password, then the authenticator-app code, before any admin page.

These tests sign in through the real forms (username and password POSTed to /admin/login/),
not with force_login, which tests/conftest.py makes count as two-factor-verified.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageLogEntry

PASSWORD = "a long secret 9"
SETUP = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"

ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/workflows/list/",
    "/admin/email-alerts/",
    "/admin/account/",
    "/admin/reports/site-history/",
]


def code_for(device):
    """The code the person's phone shows now."""
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("chief", "chief@harlow.example", PASSWORD)


@pytest.fixture
def browser_client():
    # The `client` fixture is fine too; a fresh one makes each sign-in visibly separate.
    return Client()


def sign_in(client, username="chief", password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password})


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


# --- no admin page on a password alone ------------------------------------------------------


def test_without_an_app_every_admin_page_leads_to_set_up(browser_client, staff, city):
    assert sign_in(browser_client).status_code == 302
    for path in ADMIN_PAGES:
        response = browser_client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP), path


def test_with_an_app_every_admin_page_asks_for_the_code(browser_client, staff, city):
    enrolled(staff)
    sign_in(browser_client)
    for path in ADMIN_PAGES:
        response = browser_client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    # Posting (e.g. a page edit) is refused the same way, not carried out.
    response = browser_client.post(f"/admin/pages/{city['newsroom'].pk}/delete/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert type(city["newsroom"]).objects.filter(pk=city["newsroom"].pk).exists()


def test_background_requests_get_a_refusal_not_a_page(browser_client, staff, city):
    enrolled(staff)
    sign_in(browser_client)
    response = browser_client.get("/admin/pages/search/", HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    response = browser_client.get("/admin/pages/", HTTP_SEC_FETCH_MODE="cors")
    assert response.status_code == 403
    # The code page's own icons load (Wagtail fetches them, then pastes them into the page).
    assert browser_client.get("/admin/sprite/", HTTP_SEC_FETCH_MODE="cors").status_code == 200
    assert browser_client.get("/admin/pages/", HTTP_SEC_FETCH_MODE="navigate").status_code == 302


def test_the_next_page_is_kept_but_only_on_this_site(browser_client, staff, city):
    device = enrolled(staff)
    sign_in(browser_client)
    response = browser_client.get("/admin/images/")
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2Fimages%2F"
    response = browser_client.post(
        VERIFY, {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_password_alone_counts_as_signed_out_on_the_public_site(
    browser_client, staff, make_release
):
    make_release()
    enrolled(staff)
    sign_in(browser_client)
    html = browser_client.get("/news/").content.decode()
    assert "wagtail-userbar" not in html and "/admin/pages/" not in html


# --- first sign-in: setting up the app -------------------------------------------------------


def test_first_sign_in_sets_up_the_app(browser_client, staff, city):
    sign_in(browser_client)
    page = browser_client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Set up two-factor authentication" in html
    assert "otpauth://totp/Dateline%3Achief?secret=" in html
    assert 'src="data:image/svg+xml;base64,' in html
    # The QR code is a data: image, which the admin's Content-Security-Policy allows.
    assert "data:" in page["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    # Reloading shows the same secret, so an app that scanned it already still works.
    browser_client.get(SETUP)
    assert TOTPDevice.objects.filter(user=staff).count() == 1

    wrong = browser_client.post(SETUP, {"code": "000000" if code_for(device) != "000000" else "1"})
    assert wrong.status_code == 200 and "didn’t work" in wrong.content.decode()
    assert browser_client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()

    done = browser_client.post(SETUP, {"code": code_for(device), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    for path in ADMIN_PAGES:
        assert browser_client.get(path).status_code == 200, path


def test_set_up_cannot_replace_an_existing_app(browser_client, staff, city):
    enrolled(staff)
    sign_in(browser_client)
    response = browser_client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert browser_client.post(SETUP, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_set_up_needs_the_password_first(browser_client, staff, city):
    for path in (SETUP, VERIFY):
        response = browser_client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# --- later sign-ins: the code ----------------------------------------------------------------


def test_the_right_code_lets_you_in_wrong_ones_do_not(browser_client, staff, city):
    device = enrolled(staff)
    sign_in(browser_client)
    assert "Enter your code" in browser_client.get(VERIFY).content.decode()
    for wrong in ("", "abcdef", "12345", str((int(code_for(device)) + 1) % 1_000_000).zfill(6)):
        response = browser_client.post(VERIFY, {"code": wrong})
        assert response.status_code == 200, wrong
        assert browser_client.get("/admin/").status_code == 302
    # After wrong codes, even the right one waits: guessing a million codes is too slow.
    throttled = browser_client.post(VERIFY, {"code": code_for(device)})
    assert throttled.status_code == 200 and "try again in" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    response = browser_client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert browser_client.get("/admin/").status_code == 200


def test_a_code_works_once(staff, city):
    device = enrolled(staff)
    first, second = Client(), Client()
    sign_in(first)
    sign_in(second)
    code = code_for(device)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    # Someone who watched it being typed cannot reuse it in their own session.
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get("/admin/").status_code == 302


def test_a_new_session_id_after_the_code(browser_client, staff, city):
    device = enrolled(staff)
    sign_in(browser_client)
    before = browser_client.cookies["sessionid"].value
    browser_client.post(VERIFY, {"code": code_for(device)})
    assert browser_client.cookies["sessionid"].value != before


def test_failed_passwords_still_lock_the_account(browser_client, staff, city):
    enrolled(staff)
    for _ in range(5):
        sign_in(browser_client, password="not the password")
    response = sign_in(browser_client)
    assert response.status_code == 429
    assert browser_client.get("/admin/").status_code == 302
    assert browser_client.get(VERIFY)["Location"].startswith("/admin/login/")


# --- sessions end ----------------------------------------------------------------------------


def verified_client(user):
    client = Client()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrolled(user)
    sign_in(client, username=user.get_username())
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


def test_signing_out_ends_the_session(staff, city):
    client = verified_client(staff)
    client.post("/admin/logout/")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_deactivating_someone_ends_their_sessions(staff, city):
    client = verified_client(staff)
    staff.is_active = False
    staff.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_reset_2fa_removes_the_app_and_signs_the_person_out(staff, city, capsys):
    client = verified_client(staff)
    call_command("staff", "reset-2fa", "chief")
    assert "removed 1 two-factor device" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    fresh = Client()
    sign_in(fresh)
    assert fresh.get("/admin/")["Location"].startswith(SETUP)


def test_reset_2fa_names_a_missing_account(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No account is called"):
        call_command("staff", "reset-2fa", "nobody")


def test_staff_status_lists_who_has_an_app(staff, city, capsys):
    enrolled(staff)
    get_user_model().objects.create_superuser("newbie", "n@harlow.example", PASSWORD)
    call_command("staff", "status")
    out = capsys.readouterr().out
    assert "chief: two-factor set up" in out and "newbie: two-factor not set up yet" in out


# --- passwords (ASVS 2.1) --------------------------------------------------------------------


def test_passwords_need_12_characters_and_nothing_else(db):
    with pytest.raises(ValidationError, match="at least 12"):
        validate_password("mill street")
    # No rules about digits, capitals or symbols: a passphrase is fine, so are digits alone.
    for good in ("river trail budget", "millrace park opens", "739184620573"):
        validate_password(good)
    validate_password("x" * 128 + "")
    with pytest.raises(ValidationError, match="too long"):
        validate_password("x" * 129 + "y")


def test_common_passwords_and_ones_like_your_name_are_refused(db):
    common = next(p for p in CommonPasswordValidator().passwords if len(p) >= 12)
    with pytest.raises(ValidationError, match="too common"):
        validate_password(common)
    user = get_user_model()(username="imogenvance", email="imogen.vance@harlow.example")
    with pytest.raises(ValidationError, match="similar"):
        validate_password("imogenvance1", user)


# --- the audit log ---------------------------------------------------------------------------


def test_publishing_scheduling_and_reviews_are_in_the_log(staff, make_release, city):
    from wagtail.models import Workflow

    release = make_release()
    assert PageLogEntry.objects.filter(page=release, action="wagtail.publish").exists()

    release.go_live_at = timezone.now() + timedelta(days=1)
    release.save_revision(user=staff).publish(user=staff)
    assert PageLogEntry.objects.filter(page=release, action="wagtail.publish.schedule").exists()

    workflow = Workflow.objects.get(name="Release review")
    state = workflow.start(release, staff)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, staff, "reject", comment="Check the date"
    )
    assert PageLogEntry.objects.filter(page=release, action="wagtail.workflow.reject").exists()
    other = make_release("Library hours change for the summer")
    state = workflow.start(other, staff)
    state.current_task_state.task.specific.on_action(state.current_task_state, staff, "approve")
    assert PageLogEntry.objects.filter(page=other, action="wagtail.workflow.approve").exists()


def test_the_desks_own_entries_show_in_a_releases_history(client, staff, make_release):
    release = make_release()
    for action, data in [
        ("dateline.embargo", {"embargo_until": "2026-06-01T09:00:00-07:00"}),
        ("dateline.correction", {"text": "The park opens on Monday, not Tuesday."}),
        ("dateline.preview_link", {"recipient": "Parks Director"}),
        ("dateline.preview_link.revoke", {"recipient": "Parks Director"}),
        ("dateline.correction", None),
    ]:
        PageLogEntry.objects.log_action(release, action, user=staff, data=data)
    client.force_login(staff)
    response = client.get(f"/admin/pages/{release.pk}/history/")
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("Correction added", "Preview link"):
        assert label in html
    assert "The park opens on Monday" in html
    site_history = client.get("/admin/reports/site-history/")
    assert site_history.status_code == 200
