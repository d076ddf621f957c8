"""Rules for text and links that come from people and old sites: pure, free of Django.

Used by the admin's forms, the importer and every format that carries text out (pages,
feeds, the API, mail), so a character or a link refused in one place is refused in all.

Control characters
    C0 (U+0000–U+001F) and C1 (U+0080–U+009F) controls and DEL have no place in a headline
    or a paragraph; XML 1.0 cannot carry most of them at all, so one of them in a headline
    used to take every feed listing the release down. Tab, newline and carriage return are
    ordinary text. Word's manual line break (U+000B) and page break (U+000C) are what a
    pasted paragraph usually brings, so cleaning turns those into a space rather than
    dropping them.

Links
    A link a reader may follow is http, https, mailto or tel, or a path on this site. Any
    other scheme (javascript:, data:, vbscript:, file:…) is refused, whatever its case or
    the spaces and controls hidden inside it (browsers ignore those when reading a scheme).

Release dates
    A release is dated between 1800 and ten years ahead: enough for a city's oldest archive
    and the furthest embargo, and within what every list, feed and archive can page over.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\x0b\x0c]")

_NAMES = {
    "\x00": "a NUL character",
    "\x0b": "a manual line break (U+000B, as Word pastes it)",
    "\x0c": "a page break (U+000C)",
    "\x1b": "an escape character (U+001B)",
    "\x7f": "a delete character (U+007F)",
}

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
EARLIEST_RELEASE_YEAR = 1800
YEARS_AHEAD = 10


def control_character(value: str) -> str | None:
    """The first control character in `value` (tab, newline, carriage return aside)."""
    found = _CONTROL.search(value or "")
    return found.group() if found else None


def describe_control(char: str) -> str:
    return _NAMES.get(char) or f"an invisible control character (U+{ord(char):04X})"


def control_problem(value: str) -> str | None:
    """Why `value` cannot be saved as text, naming the character and where it is."""
    found = _CONTROL.search(value or "")
    if found is None:
        return None
    return (
        f"This text contains {describe_control(found.group())} at character "
        f"{found.start() + 1}. Retype that spot or paste the text as plain text."
    )


def clean_text(value: str) -> str:
    """`value` with page and manual line breaks as spaces and other controls removed."""
    if not value or _CONTROL.search(value) is None:
        return value
    return _CONTROL.sub("", _BREAKS.sub(" ", value))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read from `url`, lower case; None for a relative link."""
    # Browsers drop leading spaces and controls, and tabs and newlines anywhere.
    compact = re.sub(r"[\t\n\r]", "", (url or "").lstrip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", compact)
    return unicodedata.normalize("NFKC", match.group(1)).lower() if match else None


def safe_url(url: str) -> bool:
    """True for a link a reader may follow (module doc); an empty link is not one."""
    url = (url or "").strip()
    if not url or control_character(url):
        return False
    scheme = url_scheme(url)
    if scheme is None:
        # A path on this site; "//host" and "\\host" would leave it.
        return not url.startswith(("//", "\\\\", "/\\", "\\/"))
    return scheme in ALLOWED_SCHEMES


def url_problem(url: str) -> str | None:
    if safe_url(url):
        return None
    scheme = url_scheme(url)
    shown = f'"{scheme}:"' if scheme else "this kind of"
    return (
        f"Links may start with http://, https://, mailto: or tel:, or be a path on this "
        f"site such as /news/; {shown} links are not allowed."
    )


def release_date_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last date a release may carry (module doc)."""
    try:
        last = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + YEARS_AHEAD, day=28)
    return datetime.date(EARLIEST_RELEASE_YEAR, 1, 1), last


def release_date_problem(value: datetime.date, today: datetime.date) -> str | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    first, last = release_date_range(today)
    if first <= value <= last:
        return None
    return (
        f"A release date must fall between {first:%B %-d, %Y} and {last:%B %-d, %Y}; "
        f"{value.year} looks like a typing slip."
    )
