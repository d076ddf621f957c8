"""Writing a release through the Wagtail editor: what is saved and which messages appear."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.releases.models import NewsReleasePage
from tests.helpers import PACIFIC, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@harlow.example", "pw")
    client.force_login(user)
    return client


def add_url(newsroom):
    return f"/admin/pages/add/releases/newsreleasepage/{newsroom.pk}/"


def release_form(**overrides):
    data = {
        "title": "Harlow Creek repaves Mill Street",
        "slug": "harlow-creek-repaves-mill-street",
        "dek": "",
        "release_date": "2024-05-03 09:00",
        "dateline_city": "Harlow Creek",
        "dateline_state": "OR",
        "lead_image": "",
        "lead_image_alt": "",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "body": streamfield([("paragraph", rich_text("<p>Crews begin work on Monday.</p>"))]),
        "topics": [],
        "media_contact": "",
        "mentions": inline_formset([]),
        "related_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_new_release_starts_with_the_city_dateline(editor_client, city):
    html = editor_client.get(add_url(city["newsroom"])).content.decode()
    assert 'name="dateline_city"' in html and 'value="Harlow Creek"' in html
    assert 'value="Oregon"' in html


def test_editor_saves_a_release_with_state_normalised(editor_client, city):
    response = editor_client.post(add_url(city["newsroom"]), release_form())
    assert response.status_code == 302
    page = NewsReleasePage.objects.get(slug="harlow-creek-repaves-mill-street")
    assert page.dateline_state == "Oregon"
    assert page.release_date == datetime(2024, 5, 3, 9, 0, tzinfo=PACIFIC)


def test_editor_times_are_the_city_time_zone(editor_client, city, client):
    city["settings"].time_zone = "America/New_York"
    city["settings"].save()
    response = editor_client.post(add_url(city["newsroom"]), release_form())
    assert response.status_code == 302
    page = NewsReleasePage.objects.get(slug="harlow-creek-repaves-mill-street")
    assert page.release_date == datetime(2024, 5, 3, 13, 0, tzinfo=UTC)  # 9 a.m. EDT
    # An editor who picked a time zone of their own keeps it.
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.current_time_zone = "America/Chicago"
    profile.save()
    data = release_form(slug="second-release", title="Second release")
    assert editor_client.post(add_url(city["newsroom"]), data).status_code == 302
    second = NewsReleasePage.objects.get(slug="second-release")
    assert second.release_date == datetime(2024, 5, 3, 14, 0, tzinfo=UTC)  # 9 a.m. CDT


def errors_for(response) -> str:
    assert response.status_code == 200, "the form should be shown again with errors"
    return response.content.decode()


def test_unknown_state_is_named_with_accepted_forms(editor_client, city):
    html = errors_for(
        editor_client.post(add_url(city["newsroom"]), release_form(dateline_state="Oregano"))
    )
    assert "Unknown state" in html and "Oregano" in html
    assert "postal code" in html
    assert not NewsReleasePage.objects.exists()


def test_dateline_needs_a_place(editor_client, city):
    html = errors_for(editor_client.post(add_url(city["newsroom"]), release_form(dateline_city="")))
    assert "A dateline needs a place" in html
    assert not NewsReleasePage.objects.exists()


def test_lead_photo_needs_alt_text_or_decorative(editor_client, city):
    photo = make_image()
    html = errors_for(
        editor_client.post(add_url(city["newsroom"]), release_form(lead_image=photo.pk))
    )
    assert "Describe the picture for people who cannot see it" in html
    assert not NewsReleasePage.objects.exists()
    response = editor_client.post(
        add_url(city["newsroom"]), release_form(lead_image=photo.pk, lead_image_decorative="on")
    )
    assert response.status_code == 302
    assert NewsReleasePage.objects.get().lead_image_decorative


def test_alt_text_that_is_a_file_name_is_refused(editor_client, city):
    photo = make_image()
    html = errors_for(
        editor_client.post(
            add_url(city["newsroom"]),
            release_form(lead_image=photo.pk, lead_image_alt="IMG_2041.jpg"),
        )
    )
    assert "looks like a file name" in html


def test_body_image_needs_alt_text(editor_client, city):
    photo = make_image()
    body = streamfield(
        [
            ("paragraph", rich_text("<p>Crews begin work on Monday.</p>")),
            (
                "image",
                {"image": photo.pk, "alt_text": "", "caption": "Crews at work", "credit": ""},
            ),
        ]
    )
    html = errors_for(editor_client.post(add_url(city["newsroom"]), release_form(body=body)))
    assert "Describe the picture for people who cannot see it" in html


def test_table_needs_a_header_row(editor_client, city):
    import json

    table = json.dumps(
        {
            "data": [["Street", "Closed"], ["Mill", "June 2"]],
            "first_row_is_table_header": False,
            "first_col_is_header": False,
            "table_caption": "",
        }
    )
    body = streamfield([("table", table)])
    html = errors_for(editor_client.post(add_url(city["newsroom"]), release_form(body=body)))
    assert "Tables need a header row" in html


def test_paragraph_offers_no_h1(editor_client, city):
    from dateline.releases.models import NewsReleasePage as Release

    paragraph = Release.body.field.stream_block.child_blocks["paragraph"]
    assert "h1" not in paragraph.features
    assert "h2" in paragraph.features


def test_related_stories_capped_at_five(editor_client, city, make_release):
    picks = [make_release(f"Story {i}") for i in range(6)]
    related = inline_formset([{"release": p.pk} for p in picks])
    html = errors_for(
        editor_client.post(add_url(city["newsroom"]), release_form(related_links=related))
    )
    assert "A release shows at most 5 related stories." in html
    assert not NewsReleasePage.objects.filter(slug="harlow-creek-repaves-mill-street").exists()
