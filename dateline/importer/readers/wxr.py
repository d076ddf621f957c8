"""WordPress export files (WXR): the posts only, with their featured images.

Pages, attachments, menu items and revisions share the <item> element with posts in a WXR
file; only post_type "post" is a news release. Attachments are still read first, because a
post's featured image lives on its attachment item (postmeta _thumbnail_id → that item).
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta, timezone
from xml.etree.ElementTree import Element

from ..record import Image, RawDocument, ReadError
from .feeds import CONTENT, DC, body_from_html, local, parse_xml, plain, text_of, unique

WP_PREFIX = "http://wordpress.org/export/"
NO_DATE = "0000-00-00 00:00:00"

CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.S | re.I)
IMG = re.compile(r"<img\b[^>]*>", re.I)
# Shortcodes whose output only WordPress could render; their tags would read as text.
EMBED = re.compile(r"\[(embed|video|audio)\b[^\]]*\].*?\[/\1\]", re.S | re.I)
SHORTCODE = re.compile(
    r"\[/?(gallery|embed|video|audio|playlist|contact-form-7|vc_\w+|et_pb_\w+)\b[^\]]*\]", re.I
)


def _attr(tag: str, name: str) -> str:
    match = re.search(rf"\b{name}\s*=\s*(\"([^\"]*)\"|'([^']*)')", tag, re.I)
    if not match:
        return ""
    return html.unescape(match.group(2) if match.group(2) is not None else match.group(3))


class _Export:
    """Namespace-agnostic lookups: WXR 1.0, 1.1 and 1.2 use different wp: namespaces."""

    def __init__(self, root: Element):
        self.wp = ""
        self.excerpt = ""
        for element in root.iter():
            tag = element.tag
            if tag.startswith("{" + WP_PREFIX):
                ns = tag[1:].split("}", 1)[0]
                if ns.rstrip("/").endswith("excerpt"):
                    self.excerpt = self.excerpt or ns
                else:
                    self.wp = self.wp or ns
            if self.wp and self.excerpt:
                break
        if not self.wp:
            raise ReadError("not a WordPress export (no wp: export namespace)")

    def get(self, element: Element, name: str) -> str:
        return text_of(element.find(f"{{{self.wp}}}{name}"))

    def raw(self, element: Element, tag: str) -> str:
        """Element text untouched: post content keeps its blank lines."""
        found = element.find(tag)
        return (found.text or "") if found is not None else ""

    def meta(self, item: Element) -> dict[str, str]:
        values = {}
        for meta in item.findall(f"{{{self.wp}}}postmeta"):
            key = self.get(meta, "meta_key")
            if key and key not in values:
                values[key] = self.get(meta, "meta_value")
        return values


def read_wxr(data: bytes | str, source: str) -> list[RawDocument]:
    """Each post of the export as "source#N", N being the item's place among all items."""
    root = parse_xml(data)
    if local(root.tag) != "rss":
        raise ReadError(f"not a WordPress export (the root element is <{local(root.tag)}>)")
    export = _Export(root)
    channel = root.find("channel")
    items = channel.findall("item") if channel is not None else []
    authors = {}
    for author in channel.findall(f"{{{export.wp}}}author") if channel is not None else []:
        login = export.get(author, "author_login")
        name = export.get(author, "author_display_name")
        if login and name:
            authors[login] = name

    attachments: dict[str, Image] = {}
    offsets: list[timedelta] = []
    for item in items:
        local_time = _datetime(export.get(item, "post_date"))
        gmt = _datetime(export.get(item, "post_date_gmt"))
        if local_time and gmt:
            offsets.append(local_time - gmt)
        if export.get(item, "post_type") == "attachment":
            meta = export.meta(item)
            attachments[export.get(item, "post_id")] = Image(
                alt=meta.get("_wp_attachment_image_alt", ""),
                caption=plain(export.raw(item, f"{{{export.excerpt}}}encoded")),
                title=plain(text_of(item.find("title"))),
                src=export.get(item, "attachment_url") or text_of(item.find("guid")),
            )
    # The site's UTC offset, for drafts whose GMT date WordPress leaves as zeros.
    site_offset = max(set(offsets), key=offsets.count) if offsets else None

    documents = []
    for number, item in enumerate(items, 1):
        if export.get(item, "post_type") != "post":
            continue
        documents.append(
            _post(item, f"{source}#{number}", export, attachments, authors, site_offset)
        )
    return documents


def _datetime(value: str) -> datetime | None:
    value = value.strip()
    if not value or value == NO_DATE:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _published(item: Element, export: _Export, site_offset) -> datetime | date | None:
    """Aware, in the site's own offset, so the calendar day is the one the city saw."""
    local_time = _datetime(export.get(item, "post_date"))
    gmt = _datetime(export.get(item, "post_date_gmt"))
    if local_time and gmt:
        return local_time.replace(tzinfo=timezone(local_time - gmt))
    if gmt:
        return gmt.replace(tzinfo=UTC)
    if local_time:
        if site_offset is not None:
            return local_time.replace(tzinfo=timezone(site_offset))
        return local_time.date()  # the day is known, the time zone is not
    return None


def _captions(content: str) -> tuple[str, list[Image]]:
    """[caption] shortcodes out of the body, as Images in the order they appeared."""
    images: list[Image] = []

    def take(match: re.Match) -> str:
        attributes, inner = match.group(2), match.group(3)
        tag = IMG.search(inner)
        caption = _attr(attributes, "caption")
        if not caption:
            rest = IMG.sub("", inner)
            rest = re.sub(r"</?a\b[^>]*>", "", rest)
            caption = plain(rest)
        if tag:
            images.append(
                Image(
                    alt=_attr(tag.group(0), "alt"),
                    caption=caption,
                    title=_attr(tag.group(0), "title"),
                    src=_attr(tag.group(0), "src"),
                )
            )
        return "\n\n"

    return CAPTION.sub(take, content), images


def _post(item, source, export: _Export, attachments, authors, site_offset) -> RawDocument:
    meta = export.meta(item)
    categories = [text_of(c) for c in item.findall("category") if c.get("domain") == "category"]
    tags = [text_of(c) for c in item.findall("category") if c.get("domain") == "post_tag"]
    creator = text_of(item.find(f"{{{DC}}}creator"))
    title = plain(text_of(item.find("title")))
    guid = text_of(item.find("guid"))
    doc = RawDocument(
        source=source,
        format="wxr",
        titles=[title] if title else [],
        published=_published(item, export, site_offset),
        url=text_of(item.find("link")) or guid,
        categories=unique([c for c in categories if c != "Uncategorized"] + tags),
        author=authors.get(creator, creator),
        status=export.get(item, "status"),
        # Raw: a password of spaces is still a password.
        password_protected=bool(export.raw(item, f"{{{export.wp}}}post_password")),
    )
    if doc.password_protected:
        doc.warnings.append(
            f"“{title or source}” was password-protected on the old site; imported as a draft "
            "for an editor to review"
        )

    content = export.raw(item, f"{{{CONTENT}}}encoded")
    content, captioned = _captions(content)
    content = SHORTCODE.sub("", EMBED.sub("", content))
    blocks, found = body_from_html(content, autop=True) if content.strip() else ([], [])
    doc.blocks = blocks

    images: list[Image] = []
    featured = attachments.get(meta.get("_thumbnail_id", ""))
    if meta.get("_thumbnail_id") and featured is None:
        doc.warnings.append(
            f"featured image (attachment {meta['_thumbnail_id']}) is not in this export"
        )
    for image in ([featured] if featured else []) + captioned + list(found):
        if image.src and any(_same(image.src, i.src) for i in images):
            continue
        images.append(image)
    doc.images = images
    return doc


def _same(a: str, b: str) -> bool:
    """One upload, whatever size WordPress served: photo-800x600.jpg is photo.jpg."""

    def base(src: str) -> str:
        return re.sub(r"-\d+x\d+(?=\.\w+$)", "", src.split("?", 1)[0])

    return base(a) == base(b)
