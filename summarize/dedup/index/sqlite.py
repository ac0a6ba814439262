"""The embedded persistent index: one SQLite file in WAL mode.

Crash safety comes from SQLite itself: every batch of new articles is written
in one transaction, so a process killed at any instant leaves either the whole
batch or none of it, and the next open rolls back the interrupted one. WAL
lets readers run beside a writer; ``BEGIN IMMEDIATE`` plus a busy timeout
serialise concurrent writers (several ``summarize dedup --index`` runs on one
file) instead of failing or corrupting. Texts are never stored: per article an
id, its cluster, its band keys and its shingle fingerprints (a few KB).
"""

from __future__ import annotations

import contextlib
import functools
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from summarize.dedup.index.base import Entry, IndexError_, Record, pack, params_mismatch, unpack

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    cluster TEXT NOT NULL,
    duplicate_of TEXT,
    similarity REAL,
    shingles BLOB NOT NULL,
    digest TEXT
);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS boilerplate (hash INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS http (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT)
"""

# The columns each table of a dedup index has (``digest`` is added to older indexes on open).
_COLUMNS = {
    "meta": {"key", "value"},
    "articles": {"n", "id", "cluster", "duplicate_of", "similarity", "shingles"},
    "bands": {"key", "article"},
    "boilerplate": {"hash"},
    "http": {"url", "etag", "last_modified"},
}

_CHUNK = 900  # stays under SQLite's bound-parameter limit


def _signed(arr: np.ndarray) -> list[int]:
    return np.ascontiguousarray(arr, dtype=np.uint64).view(np.int64).tolist()


class SQLiteIndex:
    def __init__(self, path: str, busy_timeout_ms: int = 120_000) -> None:
        self.location = path
        self._depth = 0
        p = Path(path)
        if p.is_dir():
            raise IndexError_(f"{path}: is a folder, expected an index file")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            self._open(path, busy_timeout_ms)
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"{path}: cannot open as a dedup index ({exc})") from None
        except OSError as exc:
            raise IndexError_(f"{path}: cannot create index ({exc.strerror or exc})") from None

    def _open(self, path: str, busy_timeout_ms: int) -> None:
        """Connect, switch to WAL and create the schema, retrying while another process holds
        the file: switching a new database to WAL needs an exclusive lock, and SQLite reports
        "database is locked" for it at once instead of waiting out the busy timeout."""
        deadline = time.monotonic() + busy_timeout_ms / 1000
        delay = 0.01
        while True:
            self._db = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
            try:
                self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._db.execute("PRAGMA temp_store = MEMORY")
                with self.transaction():
                    self._check_schema(path)
                    for stmt in SCHEMA.strip().split(";"):
                        if stmt.strip():
                            self._db.execute(stmt)
                    columns = {row[1] for row in self._db.execute("PRAGMA table_info(articles)")}
                    if "digest" not in columns:  # an index made before texts were told apart by digest
                        self._db.execute("ALTER TABLE articles ADD COLUMN digest TEXT")
                return
            except sqlite3.OperationalError as exc:
                self._db.close()
                self._depth = 0
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)

    def _check_schema(self, path: str) -> None:
        """Refuse a database whose tables of our names have other columns (another program's file)."""
        for table, wanted in _COLUMNS.items():
            columns = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if columns and not wanted <= columns:
                raise IndexError_(f"{path}: not a summarize dedup index (its table {table!r} has other columns: "
                                  f"{', '.join(sorted(columns))})")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    def check_params(self, params: dict[str, str]) -> None:
        with self.transaction():
            stored = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
            params_mismatch(self.location, stored, params)
            self._db.executemany("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", sorted(params.items()))

    def records(self, ids: Sequence[str]) -> dict[str, Record]:
        out: dict[str, Record] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), _CHUNK):
            part = ids[i : i + _CHUNK]
            q = f"SELECT id, cluster, duplicate_of, similarity, digest FROM articles WHERE id IN ({','.join('?' * len(part))})"
            for rid, cluster, dup, sim, digest in self._db.execute(q, part):
                out[rid] = Record(rid, cluster, dup, sim, digest)
        return out

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        out: list[set[str]] = [set() for _ in range(len(keys))]
        if len(keys) == 0:
            return out
        flat = _signed(keys.ravel())
        rows = np.repeat(np.arange(len(keys)), keys.shape[1]).tolist()
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS probe (key INTEGER NOT NULL, row INTEGER NOT NULL)")
        db.execute("DELETE FROM probe")
        db.executemany("INSERT INTO probe (key, row) VALUES (?, ?)", zip(flat, rows))
        # CROSS JOIN fixes the loop order: probe outside, index lookups inside (never a scan of bands)
        q = ("SELECT DISTINCT probe.row, articles.id FROM probe CROSS JOIN bands ON bands.key = probe.key "
             "CROSS JOIN articles ON articles.n = bands.article")
        for row, rid in db.execute(q):
            out[row].add(rid)
        db.execute("DELETE FROM probe")
        return out

    def shingles(self, ids: Sequence[str]) -> dict[str, tuple[str, np.ndarray]]:
        out: dict[str, tuple[str, np.ndarray]] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), _CHUNK):
            part = ids[i : i + _CHUNK]
            q = f"SELECT id, cluster, shingles FROM articles WHERE id IN ({','.join('?' * len(part))})"
            for rid, cluster, blob in self._db.execute(q, part):
                out[rid] = (cluster, unpack(blob))
        return out

    def add(self, entries: Sequence[Entry]) -> None:
        with self.transaction():
            for e in entries:
                r = e.record
                cur = self._db.execute(
                    "INSERT OR IGNORE INTO articles (id, cluster, duplicate_of, similarity, shingles, digest) VALUES (?, ?, ?, ?, ?, ?)",
                    (r.id, r.cluster, r.duplicate_of, r.similarity, pack(e.shingles), r.digest),
                )
                if cur.rowcount != 1:
                    continue
                n = cur.lastrowid
                self._db.executemany("INSERT OR IGNORE INTO bands (key, article) VALUES (?, ?)",
                                     ((k, n) for k in _signed(np.unique(e.bands))))

    def update(self, entries: Sequence[Entry]) -> None:
        with self.transaction():
            for e in entries:
                r = e.record
                row = self._db.execute("SELECT n FROM articles WHERE id = ?", (r.id,)).fetchone()
                if row is None:
                    self.add([e])
                    continue
                self._db.execute("UPDATE articles SET cluster = ?, duplicate_of = ?, similarity = ?, shingles = ?, digest = ? "
                                 "WHERE n = ?", (r.cluster, r.duplicate_of, r.similarity, pack(e.shingles), r.digest, row[0]))
                self._db.executemany("INSERT OR IGNORE INTO bands (key, article) VALUES (?, ?)",
                                     ((k, row[0]) for k in _signed(np.unique(e.bands))))

    def boilerplate(self) -> np.ndarray:
        vals = [v for (v,) in self._db.execute("SELECT hash FROM boilerplate")]
        return np.unique(np.array(vals, dtype=np.int64).view(np.uint64)) if vals else np.empty(0, np.uint64)

    def add_boilerplate(self, hashes: np.ndarray) -> None:
        if hashes.size == 0:
            return
        with self.transaction():
            self._db.executemany("INSERT OR IGNORE INTO boilerplate (hash) VALUES (?)", ((h,) for h in _signed(hashes)))

    def http_validators(self, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        out: dict[str, tuple[str | None, str | None]] = {}
        urls = list(dict.fromkeys(urls))
        for i in range(0, len(urls), _CHUNK):
            part = urls[i : i + _CHUNK]
            q = f"SELECT url, etag, last_modified FROM http WHERE url IN ({','.join('?' * len(part))})"
            out.update((url, (etag, modified)) for url, etag, modified in self._db.execute(q, part))
        return out

    def set_http_validators(self, validators) -> None:
        with self.transaction():
            self._db.executemany("INSERT OR REPLACE INTO http (url, etag, last_modified) VALUES (?, ?, ?)",
                                 ((url, etag, modified) for url, (etag, modified) in validators.items()))

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self._db.close()


def _guarded(method):
    """``method`` with a damaged database file (found at any read or write, not only at open)
    reported as one :class:`IndexError_` naming the file."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"{self.location}: damaged or not a summarize dedup index ({exc})") from None

    return call


for _name in ("check_params", "records", "candidates", "shingles", "add", "update", "boilerplate",
              "add_boilerplate", "http_validators", "set_http_validators", "__len__"):
    setattr(SQLiteIndex, _name, _guarded(getattr(SQLiteIndex, _name)))
