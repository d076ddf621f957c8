"""Reading what a reader typed, and showing where a release matches it."""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from dateline.releases.related import STOP_WORDS, fold, stem

MAX_QUERY_LENGTH = 200
MAX_RAW_LENGTH = 2000  # more than this is not even cleaned
MAX_TERMS = 32
SNIPPET_WORDS = 32
SNIPPET_LEAD = 8  # words shown before the first match

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# A word as printed, apostrophes included: "city's", "Nguyễn-Park" is two words.
_PRINTED_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.I)
_SPACES = re.compile(r"\s+")


def strip_controls(value: str) -> str:
    """Control and formatting characters (NUL, bidi overrides…) become spaces."""
    return "".join(" " if unicodedata.category(c).startswith("C") else c for c in value)


@dataclass
class Query:
    text: str = ""  # what is searched for, cleaned and at most MAX_QUERY_LENGTH long
    shortened: bool = False
    words: list[str] = field(default_factory=list)  # tokens passed to the search backend

    @property
    def keys(self) -> set[str]:
        """Match keys of the words worth highlighting (all of them if all are common)."""
        keys = {match_key(w) for w in self.words if fold(w) not in STOP_WORDS}
        return keys or {match_key(w) for w in self.words}

    @property
    def normalized(self) -> str:
        return normalize(self.text)


def clean_query(raw: str) -> Query:
    """The reader's words, without control characters, cut to MAX_QUERY_LENGTH characters.

    Wagtail once had a ReDoS in query parsing: whatever is typed, only a short, plain string
    of word characters reaches the search backend.
    """
    shortened = len(raw) > MAX_RAW_LENGTH
    text = _SPACES.sub(" ", strip_controls(raw[:MAX_RAW_LENGTH])).strip()
    if len(text) > MAX_QUERY_LENGTH:
        shortened = True
        cut = text[:MAX_QUERY_LENGTH]
        if text[MAX_QUERY_LENGTH] != " " and " " in cut:
            cut = cut.rsplit(" ", 1)[0]  # no half word at the end
        text = cut.strip()
    words = _TOKEN.findall(text)[:MAX_TERMS]
    return Query(text=text, shortened=shortened, words=words)


def normalize(text: str) -> str:
    """For comparing headlines: folded words only, "Park’s  Open!" → "park s open"."""
    return " ".join(fold(w) for w in _TOKEN.findall(text or ""))


def match_key(word: str) -> str:
    """What a printed word and a searched word are compared by: "Parks’" ~ "park"."""
    word = re.split(r"['’]", word, maxsplit=1)[0]
    return stem(fold(word))


def headline_keys(title: str) -> set[str]:
    return {match_key(w) for w in _PRINTED_WORD.findall(title or "")}


def highlight(text: str, keys: set[str]) -> SafeString:
    """The text, escaped, with <mark> around the words that match."""
    parts, last = [], 0
    for match in _PRINTED_WORD.finditer(text or ""):
        if match_key(match.group()) in keys:
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape((text or "")[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def plain(rich_html: str) -> list[str]:
    """The paragraphs of some rich text as plain text."""
    pieces = _BLOCK_END.split(rich_html or "")
    texts = (_SPACES.sub(" ", html.unescape(strip_tags(p))).strip() for p in pieces)
    return [t for t in texts if t]


def passages(release, officials: list[str] = ()) -> list[str]:
    """What a reader can read in a release, besides the headline, in reading order."""
    found = [release.dek, release.lead_image_caption]
    for block in release.body:
        value = block.value
        kind = block.block_type
        if kind == "paragraph":
            found += plain(value.source if hasattr(value, "source") else str(value))
        elif kind == "quote":
            found.append(f"“{value['text']}” — {value['attribution']}")
        elif kind == "image":
            found.append(value.get("caption", ""))
        elif kind == "call_to_action":
            found.append(value.get("text", ""))
    if officials:
        found.append("Officials in this release: " + ", ".join(officials))
    return [_SPACES.sub(" ", p).strip() for p in found if p and p.strip()]


def snippet(texts: list[str], keys: set[str], size: int = SNIPPET_WORDS) -> SafeString:
    """A few lines around the first place the release matches, matches marked.

    The passage naming the most of the searched words wins; without any, the opening lines.
    """
    best = None
    for text in texts:
        words = list(_PRINTED_WORD.finditer(text))
        hits = [i for i, w in enumerate(words) if match_key(w.group()) in keys]
        if not hits:
            continue
        distinct = len({match_key(words[i].group()) for i in hits})
        if best is None or distinct > best[0]:
            best = (distinct, text, words, hits[0])
    if best is None:
        if not texts:
            return mark_safe("")
        text = texts[0]
        words = list(_PRINTED_WORD.finditer(text))
        first = 0
    else:
        _, text, words, first = best
    if not words:
        return highlight(text, keys)
    start = max(0, first - SNIPPET_LEAD)
    end = min(len(words), start + size)
    start = max(0, min(start, end - size))
    begin = 0 if start == 0 else words[start].start()
    finish = len(text) if end == len(words) else words[end - 1].end()
    marked = highlight(text[begin:finish], keys)
    before = "… " if start > 0 else ""
    after = " …" if end < len(words) else ""
    return mark_safe(f"{before}{marked}{after}")  # noqa: S308 - highlight() escaped it
