"""AP style warnings at publish time (dateline/editorial/checks/ap_style.py): pure rules."""

import pytest

from dateline.editorial.checks import ap_style as apcheck


def found(findings):
    return [(f.where, f.issue.found, f.issue.suggestion) for f in findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doors open at 10 AM this morning.", [("10 AM this morning", "10 a.m.")]),
        ("The hearing is at 7:30 p.m. tonight.", [("7:30 p.m. tonight", "7:30 p.m.")]),
        ("Crews start 9 a.m. Tuesday morning.", [("9 a.m. Tuesday morning", "9 a.m. Tuesday")]),
        ("Lunch is 12 p.m. tomorrow afternoon.", [("12 p.m. tomorrow afternoon", "noon tomorrow")]),
        ("Crews start at 10 a.m. Monday.", []),
        ("It was a bright morning at 10.", []),
    ],
)
def test_redundant_time_of_day(text, expected):
    assert [(i.found, i.suggestion) for i in apcheck.find_redundant_time_of_day(text)] == expected


def test_typed_dateline_is_flagged_but_ordinary_openings_are_not():
    assert [i.found for i in apcheck.find_typed_dateline("HARLOW CREEK, Ore. – The city")] == [
        "HARLOW CREEK, Ore. –"
    ]
    assert apcheck.find_typed_dateline("The city opened a park on Monday.") == []
    # A wire story's dateline is the agency's, not a duplicate of ours.
    assert apcheck.find_typed_dateline("SALEM, Ore. (AP) — The state said") == []


def test_body_text_times_and_months_but_not_state_names():
    findings = apcheck.check_body_text(
        [
            "The park opens at 10:00 a.m. on January 5 in Salem, Oregon.",
            "Tours start at 2 PM on Sept 3.",
        ]
    )
    assert found(findings) == [
        ("paragraph 1 of the body", "10:00 a.m.", "10 a.m."),
        ("paragraph 1 of the body", "January 5", "Jan. 5"),
        ("paragraph 2 of the body", "2 PM", "2 p.m."),
        ("paragraph 2 of the body", "Sept 3", "Sept. 3"),
    ]


def test_captions_take_state_abbreviations():
    findings = apcheck.check_caption("Crews repave a road in Salem, Oregon.", "the lead caption")
    assert found(findings) == [("the lead caption", "Salem, Oregon", "Salem, Ore.")]


def test_headline():
    assert found(apcheck.check_headline("Pool opens March 3rd at 9 AM")) == [
        ("the headline", "9 AM", "9 a.m."),
        ("the headline", "March 3rd", "March 3"),
    ]


def test_correct_copy_has_no_findings():
    copy = "The council meets at 7 p.m. Jan. 5 and at noon Aug. 12. Then in May 2026."
    assert apcheck.check_body_text([copy]) == []
    assert apcheck.check_headline("Council meets Jan. 5 at 7 p.m.") == []


def test_warning_text_names_the_place_the_fix_and_the_rule():
    (finding,) = apcheck.check_body_text(["Doors open at 10 AM."])
    assert apcheck.warning_text(finding) == (
        "AP style, paragraph 1 of the body: write “10 a.m.” instead of “10 AM”. "
        'Write "a.m." and "p.m." in lowercase with periods, after a space.'
    )


def test_dedupe_keeps_one_warning_per_slip_and_place():
    findings = apcheck.check_body_text(["At 10 AM, or 10 AM at the latest."])
    assert len(findings) == 2
    assert len(apcheck.dedupe(findings)) == 1
