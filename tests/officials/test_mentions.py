"""Tests for the pure official-mention detector in dateline.officials.mentions.

Run without Django:
    .venv/bin/python -m pytest tests/officials/test_mentions.py -q -p no:django --noconftest
"""

import dataclasses
import json
import random
import unicodedata
from pathlib import Path

import pytest

from dateline.officials.mentions import TITLE_FORMS, Mention, Person, detect

DATA = json.loads((Path(__file__).parent / "mention_sentences.json").read_text(encoding="utf-8"))
ROSTERS = {
    name: [
        Person(
            key=row["key"],
            name=row["name"],
            titles=tuple(row["titles"]),
            district=row.get("district", ""),
        )
        for row in rows
    ]
    for name, rows in DATA["rosters"].items()
}
HELDOUT = json.loads((Path(__file__).parent / "mention_heldout.json").read_text(encoding="utf-8"))
# Sentences written after the detector by someone else; they share the 2025 roster.
CASES = DATA["cases"] + HELDOUT["cases"]
CALDER_2024 = ROSTERS["calder_2024"]
CALDER_2026 = ROSTERS["calder_2026"]
HARLOW = ROSTERS["harlow_2025"]


def _case_id(index: int, case: dict) -> str:
    return f"{index:02d}-{case['note'][:40]}"


def _triples(items) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(item["name"], item["role"], tuple(item["keys"])) for item in items]


def _found(mentions: list[Mention]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(m.name, m.role, m.keys) for m in mentions]


def _written(text: str, people=CALDER_2024) -> list[str]:
    return [m.as_written for m in detect(text, people)]


# --------------------------------------------------------------------------------------------
# The hand-written sentences.


@pytest.mark.parametrize(
    "case", CASES, ids=[_case_id(index, case) for index, case in enumerate(CASES)]
)
def test_sentence(case):
    mentions = detect(case["text"], ROSTERS[case["roster"]])
    expected = _triples(case["expected"])
    assert set(_found(mentions)) == set(expected), case["note"]
    assert _found(mentions) == expected, "order of first appearance: " + case["note"]
    for mention in mentions:
        assert case["text"][mention.start : mention.end] == mention.as_written


def test_sentence_file_covers_the_brief():
    assert len(CASES) >= 40
    traps = [case for case in CASES if case["note"].startswith("trap")]
    assert len(traps) >= 10
    assert any(len(item["keys"]) > 1 for case in CASES for item in case["expected"])
    for case in CASES:
        assert case["roster"] in ROSTERS
        roster = {person.key: person for person in ROSTERS[case["roster"]]}
        for item in case["expected"]:
            first = roster[item["keys"][0]]
            assert all(key in roster for key in item["keys"])
            assert item["name"] == first.name
            assert item["role"] == (first.titles[0] if first.titles else "")


def test_rosters_follow_the_vice_mayor_rotation():
    def vice_mayor(roster):
        return [p.name for p in ROSTERS[roster] if "Vice Mayor" in p.titles]

    assert vice_mayor("calder_2024") == ["Tomás Okafor"]
    assert vice_mayor("calder_2025") == ["Priya Ramanathan"]
    assert vice_mayor("calder_2026") == ["Wendell Huang"]


# --------------------------------------------------------------------------------------------
# Spans and as_written.


def test_span_of_title_and_surname():
    text = "On Monday, Councilmember Brightwater said no."
    (mention,) = detect(text, CALDER_2024)
    assert mention.as_written == "Councilmember Brightwater"
    assert (mention.start, mention.end) == (11, 36)
    assert mention.keys == ("3",)
    assert mention.name == "Lena Brightwater"
    assert mention.role == "Councilmember"


def test_span_includes_a_possessive_but_not_the_period():
    text = "It is Mayor Delgado-Whitfield’s plan. Thanks, Mayor Delgado-Whitfield."
    (mention,) = detect(text, CALDER_2024)
    assert mention.as_written == "Mayor Delgado-Whitfield’s"
    assert text[mention.end] == " "


def test_span_of_list_items():
    text = "Councilmembers, Lena Brightwater, Samuel Achterberg, and Wendell Huang."
    assert _written(text) == [
        "Councilmembers, Lena Brightwater",
        "Samuel Achterberg",
        "Wendell Huang",
    ]


def test_span_without_the_unfitting_title():
    assert _written("Mayor Tomás Okafor spoke.") == ["Tomás Okafor"]


def test_span_keeps_the_original_characters():
    text = "Mayor Rosa\r\nDelgado-\nWhitfield and City Manager Harold\u00a0Ebersole"
    assert _written(text) == [
        "Mayor Rosa\r\nDelgado-\nWhitfield",
        "City Manager Harold\u00a0Ebersole",
    ]


def test_span_over_decomposed_accents():
    text = unicodedata.normalize("NFD", "Says Councilmember Nguyễn-Park.")
    (mention,) = detect(text, CALDER_2024)
    assert mention.as_written == unicodedata.normalize("NFD", "Councilmember Nguyễn-Park")
    assert text[mention.start : mention.end] == mention.as_written


def test_span_with_soft_hyphen_and_zero_width_space():
    text = "Fire Chief Carmen Villa\u00adse\u200bñor spoke."
    assert _written(text) == ["Fire Chief Carmen Villa\u00adse\u200bñor"]


def test_later_references_are_not_repeated():
    text = (
        "Mayor Rosa Delgado-Whitfield opened. Delgado-Whitfield said more. "
        "Mayor Delgado-Whitfield closed, and Rosa Delgado-Whitfield left."
    )
    (mention,) = detect(text, CALDER_2024)
    assert mention.start == 0


# --------------------------------------------------------------------------------------------
# Title forms.

REQUIRED_FORMS = {
    "Mayor": ["Mayor", "Mayors"],
    "Vice Mayor": ["Vice Mayor", "Vice Mayors", "Vice-Mayor"],
    "Mayor Pro Tem": ["Mayor Pro Tem"],
    "Councilmember": [
        "Councilmember",
        "Councilmembers",
        "Council Member",
        "Council Members",
        "Councilwoman",
        "Councilman",
        "Councilwomen",
        "Councilmen",
    ],
    "Council President": ["Council President"],
    "City Manager": ["City Manager"],
    "Assistant City Manager": ["Assistant City Manager"],
    "City Attorney": ["City Attorney"],
    "City Clerk": ["City Clerk"],
    "Police Chief": ["Police Chief", "Chief of Police"],
    "Fire Chief": ["Fire Chief"],
    "Public Works Director": ["Public Works Director"],
    "Parks Director": ["Parks Director"],
    "Communications Director": ["Communications Director"],
    "Supervisor": ["Supervisor", "Supervisors"],
    "Commissioner": ["Commissioner", "Commissioners"],
    "Alderperson": ["Alderman", "Alderperson", "Alders"],
}


@pytest.mark.parametrize("canonical", sorted(REQUIRED_FORMS))
def test_title_forms_cover_the_brief(canonical):
    assert canonical in TITLE_FORMS
    assert set(REQUIRED_FORMS[canonical]) <= set(TITLE_FORMS[canonical])


@pytest.mark.parametrize(
    ("canonical", "form"),
    [(canonical, form) for canonical, forms in TITLE_FORMS.items() for form in forms],
)
def test_every_form_names_a_holder(canonical, form):
    people = [Person("7", "Imani Fairweather-Oduya", (canonical,)), Person("8", "Jo Pell", ())]
    text = f"Yesterday {form} Fairweather-Oduya and {form} Imani Fairweather-Oduya spoke."
    (mention,) = detect(text, people)
    assert mention.keys == ("7",)
    assert mention.as_written == f"{form} Fairweather-Oduya"
    assert detect(f"Yesterday {form} Pell spoke.", people) == []


def test_roster_title_spelled_as_a_form_counts_as_its_canonical():
    people = [Person("1", "Mai Vang", ("Alderman",)), Person("2", "Jo Kim", ("Council Member",))]
    found = detect("Alderperson Vang and Councilmember Kim", people)
    assert [m.keys for m in found] == [("1",), ("2",)]
    assert [m.role for m in found] == ["Alderman", "Council Member"]


def test_unknown_title_works_as_written_and_with_s():
    people = [
        Person("1", "Noor Haddad", ("Harbormaster",)),
        Person("2", "Ivo Brandt", ("Harbormaster",)),
        Person("3", "Sara Lind", ("Poet Laureate",)),
    ]
    text = "Harbormasters Haddad and Brandt met Poet Laureate Lind."
    assert [m.keys for m in detect(text, people)] == [("1",), ("2",), ("3",)]


def test_any_title_held_that_day_counts():
    assert [m.role for m in detect("Councilmember Huang", CALDER_2026)] == ["Vice Mayor"]
    assert [m.role for m in detect("Vice Mayor Huang", CALDER_2026)] == ["Vice Mayor"]
    assert detect("Vice Mayor Huang", CALDER_2024) == []


@pytest.mark.parametrize(
    "text",
    ["COUNCILMEMBER BRIGHTWATER", "Council member Brightwater", "Council Member Brightwater"],
)
def test_title_case_variants(text):
    assert [m.keys for m in detect(text, CALDER_2024)] == [("3",)]


def test_lower_case_title_needs_a_full_name():
    assert detect("the councilmember Brightwater", CALDER_2024) == []
    assert _written("the councilmember Lena Brightwater") == ["councilmember Lena Brightwater"]


def test_lower_case_title_disambiguates_a_shared_name():
    (mention,) = detect("the parks director Maria Lopez", HARLOW)
    assert mention.keys == ("202",)


@pytest.mark.parametrize(
    "text",
    [
        "former Mayor Delgado-Whitfield",
        "ex-Mayor Delgado-Whitfield",
        "then-Mayor Delgado-Whitfield",
        "Mayor-elect Delgado-Whitfield",
        "the late Mayor Delgado-Whitfield",
        "Deputy City Manager Ebersole",
        "Assistant Fire Chief Villaseñor",
        "Mayor Pro Tem Okafor",
    ],
)
def test_title_that_is_not_the_held_office(text):
    assert detect(text, CALDER_2024) == []


def test_acting_and_interim_change_nothing():
    assert _written("Interim City Manager Ebersole and Acting Police Chief Lindqvist") == [
        "City Manager Ebersole",
        "Police Chief Lindqvist",
    ]


def test_generic_chief_fits_either_chief():
    assert [m.keys for m in detect("Chief Villaseñor and Chief Lindqvist", CALDER_2024)] == [
        ("10",),
        ("11",),
    ]
    assert detect("Chief Ebersole", CALDER_2024) == []


def test_forms_added_to_title_forms_are_used(monkeypatch):
    monkeypatch.setitem(TITLE_FORMS, "Treasurer", ("Treasurer", "City Treasurer", "Treasurers"))
    people = [Person("1", "Ada Quist", ("City Treasurer",)), Person("2", "Bo Lund", ("Treasurer",))]
    found = detect("Treasurers Quist and Lund; Treasurer Quist", people)
    assert [m.keys for m in found] == [("1",), ("2",)]


# --------------------------------------------------------------------------------------------
# Names.


def test_roster_name_written_last_name_first_and_suffixes():
    people = [
        Person("1", "Okafor, Tomás", ("Councilmember",)),
        Person("2", "Harold Ebersole, Jr.", ("City Manager",)),
    ]
    text = "Councilmember Okafor and Harold Ebersole Jr. met City Manager Ebersole."
    assert _written(text, people) == ["Councilmember Okafor", "Harold Ebersole Jr."]


def test_particles_and_apostrophe_free_spelling():
    people = [
        Person("1", "Joaquín de la Cruz", ("Councilmember",)),
        Person("2", "Margaret O’Rourke", ("Councilmember",)),
    ]
    assert [m.keys for m in detect("Councilmember De La Cruz", people)] == [("1",)]
    assert [m.keys for m in detect("Councilmember Cruz", people)] == [("1",)]
    assert [m.keys for m in detect("JOAQUIN DE LA CRUZ", people)] == [("1",)]
    assert [m.keys for m in detect("Margaret ORourke", people)] == [("2",)]
    assert detect("the de la Cruz family", people) == []


def test_one_word_roster_name_needs_a_title():
    people = [Person("1", "Okafor", ("Councilmember",))]
    assert detect("Okafor spoke.", people) == []
    assert [m.keys for m in detect("Councilmember Okafor spoke.", people)] == [("1",)]


def test_name_does_not_continue_across_a_paragraph_break():
    assert detect("Rosa\n\nDelgado-Whitfield", CALDER_2024) == []
    assert detect("Councilmember\n\nBrightwater", CALDER_2024) == []


def test_name_does_not_cross_a_sentence_boundary():
    assert detect("We thanked Rosa. Delgado-Whitfield spoke next.", CALDER_2024) == []


def test_plural_possessive_of_a_name_ending_in_s():
    people = [Person("1", "Ines Morales", ("Councilmember",))]
    assert _written("Councilmember Morales' vote", people) == ["Councilmember Morales'"]


# --------------------------------------------------------------------------------------------
# Lists.


def test_list_closes_after_the_and_item():
    text = "Councilmembers Brightwater and Okafor, Huang said, were wrong."
    assert [m.keys for m in detect(text, CALDER_2024)] == [("3",), ("4",)]


def test_list_ends_where_a_new_title_starts():
    text = "Councilmembers Brightwater, Mayor Delgado-Whitfield and Huang"
    assert _written(text) == ["Councilmembers Brightwater", "Mayor Delgado-Whitfield"]


def test_list_items_must_hold_the_plural_title():
    text = "Councilmembers Brightwater, Ebersole and Huang"
    assert [m.keys for m in detect(text, CALDER_2024)] == [("3",), ("6",)]


def test_list_with_district_qualifiers_after_commas():
    text = "Councilmembers James Carter, District 4, and James Carter, District 1, spoke."
    assert [m.keys for m in detect(text, HARLOW)] == [("205",), ("204",)]


def test_list_with_semicolons():
    text = "Councilmembers Brightwater; Okafor; and Huang"
    assert _written(text) == ["Councilmembers Brightwater", "Okafor", "Huang"]


def test_en_dash_inside_a_name_but_not_between_words():
    assert _written("Mayor Delgado–Whitfield") == ["Mayor Delgado–Whitfield"]
    assert detect("the Brightwater–Okafor amendment", CALDER_2024) == []
    assert detect("Councilmember Brightwater – Okafor", CALDER_2024)[0].keys == ("3",)


# --------------------------------------------------------------------------------------------
# Shared names.


def test_group_is_dropped_when_the_text_names_both_members():
    text = (
        "Councilmember Carter spoke first. Then Councilmember James Carter (District 1) "
        "and James Carter (D-4) answered."
    )
    assert [m.keys for m in detect(text, HARLOW)] == [("204",), ("205",)]


def test_group_keys_follow_roster_order():
    reordered = list(reversed(HARLOW))
    (mention,) = detect("Maria Lopez spoke.", reordered)
    assert mention.keys == ("202", "201")
    assert mention.role == "Parks Director"


def test_appositive_title_only_narrows_a_group():
    assert [m.keys for m in detect("Maria Lopez, the parks director, said", HARLOW)] == [("202",)]
    assert [m.keys for m in detect("Maria Lopez, Councilmember, said", HARLOW)] == [("201",)]
    assert [m.keys for m in detect("Maria Lopez, City Clerk, said", HARLOW)] == [("201", "202")]
    assert detect("Brightwater, the mayor, said", CALDER_2024) == []


@pytest.mark.parametrize("district", ["4", "District 4", "D4", "d-4", "Four", "04"])
def test_district_spellings(district):
    people = [
        Person("a", "James Carter", ("Councilmember",), "1"),
        Person("b", "James Carter", ("Councilmember",), district),
    ]
    (mention,) = detect("Councilmember James Carter (Dist. 4)", people)
    assert mention.keys == ("b",)


def test_unknown_district_keeps_the_group():
    (mention,) = detect("Councilmember James Carter (District 9)", HARLOW)
    assert mention.keys == ("204", "205")


# --------------------------------------------------------------------------------------------
# Inputs.


def test_empty_text_and_empty_roster():
    assert detect("", CALDER_2024) == []
    assert detect("   \n\u00a0 ", CALDER_2024) == []
    assert detect("Mayor Rosa Delgado-Whitfield", []) == []
    assert detect("Mayor Rosa Delgado-Whitfield", ()) == []


def test_odd_roster_rows():
    people = [
        Person("1", "", ("Mayor",)),
        Person("2", "   ", ()),
        Person("3", "Rosa Delgado-Whitfield", ("Mayor",)),
        Person("3", "Rosa Delgado-Whitfield", ("Mayor",)),
        Person("4", "Gloria Steinberg", ()),
    ]
    found = detect("Mayor Rosa Delgado-Whitfield and Gloria Steinberg", people)
    assert [(m.keys, m.role) for m in found] == [(("3",), "Mayor"), (("4",), "")]


def test_punctuation_only_and_unicode_noise():
    assert detect("…—–“”‘’ ,,, () & ’s", CALDER_2024) == []
    assert detect("😀 Mayor 😀 Delgado-Whitfield", CALDER_2024) == []


def test_person_and_mention_are_frozen_and_district_is_optional():
    person = Person("1", "Rosa Delgado-Whitfield", ("Mayor",))
    assert person.district == ""
    assert [field.name for field in dataclasses.fields(Person)][-1] == "district"
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.name = "x"  # type: ignore[misc]
    (mention,) = detect("Mayor Delgado-Whitfield", [person])
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.role = "x"  # type: ignore[misc]


def test_large_release_completes():
    rng = random.Random(7)
    first = ["Ana", "Luis", "Mai", "Eric", "Zoë", "Søren", "Łukasz", "Thảo", "Kofi", "Inés"]
    last = ["Okafor", "O’Neil", "Nguyễn-Park", "de la Cruz", "Lindqvist", "Villaseñor", "Berg"]
    titles = ["Councilmember", "Mayor", "City Clerk", "Fire Chief", "Harbormaster", ""]
    people = []
    for index in range(100):
        title = rng.choice(titles)
        name = f"{rng.choice(first)} {rng.choice(last)}{index}"
        people.append(Person(str(index), name, (title,) if title else (), str(index % 9)))
    words = []
    for _ in range(2000):
        roll = rng.random()
        if roll < 0.03:
            words.append(f"Councilmembers {rng.choice(people).name},")
        elif roll < 0.06:
            words.append(f"{rng.choice(titles[:-1])} {rng.choice(people).name.split()[-1]}")
        elif roll < 0.08:
            words.append(f"{rng.choice(people).name}’s")
        else:
            words.append(rng.choice(["the", "city", "Council", "voted", "and", "Mayor", "—", "é"]))
    text = " ".join(words)
    found = detect(text, people)
    assert 0 < len(found) <= 100
    assert len({m.keys for m in found}) == len(found)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(text[m.start : m.end] == m.as_written for m in found)
    assert detect(text, people) == found
