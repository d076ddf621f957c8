"""Cached responses as files, shared by every worker process; no Django here.

Layout
    ROOT/<scheme>-<host>/<path segments…>/@/<query file>     for a path ending in "/"
    ROOT/<scheme>-<host>/<path segments…>/@f/<query file>    for one that does not
                                                            (/robots.txt, /feeds/rss.xml)
    The query file is "_" for no query string, else a hash of the normalized query. So
    purging a path removes one "@" folder (every query variant: ?page=2, ?topic=parks…) and
    purging a prefix such as /feeds/ removes a whole tree. A purge applies to every host.

Each file is b"DLPC2\\n" + one JSON line (status, headers, stored time, ETag, length of the
gzip copy) + b"\\n" + body + the body gzip-compressed (when worth it),
written to a temporary name and moved into place with os.replace, so readers see a whole
entry or none.

Memory
    Each process keeps recently served entries in an LRU bounded by bytes. A hit is checked
    against the file with one os.stat (inode and mtime_ns): a purge or a newer entry written
    by any process is seen at once, without any message between processes.

Races with a purge
    A miss may render the old content, then a purge happens, then the miss stores what it
    rendered. Every purge first replaces ROOT/.generation; a store reads the generation
    before Django runs and drops its entry if the generation changed, checking again after
    the file is in place. Entries also expire after `ttl` seconds as a last safety net.

Bounds
    Entries are capped by count and bytes on disk; every few hundred stores a process walks
    the tree and removes the oldest entries when over the cap. The key space is bounded
    by the WSGI layer (allowed query parameters only, limited lengths).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import quote

MAGIC = b"DLPC2\n"
GENERATION = ".generation"
MAX_DEPTH = 16
MAX_SEGMENT = 200


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    stored_at: float
    etag: str = ""
    # The body gzip-compressed once when stored, for readers whose browsers accept it
    # (every browser does); empty when not worth it. Headers are the identity body's.
    gzip: bytes = b""
    size: int = field(init=False)
    _gzip_headers: list[tuple[str, str]] | None = field(init=False, default=None, repr=False)

    def __post_init__(self):
        self.size = (
            len(self.body) + len(self.gzip) + sum(len(k) + len(v) for k, v in self.headers) + 200
        )

    @property
    def gzip_etag(self) -> str:
        """A compressed body is another representation, so it has its own validator."""
        if not self.etag:
            return ""
        return self.etag[:-1] + '-gz"' if self.etag.endswith('"') else self.etag + "-gz"

    def gzip_headers(self) -> list[tuple[str, str]]:
        if self._gzip_headers is None:
            headers = []
            for name, value in self.headers:
                lower = name.lower()
                if lower == "content-length":
                    value = str(len(self.gzip))
                elif lower == "etag":
                    value = self.gzip_etag
                headers.append((name, value))
            self._gzip_headers = headers + [("Content-Encoding", "gzip")]
        return self._gzip_headers

    def encode(self) -> bytes:
        meta = {"status": self.status, "headers": self.headers, "stored_at": self.stored_at}
        meta["etag"] = self.etag
        meta["gzip"] = len(self.gzip)
        head = MAGIC + json.dumps(meta, separators=(",", ":")).encode() + b"\n"
        return head + self.body + self.gzip

    @classmethod
    def decode(cls, data: bytes) -> Entry | None:
        if not data.startswith(MAGIC):
            return None
        end = data.find(b"\n", len(MAGIC))
        if end < 0:
            return None
        try:
            meta = json.loads(data[len(MAGIC) : end])
        except ValueError:
            return None
        headers = [(str(k), str(v)) for k, v in meta["headers"]]
        payload = data[end + 1 :]
        compressed = int(meta.get("gzip", 0))
        if not 0 <= compressed <= len(payload):
            return None
        split = len(payload) - compressed
        return cls(
            meta["status"],
            headers,
            payload[:split],
            meta["stored_at"],
            meta["etag"],
            payload[split:],
        )


def _segments(path: str) -> list[str] | None:
    """The folder names for a URL path, or None when the path is not worth caching."""
    parts = [p for p in path.split("/") if p]
    if len(parts) > MAX_DEPTH:
        return None
    out = []
    for part in parts:
        if part in (".", ".."):
            return None
        try:
            raw = part.encode("latin-1")  # WSGI gives PATH_INFO's bytes as latin-1
        except UnicodeEncodeError:
            raw = part.encode()
        name = quote(raw, safe="-_.~")
        if len(name) > MAX_SEGMENT or name.startswith("@"):
            return None
        out.append(name)
    return out


def query_file(normalized_query: str) -> str:
    if not normalized_query:
        return "_"
    return hashlib.sha1(normalized_query.encode()).hexdigest()[:32]


class Store:
    def __init__(
        self,
        root,
        *,
        memory_bytes: int = 64 * 1024 * 1024,
        max_entries: int = 50_000,
        max_bytes: int = 1024 * 1024 * 1024,
        ttl: float = 600.0,
    ):
        self.root = os.fspath(root)
        self.memory_bytes = memory_bytes
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.ttl = ttl
        self._lru: OrderedDict[str, tuple[int, int, Entry]] = OrderedDict()
        self._lru_bytes = 0
        self._lock = threading.Lock()
        self._stores = 0
        self._generation_file = os.path.join(self.root, GENERATION)
        os.makedirs(self.root, exist_ok=True)
        # From the start, so that what is kept under it (core/sitewide.py) has one to check;
        # never replaced here, which would drop entries other processes are storing.
        with contextlib.suppress(OSError):
            os.close(os.open(self._generation_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL))

    # --- keys ----------------------------------------------------------------------------

    def entry_dir(self, host_key: str, path: str) -> str | None:
        segments = _segments(path)
        if segments is None:
            return None
        leaf = "@" if path.endswith("/") else "@f"
        if leaf == "@f" and not segments:
            return None
        return os.path.join(self.root, host_key, *segments, leaf)

    def file_for(self, host_key: str, path: str, normalized_query: str) -> str | None:
        folder = self.entry_dir(host_key, path)
        return None if folder is None else os.path.join(folder, query_file(normalized_query))

    # --- reading -------------------------------------------------------------------------

    def get(self, filename: str) -> Entry | None:
        try:
            st = os.stat(filename)
        except OSError:
            self._forget(filename)
            return None
        with self._lock:
            held = self._lru.get(filename)
            if held is not None and held[0] == st.st_ino and held[1] == st.st_mtime_ns:
                self._lru.move_to_end(filename)
                entry = held[2]
            else:
                entry = None
        if entry is None:
            try:
                with open(filename, "rb") as handle:
                    entry = Entry.decode(handle.read())
            except OSError:
                return None
            if entry is None:
                return None
            self._remember(filename, st.st_ino, st.st_mtime_ns, entry)
        if time.time() - entry.stored_at > self.ttl:
            return None
        return entry

    def _remember(self, filename, ino, mtime_ns, entry) -> None:
        if entry.size > self.memory_bytes // 8:
            return
        with self._lock:
            old = self._lru.pop(filename, None)
            if old is not None:
                self._lru_bytes -= old[2].size
            self._lru[filename] = (ino, mtime_ns, entry)
            self._lru_bytes += entry.size
            while self._lru_bytes > self.memory_bytes and self._lru:
                _, (_, _, dropped) = self._lru.popitem(last=False)
                self._lru_bytes -= dropped.size

    def _forget(self, filename) -> None:
        if filename in self._lru:
            with self._lock:
                old = self._lru.pop(filename, None)
                if old is not None:
                    self._lru_bytes -= old[2].size

    # --- writing -------------------------------------------------------------------------

    def generation(self):
        try:
            st = os.stat(self._generation_file)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def put(self, filename: str, entry: Entry, generation) -> bool:
        """Store unless a purge happened since `generation` was read; True when stored."""
        folder = os.path.dirname(filename)
        temp = os.path.join(folder, f".tmp-{os.getpid()}-{uuid.uuid4().hex}")
        try:
            os.makedirs(folder, exist_ok=True)
            with open(temp, "wb") as handle:
                handle.write(entry.encode())
            if self.generation() != generation:
                os.unlink(temp)
                return False
            os.replace(temp, filename)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            return False
        if self.generation() != generation:
            # A purge started while we were writing: it may have missed this file.
            with contextlib.suppress(OSError):
                os.unlink(filename)
            return False
        self._stores += 1
        if self._stores % 256 == 1:
            self.enforce_limits()
        return True

    # --- purging -------------------------------------------------------------------------

    def bump_generation(self) -> None:
        temp = f"{self._generation_file}.{os.getpid()}-{uuid.uuid4().hex}"
        try:
            with open(temp, "w") as handle:
                handle.write(f"{time.time()}\n")
            os.replace(temp, self._generation_file)
        except OSError:
            pass

    def _hosts(self) -> list[str]:
        try:
            return [
                os.path.join(self.root, name)
                for name in os.listdir(self.root)
                if not name.startswith(".")
            ]
        except OSError:
            return []

    def purge(self, paths=(), trees=()) -> int:
        """Remove every query variant of each path and everything under each tree prefix."""
        self.bump_generation()
        removed = 0
        hosts = self._hosts()
        for path in paths:
            segments = _segments(path)
            if segments is None:
                continue
            leaf = "@" if path.endswith("/") else "@f"
            for host in hosts:
                removed += _rmtree(os.path.join(host, *segments, leaf))
        for prefix in trees:
            segments = _segments(prefix)
            if not segments:  # "/" as a tree is everything: use purge_all()
                continue
            for host in hosts:
                removed += _rmtree(os.path.join(host, *segments))
        with self._lock:
            self._lru.clear()
            self._lru_bytes = 0
        return removed

    def purge_children(self, path: str, pattern) -> int:
        """Remove the subtrees of `path` whose folder names match (e.g. archive years)."""
        segments = _segments(path)
        if segments is None:
            return 0
        self.bump_generation()
        removed = 0
        for host in self._hosts():
            folder = os.path.join(host, *segments)
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                if pattern.fullmatch(name):
                    removed += _rmtree(os.path.join(folder, name))
        return removed

    def purge_all(self) -> None:
        self.bump_generation()
        for host in self._hosts():
            trash = os.path.join(self.root, f".trash-{os.getpid()}-{uuid.uuid4().hex}")
            try:
                os.rename(host, trash)
            except OSError:
                continue
            shutil.rmtree(trash, ignore_errors=True)
        with self._lock:
            self._lru.clear()
            self._lru_bytes = 0

    # --- bounds --------------------------------------------------------------------------

    def enforce_limits(self) -> int:
        """Remove the oldest entries while over the count or byte cap; returns how many."""
        files = []
        for folder, _dirs, names in os.walk(self.root):
            for name in names:
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                files.append((st.st_mtime_ns, st.st_size, full))
        total = sum(size for _, size, _ in files)
        if len(files) <= self.max_entries and total <= self.max_bytes:
            return 0
        files.sort()
        count, removed = len(files), 0
        for _, size, full in files:
            if count <= self.max_entries * 0.9 and total <= self.max_bytes * 0.9:
                break
            try:
                os.unlink(full)
            except OSError:
                continue
            count -= 1
            total -= size
            removed += 1
        return removed


def _rmtree(folder: str) -> int:
    if not os.path.isdir(folder):
        return 0
    shutil.rmtree(folder, ignore_errors=True)
    return 1
