"""Associated Press (AP) style rules for states, dates, times and datelines.

Pure standard-library code so it can be shared by models, templates, form
validation, publish-time warnings and the importer without pulling in Django.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DATELINE_STYLES",
    "DEFAULT_DATELINE_STYLE",
    "EM_DASH",
    "EN_DASH",
    "POSTAL_CODES",
    "STATES",
    "STYLE_CAPS_CITY_STATE",
    "STYLE_CAPS_CITY_STATE_DATE",
    "STYLE_CITY_STATE",
    "STYLE_CITY_STATE_DATE",
    "UNABBREVIATED_STATES",
    "Dateline",
    "DatelineError",
    "StyleIssue",
    "UnknownStateError",
    "ap_date",
    "ap_datetime",
    "ap_month",
    "ap_month_year",
    "ap_state",
    "ap_time",
    "find_month_abbreviation_issues",
    "find_time_issues",
    "find_unabbreviated_states",
    "format_dateline",
    "full_state_name",
    "is_state_name",
    "local_date",
    "parse_dateline",
    "state_choices",
]

EN_DASH = "\u2013"
EM_DASH = "\u2014"

# Horizontal whitespace only: a dateline never spans lines, and pasted HTML
# often carries non-breaking spaces, which \s covers but a literal " " would not.
_HS = r"[^\S\r\n]"


# --------------------------------------------------------------------------- #
# States
# --------------------------------------------------------------------------- #

# (full name, USPS postal code, AP form). AP spells out the eight states whose
# names are short, so their AP form equals the full name.
_STATE_DATA: tuple[tuple[str, str, str], ...] = (
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
)

STATES: Mapping[str, str] = MappingProxyType({name: ap for name, _, ap in _STATE_DATA})
"""Full state name (50 states and District of Columbia) -> AP form."""

POSTAL_CODES: Mapping[str, str] = MappingProxyType({code: name for name, code, _ in _STATE_DATA})
"""USPS postal code -> full state name."""

UNABBREVIATED_STATES: frozenset[str] = frozenset(name for name, _, ap in _STATE_DATA if name == ap)
"""States AP never abbreviates: Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas, Utah."""


def _state_key(value: str) -> str:
    # Periods and spaces vary freely in what people type ("W. Va", "N.H", "NH"),
    # so compare without them. No two states collide under this key.
    return re.sub(r"[\s.]+", "", value).casefold()


_STATE_LOOKUP: dict[str, str] = {}
for _name, _code, _ap in _STATE_DATA:
    for _form in (_name, _code, _ap):
        _STATE_LOOKUP[_state_key(_form)] = _name
_STATE_NAME_KEYS = {_name.casefold() for _name in STATES}


class UnknownStateError(ValueError):
    """Raised when a state cannot be recognised; the message is safe to show to editors."""

    def __init__(self, value: str) -> None:
        self.value = value
        shown = " ".join(str(value or "").split())
        if not shown:
            message = (
                'Enter a state: the full name ("California"), the postal code ("CA") '
                'or the AP abbreviation ("Calif.").'
            )
        else:
            message = (
                f'Unknown state "{shown}". Use the full name ("California"), '
                'the postal code ("CA") or the AP abbreviation ("Calif.").'
            )
            close = difflib.get_close_matches(shown.title(), list(STATES), n=1, cutoff=0.75)
            if close:
                message += f' Did you mean "{close[0]}"?'
        super().__init__(message)


def _lookup_state(value: str) -> str | None:
    return _STATE_LOOKUP.get(_state_key(value)) if value and value.strip() else None


def ap_state(name: str) -> str:
    """Return the AP form of a state given its full name, postal code or AP abbreviation.

    Case, extra whitespace and missing periods are tolerated ("calif", "W Va").
    """
    full = _lookup_state(name)
    if full is None:
        raise UnknownStateError(name)
    return STATES[full]


def full_state_name(name: str) -> str:
    """Return the full state name ("California") for any form ``ap_state`` accepts."""
    full = _lookup_state(name)
    if full is None:
        raise UnknownStateError(name)
    return full


def is_state_name(word: str) -> bool:
    """True if ``word`` is the full name of a state or District of Columbia (any case)."""
    return " ".join(word.split()).casefold() in _STATE_NAME_KEYS


def state_choices() -> list[tuple[str, str]]:
    """(full name, full name) pairs sorted alphabetically, for a form select."""
    return [(name, name) for name in sorted(STATES)]


# --------------------------------------------------------------------------- #
# Dates and times
# --------------------------------------------------------------------------- #

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# AP abbreviates only these seven, and only when a specific day follows.
_MONTH_AP_ABBR = {1: "Jan.", 2: "Feb.", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}

# Every spelling people use for a month, keyed lowercase without the period.
_MONTH_LOOKUP: dict[str, int] = {}
for _i, _month_name in enumerate(_MONTH_NAMES, start=1):
    _MONTH_LOOKUP[_month_name.lower()] = _i
    _MONTH_LOOKUP[_month_name[:3].lower()] = _i
_MONTH_LOOKUP["sept"] = 9

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"Month must be between 1 and 12, not {month!r}.")


def ap_month(month: int, with_day: bool = True) -> str:
    """AP month name: "Sept." with a specific day, "September" alone or with a year."""
    _check_month(month)
    if with_day:
        return _MONTH_AP_ABBR.get(month, _MONTH_NAMES[month - 1])
    return _MONTH_NAMES[month - 1]


def ap_date(d: date, *, with_year: bool = True) -> str:
    """AP date such as "Sept. 14, 2023" or, without the year, "Sept. 14"."""
    text = f"{ap_month(d.month)} {d.day}"
    return f"{text}, {d.year}" if with_year else text


def ap_month_year(year: int, month: int) -> str:
    """Month and year without a day, always spelled out: "September 2023"."""
    return f"{ap_month(month, with_day=False)} {year}"


def ap_time(t: time | datetime) -> str:
    """AP time: "10 a.m.", "10:30 p.m.", "noon", "midnight". Seconds are ignored."""
    if isinstance(t, datetime):
        t = t.time()
    if t.minute == 0 and t.hour in (0, 12):
        return "midnight" if t.hour == 0 else "noon"
    hour = t.hour % 12 or 12
    suffix = "a.m." if t.hour < 12 else "p.m."
    if t.minute:
        return f"{hour}:{t.minute:02d} {suffix}"
    return f"{hour} {suffix}"


def ap_datetime(dt: datetime, *, with_year: bool = True) -> str:
    """Time then date, as AP orders them: "10 a.m. May 3, 2021".

    The value is formatted as given; convert it to the local zone first.
    """
    return f"{ap_time(dt)} {ap_date(dt, with_year=with_year)}"


def local_date(dt: datetime, tz: str | tzinfo) -> date:
    """The calendar date of an aware datetime in the site's time zone.

    Naive datetimes are rejected because guessing their zone is exactly how
    releases published near midnight end up dated a day off.
    """
    if not isinstance(dt, datetime):
        raise TypeError(f"local_date() needs a datetime, not {type(dt).__name__}.")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("local_date() needs a timezone-aware datetime, got a naive one.")
    if isinstance(tz, str):
        try:
            tz = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f'Unknown time zone "{tz}".') from exc
    return local_time(dt, tz).date()


def local_time(dt: datetime, tz) -> datetime:
    """`dt` in the zone `tz`; at the very ends of the calendar (year 1 west of UTC, year
    9999 east of it), where the shift would leave the years a date can hold, `dt` in UTC."""
    try:
        return dt.astimezone(tz)
    except OverflowError:
        return dt.astimezone(UTC)


# --------------------------------------------------------------------------- #
# Datelines: formatting
# --------------------------------------------------------------------------- #

STYLE_CITY_STATE_DATE = "city_state_date"
STYLE_CITY_STATE = "city_state"
STYLE_CAPS_CITY_STATE_DATE = "caps_city_state_date"
STYLE_CAPS_CITY_STATE = "caps_city_state"
DEFAULT_DATELINE_STYLE = STYLE_CITY_STATE_DATE

DATELINE_STYLES: list[tuple[str, str]] = [
    (STYLE_CITY_STATE_DATE, f"City, state and date: Sacramento, Calif. (May 3, 2021) {EN_DASH}"),
    (STYLE_CITY_STATE, f"City and state: Sacramento, Calif. {EN_DASH}"),
    (
        STYLE_CAPS_CITY_STATE_DATE,
        f"Capitalized city, state and date: SACRAMENTO, Calif. (May 3, 2021) {EM_DASH}",
    ),
    (STYLE_CAPS_CITY_STATE, f"Capitalized city and state: SACRAMENTO, Calif. {EM_DASH}"),
]

# style -> (city in capitals, include date, default dash)
_STYLE_RULES: dict[str, tuple[bool, bool, str]] = {
    STYLE_CITY_STATE_DATE: (False, True, EN_DASH),
    STYLE_CITY_STATE: (False, False, EN_DASH),
    STYLE_CAPS_CITY_STATE_DATE: (True, True, EM_DASH),
    STYLE_CAPS_CITY_STATE: (True, False, EM_DASH),
}


class DatelineError(ValueError):
    """Raised for a dateline that cannot be built; the message is safe to show to editors."""


def format_dateline(
    place_city: str,
    state: str,
    on: date | None,
    *,
    style: str = DEFAULT_DATELINE_STYLE,
    dash: str | None = None,
) -> str:
    """Build a release dateline such as "Sacramento, Calif. (May 3, 2021) –".

    ``state`` may be any form ``ap_state`` accepts, or empty for the city alone.
    ``on`` may be a date or a datetime already converted to local time (see
    ``local_date``); ``None`` leaves the date out. ``dash=None`` picks the
    style's default: an en dash, or an em dash for the capitalized styles.
    """
    try:
        caps, dated, default_dash = _STYLE_RULES[style]
    except KeyError:
        known = ", ".join(f'"{key}"' for key, _ in DATELINE_STYLES)
        raise DatelineError(f'Unknown dateline style "{style}". Use one of {known}.') from None

    city = " ".join((place_city or "").split())
    if not city:
        raise DatelineError('A dateline needs a place: enter the city, e.g. "Sacramento".')

    head = city.upper() if caps else city
    if state and state.strip():
        head = f"{head}, {ap_state(state)}"
    if dated and on is not None:
        day = on.date() if isinstance(on, datetime) else on
        head = f"{head} ({ap_date(day)})"
    dash = default_dash if dash is None else dash
    return f"{head} {dash}" if dash else head


# --------------------------------------------------------------------------- #
# Datelines: parsing
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a paragraph."""

    place: str
    state: str | None
    date: date | None
    raw: str
    rest: str = ""
    agency: str | None = None


def _alternation(forms: list[str]) -> str:
    # Longest first so "West Virginia" wins over "Virginia".
    return "|".join(sorted(set(forms), key=lambda form: (-len(form), form)))


def _ap_form_pattern(ap: str) -> str:
    # "W.Va." should also match "W. Va.", "W.Va" and "WVa".
    parts = [re.escape(p) for p in ap.split(".") if p]
    return rf"\.?{_HS}?".join(parts) + r"\.?"


_STATE_NAME_RE = _alternation([_HS.join(map(re.escape, n.split())) for n in STATES])
_DATELINE_STATE_RE = "|".join(
    [
        rf"(?i:{_STATE_NAME_RE})",
        # AP forms as written or in capitals; lowercase "la" or "pa" is more
        # likely a word than a state.
        _alternation(
            [_ap_form_pattern(ap) for ap in STATES.values() if ap not in STATES]
            + [_ap_form_pattern(ap.upper()) for ap in STATES.values() if ap not in STATES]
        ),
        # Postal codes only in capitals, for the same reason ("me", "in", "or").
        _alternation(list(POSTAL_CODES)),
    ]
)

_MONTH_RE = _alternation(list(_MONTH_LOOKUP))
_WEEKDAY_RE = _alternation([*_WEEKDAYS, *(d[:3] for d in _WEEKDAYS), "Tues", "Thur", "Thurs"])


def _date_pattern(prefix: str) -> str:
    # Group names get a prefix because the pattern appears twice in one regex.
    return (
        rf"(?:(?:{_WEEKDAY_RE})\.?,?{_HS}+)?"
        rf"(?P<{prefix}month>(?i:{_MONTH_RE}))\.?{_HS}*"
        rf"(?P<{prefix}day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?{_HS}*(?P<{prefix}year>\d{{4}}))?"
    )


# Lowercase particles that may sit inside a place name ("Truth or Consequences",
# "Carmel-by-the-Sea"); "d'" covers "Coeur d'Alene".
_PARTICLES = ("of", "or", "on", "by", "the", "de", "del", "la", "le", "du", "des", "da", "y")
_LOWER_IN_PLACE = frozenset(_PARTICLES)
_LETTER = r"[^\W\d_]"
_CAP_WORD = rf"[^\W\d_a-z]{_LETTER}*(?:['’\-]{_LETTER}+)*\.?"
_LOWER_WORD = rf"(?:{'|'.join(_PARTICLES)})(?!{_LETTER})|d['’]{_LETTER}+"
_PLACE_RE = rf"{_CAP_WORD}(?:{_HS}+(?:{_CAP_WORD}|{_LOWER_WORD})){{0,4}}"
# A lone hyphen only counts before a space, so "Calif.-based" is not a dateline.
_DASH_RE = rf"{_HS}*(?:[‒–—―]|-{{2,3}}|-(?=\s|$))"

_DATELINE_RE = re.compile(
    rf"""
    ^\s*
    (?P<head>
        \({_HS}*(?P<pplace>{_PLACE_RE})(?:,{_HS}*(?P<pstate>{_DATELINE_STATE_RE}))?{_HS}*\)
      |
        (?P<place>{_PLACE_RE})
        (?:,{_HS}*(?P<state>{_DATELINE_STATE_RE})(?![^\W\d_]))?
        (?:
            {_HS}*\({_HS}*(?:{_date_pattern("d_")}){_HS}*\)
          | {_HS}*\({_HS}*(?P<agency>[^\W\d_][\w&.'’ ]{{0,29}}?){_HS}*\)
          | ,{_HS}*(?:{_date_pattern("c_")})
            (?:{_HS}*/(?P<wire>[^/\r\n]{{1,40}})/)?
        )?
    )
    {_DASH_RE}
    \s*(?P<rest>.*)\Z
    """,
    re.VERBOSE | re.DOTALL,
)

# All-caps openers that look like a bare dateline ("UPDATE —") but are not places.
_NOT_PLACES = frozenset(
    {
        "ADVISORY",
        "ALERT",
        "BREAKING",
        "CORRECTED",
        "CORRECTION",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "MEDIA ADVISORY",
        "NEWS RELEASE",
        "NOTE",
        "OK",
        "PRESS RELEASE",
        "UPDATE",
        "UPDATED",
        "URGENT",
    }
)


def _capitalize(part: str) -> str:
    pieces = re.split(r"(['’])", part)
    out = pieces[0].capitalize()
    for mark, after in zip(pieces[1::2], pieces[2::2], strict=True):
        # Possessive "'s" stays lowercase ("St. Mary's"); "O'Fallon" is capitalized.
        out += mark + (after if after == "s" else after.capitalize())
    return out


def _title_word(word: str, first: bool) -> str:
    parts = []
    for i, part in enumerate(word.lower().split("-")):
        inner = bool(i) or not first
        if inner and part in _LOWER_IN_PLACE:
            parts.append(part)
        elif inner and re.match(r"d['’]\w", part):
            parts.append(part[:2] + part[2:].capitalize())
        else:
            parts.append(_capitalize(part))
    return "-".join(parts)


def _normalize_place(place: str) -> str:
    words = place.split()
    letters = [c for c in place if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return " ".join(_title_word(w, i == 0) for i, w in enumerate(words))
    return " ".join(words)


def _build_date(match: re.Match[str], prefix: str) -> date | None:
    month_text = match.group(f"{prefix}month")
    if month_text is None or match.group(f"{prefix}year") is None:
        return None
    try:
        return date(
            int(match.group(f"{prefix}year")),
            _MONTH_LOOKUP[month_text.lower()],
            int(match.group(f"{prefix}day")),
        )
    except ValueError:
        return None


def parse_dateline(text: str) -> Dateline | None:
    """Recognise a dateline at the start of ``text``; ``None`` if there is none.

    Handles "Sacramento, Calif. (May 3, 2021) –", "SACRAMENTO, Calif. (AP) —",
    "(SACRAMENTO) –", "Sacramento, CA (May 3, 2021) -" and similar, with an en
    dash, em dash, spaced hyphen or "--". A date without a year, or an
    impossible one, gives ``date=None`` while still recognising the dateline.
    """
    if not text:
        return None
    match = _DATELINE_RE.match(text)
    if match is None:
        return None

    place = match.group("place") or match.group("pplace")
    state_text = match.group("state") or match.group("pstate")
    has_date = bool(match.group("d_month") or match.group("c_month"))
    letters = [c for c in place if c.isalpha()]
    all_caps = all(c.isupper() for c in letters)

    if not state_text:
        # Without a state only capitals or a dated parenthesis set a place apart
        # from an ordinary opening such as "Mayor Ana Ruiz (D) –" or
        # "Ana Ruiz, May 3 – ".
        if not (all_caps or match.group("d_month")):
            return None
        # "I – for one – agree" and "UPDATE —" are not places.
        too_short = len(letters) < 3
        if all_caps and not has_date and (too_short or " ".join(place.split()) in _NOT_PLACES):
            return None

    return Dateline(
        place=_normalize_place(place),
        state=ap_state(state_text) if state_text else None,
        date=_build_date(match, "d_") or _build_date(match, "c_"),
        raw=text[match.start("head") : match.start("rest")].strip(),
        rest=match.group("rest"),
        agency=(match.group("agency") or match.group("wire") or "").strip() or None,
    )


# --------------------------------------------------------------------------- #
# Checkers for publish-time warnings
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class StyleIssue:
    """A likely AP style slip: what was found, what to write instead, and why."""

    found: str
    suggestion: str
    rule: str


_RULE_STATE_ABBR = (
    "In a dateline, a state after a city takes its AP abbreviation, "
    'such as "Calif." for California.'
)

# Words that often start a sentence right before a city; trimmed so the
# warning shows "San Jose, California" rather than "In San Jose, California".
_LEADING_NON_PLACE = frozenset(
    {"In", "At", "From", "To", "The", "Of", "For", "On", "By", "And", "But", "With", "Near"}
)
_PLACE_ABBREVIATIONS = frozenset({"St.", "Ste.", "Ft.", "Mt.", "Pt.", "ST.", "STE.", "FT.", "MT."})
_ABBREVIABLE_NAMES = [n for n in STATES if n not in UNABBREVIATED_STATES]
_UNABBREVIATED_STATE_RE = re.compile(
    rf"""
    (?P<city>(?:[A-Z][\w.'’-]*{_HS}+){{0,2}}[A-Z][\w.'’-]*)
    ,{_HS}+
    (?P<state>{_alternation([_HS.join(n.split()) for n in _ABBREVIABLE_NAMES])}
      |{_alternation(list(POSTAL_CODES))})
    (?=[,.;:!?)]|{_HS}*$|{_HS}+[–—(-])
    """,
    re.VERBOSE | re.MULTILINE,
)
_ENDS_WITH_STATE_RE = re.compile(rf"(?:^|\s)(?:{_STATE_NAME_RE})$")


def find_unabbreviated_states(text: str) -> list[StyleIssue]:
    """Find "Sacramento, California" or "Sacramento, CA" where AP wants "Sacramento, Calif.".

    Meant for datelines, captions and lists: since 2014 AP spells state names
    out in story text, even after a city, so do not run this on body copy.
    """
    issues = []
    for match in _UNABBREVIATED_STATE_RE.finditer(text):
        state = match.group("state")
        # "Kansas, Missouri, Iowa" is a list of states, not a city and state;
        # "Washington, DC" is a city and state.
        if state not in POSTAL_CODES and _ENDS_WITH_STATE_RE.search(match.group("city")):
            continue
        words = match.group("city").split()
        # A period that ends a sentence ("Iowa. Sacramento") starts a new place.
        for i in range(len(words) - 2, -1, -1):
            if words[i].endswith(".") and words[i] not in _PLACE_ABBREVIATIONS:
                del words[: i + 1]
                break
        while len(words) > 1 and words[0] in _LEADING_NON_PLACE:
            words.pop(0)
        city = " ".join(words)
        found = f"{city}, {state}"
        suggestion = f"{city}, {ap_state(state)}"
        if found != suggestion:
            issues.append(StyleIssue(found, suggestion, _RULE_STATE_ABBR))
    return issues


_RULE_MONTH_ABBREVIATE = (
    "With a specific date, AP abbreviates Jan., Feb., Aug., Sept., Oct., Nov. and Dec."
)
_RULE_MONTH_SPELL_OUT = "AP never abbreviates March, April, May, June or July."
_RULE_MONTH_FORM = (
    "AP abbreviates months as Jan., Feb., Aug., Sept., Oct., Nov. and Dec., with a period."
)
_RULE_MONTH_WITHOUT_DAY = 'Spell out the month when it has a year but no day: "September 2023".'
_RULE_DAY_NUMBER = 'Write the day as a plain number, without "st", "th" or a leading zero.'

_MONTH_TOKENS = sorted(
    [*_MONTH_NAMES, *(n[:3] for n in _MONTH_NAMES if n != "May"), "Sept"], key=len, reverse=True
)
_MONTH_ISSUE_RE = re.compile(
    rf"""
    \b(?P<month>{"|".join(_MONTH_TOKENS)})(?P<dot>\.)?
    {_HS}+
    (?:
        (?P<year>\d{{4}})(?!\d)
      | (?P<day>\d{{1,2}})(?P<ordinal>st|nd|rd|th)?(?![\w]|[.,:]\d)
    )
    """,
    re.VERBOSE,
)


def find_month_abbreviation_issues(text: str) -> list[StyleIssue]:
    """Find month forms AP would write differently, e.g. "Sep. 5" -> "Sept. 5"."""
    issues = []
    for match in _MONTH_ISSUE_RE.finditer(text):
        token, dot = match.group("month"), match.group("dot") or ""
        month = _MONTH_LOOKUP[token.lower()]
        written = token + dot
        if match.group("year"):
            expected = ap_month(month, with_day=False)
            if written != expected:
                year = match.group("year")
                issues.append(
                    StyleIssue(f"{written} {year}", f"{expected} {year}", _RULE_MONTH_WITHOUT_DAY)
                )
            continue

        day_text = match.group("day")
        day = int(day_text)
        if not 1 <= day <= 31:
            continue
        expected = ap_month(month)
        suggestion = f"{expected} {day}"
        found = f"{written} {day_text}{match.group('ordinal') or ''}"
        if found == suggestion:
            continue
        if written == expected:
            rule = _RULE_DAY_NUMBER
        elif month not in _MONTH_AP_ABBR:
            rule = _RULE_MONTH_SPELL_OUT
        elif token == _MONTH_NAMES[month - 1]:
            rule = _RULE_MONTH_ABBREVIATE
        else:
            rule = _RULE_MONTH_FORM
        issues.append(StyleIssue(found, suggestion, rule))
    return issues


_RULE_TIME_MERIDIEM = 'Write "a.m." and "p.m." in lowercase with periods, after a space.'
_RULE_TIME_ON_THE_HOUR = 'Leave off ":00" for times on the hour: "10 a.m.", not "10:00 a.m."'
_RULE_TIME_NOON = (
    'Write "noon" or "midnight" rather than 12 p.m. or 12 a.m., which confuse readers.'
)
_RULE_TIME_REDUNDANT = 'Write just "noon" or "midnight"; the 12 is redundant.'
_RULE_TIME_LEADING_ZERO = 'Drop the leading zero from the hour: "9:30 a.m.", not "09:30 a.m."'

_TIME_ISSUE_RE = re.compile(
    rf"""
    (?<![\w:.,])
    (?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}))?
    (?:
        (?P<space>{_HS}*)(?P<meridiem>[AaPp]\.{_HS}?[Mm]\.?|[AaPp]{_HS}?[Mm])(?![^\W\d_])
      | {_HS}+(?P<word>(?i:noon|midnight))\b
    )
    """,
    re.VERBOSE,
)


def find_time_issues(text: str) -> list[StyleIssue]:
    """Find times AP would write differently, e.g. "10:00 AM" -> "10 a.m."."""
    issues = []
    for match in _TIME_ISSUE_RE.finditer(text):
        hour_text, minute_text = match.group("hour"), match.group("minute")
        hour, minute = int(hour_text), int(minute_text or 0)
        found = match.group(0)

        if match.group("word"):
            if hour == 12 and minute == 0:
                issues.append(StyleIssue(found, match.group("word").lower(), _RULE_TIME_REDUNDANT))
            continue

        if not (1 <= hour <= 12 and 0 <= minute <= 59):
            continue
        meridiem = match.group("meridiem")
        is_pm = meridiem[0] in "Pp"
        suggestion = ap_time(time((hour % 12) + (12 if is_pm else 0), minute))
        if found == suggestion:
            continue
        if suggestion in ("noon", "midnight"):
            rule = _RULE_TIME_NOON
        elif meridiem not in ("a.m.", "p.m.") or match.group("space") != " ":
            rule = _RULE_TIME_MERIDIEM
        elif minute_text == "00":
            rule = _RULE_TIME_ON_THE_HOUR
        else:
            rule = _RULE_TIME_LEADING_ZERO
        issues.append(StyleIssue(found, suggestion, rule))
    return issues
