"""Tests for the pure AP style rules in dateline.core.apstyle."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from dateline.core import apstyle
from dateline.core.apstyle import (
    DATELINE_STYLES,
    EM_DASH,
    EN_DASH,
    STATES,
    UNABBREVIATED_STATES,
    Dateline,
    DatelineError,
    StyleIssue,
    UnknownStateError,
    ap_date,
    ap_datetime,
    ap_month,
    ap_month_year,
    ap_state,
    ap_time,
    find_month_abbreviation_issues,
    find_time_issues,
    find_unabbreviated_states,
    format_dateline,
    full_state_name,
    is_state_name,
    local_date,
    parse_dateline,
    state_choices,
)

# Written out independently of the module so a typo there cannot hide here.
ALL_STATES = [
    ("Alabama", "AL", "Ala."),
    ("Alaska", "AK", "Alaska"),
    ("Arizona", "AZ", "Ariz."),
    ("Arkansas", "AR", "Ark."),
    ("California", "CA", "Calif."),
    ("Colorado", "CO", "Colo."),
    ("Connecticut", "CT", "Conn."),
    ("Delaware", "DE", "Del."),
    ("District of Columbia", "DC", "D.C."),
    ("Florida", "FL", "Fla."),
    ("Georgia", "GA", "Ga."),
    ("Hawaii", "HI", "Hawaii"),
    ("Idaho", "ID", "Idaho"),
    ("Illinois", "IL", "Ill."),
    ("Indiana", "IN", "Ind."),
    ("Iowa", "IA", "Iowa"),
    ("Kansas", "KS", "Kan."),
    ("Kentucky", "KY", "Ky."),
    ("Louisiana", "LA", "La."),
    ("Maine", "ME", "Maine"),
    ("Maryland", "MD", "Md."),
    ("Massachusetts", "MA", "Mass."),
    ("Michigan", "MI", "Mich."),
    ("Minnesota", "MN", "Minn."),
    ("Mississippi", "MS", "Miss."),
    ("Missouri", "MO", "Mo."),
    ("Montana", "MT", "Mont."),
    ("Nebraska", "NE", "Neb."),
    ("Nevada", "NV", "Nev."),
    ("New Hampshire", "NH", "N.H."),
    ("New Jersey", "NJ", "N.J."),
    ("New Mexico", "NM", "N.M."),
    ("New York", "NY", "N.Y."),
    ("North Carolina", "NC", "N.C."),
    ("North Dakota", "ND", "N.D."),
    ("Ohio", "OH", "Ohio"),
    ("Oklahoma", "OK", "Okla."),
    ("Oregon", "OR", "Ore."),
    ("Pennsylvania", "PA", "Pa."),
    ("Rhode Island", "RI", "R.I."),
    ("South Carolina", "SC", "S.C."),
    ("South Dakota", "SD", "S.D."),
    ("Tennessee", "TN", "Tenn."),
    ("Texas", "TX", "Texas"),
    ("Utah", "UT", "Utah"),
    ("Vermont", "VT", "Vt."),
    ("Virginia", "VA", "Va."),
    ("Washington", "WA", "Wash."),
    ("West Virginia", "WV", "W.Va."),
    ("Wisconsin", "WI", "Wis."),
    ("Wyoming", "WY", "Wyo."),
]
NEVER_ABBREVIATED = ["Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Texas", "Utah"]
STATE_IDS = [name for name, _, _ in ALL_STATES]

LA = ZoneInfo("America/Los_Angeles")


# --------------------------------------------------------------------------- #
# States
# --------------------------------------------------------------------------- #


def test_states_table_covers_50_states_and_dc():
    assert len(ALL_STATES) == 51
    assert dict(STATES) == {name: ap for name, _, ap in ALL_STATES}
    assert dict(apstyle.POSTAL_CODES) == {code: name for name, code, _ in ALL_STATES}


@pytest.mark.parametrize(("name", "postal", "ap"), ALL_STATES, ids=STATE_IDS)
def test_ap_state_from_full_name(name, postal, ap):
    assert ap_state(name) == ap


@pytest.mark.parametrize(("name", "postal", "ap"), ALL_STATES, ids=STATE_IDS)
def test_ap_state_from_postal_code(name, postal, ap):
    assert ap_state(postal) == ap
    assert ap_state(postal.lower()) == ap


@pytest.mark.parametrize(("name", "postal", "ap"), ALL_STATES, ids=STATE_IDS)
def test_ap_state_from_ap_form_with_and_without_period(name, postal, ap):
    assert ap_state(ap) == ap
    assert ap_state(ap.rstrip(".")) == ap
    assert ap_state(ap.upper()) == ap


@pytest.mark.parametrize(("name", "postal", "ap"), ALL_STATES, ids=STATE_IDS)
def test_ap_state_ignores_case_and_extra_whitespace(name, postal, ap):
    assert ap_state(f"  {name.upper()}  ") == ap
    assert ap_state("  ".join(name.lower().split())) == ap


@pytest.mark.parametrize(("name", "postal", "ap"), ALL_STATES, ids=STATE_IDS)
def test_full_state_name_from_any_form(name, postal, ap):
    assert full_state_name(name) == name
    assert full_state_name(postal) == name
    assert full_state_name(ap) == name


@pytest.mark.parametrize("name", NEVER_ABBREVIATED)
def test_never_abbreviated_states_are_spelled_out(name):
    assert ap_state(name) == name
    assert name in UNABBREVIATED_STATES


def test_exactly_eight_states_are_never_abbreviated():
    assert frozenset(NEVER_ABBREVIATED) == UNABBREVIATED_STATES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Calif", "Calif."),
        ("W. Va.", "W.Va."),
        ("W Va", "W.Va."),
        ("WVa", "W.Va."),
        ("n.h.", "N.H."),
        ("N. Y.", "N.Y."),
        ("D.C.", "D.C."),
        ("dc", "D.C."),
        ("district of   columbia", "D.C."),
        ("Texas.", "Texas"),
        ("\tnew mexico\n", "N.M."),
    ],
)
def test_ap_state_tolerates_variants(value, expected):
    assert ap_state(value) == expected


def test_unknown_state_error_names_the_input_and_the_accepted_forms():
    with pytest.raises(UnknownStateError) as excinfo:
        ap_state("Califo")
    message = str(excinfo.value)
    assert message.startswith(
        'Unknown state "Califo". Use the full name ("California"), the postal code ("CA") '
        'or the AP abbreviation ("Calif.").'
    )
    assert 'Did you mean "California"?' in message
    assert excinfo.value.value == "Califo"


@pytest.mark.parametrize("value", ["Calfornia", "Texs", "Nowhere", "XX", "Cal.", "Puerto Rico"])
def test_unknown_state_raises_value_error_subclass(value):
    with pytest.raises(ValueError, match=f'Unknown state "{value}"'):
        ap_state(value)


def test_unknown_state_without_close_match_has_no_suggestion():
    with pytest.raises(UnknownStateError) as excinfo:
        ap_state("Atlantis")
    assert "Did you mean" not in str(excinfo.value)


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_state_asks_for_a_state(value):
    with pytest.raises(UnknownStateError, match="^Enter a state"):
        ap_state(value)


def test_full_state_name_unknown_raises():
    with pytest.raises(UnknownStateError, match='"Gondor"'):
        full_state_name("Gondor")


def test_state_choices_are_sorted_full_name_pairs():
    choices = state_choices()
    assert len(choices) == 51
    assert choices == sorted(choices)
    assert all(value == label for value, label in choices)
    assert choices[0] == ("Alabama", "Alabama")
    assert ("District of Columbia", "District of Columbia") in choices
    assert choices[-1] == ("Wyoming", "Wyoming")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("California", True),
        ("california", True),
        ("  New   York ", True),
        ("District of Columbia", True),
        ("Calif.", False),
        ("CA", False),
        ("Sacramento", False),
        ("", False),
    ],
)
def test_is_state_name(word, expected):
    assert is_state_name(word) is expected


# --------------------------------------------------------------------------- #
# Months and dates
# --------------------------------------------------------------------------- #

MONTHS = [
    (1, "Jan.", "January"),
    (2, "Feb.", "February"),
    (3, "March", "March"),
    (4, "April", "April"),
    (5, "May", "May"),
    (6, "June", "June"),
    (7, "July", "July"),
    (8, "Aug.", "August"),
    (9, "Sept.", "September"),
    (10, "Oct.", "October"),
    (11, "Nov.", "November"),
    (12, "Dec.", "December"),
]


@pytest.mark.parametrize(("month", "with_day", "alone"), MONTHS)
def test_ap_month_with_day(month, with_day, alone):
    assert ap_month(month) == with_day
    assert ap_month(month, with_day=True) == with_day


@pytest.mark.parametrize(("month", "with_day", "alone"), MONTHS)
def test_ap_month_without_day_is_spelled_out(month, with_day, alone):
    assert ap_month(month, with_day=False) == alone


@pytest.mark.parametrize(("month", "with_day", "alone"), MONTHS)
def test_ap_month_year_is_spelled_out(month, with_day, alone):
    assert ap_month_year(2023, month) == f"{alone} 2023"


@pytest.mark.parametrize("month", [0, 13, -1])
def test_ap_month_rejects_out_of_range(month):
    with pytest.raises(ValueError, match="between 1 and 12"):
        ap_month(month)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2021, 5, 3), "May 3, 2021"),
        (date(2023, 9, 14), "Sept. 14, 2023"),
        (date(2024, 12, 1), "Dec. 1, 2024"),
        (date(2022, 1, 9), "Jan. 9, 2022"),
        (date(2024, 2, 29), "Feb. 29, 2024"),
        (date(2020, 3, 31), "March 31, 2020"),
        (date(2019, 7, 4), "July 4, 2019"),
        (date(2025, 8, 15), "Aug. 15, 2025"),
        (date(2025, 10, 2), "Oct. 2, 2025"),
        (date(2025, 11, 30), "Nov. 30, 2025"),
    ],
)
def test_ap_date(d, expected):
    assert ap_date(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [(date(2021, 5, 3), "May 3"), (date(2023, 9, 4), "Sept. 4"), (date(2024, 6, 10), "June 10")],
)
def test_ap_date_without_year(d, expected):
    assert ap_date(d, with_year=False) == expected


def test_ap_month_year_example():
    assert ap_month_year(2023, 9) == "September 2023"


# --------------------------------------------------------------------------- #
# Times
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (time(0, 0), "midnight"),
        (time(12, 0), "noon"),
        (time(0, 15), "12:15 a.m."),
        (time(12, 30), "12:30 p.m."),
        (time(9, 0), "9 a.m."),
        (time(10, 0), "10 a.m."),
        (time(10, 30), "10:30 a.m."),
        (time(22, 30), "10:30 p.m."),
        (time(21, 5), "9:05 p.m."),
        (time(23, 59), "11:59 p.m."),
        (time(13, 0), "1 p.m."),
        (time(11, 59), "11:59 a.m."),
        (time(0, 1), "12:01 a.m."),
        (time(12, 0, 45), "noon"),
        (time(9, 0, 59), "9 a.m."),
    ],
)
def test_ap_time(t, expected):
    assert ap_time(t) == expected


def test_ap_time_accepts_datetime():
    assert ap_time(datetime(2021, 5, 3, 14, 45)) == "2:45 p.m."


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2021, 5, 3, 10, 0), "10 a.m. May 3, 2021"),
        (datetime(2023, 9, 14, 12, 0), "noon Sept. 14, 2023"),
        (datetime(2024, 12, 1, 19, 30), "7:30 p.m. Dec. 1, 2024"),
    ],
)
def test_ap_datetime(dt, expected):
    assert ap_datetime(dt) == expected


def test_ap_datetime_without_year():
    assert ap_datetime(datetime(2021, 5, 3, 0, 0), with_year=False) == "midnight May 3"


# --------------------------------------------------------------------------- #
# local_date: the calendar date in the site's time zone
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("utc", "tz", "expected"),
    [
        # Los Angeles in daylight time (PDT, UTC-7): midnight is 07:00Z.
        (datetime(2021, 5, 4, 6, 30, tzinfo=UTC), "America/Los_Angeles", date(2021, 5, 3)),
        (datetime(2021, 5, 4, 6, 59, 59, tzinfo=UTC), "America/Los_Angeles", date(2021, 5, 3)),
        (datetime(2021, 5, 4, 7, 0, tzinfo=UTC), "America/Los_Angeles", date(2021, 5, 4)),
        (datetime(2021, 5, 4, 7, 30, tzinfo=UTC), "America/Los_Angeles", date(2021, 5, 4)),
        # Los Angeles in standard time (PST, UTC-8): midnight is 08:00Z.
        (datetime(2021, 1, 1, 7, 59, tzinfo=UTC), "America/Los_Angeles", date(2020, 12, 31)),
        (datetime(2021, 1, 1, 8, 0, tzinfo=UTC), "America/Los_Angeles", date(2021, 1, 1)),
        (datetime(2021, 1, 1, 8, 1, tzinfo=UTC), "America/Los_Angeles", date(2021, 1, 1)),
        # New York: EDT (UTC-4) in summer, EST (UTC-5) in winter.
        (datetime(2021, 7, 5, 3, 59, tzinfo=UTC), "America/New_York", date(2021, 7, 4)),
        (datetime(2021, 7, 5, 4, 0, tzinfo=UTC), "America/New_York", date(2021, 7, 5)),
        (datetime(2021, 12, 1, 4, 59, tzinfo=UTC), "America/New_York", date(2021, 11, 30)),
        (datetime(2021, 12, 1, 5, 0, tzinfo=UTC), "America/New_York", date(2021, 12, 1)),
        # Honolulu never observes daylight time (UTC-10 all year).
        (datetime(2021, 5, 4, 9, 59, tzinfo=UTC), "Pacific/Honolulu", date(2021, 5, 3)),
        (datetime(2021, 5, 4, 10, 0, tzinfo=UTC), "Pacific/Honolulu", date(2021, 5, 4)),
        (datetime(2021, 1, 1, 9, 59, tzinfo=UTC), "Pacific/Honolulu", date(2020, 12, 31)),
    ],
)
def test_local_date_midnight_edges(utc, tz, expected):
    assert local_date(utc, tz) == expected
    assert local_date(utc, ZoneInfo(tz)) == expected


def test_local_date_accepts_non_utc_aware_datetimes():
    # 23:30 in New York on May 3 is 20:30 the same day in Los Angeles.
    ny = datetime(2021, 5, 3, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    assert local_date(ny, LA) == date(2021, 5, 3)
    # 01:30 in UTC+2 on May 4 is still May 3 in Los Angeles.
    plus_two = datetime(2021, 5, 4, 1, 30, tzinfo=timezone(timedelta(hours=2)))
    assert local_date(plus_two, LA) == date(2021, 5, 3)


def test_local_date_accepts_fixed_offset_tzinfo():
    assert local_date(datetime(2021, 5, 4, 6, 30, tzinfo=UTC), UTC) == date(2021, 5, 4)


def test_local_date_rejects_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        local_date(datetime(2021, 5, 4, 6, 30), LA)


def test_local_date_rejects_unknown_time_zone():
    with pytest.raises(ValueError, match='Unknown time zone "Mars/Olympus_Mons"'):
        local_date(datetime(2021, 5, 4, 6, 30, tzinfo=UTC), "Mars/Olympus_Mons")


def test_local_date_rejects_plain_date():
    with pytest.raises(TypeError):
        local_date(date(2021, 5, 4), LA)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# format_dateline
# --------------------------------------------------------------------------- #

MAY_3 = date(2021, 5, 3)


@pytest.mark.parametrize(
    ("style", "on", "expected"),
    [
        ("city_state_date", MAY_3, "Sacramento, Calif. (May 3, 2021) –"),
        ("city_state_date", None, "Sacramento, Calif. –"),
        ("city_state", MAY_3, "Sacramento, Calif. –"),
        ("city_state", None, "Sacramento, Calif. –"),
        ("caps_city_state_date", MAY_3, "SACRAMENTO, Calif. (May 3, 2021) —"),
        ("caps_city_state_date", None, "SACRAMENTO, Calif. —"),
        ("caps_city_state", MAY_3, "SACRAMENTO, Calif. —"),
        ("caps_city_state", None, "SACRAMENTO, Calif. —"),
    ],
)
def test_format_dateline_styles(style, on, expected):
    assert format_dateline("Sacramento", "California", on, style=style) == expected


def test_format_dateline_defaults_to_city_state_date():
    assert format_dateline("Sacramento", "CA", MAY_3) == "Sacramento, Calif. (May 3, 2021) –"


def test_default_dashes_are_en_for_plain_and_em_for_caps():
    assert EN_DASH == "\u2013"
    assert EM_DASH == "\u2014"
    assert format_dateline("Fresno", "CA", None, style="city_state").endswith(EN_DASH)
    assert format_dateline("Fresno", "CA", None, style="caps_city_state").endswith(EM_DASH)


@pytest.mark.parametrize("style", [key for key, _ in DATELINE_STYLES])
@pytest.mark.parametrize("dash", ["—", "–", "--", "-"])
def test_format_dateline_custom_dash(style, dash):
    assert format_dateline("Sacramento", "CA", MAY_3, style=style, dash=dash).endswith(f" {dash}")


def test_format_dateline_empty_dash_leaves_it_off():
    assert format_dateline("Sacramento", "CA", None, style="city_state", dash="") == (
        "Sacramento, Calif."
    )


@pytest.mark.parametrize("state", ["California", "california", "CA", "ca", "Calif.", "Calif"])
def test_format_dateline_accepts_any_state_form(state):
    assert format_dateline("Sacramento", state, MAY_3) == "Sacramento, Calif. (May 3, 2021) –"


@pytest.mark.parametrize(
    ("city", "state", "expected"),
    [
        ("Juneau", "Alaska", "Juneau, Alaska (May 3, 2021) –"),
        ("Austin", "TX", "Austin, Texas (May 3, 2021) –"),
        ("Charleston", "West Virginia", "Charleston, W.Va. (May 3, 2021) –"),
        ("Washington", "District of Columbia", "Washington, D.C. (May 3, 2021) –"),
        ("St. Louis", "MO", "St. Louis, Mo. (May 3, 2021) –"),
        ("  West   Sacramento ", "CA", "West Sacramento, Calif. (May 3, 2021) –"),
    ],
)
def test_format_dateline_places(city, state, expected):
    assert format_dateline(city, state, MAY_3) == expected


def test_format_dateline_caps_only_capitalizes_the_city():
    assert (
        format_dateline("St. Louis", "Missouri", MAY_3, style="caps_city_state_date")
        == "ST. LOUIS, Mo. (May 3, 2021) —"
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("city_state_date", "Sacramento (May 3, 2021) –"),
        ("city_state", "Sacramento –"),
        ("caps_city_state_date", "SACRAMENTO (May 3, 2021) —"),
        ("caps_city_state", "SACRAMENTO —"),
    ],
)
@pytest.mark.parametrize("state", ["", "   "])
def test_format_dateline_without_state_is_city_alone(style, expected, state):
    assert format_dateline("Sacramento", state, MAY_3, style=style) == expected


def test_format_dateline_uses_datetime_date_as_is():
    # The caller has already converted to local time; no further shifting.
    on = datetime(2021, 5, 3, 23, 59, tzinfo=LA)
    assert format_dateline("Sacramento", "CA", on) == "Sacramento, Calif. (May 3, 2021) –"


def test_format_dateline_with_local_date_at_midnight_edge():
    on = local_date(datetime(2021, 5, 4, 6, 30, tzinfo=UTC), "America/Los_Angeles")
    assert format_dateline("Sacramento", "CA", on) == "Sacramento, Calif. (May 3, 2021) –"


@pytest.mark.parametrize("city", ["", "   ", None])
def test_format_dateline_requires_a_place(city):
    with pytest.raises(DatelineError) as excinfo:
        format_dateline(city, "CA", MAY_3)  # type: ignore[arg-type]
    assert str(excinfo.value) == 'A dateline needs a place: enter the city, e.g. "Sacramento".'
    assert isinstance(excinfo.value, ValueError)


def test_format_dateline_unknown_state():
    with pytest.raises(UnknownStateError, match='Unknown state "Califo"'):
        format_dateline("Sacramento", "Califo", MAY_3)


def test_format_dateline_unknown_style():
    with pytest.raises(DatelineError, match='Unknown dateline style "fancy"'):
        format_dateline("Sacramento", "CA", MAY_3, style="fancy")


def test_dateline_styles_for_a_settings_select():
    keys = [key for key, _ in DATELINE_STYLES]
    assert keys == ["city_state_date", "city_state", "caps_city_state_date", "caps_city_state"]
    assert keys == [
        apstyle.STYLE_CITY_STATE_DATE,
        apstyle.STYLE_CITY_STATE,
        apstyle.STYLE_CAPS_CITY_STATE_DATE,
        apstyle.STYLE_CAPS_CITY_STATE,
    ]
    assert apstyle.DEFAULT_DATELINE_STYLE == "city_state_date"
    assert all(label.strip() for _, label in DATELINE_STYLES)
    # Each label shows exactly what the style prints.
    for key, label in DATELINE_STYLES:
        assert label.endswith(format_dateline("Sacramento", "CA", MAY_3, style=key))


# --------------------------------------------------------------------------- #
# parse_dateline
# --------------------------------------------------------------------------- #

BODY = "The Calder Springs council approved the budget."


@pytest.mark.parametrize(
    ("text", "place", "state", "on", "raw"),
    [
        (
            f"Sacramento, Calif. (May 3, 2021) – {BODY}",
            "Sacramento",
            "Calif.",
            MAY_3,
            "Sacramento, Calif. (May 3, 2021) –",
        ),
        (f"SACRAMENTO, Calif. — {BODY}", "Sacramento", "Calif.", None, "SACRAMENTO, Calif. —"),
        (
            f"SACRAMENTO, Calif. (AP) — {BODY}",
            "Sacramento",
            "Calif.",
            None,
            "SACRAMENTO, Calif. (AP) —",
        ),
        (f"(SACRAMENTO) – {BODY}", "Sacramento", None, None, "(SACRAMENTO) –"),
        (f"Sacramento, California – {BODY}", "Sacramento", "Calif.", None, None),
        (
            f"Sacramento, CA (May 3, 2021) - {BODY}",
            "Sacramento",
            "Calif.",
            MAY_3,
            "Sacramento, CA (May 3, 2021) -",
        ),
        (f"Sacramento, Calif. (May 3, 2021) -- {BODY}", "Sacramento", "Calif.", MAY_3, None),
        (f"Sacramento, Calif. (May 3, 2021) — {BODY}", "Sacramento", "Calif.", MAY_3, None),
        (f"SACRAMENTO, Calif. (May 3, 2021) — {BODY}", "Sacramento", "Calif.", MAY_3, None),
        (f"Sacramento, Calif. –{BODY}", "Sacramento", "Calif.", None, None),
        (f"SACRAMENTO, Calif.—{BODY}", "Sacramento", "Calif.", None, None),
        (f"  Sacramento, Calif. (May 3, 2021) –   {BODY}", "Sacramento", "Calif.", MAY_3, None),
        (f"SACRAMENTO, CALIF. — {BODY}", "Sacramento", "Calif.", None, None),
        (f"SACRAMENTO, CALIFORNIA — {BODY}", "Sacramento", "Calif.", None, None),
        (f"SACRAMENTO (AP) — {BODY}", "Sacramento", None, None, None),
        (f"SACRAMENTO — {BODY}", "Sacramento", None, None, None),
        (f"Sacramento (May 3, 2021) – {BODY}", "Sacramento", None, MAY_3, None),
        (f"(SACRAMENTO, Calif.) – {BODY}", "Sacramento", "Calif.", None, None),
        (f"WEST SACRAMENTO, Calif. — {BODY}", "West Sacramento", "Calif.", None, None),
        (f"West Sacramento, CA – {BODY}", "West Sacramento", "Calif.", None, None),
        (f"ST. LOUIS, Mo. — {BODY}", "St. Louis", "Mo.", None, None),
        (f"St. Louis, Missouri – {BODY}", "St. Louis", "Mo.", None, None),
        (f"WINSTON-SALEM, N.C. — {BODY}", "Winston-Salem", "N.C.", None, None),
        (f"COEUR D'ALENE, Idaho — {BODY}", "Coeur d'Alene", "Idaho", None, None),
        (f"O'FALLON, Ill. — {BODY}", "O'Fallon", "Ill.", None, None),
        (f"TRUTH OR CONSEQUENCES, N.M. — {BODY}", "Truth or Consequences", "N.M.", None, None),
        (f"CARMEL-BY-THE-SEA, Calif. — {BODY}", "Carmel-by-the-Sea", "Calif.", None, None),
        (f"Washington, D.C. – {BODY}", "Washington", "D.C.", None, None),
        (f"Charleston, W. Va. – {BODY}", "Charleston", "W.Va.", None, None),
        (
            f"Calder Springs, NV (Dec. 1, 2024) – {BODY}",
            "Calder Springs",
            "Nev.",
            date(2024, 12, 1),
            None,
        ),
        (f"AUSTIN, Texas — {BODY}", "Austin", "Texas", None, None),
        (
            f"SACRAMENTO, Calif., May 3, 2021 /PRNewswire/ -- {BODY}",
            "Sacramento",
            "Calif.",
            MAY_3,
            None,
        ),
    ],
)
def test_parse_dateline_forms(text, place, state, on, raw):
    parsed = parse_dateline(text)
    assert parsed is not None
    assert parsed.place == place
    assert parsed.state == state
    if on is not None:
        assert parsed.date == on
    if raw is not None:
        assert parsed.raw == raw
    assert parsed.rest == BODY


def test_parse_dateline_returns_dataclass_with_all_fields():
    parsed = parse_dateline(f"SACRAMENTO, Calif. (AP) — {BODY}")
    assert parsed == Dateline(
        place="Sacramento",
        state="Calif.",
        date=None,
        raw="SACRAMENTO, Calif. (AP) —",
        rest=BODY,
        agency="AP",
    )


@pytest.mark.parametrize(
    ("date_text", "expected"),
    [
        ("May 3, 2021", date(2021, 5, 3)),
        ("Sept. 14, 2023", date(2023, 9, 14)),
        ("Sep. 14, 2023", date(2023, 9, 14)),
        ("Sept 14, 2023", date(2023, 9, 14)),
        ("September 14, 2023", date(2023, 9, 14)),
        ("Jan. 9, 2022", date(2022, 1, 9)),
        ("January 9, 2022", date(2022, 1, 9)),
        ("Feb 28, 2022", date(2022, 2, 28)),
        ("March 1, 2022", date(2022, 3, 1)),
        ("Mar. 1, 2022", date(2022, 3, 1)),
        ("Dec. 1, 2024", date(2024, 12, 1)),
        ("December 01, 2024", date(2024, 12, 1)),
        ("July 4 2024", date(2024, 7, 4)),
        ("Aug. 5th, 2024", date(2024, 8, 5)),
        ("Monday, May 3, 2021", date(2021, 5, 3)),
        ("Tues., Oct. 3, 2023", date(2023, 10, 3)),
        ("MAY 3, 2021", date(2021, 5, 3)),
    ],
)
def test_parse_dateline_date_forms(date_text, expected):
    parsed = parse_dateline(f"Sacramento, Calif. ({date_text}) – {BODY}")
    assert parsed is not None
    assert parsed.date == expected
    assert parsed.rest == BODY


def test_parse_dateline_comma_date_and_wire_name():
    parsed = parse_dateline(f"SACRAMENTO, Calif., Sept. 14, 2023 /PRNewswire/ -- {BODY}")
    assert parsed is not None
    assert parsed.date == date(2023, 9, 14)
    assert parsed.agency == "PRNewswire"


@pytest.mark.parametrize(
    "date_text",
    ["May 3", "Feb. 30, 2021"],
    ids=["no-year", "impossible"],
)
def test_parse_dateline_keeps_dateline_when_date_is_incomplete(date_text):
    parsed = parse_dateline(f"Sacramento, Calif. ({date_text}) – {BODY}")
    assert parsed is not None
    assert parsed.place == "Sacramento"
    assert parsed.date is None
    assert date_text in parsed.raw


def test_parse_dateline_dateline_only_paragraph():
    parsed = parse_dateline("Sacramento, Calif. (May 3, 2021) –")
    assert parsed is not None
    assert parsed.date == MAY_3
    assert parsed.rest == ""


def test_parse_dateline_rest_keeps_later_paragraphs():
    parsed = parse_dateline(f"SACRAMENTO, Calif. — {BODY}\n\nSecond paragraph – with a dash.")
    assert parsed is not None
    assert parsed.rest == f"{BODY}\n\nSecond paragraph – with a dash."


def test_parse_dateline_accepts_non_breaking_spaces():
    parsed = parse_dateline(
        f"Sacramento,\u00a0Calif.\u00a0(May\u00a03,\u00a02021)\u00a0–\u00a0{BODY}"
    )
    assert parsed is not None
    assert (parsed.place, parsed.state, parsed.date, parsed.rest) == (
        "Sacramento",
        "Calif.",
        MAY_3,
        BODY,
    )


@pytest.mark.parametrize("style", [key for key, _ in DATELINE_STYLES])
@pytest.mark.parametrize("on", [MAY_3, date(2023, 9, 14), None])
@pytest.mark.parametrize(("state", "ap"), [("CA", "Calif."), ("", None), ("Utah", "Utah")])
def test_parse_dateline_round_trips_format_dateline(style, on, state, ap):
    dateline = format_dateline("West Sacramento", state, on, style=style)
    parsed = parse_dateline(f"{dateline} {BODY}")
    if not (ap or style.startswith("caps") or (on and "date" in style)):
        # "West Sacramento –" alone reads like an ordinary sentence opening;
        # see test_parse_dateline_mixed_case_city_alone_is_not_a_dateline.
        assert parsed is None
        return
    assert parsed is not None
    assert parsed.place == "West Sacramento"
    assert parsed.state == ap
    assert parsed.date == (on if "date" in style else None)
    assert parsed.raw == dateline
    assert parsed.rest == BODY


def test_parse_dateline_mixed_case_city_alone_is_not_a_dateline():
    # Without a state, a date or capitals, "Sacramento –" cannot be told apart
    # from "Sacramento – the capital – is nearby", so it is left alone.
    assert parse_dateline(f"Sacramento – {BODY}") is None
    assert parse_dateline(f"SACRAMENTO – {BODY}") is not None


@pytest.mark.parametrize(
    "text",
    [
        "The city council met on Tuesday.",
        "Mayor Ana Ruiz said – quite firmly – no.",
        "Sen. Ana Ruiz (D) – who chairs the panel – voted no.",
        "Ana Ruiz, May 3 – the mayor's birthday – was quiet.",
        "Sacramento – the capital – is nearby.",
        "Sacramento, Calif.-based Acme Widgets opened an office.",
        "Sacramento, Calif. is a city.",
        "Calder Springs, Georgia's sister city, sent a delegation.",
        "I – for one – agree.",
        "UPDATE — The meeting has moved.",
        "MEDIA ADVISORY — Reporters are invited.",
        "OK — here is the plan.",
        "Residents of Calder Springs, Nevada, voted.",
        "2021 – a year to remember.",
        "– Sacramento",
        "",
        "   ",
        "(Photo by Jo Lee) The mayor spoke.",
        "Ana Ruiz, Ben Ortiz – and others – attended.",
    ],
)
def test_parse_dateline_ignores_ordinary_paragraphs(text):
    assert parse_dateline(text) is None


# --------------------------------------------------------------------------- #
# find_unabbreviated_states
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        (
            "Sacramento, California – The council met.",
            "Sacramento, California",
            "Sacramento, Calif.",
        ),
        ("SACRAMENTO, California —", "SACRAMENTO, California", "SACRAMENTO, Calif."),
        ("Sacramento, CA (May 3, 2021) –", "Sacramento, CA", "Sacramento, Calif."),
        ("Photo taken in Fresno, California.", "Fresno, California", "Fresno, Calif."),
        ("In San Jose, California, crews worked.", "San Jose, California", "San Jose, Calif."),
        ("St. Louis, Missouri, hosted.", "St. Louis, Missouri", "St. Louis, Mo."),
        ("Charleston, West Virginia.", "Charleston, West Virginia", "Charleston, W.Va."),
        ("Washington, DC.", "Washington, DC", "Washington, D.C."),
        ("Ames, Iowa. Reno, Nevada.", "Reno, Nevada", "Reno, Nev."),
    ],
)
def test_find_unabbreviated_states_positive(text, found, suggestion):
    issues = find_unabbreviated_states(text)
    assert [(i.found, i.suggestion) for i in issues] == [(found, suggestion)]
    assert issues[0].rule.endswith(".")


@pytest.mark.parametrize(
    "text",
    [
        "Sacramento, Calif. (May 3, 2021) –",
        "Austin, Texas, and Boise, Idaho, sent crews.",
        "Juneau, Alaska –",
        "The governor of California spoke.",
        "Ana Ruiz, Georgia's delegate, spoke.",
        "Delegates from Kansas, Missouri, Iowa and Ohio attended.",
        "Lincoln, Washington and Jefferson are on the list.",
        "Seattle, Wash.",
        "",
    ],
)
def test_find_unabbreviated_states_negative(text):
    assert find_unabbreviated_states(text) == []


def test_find_unabbreviated_states_reports_each_occurrence():
    text = "Reno, Nevada – and later Eugene, Oregon."
    assert [i.suggestion for i in find_unabbreviated_states(text)] == ["Reno, Nev.", "Eugene, Ore."]


# --------------------------------------------------------------------------- #
# find_month_abbreviation_issues
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("The vote is Sep. 5.", "Sep. 5", "Sept. 5"),
        ("The vote is Sep 5.", "Sep 5", "Sept. 5"),
        ("The vote is Sept 5.", "Sept 5", "Sept. 5"),
        ("The vote is September 5.", "September 5", "Sept. 5"),
        ("It opens March. 3.", "March. 3", "March 3"),
        ("It opens Mar. 3.", "Mar. 3", "March 3"),
        ("It opens Mar 3.", "Mar 3", "March 3"),
        ("It opens Apr. 10.", "Apr. 10", "April 10"),
        ("It opens May. 1.", "May. 1", "May 1"),
        ("It opens Jun. 2.", "Jun. 2", "June 2"),
        ("It opens Jul 4.", "Jul 4", "July 4"),
        ("The fair starts August 5.", "August 5", "Aug. 5"),
        ("The fair starts Aug 5.", "Aug 5", "Aug. 5"),
        ("Filing closes Jan 5.", "Jan 5", "Jan. 5"),
        ("Filing closes January 5, 2025.", "January 5", "Jan. 5"),
        ("Filing closes February 14.", "February 14", "Feb. 14"),
        ("Filing closes October 31.", "October 31", "Oct. 31"),
        ("Filing closes November 2.", "November 2", "Nov. 2"),
        ("Filing closes December 24.", "December 24", "Dec. 24"),
        ("Filing closes Dec 24.", "Dec 24", "Dec. 24"),
        ("The budget passed in Sept. 2023.", "Sept. 2023", "September 2023"),
        ("The budget passed in Aug 2021.", "Aug 2021", "August 2021"),
        ("The hearing is May 3rd.", "May 3rd", "May 3"),
        ("The hearing is Aug. 05.", "Aug. 05", "Aug. 5"),
        ("The hearing is August 1st.", "August 1st", "Aug. 1"),
    ],
)
def test_find_month_abbreviation_issues_positive(text, found, suggestion):
    issues = find_month_abbreviation_issues(text)
    assert [(i.found, i.suggestion) for i in issues] == [(found, suggestion)]
    assert isinstance(issues[0], StyleIssue)
    assert issues[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "The hearing is May 3.",
        "The hearing is March 3, 2022.",
        "The vote is Sept. 5.",
        "The fair starts Aug. 5, 2024.",
        "Filing closes Jan. 5.",
        "The budget passed in September 2023.",
        "The budget passed in May 2021.",
        "The budget passed in March.",
        "Mayor Ana Ruiz spoke.",
        "Jan said the plan was fine.",
        "The Augusta 5 crew won.",
        "The march drew 300 people.",
        "June 10 and July 4 are holidays.",
        "Oct. 2-4 is the festival.",
        "",
    ],
)
def test_find_month_abbreviation_issues_negative(text):
    assert find_month_abbreviation_issues(text) == []


def test_find_month_abbreviation_issues_rules_speak_plainly():
    rules = {
        i.found: i.rule
        for i in find_month_abbreviation_issues("Sep. 5, Mar. 3, August 5, Sept. 2023, May 3rd")
    }
    assert "Sept." in rules["Sep. 5"]
    assert "never abbreviates March" in rules["Mar. 3"]
    assert "abbreviates Jan., Feb., Aug." in rules["August 5"]
    assert "September 2023" in rules["Sept. 2023"]
    assert "plain number" in rules["May 3rd"]


def test_find_month_abbreviation_issues_reports_each_occurrence():
    issues = find_month_abbreviation_issues("Sep. 5 and Sep. 6 and Sept. 7")
    assert [i.suggestion for i in issues] == ["Sept. 5", "Sept. 6"]


# --------------------------------------------------------------------------- #
# find_time_issues
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("Doors open at 10:00 AM.", "10:00 AM", "10 a.m."),
        ("Doors open at 10 am today.", "10 am", "10 a.m."),
        ("Doors open at 10 A.M. sharp.", "10 A.M.", "10 a.m."),
        ("Doors open at 10:00 a.m. sharp.", "10:00 a.m.", "10 a.m."),
        ("Doors open at 10am.", "10am", "10 a.m."),
        ("Doors open at 10 a.m today.", "10 a.m", "10 a.m."),
        ("Doors open at 7:30PM.", "7:30PM", "7:30 p.m."),
        ("Doors open at 7:30 pm.", "7:30 pm", "7:30 p.m."),
        ("Doors open at 7 P.M. sharp.", "7 P.M.", "7 p.m."),
        ("Doors open at 09:30 a.m. sharp.", "09:30 a.m.", "9:30 a.m."),
        ("Lunch is at 12 p.m. sharp.", "12 p.m.", "noon"),
        ("Lunch is at 12:00 PM sharp.", "12:00 PM", "noon"),
        ("The polls close at 12 a.m. sharp.", "12 a.m.", "midnight"),
        ("The polls close at 12:00 a.m. sharp.", "12:00 a.m.", "midnight"),
        ("Lunch is at 12 noon.", "12 noon", "noon"),
        ("Lunch is at 12:00 noon.", "12:00 noon", "noon"),
        ("The polls close at 12 midnight.", "12 midnight", "midnight"),
    ],
)
def test_find_time_issues_positive(text, found, suggestion):
    issues = find_time_issues(text)
    assert [(i.found, i.suggestion) for i in issues] == [(found, suggestion)]
    assert issues[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "Doors open at 10 a.m.",
        "Doors open at 10 a.m. sharp.",
        "Doors open at 10:30 p.m. sharp.",
        "Lunch is at noon.",
        "The polls close at midnight.",
        "It runs 12:15 a.m. to 12:30 p.m.",
        "Tune in to 1010 AM radio.",
        "Crews worked 10 amended shifts.",
        "The score was 3:10 in the final.",
        "",
    ],
)
def test_find_time_issues_negative(text):
    assert find_time_issues(text) == []


def test_find_time_issues_rules_speak_plainly():
    rules = {i.found: i.rule for i in find_time_issues("10 AM, 10:00 a.m., 12 p.m., 12 noon")}
    assert "lowercase" in rules["10 AM"]
    assert ":00" in rules["10:00 a.m."]
    assert "noon" in rules["12 p.m."]
    assert "redundant" in rules["12 noon"]
