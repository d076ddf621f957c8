"""Walking the paths given to ``dateline import``: files, folders and zips, decoded and sniffed.

Every file becomes RawDocuments (through the reader for its format), a ``Failure`` with the
reason a person can act on, or a ``Skipped`` for what is plainly not a release. One bad file
never ends the walk. Zips are read member by member in memory, never extracted, with caps on
sizes so a hostile archive cannot fill the disk or the memory.
"""

from __future__ import annotations

import codecs
import io
import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import limits
from .readers.feeds import read_feed
from .readers.html import read_html
from .readers.text import read_text
from .readers.wxr import read_wxr
from .record import RawDocument, ReadError

MB = limits.MB
# Any one file, and any one zip member; a page or text capture has the lower
# limits.MAX_PAGE_BYTES, checked once its format is known.
MAX_FILE_BYTES = limits.MAX_EXPORT_BYTES
MAX_ASSET_BYTES = 25 * MB
MAX_ZIP_TOTAL = 1024 * MB
MAX_ZIP_RATIO = 100
# Small members may compress far better than 100:1 (a page of spaces) and do no harm.
RATIO_FLOOR = 1 * MB
CHUNK = 64 * 1024
# What Python's zipfile reads; others (Windows' "Deflate64" for large folders, PPMd,
# Zstandard) are named in the failure so the user knows what to change.
READABLE_COMPRESSION = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
COMPRESSION_NAMES = {9: "Deflate64", 93: "Zstandard", 95: "xz", 98: "PPMd", 99: "AES encryption"}

NUL = b"\x00"
CP1252_WARNING = "not valid UTF-8; read as Windows-1252"

HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXT = {".txt", ".text"}
MARKDOWN_EXT = {".md", ".markdown", ".mdown", ".mkd"}
XML_EXT = {".xml", ".rss", ".atom", ".wxr"}
DOCUMENT_EXT = HTML_EXT | TEXT_EXT | MARKDOWN_EXT | XML_EXT
ASSET_KIND = {
    **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".ico", ".tif", ".tiff"),
        "image",
    ),
    **dict.fromkeys((".avif", ".heic"), "image"),
    ".css": "stylesheet",
    **dict.fromkeys((".js", ".mjs"), "script"),
    **dict.fromkeys((".woff", ".woff2", ".ttf", ".otf", ".eot"), "font"),
}
FORCED = {"html", "text", "markdown", "rss", "atom", "wxr"}

BINARY_MAGIC = (
    (b"PK\x03\x04", "a zip archive"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip file"),
)


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class Skipped:
    source: str
    reason: str  # e.g. an image or stylesheet beside saved pages


Item = RawDocument | Failure | Skipped


def walk(paths: Iterable, fmt: str = "auto", max_bytes: int | None = None) -> Iterator[Item]:
    """Every release found under ``paths``, in a stable order, with failures in place.

    ``max_bytes``, when given, is the size limit for every file (--max-file-mb)."""
    if fmt not in FORCED and fmt != "auto":
        raise ValueError(f"unknown format {fmt!r}")
    for given in paths:
        path = Path(given)
        if path.is_dir():
            # A folder given as a link is the folder it names; nothing under it may leave it.
            root = path.resolve()
            for found in _files(root):
                if isinstance(found, Skipped):
                    yield found
                    continue
                file, source = found
                yield from _walk_file(file, source, root, fmt, max_bytes)
        elif path.is_file():
            real = path.resolve()
            yield from _walk_file(real, path.name, real.parent, fmt, max_bytes)
        else:
            yield Failure(str(given), "no such file or folder")


def _ignored(part: str) -> bool:
    """Hidden files and a saved page's "<name>_files" folder: never documents."""
    return part.startswith(".") or part.endswith("_files") or part == "__MACOSX"


def _files(root: Path) -> Iterator[tuple[Path, str] | Skipped]:
    """(file, source) for each file under ``root``, a folder's own files before its folders.

    Links are followed only to what lies inside ``root``: a link to /etc/passwd or to the
    site's settings beside the pages must not become a public release."""
    visiting: set[Path] = set()

    def visit(folder: Path, prefix: str):
        visiting.add(folder)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            yield Skipped(prefix.rstrip("/") or ".", f"cannot open the folder ({error.strerror})")
            return
        files, folders = [], []
        for entry in entries:
            source = prefix + entry.name
            try:
                is_dir = entry.is_dir()  # follows a link, to sort it as a file or a folder
            except OSError:
                is_dir = False
            if _ignored(entry.name) if is_dir else entry.name.startswith("."):
                continue
            target = Path(entry.path)
            if entry.is_symlink():
                real, why = _link_target(target, source, root, is_dir)
                if why:
                    yield Skipped(source, why)
                    continue
                target = real
            (folders if is_dir else files).append((target, source))
        yield from files
        for target, source in folders:
            if target in visiting:
                yield Skipped(
                    source,
                    f"{source} is a link to a folder that contains it (a loop); skipped",
                )
                continue
            yield from visit(target, source + "/")
        visiting.discard(folder)

    yield from visit(root, "")


def _link_target(link: Path, source: str, root: Path, is_dir: bool) -> tuple[Path | None, str]:
    """Where a link inside the import leads, or why it is not followed."""
    what = "folder" if is_dir else "file"
    try:
        real = link.resolve(strict=True)
    except RuntimeError:  # Python 3.11 says "Symlink loop" this way
        return None, f"{source} is a link that leads round in a loop; skipped"
    except OSError as error:
        if error.errno == 40:  # ELOOP
            return None, f"{source} is a link that leads round in a loop; skipped"
        return None, f"{source} is a link to something that does not exist; skipped"
    if not real.is_relative_to(root):
        return None, (f"{source} is a link to a {what} outside the folder being imported; skipped")
    return real, ""


def _walk_file(
    path: Path, source: str, root: Path, fmt: str, max_bytes: int | None = None
) -> Iterator[Item]:
    try:
        if path.suffix.lower() == ".zip" or _is_zip(path):
            yield from _walk_zip(path, source, fmt, max_bytes)
            return
        size = path.stat().st_size
        limit = _limit(_kind_by_name(path.name, fmt), max_bytes)
        if size > limit:
            yield Failure(source, _too_large(size, limit, _kind_by_name(path.name, fmt)))
            return
        kind = ASSET_KIND.get(path.suffix.lower())
        if kind:
            yield Skipped(source, f"{kind} file, not a release")
            return
        data = path.read_bytes()
    except OSError as error:
        yield Failure(source, f"cannot read the file ({error.strerror or error})")
        return
    opener = _folder_opener(root, path.resolve().parent)
    yield from _documents(data, source, path.name, fmt, opener, max_bytes)


PAGE_KINDS = {"html", "text", "markdown"}


def _kind_by_name(name: str, fmt: str) -> str:
    """The format a file's name (or --format) promises, before it is read; "" if unknown."""
    if fmt != "auto":
        return fmt
    ext = posixpath.splitext(name.lower())[1]
    if ext in HTML_EXT:
        return "html"
    if ext in TEXT_EXT | MARKDOWN_EXT:
        return "text"
    return ""


def _limit(kind: str, max_bytes: int | None) -> int:
    if max_bytes:
        return max_bytes
    return limits.MAX_PAGE_BYTES if kind in PAGE_KINDS else MAX_FILE_BYTES


def _too_large(size: int, limit: int, kind: str) -> str:
    what = " for a page or text capture" if kind in PAGE_KINDS else ""
    return (
        f"file too large ({_size(size)}, limit {_size(limit)}{what}); to import it anyway, "
        "raise the limit with --max-file-mb"
    )


def _is_zip(path: Path) -> bool:
    if path.suffix:  # only sniff files whose extension says nothing
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _size(count: int) -> str:
    if count >= 1024 * MB:
        return f"{count / 1024 / MB:.3g} GB"
    if count >= MB:
        return f"{count / MB:.3g} MB"
    return f"{count / 1024:.3g} KB"


# --- decoding and dispatch ---------------------------------------------------------------


def _documents(
    data: bytes,
    source: str,
    name: str,
    fmt: str,
    opener: Callable[[str], bytes | None],
    max_bytes: int | None = None,
) -> Iterator[Item]:
    refusal = _not_text(data, source, name, fmt)
    if refusal is not None:
        yield refusal
        return
    try:
        text, warnings = decode(data)
    except ReadError as error:
        yield Failure(source, str(error))
        return
    kind = fmt if fmt != "auto" else detect(name, text)
    if kind.startswith("skip:"):
        yield Skipped(source, kind[5:])
        return
    # A page without a telling extension is only known to be one now.
    if kind in PAGE_KINDS and len(data) > _limit(kind, max_bytes):
        yield Failure(source, _too_large(len(data), _limit(kind, max_bytes), kind))
        return
    docs = _read_guarded(kind, text, source)
    if isinstance(docs, Failure):
        yield docs
        return
    if not docs:
        what = {"wxr": "posts", "rss": "items", "atom": "entries"}.get(kind, "release")
        yield Skipped(source, f"no {what} found")
        return
    for doc in docs:
        doc.warnings.extend(w for w in warnings if w not in doc.warnings)
        doc.open_asset = opener
        yield doc


def _not_text(data: bytes, source: str, name: str, fmt: str) -> Failure | Skipped | None:
    """Why a file's bytes cannot be a release's text (empty, or binary), or None."""
    if not data.strip():
        return Failure(source, "empty file")
    binary = _binary(data)
    if not binary:
        return None
    ext = posixpath.splitext(name.lower())[1]
    if fmt == "auto" and ext not in DOCUMENT_EXT:
        # A .docx or .pdf beside the pages was never meant as a release: no failure.
        return Skipped(source, f"not a newsroom file ({ext or 'no extension'})")
    return Failure(source, f"binary file, not text ({binary})")


def _read_guarded(kind: str, text: str, source: str) -> list[RawDocument] | Failure:
    """The reader's documents, or the Failure that says why it could not finish."""
    try:
        with limits.time_limit(limits.MAX_PARSE_SECONDS):
            return _read(kind, text, source)
    except limits.TooSlow:
        return Failure(source, limits.too_slow_reason(limits.MAX_PARSE_SECONDS))
    except ReadError as error:
        return Failure(source, str(error))
    except RecursionError:
        return Failure(source, "refused: the markup is nested too deeply to read")
    except Exception as error:  # one odd file must not end an import of thousands
        return Failure(source, f"could not read the file ({type(error).__name__}: {error})")


def _read(kind: str, text: str, source: str) -> list[RawDocument]:
    if kind == "html":
        return _as_list(read_html(text, source))
    if kind in ("text", "markdown"):
        return _as_list(read_text(text, source, markdown=kind == "markdown"))
    if kind in ("rss", "atom"):
        return read_feed(_xml_text(text), source)
    if kind == "wxr":
        return read_wxr(_xml_text(text), source)
    raise ReadError(f"unknown format {kind!r}")


def _as_list(result) -> list[RawDocument]:
    if result is None:
        return []
    if isinstance(result, RawDocument):
        return [result]
    return list(result)


def _xml_text(text: str) -> str:
    # Already decoded: the declaration's encoding must not be applied a second time.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)


def _binary(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ""
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            return f"looks like {what}"
    head = data[: 8 * 1024]
    if NUL in head:
        return f"NUL bytes at byte {head.index(NUL)}"
    return ""


DECLARED = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']"""
    rb"""|<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""",
    re.I,
)
# Browsers read Latin-1 and ASCII labels as Windows-1252; old city pages rely on that.
AS_CP1252 = {"latin_1", "iso8859_1", "ascii", "cp1252"}


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text and any warnings: BOM first, then a declared non-UTF-8 charset, then UTF-8,
    then Windows-1252 for the smart quotes an old CMS wrote into a "UTF-8" page."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            reason = f"not valid UTF-16 despite its byte-order mark ({error.reason})"
            raise ReadError(reason) from None
    else:
        match = DECLARED.search(data[:4096])
        if match:
            label = (match.group(1) or match.group(2)).decode("ascii", "replace")
            try:
                codec = codecs.lookup(label).name.replace("-", "_")
            except LookupError:
                codec = ""
            if codec and codec not in ("utf_8", "utf_16", "utf_16_le", "utf_16_be"):
                if codec in AS_CP1252:
                    codec = "cp1252"
                return data.decode(codec, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [CP1252_WARNING]


WXR_MARK = re.compile(r"xmlns:wp=[\"']http://wordpress\.org/export/|<wp:wxr_version", re.I)


def detect(name: str, text: str) -> str:
    """The format for ``text`` from its name and first bytes, or "skip:<reason>"."""
    ext = posixpath.splitext(name.lower())[1]
    if ext in HTML_EXT:
        return "html"
    if ext in TEXT_EXT:
        return "text"
    if ext in MARKDOWN_EXT:
        return "markdown"
    head = text[:8192].lstrip("\ufeff \t\r\n")
    if ext in XML_EXT or head.startswith("<?xml") or re.match(r"<(rss|feed|rdf:RDF)\b", head):
        root = _root_name(head)
        if WXR_MARK.search(head):
            return "wxr"
        if root == "rss" or root == "rdf:RDF":
            return "rss"
        if root == "feed":
            return "atom"
        if root is None and ext in XML_EXT:
            return "rss"  # let the XML parser say what is wrong with it
        return f"skip:XML but not a feed or WordPress export (root <{root}>)"
    if re.match(r"<!doctype html|<html\b", head, re.I):
        return "html"
    return f"skip:not a newsroom file ({ext or 'no extension'})"


def _root_name(head: str) -> str | None:
    """The first element's name, past the declaration, comments and DOCTYPE."""
    stripped = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", "", head, flags=re.S)
    match = re.search(r"<([\w:.-]+)", stripped)
    return match.group(1) if match else None


# --- assets ------------------------------------------------------------------------------


def _clean_src(src: str) -> str | None:
    """A relative path from an image src, or None for URLs and absolute paths."""
    src = src.strip()
    if not src:
        return None
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("/", "\\")):
        return None  # http(s), data:, file: and absolute paths are not files beside the page
    path = unquote(parts.path).replace("\\", "/")
    if re.match(r"^[A-Za-z]:", path):
        return None
    return path


def _folder_opener(root: Path, base: Path) -> Callable[[str], bytes | None]:
    def open_asset(src: str) -> bytes | None:
        relative = _clean_src(src)
        if relative is None:
            return None
        try:
            target = (base / relative).resolve()
        except (OSError, RuntimeError):
            return None
        # resolve() follows symlinks, so a link pointing out of the root is refused too.
        if not target.is_relative_to(root) or not target.is_file():
            return None
        try:
            if target.stat().st_size > MAX_ASSET_BYTES:
                return None
            return target.read_bytes()
        except OSError:
            return None

    return open_asset


def _zip_opener(open_archive: Callable[[], zipfile.ZipFile], member_dir: str):
    def open_asset(src: str) -> bytes | None:
        relative = _clean_src(src)
        if relative is None:
            return None
        name = posixpath.normpath(posixpath.join(member_dir, relative))
        if name.startswith("../") or name in ("..", ".") or name.startswith("/"):
            return None
        try:
            with open_archive() as archive:
                info = archive.getinfo(name)
                if info.flag_bits & 0x1 or info.file_size > MAX_ASSET_BYTES or _is_link(info):
                    return None
                return _read_member(archive, info, MAX_ASSET_BYTES)
        except (KeyError, OSError, zipfile.BadZipFile, _TooBig, RuntimeError, EOFError):
            return None

    return open_asset


# --- zips --------------------------------------------------------------------------------


class _TooBig(Exception):
    pass


class _Budget:
    """Uncompressed bytes read from one archive on disk, nested zips included."""

    def __init__(self):
        self.used = 0

    def take(self, count: int) -> None:
        self.used += count
        if self.used > MAX_ZIP_TOTAL:
            raise _TooBig(f"the archive unpacks past {_size(MAX_ZIP_TOTAL)}")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, budget=None) -> bytes:
    """The member's bytes, streamed, stopping as soon as they pass ``cap``: the declared
    size in the zip directory may lie."""
    out = io.BytesIO()
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            if budget is not None:
                budget.take(len(chunk))
            if out.tell() + len(chunk) > cap:
                raise _TooBig(f"{info.filename} unpacks past {_size(cap)}")
            out.write(chunk)
    return out.getvalue()


def _is_link(info: zipfile.ZipInfo) -> bool:
    """A symbolic link stored by a Unix zip: its bytes are the path it points to."""
    return stat.S_ISLNK(info.external_attr >> 16)


def _unsafe_name(name: str) -> str:
    """Why a member name could escape the folder it is unpacked into ("" when safe)."""
    if name.startswith(("/", "\\")):
        return "absolute path"
    if re.match(r"^[A-Za-z]:", name):
        return "drive letter"
    if ".." in re.split(r"[/\\]", name):
        return "'..' in the path"
    if "\x00" in name:
        return "NUL in the name"
    return ""


def _walk_zip(path: Path, source: str, fmt: str, max_bytes: int | None = None) -> Iterator[Item]:
    path = path.resolve()

    def open_archive() -> zipfile.ZipFile:
        return zipfile.ZipFile(path)

    try:
        archive = open_archive()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        yield Failure(source, f"not a readable zip: {_zip_error(error)}")
        return
    with archive:
        yield from _walk_archive(
            archive, open_archive, source, fmt, _Budget(), depth=0, max_bytes=max_bytes
        )


def _zip_error(error: Exception) -> str:
    message = str(error) or type(error).__name__
    if "not a zip file" in message.lower() or "truncated" in message.lower():
        return f"the file is damaged or cut off ({message})"
    return message


def _walk_archive(
    archive, open_archive, source, fmt, budget: _Budget, depth: int, max_bytes: int | None = None
):
    yield from _ArchiveWalk(archive, open_archive, source, fmt, budget, depth, max_bytes).items()


class _ArchiveWalk:
    """One zip's members in name order, each as releases, a Failure or a Skipped. Every
    check a member can fail is made on the zip directory before a byte of it is unpacked."""

    def __init__(self, archive, open_archive, source, fmt, budget: _Budget, depth, max_bytes):
        self.archive = archive
        self.open_archive = open_archive
        self.source = source
        self.fmt = fmt
        self.budget = budget
        self.depth = depth
        self.max_bytes = max_bytes
        self.member_cap = max(max_bytes or 0, MAX_FILE_BYTES)
        self.spent = False  # the whole archive unpacked past MAX_ZIP_TOTAL: stop reading it

    def items(self) -> Iterator[Item]:
        try:
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, OSError) as error:
            yield Failure(self.source, f"not a readable zip: {_zip_error(error)}")
            return
        declared = sum(i.file_size for i in infos)
        if declared > MAX_ZIP_TOTAL:
            yield Failure(
                self.source,
                f"zip bomb refused: it would unpack to {_size(declared)} "
                f"(limit {_size(MAX_ZIP_TOTAL)})",
            )
            return
        for info in sorted(infos, key=lambda i: i.filename):
            yield from self._member(info)
            if self.spent:
                return

    def _member(self, info: zipfile.ZipInfo) -> Iterator[Item]:
        name = info.filename
        member_source = f"{self.source}:{name}"
        if info.is_dir():
            return
        unsafe = _unsafe_name(name)
        if unsafe:
            yield Failure(member_source, f"unsafe path in zip: {name} ({unsafe})")
            return
        parts = name.split("/")
        if any(_ignored(p) for p in parts[:-1]) or parts[-1].startswith("."):
            return
        refusal = _member_kind_refusal(info, member_source) or self._size_refusal(
            info, member_source
        )
        if refusal is not None:
            yield refusal
            return
        try:
            data = _read_member(self.archive, info, self.member_cap, self.budget)
        except _TooBig as error:
            yield Failure(member_source, f"zip bomb refused: {error}")
            self.spent = self.budget.used > MAX_ZIP_TOTAL
            return
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
            yield Failure(member_source, f"not a readable zip: {_zip_error(error)}")
            return
        # Only this member's bytes are in memory: they go when this generator ends.
        yield from self._contents(info, member_source, data)

    def _size_refusal(self, info: zipfile.ZipInfo, member_source: str) -> Failure | None:
        """A member too large to read, by what the zip directory declares: past the cap, past
        its kind's limit, or compressed past the ratio a zip bomb would need."""
        name = info.filename
        if info.file_size > self.member_cap:
            return Failure(
                member_source,
                f"zip bomb refused: {name} would unpack to {_size(info.file_size)} "
                f"(limit {_size(self.member_cap)})",
            )
        kind = _kind_by_name(name, self.fmt)
        limit = _limit(kind, self.max_bytes)
        if info.file_size > limit:
            return Failure(member_source, _too_large(info.file_size, limit, kind))
        compressed = max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * compressed:
            return Failure(
                member_source,
                f"zip bomb refused: {name} is compressed {info.file_size // compressed}:1 "
                f"(limit {MAX_ZIP_RATIO}:1)",
            )
        return None

    def _contents(self, info: zipfile.ZipInfo, member_source: str, data: bytes) -> Iterator[Item]:
        """A member's releases; a zip inside the zip is walked in turn, one level deep."""
        name = info.filename
        ext = posixpath.splitext(name.lower())[1]
        if ext == ".zip" or data.startswith(b"PK\x03\x04") and not ext:
            if self.depth >= 1:
                yield Failure(member_source, "zip inside a zip inside a zip; unzip it first")
                return
            yield from _walk_nested(
                data, self.open_archive, name, member_source, self.fmt, self.budget, self.max_bytes
            )
            return
        opener = _zip_opener(self.open_archive, posixpath.dirname(name))
        yield from _documents(
            data, member_source, name.split("/")[-1], self.fmt, opener, self.max_bytes
        )


def _member_kind_refusal(info: zipfile.ZipInfo, member_source: str) -> Failure | Skipped | None:
    """A member that is not read for what it is: a link, a picture or stylesheet, an
    encrypted file, or one compressed in a way Python's zipfile cannot unpack."""
    name = info.filename
    if _is_link(info):
        return Skipped(
            member_source,
            f"{name} is a link inside the zip, not a file; links are not followed; skipped",
        )
    ext = posixpath.splitext(name.lower())[1]
    if ext in ASSET_KIND:
        return Skipped(member_source, f"{ASSET_KIND[ext]} file, not a release")
    if info.flag_bits & 0x1:
        return Failure(member_source, "encrypted zip member; unzip it with its password first")
    if info.compress_type not in READABLE_COMPRESSION:
        method = COMPRESSION_NAMES.get(info.compress_type, f"method {info.compress_type}")
        return Failure(
            member_source,
            f"zip member compressed with {method}, which the importer cannot read; "
            "zip it again with ordinary (deflate) compression",
        )
    return None


def _walk_nested(data, open_outer, name, source, fmt, budget, max_bytes=None):
    try:
        inner = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        yield Failure(source, f"not a readable zip: {_zip_error(error)}")
        return

    def open_inner() -> zipfile.ZipFile:
        # Re-read from the outer archive when an image is wanted, rather than keep the
        # inner zip's bytes alive for as long as its releases are.
        with open_outer() as outer:
            blob = _read_member(outer, outer.getinfo(name), max(max_bytes or 0, MAX_FILE_BYTES))
        return zipfile.ZipFile(io.BytesIO(blob))

    with inner:
        yield from _walk_archive(
            inner, open_inner, source, fmt, budget, depth=1, max_bytes=max_bytes
        )
