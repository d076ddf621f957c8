"""A small published newsroom for the API: releases, officials, topics, letters."""

import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from hypothesis.configuration import set_hypothesis_home_dir
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from dateline.core.models import MediaContact
from dateline.demo import testcity
from dateline.officials.models import (
    LetterIndexPage,
    LetterPage,
    LetterSignatory,
    Official,
    ReleaseMention,
)
from dateline.releases.models import NewsIndexPage, NewsReleasePage
from tests.helpers import PACIFIC, city_for_the_module, fresh, make_image, release_maker

# Hypothesis (under schemathesis) keeps its caches out of the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "dateline-api-hypothesis")


def confirm(release, official, role, confirmed=True, order=0):
    ReleaseMention.objects.create(
        page=release, official=official, role=role, confirmed=confirmed, sort_order=order
    )


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """The newsroom below, built once per test module (it takes most of a second, and almost
    every API test only reads it)."""
    with city_for_the_module(django_db_blocker) as (city, topics):
        testcity.add_roster()
        yield _seed(city, topics, release_maker(city["newsroom"]))


@pytest.fixture
def seeded(db, _seeded_once):
    """Two newsrooms, five public releases, a draft, a private one and a letter."""
    return fresh(_seeded_once)


def _seed(city, topics, make_release):
    people = {o.slug: o for o in Official.objects.all()}
    mayor_room = NewsIndexPage(title="Mayor’s Office", slug="mayor")
    city["home"].add_child(instance=mayor_room)
    mayor_room.save_revision().publish()

    letters = LetterIndexPage(title="Letters", slug="letters")
    city["home"].add_child(instance=letters)
    document = Document.objects.create(
        title="Signed letter", file=ContentFile(b"%PDF-1.4\n" + b"x" * 100, name="intake.pdf")
    )
    letter = LetterPage(
        title="Letter to the State Water Board on the Mill Creek intake",
        slug="mill-creek-intake",
        letter_date=date(2024, 3, 4),
        recipient_name="Dana Cho",
        recipient_title="Chair",
        recipient_organisation="State Water Board",
        requested_by=people["leo-vance"],
        document=document,
        text="<p>We ask the board to fund the new intake.</p>",
    )
    letter.signatories = [
        LetterSignatory(official=people[slug], sort_order=i)
        for i, slug in enumerate(["ines-park", "ruth-okoye", "otto-brandt"])
    ]
    letters.add_child(instance=letter)
    letter.save_revision().publish()

    photo = make_image("Millrace Park slide")
    park = make_release(
        "Harlow Creek opens Millrace Park",
        when=datetime(2021, 5, 3, 9, 0, tzinfo=PACIFIC),
        topics=[topics["parks"]],
        image=photo,
        lead_image_alt="Children race down a new slide at Millrace Park",
        lead_image_caption="The slide was built by volunteers.",
        lead_image_credit="Dana Ortiz",
        dek="A new park by the river.",
    )
    confirm(park, people["ines-park"], "Mayor")
    rates = make_release(
        "Council approves water rate study",
        when=datetime(2023, 1, 10, 14, 0, tzinfo=PACIFIC),
        topics=[topics["water"]],
    )
    confirm(rates, people["otto-brandt"], "Vice Mayor")
    confirm(rates, people["ruth-okoye"], "Councilmember", confirmed=False, order=1)
    late = make_release(
        "Mayor thanks crews after late-night water main repair",
        when=datetime(2024, 3, 5, 23, 30, tzinfo=PACIFIC),  # March 6 in UTC
        parent=mayor_room,
        topics=[topics["water"]],
    )
    confirm(late, people["ines-park"], "Mayor")
    contact = MediaContact.objects.create(
        name="Sam Reyes", title="Utilities spokesperson", email="sam@harlow.example", phone=""
    )
    intake = make_release(
        "Council asks state to fund Mill Creek intake",
        when=datetime(2024, 3, 5, 9, 0, tzinfo=PACIFIC),
        topics=[topics["water"], topics["parks"]],
        related=[park, rates],
        media_contact=contact,
        dek="The letter went out on Monday.",
        body=[
            ("paragraph", RichText("<p>The council sent a <b>letter</b> on Monday.</p>")),
            (
                "quote",
                {"text": "Clean water is not optional.", "attribution": "Mayor Ines Park"},
            ),
            (
                "image",
                {
                    "image": photo,
                    "alt_text": "The Mill Creek intake at low water",
                    "decorative": False,
                    "caption": "The intake in August.",
                    "credit": "City of Harlow Creek",
                },
            ),
            ("document", {"document": document, "title": "", "description": "Signed copy"}),
            (
                "embed",
                {"url": "https://www.youtube.com/watch?v=abc123", "title": "Video: The vote"},
            ),
            (
                "table",
                {
                    "data": [["Item", "Cost"], ["Intake", "$4.2 million"], ["Pipes", None]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "What the grant pays for",
                },
            ),
            (
                "call_to_action",
                {"text": "Read the study", "page": None, "url": "https://harlow.example/s"},
            ),
            ("letter", {"letter": letter, "note": "Sent March 4."}),
        ],
    )
    confirm(intake, people["ines-park"], "Mayor")
    confirm(intake, people["otto-brandt"], "Councilmember", order=1)
    library = make_release(
        "Mill Street library reopens",
        when=datetime(2024, 6, 1, 10, 0, tzinfo=PACIFIC),
        topics=[topics["housing"]],
    )

    # Both cite the letter, are about parks and name the mayor: none of it may show.
    hidden = {
        "topics": [topics["parks"]],
        "body": [("letter", {"letter": letter, "note": ""})],
    }
    draft = make_release(
        "Draft: budget hearings", when=datetime(2024, 7, 1, tzinfo=PACIFIC), **hidden
    )
    confirm(draft, people["ines-park"], "Mayor")
    draft.unpublish()
    private = make_release(
        "Private: staff memo", when=datetime(2024, 7, 2, tzinfo=PACIFIC), **hidden
    )
    confirm(private, people["ines-park"], "Mayor")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return {
        **city,
        "topics": topics,
        "people": people,
        "mayor_room": mayor_room,
        "letter": letter,
        "document": document,
        "photo": photo,
        "park": park,
        "rates": rates,
        "late": late,
        "intake": intake,
        "library": library,
        "draft": NewsReleasePage.objects.get(pk=draft.pk),
        "private": private,
        "contact": contact,
    }
