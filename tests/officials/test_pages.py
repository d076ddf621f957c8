"""Officials, letters and mentions as readers and editors meet them."""

from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.officials.models import (
    LetterIndexPage,
    LetterPage,
    LetterSignatory,
    Official,
    ReleaseMention,
)
from dateline.releases.models import NewsReleasePage
from tests.helpers import PACIFIC, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(city, roster):
    index = LetterIndexPage(title="Letters", slug="letters")
    city["home"].add_child(instance=index)
    people = {o.name: o for o in Official.objects.all()}
    letter = LetterPage(
        title="Letter to the State Water Board on the Mill Creek intake",
        slug="mill-creek-intake",
        letter_date=date(2024, 3, 4),
        recipient_title="Chair",
        recipient_organisation="State Water Board",
        requested_by=people["Leo Vance"],
        text="<p>We ask the board to fund the new intake.</p>",
    )
    letter.signatories = [
        LetterSignatory(official=people[name], sort_order=i)
        for i, name in enumerate(["Ines Park", "Ruth Okoye", "Otto Brandt"])
    ]
    index.add_child(instance=letter)
    letter.save_revision().publish()
    return letter


def test_letter_page_shows_titles_on_the_letters_date(client, letter):
    visible = visible_text(client.get(letter.url).content.decode())
    assert "Requested by Councilmember Leo Vance" in visible
    assert "Signed by Mayor Ines Park Vice Mayor Ruth Okoye Councilmember Otto Brandt" in visible
    assert "To Chair, State Water Board" in visible
    assert "March 4, 2024" in visible


def test_letter_keeps_old_titles_after_titles_change(client, letter):
    from dateline.officials.roster import import_roster

    # Otto Brandt becomes mayor later; the 2024 letter still calls him Councilmember.
    import_roster(
        "name,office,district,start,end\nInes Park,Mayor,,2020-12-08,2025-12-31\n"
        "Otto Brandt,Mayor,,2026-01-01,\n"
    )
    visible = visible_text(client.get(letter.url).content.decode())
    assert "Councilmember Otto Brandt" in visible
    assert "Mayor Otto Brandt" not in visible.replace("Councilmember Otto Brandt", "")


def test_release_embeds_letter_and_letter_lists_the_release(client, letter, make_release):
    release = make_release(
        "Council asks state to fund Mill Creek intake",
        when=datetime(2024, 3, 5, 9, tzinfo=PACIFIC),
        body=[
            ("paragraph", RichText("<p>The council sent a letter on Monday.</p>")),
            ("letter", {"letter": letter, "note": ""}),
        ],
    )
    release_text = visible_text(client.get(release.url).content.decode())
    assert "Letter · March 4, 2024" in release_text
    assert "Signed by Mayor Ines Park, Vice Mayor Ruth Okoye and Councilmember Otto Brandt" in (
        release_text
    )
    letter_text = visible_text(client.get(letter.url).content.decode())
    assert "News releases about this letter Council asks state to fund Mill Creek intake" in (
        letter_text
    )


def test_officials_index_current_council_and_past(client, city, roster):
    from dateline.officials.roster import import_roster

    import_roster("name,office,district,start,end\nMae Fry,Councilmember,3,2010-12-14,2018-12-10\n")
    html = client.get("/officials/").content.decode()
    visible = visible_text(html)
    council = visible[visible.index("City Council") : visible.index("City leadership")]
    assert council.index("Ines Park Mayor") < council.index("Ruth Okoye Councilmember, District 1")
    assert council.index("Ruth Okoye") < council.index("Leo Vance Councilmember, District 2")
    assert "Gil Moreno City Manager" in visible[visible.index("City leadership") :]
    assert "Past officials 2010–2018 Mae Fry" in visible


def test_official_page(client, city, roster, make_release):
    release = make_release(
        "Mayor opens the Mill Street library",
        body=[
            ("paragraph", RichText("<p>Mayor Ines Park opened the library on Monday.</p>")),
            ("quote", {"text": "Books belong to everyone.", "attribution": "Mayor Ines Park"}),
        ],
    )
    park = Official.objects.get(name="Ines Park")
    ReleaseMention.objects.create(page=release, official=park, role="Mayor", confirmed=True)
    visible = visible_text(client.get(park.get_absolute_url()).content.decode())
    assert "Ines Park Mayor" in visible
    assert "Mayor: Dec. 8, 2020 – present" in visible
    assert "Councilmember, District 2: Dec. 13, 2016 – Dec. 7, 2020" in visible
    assert "In the news Mayor opens the Mill Street library" in visible
    assert (
        "Books belong to everyone. — Mayor Ines Park, in Mayor opens the Mill Street library"
        in (visible)
    )
    assert client.get("/officials/nobody/").status_code == 404


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "e@harlow.example", "pw")
    client.force_login(user)
    return client


def release_form(body_html, mentions=()):
    return nested_form_data(
        {
            "title": "Council picks a new vice mayor",
            "slug": "council-picks-vice-mayor",
            "dek": "",
            "release_date": "2024-01-09 09:00",
            "dateline_city": "Harlow Creek",
            "dateline_state": "OR",
            "lead_image": "",
            "lead_image_alt": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "body": streamfield([("paragraph", rich_text(body_html))]),
            "topics": [],
            "media_contact": "",
            "alert_type": "news",
            "correction_notice": "",
            "mentions": inline_formset(list(mentions)),
            "related_links": inline_formset([]),
        }
    )


def test_saving_a_release_offers_the_officials_it_names(editor_client, city, roster):
    body = (
        "<p>Vice Mayor Ruth Okoye and Councilmembers Otto Brandt and Leo Vance voted yes. "
        "Resident Dana Park spoke in favor.</p>"
    )
    url = f"/admin/pages/add/releases/newsreleasepage/{city['newsroom'].pk}/"
    assert editor_client.post(url, release_form(body)).status_code == 302
    page = NewsReleasePage.objects.get(slug="council-picks-vice-mayor")
    draft = page.get_latest_revision_as_object()
    offered = [(m.official.name, m.role, m.confirmed) for m in draft.mentions.all()]
    assert offered == [
        ("Ruth Okoye", "Vice Mayor", False),
        ("Otto Brandt", "Councilmember", False),
        ("Leo Vance", "Councilmember", False),
    ]
    # The editor sees them and confirms two; the public page lists only those.
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Vice Mayor Ruth Okoye" in html
    mentions = [
        {"id": m.pk, "official": m.official_id, "confirmed": name != "Leo Vance"}
        for m, (name, _, _) in zip(draft.mentions.all(), offered, strict=True)
    ]
    data = release_form(body, mentions)
    data["action-publish"] = "publish"
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    visible = visible_text(editor_client.get(page.url).content.decode())
    assert "Officials in this release Vice Mayor Ruth Okoye Councilmember Otto Brandt" in visible
    assert "Councilmember Leo Vance" not in visible.split("Officials in this release")[1]


def test_confirmed_mentions_survive_an_edit_that_removes_the_name(editor_client, city, roster):
    url = f"/admin/pages/add/releases/newsreleasepage/{city['newsroom'].pk}/"
    park = Official.objects.get(name="Ines Park")
    brandt = Official.objects.get(name="Otto Brandt")
    mentions = [
        {"official": park.pk, "confirmed": True},
        {"official": brandt.pk, "confirmed": False},
    ]
    data = release_form("<p>Mayor Ines Park thanked Councilmember Brandt.</p>", mentions)
    assert editor_client.post(url, data).status_code == 302
    page = NewsReleasePage.objects.get(slug="council-picks-vice-mayor")
    mentions = [
        (m.official.name, m.confirmed) for m in page.get_latest_revision_as_object().mentions.all()
    ]
    assert mentions == [("Ines Park", True), ("Otto Brandt", False)]


def test_namesakes_are_both_offered_and_neither_confirmed(city, offices, make_release):
    from dateline.officials.detection import refresh_mentions
    from dateline.officials.roster import import_roster

    import_roster(
        "name,office,district,start,end\n"
        "Maria Lopez,Councilmember,2,2022-12-13,\nMaria Lopez,Councilmember,6,2020-12-08,\n"
    )
    release = make_release(
        when=datetime(2024, 2, 1, 9, tzinfo=PACIFIC),
        body=[("paragraph", RichText("<p>Councilmember Maria Lopez cut the ribbon.</p>"))],
    )
    offered = refresh_mentions(release, "America/Los_Angeles", confirm=True)
    assert sorted(m.official.slug for m in offered) == [
        "maria-lopez-district-2",
        "maria-lopez-district-6",
    ]
    assert not any(m.confirmed for m in offered)
    assert all("another official has this name" in m.found_as for m in offered)


def test_the_title_on_the_date_tells_namesakes_apart(city, offices, make_release):
    from dateline.officials.detection import refresh_mentions
    from dateline.officials.roster import import_roster

    import_roster(
        "name,office,district,start,end\n"
        "Maria Lopez,Councilmember,2,2022-12-13,\nMaria Lopez,Councilmember,6,2020-12-08,\n"
    )
    # In May 2021 only the District 6 Maria Lopez was on the council.
    release = make_release(
        body=[("paragraph", RichText("<p>Councilmember Maria Lopez cut the ribbon.</p>"))]
    )
    offered = refresh_mentions(release, "America/Los_Angeles", confirm=True)
    assert [(m.official.slug, m.confirmed) for m in offered] == [("maria-lopez-district-6", True)]
