"""`dateline recompute_related`: store every live release's computed related stories."""

from django.core.management.base import BaseCommand

from dateline.releases.models import ComputedRelated
from dateline.releases.related import recompute_all


class Command(BaseCommand):
    help = (
        "Recompute the related stories shown on releases whose editors picked none. "
        "Publishing keeps them up to date; run this after an import or an upgrade."
    )

    def handle(self, *args, **options):
        changed = recompute_all()
        releases = ComputedRelated.objects.values("release_id").distinct().count()
        self.stdout.write(
            f"Related stories stored for {releases} release{'s' if releases != 1 else ''} "
            f"({changed} list{'s' if changed != 1 else ''} changed)."
        )
