"""A shared index in a Redis server, so many workers on many machines deduplicate against one memory.

Keys (under a prefix, ``summarize:dedup`` unless the URL says ``?prefix=``):
``{p}:meta`` (hash of build parameters), ``{p}:a:{id}`` (hash: cluster,
duplicate_of, similarity, shingles), ``{p}:b:{band key}`` (set of ids),
``{p}:boilerplate`` (set of 8-byte fingerprints), ``{p}:count``, ``{p}:http`` (hash:
URL -> JSON [ETag, Last-Modified] of fetched inputs).
Writers take a Redis lock (``{p}:lock``, with an expiry so a killed worker
cannot block the others forever) around each batch; the batch itself is
written in one MULTI/EXEC, so it lands completely or not at all.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from urllib.parse import parse_qs, urlsplit, urlunsplit

import numpy as np

from summarize.dedup.index.base import Entry, IndexError_, Record, pack, params_mismatch, unpack

LOCK_TIMEOUT = 30  # seconds a lock survives a killed holder (a live one renews it per batch)
LOCK_WAIT = 600  # seconds a writer waits for the lock


class RedisIndex:
    def __init__(self, url: str) -> None:
        try:
            import redis
        except ImportError:
            raise IndexError_("a redis:// index needs the redis client: pip install 'summarize[redis]'") from None
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        self.prefix = query.pop("prefix", ["summarize:dedup"])[0]
        self.location = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        self._redis = redis
        try:
            self._r = redis.Redis.from_url(self.location, socket_connect_timeout=5, socket_timeout=60)
            self._r.ping()
        except (redis.RedisError, ValueError) as exc:
            raise IndexError_(f"{self.location}: cannot reach Redis ({exc})") from None
        self._lock = None

    def _k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self._lock is not None:
            with contextlib.suppress(self._redis.exceptions.LockError):
                self._lock.reacquire()
            yield
            return
        lock = self._r.lock(self._k("lock"), timeout=LOCK_TIMEOUT, blocking_timeout=LOCK_WAIT)
        if not lock.acquire():
            raise IndexError_(f"{self.location}: index lock not acquired within {LOCK_WAIT} s")
        self._lock = lock
        try:
            yield
        finally:
            self._lock = None
            with contextlib.suppress(self._redis.exceptions.LockError):
                lock.release()

    def check_params(self, params: dict[str, str]) -> None:
        with self.transaction():
            stored = {k.decode(): v.decode() for k, v in self._r.hgetall(self._k("meta")).items()}
            params_mismatch(self.location, stored, params)
            missing = {k: v for k, v in params.items() if k not in stored}
            if missing:
                self._r.hset(self._k("meta"), mapping=missing)

    def records(self, ids: Sequence[str]) -> dict[str, Record]:
        ids = list(dict.fromkeys(ids))
        pipe = self._r.pipeline(transaction=False)
        for i in ids:
            pipe.hmget(self._k("a", i), "cluster", "duplicate_of", "similarity", "digest")
        out = {}
        for i, (cluster, dup, sim, digest) in zip(ids, pipe.execute()):
            if cluster is not None:
                out[i] = Record(i, cluster.decode(), dup.decode() if dup else None, float(sim) if sim else None,
                                digest.decode() if digest else None)
        return out

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        pipe = self._r.pipeline(transaction=False)
        for row in keys:
            pipe.sunion([self._k("b", format(int(k), "x")) for k in row])
        return [{m.decode() for m in members} for members in pipe.execute()] if len(keys) else []

    def shingles(self, ids: Sequence[str]) -> dict[str, tuple[str, np.ndarray]]:
        ids = list(dict.fromkeys(ids))
        pipe = self._r.pipeline(transaction=False)
        for i in ids:
            pipe.hmget(self._k("a", i), "cluster", "shingles")
        return {i: (c.decode(), unpack(s)) for i, (c, s) in zip(ids, pipe.execute()) if c is not None}

    def add(self, entries: Sequence[Entry], replace: bool = False) -> None:
        with self.transaction():
            held = self.records([e.record.id for e in entries])
            pipe = self._r.pipeline(transaction=True)
            added = changed = 0
            for e in entries:
                r = e.record
                if r.id in held and not replace:
                    continue
                fields = {"cluster": r.cluster, "shingles": pack(e.shingles)}
                if r.duplicate_of is not None:
                    fields["duplicate_of"] = r.duplicate_of
                if r.similarity is not None:
                    fields["similarity"] = repr(float(r.similarity))
                if r.digest is not None:
                    fields["digest"] = r.digest
                if r.id in held:
                    pipe.hdel(self._k("a", r.id), "duplicate_of", "similarity")
                pipe.hset(self._k("a", r.id), mapping=fields)
                for k in np.unique(e.bands).tolist():
                    pipe.sadd(self._k("b", format(k, "x")), r.id)
                added += r.id not in held
                changed += 1
            if added:
                pipe.incrby(self._k("count"), added)
            if changed:
                pipe.execute()

    def update(self, entries: Sequence[Entry]) -> None:
        self.add(entries, replace=True)

    def boilerplate(self) -> np.ndarray:
        members = self._r.smembers(self._k("boilerplate"))
        if not members:
            return np.empty(0, np.uint64)
        return np.unique(unpack(b"".join(members)))

    def add_boilerplate(self, hashes: np.ndarray) -> None:
        if hashes.size:
            self._r.sadd(self._k("boilerplate"), *[pack(np.array([h], dtype=np.uint64)) for h in hashes.tolist()])

    def http_validators(self, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        urls = list(dict.fromkeys(urls))
        if not urls:
            return {}
        values = self._r.hmget(self._k("http"), urls)
        return {url: tuple(json.loads(v)) for url, v in zip(urls, values) if v is not None}

    def set_http_validators(self, validators) -> None:
        if validators:
            self._r.hset(self._k("http"), mapping={url: json.dumps(list(v)) for url, v in validators.items()})

    def __len__(self) -> int:
        return int(self._r.get(self._k("count")) or 0)

    def close(self) -> None:
        self._r.close()
