"""`dateline officials import|export|detect`: the roster and mention detection from the shell."""

import json
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.officials.detection import _plain, people_on
from dateline.officials.mentions import detect
from dateline.officials.roster import RosterError, export_roster, import_roster


class Command(BaseCommand):
    help = "Import or export the roster of officials, or detect officials named in a text."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import ROSTER.csv (name,office,district,start,end).")
        imp.add_argument("roster", help="CSV file, or - for standard input")
        imp.add_argument("--dry-run", action="store_true", help="Check and count; write nothing.")
        exp = sub.add_parser("export", help="Write the roster as CSV.")
        exp.add_argument("--output", "-o", default="-", help="File to write (default: stdout)")
        det = sub.add_parser("detect", help="Print the officials a text names on a date.")
        det.add_argument("file", help="Text or HTML file, or - for standard input")
        det.add_argument("--on", required=True, help="The date whose titles apply, YYYY-MM-DD")
        det.add_argument("--json", action="store_true", help="Print JSON (the default).")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _read(self, path: str) -> str:
        if path == "-":
            return sys.stdin.read()
        try:
            return Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {path}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text; save it as UTF-8 CSV.") from error

    def _import(self, options):
        try:
            result = import_roster(self._read(options["roster"]), dry_run=options["dry_run"])
        except RosterError as error:
            lines = "\n".join(f"  {p}" for p in error.problems)
            raise CommandError(f"The roster was not imported; nothing changed.\n{lines}") from error
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(
            f"{verb}: {result.officials_created} new officials, {result.terms_created} new "
            f"terms, {result.terms_updated} terms updated, {result.terms_unchanged} unchanged."
        )

    def _export(self, options):
        text = export_roster()
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(options["output"]).write_text(text, encoding="utf-8")

    def _detect(self, options):
        try:
            day = date.fromisoformat(options["on"])
        except ValueError as error:
            raise CommandError(f"--on “{options['on']}” is not a date; use YYYY-MM-DD.") from error
        text = self._read(options["file"])
        if "<" in text and ">" in text:
            text = _plain(text)
        people = people_on(day)
        # Namesakes are told apart by district where the roster gives one.
        names = {
            p.key: f"{p.name}, District {p.district}" if p.district else p.name for p in people
        }
        found = []
        for mention in detect(text, people):
            item = {"name": mention.name, "role": mention.role}
            if len(mention.keys) > 1:
                item["candidates"] = [names[k] for k in mention.keys]
            found.append(item)
        self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
