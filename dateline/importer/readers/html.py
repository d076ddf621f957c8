"""Saved web pages and HTML fragments: the main text as blocks, the article's pictures.

Pure Python (lxml, nh3, trafilatura). ``blocks_from_html`` is shared with the feed and
WordPress readers, so it decides what a block is for every HTML source; ``read_html`` adds
what only a whole page has: the title, date and address in its metadata, the CMS container
that holds the article, and the page chrome around it that must not be imported.
"""

from __future__ import annotations

import html as htmlmod
import json
import re
from datetime import date, datetime
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import nh3

from ..record import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    Block,
    Image,
    RawDocument,
    ReadError,
    Related,
)

# --- what the tags mean ------------------------------------------------------------------

DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "form", "input", "button", "select", "textarea", "video", "audio", "map", "head",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that end the running paragraph; their own inline content is a block of its kind.
BLOCK_KIND = {"p": PARAGRAPH, "li": LIST_ITEM, "dt": PARAGRAPH, "dd": PARAGRAPH,
              "pre": PARAGRAPH, "address": PARAGRAPH, "caption": PARAGRAPH}  # fmt: skip
BLOCK_KIND.update(dict.fromkeys(HEADINGS, HEADING))
CONTAINERS = {
    "div", "section", "article", "main", "body", "html", "ul", "ol", "dl", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "blockquote", "header", "footer", "aside", "nav",
    "center", "details", "summary", "fieldset", "hgroup", "menu",
}  # fmt: skip
SAFE_TAGS = {"a", "strong", "b", "em", "i", "br"}
UNSAFE_HREF = re.compile(r"\s*(?:javascript|vbscript|data):", re.I)

# [caption id="attachment_7" width="640"]<img …> The caption[/caption] (WordPress shortcode).
CAPTION_SHORTCODE = re.compile(r"\[caption\b([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
IMG_TAG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I | re.S)
ATTR_CAPTION = re.compile(r"""\bcaption\s*=\s*(["'])(.*?)\1""", re.S | re.I)

CAPTION_CLASS = re.compile(r"caption", re.I)
CREDIT_CLASS = re.compile(r"credit|photographer|copyright", re.I)
# A figure-like wrapper: the picture and its caption travel together.
FIGURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:wp-caption|image-caption|captioned|figure)(?:$|\s)", re.I
)
TRACKER_SRC = re.compile(
    r"(?:pixel|spacer|blank|transparent|1x1|tracking|beacon)\.(?:gif|png)"
    r"|/wp-includes/images/smilies/|s\.w\.org/images/core/emoji",
    re.I,
)


# --- fragments ---------------------------------------------------------------------------


def blocks_from_html(html: str) -> tuple[list[Block], list[Image]]:
    """Blocks (in document order) and pictures of an HTML fragment or a page's main content.

    Paragraphs, headings, list items and blockquotes become blocks; loose text separated by
    blank lines or by <br><br> (WordPress bodies often have no <p>) becomes paragraphs.
    Pictures become Images with the caption of their <figure>, wp-caption or [caption]; a
    caption is not also a block. Script, style and empty (or &nbsp;-only) blocks are dropped.
    """
    if not html or not html.strip():
        return [], []
    root = _parse_fragment(html)
    if root is None:
        return [], []
    return _Walker().run(root)


def _parse_fragment(markup: str) -> lxml.html.HtmlElement | None:
    markup = CAPTION_SHORTCODE.sub(_caption_shortcode, markup)
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None
    # A whole page passed as a fragment comes back as <div><html>…; the body is what counts.
    body = root.find(".//body")
    return body if body is not None else root


def _caption_shortcode(match: re.Match) -> str:
    attrs, inner = match.group(1), match.group(2)
    image = IMG_TAG.search(inner)
    caption = (inner[: image.start()] + inner[image.end() :]) if image else inner
    if not caption.strip():
        named = ATTR_CAPTION.search(attrs)  # the older form: [caption caption="…"]
        caption = named.group(2) if named else ""
    picture = image.group(0) if image else ""
    return f"<figure>{picture}<figcaption>{caption.strip()}</figcaption></figure>"


def _classes(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def collapse(text: str) -> str:
    return " ".join(text.split())


class _Walker:
    """Turns an element tree into blocks, keeping a running paragraph of inline content."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.images: list[Image] = []
        self.parts: list[tuple[str, str]] = []  # (safe html, text) of the running paragraph
        self.kind = PARAGRAPH
        self.quote_depth = 0

    def run(self, root) -> tuple[list[Block], list[Image]]:
        self.container(root, loose=True)
        self.flush()
        return self.blocks, self.images

    # The running paragraph -------------------------------------------------------------

    def flush(self, kind: str | None = None) -> None:
        parts, self.parts = self.parts, []
        text = collapse("".join(t for _, t in parts))
        if not text:
            return
        markup = "".join(h for h, _ in parts)
        markup = nh3.clean(markup, tags=SAFE_TAGS, attributes={"a": {"href"}}, link_rel=None)
        markup = re.sub(r"\s+", " ", markup).strip()
        # Line breaks at the edges of a block carry nothing.
        markup = re.sub(r"^(?:<br>\s*)+|(?:\s*<br>)+$", "", markup).strip()
        kind = kind or PARAGRAPH
        if self.quote_depth and kind == PARAGRAPH:
            kind = QUOTE
        self.blocks.append(Block(kind, text, markup))

    def text(self, value: str | None, loose: bool) -> None:
        if not value:
            return
        if loose and re.search(r"\n[ \t\r\xa0]*\n", value):
            # wpautop: a blank line between loose text is a paragraph break.
            pieces = re.split(r"\n[ \t\r\xa0]*\n", value)
            for n, piece in enumerate(pieces):
                if n:
                    self.flush()
                self.parts.append((htmlmod.escape(piece, quote=False), piece))
            return
        self.parts.append((htmlmod.escape(value, quote=False), value))

    def br(self) -> None:
        # Two breaks in a row (only blank text between) end the paragraph.
        for markup, text in reversed(self.parts):
            if markup == "<br>":
                while self.parts and self.parts[-1][0] != "<br>":
                    self.parts.pop()
                self.parts.pop()
                self.flush()
                return
            if text.strip():
                break
        self.parts.append(("<br>", "\n"))

    # Elements --------------------------------------------------------------------------

    def node(self, el, loose: bool) -> None:
        tag = _tag(el)
        if not tag or tag in DROP_TAGS or el.get("hidden") is not None:
            pass
        elif tag == "img":
            self.image(el, None)
        elif tag == "br":
            self.br()
        elif tag == "hr":
            self.flush()
        elif tag == "figure" or (tag in {"div", "span", "p"} and self.is_figure(el)):
            self.flush()
            self.figure(el)
        elif tag in BLOCK_KIND:
            self.flush()
            self.inline_children(el)
            self.flush(BLOCK_KIND[tag])
        elif tag in CONTAINERS:
            self.flush()
            quote = tag == "blockquote"
            self.quote_depth += quote
            self.container(el, loose=True)
            self.flush()
            self.quote_depth -= quote
        else:
            self.inline(el, loose)
        self.text(el.tail, loose)

    def container(self, el, loose: bool) -> None:
        self.text(el.text, loose)
        for child in el:
            self.node(child, loose)

    def inline_children(self, el) -> None:
        self.text(el.text, loose=False)
        for child in el:
            self.node(child, loose=False)

    def inline(self, el, loose: bool) -> None:
        tag = _tag(el)
        href = (el.get("href") or "").strip()
        # A link with nowhere safe to go (no href, javascript:) keeps only its words.
        keep = tag in SAFE_TAGS and not (tag == "a" and (not href or UNSAFE_HREF.match(href)))
        if keep:
            start = f'<a href="{htmlmod.escape(href)}">' if tag == "a" else f"<{tag}>"
            self.parts.append((start, ""))
        self.text(el.text, loose)
        for child in el:
            self.node(child, loose)
        if keep:
            self.parts.append((f"</{tag}>", ""))

    # Pictures --------------------------------------------------------------------------

    def is_figure(self, el) -> bool:
        """A wrapper holding one picture and its caption (wp-caption, image-caption…)."""
        if not FIGURE_CLASS.search(el.get("class", "")):
            return False
        return len(el.findall(".//img")) == 1

    def figure(self, el) -> None:
        caption_el = el.find(".//figcaption")
        if caption_el is None:
            caption_el = next(
                (
                    c
                    for c in el.iter()
                    if c is not el
                    and isinstance(c.tag, str)
                    and CAPTION_CLASS.search(c.get("class", ""))
                ),
                None,
            )
        credit_el = next(
            (c for c in el.iter() if isinstance(c.tag, str) and CREDIT_CLASS.search(_classes(c))),
            None,
        )
        credit = collapse(credit_el.text_content()) if credit_el is not None else ""
        caption = ""
        if caption_el is not None:
            caption = _text_without(caption_el, credit_el)
        imgs = el.findall(".//img")
        if not imgs:
            # A caption with no picture is still text the reader should see.
            if caption:
                self.parts.append((htmlmod.escape(caption, quote=False), caption))
                self.flush()
            return
        for img in imgs:
            self.image(img, (caption, credit))

    def image(self, img, captioned: tuple[str, str] | None) -> None:
        src = image_src(img)
        if is_tracker(img, src):
            return
        caption, credit = captioned or ("", "")
        self.images.append(
            Image(
                alt=collapse(img.get("alt", "")),
                caption=caption,
                credit=_credit(credit),
                title=collapse(img.get("title", "")),
                src=src,
            )
        )


def _text_without(el, skip) -> str:
    """The text of ``el`` leaving out the ``skip`` element (a credit inside a caption)."""
    pieces: list[str] = []

    def walk(node) -> None:
        if node is skip:
            if node.tail:
                pieces.append(node.tail)
            return
        if isinstance(node.tag, str) and _tag(node) in DROP_TAGS:
            pass
        else:
            if node.text:
                pieces.append(node.text)
            for child in node:
                walk(child)
        if node is not el and node.tail:
            pieces.append(node.tail)

    walk(el)
    return collapse("".join(pieces))


def _credit(value: str) -> str:
    # "Photo: Jo Lee" / "Photo by Jo Lee" / "(City of Harlow Creek)": the name is the credit.
    value = re.sub(r"^[\(\[]|[\)\]]$", "", value.strip())
    value = re.sub(r"^(?:photo|image|picture|credit|courtesy)(?:\s+by|\s+of)?\s*[:|–-]?\s*", "",
                   value, flags=re.I)  # fmt: skip
    return collapse(value)


def image_src(img) -> str:
    """The picture's address as written; lazy-loading pages keep it in data-src or srcset."""
    src = (img.get("src") or "").strip()
    if src and not src.startswith("data:"):
        return src
    for name in ("data-src", "data-lazy-src", "data-original", "data-orig-file"):
        value = (img.get(name) or "").strip()
        if value:
            return value
    srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
    if srcset:
        return srcset.split(",")[0].split()[0]
    return src


def is_tracker(img, src: str) -> bool:
    """Counting pixels, spacers and emoji: not pictures anyone would want in the release."""
    for name in ("width", "height"):
        value = (img.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 2:
            return True
    if "wp-smiley" in img.get("class", "") or "emoji" in img.get("class", ""):
        return True
    return bool(TRACKER_SRC.search(src))


# --- whole pages -------------------------------------------------------------------------


# Where CMSs put the article, most specific first. Each is an XPath over the page body.
def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


CMS_CONTAINERS = [
    # WordPress
    f"//*[{_has_class('entry-content')}]",
    f"//*[{_has_class('post-content')}]",
    # Drupal: the node's content holds the lead-image field and the body field.
    f"//*[{_has_class('node__content')}]",
    f"//*[{_has_class('field--name-body')}]",
    f"//*[{_has_class('field-name-body')}]",
    # CivicPlus-style news flash detail
    "//*[contains(translate(@id, 'NEWSFLAH', 'newsflah'), 'newsflash')]",
    f"//*[{_has_class('news_detail')} or {_has_class('news-detail')}]",
    f"//*[{_has_class('fr-view')}]",
    # Granicus / govDelivery-style and generic
    "//article",
    "//main",
    "//*[@role='main']",
    "//*[@id='main-content']",
    "//*[@id='content']",
    f"//*[{_has_class('content')}]",
]

# Class or id words that mark page chrome inside (or around) the article.
CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "share", "sharing",
    "sharethis", "addthis", "social", "cookie", "cookies", "consent", "gdpr", "sidebar",
    "widget", "search", "skip", "pagination", "pager", "print", "subscribe", "newsletter",
    "comments", "comment", "footer", "header", "masthead", "toolbar", "backlink", "back",
    "tags", "tag", "categories", "meta", "byline", "author", "date", "posted", "published",
    "timestamp", "related", "alert", "tools", "popup", "modal", "sr", "screen", "visually",
    "hidden",
}  # fmt: skip
CHROME_ELEMENTS = {"nav", "aside", "header", "footer", "form", "menu"}
# Lines that are page furniture even inside the article.
CHROME_LINE = re.compile(
    r"^(?:[«‹←<]\s*)?(?:back|return)\s+to\b.{0,60}$"
    r"|^(?:view|see)\s+all\b.{0,40}$"
    r"|^(?:share|share this|print|email|tweet|facebook|twitter|linkedin|print this page"
    r"|email this|share this page|font size|text size|translate)[:.!]?$"
    r"|^(?:posted|post\s+date|published|submitted|release\s+date)(?:\s+(?:on|date|by))?\s*:?\s*"
    r"(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}).{0,60}$"
    r"|^posted\s+(?:on|by)\b.{0,80}$"
    r"|^(?:tags?|categories|filed under)\s*:.{0,200}$",
    re.I,
)  # fmt: skip
RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+(?:news|stories|articles|links|content|releases|posts))?"
    r"|more\s+(?:news|stories|releases)(?:\s+.{0,30})?|you\s+(?:may|might)\s+also\s+like"
    r"|see\s+also|other\s+news(?:\s+in\s+.{1,40})?)\s*:?$",
    re.I,
)  # fmt: skip
NOT_A_STORY = re.compile(r"^(?:more|view all|see all|all news|read more|next|previous)\b", re.I)
LOGO_LIKE = re.compile(
    r"logo|icon|social|facebook|twitter|instagram|linkedin|youtube|share|avatar|badge|"
    r"sprite|seal|banner-ad|rss|print|email",
    re.I,
)
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
POSTED = re.compile(
    r"\b(?:posted(?:\s+on)?|post\s+date|published(?:\s+on)?|release\s+date|date\s+posted"
    r"|submitted\s+on)"
    r"\s*:?\s*(?:[A-Z][a-z]+day,?\s+)?"
    r"((?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*[AaPp]\.?[Mm]\.?)?)",
    re.I,
)
TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|»|•|·)\s+")
SITE_SEGMENT = re.compile(
    r"^(?:city of\b.*|.*\bcity hall|home|news|news flash|newsroom|news releases?|"
    r"press releases?|civicengage|.*,\s*(?:or|oregon))$",
    re.I,
)  # fmt: skip


def read_html(text: str, source: str) -> list[RawDocument]:
    """One release from a saved web page (or a fragment holding just the article).

    Titles come from the article's <h1>, then og:title, then <title>; the date from the
    page's metadata or its "Posted on" line; the address from the canonical link, og:url or
    the "saved from url=" comment a browser leaves. Blocks are the article's own text, found
    in a known CMS container (or by trafilatura when there is none), with page chrome left
    out. An explicit related-stories box becomes ``related``.
    """
    if "\x00" in text:
        raise ReadError("not an HTML page: the file holds binary data")
    if not re.search(r"<\s*[a-zA-Z][a-zA-Z0-9]*[\s/>]", text):
        raise ReadError("not an HTML page: no HTML elements found")
    whole_page = bool(re.search(r"<!doctype\s+html|<html\b|<body\b|<head\b", text, re.I))
    truncated = whole_page and not re.search(r"</html\s*>", text, re.I)
    try:
        page = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ReadError(f"not an HTML page: {error}") from None

    doc = RawDocument(source=source, format="html")
    meta = _meta(page)
    ld = _json_ld(page)
    for bad in page.xpath("//script|//style|//noscript|//template|//comment()"):
        _drop(bad)

    container = _main_container(page, text)
    article = _article_of(container)
    doc.titles = _titles(page, article, container, meta, ld)
    doc.published = _published(page, article, meta, ld)
    addresses = [
        _first(page.xpath("//link[@rel='canonical']/@href")),
        meta.get("og:url", ""),
        _saved_from(text),
        ld.get("url", "") if isinstance(ld.get("url"), str) else "",
    ]
    doc.url = next((a.strip() for a in addresses if a.strip()), "")
    absolute = next((a for a in addresses if a.startswith(("http://", "https://"))), "")
    if doc.url.startswith("/") and absolute:
        doc.url = urljoin(absolute, doc.url)  # Drupal writes canonical as a path
    doc.categories = _categories(page, meta)
    doc.author = meta.get("author", "") or meta.get("article:author", "")
    if doc.author.startswith("http"):
        doc.author = ""
    doc.related = _related(page)

    lead = _lead_images(article, container)
    has_h1 = any(True for _ in article.iter("h1"))
    _strip_chrome(container)
    if doc.titles and not has_h1:
        _drop_title(container, doc.titles[0])
    blocks, images = blocks_from_html(lxml.html.tostring(container, encoding="unicode"))
    doc.blocks = [b for b in blocks if not CHROME_LINE.match(b.text)]
    doc.images = _unique_images([i for i in lead + images if not _logo_like(i)])

    if not doc.blocks:
        raise ReadError("truncated or empty page: no article text found")
    if truncated:
        doc.warnings.append("page looks truncated (no closing </html>)")
    return [doc]


def _drop(el) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _first(values: list) -> str:
    for value in values:
        value = collapse(str(value))
        if value:
            return value
    return ""


def _meta(page) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in page.xpath("//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = collapse(el.get("content") or "")
        if key and value:
            if key == "article:tag":
                found[key] = found.get(key, "") + "\n" + value
            else:
                found.setdefault(key, value)
    return found


def _json_ld(page) -> dict:
    """The first Article-like object of the page's JSON-LD (headline, datePublished, url)."""
    for script in page.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [])
                kind = item.get("@type", "")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(str(k).endswith(("Article", "Posting", "Release")) for k in kinds):
                    return item
    return {}


def _saved_from(text: str) -> str:
    match = SAVED_FROM.search(text[:4000])
    return match.group(1) if match and match.group(1).startswith("http") else ""


def _words(el) -> set[str]:
    return {w.lower() for w in re.split(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])", _classes(el)) if w}


def _text_length(el) -> int:
    return sum(len(collapse(t)) for t in el.xpath(".//p//text()|.//li//text()"))


def _main_container(page, text: str):
    body = page.find("body")
    if body is None:
        body = page
    for xpath in CMS_CONTAINERS:
        found = [el for el in page.xpath(xpath) if not _in_chrome(el)]
        found = [el for el in found if collapse(el.text_content())]
        if found:
            # A listing or a sidebar can reuse the class: the article is the one with text.
            best = max(found, key=_text_length)
            if _text_length(best) or xpath.startswith(("//article", "//main")):
                return best
    found = _trafilatura_container(page, text)
    return found if found is not None else body


def _in_chrome(el) -> bool:
    for ancestor in el.iterancestors():
        if _tag(ancestor) in {"body", "html"}:
            break  # body classes describe the page ("one-sidebar"), not a region of it
        if _tag(ancestor) in CHROME_ELEMENTS - {"header"} or _words(ancestor) & {
            "sidebar", "nav", "navigation", "menu", "footer", "related"
        }:  # fmt: skip
            return True
    return False


def _trafilatura_container(page, text: str):
    """The smallest element holding the paragraphs trafilatura thinks are the article."""
    import trafilatura  # over a second to import; only pages in no known CMS layout need it

    try:
        extracted = trafilatura.extract(text, favor_recall=True, include_comments=False) or ""
    except Exception:  # trafilatura is a helper here; the page is read without it
        return None
    # Trafilatura rewrites tables as "| cell |" rows: match our text inside its lines.
    extracted = "\n".join(collapse(line) for line in extracted.splitlines())
    if len(extracted) < 30:
        return None
    hits = []
    for el in page.iter():
        if not isinstance(el.tag, str):
            continue
        own = [el.text or ""] + [child.tail or "" for child in el]
        if _tag(el) in BLOCK_KIND:
            own = [el.text_content()]
        # Old pages keep paragraphs as loose text between <br>s: the element owning the text.
        if any(len(collapse(t)) >= 30 and collapse(t) in extracted for t in own):
            hits.append(el.getparent() if _tag(el) in BLOCK_KIND else el)
    hits = [h for h in hits if h is not None]
    if not hits:
        return None
    # The deepest element holding nearly all of the article's text: a footer line that
    # trafilatura kept must not widen the article to the whole page.
    weight: dict = {}
    for el in hits:
        size = len(collapse(el.text_content()))
        for holder in (el, *el.iterancestors()):
            weight[holder] = weight.get(holder, 0) + size
    total = sum(len(collapse(el.text_content())) for el in hits)
    holders = [el for el, size in weight.items() if size >= 0.8 * total]
    return max(holders, key=lambda el: sum(1 for _ in el.iterancestors()), default=None)


def _article_of(container):
    """The article element around the container (it holds the h1 and the lead picture)."""
    if _tag(container) in {"article", "main"}:
        return container
    for ancestor in container.iterancestors():
        if _tag(ancestor) in {"article", "main"} or "post" in _words(ancestor):
            return ancestor
        if _tag(ancestor) == "body":
            break
    return container


def _titles(page, article, container, meta: dict, ld: dict) -> list[str]:
    titles: list[str] = []
    for scope in (article, container):
        heading = _first([h.text_content() for h in scope.iter("h1")])
        if heading:
            titles.append(heading)
            break
    else:
        # An h1 outside the article: not the site's name in the header or the footer.
        for h in page.iter("h1"):
            outside = not any(_tag(a) in {"header", "nav", "footer"} for a in h.iterancestors())
            if outside and collapse(h.text_content()):
                titles.append(collapse(h.text_content()))
                break
    if meta.get("og:title"):
        titles.append(_without_site(meta["og:title"], meta))
    if isinstance(ld.get("headline"), str):
        titles.append(collapse(ld["headline"]))
    title = page.find(".//title")
    if title is not None and collapse(title.text_content()):
        titles.append(_without_site(collapse(title.text_content()), meta))
    unique: list[str] = []
    for title in titles:
        if title and title.casefold() not in {t.casefold() for t in unique}:
            unique.append(title)
    return unique


def _without_site(title: str, meta: dict) -> str:
    """The page title without the site's name: "Pool reopens | City of Harlow Creek"."""
    site = meta.get("og:site_name", "").casefold()
    segments = TITLE_SEPARATORS.split(title)
    kept = [s for s in segments if s.casefold() != site and not SITE_SEGMENT.match(s)]
    if not kept or len(segments) == 1:
        return collapse(title)
    return collapse(max(kept, key=len)) if len(kept) > 1 else collapse(kept[0])


def _published(page, article, meta: dict, ld: dict) -> datetime | date | None:
    candidates = [
        meta.get("article:published_time"),
        ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None,
        meta.get("datepublished"),
    ]
    for el in page.xpath("//*[@itemprop='datePublished']"):
        candidates.append(el.get("datetime") or el.get("content") or el.text_content())
    times = article.xpath(".//time[@datetime]") or page.xpath("//time[@datetime]")
    candidates += [t.get("datetime") for t in times[:1]]
    candidates += [meta.get(k) for k in ("date", "dc.date", "dcterms.date", "pubdate")]
    candidates += page.xpath("//*[contains(@property, 'dc:date')]/@content")[:1]
    for value in candidates:
        parsed = parse_date(value or "")
        if parsed:
            return parsed
    match = POSTED.search(collapse(page.text_content()))
    return parse_date(match.group(1)) if match else None


def parse_date(value: str) -> datetime | date | None:
    """ISO 8601 as metadata writes it, or a "Posted on" date: "May 3, 2021 10:15 AM"."""
    value = collapse(value)
    if not value:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        if len(value) == 10:
            return date.fromisoformat(value)
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return date.fromisoformat(value[:10])
    value = re.sub(r"\s+at\s+", " ", value.replace(",", " ").replace(".", ""))
    value = collapse(re.sub(r"(?i)\b([ap])m\b", r"\1M", value))
    for fmt in ("%B %d %Y", "%b %d %Y", "%m/%d/%Y"):
        for time_fmt, keep_time in (("", False), (" %I:%M %p", True), (" %I:%M%p", True)):
            try:
                parsed = datetime.strptime(value, fmt + time_fmt)
            except ValueError:
                continue
            return parsed if keep_time else parsed.date()
    return None


def _categories(page, meta: dict) -> list[str]:
    values = meta.get("article:tag", "").split("\n")
    values += [
        a.text_content() for a in page.xpath("//a[contains(concat(' ', @rel, ' '), ' tag ')]")
    ]
    unique: list[str] = []
    for value in values:
        value = collapse(value)
        if value and value.casefold() not in {u.casefold() for u in unique}:
            unique.append(value)
    return unique


def _related(page) -> list[Related]:
    """An explicit related-stories box: its heading says so; its links are the stories."""
    for box in page.xpath("//aside|//section|//div|//nav"):
        heading = _box_heading(box)
        if not heading or not RELATED_HEADING.match(heading):
            continue
        found: list[Related] = []
        for link in box.iter("a"):
            headline = collapse(link.text_content())
            url = (link.get("href") or "").strip()
            if not headline or NOT_A_STORY.match(headline) or headline == heading:
                continue
            # A teaser repeats the story's link (picture, title, "read more"): one story.
            if any(r.url == url or r.headline.casefold() == headline.casefold() for r in found):
                continue
            found.append(Related(headline, url))
        if found:
            _drop(box)
            return found
    return []


def _box_heading(box) -> str:
    for el in box.iter():
        tag = _tag(el)
        if tag in HEADINGS or (tag in {"div", "span", "p", "strong"} and _words(el) & {
            "title", "heading", "header"
        }):  # fmt: skip
            return collapse(el.text_content())
        if tag in {"a", "p", "li"}:
            return ""  # text before any heading: not a titled box
    return ""


def _lead_images(article, container) -> list[Image]:
    """Pictures of the article that sit outside its text container (a featured image)."""
    if article is container:
        return []
    images: list[Image] = []
    for img in article.iter("img"):
        if container in img.iterancestors() or _in_chrome(img) or _chrome_like(img):
            continue
        figure = next(
            (a for a in img.iterancestors() if _tag(a) == "figure" or FIGURE_CLASS.search(
                a.get("class", ""))),
            None,
        )  # fmt: skip
        _blocks, found = blocks_from_html(
            lxml.html.tostring(figure if figure is not None else img, encoding="unicode")
        )
        images.extend(found)
    return images


def _chrome_like(el) -> bool:
    for node in [el, *el.iterancestors()]:
        if _tag(node) in {"body", "article", "main"}:
            return False
        if _tag(node) in CHROME_ELEMENTS - {"header"} or _words(node) & CHROME_WORDS - {
            "header", "date", "meta", "author", "byline"
        }:  # fmt: skip
            return True
    return False


def _strip_chrome(container) -> None:
    for el in list(container.iterdescendants()):
        if not isinstance(el.tag, str) or container not in el.iterancestors():
            continue  # inside something already dropped
        if _tag(el) in CHROME_ELEMENTS or _words(el) & CHROME_WORDS:
            _drop(el)
        elif _tag(el) == "h1":
            _drop(el)  # the headline: it is the title, not a block
        elif (
            _tag(el) not in BLOCK_KIND
            and len(el) == 0
            and CHROME_LINE.match(collapse(el.text_content()))
        ):
            # "<i>Posted May 3</i><br>" on old pages shares a paragraph with the text.
            _drop(el)


def _drop_title(container, title: str) -> None:
    """A page without an <h1> shows its headline in bold or big type: the title, not text."""
    for el in container.iterdescendants():
        if isinstance(el.tag, str) and collapse(el.text_content()).casefold() == title.casefold():
            _drop(el)
            return


def _logo_like(image: Image) -> bool:
    """Logos, icons and share buttons: never captioned, named for what they are."""
    name = image.src.rsplit("/", 1)[-1]
    alt = re.search(r"\b(?:logo|icon|share on|follow us|seal of)\b", image.alt, re.I)
    return not image.caption and bool(LOGO_LIKE.search(name) or alt)


def _unique_images(images: list[Image]) -> list[Image]:
    kept: list[Image] = []
    for image in images:
        if image.src and any(k.src == image.src for k in kept):
            continue
        kept.append(image)
    return kept
