"""Stories that outlive a run: ``--index`` keeps each story's centroid, names and days.

A cron job polling feeds every ten minutes sees an event's articles arrive over days; with a
store, each run continues the stories of the runs before (:meth:`StoryStore.load` gives the
:class:`~summarize.stories.cluster.StoryClusterer` as the last run left it, :meth:`save` writes
what changed), so one event stays one story with one id. What is kept per story: the sum of its
members' lead vectors, its size, its names and figures (counts), its first and last day and its
members' ids; per store: the document frequencies of names and the number of articles seen.
Never a text.

The store lives beside the dedup index in the same place: the same SQLite file (tables
``story_*``) or the same Redis server (keys under ``summarize:stories``). The encoder that made
the vectors is recorded; a store made by another encoder is refused in one line, never mixed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, urlsplit, urlunsplit

import numpy as np

from summarize.errors import SummarizeError
from summarize.stories.cluster import Story, StoryClusterer, StorySettings

SCHEME = "stories-v1"


class StoreError(SummarizeError):
    """A story store that cannot be opened, read or written."""


class StoryStore(Protocol):
    location: str

    def load(self, settings: StorySettings | None, encoder: str) -> StoryClusterer: ...

    def save(self, clusterer: StoryClusterer) -> None: ...

    def close(self) -> None: ...


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class _Tracked:
    """What a loaded clusterer held, to save only what changed."""

    def __init__(self, clusterer: StoryClusterer) -> None:
        self.members = set(clusterer.membership)
        self.name_df = Counter(clusterer.name_df)

    def new_members(self, clusterer: StoryClusterer) -> list[tuple[str, str]]:
        return [(a, s) for a, s in clusterer.membership.items() if a not in self.members]

    def changed_names(self, clusterer: StoryClusterer) -> dict[str, int]:
        return {n: c for n, c in clusterer.name_df.items() if self.name_df.get(n) != c}


SCHEMA = """
CREATE TABLE IF NOT EXISTS story_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    vector BLOB NOT NULL,
    size INTEGER NOT NULL,
    names TEXT NOT NULL,
    first_day TEXT,
    last_day TEXT
);
CREATE TABLE IF NOT EXISTS story_member (article TEXT PRIMARY KEY, story TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_name (name TEXT PRIMARY KEY, df INTEGER NOT NULL)
"""


class SQLiteStoryStore:
    def __init__(self, path: str, busy_timeout_ms: int = 120_000) -> None:
        self.location = path
        if Path(path).is_dir():
            raise StoreError(f"{path}: is a folder, expected an index file")
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA.strip().split(";"):
                self._db.execute(statement)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a story index ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the index ({exc.strerror or exc})") from None
        self._tracked: _Tracked | None = None

    def _query(self, sql: str, args=()) -> list[tuple]:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.location}: cannot read the story index ({exc})") from None

    def load(self, settings: StorySettings | None, encoder: str) -> StoryClusterer:
        meta = dict(self._query("SELECT key, value FROM story_meta"))
        _check_meta(self.location, meta, encoder)
        members: dict[str, list[str]] = {}
        membership = {}
        for article, story in self._query("SELECT article, story FROM story_member ORDER BY rowid"):
            membership[article] = story
            members.setdefault(story, []).append(article)
        stories = [
            Story(sid, np.frombuffer(vector, dtype=np.float32).copy(), size, Counter(json.loads(names)),
                  _day(first), _day(last), members.get(sid, []))
            for sid, vector, size, names, first, last in
            self._query("SELECT id, vector, size, names, first_day, last_day FROM story ORDER BY n")
        ]
        name_df = Counter(dict(self._query("SELECT name, df FROM story_name")))
        clusterer = StoryClusterer(settings, stories, name_df, int(meta.get("documents", 0)), membership)
        self._tracked = _Tracked(clusterer)
        self._encoder = encoder
        return clusterer

    def save(self, clusterer: StoryClusterer) -> None:
        tracked = self._tracked or _Tracked(StoryClusterer())
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for story in (clusterer.by_id[sid] for sid in sorted(clusterer.changed, key=clusterer.row_of.__getitem__)):
                self._db.execute(
                    "INSERT INTO story (id, vector, size, names, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET vector=excluded.vector, size=excluded.size, names=excluded.names, "
                    "first_day=excluded.first_day, last_day=excluded.last_day",
                    (story.id, np.asarray(story.vector_sum, dtype=np.float32).tobytes(), story.size,
                     json.dumps(story.names, ensure_ascii=False),
                     story.first_day.isoformat() if story.first_day else None,
                     story.last_day.isoformat() if story.last_day else None))
            self._db.executemany("INSERT OR REPLACE INTO story_member (article, story) VALUES (?, ?)",
                                 tracked.new_members(clusterer))
            self._db.executemany("INSERT OR REPLACE INTO story_name (name, df) VALUES (?, ?)",
                                 tracked.changed_names(clusterer).items())
            self._db.executemany("INSERT OR REPLACE INTO story_meta (key, value) VALUES (?, ?)",
                                 [("scheme", SCHEME), ("encoder", self._encoder),
                                  ("documents", str(clusterer.documents))])
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.location}: cannot write the story index ({exc})") from None
        clusterer.changed.clear()
        self._tracked = _Tracked(clusterer)

    def close(self) -> None:
        self._db.close()


class RedisStoryStore:
    """Keys under ``{prefix}``: ``:meta`` (hash), ``:story`` (hash id -> JSON of a story),
    ``:order`` (list of story ids, first seen first), ``:member`` (hash article -> story),
    ``:name`` (hash name -> document frequency). A save is one MULTI/EXEC."""

    def __init__(self, url: str) -> None:
        try:
            import redis
        except ImportError:
            raise StoreError("a redis:// index needs the redis client: pip install 'summarize[redis]'") from None
        parts = urlsplit(url)
        self.prefix = parse_qs(parts.query).get("prefix", ["summarize"])[0].removesuffix(":dedup") + ":stories"
        self.location = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        self._errors = redis.RedisError
        try:
            self._r = redis.Redis.from_url(self.location, socket_connect_timeout=5, socket_timeout=60)
            self._r.ping()
        except (redis.RedisError, ValueError) as exc:
            raise StoreError(f"{self.location}: cannot reach Redis ({exc})") from None
        self._tracked: _Tracked | None = None

    def _k(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def load(self, settings: StorySettings | None, encoder: str) -> StoryClusterer:
        try:
            meta = {k.decode(): v.decode() for k, v in self._r.hgetall(self._k("meta")).items()}
            order = [s.decode() for s in self._r.lrange(self._k("order"), 0, -1)]
            raw = self._r.hgetall(self._k("story"))
            member_raw = self._r.hgetall(self._k("member"))
            names_raw = self._r.hgetall(self._k("name"))
        except self._errors as exc:
            raise StoreError(f"{self.location}: cannot read the story index ({exc})") from None
        _check_meta(self.location, meta, encoder)
        membership = {a.decode(): s.decode() for a, s in member_raw.items()}
        members: dict[str, list[str]] = {}
        for article, story in membership.items():
            members.setdefault(story, []).append(article)
        stories = []
        for sid in order:
            data = json.loads(raw[sid.encode()])
            stories.append(Story(sid, np.asarray(data["vector"], dtype=np.float32), data["size"],
                                 Counter(data["names"]), _day(data["first_day"]), _day(data["last_day"]),
                                 members.get(sid, [])))
        name_df = Counter({n.decode(): int(c) for n, c in names_raw.items()})
        clusterer = StoryClusterer(settings, stories, name_df, int(meta.get("documents", 0)), membership)
        self._tracked = _Tracked(clusterer)
        self._known = set(order)
        self._encoder = encoder
        return clusterer

    def save(self, clusterer: StoryClusterer) -> None:
        tracked = self._tracked or _Tracked(StoryClusterer())
        pipe = self._r.pipeline(transaction=True)
        new_ids = []
        for sid in sorted(clusterer.changed, key=clusterer.row_of.__getitem__):
            story = clusterer.by_id[sid]
            pipe.hset(self._k("story"), sid, json.dumps({
                "vector": np.asarray(story.vector_sum, dtype=np.float32).tolist(), "size": story.size,
                "names": story.names, "first_day": story.first_day.isoformat() if story.first_day else None,
                "last_day": story.last_day.isoformat() if story.last_day else None}, ensure_ascii=False))
            if sid not in self._known:
                new_ids.append(sid)
        if new_ids:
            pipe.rpush(self._k("order"), *new_ids)
        members = dict(tracked.new_members(clusterer))
        if members:
            pipe.hset(self._k("member"), mapping=members)
        names = tracked.changed_names(clusterer)
        if names:
            pipe.hset(self._k("name"), mapping=names)
        pipe.hset(self._k("meta"), mapping={"scheme": SCHEME, "encoder": self._encoder,
                                            "documents": clusterer.documents})
        try:
            pipe.execute()
        except self._errors as exc:
            raise StoreError(f"{self.location}: cannot write the story index ({exc})") from None
        self._known.update(new_ids)
        clusterer.changed.clear()
        self._tracked = _Tracked(clusterer)

    def close(self) -> None:
        self._r.close()


def _check_meta(location: str, meta: dict[str, str], encoder: str) -> None:
    if meta.get("scheme", SCHEME) != SCHEME:
        raise StoreError(f"{location}: stories stored by another version ({meta['scheme']}); use a new index")
    if meta.get("encoder", encoder) != encoder:
        raise StoreError(f"{location}: stories were grouped with the encoder {meta['encoder']}, not {encoder}; "
                         "use a new index or the same --model")


def open_store(spec: str) -> StoryStore:
    """The story store of an ``--index`` spec: a SQLite file path, or a redis:// URL."""
    scheme = spec.split("://", 1)[0].lower() if "://" in spec else ""
    if scheme in ("redis", "rediss", "unix"):
        return RedisStoryStore(spec)
    if scheme and scheme != "sqlite":
        raise StoreError(f"unknown index scheme {scheme!r}; use a file path or redis://HOST:PORT/DB")
    return SQLiteStoryStore(spec.removeprefix("sqlite://") if scheme else spec)
