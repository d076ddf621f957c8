"""Roster CSV import and export: `name,office,district,start,end`, one row per term.

An import is checked whole before anything is written: one bad row and nothing changes.
Re-importing the same file changes nothing. End dates are the last day in office; an empty
end means the term is current.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from . import seats
from .models import Office, Official, Term

COLUMNS = ["name", "office", "district", "start", "end"]


class RosterError(Exception):
    """The roster cannot be imported; `problems` lists every reason, by row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    name: str
    office: Office
    district: str
    start: date
    end: date | None
    person: tuple[str, str] = ("", "")  # (name, district that tells namesakes apart)


@dataclass
class ImportResult:
    officials_created: int = 0
    terms_created: int = 0
    terms_updated: int = 0
    terms_unchanged: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.officials_created or self.terms_created or self.terms_updated)


def _date(value: str, column: str, number: int, problems: list[str]) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(
            f"Row {number}: {column} “{value}” is not a date; write it as YYYY-MM-DD, "
            "e.g. 2025-01-06."
        )
        return None


def read_rows(text: str) -> list[Row]:
    """Parse and check every row; raise RosterError naming each bad one."""
    offices = {o.title.casefold(): o for o in Office.objects.all()}
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RosterError(
            [
                f"The header row must name the columns {','.join(COLUMNS)}; missing: "
                f"{', '.join(missing)}."
            ]
        )
    problems: list[str] = []
    rows: list[Row] = []
    for number, raw in enumerate(reader, start=2):
        values = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not any(values.values()):
            continue
        name, office_title = " ".join(values["name"].split()), values["office"]
        if not name:
            problems.append(f"Row {number}: the name is empty.")
        office = offices.get(office_title.casefold())
        if office is None:
            known = ", ".join(sorted(o.title for o in offices.values())) or "none yet"
            problems.append(
                f"Row {number}: unknown office “{office_title}”. Known offices: {known}. "
                "Add new offices under Officials → Offices first."
            )
        start = _date(values["start"], "start", number, problems) if values["start"] else None
        if not values["start"]:
            problems.append(f"Row {number}: the start date is empty.")
        end = _date(values["end"], "end", number, problems) if values["end"] else None
        if start and end and end < start:
            problems.append(
                f"Row {number}: the term ends ({end}) before it starts ({start}). "
                "The end is the last day in office."
            )
        if name and office and start:
            rows.append(Row(number, name, office, values["district"], start, end))
    if problems:
        raise RosterError(problems)
    _tell_namesakes_apart(rows)
    return rows


def _tell_namesakes_apart(rows: list[Row]) -> None:
    """Rows with one name are one person, unless the rows give that name two seats at
    once in different districts: then they are namesakes, told apart by district."""
    by_name: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_name[row.name.casefold()].append(row)
    for group in by_name.values():
        districts = {r.district for r in group if r.district}
        namesakes = any(
            a.office == b.office
            and a.district
            and b.district
            and a.district != b.district
            and (a.start <= (b.end or date.max) and b.start <= (a.end or date.max))
            for i, a in enumerate(group)
            for b in group[i + 1 :]
        )
        if namesakes:
            undistricted = [r for r in group if not r.district]
            if undistricted:
                raise RosterError(
                    [
                        f"Row {r.number}: two people are named {r.name}; give the district "
                        "on every row for them so that they can be told apart."
                        for r in undistricted
                    ]
                )
        for row in group:
            row.person = (row.name, row.district if namesakes and len(districts) > 1 else "")


def _find_official(person: tuple[str, str], rows: list[Row]) -> Official | None:
    name, district = person
    candidates = list(Official.objects.filter(name__iexact=name))
    if len(candidates) <= 1 and not district:
        return candidates[0] if candidates else None
    for official in candidates:
        if any(t.district == district for t in official.terms.all()):
            return official
    return None


def import_roster(text: str, *, dry_run: bool = False) -> ImportResult:
    rows = read_rows(text)
    result = ImportResult()
    with transaction.atomic():
        people: dict[tuple[str, str], Official] = {}
        for person in dict.fromkeys(r.person for r in rows):
            official = _find_official(person, rows)
            if official is None:
                name, district = person
                label = f"{name} district {district}" if district else name
                official = Official.objects.create(name=name, slug=Official.unique_slug(label))
                result.officials_created += 1
            people[person] = official
        for row in rows:
            official = people[row.person]
            term = Term.objects.filter(
                official=official, office=row.office, district=row.district, start=row.start
            ).first()
            if term is None:
                Term.objects.create(
                    official=official,
                    office=row.office,
                    district=row.district,
                    start=row.start,
                    end=row.end,
                )
                result.terms_created += 1
            elif term.end != row.end:
                term.end = row.end
                term.save(update_fields=["end"])
                result.terms_updated += 1
            else:
                result.terms_unchanged += 1
        problems = seats.conflicts(
            [t.as_seat() for t in Term.objects.select_related("official", "office")]
        )
        if problems:
            raise RosterError(problems)  # leaving the atomic block undoes every write
        if dry_run:
            transaction.set_rollback(True)
    return result


def export_roster() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    terms = Term.objects.select_related("official", "office").order_by(
        "official__name", "start", "office__precedence"
    )
    for term in terms:
        writer.writerow(
            [
                term.official.name,
                term.office.title,
                term.district,
                term.start.isoformat(),
                term.end.isoformat() if term.end else "",
            ]
        )
    return out.getvalue()
