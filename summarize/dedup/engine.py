"""The near-duplicate engine: shingles -> boilerplate removal -> MinHash -> LSH -> exact verification.

Articles are processed in input order; each one is compared with every
earlier article (of this run, and of earlier runs kept in the index) that LSH
proposes, and every proposal is verified on the exact shingle sets:

* ``similarity`` = containment of the smaller set in the larger
  (|A ∩ B| / min(|A|, |B|)), so a copy trimmed to its first 60 % still scores
  near 1;
* a pair is a duplicate when ``similarity >= threshold`` **and** Jaccard
  ``>= min_jaccard``, so a long article is not the duplicate of a short one
  that merely quotes a paragraph of it.

The best verified match (highest similarity, earliest on ties) becomes
``duplicate_of`` and the article joins its cluster; otherwise it opens a
cluster named by its own id. Clusters are never merged afterwards, so their
ids stay stable across incremental runs. An article whose identity the index
already holds with the same text keeps the record it got when first seen
(re-runs and runs resumed after a crash give the same answer); with a changed
text it is matched again as an update (:mod:`summarize.dedup.identity`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from summarize.dedup.boilerplate import find_boilerplate, strip_many
from summarize.dedup.features import minhash_version, shingle_sets, signatures
from summarize.dedup.index import Entry, IndexStorage, MemoryIndex, Record
from summarize.dedup.lsh import band_keys, candidate_pairs
from summarize.fingerprint import SEED, _fmix64, sorted_intersection_size

# Chosen with scripts/eval_dedup.py (tuned on one half of the labelled BBC feed, reported on the other).
DEFAULT_THRESHOLD = 0.75
DEFAULT_MIN_JACCARD = 0.1


@dataclass(frozen=True)
class DedupConfig:
    threshold: float = DEFAULT_THRESHOLD
    min_jaccard: float = DEFAULT_MIN_JACCARD
    shingle_size: int = 3
    num_perm: int = 128
    band_rows: int = 3
    boilerplate: bool = True
    boilerplate_min_docs: int = 3
    chunk_size: int = 1000  # articles per index transaction
    jobs: int = 1

    def index_params(self) -> dict[str, str]:
        """Settings an index's stored signatures depend on."""
        return {"shingle_size": str(self.shingle_size), "num_perm": str(self.num_perm),
                "band_rows": str(self.band_rows), "seed": str(SEED),
                "hash": f"bytepoly64-fmix64/{minhash_version()}"}

    def validate(self) -> None:
        from summarize.errors import SummarizeError

        if not 0.0 < self.threshold <= 1.0:
            raise SummarizeError(f"--threshold must be in (0, 1], got {self.threshold}")
        if not 0.0 <= self.min_jaccard <= 1.0:
            raise SummarizeError(f"--min-jaccard must be in [0, 1], got {self.min_jaccard}")
        if not 1 <= self.shingle_size <= 8:
            raise SummarizeError(f"--shingle must be 1..8, got {self.shingle_size}")


@dataclass(slots=True)
class Match:
    """The verdict on one input article."""

    id: str
    cluster: str
    duplicate_of: str | None = None
    similarity: float | None = None
    jaccard: float | None = None
    seen_before: bool = False  # the same article (identity and text) was met before: in the index or this batch
    updated: bool = False  # the same identity was met before with another text

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None

    @property
    def status(self) -> str:
        """new, updated, seen or duplicate (a new or updated identity that copies another)."""
        if self.seen_before:
            return "seen"
        if self.is_duplicate:
            return "duplicate"
        return "updated" if self.updated else "new"


@dataclass
class Stats:
    articles: int = 0
    candidates: int = 0
    verified: int = 0
    boilerplate_shingles: int = 0
    seen_before: int = 0
    updated: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def add(self, other: Stats) -> None:
        """Count ``other`` (a later window of the same run) in; boilerplate is the largest window's."""
        for name in ("articles", "candidates", "verified", "seen_before", "updated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.boilerplate_shingles = max(self.boilerplate_shingles, other.boilerplate_shingles)
        for stage, seconds in other.timings.items():
            self.timings[stage] = self.timings.get(stage, 0.0) + seconds


def unique_ids(ids: Sequence[str], seen: dict[str, int] | None = None) -> list[str]:
    """The ids, with repeats made unique (``id#2``, ``id#3``...) so every article has its own key.
    ``seen`` carries the ids of earlier batches of the same run (it is updated), so a run matched in
    windows names its articles as one batch would."""
    seen = seen if seen is not None else {}
    out = []
    for i in ids:
        n = seen.get(i, 0) + 1
        seen[i] = n
        key = i if n == 1 else f"{i}#{n}"
        while key in seen and n > 1:
            n += 1
            key = f"{i}#{n}"
        seen[i] = n
        if key != i:
            seen[key] = 1
        out.append(key)
    return out


def verify(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(containment of the smaller in the larger, Jaccard) of two shingle sets."""
    inter = sorted_intersection_size(a, b)
    if inter == 0:
        return 0.0, 0.0
    return inter / min(a.size, b.size), inter / (a.size + b.size - inter)


def _set_keys(sets: Sequence[np.ndarray]) -> list[tuple[int, int]]:
    """(order-free hash, size) of every set: equal keys mean equal sets, for all practical purposes."""
    sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=len(sets))
    if sizes.sum() == 0:
        return [(0, 0)] * len(sets)
    mixed = _fmix64(np.concatenate(sets))
    csum = np.r_[np.uint64(0), np.cumsum(mixed, dtype=np.uint64)]
    ends = np.cumsum(sizes)
    with np.errstate(over="ignore"):
        sums = csum[ends] - csum[ends - sizes]
    return list(zip(sums.tolist(), sizes.tolist()))


def deduplicate(
    ids: Sequence[str],
    texts: Sequence[str],
    index: IndexStorage | None = None,
    config: DedupConfig = DedupConfig(),
    progress: Callable[[str], None] | None = None,
    stats: Stats | None = None,
    identities: Sequence[str] | None = None,
    digests: Sequence[str] | None = None,
    shingles: Sequence[np.ndarray] | None = None,
    lsh: Callable[[Sequence[np.ndarray], DedupConfig], tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]] | None = None,
    taken: dict[str, int] | None = None,
) -> list[Match]:
    """One :class:`Match` per (id, text), in input order. ``index`` defaults to a fresh in-memory one.

    ``identities`` (default: the ids) say which article each text is; the index is keyed by
    them. An identity met again -- in the index or earlier in the batch -- with the same
    ``digest`` (or without digests) is ``seen`` and keeps its verdict; with another digest it
    is ``updated``: matched afresh against every other identity, and the index keeps its new
    fingerprints. A digest is read only where it is compared or stored, so ``digests`` may
    compute each one when asked (:class:`summarize.dedup.OnDemand`).

    ``shingles`` (the texts' shingle sets, computed elsewhere) and ``lsh`` (``(sets, config) ->
    (band keys, (earlier, later) candidate pairs)``) let a distributed run (``--ray``) supply those
    stages; everything else, and so every verdict, is this function's. ``taken``: the ids of earlier
    windows of the same run (see :func:`unique_ids`)."""
    import time

    if len(ids) != len(texts):
        raise ValueError("ids and texts differ in length")
    config.validate()
    private = index is None  # nobody else sees this index: the batch alone decides, nothing to store
    index = index if index is not None else MemoryIndex()
    stats = stats if stats is not None else Stats()
    stats.articles = len(ids)
    keys = unique_ids(list(ids), taken)
    say = progress or (lambda _m: None)
    t0 = time.perf_counter()

    index.check_params(config.index_params())
    full = list(shingles) if shingles is not None else shingle_sets(texts, config.shingle_size, config.jobs)
    t1 = time.perf_counter()
    stats.timings["shingles"] = t1 - t0
    known_boiler = index.boilerplate()
    if config.boilerplate:
        boiler = find_boilerplate(full, known_boiler, min_docs=config.boilerplate_min_docs)
    else:
        boiler = np.empty(0, np.uint64)
    new_boiler = np.setdiff1d(boiler, known_boiler, assume_unique=True) if boiler.size else boiler
    if new_boiler.size:
        index.add_boilerplate(new_boiler)
    stats.boilerplate_shingles = int(boiler.size)
    sets = strip_many(full, boiler)
    del full
    t2 = time.perf_counter()
    stats.timings["boilerplate"] = t2 - t1

    # Exact copies share one representative: only representatives enter LSH.
    rep = np.arange(len(sets))
    first_of: dict[tuple[int, int], int] = {}
    for i, key in enumerate(_set_keys(sets)):
        if key[1]:  # an empty text is nobody's copy
            rep[i] = first_of.setdefault(key, i)
    reps = np.flatnonzero(rep == np.arange(len(sets)))
    if lsh is None:
        sig = signatures([sets[i] for i in reps], config.num_perm, SEED)
        bands = band_keys(sig, config.band_rows)
        t3 = time.perf_counter()
        stats.timings["minhash"] = t3 - t2
        earlier, later = candidate_pairs(bands)
    else:
        t3 = t2
        bands, (earlier, later) = lsh([sets[i] for i in reps], config)
    order = np.argsort(later, kind="stable")
    earlier, later = reps[earlier[order]], reps[later[order]]
    cand_start = np.searchsorted(later, np.arange(len(sets) + 1))
    band_of = np.empty((len(sets), bands.shape[1]), dtype=np.uint64)
    band_of[reps] = bands
    band_of = band_of[rep]
    t4 = time.perf_counter()
    stats.timings["lsh"] = t4 - t3
    say(f"{len(sets)} articles hashed, {boiler.size} boilerplate shingles, {earlier.size} candidate pairs in this batch")

    # Identities (default: the ids) key the index; an identity met again is the same article.
    idents = list(identities) if identities is not None else keys
    if len(idents) != len(keys) or (digests is not None and len(digests) != len(keys)):
        raise ValueError("identities/digests differ in length from ids")
    batch_pos: dict[str, int] = {}
    for i, k in enumerate(idents):
        batch_pos.setdefault(k, i)
    latest: dict[str, int] = {}  # identity -> its latest occurrence handled in this batch
    matches: list[Match | None] = [None] * len(sets)
    cluster_of: list[str | None] = [None] * len(sets)
    last_said = time.perf_counter()
    for start in range(0, len(sets), config.chunk_size):
        stop = min(start + config.chunk_size, len(sets))
        with index.transaction():
            chunk_idents = idents[start:stop]
            held = {} if private else index.records(chunk_idents)
            old = [set()] * (stop - start) if private else index.candidates(band_of[start:stop])
            # indexed articles this run has not handled yet: earlier runs', and concurrent runs' (even
            # with ids later in this batch: whoever commits first holds the record)
            wanted = {i for c in old for i in c if batch_pos.get(i, stop) >= start}
            stored = index.shingles(sorted(wanted)) if wanted else {}
            # an earlier run judged boilerplate on its own batch: compare both sides without this run's
            if stored:  # one vectorised membership test for all of them
                stripped = strip_many([arr for _cluster, arr in stored.values()], boiler)
                stored = {rid: (cluster, arr) for (rid, (cluster, _old)), arr in zip(stored.items(), stripped)}
            entries, changed = [], []
            for j in range(start, stop):
                key, ident = keys[j], idents[j]
                prev = latest.get(ident)
                known = held.get(ident) if prev is None else None
                # a digest is asked for only where it is compared or stored (``digests`` may compute lazily)
                wanted_digest = digests is not None and (prev is not None or known is not None or not private)
                digest = digests[j] if wanted_digest else None
                before = digests[prev] if prev is not None and digests is not None else (known.digest if known else None)
                if (prev is not None or known is not None) and (digest is None or before is None or before == digest):
                    # the same article again: its verdict stands (an earlier run's, or this batch's)
                    if known is not None:
                        matches[j] = Match(key, known.cluster, known.duplicate_of, known.similarity, None, seen_before=True)
                    else:
                        matches[j] = Match(key, cluster_of[prev], seen_before=True)
                    cluster_of[j] = matches[j].cluster
                    latest.setdefault(ident, j)
                    stats.seen_before += 1
                    continue
                updated = prev is not None or known is not None
                latest[ident] = j
                best: tuple[float, float, str, str] | None = None  # (sim, jac, id, cluster)
                r = int(rep[j])
                if r != j and idents[r] != ident:
                    best = (1.0, 1.0, keys[r], cluster_of[r])
                else:
                    options = []
                    for i in later_candidates(r, earlier, cand_start):
                        if idents[i] != ident:
                            options.append((keys[i], cluster_of[i], sets[i]))
                    for rid in sorted(old[j - start]):
                        if rid in stored and batch_pos.get(rid, j) >= j and rid != ident:
                            options.append((rid, stored[rid][0], stored[rid][1]))
                    stats.candidates += len(options)
                    for rid, cluster, other in options:
                        sim, jac = verify(sets[j], other)
                        if sim >= config.threshold and jac >= config.min_jaccard:
                            stats.verified += 1
                            if best is None or sim > best[0]:
                                best = (sim, jac, rid, cluster)
                if best is None:  # an updated text that copies nothing else stands for its story again
                    m = Match(key, key, updated=updated)
                else:
                    m = Match(key, best[3], best[2], round(best[0], 4), round(best[1], 4), updated=updated)
                matches[j] = m
                cluster_of[j] = m.cluster
                stats.updated += updated
                if not private:
                    entry = Entry(Record(ident, m.cluster, m.duplicate_of, m.similarity, digest), band_of[j], sets[j])
                    (changed if updated else entries).append(entry)
            if entries:
                index.add(entries)
            if changed:
                index.update(changed)
        if time.perf_counter() - last_said > 2 or stop == len(sets):
            say(f"{stop}/{len(sets)} articles matched")
            last_said = time.perf_counter()
    stats.timings["match"] = time.perf_counter() - t4
    return [m for m in matches if m is not None]


def later_candidates(j: int, earlier: np.ndarray, cand_start: np.ndarray) -> list[int]:
    """Earlier articles of the batch that LSH pairs with article ``j``."""
    return earlier[cand_start[j] : cand_start[j + 1]].tolist()
