"""Where the dedup engine remembers articles: storages behind one protocol, chosen by a spec.

``None`` or ``memory`` -> :class:`MemoryIndex` (one run); ``redis://HOST:PORT/DB``
(or ``rediss://``, ``unix://``) -> :class:`RedisIndex`; anything else is a
path -> :class:`SQLiteIndex` (``sqlite:PATH`` also accepted). New storages
register a URL scheme in :data:`STORAGES`.
"""

from __future__ import annotations

from collections.abc import Callable

from summarize.dedup.index.base import Entry, IndexError_, IndexStorage, Record
from summarize.dedup.index.memory import MemoryIndex
from summarize.dedup.index.sqlite import SQLiteIndex


def _redis(spec: str) -> IndexStorage:
    from summarize.dedup.index.redis import RedisIndex

    return RedisIndex(spec)


def _sqlite(spec: str) -> IndexStorage:
    path = spec.split(":", 1)[1] if spec.startswith("sqlite:") else spec
    if path.startswith("//"):
        path = path[2:]
    return SQLiteIndex(path)


STORAGES: dict[str, Callable[[str], IndexStorage]] = {
    "memory": lambda spec: MemoryIndex(),
    "redis": _redis,
    "rediss": _redis,
    "unix": _redis,
    "sqlite": _sqlite,
}


def open_index(spec: str | None) -> IndexStorage:
    """The storage ``spec`` names (see module doc)."""
    if spec is None or spec in ("memory", "memory:", ":memory:"):
        return MemoryIndex()
    scheme = spec.split(":", 1)[0].lower() if "://" in spec or spec.startswith("sqlite:") else ""
    if scheme and scheme not in STORAGES:
        raise IndexError_(f"unknown index scheme {scheme!r}; use a file path, redis://HOST:PORT/DB or memory")
    return STORAGES.get(scheme, _sqlite)(spec)


__all__ = ["Entry", "IndexError_", "IndexStorage", "MemoryIndex", "Record", "SQLiteIndex", "STORAGES", "open_index"]
