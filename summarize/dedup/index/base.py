"""What every index storage keeps and the small protocol the engine talks to.

An index remembers, per article ever seen: its id, cluster, best earlier match
and similarity, its LSH band keys and its (boilerplate-free) shingle
fingerprints, which verification needs. Never the text. It also remembers the
boilerplate shingles it has learnt, and the parameters its signatures were
made with, so an index cannot be mixed with incompatible settings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from summarize.errors import SummarizeError


@dataclass(slots=True)
class Record:
    """An article the index has seen: where it was clustered."""

    id: str
    cluster: str
    duplicate_of: str | None = None
    similarity: float | None = None
    digest: str | None = None  # of the text this record was made from (None: not recorded)


@dataclass(slots=True)
class Entry:
    """A record plus what later runs need to match against it."""

    record: Record
    bands: np.ndarray  # uint64 LSH band keys
    shingles: np.ndarray = field(repr=False)  # sorted uint64 fingerprints


class IndexError_(SummarizeError):
    """The index cannot be opened or does not match this run's settings."""


@runtime_checkable
class IndexStorage(Protocol):
    location: str

    def check_params(self, params: dict[str, str]) -> None:
        """Record ``params`` in a new index; raise if an existing index was built with others."""

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """A block whose reads see one state and whose writes land together or not at all,
        serialised with other writers of the same index."""

    def records(self, ids: Sequence[str]) -> dict[str, Record]:
        """Records of those ``ids`` the index already holds."""

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        """For each row of band keys, the ids of indexed articles sharing any band."""

    def shingles(self, ids: Sequence[str]) -> dict[str, tuple[str, np.ndarray]]:
        """``id -> (cluster, shingle fingerprints)`` for verification."""

    def add(self, entries: Sequence[Entry]) -> None:
        """Remember new articles (ids not yet held)."""

    def update(self, entries: Sequence[Entry]) -> None:
        """Replace held articles whose text changed: record, fingerprints, digest. Band keys of the
        old text may stay: they only propose candidates, which are verified on the new fingerprints."""

    def boilerplate(self) -> np.ndarray:
        """Boilerplate shingle fingerprints learnt so far (sorted uint64)."""

    def add_boilerplate(self, hashes: np.ndarray) -> None: ...

    def http_validators(self, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        """``url -> (ETag, Last-Modified)`` of URL inputs fetched by earlier runs."""

    def set_http_validators(self, validators: dict[str, tuple[str | None, str | None]]) -> None: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...


def params_mismatch(location: str, stored: dict[str, str], wanted: dict[str, str]) -> None:
    diff = {k: (stored[k], v) for k, v in wanted.items() if k in stored and stored[k] != v}
    if diff:
        what = ", ".join(f"{k}={old} (this run: {new})" for k, (old, new) in sorted(diff.items()))
        raise IndexError_(f"{location}: index was built with other settings: {what}; "
                          "its signatures cannot be compared with this run's: use a new index")


def pack(arr: np.ndarray) -> bytes:
    return np.ascontiguousarray(arr, dtype="<u8").tobytes()


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)


@contextlib.contextmanager
def nothing() -> Iterator[None]:
    yield
