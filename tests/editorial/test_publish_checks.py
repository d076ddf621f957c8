"""Publish checks through the real release editor: all problems listed at once, drafts kept."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.editorial.checks import publishing as checks
from dateline.releases.models import NewsReleasePage
from tests.helpers import make_image, visible_text

pytestmark = pytest.mark.django_db

HARD_PARAGRAPH = (
    "<p>The municipal administration's comprehensive infrastructure rehabilitation initiative, "
    "authorized pursuant to the intergovernmental cooperation agreement, necessitates "
    "extraordinary coordination among environmental, transportation and public utilities "
    "departments, notwithstanding considerable organizational complexity.</p>"
)


@pytest.fixture
def editor(client, city):
    user = get_user_model().objects.create_superuser("ed", "ed@harlow.example", "pw")
    client.force_login(user)
    return client


def form_data(page, body=None, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "dek": "",
        "release_date": "2021-05-03 09:00",
        "dateline_city": "Harlow Creek",
        "dateline_state": "Oregon",
        "lead_image": "",
        "lead_image_alt": "",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "body": streamfield(
            body or [("paragraph", rich_text("<p>The city opened a park on Monday.</p>"))]
        ),
        "topics": [],
        "media_contact": "",
        "alert_type": "news",
        "correction_notice": "",
        "embargo_until": "",
        "go_live_at": "",
        "expire_at": "",
        "mentions": inline_formset([]),
        "related_links": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def image_block(image, alt="", decorative=False, caption=""):
    return (
        "image",
        {"image": image.pk, "alt_text": alt, "decorative": decorative, "caption": caption},
    )


def table_block(header: bool):
    table = {
        "data": [["Pool", "Opens"], ["Mill Street", "June 1"]],
        # What the editor's "Table headers" choice sends.
        "table_header_choice": "row" if header else "neither",
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_caption": "",
    }
    return ("table", json.dumps(table))


def no_media_contact(city):
    city["settings"].default_media_contact = None
    city["settings"].save()


def edit(client, page, data, action="action-publish"):
    if action:
        data[action] = "1"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_publishing_lists_every_problem_at_once(editor, city, make_release):
    page = make_release()
    no_media_contact(city)
    photo = make_image("Ribbon cutting")
    body = [
        (
            "paragraph",
            rich_text(
                '<p>For the schedule, <a href="https://example.org/pools">click here</a>.</p>'
            ),
        ),
        image_block(photo, alt="Mayor Park cuts the ribbon"),
        image_block(photo),
        table_block(header=False),
    ]
    data = form_data(
        page,
        body,
        title="A" * 130,
        dateline_city="",
        lead_image=photo.pk,
        lead_image_alt="IMG_2041.jpg",
    )
    response = edit(editor, page, data)
    assert response.status_code == 200
    text = visible_text(response)
    for problem in (
        "The headline is 130 characters long. Shorten it to 120 or fewer",
        "The dateline has no place.",
        'The lead photo: "IMG_2041.jpg" looks like a file name.',
        "Photo 2 in the body has no alt text.",
        "Table 1 in the body: Tables need a header row",
        "Text block 1 in the body has a link that reads “click here”.",
        "There is no media contact.",
    ):
        assert problem in text, problem
    assert "Photo 1 in the body" not in text
    page.refresh_from_db()
    assert page.title == "Harlow Creek opens Millrace Park"  # nothing published


def test_problems_only_publishing_needs_do_not_stop_a_draft(editor, city, make_release):
    page = make_release()
    no_media_contact(city)
    body = [
        (
            "paragraph",
            rich_text(
                "<p>Details at <a href='https://example.org/a'>https://example.org/a</a>.</p>"
            ),
        )
    ]
    data = form_data(page, body, title="Harlow Creek pools " + "open " * 30)
    blocked = edit(editor, page, dict(data))
    assert blocked.status_code == 200
    text = visible_text(blocked)
    assert "has a link that reads “https://example.org/a”" in text
    assert "There is no media contact." in text
    assert "The headline is 168 characters long" in text

    saved = edit(editor, page, dict(data), action="action-save-draft")
    assert saved.status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.title.startswith("Harlow Creek pools open")
    assert page.title == "Harlow Creek opens Millrace Park"  # the public still sees the old one
    shown = visible_text(editor.get(saved.url))
    assert "Before this can be published:" in shown and "There is no media contact." in shown


def test_submitting_for_review_is_checked_too(editor, city, make_release):
    page = make_release()
    no_media_contact(city)
    response = edit(editor, page, form_data(page), action="action-submit")
    assert response.status_code == 200
    assert "There is no media contact." in visible_text(response)


def test_creating_and_publishing_at_once_is_checked(editor, city):
    data = form_data(
        NewsReleasePage(title="Library opens Sundays", slug="library-sundays"),
        title="Library opens Sundays " + "x" * 110,
    )
    data["action-publish"] = "1"
    url = f"/admin/pages/add/releases/newsreleasepage/{city['newsroom'].pk}/"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "The headline is 132 characters long" in visible_text(response)
    assert not NewsReleasePage.objects.filter(slug="library-sundays").exists()


def test_warnings_are_shown_but_publishing_goes_ahead(editor, city, make_release, settings):
    settings.DATELINE_READING_GRADE_TARGET = 8
    page = make_release()
    body = [
        ("paragraph", rich_text("<p>The pool opens at 10 AM on January 5.</p>")),
        ("paragraph", rich_text(HARD_PARAGRAPH)),
    ]
    response = edit(editor, page, form_data(page, body, title="Pool opens for the season"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Pool opens for the season" and page.live
    shown = visible_text(editor.get(response.url))
    assert "AP style, paragraph 1 of the body: write “10 a.m.” instead of “10 AM”." in shown
    assert "write “Jan. 5” instead of “January 5”" in shown
    assert re.search(r"This release reads at about grade \d+; the city aims for grade 8", shown)


def test_a_plain_release_publishes_without_warnings(editor, city, make_release):
    page = make_release()
    response = edit(editor, page, form_data(page, title="Pool opens for the season"))
    assert response.status_code == 302
    shown = visible_text(editor.get(response.url))
    assert "AP style" not in shown and "reads at about grade" not in shown


def test_decorative_images_and_the_site_media_contact_pass(editor, city, make_release):
    page = make_release()
    photo = make_image()
    body = [image_block(photo, decorative=True)]
    data = form_data(page, body, lead_image=photo.pk, lead_image_decorative="on")
    assert edit(editor, page, data).status_code == 302


# --- the rules, directly ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "publishing"),
    [
        ({"action-publish": "1"}, True),
        ({"action-submit": "1"}, True),
        ({"action-workflow-action": "1", "workflow-action-name": "approve"}, True),
        ({"action-workflow-action": "1", "workflow-action-name": "reject"}, False),
        ({"action-save-draft": "1"}, False),
        ({}, False),
    ],
)
def test_which_buttons_publish(data, publishing):
    assert checks.is_publishing(data) is publishing


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("click here", True),
        ("Here", True),
        ("Read more…", True),
        ("https://harlowcreek.gov/pools", True),
        ("harlowcreek.gov", True),
        ("the pool schedule", False),
        ("Read more about the pool schedule", False),
    ],
)
def test_vague_link_text(text, vague):
    assert checks.vague_link_text(text) is vague


def test_rich_text_headings_links_and_pictures():
    parts = checks._rich_parts(
        RichText(
            '<h1>Big</h1><h2> </h2><h3>Fine</h3><p><a href="/x">here</a></p>'
            '<embed embedtype="image" id="1" alt="" format="left"/>'
        )
    )
    assert parts.headings == [("h1", "Big"), ("h2", ""), ("h3", "Fine")]
    assert parts.links == [("/x", "here")]
    assert parts.images == [""]
