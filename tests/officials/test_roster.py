"""`dateline officials import/export`: whole-file checks, idempotence, clear errors."""

import io

import pytest
from django.core.management import CommandError, call_command

from dateline.demo.testcity import ROSTER
from dateline.officials.models import Official, Term
from dateline.officials.roster import RosterError, export_roster, import_roster

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("officials", *args, stdout=out)
    return out.getvalue()


def test_default_offices_exist(offices):
    assert {"Mayor", "Vice Mayor", "Councilmember", "City Manager"} <= set(offices)
    assert offices["Mayor"].precedence < offices["Vice Mayor"].precedence
    assert offices["Vice Mayor"].precedence < offices["Councilmember"].precedence
    assert not offices["Councilmember"].single_seat


def test_import_then_reimport_changes_nothing(offices, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    first = run("import", str(path))
    assert "5 new officials, 8 new terms, 0 terms updated, 0 unchanged" in first
    again = run("import", str(path))
    assert "0 new officials, 0 new terms, 0 terms updated, 8 unchanged" in again
    assert Official.objects.count() == 5
    assert Term.objects.count() == 8


def test_reimport_updates_an_end_date(roster):
    changed = ROSTER.replace(
        "Gil Moreno,City Manager,,2019-07-01,", "Gil Moreno,City Manager,,2019-07-01,2026-06-30"
    )
    result = import_roster(changed)
    assert (result.terms_created, result.terms_updated) == (0, 1)
    term = Term.objects.get(official__name="Gil Moreno")
    assert term.end.isoformat() == "2026-06-30"


def test_export_writes_the_import_format(roster):
    text = export_roster()
    lines = text.splitlines()
    assert lines[0] == "name,office,district,start,end"
    assert "Ines Park,Mayor,,2020-12-08," in lines
    assert "Ines Park,Councilmember,2,2016-12-13,2020-12-07" in lines
    # What export writes, import takes back without a change.
    result = import_roster(text)
    assert not result.changed and result.terms_unchanged == 8


def test_export_command_to_file(roster, tmp_path):
    out = tmp_path / "out.csv"
    run("export", "--output", str(out))
    assert out.read_text().startswith("name,office,district,start,end\n")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ann Lee,Dogcatcher,,2020-01-01,", "Row 2: unknown office “Dogcatcher”. Known offices:"),
        (
            "Ann Lee,Mayor,,2020-13-01,",
            "Row 2: start “2020-13-01” is not a date; write it as YYYY-MM-DD",
        ),
        (
            "Ann Lee,Mayor,,2021-01-01,2020-01-01",
            "Row 2: the term ends (2020-01-01) before it starts (2021-01-01)",
        ),
        (",Mayor,,2021-01-01,", "Row 2: the name is empty."),
        ("Ann Lee,Mayor,,,", "Row 2: the start date is empty."),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(offices, row, message):
    text = f"name,office,district,start,end\n{row}\nBea Cho,City Manager,,2020-01-01,\n"
    with pytest.raises(RosterError) as caught:
        import_roster(text)
    assert any(p.startswith(message) for p in caught.value.problems), caught.value.problems
    assert not Official.objects.exists()


def test_two_people_in_a_one_seat_office_names_both_terms(roster):
    text = "name,office,district,start,end\nAnn Lee,Mayor,,2024-03-01,\n"
    with pytest.raises(RosterError) as caught:
        import_roster(text)
    problem = caught.value.problems[0]
    assert "Two people hold the one Mayor seat at the same time" in problem
    assert "Ines Park (Mayor, 2020-12-08 – current)" in problem
    assert "Ann Lee (Mayor, 2024-03-01 – current)" in problem
    assert not Official.objects.filter(name="Ann Lee").exists()


def test_two_councilmembers_in_one_district_conflict(roster):
    text = "name,office,district,start,end\nAnn Lee,Councilmember,1,2024-03-01,\n"
    with pytest.raises(RosterError) as caught:
        import_roster(text)
    assert "Councilmember, District 1 seat" in caught.value.problems[0]


def test_command_reports_every_problem_and_writes_nothing(offices, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "name,office,district,start,end\nAnn Lee,Mayor,,2020-01-01,\nBo Ray,Sheriff,,2020-01-01,\n"
        "Cy Dunn,Mayor,,2021-05-01,2021-04-01\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        run("import", str(path))
    message = str(caught.value)
    assert "nothing changed" in message
    assert "Row 3: unknown office “Sheriff”" in message
    assert "Row 4: the term ends (2021-04-01) before it starts (2021-05-01)" in message
    assert not Official.objects.exists()


def test_missing_columns_are_named(offices):
    with pytest.raises(RosterError) as caught:
        import_roster("name,office,start\nAnn Lee,Mayor,2020-01-01\n")
    assert "missing: district, end" in caught.value.problems[0]


def test_namesakes_are_told_apart_by_district(offices):
    text = (
        "name,office,district,start,end\n"
        "Maria Lopez,Councilmember,2,2022-12-13,\n"
        "Maria Lopez,Councilmember,6,2020-12-08,\n"
    )
    result = import_roster(text)
    assert result.officials_created == 2
    slugs = sorted(Official.objects.values_list("slug", flat=True))
    assert slugs == ["maria-lopez-district-2", "maria-lopez-district-6"]
    assert not import_roster(text).changed


def test_namesake_rows_without_district_are_refused(offices):
    text = (
        "name,office,district,start,end\n"
        "Maria Lopez,Councilmember,2,2022-12-13,\n"
        "Maria Lopez,Councilmember,6,2020-12-08,\n"
        "Maria Lopez,Vice Mayor,,2024-01-01,2024-12-31\n"
    )
    with pytest.raises(RosterError) as caught:
        import_roster(text)
    assert "Row 4: two people are named Maria Lopez; give the district" in caught.value.problems[0]
