"""Find the city officials a news release names.

Pure standard-library code: the caller turns roster rows into :class:`Person` values (with the
titles each person held on the release date) and calls :func:`detect` on the release's plain
text. The result is offered to an editor to confirm, so the rules lean towards precision and
never guess between two people who share a name.

What counts as a mention
========================

* A **full name** anywhere: "Rosa Delgado-Whitfield", "ROSA DELGADO-WHITFIELD",
  "Rosa M. Delgado-Whitfield" (one middle initial in the text is skipped), "Rosa
  Delgado-Whitfield's". A one-word roster name is treated as a surname (needs a title).
* A **title and a surname** (or any later part of the name: "García López", "de la Cruz"),
  when the written title is one the person held on the date (any of ``Person.titles``):
  "Councilmember Brightwater", "Council Member O'Rourke's", "Vice-Mayor Okafor".
* A **title and a full name**: "Vice Mayor Priya Ramanathan". If the title does not fit the
  person, the full name still counts on its own ("Mayor Tomás Okafor" names Okafor, but
  ``as_written`` is only "Tomás Okafor"); a title with only a surname that does not fit names
  no one.
* **Lists after a plural title**: "Councilmembers Guerra, Vang and Loloee", "Councilmembers,
  Eric Guerra, Mai Vang, and Sean Loloee", "&" for "and", semicolons for commas, full names or
  surnames, and chains of title phrases. Each item must hold the plural's title. An item not on
  the roster ("Councilmembers Smith and Huang") is stepped over. The list ends at the item after
  "and"/"&" (a later comma closes it) or where the next title starts. A list after a *singular*
  title is not a list: in "Councilmember Brightwater, Okafor and Huang" only Brightwater is
  named.

Interpretations
===============

* Matching ignores accents, case (for comparison), apostrophe style (’ ' ʼ or none),
  hyphen style (an en dash between two letters counts as a hyphen) and whether a compound
  surname is written with a hyphen or a space; a name must still cover whole words
  ("Delgado-Whitfieldson" is not "Delgado-Whitfield").
* Name words in the text must start with a capital letter (or be all capitals) unless that
  word starts lower case on the roster ("de la Cruz"), so "the brightwater trail" or an
  e-mail address is not a name.
* Titles are compared case-insensitively. A capitalized title ("Mayor", "MAYOR",
  "Council member") may be followed by a surname or a full name; a lower-case title ("the
  mayor Ana Ruiz") only counts before a full name.
* "former", "ex", "then", "late", "past", "retired", "incoming", "deputy", "assistant" and
  "associate" right before a title mean the person is not (or not yet) that official, so the
  title is ignored ("Deputy Police Chief Lindqvist" is not the police chief). "Acting" and
  "Interim" change nothing. Hyphenated forms such as "Mayor-elect" and "ex-Mayor" are not
  titles at all.
* "Chief" alone is a form of both "Police Chief" and "Fire Chief", and "Director" alone of
  every built-in director title; the name that follows still has to hold one of them.
* Shared names: the people matching the words are narrowed by the title (those who held it on
  the date), then by a district qualifier ("(District 2)", "(D2)", ", District 2", "of District
  2", or "District 2 Councilmember ..." before the title) compared with ``Person.district``,
  then by a title in apposition ("Maria Lopez, the parks director,"); an appositive only narrows
  a group, it never makes a match. Whoever remains is one :class:`Mention`, with several keys
  when more than one person is left. People who only share a surname ("Councilmember Lopez")
  form a group the same way. If the text elsewhere identifies exactly one member of such a
  group, the group's reference is taken to be that person (reported at the group's position when
  that is earlier); if it identifies two or more members, the group adds nothing.
* Each Mention is reported once, at its first reference. ``as_written`` covers the title
  when the title was used to identify the person; for the first item of a list it starts at
  the plural title ("Councilmembers, Lena Brightwater"), later items cover only the name. A
  possessive "'s" is included; a district qualifier is not. ``role`` is always
  ``titles[0]`` of the (first) person, "" when they held no title on the date.
* Roster names written "Okafor, Tomás" are read as "Tomás Okafor"; a trailing "Jr.", "Sr.",
  "II", "III" or "IV" is optional in the text ("Harold Ebersole, Jr.") and is never taken as
  the surname. Duplicate roster keys are read once (the first row wins).
* A paragraph break (a blank line) stops a name or a title phrase; a single line break,
  a non-breaking space, a soft hyphen or a zero-width space inside a name does not, nor does
  a hyphenated name broken across lines ("Delgado-" / "Whitfield").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["TITLE_FORMS", "Mention", "Person", "detect"]


@dataclass(frozen=True)
class Person:
    """One roster entry as of the release date."""

    key: str
    name: str
    titles: tuple[str, ...]
    district: str = ""


@dataclass(frozen=True)
class Mention:
    """One detected official, or one group of officials the text does not tell apart."""

    keys: tuple[str, ...]
    name: str
    role: str
    as_written: str
    start: int
    end: int


# Canonical title -> (singular forms, plural forms). Kept structured so lists know which forms
# are plural; TITLE_FORMS below is the flat public view.
_TITLE_TABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Mayor": (("Mayor",), ("Mayors",)),
    "Vice Mayor": (("Vice Mayor", "Vice-Mayor"), ("Vice Mayors", "Vice-Mayors")),
    "Mayor Pro Tem": (
        ("Mayor Pro Tem", "Mayor Pro-Tem", "Mayor Pro Tempore"),
        ("Mayors Pro Tem", "Mayors Pro Tempore"),
    ),
    "Councilmember": (
        (
            "Councilmember",
            "Council Member",
            "Councilwoman",
            "Councilman",
            "Councilperson",
            "Councilor",
            "Councillor",
        ),
        (
            "Councilmembers",
            "Council Members",
            "Councilwomen",
            "Councilmen",
            "Councilpersons",
            "Councilors",
            "Councillors",
        ),
    ),
    "Council President": (("Council President",), ("Council Presidents",)),
    "City Manager": (("City Manager",), ("City Managers",)),
    "Assistant City Manager": (("Assistant City Manager",), ("Assistant City Managers",)),
    "City Attorney": (("City Attorney",), ("City Attorneys",)),
    "City Clerk": (("City Clerk",), ("City Clerks",)),
    "Police Chief": (
        ("Police Chief", "Chief of Police", "Chief"),
        ("Police Chiefs", "Chiefs of Police", "Chiefs"),
    ),
    "Fire Chief": (("Fire Chief", "Chief"), ("Fire Chiefs", "Chiefs")),
    "Public Works Director": (
        ("Public Works Director", "Director of Public Works", "Director"),
        ("Public Works Directors", "Directors of Public Works", "Directors"),
    ),
    "Parks Director": (
        (
            "Parks Director",
            "Parks and Recreation Director",
            "Director of Parks",
            "Director of Parks and Recreation",
            "Director",
        ),
        ("Parks Directors", "Parks and Recreation Directors", "Directors of Parks", "Directors"),
    ),
    "Communications Director": (
        ("Communications Director", "Director of Communications", "Director"),
        ("Communications Directors", "Directors of Communications", "Directors"),
    ),
    "Supervisor": (("Supervisor",), ("Supervisors",)),
    "Commissioner": (("Commissioner",), ("Commissioners",)),
    "Alderperson": (
        ("Alderperson", "Alderman", "Alderwoman", "Alder"),
        ("Alderpersons", "Aldermen", "Alderwomen", "Alders"),
    ),
}

#: Canonical title -> every accepted written form, singular and plural. A title the roster
#: uses that is neither a key nor a form here is accepted as written and with "s" added.
TITLE_FORMS: dict[str, tuple[str, ...]] = {
    canonical: singular + plural for canonical, (singular, plural) in _TITLE_TABLE.items()
}

# --------------------------------------------------------------------------------------------
# Text folding: accents, apostrophes, hyphens and spaces, with a map back to the original.

_APOSTROPHES = frozenset("\u2019\u2018\u201b\u02bc\u02bb\u0060\u00b4\u2032\uff07")
_HYPHENS = frozenset("\u2010\u2011\u2043\ufe63\uff0d")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_LINE_BREAKS = frozenset("\n\u2028\u2029\x0b\x0c\x85")
_TRANSLITERATE = {
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "ħ": "h",
    "Ħ": "H",
    "ı": "i",
    "ß": "ss",
    "ẞ": "SS",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "þ": "th",
    "Þ": "Th",
}
_FOLD_CACHE: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    folded = _FOLD_CACHE.get(ch)
    if folded is not None:
        return folded
    if ch in _INVISIBLE:
        folded = ""
    elif ch in _APOSTROPHES:
        folded = "'"
    elif ch in _HYPHENS:
        folded = "-"
    elif ch in _LINE_BREAKS:
        folded = "\n"
    elif ch.isspace():
        folded = " "
    elif ch in _TRANSLITERATE:
        folded = _TRANSLITERATE[ch]
    else:
        decomposed = unicodedata.normalize("NFKD", ch)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        if any(c.isspace() for c in folded):
            folded = " " if folded.isspace() else folded.replace(" ", "")
    _FOLD_CACHE[ch] = folded
    return folded


def _fold(text: str) -> tuple[str, list[int]]:
    """Return the folded text and, for each folded character, its index in ``text``."""
    if text.isascii() and not any(ch in text for ch in "\r\t`"):
        return text, list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    last = len(text) - 1
    for index, ch in enumerate(text):
        if ch == "\r":
            folded = "" if index < last and text[index + 1] == "\n" else "\n"
        elif ch == "\u2013" and 0 < index < last and text[index - 1].isalpha():
            folded = "-" if text[index + 1].isalpha() else ch  # "Delgado–Whitfield"
        elif ch < "\x80" and ch != "\t" and ch != "`":
            folded = ch
        else:
            folded = _fold_char(ch)
        if len(folded) == 1:
            out.append(folded)
            where.append(index)
        elif folded:
            out.append(folded)
            where.extend([index] * len(folded))
    return "".join(out), where


# --------------------------------------------------------------------------------------------
# Tokens.

_TOKEN_RE = re.compile(
    r"(?P<w>[^\W_]+(?:(?:'|-(?:[^\S\n]*\n\s*)?)[^\W_]+)*(?:(?<=[sS])'(?![^\W_]))?)|(?P<p>\S)"
)
_HYPHEN_BREAK_RE = re.compile(r"-\s*")
_DOTTED = frozenset({"jr", "sr", "st", "ste", "dr", "mt", "ft", "dist"})
_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset(
    {"de", "del", "della", "der", "den", "da", "das", "di", "do", "dos", "du", "la", "le"}
    | {"van", "von", "ten", "ter", "bin", "ibn", "al", "el", "st", "y"}
)
_BLOCKING = frozenset(
    {"former", "ex", "then", "late", "past", "retired", "incoming"}
    | {"deputy", "assistant", "associate"}
)
_DISTRICT_WORDS = frozenset({"district", "dist", "ward"})
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}
_D_NUMBER_RE = re.compile(r"d(\d+)")


class _Tok:
    __slots__ = ("start", "end", "raw", "word", "atoms", "poss", "cap", "brk", "initial", "apos")

    def __init__(self, start: int, end: int, raw: str, word: bool, brk: bool) -> None:
        self.start = start
        self.end = end
        self.raw = raw
        self.word = word
        self.brk = brk
        self.cap = raw[:1].isupper()
        self.apos = "'" in raw
        self.poss: tuple[str, ...] | None = None
        if word:
            self.atoms = _atoms(raw)
            lowered = raw.casefold()
            if lowered.endswith("'s") and len(raw) > 2:
                self.poss = _atoms(raw[:-2])
            elif lowered.endswith("s'"):
                self.poss = _atoms(raw[:-1])
            self.initial = len(self.atoms) == 1 and len(self.atoms[0]) == 1 and self.cap
        else:
            self.atoms = ()
            self.initial = False


def _atoms(raw: str) -> tuple[str, ...]:
    """Comparison units of a word: case-folded, hyphens split, apostrophes dropped."""
    return tuple(_HYPHEN_BREAK_RE.sub(" ", raw.casefold()).replace("'", "").split())


def _tokenize(folded: str) -> list[_Tok]:
    toks: list[_Tok] = []
    previous_end = 0
    for match in _TOKEN_RE.finditer(folded):
        start, end = match.span()
        raw = match.group()
        word = match.lastgroup == "w"
        if (
            not word
            and raw == "."
            and toks
            and toks[-1].word
            and toks[-1].end == start
            and len(toks[-1].atoms) == 1
            and (toks[-1].initial or toks[-1].atoms[0] in _DOTTED)
        ):
            toks[-1].end = end  # "J." / "Jr." / "Dist." keep their point
            previous_end = end
            continue
        brk = folded.count("\n", previous_end, start) >= 2
        toks.append(_Tok(start, end, raw, word, brk))
        previous_end = end
    return toks


def _words(text: str) -> list[_Tok]:
    return [tok for tok in _tokenize(_fold(text)[0]) if tok.word]


@functools.lru_cache(maxsize=4096)
def _flat_atoms(text: str) -> tuple[str, ...]:
    return tuple(atom for tok in _words(text) for atom in tok.atoms)


def _district_key(atoms: Sequence[str]) -> str:
    atoms = list(atoms)
    if len(atoms) > 1 and atoms[0] in _DISTRICT_WORDS:
        atoms = atoms[1:]
    elif len(atoms) == 1 and (match := _D_NUMBER_RE.fullmatch(atoms[0])):
        atoms = [match.group(1)]
    elif len(atoms) == 2 and atoms[0] == "d" and atoms[1].isdigit():
        atoms = atoms[1:]
    out = []
    for atom in atoms:
        atom = _NUMBER_WORDS.get(atom, atom)
        out.append(atom.lstrip("0") or atom if atom.isdigit() else atom)
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# Roster preparation.


@dataclass(frozen=True)
class _Variant:
    person: int
    atoms: tuple[str, ...]
    lower_ok: tuple[bool, ...]  # per atom: the roster writes this word in lower case
    full: bool  # the whole name (True) or a later part of it, e.g. the surname (False)
    bare_ok: bool  # may match with no title in front


@dataclass(frozen=True)
class _Form:
    atoms: tuple[str, ...]
    classes: frozenset[str]
    plural: bool


def _name_words(name: str) -> list[_Tok]:
    name = " ".join(name.split())
    if "," in name:
        last, _, rest = name.partition(",")
        rest_atoms = _flat_atoms(rest)
        if rest_atoms and not all(atom in _GENERATIONAL for atom in rest_atoms):
            name = f"{rest.strip()} {last.strip()}"  # "Okafor, Tomás" -> "Tomás Okafor"
    return _words(name)


def _variants(index: int, name: str) -> list[_Variant]:
    words = _name_words(name)
    suffix: list[_Tok] = []
    while len(words) > 1 and words[-1].atoms and words[-1].atoms[0] in _GENERATIONAL:
        suffix.insert(0, words.pop())
    if not words:
        return []

    def build(parts: list[_Tok], full: bool) -> _Variant:
        atoms: list[str] = []
        lower: list[bool] = []
        for tok in parts:
            atoms.extend(tok.atoms)
            lower.extend([tok.raw[:1].islower()] * len(tok.atoms))
        return _Variant(index, tuple(atoms), tuple(lower), full, full and len(words) > 1)

    out = [build(words, True)]
    if suffix:
        out.append(build(words + suffix, True))
    for cut in range(1, len(words)):
        tail = words[cut:]
        if all(tok.atoms[0] in _PARTICLES for tok in tail):
            continue
        out.append(build(tail, False))
    return out


def _strip_title_qualifier(title: str) -> str:
    title = re.sub(r"\(.*?\)", " ", title).split(",")[0]
    return re.sub(r"^\s*(?:district|ward)\s+\S+\s+", "", title, flags=re.IGNORECASE)


def _plural_of(title: str) -> str:
    if title.endswith("man"):
        return title[:-3] + "men"
    return title + "s"


def _written_plural(
    atoms: tuple[str, ...],
    canonical_atoms: tuple[str, ...],
    singulars: set[tuple[str, ...]],
    plurals: set[tuple[str, ...]],
) -> bool:
    """Whether a written form of a title is a plural one."""
    if atoms in singulars or atoms in plurals:
        return atoms in plurals
    # A form added to TITLE_FORMS by the caller: judged by how it ends.
    return atoms != canonical_atoms and bool(atoms) and atoms[-1].endswith(("s", "men"))


class _TitleBook:
    """Every written form of a title, with the canonical titles it may stand for and whether
    it is plural: the built-in ones, then each title the roster uses that is not one of them
    (accepted as written, with its plural)."""

    def __init__(self) -> None:
        self.forms: dict[tuple[str, ...], tuple[set[str], bool]] = {}
        self.canonical_of: dict[tuple[str, ...], str] = {}
        singulars = {_flat_atoms(form) for forms_, _ in _TITLE_TABLE.values() for form in forms_}
        plurals = {_flat_atoms(form) for _, forms_ in _TITLE_TABLE.values() for form in forms_}
        for canonical, written in TITLE_FORMS.items():
            canonical_atoms = _flat_atoms(canonical)
            self.canonical_of[canonical_atoms] = canonical
            self.add(canonical, canonical, False)
            for form in written:
                atoms = _flat_atoms(form)
                is_plural = _written_plural(atoms, canonical_atoms, singulars, plurals)
                self.add(form, canonical, is_plural)
                if not is_plural:
                    self.canonical_of.setdefault(atoms, canonical)

    def add(self, text: str, canonical: str, plural: bool) -> None:
        atoms = _flat_atoms(text)
        if not atoms:
            return
        # A form is plural only if every title it is a form of writes it as a plural.
        classes, was_plural = self.forms.get(atoms, (set(), plural))
        classes.add(canonical)
        self.forms[atoms] = (classes, was_plural and plural)

    def held(self, person: Person) -> frozenset[str]:
        """The canonical titles ``person`` held on the date."""
        held: set[str] = set()
        for title in person.titles:
            canonical = self._canonical(title)
            if canonical is not None:
                held.add(canonical)
        return frozenset(held)

    def _canonical(self, title: str) -> str | None:
        bare_title = _strip_title_qualifier(title).strip()
        atoms = _flat_atoms(bare_title)
        if not atoms:
            return None
        canonical = self.canonical_of.get(atoms)
        if canonical is None:
            canonical = " ".join(atoms)
            self.canonical_of[atoms] = canonical
            self.add(bare_title, canonical, False)
            self.add(_plural_of(bare_title), canonical, True)
        return canonical

    def by_first_word(self) -> dict[str, list[_Form]]:
        """The forms by their first word, longest first: "City Manager" before "City"."""
        out: dict[str, list[_Form]] = {}
        for atoms, (classes, plural) in self.forms.items():
            out.setdefault(atoms[0], []).append(_Form(atoms, frozenset(classes), plural))
        for entries in out.values():
            entries.sort(key=lambda form: -len(form.atoms))
        return out


class _Roster:
    def __init__(self, people: Sequence[Person]) -> None:
        self.people: list[Person] = _first_of_each_key(people)
        titles = _TitleBook()
        # Per person, the canonical titles they held; read before the forms are listed, as a
        # roster's own titles add forms.
        self.classes: list[frozenset[str]] = [titles.held(person) for person in self.people]
        self.forms: dict[str, list[_Form]] = titles.by_first_word()
        self.names: dict[str, list[_Variant]] = {}
        for index, person in enumerate(self.people):
            for variant in _variants(index, person.name):
                self.names.setdefault(variant.atoms[0], []).append(variant)
        self.districts = [_district_key(_flat_atoms(p.district)) for p in self.people]


def _first_of_each_key(people: Sequence[Person]) -> list[Person]:
    """The roster without repeated keys; the first row wins."""
    kept: list[Person] = []
    seen: set[str] = set()
    for person in people:
        if person.key not in seen:
            seen.add(person.key)
            kept.append(person)
    return kept


# --------------------------------------------------------------------------------------------
# Scanning.

# A reference: (start, end) in the folded text and the roster indexes it may be.
_Ref = tuple[int, int, tuple[int, ...]]


class _Scanner:
    def __init__(self, toks: list[_Tok], roster: _Roster) -> None:
        self.toks = toks
        self.n = len(toks)
        self.roster = roster
        self.refs: list[_Ref] = []

    # -- small matchers ----------------------------------------------------------------------

    def is_and(self, q: int) -> bool:
        tok = self.toks[q]
        return tok.raw == "&" or (tok.word and tok.atoms == ("and",))

    def title_at(self, i: int) -> tuple[int, _Form] | None:
        tok = self.toks[i]
        if not tok.word or tok.apos:
            return None
        for form in self.roster.forms.get(tok.atoms[0], ()):
            j, k = i, 0
            while k < len(form.atoms) and j < self.n:
                cur = self.toks[j]
                if not cur.word or cur.apos or (j > i and cur.brk):
                    break
                width = len(cur.atoms)
                if form.atoms[k : k + width] != cur.atoms:
                    break
                k += width
                j += 1
            if k == len(form.atoms):
                return j, form
        return None

    def match_variant(self, i: int, variant: _Variant) -> tuple[int, bool] | None:
        """Tokens from ``i`` spelling ``variant``: (end token, possessive) or None."""
        toks, atoms = self.toks, variant.atoms
        count, j, k, skipped = len(atoms), i, 0, False
        while j < self.n:
            tok = toks[j]
            if j > i and tok.brk:
                return None
            if not tok.word:
                if tok.raw == "," and j > i and k == count - 1 and atoms[k] in _GENERATIONAL:
                    j += 1
                    continue
                return None
            width = len(tok.atoms)
            if atoms[k : k + width] == tok.atoms:
                if not (tok.cap or variant.lower_ok[k]):
                    return None
                k += width
                j += 1
                if k == count:
                    return j, False
                continue
            if tok.poss is not None and atoms[k:] == tok.poss:
                if not (tok.cap or variant.lower_ok[k]):
                    return None
                return j + 1, True
            if j > i and tok.initial and not skipped:
                skipped = True
                j += 1
                continue
            return None
        return None

    def name_matches(self, i: int, with_parts: bool) -> list[tuple[_Variant, int]]:
        tok = self.toks[i]
        if not tok.word:
            return []
        keys = {tok.atoms[0]}
        if tok.poss:
            keys.add(tok.poss[0])
        out = []
        for key in keys:
            for variant in self.roster.names.get(key, ()):
                if not variant.full and not with_parts:
                    continue
                found = self.match_variant(i, variant)
                if found is not None:
                    out.append((variant, found[0]))
        return out

    @staticmethod
    def best(cands: list[tuple[_Variant, int]]) -> tuple[tuple[int, ...], int]:
        end = max(stop for _, stop in cands)
        longest = [variant for variant, stop in cands if stop == end]
        if any(variant.full for variant in longest):
            longest = [variant for variant in longest if variant.full]
        return tuple(sorted({variant.person for variant in longest})), end

    def bare_at(self, i: int) -> bool:
        return any(variant.bare_ok for variant, _ in self.name_matches(i, False))

    # -- districts -------------------------------------------------------------------------

    def district_value(self, k: int) -> tuple[str | None, int]:
        if k >= self.n or not self.toks[k].word:
            return None, k
        atoms = self.toks[k].atoms
        if atoms[0] in _DISTRICT_WORDS:
            if len(atoms) > 1:
                return _district_key(atoms), k + 1
            if k + 1 < self.n and self.toks[k + 1].word and not self.toks[k + 1].brk:
                return _district_key(self.toks[k + 1].atoms), k + 2
            return None, k
        if (len(atoms) == 1 and _D_NUMBER_RE.fullmatch(atoms[0])) or (
            len(atoms) == 2 and atoms[0] == "d" and atoms[1].isdigit()
        ):
            return _district_key(atoms), k + 1
        return None, k

    def district_after(self, j: int) -> tuple[str | None, int]:
        if j >= self.n or self.toks[j].brk:
            return None, j
        tok = self.toks[j]
        if tok.raw == "(":
            key, k = self.district_value(j + 1)
            if key and k < self.n and self.toks[k].raw == ")":
                return key, k + 1
        elif tok.raw == "," or (tok.word and tok.atoms == ("of",)):
            key, k = self.district_value(j + 1)
            if key:
                return key, k
        return None, j

    def district_before(self, i: int) -> str | None:
        toks = self.toks
        if (
            i >= 2
            and toks[i - 2].word
            and len(toks[i - 2].atoms) == 1
            and toks[i - 2].atoms[0] in _DISTRICT_WORDS
            and toks[i - 1].word
            and not toks[i - 1].brk
            and not toks[i].brk
        ):
            return _district_key(toks[i - 1].atoms)
        if i >= 1 and toks[i - 1].word and not toks[i].brk:
            atoms = toks[i - 1].atoms
            if (len(atoms) > 1 and atoms[0] in _DISTRICT_WORDS) or (
                len(atoms) == 1 and _D_NUMBER_RE.fullmatch(atoms[0])
            ):
                return _district_key(atoms)
        return None

    def appositive(self, j: int) -> frozenset[str]:
        """Title classes of an appositive after a name: ", the parks director" / ", Mayor"."""
        if j >= self.n or self.toks[j].raw != ",":
            return frozenset()
        k = j + 1
        if k < self.n and self.toks[k].word and self.toks[k].atoms == ("the",):
            k += 1
        if k >= self.n or self.toks[k].brk:
            return frozenset()
        title = self.title_at(k)
        return title[1].classes if title is not None else frozenset()

    def narrow(self, group: tuple[int, ...], district: str | None, end: int) -> tuple[int, ...]:
        """Tell apart people who share a name by a district qualifier, then an appositive."""
        if len(group) < 2:
            return group
        if district:
            kept = tuple(p for p in group if self.roster.districts[p] == district)
            group = kept or group
        if len(group) > 1:
            classes = self.appositive(end)
            kept = tuple(p for p in group if self.roster.classes[p] & classes)
            group = kept or group
        return group

    # -- phrases ---------------------------------------------------------------------------

    def item(
        self, p: int, form: _Form, capital: bool, district: str | None
    ) -> tuple[int, _Ref | None, bool] | None:
        """One name after a title: (next token, reference or None, title used) or None."""
        if p >= self.n or self.toks[p].brk or not self.toks[p].word:
            return None
        cands = self.name_matches(p, capital)
        if cands:
            return self.roster_item(p, cands, form, district)
        if not capital:
            return None
        j = self.unknown_name_end(p)
        if j == p:
            return None
        return max(j, self.district_after(j)[1]), None, False

    def roster_item(
        self, p: int, cands: list[tuple[_Variant, int]], form: _Form, district: str | None
    ) -> tuple[int, _Ref | None, bool]:
        """A name after a title that spells someone on the roster; the title is used to tell
        who only when the person held it."""
        group, end, used = self.titled_group(cands, form)
        after, qend = self.district_after(end)
        group = self.narrow(group, after or district, qend)
        ref = (self.toks[p].start, self.toks[end - 1].end, group) if group else None
        return max(end, qend), ref, used

    def titled_group(
        self, cands: list[tuple[_Variant, int]], form: _Form
    ) -> tuple[tuple[int, ...], int, bool]:
        """(people, end token, whether the title picked them) for the names after a title."""
        classes = self.roster.classes
        held = [c for c in cands if classes[c[0].person] & form.classes]
        full = [c for c in cands if c[0].full]
        group: tuple[int, ...] = ()
        used = False
        if held:
            group, end = self.best(held)
            used = True
        if full and (not held or max(stop for _, stop in full) > end):
            # A longer full name wins over a shorter part of another name that fits the
            # title ("Councilmember Lena Brightwater" is not Councilmember Marco Lena).
            group, end = self.best(full)
            used = False
        if not group:
            end = max(stop for _, stop in cands)
        return group, end, used

    def unknown_name_end(self, p: int) -> int:
        """Past a capitalized name after a title that is no one on the roster ("Councilmember
        Smith"): up to three words, ending before another title or a roster name."""
        toks = self.toks
        j = p
        while j < self.n and j - p < 3:
            tok = toks[j]
            if not tok.word or not tok.cap or (j > p and tok.brk) or self.title_at(j):
                break
            if j > p and self.bare_at(j):
                break
            j += 1
            if tok.poss is not None:
                break
        return j

    def title_phrase(self, i: int, title_end: int, form: _Form) -> int:
        """Read the title at ``i`` and the name (or, after a plural, the list of names) that
        follows; returns the token after the phrase."""
        toks = self.toks
        if i > 0 and not toks[i].brk and toks[i - 1].word and toks[i - 1].atoms[-1] in _BLOCKING:
            return title_end  # "former Mayor Okafor" is not the mayor
        capital = toks[i].cap
        p = title_end
        if form.plural and p < self.n and toks[p].raw == ",":
            p += 1
        found = self.item(p, form, capital, self.district_before(i))
        if found is None:
            return title_end
        nxt, ref, used = found
        if ref is not None:
            self.refs.append((toks[i].start, ref[1], ref[2]) if used else ref)
        if not form.plural:
            return nxt
        return self.list_items(nxt, form, capital)

    def list_items(self, nxt: int, form: _Form, capital: bool) -> int:
        """The later items of a list after a plural title; returns the token after the list."""
        closed = False
        while nxt < self.n:
            step = self.list_separator(nxt, closed)
            if step is None:
                break
            q, closed = step
            if q >= self.n or self.title_at(q):
                break
            found = self.item(q, form, capital, None)
            if found is None:
                break
            nxt, ref, _ = found
            if ref is not None:
                self.refs.append(ref)
        return nxt

    def list_separator(self, q: int, closed: bool) -> tuple[int, bool] | None:
        """Past ", " / "; " / " and " / ", and " at ``q``: (the next item's token, whether that
        is the list's last item), or None when the list ends at ``q``. A comma after the item
        that followed "and" ends it."""
        toks = self.toks
        if toks[q].raw in (",", ";"):
            if closed:
                return None
            q += 1
            if q < self.n and self.is_and(q):
                return q + 1, True
            return q, False
        if self.is_and(q):
            return q + 1, True
        return None

    def scan(self) -> list[_Ref]:
        i = 0
        while i < self.n:
            if not self.toks[i].word:
                i += 1
                continue
            title = self.title_at(i)
            if title is not None:
                i = self.title_phrase(i, title[0], title[1])
                continue
            cands = [c for c in self.name_matches(i, False) if c[0].bare_ok]
            if cands:
                group, end = self.best(cands)
                district, qend = self.district_after(end)
                group = self.narrow(group, district, qend)
                self.refs.append((self.toks[i].start, self.toks[end - 1].end, group))
                i = max(end, qend)
                continue
            i += 1
        return self.refs


def _resolve(refs: list[_Ref]) -> list[_Ref]:
    """One reference per person or unresolved group, at its first appearance."""
    first: dict[int, _Ref] = {}
    for ref in refs:
        if len(ref[2]) == 1 and ref[2][0] not in first:
            first[ref[2][0]] = ref
    groups: dict[tuple[int, ...], _Ref] = {}
    for ref in refs:
        members = ref[2]
        if len(members) < 2:
            continue
        known = [p for p in members if p in first]
        if len(known) == 1:
            if ref[0] < first[known[0]][0]:
                first[known[0]] = (ref[0], ref[1], (known[0],))
        elif not known and members not in groups:
            groups[members] = ref
    return sorted([*first.values(), *groups.values()], key=lambda ref: ref[0])


def detect(text: str, people: Sequence[Person]) -> list[Mention]:
    """Officials named in ``text`` (plain text), in order of first appearance."""
    if not text or not people:
        return []
    roster = _Roster(people)
    if not roster.people:
        return []
    folded, where = _fold(text)
    refs = _Scanner(_tokenize(folded), roster).scan()
    mentions = []
    for start, end, members in _resolve(refs):
        first = roster.people[members[0]]
        begin = where[start]
        stop = where[end - 1] + 1
        while stop < len(text) and unicodedata.combining(text[stop]):
            stop += 1
        mentions.append(
            Mention(
                keys=tuple(roster.people[p].key for p in members),
                name=first.name,
                role=first.titles[0] if first.titles else "",
                as_written=text[begin:stop],
                start=begin,
                end=stop,
            )
        )
    return mentions
