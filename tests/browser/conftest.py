import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's async-safety guard
    # would otherwise refuse the database work the fixtures do alongside it. Only while a
    # browser runs, so that no other test (or the subprocesses they start) inherits it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def current_code(device):
    """The code an authenticator app would show now for this device."""
    from django_otp.oath import totp

    device.refresh_from_db()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def enrol_in_two_factor(user):
    """Give `user` an authenticator app, as after their first sign-in. Before signing in."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def enter_two_factor_code(page, device):
    """After the password: type the app's current code on the "Enter your code" page."""
    page.wait_for_url(lambda url: "/admin/two-factor/verify/" in url)
    page.fill("#id_code", current_code(device))
    page.click("form.login-form button[type=submit]")


def set_up_two_factor(page, user):
    """The first sign-in's "Set up two-factor authentication" page, as a new staff member."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.wait_for_url(lambda url: "/admin/two-factor/set-up/" in url)
    qr_code = page.locator("img[src^='data:image/svg+xml']")
    assert qr_code.evaluate("img => img.complete && img.naturalWidth > 0")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.fill("#id_code", current_code(device))
    page.click("form.login-form button[type=submit]")
