"""What the importer reads: raw documents from each format, and the neutral release record.

Pure Python (no Django): readers in ``readers/`` turn a decoded file into ``RawDocument``s;
``newsroom.structure`` turns one ``RawDocument`` into a ``Record``; the writer saves Records.
``Record.as_json()`` is the public ``--dry-run --json`` contract other tools rely on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from dateline.core.textrules import clean_text

# Block kinds a reader may emit, in document order.
PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
QUOTE = "quote"  # a <blockquote> or a Markdown "> " line
BLOCK_KINDS = (PARAGRAPH, HEADING, LIST_ITEM, QUOTE)


@dataclass
class Block:
    """One block of the main text, as the reader found it.

    ``text`` is plain text with whitespace collapsed. ``html`` is the same content as safe
    inline HTML (only <a href>, <b>, <strong>, <i>, <em>, <br>), or "" when the source had
    no markup; the writer prefers it so links survive the move.
    """

    kind: str
    text: str
    html: str = ""


@dataclass
class Image:
    alt: str = ""
    caption: str = ""
    credit: str = ""
    title: str = ""
    # Where the picture is, as the source wrote it: a path relative to the source file (a
    # saved page's "_files" folder, a zip member) or an absolute http(s) URL. "" when a text
    # capture only kept the words.
    src: str = ""


@dataclass
class Related:
    headline: str
    url: str = ""


@dataclass
class RawDocument:
    """One release as a reader found it, before newsroom rules are applied."""

    source: str  # e.g. "pages/park.html" or "feed.xml#3" or "export.zip:news/park.html"
    format: str  # "html", "text", "markdown", "rss", "atom", "wxr"
    # Headline candidates, most trusted first (h1, og:title, <title>, feed item title, the
    # capture's first line). Newsroom rules pick one and drop its repeats from ``blocks``.
    titles: list[str] = field(default_factory=list)
    published: datetime | date | None = None  # from metadata (meta tags, <time>, pubDate)
    url: str = ""  # the original address, when the source tells it (canonical, og:url, link)
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)  # an explicit related list, if found
    categories: list[str] = field(default_factory=list)  # feed/WXR categories and tags
    author: str = ""
    status: str = ""  # WXR "publish"/"draft"/…; "" elsewhere
    # The old site asked a password for it: never published by an import (WXR post_password).
    password_protected: bool = False
    warnings: list[str] = field(default_factory=list)
    # Set by the source walker, not by readers: returns the bytes of an image ``src`` found
    # next to this document (never outside the import root), or None.
    open_asset: Callable[[str], bytes | None] | None = None


@dataclass
class Quote:
    text: str
    speaker: str = ""  # "Mayor Ines Park" as written, or "" when unattributed


@dataclass
class Official:
    name: str
    role: str = ""  # the title as written: "Vice Mayor", "Councilmember", ""


@dataclass
class Dateline:
    place: str  # AP style, all-caps city turned to title case: "Sacramento, Calif."
    date: date | None = None


@dataclass
class Record:
    """One release, ready to be shown (``--dry-run --json``) or saved."""

    source: str
    format: str
    headline: str
    published: datetime | date | None = None
    dateline: Dateline | None = None
    images: list[Image] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)  # paragraphs, headings, list items
    quotes: list[Quote] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    media_contact: str = ""  # the contact block as written, lines joined with "\n"
    url: str = ""
    categories: list[str] = field(default_factory=list)
    status: str = ""
    password_protected: bool = False
    warnings: list[str] = field(default_factory=list)
    raw: RawDocument | None = field(default=None, repr=False, compare=False)

    def clean(self) -> Record:
        """Control characters out of every text field (Word's U+000B becomes a space).

        Old pages and Word pastes carry them; one in a headline used to break every feed
        that listed the release."""
        self.headline = clean_text(self.headline)
        self.media_contact = clean_text(self.media_contact)
        self.url = clean_text(self.url)
        self.categories = [clean_text(c) for c in self.categories]
        if self.dateline is not None:
            self.dateline.place = clean_text(self.dateline.place)
        for block in self.body:
            block.text, block.html = clean_text(block.text), clean_text(block.html)
        for image in self.images:
            image.alt, image.caption = clean_text(image.alt), clean_text(image.caption)
            image.credit, image.title = clean_text(image.credit), clean_text(image.title)
        for quote in self.quotes:
            quote.text, quote.speaker = clean_text(quote.text), clean_text(quote.speaker)
        for official in self.officials:
            official.name, official.role = clean_text(official.name), clean_text(official.role)
        for related in self.related:
            related.headline, related.url = clean_text(related.headline), clean_text(related.url)
        return self

    def as_json(self) -> dict:
        """The ``--dry-run --json`` line: the documented keys, then extras."""
        published = self.published
        if isinstance(published, datetime):
            published = published.date()
        return {
            "source": self.source,
            "headline": self.headline,
            "published": published.isoformat() if published else None,
            "dateline": (
                {
                    "place": self.dateline.place,
                    "date": self.dateline.date.isoformat() if self.dateline.date else None,
                }
                if self.dateline
                else None
            ),
            "images": [
                {"alt": i.alt, "caption": i.caption, "credit": i.credit} for i in self.images
            ],
            "body": [b.text for b in self.body],
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in self.quotes],
            "officials": [{"name": o.name, "role": o.role} for o in self.officials],
            "related": [{"headline": r.headline, "url": r.url} for r in self.related],
            "media_contact": self.media_contact or None,
            "warnings": list(self.warnings),
            # Extras beyond the contract.
            "format": self.format,
            "url": self.url or None,
            "published_at": self.published.isoformat()
            if isinstance(self.published, datetime)
            else None,
            "categories": list(self.categories),
            **({"password_protected": True} if self.password_protected else {}),
        }


class ReadError(ValueError):
    """A file or item that cannot be read; the message is the reason shown in the report."""
