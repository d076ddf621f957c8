"""The import report: counts, and for each item what was found and what went wrong."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from .writer import Outcome

ACTIONS = ("created", "updated", "unchanged", "skipped", "failed")


@dataclass
class Report:
    paths: list[str]
    dry_run: bool = False
    started: datetime = field(default_factory=timezone.now)
    finished: datetime | None = None
    rows: list[dict] = field(default_factory=list)

    def add(self, outcome: Outcome) -> dict:
        """Keep what the report shows of one item (not the item: memory stays bounded)."""
        row = {
            "source": outcome.source,
            "action": outcome.action,
            "headline": outcome.headline,
            "reason": outcome.reason,
            "warnings": list(outcome.warnings),
        }
        if outcome.release is not None and outcome.release.pk:
            row["release_id"] = outcome.release.pk
            row["url"] = outcome.release.get_url() or ""
        if outcome.record is not None:
            data = outcome.record.as_json()
            row["found"] = {
                "published": data["published"],
                "dateline": data["dateline"],
                "paragraphs": len(data["body"]),
                "images": len(data["images"]),
                "quotes": len(data["quotes"]),
                "officials": [f"{x['role']} {x['name']}".strip() for x in data["officials"]],
                "related": len(data["related"]),
                "media_contact": bool(data["media_contact"]),
                "original_url": data["url"],
            }
        self.rows.append(row)
        return row

    @property
    def counts(self) -> dict[str, int]:
        counts = {action: 0 for action in ACTIONS}
        for row in self.rows:
            counts[row["action"]] = counts.get(row["action"], 0) + 1
        # "read" counts releases read from the sources, whatever then happened to them.
        counts["read"] = sum(1 for row in self.rows if "found" in row)
        counts["warnings"] = sum(len(row["warnings"]) for row in self.rows)
        return counts

    def summary(self) -> str:
        c = self.counts
        would = "would be " if self.dry_run else ""
        return (
            f"{c['read']} read, {c['created']} {would}created, {c['updated']} {would}updated, "
            f"{c['unchanged'] + c['skipped']} skipped, {c['failed']} failed, "
            f"{c['warnings']} warnings"
        )

    def failures_line(self, shown: int = 10) -> str:
        """ "Failed: a.html, b.txt" naming what failed, or "" when nothing did."""
        failed = [row["source"] for row in self.rows if row["action"] == "failed"]
        if not failed:
            return ""
        more = f" and {len(failed) - shown} more" if len(failed) > shown else ""
        return f"Failed ({len(failed)}): " + ", ".join(failed[:shown]) + more

    @property
    def nothing_imported(self) -> bool:
        """At least one failure and not one release created, updated or already there."""
        c = self.counts
        return c["failed"] > 0 and c["created"] + c["updated"] + c["unchanged"] == 0

    def as_json(self) -> dict:
        return {
            "paths": self.paths,
            "dry_run": self.dry_run,
            "started": self.started.isoformat(),
            "finished": (self.finished or timezone.now()).isoformat(),
            "counts": self.counts,
            "items": self.rows,
        }

    def write(self, path: str) -> None:
        if path.lower().endswith((".html", ".htm")):
            text = render_to_string("importer/report.html", {"report": self, **self.as_json()})
        else:
            text = json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
