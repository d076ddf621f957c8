"""Fixtures shared by the editorial desk's tests. Each part of the desk prefixes its own."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.core.models import CitySettings
from dateline.releases.models import NewsReleasePage

# --- the desk: scheduling, embargoes, preview links, calendar (desk_ fixtures) -----------


@pytest.fixture
def desk_editor(db):
    return get_user_model().objects.create_superuser("desk", "desk@harlow.example", "pw")


@pytest.fixture
def desk_admin(client, desk_editor):
    client.force_login(desk_editor)
    return client


@pytest.fixture
def desk_press(db):
    from dateline.editorial.models import PressContact

    return [
        PressContact.objects.create(
            name="Rosa Diaz", organisation="Harlow Creek Courier", email="rosa@courier.example"
        ),
        PressContact.objects.create(
            name="Sam Ortiz", organisation="KHCR Radio", email="sam@khcr.example"
        ),
        PressContact.objects.create(name="Left Thepaper", email="gone@example.org", active=False),
    ]


@pytest.fixture
def desk_draft(city):
    """A release saved as a draft, never published."""

    def make(title="Council approves the river trail budget", **fields):
        page = NewsReleasePage(
            title=title,
            release_date=fields.pop("release_date", timezone.now()),
            dateline_city="Harlow Creek",
            dateline_state="Oregon",
            body=[("paragraph", _desk_rich_text("<p>The council voted 5-2 on Tuesday.</p>"))],
            live=False,
            **fields,
        )
        city["newsroom"].add_child(instance=page)
        page.save_revision()
        page.refresh_from_db()
        return page

    return make


def _desk_rich_text(html):
    from wagtail.rich_text import RichText

    return RichText(html)


def _desk_admin_time(value):
    return value.astimezone(CitySettings.zone_for()).strftime("%Y-%m-%d %H:%M") if value else ""


@pytest.fixture
def desk_form():
    """POST data for the release editor, from a release plus changes (datetimes allowed)."""

    def make(page, **changes):
        data = {
            "title": page.title,
            "slug": page.slug,
            "dek": page.dek,
            "release_date": _desk_admin_time(page.release_date),
            "dateline_city": page.dateline_city,
            "dateline_state": page.dateline_state,
            "lead_image": "",
            "lead_image_alt": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "body": streamfield([("paragraph", rich_text("<p>The council voted 5-2.</p>"))]),
            "topics": [],
            "media_contact": "",
            "alert_type": page.alert_type,
            "correction_notice": "",
            "embargo_until": _desk_admin_time(page.embargo_until),
            "go_live_at": _desk_admin_time(page.go_live_at),
            "expire_at": _desk_admin_time(page.expire_at),
            "mentions": inline_formset([]),
            "related_links": inline_formset([]),
        }
        for key, value in changes.items():
            data[key] = _desk_admin_time(value) if hasattr(value, "astimezone") else value
        return nested_form_data(data)

    return make


@pytest.fixture
def desk_public(db):
    """A reader with no account (the `client` fixture is the editor's in desk tests)."""
    from django.test import Client

    return Client()


# --- roles and staff security (role_ fixtures) ---------------------------------------------


@pytest.fixture
def role_user(db):
    """A staff member in one of the newsroom's roles (dateline/editorial/roles.py)."""
    from django.contrib.auth.models import Group

    def make(role, username=None):
        username = username or role.lower().replace(" ", "_")
        user = get_user_model().objects.create_user(
            username, f"{username}@harlow.example", "a long secret 9"
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def role_letters(city):
    """The letters section under the home page, as the demo city has."""
    from dateline.officials.models import LetterIndexPage

    letters = LetterIndexPage(title="Letters", slug="letters")
    city["home"].add_child(instance=letters)
    return letters


# --- corrections and publish checks (fix_ fixtures) ------------------------------------------


def _fix_staff(username, group):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username, f"{username}@harlow.example", "pw", first_name=username.capitalize()
    )
    # Wagtail's own groups: Moderators may publish every page, Editors may only edit.
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def fix_publisher(db):
    """A newsroom editor who may publish, and so may correct."""
    return _fix_staff("paula", "Moderators")


@pytest.fixture
def fix_writer(db):
    """A writer who drafts releases but may not publish them."""
    return _fix_staff("wren", "Editors")


@pytest.fixture
def fix_release(make_release):
    """A release published on May 3, 2021, in Harlow Creek, Ore."""
    return make_release("Harlow Creek opens Millrace Park")
