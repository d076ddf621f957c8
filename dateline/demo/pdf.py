"""A tiny, dependency-free PDF writer for the demo documents.

The demo releases attach letters, reports and agendas. They are generated
from lines of text rather than shipped as binaries: ``text_pdf`` lays the
lines out in Helvetica (one of the standard 14 fonts, so nothing is embedded)
on US Letter pages, wraps long lines, and writes a valid PDF 1.4 file with a
correct cross-reference table. The text is real text, so it can be searched,
selected and read aloud.
"""

from __future__ import annotations

import unicodedata

__all__ = ["text_pdf"]

PAGE_WIDTH = 612  # US Letter, in points
PAGE_HEIGHT = 792
MARGIN = 72
FONT_SIZE = 11
LEADING = 15
TITLE_SIZE = 16
TITLE_LEADING = 21
FOOTER_SIZE = 9

# Advance widths (per 1000 units of font size) of Helvetica for the printable
# ASCII range, from the font's standard metrics. Other characters fall back to
# the average width of a lowercase letter, which is close enough for wrapping.
_HELVETICA_WIDTHS = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278,
    "0": 556, "1": 556, "2": 556, "3": 556, "4": 556, "5": 556, "6": 556, "7": 556,
    "8": 556, "9": 556, ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556,
    "@": 1015, "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778,
    "H": 722, "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778,
    "P": 667, "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944,
    "X": 667, "Y": 667, "Z": 611, "[": 278, "\\": 278, "]": 278, "^": 469, "_": 556,
    "`": 333, "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556,
    "h": 556, "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556,
    "p": 556, "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500, "w": 722,
    "x": 500, "y": 500, "z": 500, "{": 334, "|": 260, "}": 334, "~": 584,
}  # fmt: skip
_DEFAULT_WIDTH = 556
_BOLD_FACTOR = 1.06  # Helvetica-Bold is a little wider on average


def _winansi_char(char: str) -> bytes:
    """Encode one character for WinAnsiEncoding, degrading gracefully."""
    if char == "\t":
        return b" "
    if ord(char) < 32 or ord(char) == 127:
        return b""
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        pass
    # Letters with marks WinAnsi lacks (ễ, ő, ł …) fall back to the base letter.
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    try:
        return base.encode("cp1252") if base else b"?"
    except UnicodeEncodeError:
        return b"?"


def _encode(text: str) -> bytes:
    """WinAnsi bytes for ``text`` (after NFC, so é stays é)."""
    return b"".join(_winansi_char(c) for c in unicodedata.normalize("NFC", text))


def _literal(data: bytes) -> bytes:
    """A PDF literal string: escape delimiters, octal-escape non-ASCII bytes."""
    out = bytearray(b"(")
    for byte in data:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    out += b")"
    return bytes(out)


def _text_string(text: str) -> bytes:
    """A PDF text string for the document information dictionary."""
    if text.isascii():
        return _literal(text.encode("ascii"))
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _width(text: str, size: float, bold: bool = False) -> float:
    units = sum(_HELVETICA_WIDTHS.get(c, _DEFAULT_WIDTH) for c in text)
    return units * size / 1000 * (_BOLD_FACTOR if bold else 1.0)


def _wrap(text: str, size: float, limit: float, bold: bool = False) -> list[str]:
    """Greedy word wrap by measured width; words longer than a line are split."""
    words = text.split()
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if _width(candidate, size, bold) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
        while _width(word, size, bold) > limit:
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], size, bold) > limit:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


def _layout(title: str, lines: list[str]) -> list[list[tuple[str, float, float, str]]]:
    """Split the document into pages of (font, size, y, text) runs."""
    text_width = PAGE_WIDTH - 2 * MARGIN
    top = PAGE_HEIGHT - MARGIN
    bottom = MARGIN + 18  # leave room for the footer
    pages: list[list[tuple[str, float, float, str]]] = [[]]
    y = top - TITLE_SIZE
    for title_line in _wrap(title, TITLE_SIZE, text_width, bold=True):
        pages[0].append(("F2", TITLE_SIZE, y, title_line))
        y -= TITLE_LEADING
    y -= LEADING - FONT_SIZE  # a little air below the title
    for line in lines:
        for piece in _wrap(str(line), FONT_SIZE, text_width):
            if y < bottom:
                pages.append([])
                y = top - FONT_SIZE
            if piece:
                pages[-1].append(("F1", FONT_SIZE, y, piece))
            y -= LEADING
    return pages


def _content_stream(runs: list[tuple[str, float, float, str]], footer: str) -> bytes:
    parts = []
    for font, size, y, text in runs:
        parts.append(
            b"BT /%s %s Tf %d %s Td %s Tj ET"
            % (font.encode(), _num(size), MARGIN, _num(y), _literal(_encode(text)))
        )
    footer_width = _width(footer, FOOTER_SIZE)
    parts.append(
        b"BT /F1 %d Tf %s %d Td %s Tj ET"
        % (
            FOOTER_SIZE,
            _num((PAGE_WIDTH - footer_width) / 2),
            MARGIN - 30,
            _literal(_encode(footer)),
        )
    )
    return b"\n".join(parts) + b"\n"


def _num(value: float) -> bytes:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.encode("ascii")


def text_pdf(title: str, lines: list[str]) -> bytes:
    """Return a PDF document showing ``title`` and then ``lines``.

    Each item of ``lines`` is a paragraph line: long ones are wrapped to the
    page width (about 90 characters of 11 pt Helvetica), empty ones leave a
    blank line. Pages are added as needed and numbered in the footer.
    """
    title = str(title).strip() or "Untitled"
    pages = _layout(title, list(lines))
    n_pages = len(pages)

    # Object numbers: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info,
    # then a (page, content) pair for each page.
    objects: dict[int, bytes] = {}
    page_ids = [6 + 2 * i for i in range(n_pages)]
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages)
    for number, name in ((3, b"Helvetica"), (4, b"Helvetica-Bold")):
        objects[number] = (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name
        )
    objects[5] = b"<< /Title %s /Producer (Dateline demo content) /Creator (Dateline) >>" % (
        _text_string(title)
    )
    footer_title = title if len(title) <= 70 else title[:67].rstrip() + "..."
    for index, runs in enumerate(pages):
        page_id = page_ids[index]
        content_id = page_id + 1
        footer = f"{footer_title} \u2013 Page {index + 1} of {n_pages}"
        stream = _content_stream(runs, footer)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, content_id)
        )
        objects[content_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % size
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
