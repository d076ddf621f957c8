"""Officials named in a release: the roster on the release date fed to the pure detector."""

import html
import zoneinfo
from datetime import date

from django.utils.html import strip_tags

from dateline.core import apstyle

from . import mentions
from .models import Official, ReleaseMention

SHARED_NAME_NOTE = " (another official has this name: confirm only the right one)"


def people_on(day: date) -> list[mentions.Person]:
    officials = Official.objects.prefetch_related("terms__office")
    return [
        mentions.Person(
            key=str(o.pk), name=o.name, titles=o.titles_on(day), district=o.district_on(day)
        )
        for o in officials
    ]


def _plain(value: str) -> str:
    return html.unescape(strip_tags(value or ""))


def release_text(page) -> str:
    """Everything a reader reads in the release, as plain text in reading order."""
    parts = [page.title, page.dek, page.lead_image_caption]
    for block in page.body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(_plain(value.source if hasattr(value, "source") else str(value)))
        elif block.block_type == "quote":
            parts += [value["text"], value["attribution"]]
        elif block.block_type == "image":
            parts.append(value.get("caption", ""))
        elif block.block_type == "call_to_action":
            parts.append(value.get("text", ""))
        elif block.block_type == "table":
            parts += [" ".join(str(c or "") for c in row) for row in value.get("data") or []]
    return "\n\n".join(p for p in parts if p)


def refresh_mentions(page, tz, *, confirm: bool = False) -> list[ReleaseMention]:
    """Offer every official the text names; keep the editor's confirmed and hand-added ones.

    Roles are the titles on the release date in the city's time zone. With confirm=True
    (used for curated demo content) unambiguous detections are confirmed at once.
    """
    zone = zoneinfo.ZoneInfo(tz) if isinstance(tz, str) else tz
    day = apstyle.local_date(page.release_date, zone)
    people = people_on(day)
    roles = {p.key: (p.titles[0] if p.titles else "") for p in people}
    kept: dict[int, ReleaseMention] = {}
    for mention in page.mentions.all():
        if mention.confirmed or not mention.found_as:
            mention.role = roles.get(str(mention.official_id), "")
            kept.setdefault(mention.official_id, mention)
    ordered: list[ReleaseMention] = []
    for found in mentions.detect(release_text(page), people):
        shared = len(found.keys) > 1
        for key in found.keys:
            official_id = int(key)
            mention = kept.pop(official_id, None) or ReleaseMention(
                official_id=official_id, confirmed=confirm and not shared
            )
            mention.role = roles.get(key, "")
            mention.found_as = (found.as_written + (SHARED_NAME_NOTE if shared else ""))[:300]
            if mention not in ordered:
                ordered.append(mention)
    ordered += list(kept.values())
    for position, mention in enumerate(ordered):
        mention.sort_order = position
    page.mentions = ordered
    return ordered
