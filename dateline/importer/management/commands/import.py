"""`dateline import PATH…`: move an old newsroom in from saved pages, captures, feeds, WXR."""

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dateline.importer import limits, pipeline, sources
from dateline.importer import record as rec
from dateline.importer.models import ImportedRelease
from dateline.importer.report import Report
from dateline.importer.roster import RosterLookup
from dateline.importer.writer import Importer, Outcome, content_hash, source_key
from dateline.releases.models import NewsIndexPage

FORMATS = ["auto", "html", "text", "rss", "wxr"]


class Command(BaseCommand):
    help = (
        "Import news releases from saved HTML pages, text or Markdown captures, RSS/Atom feeds "
        "or WordPress exports (files, folders or zips). Re-running an import changes nothing; "
        "a changed source updates its release."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="File, folder or .zip")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument("--newsroom", help="Slug of the newsroom to import into")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what the old site had published (default: import as drafts)",
        )
        parser.add_argument(
            "--fetch-images",
            action="store_true",
            help="Download photos that are only on the old site (http/https addresses)",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and report; save nothing")
        parser.add_argument("--json", action="store_true", help="Print one JSON line per release")
        parser.add_argument("--report", metavar="FILE", help="Write a report (.html or .json)")
        parser.add_argument(
            "--on",
            metavar="YYYY-MM-DD",
            help="Date whose titles apply to officials, and the date of undated releases",
        )
        parser.add_argument(
            "--max-file-mb",
            type=int,
            metavar="MB",
            help=(
                f"Largest file to read (default: {limits.MAX_PAGE_BYTES // limits.MB} MB for a "
                f"page or text capture, {limits.MAX_EXPORT_BYTES // limits.MB} MB for a feed "
                "or export)"
            ),
        )

    def handle(self, *args, **options):
        on = self._date(options["on"])
        max_bytes = self._max_bytes(options.get("max_file_mb"))
        newsroom = None if options["dry_run"] else self._newsroom(options["newsroom"])
        report = Report(paths=list(options["paths"]), dry_run=options["dry_run"])
        importer = (
            Importer(
                newsroom,
                publish=options["publish"],
                on=on,
                fetch_images=options["fetch_images"],
            )
            if newsroom
            else None
        )
        roster = RosterLookup()
        as_json, verbosity = options["json"], options["verbosity"]
        progress = self._progress(as_json)
        try:
            for item in pipeline.read(options["paths"], options["format"], max_bytes):
                if isinstance(item, rec.Record):
                    outcome = importer.save(item) if importer else self._preview(item)
                    if as_json:
                        self._print_json(item, outcome, roster, on)
                else:
                    action = "skipped" if isinstance(item, sources.Skipped) else "failed"
                    outcome = Outcome(item.source, action, reason=item.reason)
                self._show(report.add(outcome), progress, as_json, verbosity)
            if importer is not None:
                self._finish(importer, report, progress, as_json, verbosity)
        finally:
            if progress is not None:
                progress.stop()
        report.finished = timezone.now()
        if options["report"]:
            report.write(options["report"])
        self._summarize(report, options)
        if report.nothing_imported:
            # Scripts and cron jobs must see that the whole import failed.
            self.stderr.write(
                "Nothing was imported: every release failed (the reasons are above). "
                "Fix those files and run the import again."
            )
            sys.exit(1)

    def _finish(self, importer, report, progress, as_json, verbosity):
        """Link the related stories that were imported after the releases listing them, and
        report the photos that could not be had."""
        importer.finish()
        for failed in importer.failed_assets:
            self._show(report.add(failed), progress, as_json, verbosity)

    def _summarize(self, report, options):
        """The counts line (on stderr beside --json, whose stdout is one release a line),
        and the failures line."""
        summary = report.summary()
        failures = report.failures_line()
        if options["json"]:
            self.stderr.write(summary)
        else:
            self.stdout.write(summary)
            if options["report"]:
                self.stdout.write(f"Report written to {options['report']}")
        if failures:
            self.stderr.write(failures)

    # --- helpers ------------------------------------------------------------------------

    def _max_bytes(self, max_mb):
        """--max-file-mb in bytes; None leaves each kind of file its own limit."""
        if max_mb is not None and max_mb < 1:
            raise CommandError(
                f"--max-file-mb needs a number of megabytes of 1 or more, not {max_mb}"
            )
        return max_mb * limits.MB if max_mb else None

    def _date(self, value):
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--on needs a date as YYYY-MM-DD, not {value!r}") from error

    def _newsroom(self, slug):
        newsrooms = NewsIndexPage.objects.all()
        if slug:
            found = newsrooms.filter(slug=slug).first()
            if found is None:
                names = ", ".join(n.slug for n in newsrooms) or "none yet"
                raise CommandError(f"No newsroom with the slug {slug!r}. Newsrooms: {names}.")
            return found.specific
        if newsrooms.count() == 1:
            return newsrooms.first().specific
        if not newsrooms.exists():
            raise CommandError("There is no newsroom to import into: create one in the admin.")
        names = ", ".join(n.slug for n in newsrooms)
        raise CommandError(f"Choose a newsroom with --newsroom SLUG (one of: {names}).")

    def _preview(self, record: rec.Record) -> Outcome:
        """What a real import would do with this record, without writing anything."""
        known = ImportedRelease.objects.filter(source_key=source_key(record)).first()
        if not record.headline.strip():
            return Outcome(record.source, "failed", reason="no headline found", record=record)
        if known is None:
            action, reason = "created", ""
        elif known.content_hash == content_hash(record):
            action, reason = "unchanged", "unchanged since the last import"
        else:
            action, reason = "updated", "the source changed since the last import"
        return Outcome(
            record.source,
            action,
            record.headline,
            reason=reason,
            warnings=list(record.warnings),
            record=record,
        )

    def _print_json(self, record, outcome, roster, on):
        data = record.as_json()
        day = pipeline.record_day(record, on)
        for official in data["officials"]:
            official["roster"] = roster.resolve(official["name"], official["role"], day)
        if outcome.action != "created" or outcome.release is not None:
            data["action"] = outcome.action
        if outcome.release is not None and outcome.release.pk:
            data["release_id"] = outcome.release.pk
        if outcome.reason and outcome.action == "failed":
            data["reason"] = outcome.reason
        self.stdout.write(json.dumps(data, ensure_ascii=False))

    def _progress(self, as_json):
        if as_json or not sys.stderr.isatty():
            return None
        # Only an interactive run shows progress; scripts and --json skip loading rich.
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed} items"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        progress.start()
        progress.task = progress.add_task("Importing", total=None)
        return progress

    def _show(self, row, progress, as_json, verbosity):
        if progress is not None:
            progress.update(progress.task, advance=1, description=row["source"][-50:])
        if row["action"] == "failed":
            self.stderr.write(f"FAILED {row['source']}: {row['reason']}")
        elif verbosity >= 2 and not as_json:
            note = f" ({row['reason']})" if row["reason"] else ""
            self.stdout.write(f"{row['action']}: {row['source']} – {row['headline']}{note}")
