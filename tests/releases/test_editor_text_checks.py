"""The editor refuses invisible control characters, unfollowable links and typo'd years."""

import pytest
from wagtail.test.utils.form_data import rich_text, streamfield

from dateline.core.models import MediaContact
from dateline.releases.models import NewsReleasePage
from tests.releases.test_editor import add_url, editor_client, errors_for, release_form  # noqa: F401

pytestmark = pytest.mark.django_db

LINE_BREAK = "This text contains a manual line break (U+000B, as Word pastes it) at character"
LINK = "Links may start with http://, https://, mailto: or tel:, or be a path on this site"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


@pytest.fixture
def release(editor_client, city):  # noqa: F811
    assert editor_client.post(add_url(city["newsroom"]), release_form()).status_code == 302
    return NewsReleasePage.objects.get()


def test_headline_with_a_manual_line_break_is_refused(editor_client, release):  # noqa: F811
    data = release_form(title="Harlow Creek repaves\x0bMill Street")

    html = errors_for(editor_client.post(edit_url(release), data))

    assert f"{LINE_BREAK} 21." in html
    release.refresh_from_db()
    assert release.title == "Harlow Creek repaves Mill Street"
    assert "\x0b" not in release.latest_revision.content["title"]


@pytest.mark.parametrize("field", ["dek", "dateline_city", "seo_title", "search_description"])
def test_other_text_fields_refuse_control_characters(editor_client, release, field):  # noqa: F811
    html = errors_for(editor_client.post(edit_url(release), release_form(**{field: "Mill\x1b"})))

    assert "This text contains an escape character (U+001B) at character 5." in html


def test_quote_in_the_body_refuses_a_control_character(editor_client, release):  # noqa: F811
    body = streamfield([("quote", {"text": "We\x0bare ready.", "attribution": "Mayor Ines Park"})])

    html = errors_for(editor_client.post(edit_url(release), release_form(body=body)))

    assert f"{LINE_BREAK} 3." in html


def test_paragraph_with_a_manual_line_break_is_saved_with_a_space(editor_client, city):  # noqa: F811
    body = streamfield([("paragraph", rich_text("<p>Crews begin\x0bwork on Monday.</p>"))])

    response = editor_client.post(add_url(city["newsroom"]), release_form(body=body))

    assert response.status_code == 302
    source = NewsReleasePage.objects.get().body[0].value.source
    assert "Crews begin work on Monday." in source


def test_call_to_action_with_a_script_link_is_refused(editor_client, release):  # noqa: F811
    body = streamfield(
        [("call_to_action", {"text": "Sign up", "page": "", "url": "javascript:alert(1)"})]
    )

    html = errors_for(editor_client.post(edit_url(release), release_form(body=body)))

    assert LINK in html
    release.refresh_from_db()
    assert not any(block.block_type == "call_to_action" for block in release.body)


@pytest.mark.parametrize("day", ["0001-01-01 09:00", "9999-12-31 09:00"])
def test_release_date_outside_the_range_is_refused(editor_client, release, day):  # noqa: F811
    html = errors_for(editor_client.post(edit_url(release), release_form(release_date=day)))

    year = day[:4].lstrip("0")
    assert "A release date must fall between January 1, 1800 and" in html
    assert f"{year} looks like a typing slip." in html
    release.refresh_from_db()
    assert release.release_date.year == 2024
    assert release.latest_revision.content["release_date"].startswith("2024")


def test_media_contact_refuses_a_control_character(editor_client, city):  # noqa: F811
    response = editor_client.post(
        "/admin/snippets/core/mediacontact/add/",
        {"name": "Imogen\x0bVance", "title": "", "email": "", "phone": "", "locale": 1},
    )

    assert f"{LINE_BREAK} 7." in errors_for(response)
    assert not MediaContact.objects.filter(name__startswith="Imogen\x0b").exists()
