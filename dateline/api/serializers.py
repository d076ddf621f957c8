"""Plain dicts for releases, officials, topics and letters, as the API returns them."""

import datetime
import functools
import logging
import zoneinfo
from dataclasses import dataclass

from django.db.models import Prefetch
from wagtail.images import get_image_model

from dateline.core import apstyle, textrules
from dateline.core.blocks import rich_text_html
from dateline.core.clientip import absolute_url
from dateline.core.models import CitySettings
from dateline.core.restrictions import is_readable

from .visibility import city_settings, site_zone, visible_letters, visible_releases

log = logging.getLogger(__name__)

LEAD_IMAGE_SPEC = "width-1200|format-jpeg"
BODY_IMAGE_SPEC = "width-1200|format-jpeg"
PORTRAIT_SPEC = "width-600|format-jpeg"


def _plain(value):
    if isinstance(value, str):
        return textrules.clean_text(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def plain_text(serializer):
    """The serializer's data without control characters (dateline/core/textrules.py).

    JSON could carry them escaped, but a client should get the text the pages and feeds
    show, whatever is in the database.
    """

    @functools.wraps(serializer)
    def wrapper(*args, **kwargs):
        return _plain(serializer(*args, **kwargs))

    return wrapper


def followable(url: str | None) -> str | None:
    """The link if a reader may follow it (textrules.safe_url), else None."""
    return url if url and textrules.safe_url(url) else None


@dataclass
class Context:
    """What every serializer needs from the request: absolute URLs, the city, its time zone."""

    request: object
    city: CitySettings
    zone: zoneinfo.ZoneInfo

    @classmethod
    def for_request(cls, request) -> "Context":
        return cls(request=request, city=city_settings(request), zone=site_zone(request))

    def absolute(self, url: str | None) -> str | None:
        return absolute_url(self.request, url) if url else None

    def page_url(self, page) -> str | None:
        return self.absolute(page.get_url(self.request))

    def iso(self, value: datetime.datetime | None) -> str | None:
        return apstyle.local_time(value, self.zone).isoformat() if value else None

    def today(self) -> datetime.date:
        return datetime.datetime.now(self.zone).date()


def images_with(spec: str):
    """An image queryset that brings its renditions for `spec` along (no query per image)."""
    return get_image_model().objects.prefetch_renditions(spec)


def prefetch_image(field: str, spec: str) -> Prefetch:
    return Prefetch(field, queryset=images_with(spec))


def rendition(image, spec: str):
    """The image resized for the API; None when the source file cannot be read."""
    try:
        return image.get_rendition(spec)
    except Exception:  # noqa: BLE001 - a broken file must not break the response
        log.warning("No rendition %s of image %s", spec, image.pk, exc_info=True)
        return None


def image_data(ctx, image, *, spec, alt="", caption="", credit="", decorative=False):
    if image is None:
        return None
    resized = rendition(image, spec)
    if resized is None:
        return None
    return {
        "url": ctx.absolute(resized.url),
        "width": resized.width,
        "height": resized.height,
        "alt": "" if decorative else (alt or ""),
        "caption": caption or "",
        "credit": credit or "",
        "decorative": bool(decorative),
    }


def lead_image(ctx, page):
    return image_data(
        ctx,
        page.lead_image,
        spec=LEAD_IMAGE_SPEC,
        alt=page.lead_image_alt,
        caption=page.lead_image_caption,
        credit=page.lead_image_credit,
        decorative=page.lead_image_decorative,
    )


def release_ref(ctx, page) -> dict:
    return {"id": page.pk, "headline": page.title, "url": ctx.page_url(page)}


def topic_ref(ctx, topic) -> dict:
    return {"slug": topic.slug, "name": topic.name, "url": ctx.absolute(topic.get_absolute_url())}


# --- releases --------------------------------------------------------------------------


@plain_text
def release_summary(ctx, page, newsroom) -> dict:
    return {
        "id": page.pk,
        "url": ctx.page_url(page),
        "headline": page.title,
        "dek": page.dek,
        "release_date": ctx.iso(page.release_date),
        "newsroom": newsroom.slug if newsroom is not None else None,
        "topics": [topic.slug for topic in page.topics.all()],
        "lead_image": lead_image(ctx, page),
    }


@plain_text
def release_detail(ctx, page) -> dict:
    newsroom = page.get_parent()
    contact = page.effective_media_contact(ctx.city)
    return {
        "id": page.pk,
        "url": ctx.page_url(page),
        "headline": page.title,
        "dek": page.dek,
        "release_date": ctx.iso(page.release_date),
        "first_published_at": ctx.iso(page.first_published_at),
        "last_published_at": ctx.iso(page.last_published_at),
        "dateline": {
            "city": page.dateline_city,
            "state": page.dateline_state,
            "text": page.dateline_text(ctx.city),
        },
        "newsroom": {
            "slug": newsroom.slug,
            "title": newsroom.title,
            "url": ctx.page_url(newsroom),
        },
        "lead_image": lead_image(ctx, page),
        "topics": [topic_ref(ctx, topic) for topic in page.topics.all()],
        "officials": officials_in(ctx, page),
        "media_contact": (
            {
                "name": contact.name,
                "title": contact.title,
                "email": contact.email,
                "phone": contact.phone,
            }
            if contact is not None
            else None
        ),
        "related": [release_ref(ctx, r) for r in visible_related(ctx, page)],
        "corrections": [
            {"corrected_at": ctx.iso(c.corrected_at), "text": c.text}
            for c in page.corrections.all()
        ],
        "body": body_blocks(ctx, page),
    }


def officials_in(ctx, page) -> list[dict]:
    """Confirmed mentions, in the editor's order, with the role they had in the release."""
    day = page.local_release_date(ctx.zone)
    mentions = (
        page.mentions.filter(confirmed=True)
        .select_related("official")
        .prefetch_related("official__terms__office")
        .order_by("sort_order", "pk")
    )
    return [
        {
            "slug": m.official.slug,
            "name": m.official.name,
            "role": m.role or m.official.title_on(day),
            "url": ctx.absolute(m.official.get_absolute_url()),
        }
        for m in mentions
    ]


def visible_related(ctx, page) -> list:
    """The release's related stories (editor's picks, else computed) the public may see."""
    picks = page.related_releases()
    visible = set(
        visible_releases(ctx.request)
        .filter(pk__in=[p.pk for p in picks])
        .values_list("pk", flat=True)
    )
    return [p for p in picks if p.pk in visible]


def body_blocks(ctx, page) -> list[dict]:
    blocks = list(page.body)
    letter_ids = [
        b.value["letter"].pk for b in blocks if b.block_type == "letter" and b.value["letter"]
    ]
    visible_letter_ids = (
        set(visible_letters(ctx.request).filter(pk__in=letter_ids).values_list("pk", flat=True))
        if letter_ids
        else set()
    )
    result = []
    for block in blocks:
        data = block_data(ctx, block.block_type, block.value, visible_letter_ids)
        if data is not None:
            result.append({"type": block.block_type, **data})
    return result


def block_data(ctx, kind: str, value, visible_letter_ids: set) -> dict | None:
    """One StreamField block as data; None for a block whose image, file or letter is gone,
    or whose link leads to a page a reader may not open."""
    reader = _BLOCK_DATA.get(kind)
    return reader(ctx, value, visible_letter_ids) if reader else None


def _paragraph_block(ctx, value, visible_letter_ids) -> dict:
    return {"html": rich_text_html(value.source)}


def _quote_block(ctx, value, visible_letter_ids) -> dict:
    return {"text": value["text"], "attribution": value["attribution"]}


def _image_block(ctx, value, visible_letter_ids) -> dict | None:
    return image_data(
        ctx,
        value["image"],
        spec=BODY_IMAGE_SPEC,
        alt=value["alt_text"],
        caption=value["caption"],
        credit=value["credit"],
        decorative=value["decorative"],
    )


def _document_block(ctx, value, visible_letter_ids) -> dict | None:
    document = value["document"]
    if document is None:
        return None
    return {
        "title": value["title"] or document.title,
        "description": value["description"] or "",
        "url": ctx.absolute(document.url),
        "file_type": document.file_extension.lower(),
        "size": file_size(document),
    }


def _embed_block(ctx, value, visible_letter_ids) -> dict:
    embed = value["url"]
    url = followable(embed.url) if embed is not None else None
    return {"url": url, "title": value["title"]}


def _table_block(ctx, value, visible_letter_ids) -> dict:
    return table_data(value)


def _call_to_action_block(ctx, value, visible_letter_ids) -> dict | None:
    target = value["page"]
    if target is None:
        return {"text": value["text"], "url": followable(value["url"])}
    # A chosen page a reader may not open is no link at all, as on the page.
    if not is_readable(target.specific):
        return None
    return {"text": value["text"], "url": ctx.page_url(target)}


def _letter_block(ctx, value, visible_letter_ids) -> dict | None:
    letter = value["letter"]
    if letter is None or letter.pk not in visible_letter_ids:
        return None
    return {
        "id": letter.pk,
        "title": letter.title,
        "url": ctx.page_url(letter),
        "note": value["note"] or "",
    }


# Each reader takes (ctx, value, visible_letter_ids); a kind not listed is left out.
_BLOCK_DATA = {
    "paragraph": _paragraph_block,
    "quote": _quote_block,
    "image": _image_block,
    "document": _document_block,
    "embed": _embed_block,
    "table": _table_block,
    "call_to_action": _call_to_action_block,
    "letter": _letter_block,
}


def file_size(document) -> int | None:
    """The size in bytes, from the database or else the storage; None when unknown."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except Exception:  # noqa: BLE001 - a missing file is shown without a size
        return None


def _cell(value) -> str:
    return "" if value is None else str(value)


def table_data(value) -> dict:
    value = value or {}
    rows = [[_cell(c) for c in row] for row in (value.get("data") or [])]
    header = []
    if rows and value.get("first_row_is_table_header"):
        header, rows = rows[0], rows[1:]
    return {"caption": value.get("table_caption") or "", "header": header, "rows": rows}


# --- officials, topics, letters --------------------------------------------------------


@plain_text
def official_data(ctx, official, today: datetime.date) -> dict:
    portrait = None
    if official.portrait is not None:
        resized = rendition(official.portrait, PORTRAIT_SPEC)
        if resized is not None:
            portrait = {
                "url": ctx.absolute(resized.url),
                "width": resized.width,
                "height": resized.height,
                "alt": official.portrait_alt,
            }
    return {
        "slug": official.slug,
        "name": official.name,
        "honorific": official.honorific,
        "url": ctx.absolute(official.get_absolute_url()),
        "title": official.title_on(today),
        "portrait": portrait,
        "bio": rich_text_html(official.bio),
        "email": official.email,
        "phone": official.phone,
        "terms": [
            {
                "office": term.office.title,
                "district": term.district,
                "start": term.start.isoformat(),
                "end": term.end.isoformat() if term.end else None,
            }
            for term in official.terms.all()
        ],
    }


@plain_text
def topic_data(ctx, topic, release_count: int) -> dict:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "url": ctx.absolute(topic.get_absolute_url()),
        "release_count": release_count,
    }


def _person(official, day: datetime.date) -> dict:
    return {"slug": official.slug, "name": official.name, "title_on_date": official.title_on(day)}


@plain_text
def letter_summary(ctx, letter) -> dict:
    day = letter.letter_date
    return {
        "id": letter.pk,
        "title": letter.title,
        "url": ctx.page_url(letter),
        "date": day.isoformat(),
        "recipient": {
            "name": letter.recipient_name,
            "title": letter.recipient_title,
            "organisation": letter.recipient_organisation,
        },
        "requested_by": _person(letter.requested_by, day) if letter.requested_by else None,
        "signatories": [_person(s.official, day) for s in letter.signatories.all()],
        "document_url": ctx.absolute(letter.document.url) if letter.document else None,
    }


@plain_text
def letter_detail(ctx, letter) -> dict:
    citing = (
        visible_releases(ctx.request)
        .filter(pk__in=letter.citing_releases().values("pk"))
        .order_by("-release_date", "-pk")
    )
    return {
        **letter_summary(ctx, letter),
        "text": rich_text_html(letter.text),
        "citing_releases": [release_ref(ctx, r) for r in citing],
    }
