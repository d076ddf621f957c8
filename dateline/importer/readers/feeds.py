"""RSS 2.0 / RSS 1.0 and Atom feeds: one RawDocument per item, the channel itself left out.

Pure Python. XML is parsed only through defusedxml so a hostile feed (entity expansion,
external entities) is refused with a reason instead of eating memory or reading local files.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from ..record import Block, Image, RawDocument, ReadError
from .html import blocks_from_html  # the HTML reader owns what counts as a block

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# WordPress (and Yoast) append this to every item; it is feed chrome, not the release.
APPEARED_FIRST = re.compile(r"^The post .+ appeared first on .+?\.?$", re.S)
# A summary cut short by the feed: "… [&#8230;]", "[...]", "… Continue reading →".
TRUNCATED = re.compile(
    r"\s*(?:\[(?:…|\.\.\.)\]|(?:…\s*)?(?:Continue reading|Read more)\b.*)\s*$", re.I
)
MORE_LINK = re.compile(r"\s*<a\b[^>]*>\s*(?:Continue reading|Read more)\b.*?</a>\s*$", re.I | re.S)
_BLOCKS = r"(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|figcaption|table|tr|td|th|pre|hr)"
BLOCK_OPEN = re.compile(rf"<{_BLOCKS}\b[^>]*>", re.I)
BLOCK_CLOSE = re.compile(rf"</{_BLOCKS}\s*>", re.I)
BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|li|blockquote|figure|table|img|br)\b", re.I)


# --- XML ---------------------------------------------------------------------------------


def parse_xml(data: bytes | str) -> Element:
    """The root element, or ReadError with the reason a person can act on.

    A DOCTYPE alone is allowed (old RSS 0.91 feeds carry one); any entity declaration is
    refused, because that is how expansion bombs and file-reading tricks get in.
    """
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as error:
        if error.sysid or error.pubid:
            raise ReadError(
                "refused: the XML declares an external entity "
                f"({error.sysid or error.pubid}), which could read files from this computer"
            ) from None
        raise ReadError(
            "refused: the XML declares entities (possible entity-expansion attack)"
        ) from None
    except ExternalReferenceForbidden as error:
        raise ReadError(
            f"refused: the XML refers to an external resource ({error.sysid or error.pubid})"
        ) from None
    except DefusedXmlException as error:
        raise ReadError(f"refused: unsafe XML ({error})") from None
    except ParseError as error:
        line = error.position[0] if error.position else "?"
        message = re.sub(r":\s*line \d+, column \d+$", "", str(error))
        if message.startswith("no element found") or message.startswith("unclosed token"):
            message += " (the file looks cut off)"
        raise ReadError(f"not well-formed XML: line {line}: {message}") from None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def text_of(element: Element | None) -> str:
    if element is None:
        return ""
    return "".join(element.itertext()).strip()


def child(element: Element, *tags: str) -> Element | None:
    for tag in tags:
        found = element.find(tag)
        if found is not None:
            return found
    return None


def child_text(element: Element, *tags: str) -> str:
    return text_of(child(element, *tags))


def plain(markup: str) -> str:
    """A title that a feed escaped as HTML ("Parks &amp; Rec", "<b>New</b> hours")."""
    text = re.sub(r"<[^>]+>", "", markup)
    return " ".join(html.unescape(text).split())


# --- dates -------------------------------------------------------------------------------


def parse_date(value: str) -> datetime | date | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, dc:date); aware, keeping the feed's own offset.

    The offset is kept rather than turned into UTC so the calendar day stays the one the
    city wrote: 5 p.m. Pacific is already tomorrow in UTC.
    """
    value = value.strip()
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # RFC 822 "-0000": UTC, offset unknown
    return parsed


# --- bodies ------------------------------------------------------------------------------


def paragraphs_html(text: str) -> str:
    """Plain or lightly marked text (no <p>) as paragraphs: blank lines split them.

    WordPress's own rule (wpautop): block-level tags stand apart, the loose text between
    them becomes paragraphs, and a single newline inside a paragraph is a line break.
    """
    text = BLOCK_OPEN.sub(lambda m: "\n\n" + m.group(0), text)
    text = BLOCK_CLOSE.sub(lambda m: m.group(0) + "\n\n", text)
    out = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("<!--") or BLOCK_OPEN.match(chunk) or BLOCK_CLOSE.match(chunk):
            out.append(chunk)
        elif re.fullmatch(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", chunk, re.I):
            # A picture alone (in a <figure> or not) is not a paragraph.
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def body_from_html(markup: str, autop: bool = False) -> tuple[list[Block], list[Image]]:
    """Blocks and images of an item's HTML, through the shared HTML reader.

    ``autop``: paragraphs are blank-line separated text (WordPress post content) even where
    some markup is present.
    """
    if markup and (autop or not BLOCK_TAG.search(markup)):
        markup = paragraphs_html(markup)
    return blocks_from_html(markup)


def drop_feed_chrome(blocks: list[Block]) -> tuple[list[Block], bool]:
    """Without the "appeared first on" footer; and whether the text was cut short."""
    kept = [b for b in blocks if not APPEARED_FIRST.match(b.text.strip())]
    truncated = False
    if kept:
        last = kept[-1]
        cut = TRUNCATED.sub("", last.text)
        if cut != last.text:
            truncated = True
            if cut.strip():
                cut_html = TRUNCATED.sub("", MORE_LINK.sub("", last.html))
                cut_html = re.sub(r"\s*\[?(?:…|&#8230;|&hellip;|\.\.\.)\]?\s*$", "", cut_html)
                kept[-1] = Block(last.kind, cut.rstrip(), cut_html.rstrip() if last.html else "")
            else:
                kept.pop()
    return kept, truncated


def unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = " ".join(value.split())
        if value and value.casefold() not in {s.casefold() for s in seen}:
            seen[value] = None
    return list(seen)


def author_name(value: str) -> str:
    """RSS <author> is "email (Name)" by the spec; keep the name only."""
    value = value.strip()
    match = re.match(r"^\S+@\S+\s*\((.+)\)$", value)
    if match:
        return match.group(1).strip()
    return "" if re.fullmatch(r"\S+@\S+", value) else value


# --- readers -----------------------------------------------------------------------------


def read_feed(data: bytes | str, source: str) -> list[RawDocument]:
    """Every item of an RSS or Atom feed, as "source#N" (N counts items from 1)."""
    root = parse_xml(data)
    name = local(root.tag)
    if root.tag == f"{{{ATOM}}}feed":
        entries = root.findall(f"{{{ATOM}}}entry")
        feed_author = _atom_authors(root)  # Atom: entries without an author inherit it
        return [_atom_entry(e, f"{source}#{n}", feed_author) for n, e in enumerate(entries, 1)]
    if name == "rss":
        channel = root.find("channel")
        items = channel.findall("item") if channel is not None else []
        return [_rss_item(i, f"{source}#{n}") for n, i in enumerate(items, 1)]
    if root.tag == f"{{{RDF}}}RDF":  # RSS 1.0: items are siblings of the channel
        items = root.findall(f"{{{RSS1}}}item")
        return [_rss_item(i, f"{source}#{n}", ns=f"{{{RSS1}}}") for n, i in enumerate(items, 1)]
    raise ReadError(f"not an RSS or Atom feed (the root element is <{name}>)")


def _finish(doc: RawDocument, markup: str) -> RawDocument:
    blocks, images = body_from_html(markup)
    doc.blocks, truncated = drop_feed_chrome(blocks)
    doc.images = images
    if truncated or (not doc.blocks and doc.url):
        where = f" at {doc.url}" if doc.url else ""
        doc.warnings.append(f"the feed carries only a summary; the full text is on the page{where}")
    return doc


def _rss_item(item: Element, source: str, ns: str = "") -> RawDocument:
    link = child_text(item, f"{ns}link")
    guid = item.find("guid")
    if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
        link = text_of(guid)
    categories = [text_of(c) for c in item.findall("category")]
    categories += [text_of(c) for c in item.findall(f"{{{DC}}}subject")]
    title = plain(child_text(item, f"{ns}title"))
    doc = RawDocument(
        source=source,
        format="rss",
        titles=[title] if title else [],
        published=parse_date(child_text(item, "pubDate", f"{{{DC}}}date")),
        url=link,
        categories=unique(categories),
        author=author_name(child_text(item, f"{{{DC}}}creator", "author")),
    )
    encoded = item.find(f"{{{CONTENT}}}encoded")
    markup = text_of(encoded) if encoded is not None else ""
    return _finish(doc, markup or child_text(item, f"{ns}description"))


def _atom_text(element: Element | None) -> str:
    """An Atom text construct as HTML, whatever its type."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        inner = element.find("{http://www.w3.org/1999/xhtml}div")
        node = inner if inner is not None else element
        parts = [node.text or ""]
        parts += [tostring(c, encoding="unicode") for c in node]
        return re.sub(r"\s?xmlns(:\w+)?=\"[^\"]*\"|html:", "", "".join(parts))
    if kind in ("html", "text/html"):
        return element.text or ""
    return paragraphs_html(html.escape(text_of(element), quote=False))


def _atom_authors(element: Element) -> str:
    names = (child_text(p, f"{{{ATOM}}}name") for p in element.findall(f"{{{ATOM}}}author"))
    return ", ".join(n for n in names if n)


def _atom_entry(entry: Element, source: str, feed_author: str = "") -> RawDocument:
    a = f"{{{ATOM}}}"
    url = ""
    for link in entry.findall(f"{a}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            url = link.get("href", "")
            break
    title_el = entry.find(f"{a}title")
    title = plain(_atom_text(title_el)) if title_el is not None else ""
    doc = RawDocument(
        source=source,
        format="atom",
        titles=[title] if title else [],
        published=parse_date(child_text(entry, f"{a}published", f"{a}updated")),
        url=url,
        categories=unique(
            [c.get("label") or c.get("term") or "" for c in entry.findall(f"{a}category")]
        ),
        author=_atom_authors(entry) or feed_author,
    )
    content = entry.find(f"{a}content")
    if content is not None and content.get("src"):
        content = None  # content kept elsewhere; the summary is all the feed has
    return _finish(doc, _atom_text(content if content is not None else entry.find(f"{a}summary")))
