"""Saving imported records as releases: one transaction per release, idempotent by source.

A record becomes a NewsReleasePage in the chosen newsroom, with its original date, dateline,
photo (stored as a Wagtail image), body, media contact, topics, officials (detected against
the roster on the release date) and a redirect from its old address. Importing the same
source again changes nothing; a changed source updates its release, in a new revision.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import posixpath
import re
import urllib.error
import urllib.request
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time
from html import escape
from urllib.parse import urljoin, urlsplit, urlunsplit

import nh3
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from dateline.core.models import CitySettings, MediaContact
from dateline.core.publishing import bulk_publication
from dateline.core.validators import alt_text_problem, state_name
from dateline.officials import detection, mentions
from dateline.releases.models import MAX_RELATED, NewsReleasePage, RelatedRelease
from dateline.releases.signals import recompute_related_task
from dateline.topics.models import Topic

from . import record as rec
from . import redirects
from .models import ImportedRelease
from .wagtail_hooks import IMPORT_ACTION

logger = logging.getLogger(__name__)

# Pillow decodes the whole bitmap into memory: a 50,000 × 50,000 picture would take 7.5 GB.
MAX_IMAGE_PIXELS = 40_000_000
INLINE_TAGS = {"a", "b", "strong", "i", "em", "br"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?:\s*(?:x|ext\.?)\s*\d+)?"
)
MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024
DOWNLOAD_TIMEOUT = 15
# A release that only has a date is filed at noon, so no time zone moves it to another day.
DATE_ONLY_TIME = time(12, 0)


@dataclass
class Outcome:
    """What happened to one item, for the report."""

    source: str
    action: str  # created, updated, unchanged, skipped, failed
    headline: str = ""
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    release: NewsReleasePage | None = None
    record: rec.Record | None = None


def source_key(record: rec.Record) -> str:
    """The item's identity across imports: its old address when known, else where it was read."""
    if record.url:
        return "url:" + normalise_url(record.url)
    return "source:" + record.source


def normalise_url(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    if path != "/" and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def content_hash(record: rec.Record) -> str:
    data = record.as_json()
    for volatile in ("source", "warnings"):
        data.pop(volatile, None)
    data["html"] = [block.html for block in record.body]
    data["kinds"] = [block.kind for block in record.body]
    data["srcs"] = [image.src for image in record.images]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def release_datetime(published, zone: zoneinfo.ZoneInfo) -> datetime | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published if timezone.is_aware(published) else published.replace(tzinfo=zone)
    if isinstance(published, date):
        return datetime.combine(published, DATE_ONLY_TIME, tzinfo=zone)
    return None


def split_place(place: str) -> tuple[str, str]:
    """("Sacramento", "California") from "Sacramento, Calif."; the whole place when no state."""
    place = place.strip().rstrip(",")
    if "," in place:
        city, _, state = place.rpartition(",")
        try:
            return city.strip(), state_name(state.strip())
        except ValidationError:
            pass
    return place, ""


def parse_contact(text: str) -> dict[str, str]:
    """Name, title, email and phone from a contact block as the old page wrote it."""
    email = EMAIL.search(text)
    phone = PHONE.search(text)
    first = ""
    for line in text.splitlines():
        line = line.strip(" |•·-–—\t")
        if line and not EMAIL.search(line) and not PHONE.fullmatch(line):
            first = line
            break
    name, _, title = first.partition(",")
    return {
        "name": name.strip()[:120],
        "title": title.strip()[:120],
        "email": email.group(0) if email else "",
        "phone": phone.group(0).strip() if phone else "",
    }


def clean_inline(html: str) -> str:
    return nh3.clean(html, tags=INLINE_TAGS, attributes={"a": {"href"}}, link_rel=None)


def body_stream(record: rec.Record) -> list[dict]:
    """StreamField data: paragraphs and headings as rich text, lists merged, blockquotes."""
    speakers = {q.text: q.speaker for q in record.quotes}
    stream: list[dict] = []
    items: list[str] = []

    def flush_list():
        if items:
            stream.append({"type": "paragraph", "value": "<ul>" + "".join(items) + "</ul>"})
            items.clear()

    for block in record.body:
        inline = clean_inline(block.html) if block.html else escape(block.text)
        if not block.text.strip():
            continue
        if block.kind == rec.LIST_ITEM:
            items.append(f"<li>{inline}</li>")
            continue
        flush_list()
        if block.kind == rec.HEADING:
            stream.append({"type": "paragraph", "value": f"<h2>{inline}</h2>"})
        elif block.kind == rec.QUOTE:
            text = block.text.strip().strip('“”"')
            speaker = speakers.get(text) or speakers.get(block.text, "")
            stream.append({"type": "quote", "value": {"text": text, "attribution": speaker}})
        else:
            stream.append({"type": "paragraph", "value": f"<p>{inline}</p>"})
    flush_list()
    return stream


class Importer:
    """Saves records into one newsroom. Call ``save`` per record, then ``finish`` once."""

    def __init__(
        self,
        newsroom,
        *,
        publish: bool = False,
        on: date | None = None,
        user=None,
        fetch_images: bool = False,
    ):
        self.newsroom = newsroom
        self.publish = publish
        self.fetch_images = fetch_images
        self._downloads: dict[str, bytes | str] = {}
        self.on = on
        self.user = user
        self.site = newsroom.get_site()
        self.city = CitySettings.for_site(self.site)
        self.zone = zoneinfo.ZoneInfo(self.city.time_zone)
        self.touched: list[int] = []
        self.failed_assets: list[Outcome] = []
        self._people: dict[date, list[mentions.Person]] = {}
        self._topics = {t.name.casefold(): t for t in Topic.objects.all()}
        self._topics.update({t.slug: t for t in Topic.objects.all()})

    # --- one record ---------------------------------------------------------------------

    def save(self, record: rec.Record) -> Outcome:
        outcome = Outcome(record.source, "failed", record.headline, record=record)
        outcome.warnings = list(record.warnings)
        try:
            # Wagtail re-indexes references on each of the dozen saves a new page takes;
            # once per release, at the end, gives the same index for a fraction of the time.
            with transaction.atomic(), disable_reference_index_auto_update():
                self._save(record, outcome)
                if outcome.release is not None and outcome.action != "unchanged":
                    ReferenceIndex.create_or_update_for_object(outcome.release)
        except (ValidationError, ValueError, OSError) as error:
            outcome.action, outcome.release, outcome.reason = "failed", None, _reason(error)
        except Exception as error:
            # One bad item must not stop a migration of thousands; the log keeps the trace.
            logger.exception("Import of %s failed", record.source)
            outcome.action, outcome.release = "failed", None
            outcome.reason = f"unexpected error ({type(error).__name__}: {error})"
        return outcome

    def _save(self, record: rec.Record, outcome: Outcome) -> None:
        if not record.headline.strip():
            raise ValueError("no headline found")
        key = source_key(record)
        digest = content_hash(record)
        known = ImportedRelease.objects.filter(source_key=key).select_related("release").first()
        if known is not None and known.content_hash == digest:
            outcome.action = "unchanged"
            outcome.reason = "unchanged since the last import"
            outcome.release = known.release
            return

        page = known.release.get_latest_revision_as_object() if known else NewsReleasePage()
        self._fill(page, record, outcome)
        related = [{"headline": r.headline, "url": r.url} for r in record.related]
        page.related_links = [
            RelatedRelease(release=target, sort_order=i)
            for i, target in enumerate(self._resolve_related(related, page))
        ]
        wants_live = (
            self.publish and record.status in ("", "publish") and not record.password_protected
        )
        if known is None:
            page.slug = self._free_slug(record.headline)
            page.live = False
            self.newsroom.add_child(instance=page)
        revision = page.save_revision(user=self.user, log_action=IMPORT_ACTION)
        if record.password_protected:
            if page.live:
                # An import before this rule made it public; the old site never did.
                NewsReleasePage.objects.get(pk=page.pk).unpublish(user=self.user)
                outcome.warnings.append(
                    "taken off the site: it was password-protected on the old site"
                )
        elif wants_live or (known is not None and page.live):
            with bulk_publication():
                revision.publish(user=self.user)
            # The old site published it on its own date, and feeds and the archive say so.
            NewsReleasePage.objects.filter(pk=page.pk).update(first_published_at=page.release_date)
        elif self.publish and record.status:
            outcome.warnings.append(f"kept as a draft: it was “{record.status}” on the old site")
        self._redirect(record, page, outcome)
        ImportedRelease.objects.update_or_create(
            source_key=key,
            defaults={
                "source": record.source[:1000],
                "original_url": record.url[:1000],
                "content_hash": digest,
                "release": page,
                "pending_related": [
                    link for link in related if not self._resolve_related([link], page)
                ],
            },
        )
        outcome.action = "updated" if known else "created"
        outcome.release = page
        if known:
            outcome.reason = "the source changed since the last import"
        self.touched.append(page.pk)

    def _fill(self, page: NewsReleasePage, record: rec.Record, outcome: Outcome) -> None:
        page.title = record.headline.strip()[:255]
        when = release_datetime(record.published, self.zone)
        if when is None and record.dateline and record.dateline.date:
            when = release_datetime(record.dateline.date, self.zone)
        if when is None:
            when = release_datetime(self.on, self.zone) if self.on else timezone.now()
            outcome.warnings.append(
                "no date found: dated "
                + (self.on.isoformat() if self.on else "with the day of the import")
            )
        page.release_date = when
        if record.dateline and record.dateline.place:
            page.dateline_city, page.dateline_state = split_place(record.dateline.place)
        else:
            page.dateline_city, page.dateline_state = self.city.city_name, self.city.state
        page.dateline_city = page.dateline_city[:80]
        compliance = self.city.accessibility_compliance_date
        page.archived = bool(compliance and when.astimezone(self.zone).date() < compliance)
        self._images(page, record, outcome)
        page.body = json.dumps(body_stream(record) + self._extra_images)
        page.topics = [
            self._topics[name.casefold()]
            for name in record.categories
            if name.casefold() in self._topics
        ]
        page.media_contact = self._contact(record.media_contact)
        self._officials(page, record)

    def _images(self, page: NewsReleasePage, record: rec.Record, outcome: Outcome) -> None:
        self._extra_images = []
        page.lead_image = None
        page.lead_image_alt = page.lead_image_caption = page.lead_image_credit = ""
        for index, found in enumerate(record.images):
            image = self._store_image(record, found, outcome)
            if image is None:
                continue
            alt = found.alt.strip()
            if alt_text_problem(alt) and not page.archived:
                outcome.warnings.append(
                    f"the photo {found.src or index + 1} has no usable alt text, so it was put "
                    "in the image library but not on the release: add it with alt text"
                )
                continue
            if page.lead_image is None:
                page.lead_image = image
                page.lead_image_alt = alt[:250]
                page.lead_image_caption = found.caption.strip()[:400]
                page.lead_image_credit = found.credit.strip()[:120]
            else:
                self._extra_images.append(
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "alt_text": alt[:250],
                            "decorative": False,
                            "caption": found.caption.strip()[:400],
                            "credit": found.credit.strip()[:120],
                        },
                    }
                )

    def _store_image(self, record: rec.Record, found: rec.Image, outcome: Outcome) -> Image | None:
        if not found.src:
            if found.caption or found.alt:
                outcome.warnings.append(
                    "a photo's words were kept but the capture has no picture: "
                    f"“{(found.caption or found.alt)[:60]}”"
                )
            return None
        opener = record.raw.open_asset if record.raw is not None else None
        data = opener(found.src) if opener else None
        address = urljoin(record.url, found.src) if record.url else found.src
        if not data and address.startswith(("http://", "https://")):
            if not self.fetch_images:
                outcome.warnings.append(
                    f"photo left on the old site: {address} (import with --fetch-images to copy it)"
                )
                return None
            data = self._download(address)
            if isinstance(data, str):
                outcome.warnings.append(f"photo {address} could not be downloaded: {data}")
                return None
        if not data:
            outcome.warnings.append(f"photo not found beside the page: {found.src}")
            return None
        problem = image_problem(data)
        if problem:
            outcome.warnings.append(f"photo {found.src} refused: {problem}")
            self.failed_assets.append(
                Outcome(f"{record.source} → {found.src}", "failed", reason=problem)
            )
            return None
        digest = hashlib.sha256(data).hexdigest()
        title = (found.caption or found.alt or record.headline).strip()[:255]
        existing = Image.objects.filter(file_hash=digest).first()
        if existing is not None:
            return existing
        name = posixpath.basename(urlsplit(found.src).path) or "photo.jpg"
        return Image.objects.create(
            title=title, file=ImageFile(io.BytesIO(data), name=name[:100]), description=found.alt
        )

    def _download(self, address: str) -> bytes | str:
        """The photo's bytes, or why not. Each address is fetched once per import."""
        if address not in self._downloads:
            self._downloads[address] = download(address)
        return self._downloads[address]

    def _contact(self, text: str) -> MediaContact | None:
        if not text.strip():
            return None
        fields = parse_contact(text)
        if fields["email"]:
            known = MediaContact.objects.filter(email__iexact=fields["email"]).first()
        else:
            known = MediaContact.objects.filter(name__iexact=fields["name"]).first()
        if known is not None:
            return known
        if not fields["name"]:
            return None
        return MediaContact.objects.create(**fields)

    def _officials(self, page: NewsReleasePage, record: rec.Record) -> None:
        detection.refresh_mentions(page, self.zone)
        # The old page named these officials with their titles: that is the evidence an
        # editor's tick would give, so they are listed under the release at once.
        named = {o.name.casefold() for o in record.officials}
        for mention in page.mentions.all():
            official_name = mention.official.name.casefold()
            if official_name in named and "another official" not in (mention.found_as or ""):
                mention.confirmed = True

    def _free_slug(self, headline: str) -> str:
        base = slugify(headline)[:70].strip("-") or "release"
        siblings = self.newsroom.get_children().filter(slug__startswith=base)
        taken = set(siblings.values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _redirect(self, record: rec.Record, page: NewsReleasePage, outcome: Outcome) -> None:
        if not record.url:
            return
        old_path = Redirect.normalise_path(record.url)
        if not old_path or old_path == "/":
            return
        new_url = page.get_url_parts()
        if new_url and Redirect.normalise_path(new_url[2]) == old_path:
            return
        refused = self._redirect_problem(old_path, page)
        if refused:
            outcome.warnings.append(f"no redirect made from the old address {old_path}: {refused}")
            return
        Redirect.objects.update_or_create(
            old_path=old_path,
            site=self.site,
            defaults={"redirect_page": page, "is_permanent": True, "redirect_link": ""},
        )

    def _redirect_problem(self, old_path: str, page: NewsReleasePage) -> str:
        """Why the importer must not send ``old_path`` to ``page`` ("" when it may)."""
        reserved = redirects.reserved_prefix(old_path)
        if reserved:
            return (
                f"addresses under /{reserved} belong to this site itself; add a redirect in "
                "Settings → Redirects if the old address must still work"
            )
        existing = Redirect.objects.filter(old_path=old_path).filter(
            Q(site=self.site) | Q(site__isnull=True)
        )
        # Only a redirect to this same release is the import's own (a re-run); any other
        # was set by an editor, or claimed by another imported release first.
        other = existing.exclude(redirect_page_id=page.pk).first()
        if other is not None:
            target = other.link or "another address"
            return f"it already redirects to {target}; that redirect was kept"
        if redirects.live_page_at(self.site, old_path, but=page):
            return "a published page on this site has that address"
        return ""

    def _resolve_related(self, links: list[dict], page: NewsReleasePage) -> list:
        found = []
        for link in links:
            target = None
            if link.get("url"):
                known = ImportedRelease.objects.filter(
                    source_key="url:" + normalise_url(link["url"])
                ).first()
                target = known.release if known else None
            if target is None and link.get("headline"):
                target = (
                    NewsReleasePage.objects.child_of(self.newsroom)
                    .filter(title__iexact=link["headline"].strip())
                    .first()
                )
            if target is not None and target.pk != page.pk and target not in found:
                found.append(target)
        return found[:MAX_RELATED]

    # --- after all records ------------------------------------------------------------

    def finish(self) -> int:
        """Link related stories imported after the release that lists them; returns links made."""
        linked = 0
        waiting = ImportedRelease.objects.exclude(pending_related=[]).select_related("release")
        for item in waiting:
            with transaction.atomic():
                page = item.release.get_latest_revision_as_object()
                targets = self._resolve_related(item.pending_related, page)
                if not targets:
                    continue
                current = [link.release for link in page.related_links.all()]
                merged = (current + [t for t in targets if t not in current])[:MAX_RELATED]
                page.related_links = [
                    RelatedRelease(release=t, sort_order=i) for i, t in enumerate(merged)
                ]
                revision = page.save_revision(user=self.user, log_action=IMPORT_ACTION)
                if page.live:
                    with bulk_publication():
                        revision.publish(user=self.user)
                still = [
                    link for link in item.pending_related if not self._resolve_related([link], page)
                ]
                ImportedRelease.objects.filter(pk=item.pk).update(pending_related=still)
                linked += len(merged) - len(current)
                self.touched.append(page.pk)
        if self.touched:
            transaction.on_commit(lambda: recompute_related_task(sorted(set(self.touched))))
        return linked


def download(address: str, *, limit: int = MAX_DOWNLOAD_BYTES) -> bytes | str:
    """Fetch a photo from the old site: the bytes, or the reason it could not be had."""
    request = urllib.request.Request(address, headers={"User-Agent": "Dateline importer"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
            kind = response.headers.get_content_type()
            if not kind.startswith("image/"):
                return f"the old site answered with {kind}, not an image"
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return str(getattr(error, "reason", error))
    if len(data) > limit:
        return f"over {limit // (1024 * 1024)} MB"
    return data


def image_problem(data: bytes) -> str | None:
    """Why these bytes cannot be a photo on the site, or None. Reads only the header."""
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            kind = picture.format
    except PILImage.DecompressionBombError as error:
        pixels = re.search(r"\((\d+) pixels\)", str(error))
        count = f"{int(pixels.group(1)):,} pixels" if pixels else "too many pixels"
        return (
            f"{count} is over the limit of {MAX_IMAGE_PIXELS // 1_000_000} megapixels "
            "(a possible decompression bomb)"
        )
    except (OSError, ValueError) as error:
        return f"not a readable image ({error})"
    if width * height > MAX_IMAGE_PIXELS:
        return (
            f"{width:,} × {height:,} pixels is over the limit of "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels"
        )
    if kind not in {"JPEG", "PNG", "GIF", "WEBP"}:
        return f"{kind or 'unknown'} images are not accepted (JPEG, PNG, GIF or WebP)"
    return None


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)
