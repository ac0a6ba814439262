"""An index that lives for one run: the default when no ``--index`` is given."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import numpy as np

from summarize.fingerprint import unique

from summarize.dedup.index.base import Entry, Record, nothing, params_mismatch


class MemoryIndex:
    def __init__(self, location: str = "memory") -> None:
        self.location = location
        self._records: dict[str, Record] = {}
        self._shingles: dict[str, np.ndarray] = {}
        self._bands: dict[int, list[str]] = {}
        self._boilerplate = np.empty(0, dtype=np.uint64)
        self._params: dict[str, str] = {}
        self._http: dict[str, tuple[str | None, str | None]] = {}

    def check_params(self, params: dict[str, str]) -> None:
        params_mismatch(self.location, self._params, params)
        self._params = {**params, **self._params}

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        return nothing()

    def records(self, ids: Sequence[str]) -> dict[str, Record]:
        return {i: self._records[i] for i in ids if i in self._records}

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        out = []
        for row in keys.tolist():
            found: set[str] = set()
            for k in row:
                hit = self._bands.get(k)
                if hit:
                    found.update(hit)
            out.append(found)
        return out

    def shingles(self, ids: Sequence[str]) -> dict[str, tuple[str, np.ndarray]]:
        return {i: (self._records[i].cluster, self._shingles[i]) for i in ids if i in self._records}

    def add(self, entries: Sequence[Entry]) -> None:
        for e in entries:
            rid = e.record.id
            if rid in self._records:
                continue
            self._records[rid] = e.record
            self._shingles[rid] = e.shingles
            for k in e.bands.tolist():
                self._bands.setdefault(k, []).append(rid)

    def update(self, entries: Sequence[Entry]) -> None:
        for e in entries:
            rid = e.record.id
            self._records[rid] = e.record
            self._shingles[rid] = e.shingles
            for k in e.bands.tolist():
                hit = self._bands.setdefault(k, [])
                if rid not in hit:
                    hit.append(rid)

    def boilerplate(self) -> np.ndarray:
        return self._boilerplate

    def add_boilerplate(self, hashes: np.ndarray) -> None:
        self._boilerplate = unique(np.concatenate([self._boilerplate, hashes.astype(np.uint64)]))

    def http_validators(self, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        return {u: self._http[u] for u in urls if u in self._http}

    def set_http_validators(self, validators) -> None:
        self._http.update(validators)

    def __len__(self) -> int:
        return len(self._records)

    def close(self) -> None:
        pass
