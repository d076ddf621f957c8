"""`dateline officials detect`, and the Officials editor refusing impossible terms."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dateline.officials.models import Office, Official
from dateline.officials.roster import import_roster

pytestmark = pytest.mark.django_db


def detect(tmp_path, text, on):
    path = tmp_path / "release.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("officials", "detect", str(path), "--on", on, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_detect_prints_names_and_titles_on_the_date(roster, tmp_path):
    text = (
        "Vice Mayor Ruth Okoye and Councilmembers Otto Brandt and Leo Vance voted yes. "
        "Mayor Park’s plan passed. Resident Dana Vance spoke."
    )
    assert detect(tmp_path, text, "2024-05-01") == [
        {"name": "Ruth Okoye", "role": "Vice Mayor"},
        {"name": "Otto Brandt", "role": "Councilmember"},
        {"name": "Leo Vance", "role": "Councilmember"},
        {"name": "Ines Park", "role": "Mayor"},
    ]
    # A year later Okoye is no longer vice mayor, so that title names nobody.
    found = detect(tmp_path, "Councilmember Ruth Okoye spoke.", "2025-05-01")
    assert found == [{"name": "Ruth Okoye", "role": "Councilmember"}]


def test_detect_reads_html_and_offers_both_namesakes(offices, tmp_path):
    import_roster(
        "name,office,district,start,end\n"
        "Maria Lopez,Councilmember,2,2022-12-13,\nMaria Lopez,Councilmember,6,2020-12-08,\n"
    )
    found = detect(tmp_path, "<p>Councilmember <b>Maria Lopez</b> thanked staff.</p>", "2024-01-10")
    assert found == [
        {
            "name": "Maria Lopez",
            "role": "Councilmember",
            "candidates": ["Maria Lopez, District 2", "Maria Lopez, District 6"],
        }
    ] or found == [
        {
            "name": "Maria Lopez",
            "role": "Councilmember",
            "candidates": ["Maria Lopez, District 6", "Maria Lopez, District 2"],
        }
    ]


def test_detect_explains_a_bad_date(roster, tmp_path):
    with pytest.raises(CommandError, match="--on “May 1” is not a date; use YYYY-MM-DD"):
        detect(tmp_path, "text", "May 1")


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.create_superuser("om", "om@harlow.example", "pw"))
    return client


def official_form(name, terms):
    return nested_form_data(
        {
            "name": name,
            "honorific": "",
            "slug": "",
            "portrait": "",
            "portrait_alt": "",
            "bio": rich_text(""),
            "email": "",
            "phone": "",
            "links": inline_formset([]) | {"count": "0"},
            "terms": inline_formset(terms),
        }
    )


def test_editor_refuses_a_second_mayor_and_names_both_terms(editor_client, roster, offices):
    mayor = offices["Mayor"]
    data = official_form(
        "Ann Lee", [{"office": mayor.pk, "district": "", "start": "2024-03-01", "end": ""}]
    )
    response = editor_client.post("/admin/snippets/officials/official/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Two people hold the one Mayor seat at the same time" in html
    assert "Ines Park (Mayor, 2020-12-08 – current)" in html
    assert not Official.objects.filter(name="Ann Lee").exists()


def test_editor_refuses_a_term_that_ends_before_it_starts(editor_client, offices):
    data = official_form(
        "Ann Lee",
        [
            {
                "office": offices["City Manager"].pk,
                "district": "",
                "start": "2024-03-01",
                "end": "2023-03-01",
            }
        ],
    )
    response = editor_client.post("/admin/snippets/officials/official/add/", data)
    assert "The term ends (2023-03-01) before it starts (2024-03-01)" in response.content.decode()
    assert not Official.objects.filter(name="Ann Lee").exists()


def test_editor_saves_a_valid_official(editor_client, offices):
    data = official_form(
        "Ann Lee",
        [{"office": offices["City Manager"].pk, "district": "", "start": "2024-03-01", "end": ""}],
    )
    response = editor_client.post("/admin/snippets/officials/official/add/", data)
    assert response.status_code == 302
    official = Official.objects.get(name="Ann Lee")
    assert official.slug == "ann-lee"
    assert official.terms.get().office == Office.objects.get(title="City Manager")
