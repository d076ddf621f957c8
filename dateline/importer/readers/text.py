"""Plain-text and Markdown captures of old release pages (save-as-text, copy-paste, scrapers).

Pure Python. A capture keeps the words but not the page: the reader recovers paragraphs,
headings, list items, quotations, links (Markdown) and the pictures a capture still names,
and offers the capture's first lines as headline candidates. Deciding what is chrome, which
repeats to drop and where the dateline is stays with ``newsroom.structure``.
"""

from __future__ import annotations

import html as htmlmod
import re
from datetime import date, datetime

from ..newsroom import (
    _CONTACT_LABEL,
    _END_MARK,
    _clean_title,
    _date_line,
    _find_dateline,
    _is_chrome,
    _key,
    parse_date,
)
from ..record import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, Block, Image, RawDocument, ReadError

__all__ = ["read_text"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# Jina reader's header: "Title: …", "URL Source: …", "Published Time: …", "Markdown Content:".
_JINA_HEADER = re.compile(
    r"\A(?:(?:Title|URL Source|Published Time|Description):[^\n]*\n\s*)+Markdown Content:\s*\n",
    re.I,
)
_HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?P<mark>=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_QUOTE_LINE = re.compile(r"^\s{0,3}>\s?(?P<text>.*)$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+•·▪]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
_IMAGE_ONLY = re.compile(
    r"^\s*(?:\[\s*)?!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)(?:\s+[\"'](?P<title>[^\"']*)[\"'])?\)"
    r"(?:\s*\]\([^)]*\))?\s*$"
)
_TEXT_IMAGE = re.compile(r"^\s*\[\s*(?:image|photo|picture|img)\s*:\s*(?P<alt>[^\]]+)\]\s*$", re.I)
_CAPTION_LINE = re.compile(
    r"^\s*(?:photo(?:\s+caption)?|caption|cutline|pictured)\s*:\s*(?P<text>\S.*)$", re.I
)
_CREDIT_TAIL = re.compile(
    r"[(\[]\s*(?:(?:photo|image)s?\s+(?:by|courtesy)|photo\s*:|credit\s*:|courtesy\s+of)[^()]*"
    r"[)\]]\.?\s*$",
    re.I,
)
_ITALIC_LINE = re.compile(r"^\s*(?:\*(?!\*)(?P<a>.+?)\*|_(?P<b>.+?)_)\s*$")
_LABEL_LINE = re.compile(
    r"^\s*(?:\*\*|__|\*|_)?(?:[A-Z][A-Z /&]{1,24}|[A-Z][a-z]+(?: [a-z]+)?)\s*:"
)
_PHONE_OR_MAIL = re.compile(r"\d{3}[\s.-]\d{4}|@")
_INLINE = re.compile(
    r"!\[(?P<ialt>[^\]]*)\]\((?P<isrc>[^)\s]*)(?:\s+[\"'][^\"']*[\"'])?\)"
    r"|\[(?P<ltext>[^\]]+)\]\((?P<url>[^)\s]+)(?:\s+[\"'][^\"']*[\"'])?\)"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|(?P<bmark>\*\*|__)(?P<btext>\S(?:.*?\S)?)(?P=bmark)"
    r"|(?<![\w*\\])\*(?P<itext>[^*\s](?:[^*]*?[^*\s])?)\*(?![\w*])"
    r"|(?<![\w\\])_(?P<utext>[^_\s](?:[^_]*?[^_\s])?)_(?!\w)"
    r"|`(?P<code>[^`]+)`"
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_UNSAFE_HREF = re.compile(r"\s*(?:javascript|vbscript|data):", re.I)


def read_text(text: str, source: str, *, markdown: bool | None = None) -> list[RawDocument]:
    """The release in a plain-text (``markdown=False``) or Markdown capture.

    ``markdown=None`` decides from the text itself. Raises ReadError when there is no text.
    """
    text = (
        text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    )
    if not text.strip():
        raise ReadError("the file has no text")
    if markdown is None:
        markdown = looks_like_markdown(text)
    doc = RawDocument(source=source, format="markdown" if markdown else "text")
    titles: list[str] = []
    text = _read_front_matter(text, doc, titles)
    text = _read_jina_header(text, doc, titles)

    blocks, levels, images = _blocks(text.split("\n"), markdown)
    doc.blocks = blocks
    doc.images = images
    doc.titles = _titles(titles, blocks, levels)
    if not blocks and not doc.titles:
        raise ReadError("the file has no text")
    return [doc]


def _read_front_matter(text: str, doc: RawDocument, titles: list[str]) -> str:
    """Take what a "---" front-matter block says into ``doc``; returns the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    meta = _front_matter(match["body"])
    if meta.get("title"):
        titles.append(meta["title"])
    doc.url = meta.get("url") or meta.get("link") or meta.get("canonical") or ""
    doc.published = _meta_date(meta.get("date") or meta.get("published") or "")
    doc.author = meta.get("author", "")
    for key in ("categories", "category", "tags"):
        doc.categories += [c for c in _meta_list(meta.get(key, "")) if c not in doc.categories]
    return text[match.end() :]


def _read_jina_header(text: str, doc: RawDocument, titles: list[str]) -> str:
    """Take what a Jina reader header says into ``doc``, front matter first; returns the
    text after it."""
    match = _JINA_HEADER.match(text)
    if not match:
        return text
    for line in match.group().splitlines():
        name, _, value = line.partition(":")
        value = value.strip()
        name = name.strip().casefold()
        if name == "title" and value:
            titles.append(value)
        elif name == "url source":
            doc.url = doc.url or value
        elif name == "published time" and doc.published is None:
            doc.published = _meta_date(value)
    return text[match.end() :]


def looks_like_markdown(text: str) -> bool:
    """Markdown syntax a plain-text capture would not have: headings, links, images."""
    head = text[:20000]
    signals = (
        _FRONT_MATTER.match(head),
        re.search(r"^[ ]{0,3}#{1,6}[ \t]+\w", head, re.M),
        re.search(r"!?\[[^\]\n]+\]\([^)\s]+\)", head),
        re.search(r"^\s{0,3}>\s", head, re.M) and re.search(r"\*\*\S|\b_\S", head),
    )
    return any(signals)


# --- metadata ---------------------------------------------------------------------------------


def _front_matter(body: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    last = ""
    for line in body.split("\n"):
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and last:  # a YAML list under the previous key
            meta[last] = (meta[last] + ", " if meta[last] else "") + _unquote(item[1])
            continue
        found = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if found:
            last = found[1].casefold()
            meta[last] = _unquote(found[2])
    return meta


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value


def _meta_list(value: str) -> list[str]:
    value = value.strip().strip("[]")
    return [_unquote(v) for v in value.split(",") if _unquote(v)]


def _meta_date(value: str) -> date | datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return parse_date(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return found.date()
    return found


# --- inline Markdown --------------------------------------------------------------------------


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _inline(source: str, images: list[Image] | None = None) -> tuple[str, str]:
    """(plain text, safe inline html) of one Markdown line or paragraph."""
    text: list[str] = []
    markup: list[str] = []
    pos = 0
    for match in _INLINE.finditer(source):
        plain = _unescape(source[pos : match.start()])
        text.append(plain)
        markup.append(htmlmod.escape(plain, quote=False))
        pos = match.end()
        if match["isrc"] is not None:  # a picture inside a paragraph
            if images is not None:
                images.append(Image(alt=_alt(match["ialt"]), src=match["isrc"]))
            continue
        if match["ltext"] is not None:
            inner_text, inner_html = _inline(match["ltext"])
            url = match["url"]
            text.append(inner_text)
            if _UNSAFE_HREF.match(url):
                markup.append(inner_html)
            else:
                href = htmlmod.escape(url, quote=True)
                markup.append(f'<a href="{href}">{inner_html}</a>')
        elif match["auto"]:
            url = match["auto"]
            text.append(url)
            markup.append(f'<a href="{htmlmod.escape(url)}">{htmlmod.escape(url)}</a>')
        elif match["btext"] is not None:
            inner_text, inner_html = _inline(match["btext"])
            text.append(inner_text)
            markup.append(f"<strong>{inner_html}</strong>")
        elif match["itext"] is not None or match["utext"] is not None:
            inner_text, inner_html = _inline(match["itext"] or match["utext"])
            text.append(inner_text)
            markup.append(f"<em>{inner_html}</em>")
        else:
            text.append(match["code"])
            markup.append(htmlmod.escape(match["code"], quote=False))
    plain = _unescape(source[pos:])
    text.append(plain)
    markup.append(htmlmod.escape(plain, quote=False))
    return " ".join("".join(text).split()), " ".join("".join(markup).split())


def _alt(alt: str) -> str:
    # Jina reader numbers pictures: "Image 3: Crews at the bridge".
    return " ".join(re.sub(r"^Image\s+\d+\s*:\s*", "", _unescape(alt)).split())


# --- blocks -----------------------------------------------------------------------------------


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` carries on the paragraph of ``line`` (a hard-wrapped capture)
    rather than starting a new one (a capture that puts one paragraph per line)."""
    if not following.strip() or line.endswith(("  ", "\\")):
        return False  # a Markdown hard line break
    line, following = line.rstrip(), following.strip()
    if _key(first_part(line)) == _key(following):
        return False  # the page title, then the same headline again
    if (
        _LABEL_LINE.match(following)
        or _PHONE_OR_MAIL.search(following)
        or _CONTACT_LABEL.match(following)
        or _find_dateline(following, None)
        or _date_line(following)
        or _is_chrome(following.strip())
    ):
        return False
    if line.endswith((".", "!", "?", ":", "”", '"', ")", "’")):
        return False
    if line.endswith((",", ";", "-", "–", "—")) or following[:1].islower():
        return True
    return len(line) >= 60


def _paragraphs(lines: list[str], markdown: bool, first: bool = False) -> list[Block]:
    """The blocks of one run of plain lines (no blank line between them). The capture's
    first line is its title and never runs on into the next."""
    out: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            joined = " ".join(part.strip() for part in current)
            joined = re.sub(r"\\$", "", joined)
            if markdown:
                text, markup = _inline(joined)
            else:
                text, markup = " ".join(joined.split()), ""
            if text:
                out.append(Block(PARAGRAPH, text, markup))
            current.clear()

    for n, line in enumerate(lines):
        current.append(line.rstrip("\\ ") if markdown else line)
        if n + 1 < len(lines) and ((first and n == 0) or not _continues(line, lines[n + 1])):
            flush()
    flush()
    return out


def _blocks(lines: list[str], markdown: bool) -> tuple[list[Block], list[int], list[Image]]:
    """Blocks, each block's heading level (0 for other kinds), and the pictures named."""
    return _Capture(lines, markdown).read()


class _Capture:
    """Reads a capture line by line. Plain lines gather into a run until a blank line or a
    line of another kind ends it; the run then becomes paragraphs (or a setext heading)."""

    def __init__(self, lines: list[str], markdown: bool):
        self.lines = lines
        self.markdown = markdown
        self.blocks: list[Block] = []
        self.levels: list[int] = []
        self.images: list[Image] = []
        self.run: list[str] = []
        self.fresh_image: Image | None = None  # the picture just before, waiting for its caption

    def read(self) -> tuple[list[Block], list[int], list[Image]]:
        n = 0
        while n < len(self.lines):
            n = self._line(n)
        self._flush_run()
        return self.blocks, self.levels, self.images

    def _line(self, n: int) -> int:
        """Read the line at ``n`` (and any it carries with it); returns the next line's index.

        Each reader below returns None when the line is not of its kind."""
        line = self.lines[n]
        for reader in (self._blank, self._chrome, self._heading, self._picture, self._caption):
            after = reader(n, line)
            if after is not None:
                return after
        # Anything else between a picture and its caption means the picture has none.
        self.fresh_image = None
        for reader in (self._quotation, self._rule, self._list_item):
            after = reader(n, line)
            if after is not None:
                return after
        self.run.append(line)
        return n + 1

    # --- one reader per kind of line ---------------------------------------------------

    def _blank(self, n: int, line: str) -> int | None:
        if line.strip():
            return None
        self._flush_run()
        return n + 1

    def _chrome(self, n: int, line: str) -> int | None:
        stripped = line.strip()
        if not (_END_MARK.match(stripped) or _is_chrome(stripped)):
            return None
        self._flush_run()
        self._add(Block(PARAGRAPH, " ".join(stripped.split())))  # the newsroom rules drop it
        return n + 1

    def _heading(self, n: int, line: str) -> int | None:
        match = _HEADING.match(line) if self.markdown else None
        if not match:
            return None
        self._flush_run()
        text, markup = _inline(match["text"])
        self._add(Block(HEADING, text, markup), len(match["level"]))
        self.fresh_image = None
        return n + 1

    def _picture(self, n: int, line: str) -> int | None:
        image = self._picture_named(line)
        if image is None:
            return None
        self._flush_run()
        self.fresh_image = image
        self.images.append(image)
        return n + 1

    def _picture_named(self, line: str) -> Image | None:
        """A line that is only a picture: "![alt](src)" in Markdown, "[Image: alt]" in text."""
        if self.markdown:
            match = _IMAGE_ONLY.match(line)
            if not match:
                return None
            return Image(
                alt=_alt(match["alt"]), title=_unescape(match["title"] or ""), src=match["src"]
            )
        match = _TEXT_IMAGE.match(line)
        return Image(alt=" ".join(match["alt"].split())) if match else None

    def _caption(self, n: int, line: str) -> int | None:
        caption = _caption_of(line.strip(), self.markdown, self.fresh_image is not None)
        if caption is None or (self.run and _continues(self.run[-1], line)):
            return None
        self._flush_run()
        if self.fresh_image is not None and not self.fresh_image.caption:
            self.fresh_image.caption = caption
        elif any(_key(caption) in (_key(i.caption), _key(i.alt)) for i in self.images):
            # The capture printed the caption twice: one picture, and the newsroom rules
            # drop the repeated line.
            self._add(Block(PARAGRAPH, caption))
        else:
            self.images.append(Image(caption=caption))
        self.fresh_image = None
        return n + 1

    def _quotation(self, n: int, line: str) -> int | None:
        if not (self.markdown and _QUOTE_LINE.match(line)):
            return None
        self._flush_run()
        quoted: list[str] = []
        while n < len(self.lines) and (q := _QUOTE_LINE.match(self.lines[n])):
            quoted.append(q["text"])
            n += 1
        _quote_blocks(quoted, self.markdown, self._add)
        return n

    def _rule(self, n: int, line: str) -> int | None:
        # A rule alone is dropped; one right under text stays with the run, where it may
        # underline a setext heading.
        if self.markdown and _RULE.match(line) and not self.run:
            return n + 1
        return None

    def _list_item(self, n: int, line: str) -> int | None:
        match = _LIST_ITEM.match(line)
        if not match or _RULE.match(line):
            return None
        self._flush_run()
        item = [match["text"]]
        n += 1
        # Indented lines carry on the item.
        lines = self.lines
        while n < len(lines) and lines[n].startswith("  ") and lines[n].strip():
            if _LIST_ITEM.match(lines[n]):
                break
            item.append(lines[n].strip())
            n += 1
        joined = " ".join(item)
        text, markup = _inline(joined) if self.markdown else (" ".join(joined.split()), "")
        self._add(Block(LIST_ITEM, text, markup))
        return n

    # --- output --------------------------------------------------------------------------

    def _add(self, block: Block, level: int = 0) -> None:
        if block.text:
            self.blocks.append(block)
            self.levels.append(level)

    def _flush_run(self) -> None:
        if not self.run:
            return
        lines_run = list(self.run)
        self.run.clear()
        # A setext heading: "Title" over "=====" / "-----".
        if self.markdown and len(lines_run) >= 2 and _SETEXT.match(lines_run[-1]):
            level = 1 if "=" in lines_run[-1] else 2
            text, markup = _inline(" ".join(lines_run[:-1]))
            self._add(Block(HEADING, text, markup), level)
            return
        if not self.markdown and len(lines_run) >= 2 and re.fullmatch(r"\s*=+\s*", lines_run[-1]):
            self._add(Block(HEADING, " ".join(" ".join(lines_run[:-1]).split())), 1)
            return
        for block in _paragraphs(lines_run, self.markdown, first=not self.blocks):
            self._add(block)


def _caption_of(line: str, markdown: bool, after_image: bool) -> str | None:
    """The caption a line holds, when it is clearly one: "Photo: …", an italic line right
    under a Markdown picture, or a short line ending in a photo credit."""
    match = _CAPTION_LINE.match(line)
    if match:
        return _inline(match["text"])[0] if markdown else " ".join(match["text"].split())
    if markdown and after_image and (italic := _ITALIC_LINE.match(line)):
        return _inline(italic["a"] or italic["b"])[0]
    plain = _inline(line)[0] if markdown else " ".join(line.split())
    if _CREDIT_TAIL.search(plain) and len(plain.split()) <= 40:
        return plain
    return None


def _quote_blocks(quoted: list[str], markdown: bool, add) -> None:
    """A "> " quotation: its paragraphs, then an attribution line ("— Mayor Ines Park")."""
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            text, markup = _inline(" ".join(paragraph)) if markdown else (" ".join(paragraph), "")
            add(Block(QUOTE, text, markup))
            paragraph.clear()

    for line in quoted:
        if not line.strip():
            flush()
        elif re.match(r"^\s*(?:—|–|--|―|~)\s*\S", line):
            flush()
            add(Block(PARAGRAPH, *_inline(line.strip())))
        else:
            paragraph.append(line.strip())
    flush()


# --- headline candidates ----------------------------------------------------------------------


def _title_like(block: Block) -> bool:
    text = block.text
    return (
        0 < len(text.split()) <= 20
        and len(text) <= 160
        and not text.endswith((".", ",", ";", ":"))
        and not _is_chrome(text)
        and not _date_line(text)
        and not _find_dateline(text, None)
        and not _CONTACT_LABEL.match(text)
        and block.kind in (PARAGRAPH, HEADING)
    )


def _titles(found: list[str], blocks: list[Block], levels: list[int]) -> list[str]:
    """Headline candidates, most trusted first: front matter, the first "# " heading, the
    capture's first short lines (a page <title> with the site name, then its repeat)."""
    titles = list(found)
    top = _top_of_page(blocks)
    h1 = next((b.text for b, lv in zip(blocks, levels, strict=True) if lv == 1), None)
    if h1 and any(b.text == h1 for b in top):
        titles.append(h1)
    leading = _title_lines(top)[:3]
    if leading and not h1:
        titles += _first_line_titles(leading)
    elif leading:
        titles += [
            b.text
            for b in leading
            if b.text != h1 and _key(first_part(b.text)) == _key(first_part(h1 or ""))
        ]
    out: list[str] = []
    for title in titles:
        title = " ".join(title.split())
        if title and title not in out:
            out.append(title)
    return out


def _top_of_page(blocks: list[Block]) -> list[Block]:
    """The blocks before the story starts: up to ten, ending at the first long paragraph."""
    top = []
    for block in blocks:
        if block.kind in (PARAGRAPH, QUOTE, LIST_ITEM) and len(block.text.split()) > 20:
            break
        top.append(block)
        if len(top) >= 10:
            break
    return top


def _title_lines(top: list[Block]) -> list[Block]:
    """The lines at the top that could be a headline, past any media contact block."""
    leading = []
    contact_lines = 0
    for block in top:
        if _CONTACT_LABEL.match(block.text):
            contact_lines = 4  # "Media Contact:" then a name and a title are not headlines
            continue
        if contact_lines and len(block.text.split()) <= 6:
            contact_lines -= 1
            continue
        contact_lines = 0
        if _title_like(block):
            leading.append(block)
    return leading


def _first_line_titles(leading: list[Block]) -> list[str]:
    """With no "# " heading, the first title-like line; when a later line is the same title
    without the site's name, that bare one comes first."""
    first = leading[0].text
    # "Park reopens | City of Harlow Creek" then "Park reopens": the bare one first.
    twin = next(
        (
            b.text
            for b in leading[1:]
            if _key(_clean_title(b.text)) == _key(_clean_title(first))
            or _key(first).startswith(_key(b.text) + " ")
        ),
        None,
    )
    if twin and len(twin) < len(first):
        return [twin, first]
    return [first]


def first_part(title: str) -> str:
    """A page title without the site's name after it."""
    cleaned = _clean_title(title)
    if cleaned != title:
        return cleaned
    return re.split(r"\s+[|•·]\s+", title)[0]
