"""Who may hold a seat when: the rules behind terms, free of Django so the roster import,
the admin and the tests share them."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Seat:
    """One term as the seat rules see it."""

    holder: str  # the official's name as shown in messages
    holder_key: object  # tells two people with the same name apart
    office: str
    district: str
    start: date
    end: date | None
    single_seat: bool

    def describe(self) -> str:
        where = f", District {self.district}" if self.district else ""
        until = self.end.isoformat() if self.end else "current"
        return f"{self.holder} ({self.office}{where}, {self.start.isoformat()} – {until})"


def overlaps(a: Seat, b: Seat) -> bool:
    """Terms share at least one day; an open end means still in office."""
    return a.start <= (b.end or date.max) and b.start <= (a.end or date.max)


def same_seat(a: Seat, b: Seat) -> bool:
    if a.office != b.office:
        return False
    if a.holder_key == b.holder_key:
        # One person cannot hold the same office twice over: a duplicated or overlapping row.
        return a.district == b.district or a.single_seat
    return a.single_seat or (bool(a.district) and a.district == b.district)


def conflicts(seats: list[Seat]) -> list[str]:
    """A message for every pair of terms that cannot both stand."""
    messages = []
    ordered = sorted(seats, key=lambda s: (s.office, s.district, s.start))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.office != a.office:
                break
            if same_seat(a, b) and overlaps(a, b):
                if a.holder_key == b.holder_key:
                    messages.append(
                        f"{a.holder} has overlapping terms in one seat: {a.describe()} and "
                        f"{b.describe()}. Merge them into one term."
                    )
                else:
                    seat = f"{a.office}, District {a.district}" if a.district else a.office
                    messages.append(
                        f"Two people hold the one {seat} seat at the same time: {a.describe()} "
                        f"and {b.describe()}. End one term before the other starts."
                    )
    return messages
