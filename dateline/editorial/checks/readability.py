"""Flesch–Kincaid grade level, computed offline from plain text.

Standard library only, so the publish checks, the tests and any importer can share it. The
syllable count is a heuristic (no dictionary): it is right for most words and off by one for
some, which moves a whole release's grade by a few tenths at most — enough to warn an editor
that a release reads hard, not to certify a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = [
    "Readability",
    "count_syllables",
    "grade_level",
    "measure",
    "sentences",
    "text_from_html",
]

# Below this the formula swings wildly on one long word; say nothing rather than mislead.
MIN_WORDS = 30

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# A sentence ends at . ! or ? followed by space and a capital, a quote or the end; the
# lookahead keeps "a.m. Monday" together less often than splitting on every period would.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
# Abbreviations whose period does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Ave|Blvd|Rd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|Gov|Sen|Rep|Lt|Sgt|Capt|"
    r"Calif|Ore|Wash|Mass|Fla|Ga|Ill|Mich|Minn|Pa|Va|U\.S|a\.m|p\.m|e\.g|i\.e|vs|etc)\.",
    re.I,
)
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SOUNDED_E = ("le", "ee", "ye", "ie")  # "table", "agree", "goodbye", "movie"
_SOUNDED_ES_ED = ("ted", "ded", "ses", "zes", "ces", "ges", "xes", "shes", "ches", "ies", "ees")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    grade: float | None  # None when the text is too short to judge


def count_syllables(word: str) -> int:
    """Syllables in one English word: vowel groups, less a silent final e, "-es" or "-ed"."""
    word = re.sub(r"[^a-z]", "", word.lower().replace("’", "'").split("'")[0])
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(_SOUNDED_E):
        count -= 1  # "make", "hope"
    elif word.endswith(("es", "ed")) and not word.endswith(_SOUNDED_ES_ED):
        count -= 1  # "makes", "walked"
    return max(1, count)


def sentences(text: str) -> list[str]:
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\0"), text)
    parts = _SENTENCE_END.split(protected)
    return [p.replace("\0", ".").strip() for p in parts if _WORD.search(p)]


def measure(text: str) -> Readability:
    found = sentences(text)
    words = _WORD.findall(text)
    syllables = sum(count_syllables(w) for w in words)
    if len(words) < MIN_WORDS or not found:
        return Readability(len(words), len(found), syllables, None)
    grade = 0.39 * len(words) / len(found) + 11.8 * syllables / len(words) - 15.59
    return Readability(len(words), len(found), syllables, round(grade, 1))


def grade_level(text: str) -> float | None:
    """The U.S. school grade needed to read the text; None for fewer than MIN_WORDS words."""
    return measure(text).grade


class _TextExtractor(HTMLParser):
    # Block elements end a sentence even when the writer left off the period (headings,
    # list items), so each becomes its own line with a period.
    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            text = "".join(self.parts).rstrip()
            if text and text[-1] not in ".!?:":
                self.parts.append(".")
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def text_from_html(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    return re.sub(r"[ \t]+", " ", "".join(parser.parts)).strip()
