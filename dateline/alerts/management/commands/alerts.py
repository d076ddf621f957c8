"""`dateline alerts bounce|status|retry|suppress|unsuppress`: email alerts from the shell.

`bounce` is meant to be fed the bounce mailbox, e.g. from a mail filter:
    dateline alerts bounce /var/mail/bounces/new/*     or     … | dateline alerts bounce -
Each file is applied in its own transaction; a file that cannot be read or is not a report
changes nothing, the others are still applied, and the command then exits non-zero.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.timesince import timesince

from dateline.alerts import bounces, delivery
from dateline.alerts.models import Message, Suppression
from dateline.releases.models import NewsReleasePage


class Command(BaseCommand):
    help = "Apply bounce reports, show the outbox, retry failed alerts, block or unblock addresses."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        bounce = sub.add_parser(
            "bounce",
            help="Apply bounce reports and spam complaints (RFC 3464 / RFC 5965 emails).",
        )
        bounce.add_argument("files", nargs="+", help="Report files, or - for standard input")
        sub.add_parser("status", help="Count messages by kind and status.")
        retry = sub.add_parser("retry", help="Send a release's failed emails again.")
        retry.add_argument("release_id", type=int, help="The release's page id")
        suppress = sub.add_parser("suppress", help="Never email this address again.")
        suppress.add_argument("email")
        suppress.add_argument("--note", default="", help="Why, for the record.")
        unsuppress = sub.add_parser("unsuppress", help="Allow email to this address again.")
        unsuppress.add_argument("email")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    # --- bounce ----------------------------------------------------------------------------

    def _read(self, path: str) -> bytes:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", sys.stdin)
            data = stream.read()
            return data.encode("utf-8") if isinstance(data, str) else data
        return Path(path).read_bytes()

    def _bounce(self, options):
        failed = []
        for path in options["files"]:
            name = "standard input" if path == "-" else path
            try:
                data = self._read(path)
            except OSError as error:
                failed.append(name)
                self.stderr.write(f"{name}: could not be read ({error.strerror or error}).")
                continue
            try:
                results = bounces.process(data)
            except bounces.NotABounceReport as error:
                failed.append(name)
                self.stderr.write(f"{name}: not a bounce report — {error}. Nothing was changed.")
                continue
            for result in results:
                self.stdout.write(f"{name}: {result.line}")
        if failed:
            total = len(options["files"])
            applied = (
                f" The other {total - len(failed)} were applied." if total > len(failed) else ""
            )
            raise CommandError(
                f"{len(failed)} of {total} files changed nothing because they could not be "
                f"read or are not bounce reports: {', '.join(failed)}.{applied}"
            )

    # --- status ----------------------------------------------------------------------------

    def _status(self, options):
        rows = Message.objects.values("kind", "status").annotate(n=Count("id")).order_by()
        table: dict[str, dict[str, int]] = {}
        for row in rows:
            table.setdefault(row["kind"], {})[row["status"]] = row["n"]
        if not table:
            self.stdout.write("The outbox is empty: no email has been written yet.")
        kinds = dict(Message.Kind.choices)
        statuses = [value for value, _ in Message.Status.choices]
        for kind, counts in sorted(table.items()):
            parts = ", ".join(f"{s} {counts[s]}" for s in statuses if counts.get(s))
            self.stdout.write(f"{kinds.get(kind, kind)}: {parts}")
        queued = Message.objects.filter(status=Message.Status.QUEUED)
        oldest = queued.aggregate(oldest=Min("created_at"))["oldest"]
        if oldest is not None:
            due = queued.filter(next_attempt_at__lte=timezone.now()).count()
            self.stdout.write(
                f"Queued: {queued.count()} ({due} due now); the oldest was written "
                f"{timesince(oldest)} ago."
            )
        else:
            self.stdout.write("Queued: none.")
        held = Message.objects.filter(status=Message.Status.HELD)
        if held.exists():
            releases = held.values_list("release_id", flat=True).distinct()
            self.stdout.write(
                f"Waiting for a second approval: {held.count()} "
                f"(releases {', '.join(str(r) for r in sorted(releases))})."
            )
        suppressed = Suppression.objects.values("reason").annotate(n=Count("id")).order_by()
        reasons = dict(Suppression.Reason.choices)
        parts = ", ".join(f"{reasons.get(r['reason'], r['reason'])} {r['n']}" for r in suppressed)
        self.stdout.write(f"Suppressed addresses: {parts or 'none'}.")

    # --- retry, suppress, unsuppress ---------------------------------------------------------

    def _retry(self, options):
        release = NewsReleasePage.objects.filter(pk=options["release_id"]).first()
        if release is None:
            raise CommandError(f"There is no release with id {options['release_id']}.")
        count = delivery.retry_failed(release)
        self.stdout.write(f"“{release.title}”: {count} failed emails queued again.")

    def _suppress(self, options):
        email = options["email"].strip().lower()
        if "@" not in email:
            raise CommandError(f"“{options['email']}” is not an email address.")
        existing = Suppression.objects.filter(email__iexact=email).first()
        if existing is not None:
            self.stdout.write(
                f"{email} was already suppressed ({existing.get_reason_display().lower()}); "
                "nothing changed."
            )
            return
        delivery.suppress(email, Suppression.Reason.STAFF, options["note"])
        self.stdout.write(f"{email} is suppressed: no more email will be sent to it.")

    def _unsuppress(self, options):
        email = options["email"].strip().lower()
        deleted, _ = Suppression.objects.filter(email__iexact=email).delete()
        if not deleted:
            self.stdout.write(f"{email} was not suppressed; nothing changed.")
            return
        # Messages already recorded as not sent stay that way: they are history, and the
        # news in them is old. New alerts will reach the address if it is still subscribed.
        self.stdout.write(f"{email} may be emailed again.")
