"""AP style warnings for a release at publish time: pure rules, no Django.

The rules themselves live in dateline.core.apstyle (times, months, state abbreviations);
this module decides which rule applies to which part of a release and words the warning.
Since 2014 AP spells state names out in story text, so the state-abbreviation rule runs only
on datelines and captions, never on body paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from dateline.core import apstyle
from dateline.core.apstyle import StyleIssue

__all__ = [
    "Finding",
    "check_body_text",
    "check_caption",
    "check_headline",
    "dedupe",
    "find_redundant_time_of_day",
    "find_typed_dateline",
    "warning_text",
]

_HS = r"[^\S\r\n]"

_RULE_REDUNDANT_TIME = (
    'Use "a.m." or "p.m." or the time of day, not both: "10 a.m. Monday", not "10 a.m. '
    'Monday morning".'
)
_RULE_TYPED_DATELINE = (
    "The dateline is added to the first paragraph automatically from the Dateline fields; "
    "a typed one would appear twice."
)

# "10 a.m. this morning", "7 p.m. tonight", "9 a.m. Tuesday morning".
_REDUNDANT_TIME_RE = re.compile(
    rf"""
    (?<![\w:.])
    (?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}))?{_HS}*(?P<meridiem>[AaPp])\.?{_HS}?[Mm]\.?
    {_HS}+
    (?P<day>(?:(?:this|tomorrow|yesterday|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day){_HS}+)?)
    (?P<part>morning|afternoon|evening|night|tonight)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """A style issue and where in the release it was found ("the headline", "paragraph 2")."""

    where: str
    issue: StyleIssue


def find_redundant_time_of_day(text: str) -> list[StyleIssue]:
    """Find "10 a.m. this morning" or "7 p.m. tonight", where AP keeps one of the two."""
    issues = []
    for match in _REDUNDANT_TIME_RE.finditer(text):
        day = match.group("day").strip()
        if day.lower() == "this":
            day = ""
        elif day.lower() in ("tomorrow", "yesterday"):
            day = day.lower()
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        if not (1 <= hour <= 12 and minute <= 59):
            continue
        pm = match.group("meridiem").lower() == "p"
        written = apstyle.ap_time(time(hour % 12 + (12 if pm else 0), minute))
        suggestion = f"{written} {day}".strip()
        issues.append(StyleIssue(match.group(0), suggestion, _RULE_REDUNDANT_TIME))
    return issues


def find_typed_dateline(first_paragraph: str) -> list[StyleIssue]:
    """A dateline typed at the start of the body, which the page would then show twice."""
    found = apstyle.parse_dateline(first_paragraph or "")
    if found is None or found.agency:
        return []
    return [StyleIssue(found.raw, "(remove it)", _RULE_TYPED_DATELINE)]


def _time_and_date_issues(text: str) -> list[StyleIssue]:
    return [
        *apstyle.find_time_issues(text),
        *apstyle.find_month_abbreviation_issues(text),
        *find_redundant_time_of_day(text),
    ]


def check_headline(text: str) -> list[Finding]:
    return [Finding("the headline", issue) for issue in _time_and_date_issues(text)]


def check_caption(text: str, where: str) -> list[Finding]:
    issues = [*_time_and_date_issues(text), *apstyle.find_unabbreviated_states(text)]
    return [Finding(where, issue) for issue in issues]


def check_body_text(paragraphs: list[str]) -> list[Finding]:
    """Paragraphs of body text, first to last, as plain text."""
    findings = []
    for number, text in enumerate(paragraphs, start=1):
        where = f"paragraph {number} of the body"
        if number == 1:
            findings += [Finding(where, issue) for issue in find_typed_dateline(text)]
        findings += [Finding(where, issue) for issue in _time_and_date_issues(text)]
    return findings


def warning_text(finding: Finding) -> str:
    issue = finding.issue
    if issue.suggestion.startswith("("):
        change = f"“{issue.found}” {issue.suggestion}"
    else:
        change = f"write “{issue.suggestion}” instead of “{issue.found}”"
    return f"AP style, {finding.where}: {change}. {issue.rule}"


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One warning per slip and place: the same "10 AM" twice in a paragraph is one fix."""
    seen = set()
    kept = []
    for finding in findings:
        key = (finding.where, finding.issue.found, finding.issue.suggestion)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept
