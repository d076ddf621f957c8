"""Officials a record names, matched against the roster on the release's date."""

from __future__ import annotations

from datetime import date

from dateline.officials import detection, mentions
from dateline.officials.models import Official


class RosterLookup:
    """Caches the roster per day: an import of years of releases asks for few distinct days."""

    def __init__(self):
        self.loaded = Official.objects.exists()
        self._people: dict[date, list[mentions.Person]] = {}
        self._names = dict(Official.objects.values_list("pk", "slug")) if self.loaded else {}

    def resolve(self, name: str, role: str, day: date | None) -> dict | None:
        if not self.loaded or day is None:
            return None
        if day not in self._people:
            self._people[day] = detection.people_on(day)
        people = self._people[day]
        found = [m for m in mentions.detect(f"{role} {name}".strip(), people) if len(m.keys) == 1]
        if not found:
            return None
        person = next(p for p in people if p.key == found[0].keys[0])
        return {
            "name": person.name,
            "title": person.titles[0] if person.titles else "",
            "slug": self._names.get(int(person.key), ""),
        }
