"""The newsroom rules every format shares: from a reader's RawDocument to a release Record.

Pure standard-library code. Readers only say what a page *contained*; these rules say what
it *means* in a city newsroom: which line is the headline, where the dateline and the date
are, which lines are the old site's chrome (banners, end marks, share buttons, feed footers),
the media contact, the related stories, the photo captions and credits, the quotes and the
officials named. The rules lean towards keeping text: a line is only dropped when it is
clearly chrome or clearly a repeat the capture made (headline, caption, related headline);
ordinary body paragraphs are never de-duplicated.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import replace
from datetime import date

from dateline.officials.mentions import TITLE_FORMS

from .record import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    Block,
    Dateline,
    Image,
    Official,
    Quote,
    RawDocument,
    Record,
    Related,
)

__all__ = ["parse_date", "split_credit", "structure"]

# --------------------------------------------------------------------------------------------
# Text helpers.

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\xa0": " "})


def _norm(text: str) -> str:
    return " ".join((text or "").split())


def _key(text: str) -> str:
    """A comparison key: case, quote style, punctuation and spacing do not matter."""
    text = (text or "").translate(_QUOTE_CHARS).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’.-]+", text)


def _strip_tags(markup: str) -> str:
    return _norm(htmlmod.unescape(re.sub(r"<[^>]*>", " ", markup)))


def _lines(block: Block) -> list[str]:
    """The block's visual lines: a reader keeps <br> line breaks only in ``html``."""
    if block.html and re.search(r"<br\s*/?>", block.html, re.I):
        parts = [_strip_tags(p) for p in re.split(r"<br\s*/?>", block.html, flags=re.I)]
        return [p for p in parts if p]
    return [block.text] if block.text else []


def _html_drop_prefix(markup: str, count: int) -> str:
    """``markup`` without its first ``count`` visible characters (tags kept, emptied ones go).

    Visible text is counted the way readers build ``Block.text``: entities decoded and runs of
    whitespace (and <br>) counted as one space.
    """
    out: list[str] = []
    seen = 0
    space = True  # leading whitespace is not counted, as Block.text is stripped
    i = 0
    while i < len(markup):
        if seen >= count:
            out.append(markup[i:])
            break
        ch = markup[i]
        if ch == "<":
            end = markup.find(">", i)
            end = len(markup) - 1 if end < 0 else end
            tag = markup[i : end + 1]
            out.append(tag)
            if re.match(r"<br\b", tag, re.I) and not space:
                seen += 1
                space = True
            i = end + 1
            continue
        if ch == "&":
            match = re.match(r"&(#\d+|#x[0-9a-f]+|\w+);", markup[i:], re.I)
            if match:
                visible = htmlmod.unescape(match.group())
                i += len(match.group())
            else:
                visible = ch
                i += 1
        else:
            visible = ch
            i += 1
        if visible.isspace():
            if not space:
                seen += 1
                space = True
        else:
            seen += 1
            space = False
    result = "".join(out)
    # Tags the cut emptied ("<strong>HARLOW CREEK, Ore.</strong> –") carry nothing now.
    for _ in range(3):
        result = re.sub(r"<(b|strong|i|em)>\s*</\1>", "", result)
        result = re.sub(r"<a\b[^>]*>\s*</a>", "", result)
    result = result.strip()
    return re.sub(r"^(?:<br\s*/?>\s*)+", "", result).strip()


def _with_text(block: Block, text: str, cut: int | None = None) -> Block:
    """The block with new text; ``cut`` visible characters also dropped from its html."""
    text = _norm(text)
    markup = block.html
    if markup:
        markup = _html_drop_prefix(markup, cut) if cut is not None else htmlmod.escape(text)
    return replace(block, text=text, html=markup)


# --------------------------------------------------------------------------------------------
# Dates.

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DATE = (
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2})"
)
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)|\d{1,2}:\d{2}(?:\s*(?:PT|PST|PDT))?"


def parse_date(text: str, year: int | None = None) -> date | None:
    """The calendar date written in ``text`` (AP "Jan. 5, 2024", long, numeric), or None.

    A month and day without a year take ``year`` when given, else nothing is guessed.
    """
    text = _norm(text).strip("()[] ,.")
    text = re.sub(rf"^{_WEEKDAY},?\s+", "", text, flags=re.I)
    try:
        if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", text):
            found = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
            return date(found, int(m[1]), int(m[2]))
        if m := re.fullmatch(
            rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", text, re.I
        ):
            found = int(m[3]) if m[3] else year
            if found is None:
                return None
            return date(found, _MONTHS[m[1].rstrip(".").casefold()], int(m[2]))
        if m := re.fullmatch(rf"(\d{{1,2}})\s+({_MONTH}),?\s+(\d{{4}})", text, re.I):
            return date(int(m[3]), _MONTHS[m[2].rstrip(".").casefold()], int(m[1]))
    except ValueError:  # "Feb. 30" is not a day
        return None
    return None


_BANNER = (
    r"(?:for\s+immediate\s+release|immediate\s+release|news\s+release|press\s+release|"
    r"media\s+advisory|media\s+release|news\s+advisory|press\s+advisory|for\s+release)"
)
_BANNER_LINE = re.compile(rf"^{_BANNER}(?:\s*[-–—:|/]*\s*{_BANNER})*\s*[:.!]?$", re.I)
_DATE_LABEL = (
    r"(?:posted(?:\s+on)?|published(?:\s+on)?|released(?:\s+on)?|release\s+date|date|"
    r"issued(?:\s+on)?|(?:last\s+)?updated(?:\s+on)?|(?:last\s+)?modified(?:\s+on)?|"
    rf"{_BANNER}|on)"
)
_DATE_LINE = re.compile(
    rf"^(?:(?P<label>{_DATE_LABEL})\s*[:\-–—|]?\s*)?(?P<date>{_DATE})"
    rf"(?:\s*(?:at|,|@|-|–|—|\|)?\s*(?:{_TIME}))?"
    r"(?:\s*(?:\||·|•|[-–—]|by\b)\s*[^.]{0,60})?\.?$",
    re.I,
)


def _date_line(text: str) -> tuple[date | None, bool] | None:
    """For a line that is only a date ("Posted on: Monday, May 3, 2021 9:15 AM"): (date,
    whether it is an "updated" date), else None."""
    if len(text) > 120:
        return None
    match = _DATE_LINE.match(text)
    if not match:
        return None
    found = parse_date(match["date"])
    if found is None:
        return None
    label = (match["label"] or "").casefold()
    return found, "updated" in label or "modified" in label


# --------------------------------------------------------------------------------------------
# Chrome: lines the old site printed around every release.

_END_MARK = re.compile(
    r"^(?:(?:#\s*){3,}|-\s*30\s*-|[-–—]+\s*end\s*[-–—]+|end\s+of\s+release)$", re.I
)
_TRAILING_END_MARK = re.compile(r"\s+(?:#\s*){3,}$")
_SHARE_ANCHORS = {
    "share", "print", "email", "e-mail", "tweet", "facebook", "twitter", "linkedin", "back",
    "return", "bookmark", "pinterest", "reddit", "whatsapp", "nextdoor", "bluesky",
    "printer-friendly", "previous", "next",
}  # fmt: skip
_SHARE_WORDS = _SHARE_ANCHORS | {
    "this", "page", "article", "story", "post", "release", "on", "to", "news", "list", "the",
    "top", "copy", "link", "friendly", "version", "printer", "send", "a", "friend", "x", "via",
    "mail", "releases", "all", "and", "or", "item", "items", "newsroom", "rss",
}  # fmt: skip
_FOOTER_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^subscribe to (?:our|the|this)\b.{0,60}\b(?:rss|feeds?|newsletters?|news ?flash|"
        r"updates|alerts|e-?mails?)\b.{0,60}$",
        r"^this (?:article|post|story|release|item|entry) (?:was )?(?:originally |first )?"
        r"(?:appeared|published|posted) (?:first )?(?:on|in|at)\b.{0,120}$",
        r"^the post .{1,200} appeared first on .{1,120}$",
        r"^(?:originally|first) (?:published|posted) (?:on|at|in)\b.{0,120}$",
        r"^(?:read more|continue reading|read the full (?:story|release|article|post))\b"
        r".{0,80}$",
        r"^(?:©|\(c\)\s|copyright\b).{0,160}$",
        r"^all rights reserved\.?$",
        r"^skip to (?:the )?(?:main )?(?:content|navigation|main)\.?$",
        r"^powered by \S.{0,40}$",
        r"^(?:home|news|newsroom)\s*(?:>|»|›|/|\\)\s*.{0,160}$",  # a breadcrumb trail
        r"^(?:privacy policy|terms of use|site ?map|accessibility statement|contact us|"
        r"disclaimer|translate|select language|search|menu|home|news flash|back to top|"
        r"government websites by civicplus.*|[\[(]?\s*…\s*[\])]?|\[\.\.\.\]|\.\.\.)$",
    )
]


def _is_share_chrome(text: str) -> bool:
    words = [w for w in re.split(r"[^\w-]+", text.casefold()) if w]
    return (
        0 < len(words) <= 10
        and all(w in _SHARE_WORDS for w in words)
        and any(w in _SHARE_ANCHORS for w in words)
        and not text.rstrip().endswith((".", "?", "!"))
    )


def _is_nav_line(text: str) -> bool:
    """ "Home | News | Contact Us" kept from a menu: several short items, no sentence."""
    parts = [p.strip() for p in re.split(r"\s*[|•·]\s*", text) if p.strip()]
    return (
        len(parts) >= 3
        and len(text) <= 120
        and all(len(p.split()) <= 4 and not p.endswith((".", "?", "!")) for p in parts)
        and not re.search(r"\d{3}-\d{4}|@", text)
    )


def _is_chrome(text: str) -> bool:
    return bool(
        _BANNER_LINE.match(text)
        or _END_MARK.match(text)
        or _is_share_chrome(text)
        or any(p.match(text) for p in _FOOTER_PATTERNS)
        or _is_nav_line(text)
    )


# --------------------------------------------------------------------------------------------
# Headline.

# " | City of Harlow Creek", " - Harlow Creek, OR", " – News Flash": the part after the last
# separator names the site, not the story.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|•|·|::|»)\s+")
_SITE_NAME = re.compile(
    r"^(?:(?:the\s+)?(?:official\s+)?(?:city|town|village|county|borough|township|port)\s+of\b.*"
    r"|.*,\s*(?:[A-Z]{2}|[A-Z][a-z]{1,4}\.|Oregon|Washington|California|Idaho)"
    r"|.*\b(?:official\s+website|website|civicengage|civicplus|granicus|news\s*flash|"
    r"newsroom|news\s+releases?|press\s+releases?|news|press\s+room|city\s+hall)"
    r")$",
    re.I,
)


def _clean_title(title: str) -> str:
    title = _norm(title)
    while True:
        parts = _SEPARATOR.split(title)
        if len(parts) < 2:
            return title
        head = title[: title.rfind(parts[-1])].rstrip()
        head = re.sub(r"\s*(?:\||-|–|—|•|·|::|»)$", "", head)
        suffix = parts[-1]
        if len(suffix.split()) > 6 or not _SITE_NAME.match(suffix) or len(head.split()) < 2:
            # A "News Flash • Park reopens" prefix is the same site chrome at the front.
            if len(parts[0].split()) <= 3 and re.fullmatch(
                r"(?:news\s*flash|news|press\s+release|news\s+release|media\s+advisory)",
                parts[0],
                re.I,
            ):
                title = title[len(parts[0]) :].lstrip(" |-–—•·:»")
                continue
            return title
        title = head


# --------------------------------------------------------------------------------------------
# Datelines.

_AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
    "DC": "D.C.", "AK": "Alaska", "HI": "Hawaii", "ID": "Idaho", "IA": "Iowa", "ME": "Maine",
    "OH": "Ohio", "TX": "Texas", "UT": "Utah",
}  # fmt: skip
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming"
)
_AP_BY_KEY = {v.casefold(): v for v in _AP_STATES.values()}
_STATE = (
    "(?:"
    + "|".join(re.escape(v) for v in sorted(_AP_STATES.values(), key=len, reverse=True))
    + f"|{_STATE_NAMES}|"
    + "|".join(_AP_STATES)
    + ")"
)
_DASH = r"(?:\s+(?:--|-|–|—|―)\s+|\s*(?:--|–|—|―)\s*)"
_CAPS_CITY = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]*){0,3}"
_TITLE_CITY = r"[A-Z][a-z'’.\-]+(?:\s+(?:[A-Z][a-z'’.\-]+|de|la|del)){0,3}"
_DATELINE = re.compile(
    rf"^(?P<city>{_CAPS_CITY}|{_TITLE_CITY})(?:,\s*(?P<state>(?i:{_STATE})))?"
    rf"(?:\s*\((?P<date1>[^()]{{3,40}})\)|,\s*(?P<date2>(?i:{_DATE})))?"
    rf"(?P<dash>{_DASH}|$)"
)
_PAREN_DATELINE = re.compile(
    rf"^\((?P<city>{_CAPS_CITY}|{_TITLE_CITY})(?:,\s*(?P<state>(?i:{_STATE})))?\)"
    rf"(?P<dash>{_DASH}|$)"
)


def _title_case_word(word: str) -> str:
    # "MCMINNVILLE" cannot be told from "Mcminnville"; "O'FALLON" and "WINSTON-SALEM" can.
    return re.sub(r"[A-Za-z]+", lambda m: m.group().capitalize(), word.lower())


def _place(city: str, state: str | None) -> str:
    city = _norm(city)
    if city.isupper():
        city = " ".join(_title_case_word(w) for w in city.split())
    if state:
        state = _norm(state)
        state = _AP_STATES.get(state, _AP_BY_KEY.get(state.casefold(), state))
        if state.isupper() and len(state) > 2:
            state = state.title()
        return f"{city}, {state}"
    return city


def _find_dateline(text: str, year: int | None) -> tuple[Dateline, int] | None:
    """A dateline at the start of ``text``: (Dateline, length of the prefix to drop)."""
    for pattern in (_DATELINE, _PAREN_DATELINE):
        match = pattern.match(text)
        if not match:
            continue
        city, state = match["city"], match["state"]
        if not (city.isupper() or state or pattern is _PAREN_DATELINE):
            continue  # "Residents — " is a sentence; a title-case city needs its state
        if city.isupper() and len(re.sub(r"[^A-Z]", "", city)) < 3:
            continue
        if not match["dash"] and match.end() < len(text):
            continue
        raw_date = match.groupdict().get("date1") or match.groupdict().get("date2")
        found = parse_date(raw_date, year) if raw_date else None
        if raw_date and found is None and match.groupdict().get("date1"):
            continue  # "(KHCR)" is not a date
        return Dateline(_place(city, state), found), match.end()
    return None


# --------------------------------------------------------------------------------------------
# Media contact.

_CONTACT_LABEL = re.compile(
    r"^(?:\*\*)?(?:(?:media|press|news|public\s+information)\s+)?(?:contacts?|inquiries)"
    r"(?:\s+information)?\s*:(?:\*\*)?\s*(?P<rest>.*)$"
    r"|^(?:for\s+(?:more|further|additional)\s+information|for\s+media\s+inquiries|"
    r"media\s+inquiries|more\s+information),?\s*(?:please\s+)?(?:contact)?\s*:\s*(?P<rest2>.*)$"
    r"|^(?P<alone>(?:media|press)\s+contacts?|contacts?)$",
    re.I,
)
_PHONE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}|\b\d{3}-\d{4}\b")


def _contact_line(text: str) -> bool:
    """A short line of a contact block: a name, a title, a phone number, an address."""
    if not text or len(text) > 90 or _is_chrome(text) or _date_line(text):
        return False
    if _PHONE.search(text) or "@" in text:
        return True
    words = text.split()
    if re.search(r"[.!?]$", text.rstrip(")")) and not re.search(r"\b[A-Z][a-z]{0,3}\.$", text):
        return False  # a sentence, unless it ends in "Jr." or "Dept."
    # A name, a job title, "Name, Title": a headline-length line with no comma is not one.
    return len(words) <= 6 or ("," in text and len(words) <= 10)


def _take_contacts(blocks: list[Block], stop: set[str]) -> tuple[str, list[Block]]:
    found: list[str] = []
    kept: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        lines = _lines(block)
        match = _CONTACT_LABEL.match(lines[0]) if lines and block.kind != QUOTE else None
        if not match:
            kept.append(block)
            i += 1
            continue
        rest = (match["rest"] or match["rest2"] or "").strip()
        contact = [rest] if rest else []
        contact += lines[1:]
        i += 1
        while len(contact) < 4 and i < len(blocks) and blocks[i].kind != HEADING:
            more = _lines(blocks[i])
            if not more or not all(_contact_line(line) for line in more):
                break
            if len(contact) + len(more) > 4:
                break
            if _CONTACT_LABEL.match(more[0]) or _key(blocks[i].text) in stop:
                break
            contact += more
            i += 1
        for line in contact:
            if line not in found:
                found.append(line)
    return "\n".join(found), kept


# --------------------------------------------------------------------------------------------
# Related stories.

_RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+(?:stories|story|news|articles?|links?|posts?|content|items|releases|"
    r"information|coverage))?|more\s+(?:news|stories|headlines|releases|from\s+the\s+city)|"
    r"you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|see\s+also|other\s+news|"
    r"recent\s+(?:news|releases|stories|posts)|latest\s+news|also\s+in\s+the\s+news)"
    r"\s*:?\s*(?P<rest>.*)$",
    re.I,
)
_LINK = re.compile(r"<a\b[^>]*\bhref\s*=\s*([\"'])(.*?)\1[^>]*>(.*?)</a>", re.I | re.S)


def _related_item(block: Block) -> tuple[str, str, bool]:
    """(headline, url, has link) of one line of a related list."""
    links = _LINK.findall(block.html) if block.html else []
    if len(links) == 1:
        text = _strip_tags(links[0][2]) or block.text
        return text, htmlmod.unescape(links[0][1]), True
    return block.text, "", False


def _take_related(blocks: list[Block]) -> tuple[list[Related], list[Block]]:
    found: list[Related] = []
    kept: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        match = _RELATED_HEADING.match(block.text)
        short_heading = block.kind == HEADING or len(block.text.split()) <= 6
        if not match or not short_heading or (match["rest"] and block.kind == HEADING):
            kept.append(block)
            i += 1
            continue
        items: list[tuple[str, str, bool]] = []
        if match["rest"]:  # "Related: Council adopts budget"
            items.append((match["rest"], *_related_item(block)[1:]))
        i += 1
        while i < len(blocks):
            nxt = blocks[i]
            words = len(nxt.text.split())
            if nxt.kind == HEADING and not _LINK.search(nxt.html or ""):
                break
            if _CONTACT_LABEL.match(nxt.text) or _END_MARK.match(nxt.text):
                break
            linked = any(link for _, _, link in items)
            # A teaser under a linked headline may be a sentence; a bare line must be short.
            if words > (40 if linked else 20):
                break
            items.append(_related_item(nxt))
            i += 1
        linked = any(link for _, _, link in items)
        for text, url, link in items:
            if linked and not link:
                continue  # the teaser or the repeated headline under a link
            if _date_line(text) or _is_chrome(text):
                continue
            found.append(Related(_norm(text), url))
    return found, kept


def _merge_related(first: list[Related], second: list[Related]) -> list[Related]:
    out: list[Related] = []
    for item in [*first, *second]:
        item = Related(_norm(item.headline), item.url or "")
        same = next(
            (
                r
                for r in out
                if _key(r.headline) == _key(item.headline) or (item.url and r.url == item.url)
            ),
            None,
        )
        if same is None:
            if item.headline:
                out.append(item)
        elif not same.url and item.url:
            same.url = item.url
    return out


# --------------------------------------------------------------------------------------------
# Images, captions, credits.

_CREDIT_TAIL = [
    re.compile(p, re.I)
    for p in (
        r"\s*[(\[]\s*(?:photo|image|photograph|picture)s?\s+(?:by|courtesy(?:\s+of)?)\s*:?\s*"
        r"(?P<c>[^()\[\]]+?)\s*[)\]]\.?$",
        r"\s*[(\[]\s*(?:photo|image|photo\s+credit|credit)\s*:\s*(?P<c>[^()\[\]]+?)\s*[)\]]\.?$",
        r"\s*[(\[]\s*courtesy(?:\s+of)?\s+(?P<c>[^()\[\]]+?)\s*[)\]]\.?$",
        r"(?:^|(?<=[.!?”\"])\s+|\s+[|/–—-]\s+)(?:photo|image|photograph|picture)s?\s+"
        r"(?:by|courtesy(?:\s+of)?)\s*:?\s+(?P<c>[^.]+?(?:\s[A-Z]\.)?[^.]*?)\.?$",
        r"(?:(?<=[.!?”\"])\s+|\s+[|/–—-]\s+)(?:photo|image|photo\s+credit)\s*:\s*"
        r"(?P<c>[^.]+?)\.?$",
        r"(?:^|(?<=[.!?”\"])\s+|\s+[|/–—-]\s+)(?:photo\s+)?credit\s*:\s*(?P<c>[^.]+?)\.?$",
    )
]
_CAPTION_LABEL = re.compile(
    r"^(?:photo(?:\s+caption)?|caption|cutline|pictured|image|above|top|below)\s*:\s*", re.I
)


def split_credit(caption: str) -> tuple[str, str]:
    """(caption, credit) of a caption that ends in a photo credit.

    "Crews at work. (Photo by Sam Ortiz)" → ("Crews at work.", "Sam Ortiz").
    """
    caption = _norm(caption)
    for pattern in _CREDIT_TAIL:
        match = pattern.search(caption)
        if match:
            return caption[: match.start()].strip(), match["c"].strip()
    return caption, ""


def _caption_text(text: str) -> str:
    return _CAPTION_LABEL.sub("", _norm(text)).strip()


def _images(
    raw_images: list[Image], blocks: list[Block], warnings: list[str]
) -> tuple[list[Image], list[Block]]:
    """The release's pictures with their captions and credits, and the body without the
    caption lines the capture printed beside them."""
    images: list[Image] = []
    repeats: list[set[str]] = []  # per picture: the texts that, as a body line, repeat it
    for raw in raw_images:
        image, keys = _image(raw)
        images.append(image)
        repeats.append(keys)

    kept: list[Block] = []
    warned = False
    for block in blocks:
        if block.kind != QUOTE:
            line = _CaptionLine(block.text)
            if line.repeats_a_picture(images, repeats) or line.fills_a_picture(images, repeats):
                continue
            if line.is_caption and not warned:
                warnings.append("caption without image")
                warned = True
        kept.append(block)
    return images, kept


def _image(raw: Image) -> tuple[Image, set[str]]:
    """A picture as the reader found it, with its credit taken out of the caption; and the
    comparison keys of its alt text, caption and title."""
    alt, title = _norm(raw.alt), _norm(raw.title)
    caption, credit = split_credit(_caption_text(raw.caption))
    credit = _norm(raw.credit) or credit
    if credit and caption.endswith(credit):  # a reader's credit also left in the caption
        caption = split_credit(caption)[0]
    if alt and _key(alt) == _key(_norm(raw.caption)):
        alt = caption or alt  # one text, not two; the credit belongs in its own field
    keys = {_key(x) for x in (alt, caption, _norm(raw.caption), title) if x}
    image = Image(alt=alt, caption=caption, credit=credit, title=title, src=raw.src)
    return image, keys - {""}


class _CaptionLine:
    """A body line that may be a picture's caption or credit, printed as text by the capture."""

    def __init__(self, text: str):
        bare = _caption_text(text)
        self.caption, self.credit = split_credit(bare)
        self.keys = {_key(text), _key(bare), _key(self.caption)} - {""}
        self.labelled = bool(_CAPTION_LABEL.match(text)) and len(text.split()) <= 60
        self.is_caption = self.labelled or bool(self.credit and not self.caption)

    def repeats_a_picture(self, images: list[Image], repeats: list[set[str]]) -> bool:
        """The caption (or the alt text) of a picture, printed again as its own line: it goes,
        and fills in what the picture lacks."""
        hit = next((n for n, keys in enumerate(repeats) if self.keys & keys), None)
        if hit is None:
            return False
        image = images[hit]
        if not image.caption:
            image.caption = self.caption
        if self.credit and not image.credit:
            image.credit = self.credit
        return True

    def fills_a_picture(self, images: list[Image], repeats: list[set[str]]) -> bool:
        """A "Photo: …" line or a bare credit line: it belongs to the first picture still
        without one."""
        if not self.is_caption:
            return False
        labelled = self.labelled
        spare = next((im for im in images if not (im.caption if labelled else im.credit)), None)
        if spare is None:
            return False
        if self.labelled:
            spare.caption = self.caption
        if self.credit and not spare.credit:
            spare.credit = self.credit
        repeats[images.index(spare)] |= self.keys
        return True


# --------------------------------------------------------------------------------------------
# Officials.

_EXTRA_TITLES = (
    "Deputy City Manager", "Interim City Manager", "Acting City Manager", "Deputy Police Chief",
    "Deputy Fire Chief", "Assistant Police Chief", "Assistant Fire Chief", "Fire Marshal",
    "City Engineer", "City Treasurer", "City Auditor", "City Recorder", "Communications Officer",
    "Communications Manager", "Public Information Officer", "Emergency Manager",
    "Police Captain", "Police Lieutenant", "Library Director", "Finance Director",
    "Planning Director", "Utilities Director", "Community Development Director",
    "Human Resources Director", "Economic Development Director", "Housing Director",
    "Transportation Director", "Planning Manager", "Deputy Mayor", "Council President",
    "Council Vice President",
)  # fmt: skip
# "Alder" is also a tree, a creek and a street here: without a roster it names no one.
_AMBIGUOUS_TITLES = {"Alder", "Alders"}
_ALL_TITLES = sorted(
    {form for forms in TITLE_FORMS.values() for form in forms} - _AMBIGUOUS_TITLES
    | set(_EXTRA_TITLES)
    | {t + "s" for t in _EXTRA_TITLES},
    key=len,
    reverse=True,
)
_TITLE_ALT = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in _ALL_TITLES)
# "Director of Public Works", "Director of Parks and Recreation" (department words capitalized).
_DIRECTOR_OF = r"(?:Deputy\s+|Assistant\s+|Interim\s+|Acting\s+)?Directors?\s+of\s+(?:the\s+)?"
_TITLE_RE = re.compile(rf"(?<![\w'’-])(?:(?P<dof>{_DIRECTOR_OF})|(?i:{_TITLE_ALT})(?![\w'’-]))")
_BLOCKING = re.compile(r"(?:\b(?:former|ex|late|then|retired|incoming)\s+)$", re.I)
_STOP = {
    "The", "A", "An", "On", "In", "At", "And", "Or", "But", "Of", "For", "To", "By", "With",
    "City", "Council", "Office", "Department", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "This", "That", "Today",
    "Tonight", "He", "She", "They", "We", "It", "His", "Her", "Their", "Our", "Said", "Says",
    "Who", "When", "Where", "What", "Why", "How", "Mr", "Ms", "Mrs", "Dr",
}  # fmt: skip
# Words that end a name but are not part of it ("Mayor Ines Park Tuesday").
_NOT_NAME_END = _STOP - {"May", "June", "April"}
_NAME_WORD = r"[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]\.|[A-Z][A-Z'’-]+"
_NAME_AT = re.compile(rf"(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,3}}")
_POSSESSIVE = re.compile(r"['’]s?$")


def _name_at(text: str, pos: int) -> tuple[str, int] | None:
    """The person's name starting at ``pos``: (name, end), or None when no name starts there."""
    match = _NAME_AT.match(text, pos)
    if not match:
        return None
    words = match.group().split()
    # Stop before the next title ("Mayor Ines Park Police Chief Dana Ruiz" is two people).
    kept: list[str] = []
    for word in words:
        if kept and _TITLE_RE.match(text, pos + len(" ".join(kept)) + 1):
            break
        kept.append(word)
        if word.endswith(("'s", "’s")):
            break
    while kept and kept[-1].rstrip(".,") in _NOT_NAME_END:
        kept.pop()
    if not kept or kept[0] in _STOP or kept[0].endswith("."):
        return None
    end = pos + len(" ".join(kept))
    name = (
        _POSSESSIVE.sub("", " ".join(kept)) if kept[-1].endswith(("'s", "’s")) else " ".join(kept)
    )
    return name, end


def _singular(role: str) -> str:
    """The singular of a written plural title: "Councilmembers" → "Councilmember"."""
    lowered = {t.casefold() for t in _ALL_TITLES}
    words = role.split()
    for n, word in enumerate(words):
        for plural, single in (("women", "woman"), ("men", "man"), ("s", "")):
            if word.casefold().endswith(plural):
                candidate = words[:n] + [word[: len(word) - len(plural)] + single] + words[n + 1 :]
                if " ".join(candidate).casefold() in lowered:
                    return " ".join(candidate)
    if re.match(r"Directors\s+of\b", role):
        return "Director" + role[len("Directors") :]
    return role


def _is_plural_title(role: str) -> bool:
    return _singular(role) != role


_DEPARTMENT = re.compile(
    r"(?:[A-Z][\w&'’-]*)(?:\s+(?:and|&|of)\s+[A-Z][\w&'’-]*|\s+[A-Z][\w&'’-]*)*"
)


def _title_at(text: str, match: re.Match) -> tuple[str, int] | None:
    """The title as written at ``match`` and where the name should start."""
    title = match.group()
    end = match.end()
    if match["dof"]:
        dept = _DEPARTMENT.match(text, end)
        if not dept:
            return None
        # The department and the name run together; the name is the last two words.
        words = dept.group().split()
        if len(words) < 3:
            return None
        name_words = 2 if not re.fullmatch(r"[A-Z]\.", words[-2]) else 3
        department = " ".join(words[:-name_words])
        title = f"{_norm(title)} {department}"
        end = text.find(words[-name_words], end + len(department))
        return title, end
    if not title[0].isupper() and " " not in _norm(title):
        return None  # "the mayor" is not a title before a name; "city manager" may be
    if title.split()[0].casefold() in {"chief", "chiefs", "director", "directors"} and not (
        title[0].isupper()
    ):
        return None
    return _norm(title), end


# Between the names a plural title governs: ", " / ", and " / " and " / " & ".
_NAME_LIST_SEPARATOR = re.compile(r"(?:\s*,\s*(?P<and>and\s+|&\s*)?|\s+(?P<and2>and|&)\s+)")
# "Dana Ruiz, the city's police chief" — a title in apposition after a full name.
_APPOSITIVE = re.compile(
    rf"(?P<name>(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{1,2}}),\s+(?:the\s+)?"
    r"(?:(?:city|town|county|Harlow Creek)['’]s\s+)?"
    rf"(?P<title>(?i:{_TITLE_ALT}))(?=\s*(?:[,.;)]|$|\s+(?:said|says|and|who|will|has|is|"
    r"was|added)\b))"
)


def _officials_in(text: str) -> list[tuple[int, Official]]:
    """(position, official) of everyone ``text`` names with a title, before or after them."""
    found: list[tuple[int, Official]] = []
    for match in _TITLE_RE.finditer(text):
        found += [(match.start(), official) for official in _named_after(text, match)]
    for match in _APPOSITIVE.finditer(text):
        words = match["name"].split()
        if any(w in _STOP for w in words) or words[0].endswith("."):
            continue
        found.append((match.start(), Official(match["name"], _norm(match["title"]))))
    return found


def _named_after(text: str, match: re.Match) -> list[Official]:
    """The officials a title at ``match`` introduces: one, or a list after a plural title."""
    if _BLOCKING.search(text[: match.start()]):
        return []  # "former Mayor Ana Ruiz" is not the mayor now
    titled = _title_at(text, match)
    if titled is None:
        return []
    role, pos = titled
    if not text[pos : pos + 1].isspace() and not match["dof"]:
        return []
    if _is_plural_title(role):
        return _names_listed(text, pos, _singular(role))
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    named = _name_at(text, pos)
    return [Official(named[0], role)] if named and _full_name(named[0]) else []


def _names_listed(text: str, pos: int, role: str) -> list[Official]:
    """ "Councilmembers Ana Ruiz, Bo Chen and Cy Diaz": the list ends after the name that
    follows "and", or where the next title starts."""
    while pos < len(text) and text[pos] in " \t,":
        pos += 1
    found: list[Official] = []
    last = False
    while (named := _name_at(text, pos)) is not None:
        name, end = named
        if _full_name(name):
            found.append(Official(name, role))
        rest = None if last else _NAME_LIST_SEPARATOR.match(text, end)
        if rest is None or _TITLE_RE.match(text, rest.end()):
            break
        pos = rest.end()
        last = bool(rest["and"] or rest["and2"])
    return found


def _full_name(name: str) -> bool:
    # A surname alone could be anyone; only "Firstname Surname" is recorded.
    return len(name.split()) >= 2


def _officials(texts: list[str]) -> list[Official]:
    out: list[Official] = []
    seen: set[str] = set()
    for text in texts:
        for _, official in sorted(_officials_in(text), key=lambda x: x[0]):
            key = _key(official.name)
            if key not in seen:
                seen.add(key)
                out.append(official)
    return out


# --------------------------------------------------------------------------------------------
# Quotes.

_VERB = (
    r"(?:said|says|added|adds|noted|notes|explained|explains|stated|states|continued|"
    r"remarked|wrote|writes|told\s+\w+|recalled|emphasized|urged|agreed)"
)
_WHO = (
    rf"(?:(?:(?i:{_TITLE_ALT})|{_DIRECTOR_OF}[A-Z][\w&]*(?:\s+(?:and\s+)?[A-Z][\w&]*)*)\s+)?"
    rf"(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,2}}"
)
_ROLE_ONLY = rf"the\s+(?:(?:city|town)['’]s\s+)?(?P<role>(?i:{_TITLE_ALT}))"
_AFTER = [
    re.compile(rf"^\s*,?\s*{_VERB}\s+(?P<who>{_WHO})"),
    re.compile(rf"^\s*,?\s*(?P<who>{_WHO})\s+{_VERB}\b"),
    re.compile(rf"^\s*,?\s*{_VERB}\s+{_ROLE_ONLY}\b"),
    re.compile(rf"^\s*,?\s*{_ROLE_ONLY}\s+{_VERB}\b"),
]
_BEFORE = [
    re.compile(
        rf"(?P<who>{_WHO})(?:,\s+[^,“”\"]{{1,80}},)?\s+{_VERB}(?:\s+\w+){{0,3}}\s*[,:]?\s*$"
    ),
    re.compile(rf"{_ROLE_ONLY}\s+{_VERB}(?:\s+\w+){{0,3}}\s*[,:]?\s*$"),
    re.compile(rf"according\s+to\s+(?P<who>{_WHO})\s*[,:]?\s*$"),
]


def _quote_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, inner text, closed) of each quotation in ``text``; the last may run on."""
    spans = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in '“"':
            close = "”" if ch == "“" else '"'
            j = text.find(close, i + 1)
            if ch == "“" and j < 0:
                j = text.find('"', i + 1)
            if j < 0:
                spans.append((i, len(text), text[i + 1 :], False))
                break
            spans.append((i, j + 1, text[i + 1 : j], True))
            i = j + 1
            continue
        i += 1
    return spans


def _clean_quote(text: str) -> str:
    text = _norm(text).strip().strip('“”"')
    return re.sub(r"\s*,$", "", text).strip()


def _who_name(who: str) -> str:
    """ "Mayor Ines Park" → "Ines Park"; the title is the role, not the name."""
    who = _norm(who)
    match = _TITLE_RE.match(who)
    if match:
        titled = _title_at(who, match)
        if titled:
            who = who[titled[1] :].strip()
    named = _name_at(who, 0)
    return named[0] if named else ""


class _Speakers:
    """Turns an attribution into the speaker's full name as first written in the release."""

    def __init__(self, text: str, officials: list[Official]):
        self.text = text
        self.officials = officials

    def resolve(self, name: str) -> str:
        if not name or len(name.split()) > 1:
            return name
        for official in self.officials:
            if official.name.split()[-1] == name:
                return official.name
        # The first "Firstname Surname" anywhere in the release.
        for match in re.finditer(
            rf"((?:(?:{_NAME_WORD})\s+){{1,2}}){re.escape(name)}\b", self.text
        ):
            words = [w for w in match.group(1).split() if w not in _STOP]
            while words and _TITLE_RE.fullmatch(words[0]):
                words.pop(0)
            if words and not any(_TITLE_RE.fullmatch(w) for w in words):
                return " ".join([*words, name])
        return name

    def by_role(self, role: str) -> str:
        role = _singular(_norm(role)).casefold()
        matching = [o for o in self.officials if o.role.casefold() == role]
        return matching[0].name if len(matching) == 1 else ""


def _attribution(match: re.Match | None, speakers: _Speakers) -> str | None:
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("who"):
        name = _who_name(groups["who"])
        return speakers.resolve(name) if name else None
    if groups.get("role"):
        return speakers.by_role(groups["role"])
    return None


# An attribution after a pull quote, on its own line ("— Mayor Ines Park") or at its end.
_QUOTE_TAIL = re.compile(r"\s+(?:—|–|--|-|―)\s*(?P<who>[^—–]{2,80})$")
_ATTRIBUTION_LINE = re.compile(r"^\s*(?:—|–|--|-|―|~)\s*(?P<who>.{2,80})$")


def _quotes(blocks: list[Block], speakers: _Speakers) -> tuple[list[Quote], list[Block]]:
    """Every quotation in the body with its speaker, and the body without the attribution
    lines that belonged to pull quotes."""
    quotes: list[Quote] = []
    kept: list[Block] = []
    running: Quote | None = None  # a quotation whose paragraph ended inside it
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == QUOTE:
            quote, block, used = _pull_quote(blocks, i, speakers)
            quotes.append(quote)
            kept.append(block)
            running = None
            i += used
            continue
        kept.append(block)
        i += 1
        if block.kind in (PARAGRAPH, LIST_ITEM):
            found, running = _QuotedParagraph(block.text, running, speakers).read()
            quotes.extend(found)
        else:
            running = None  # a heading ends any quotation left open
    return [q for q in quotes if q.text], kept


def _pull_quote(blocks: list[Block], i: int, speakers: _Speakers) -> tuple[Quote, Block, int]:
    """The pull quote at ``blocks[i]``: its Quote, the block without a trailing attribution,
    and how many blocks it takes (2 when the next line is only "— Speaker")."""
    block = blocks[i]
    tail = _QUOTE_TAIL.search(block.text)
    if tail and _who_name(tail["who"]):
        block = _with_text(block, block.text[: tail.start()])
        return _pull_quote_text(block, speakers.resolve(_who_name(tail["who"]))), block, 1
    if i + 1 < len(blocks):
        line = _ATTRIBUTION_LINE.match(blocks[i + 1].text)
        if line and _who_name(line["who"]):
            return _pull_quote_text(block, speakers.resolve(_who_name(line["who"]))), block, 2
    return _pull_quote_text(block, ""), block, 1


def _pull_quote_text(block: Block, speaker: str) -> Quote:
    return Quote(block.text.strip().strip('“”"'), speaker)


def _first_attribution(
    patterns: list[re.Pattern], text: str, speakers: _Speakers, search: bool = False
) -> str | None:
    """The attribution of the first of ``patterns`` that gives one, else None. It may be ""
    ("the mayor said" when the release names no single mayor): the quote is still speech."""
    for pattern in patterns:
        match = pattern.search(text) if search else pattern.match(text)
        who = _attribution(match, speakers)
        if who is not None:
            return who
    return None


def _sounds_like_speech(before: str, inner: str, closed: bool) -> bool:
    """Whether an unattributed quotation is speech rather than a name in quotation marks or
    a scare quote: it opens a sentence, runs to a few words and ends as speech ends."""
    opens_sentence = not before.strip() or re.search(r"[.:!?,]\s*$", before)
    if not (opens_sentence and len(inner.split()) >= 3):
        return False
    return not closed or bool(re.search(r"[.,!?…]\s*$", inner))


class _QuotedParagraph:
    """The quotations of one paragraph, and the one still open when the paragraph ends (a
    speaker's next paragraph opens with a quotation mark and carries on the same quote)."""

    def __init__(self, text: str, running: Quote | None, speakers: _Speakers):
        self.text = text
        self.spans = _quote_spans(text)
        self.running = running
        self.speakers = speakers
        self.found: list[tuple[Quote, bool]] = []  # (quote, has its own attribution)
        self.speaker: str | None = None  # the first speaker the paragraph names

    def read(self) -> tuple[list[Quote], Quote | None]:
        if not self.spans:
            return [], None
        for n in range(len(self.spans)):
            self._take(n)
        if self.spans[-1][3] and not (self.found and self.found[-1][0] is self.running):
            self.running = None
        if self.speaker:
            # "“…,” she said. “…”": the paragraph's speaker says its unattributed quotes too.
            for quote, attributed in self.found:
                if not attributed:
                    quote.speaker = self.speaker
            if self.running is not None and not self.running.speaker:
                self.running.speaker = self.speaker
        return [q for q, _ in self.found], self.running

    def _take(self, n: int) -> None:
        start, end, inner, closed = self.spans[n]
        before = self.text[:start]
        after = self.text[end:] if closed else ""
        if n == 0 and self.running is not None and not before.strip():
            self._carry_on(inner, after, closed)
            return
        own = self._own_attribution(n)
        if own is None and not _sounds_like_speech(before, inner, closed):
            return
        between = self.text[self.spans[n - 1][1] : start] if n else ""
        if self.found and inner[:1].islower() and re.fullmatch(r"[^.!?]{1,80},\s*", between):
            # “We kept the fund whole,” Moreno said, “because …” is one sentence.
            previous = self.found[-1][0]
            previous.text = f"{previous.text} {_clean_quote(inner)}"
            if not closed:
                self.running = previous
            return
        quote = Quote(_clean_quote(inner), own or "")
        self.found.append((quote, own is not None))
        if own and self.speaker is None:
            self.speaker = own
        if not closed:
            self.running = quote

    def _carry_on(self, inner: str, after: str, closed: bool) -> None:
        """The paragraph opens by continuing the quotation the previous one left open."""
        running = self.running
        running.text = f"{running.text} {_clean_quote(inner)}"
        if not closed:
            return
        # The first attribution pattern that fits after the closing mark decides, even when
        # it names no one.
        who = next(
            (_attribution(p.match(after), self.speakers) for p in _AFTER if p.match(after)), None
        )
        if who and not running.speaker:
            running.speaker = who
        self.running = None

    def _own_attribution(self, n: int) -> str | None:
        """The speaker written beside quotation ``n``: after it ("…,” Park said"), else in the
        text since the previous quotation ("Park said: “…”")."""
        start, end, _, closed = self.spans[n]
        if closed:
            own = _first_attribution(_AFTER, self.text[end:], self.speakers)
            if own is not None:
                return own
        previous_end = self.spans[n - 1][1] if n else 0
        return _first_attribution(
            _BEFORE, self.text[previous_end:start], self.speakers, search=True
        )


# --------------------------------------------------------------------------------------------
# The release.

_SUBSTANTIAL = 12  # words: a paragraph this long is body text, ending the "top of the page"


def _top_end(blocks: list[Block], year: int | None, repeats: set[str]) -> int:
    """Index of the first block that is plainly the story (after title, dates, banners)."""
    for n, block in enumerate(blocks):
        if _key(block.text) in repeats:
            continue
        if block.kind in (PARAGRAPH, QUOTE, LIST_ITEM) and (
            len(block.text.split()) >= _SUBSTANTIAL or _find_dateline(block.text, year)
        ):
            return n
    return len(blocks)


def _guess_headline(blocks: list[Block], year: int | None) -> tuple[str, int] | None:
    for n, block in enumerate(blocks[:6]):
        text = block.text
        if (
            len(text.split()) <= 20
            and not _date_line(text)
            and not _find_dateline(text, year)
            and not _CONTACT_LABEL.match(text)
            and not _is_chrome(text)
        ):
            return _clean_title(text), n
    return None


# The block kinds the rules know; a reader's other kinds are read as paragraphs.
_BODY_KINDS = (PARAGRAPH, HEADING, LIST_ITEM, QUOTE)


def structure(raw: RawDocument) -> Record:
    """Apply the newsroom rules to one release a reader found."""
    warnings = list(raw.warnings)
    year = raw.published.year if raw.published else None
    blocks, dates = _without_chrome(_tidy_blocks(raw.blocks))

    titles = [_norm(t) for t in raw.titles if _norm(t)]
    headline = _clean_title(titles[0]) if titles else ""
    if not headline:
        guessed = _guess_headline(blocks, year)
        if guessed:
            headline = guessed[0]
            del blocks[guessed[1]]
            warnings.append("headline guessed from the first line")
    repeats = {_key(t) for t in [*titles, *map(_clean_title, titles), headline]} - {""}

    blocks = _without_top_repeats(blocks, year, repeats, dates)
    media_contact, blocks = _take_contacts(blocks, repeats)
    found_related, blocks = _take_related(blocks)
    related = _merge_related(list(raw.related), found_related)
    dateline, blocks = _take_dateline(blocks, year)
    images, blocks = _images(list(raw.images), blocks, warnings)

    published = _published(raw.published, dateline, dates)
    if published is None:
        warnings.append("no date found")

    texts = [headline, *(b.text for b in blocks)]
    officials = _officials(texts)
    speakers = _Speakers("\n\n".join(texts), officials)
    quotes, blocks = _quotes(blocks, speakers)

    return Record(
        source=raw.source,
        format=raw.format,
        headline=headline,
        published=published,
        dateline=dateline,
        images=images,
        body=blocks,
        quotes=quotes,
        officials=officials,
        related=related,
        media_contact=media_contact,
        url=raw.url,
        categories=list(raw.categories),
        status=raw.status,
        password_protected=raw.password_protected,
        warnings=warnings,
        raw=raw,
    )


def _tidy_blocks(found: list[Block]) -> list[Block]:
    """The reader's blocks with their spacing normalized, empty ones gone, any other kind read
    as a paragraph, and an end mark run onto the last sentence ("… at 5 p.m. ###") cut off."""
    blocks: list[Block] = []
    for block in found:
        text = _norm(block.text)
        if not text:
            continue
        kind = block.kind if block.kind in _BODY_KINDS else PARAGRAPH
        block = Block(kind, text, block.html or "")
        if _TRAILING_END_MARK.search(text) and len(text.split()) > 3:
            block.text = _TRAILING_END_MARK.sub("", text)
            block.html = re.sub(r"\s*(?:#\s*){3,}((?:\s*</\w+>)*)\s*$", r"\1", block.html)
        blocks.append(block)
    return blocks


def _without_chrome(blocks: list[Block]) -> tuple[list[Block], list[tuple[date, bool]]]:
    """Banners, end marks, share buttons and feed footers go; a banner may carry the date, so
    its dates are returned as (date, whether it is an "updated" date)."""
    dates: list[tuple[date, bool]] = []
    kept: list[Block] = []
    for block in blocks:
        when = _date_line(block.text)
        if when and re.match(_BANNER, block.text, re.I):
            dates.append(when)
            continue
        if block.kind != QUOTE and _is_chrome(block.text):
            continue
        kept.append(block)
    return kept, dates


def _without_top_repeats(
    blocks: list[Block], year: int | None, repeats: set[str], dates: list[tuple[date, bool]]
) -> list[Block]:
    """The top of the page without the title repeated (page <title>, then h1) and without its
    date lines, whose dates are added to ``dates``."""
    top = _top_end(blocks, year, repeats)
    kept: list[Block] = []
    for n, block in enumerate(blocks):
        if n < top and block.kind != QUOTE:
            if _key(block.text) in repeats or _key(_clean_title(block.text)) in repeats:
                continue
            when = _date_line(block.text)
            if when:
                dates.append(when)
                continue
        kept.append(block)
    return kept


def _take_dateline(blocks: list[Block], year: int | None) -> tuple[Dateline | None, list[Block]]:
    """The dateline that opens one of the first paragraphs, and the body without it."""
    for n, block in enumerate(blocks[:4]):
        if block.kind not in (PARAGRAPH, HEADING):
            continue
        found = _find_dateline(block.text, year)
        if found is None:
            continue
        dateline, cut = found
        rest = block.text[cut:].strip()
        if rest:
            blocks[n] = _with_text(block, rest, cut=cut)
        else:
            del blocks[n]
        return dateline, blocks
    return None, blocks


def _published(
    given: date | None, dateline: Dateline | None, dates: list[tuple[date, bool]]
) -> date | None:
    """The release's date: the reader's, else the dateline's, else the first "posted" date
    line (an "updated" date only when there is no other)."""
    if given is not None:
        return given
    if dateline and dateline.date:
        return dateline.date
    if dates:
        first_posted = [d for d, updated in dates if not updated]
        return (first_posted or [d for d, _ in dates])[0]
    return None
