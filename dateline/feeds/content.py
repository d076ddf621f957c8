"""A release's full content for feeds: the same HTML readers see, with absolute URLs."""

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html

from dateline.core import textrules
from dateline.releases.templatetags.release_tags import body_html

_URL_ATTR = re.compile(r'\b(href|src)="(/[^"/][^"]*|/)"')
_SRCSET = re.compile(r'\bsrcset="([^"]*)"')
LEAD_RENDITION = "width-1200|format-jpeg"


@dataclass
class LeadImage:
    url: str  # absolute
    size: int
    width: int
    height: int
    mime_type: str
    alt: str


def absolutize(html: str, root: str) -> str:
    """Turn site-relative links and image sources into absolute URLs (feed readers need them)."""
    root = root.rstrip("/")
    html = _URL_ATTR.sub(lambda m: f'{m.group(1)}="{root}{m.group(2)}"', html)

    def fix_srcset(match):
        items = []
        for item in match.group(1).split(","):
            item = item.strip()
            items.append(f"{root}{item}" if item.startswith("/") else item)
        return f'srcset="{", ".join(items)}"'

    return _SRCSET.sub(fix_srcset, html)


def lead_image(page, root: str) -> LeadImage | None:
    if not page.lead_image_id:
        return None
    rendition = page.lead_image.get_rendition(LEAD_RENDITION)
    try:
        size = rendition.file.size
    except OSError:
        size = 0
    return LeadImage(
        url=f"{root}{rendition.url}" if rendition.url.startswith("/") else rendition.url,
        size=size,
        width=rendition.width,
        height=rendition.height,
        mime_type="image/jpeg",
        alt="" if page.lead_image_decorative else page.lead_image_alt,
    )


def release_html(page, request, city, root: str) -> str:
    parts = []
    image = lead_image(page, root)
    if image is not None:
        caption = " ".join(
            p
            for p in (
                page.lead_image_caption,
                f"Photo: {page.lead_image_credit}" if page.lead_image_credit else "",
            )
            if p
        )
        parts.append(
            format_html(
                '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
                image.url,
                image.alt,
                image.width,
                image.height,
                format_html("<figcaption>{}</figcaption>", caption) if caption else "",
            )
        )
    parts.append(body_html(page, city, {"request": request, "page": page}))
    documents = page.documents()
    if documents:
        items = "".join(
            format_html(
                '<li><a href="{}">{}</a></li>',
                block.value["document"].url,
                block.value.get("title") or block.value["document"].title,
            )
            for block in documents
        )
        parts.append(f"<h2>Documents</h2><ul>{items}</ul>")
    return absolutize("\n".join(str(p) for p in parts), root)


def summary(page) -> str:
    """The release in a sentence, as plain text (JSON Feed's summary)."""
    return textrules.clean_text(page.dek or page.search_description or "")


def summary_html(page) -> str:
    """The summary for an element that carries HTML (RSS description, Atom summary).

    The dek is plain text: escaped once, so "<img onerror=…>" in it reaches a reader that
    renders descriptions as HTML as those characters, never as an element.
    """
    return escape(summary(page) or textrules.clean_text(page.title))


def plain(value):
    """`value` with control characters out of every string in it (textrules.clean_text).

    XML 1.0 cannot carry them, so one in a headline took every feed listing it down; JSON
    can, escaped, but a reader should get the same text whatever the format.
    """
    if isinstance(value, str):
        return textrules.clean_text(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(plain(item) for item in value)
    return value
