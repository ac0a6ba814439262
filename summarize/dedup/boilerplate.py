"""Boilerplate: text shared by many *different* articles (outlet footers, newsletter blurbs).

Two short articles that carry the same long footer share most of their
shingles, yet they are different stories. Plain document frequency cannot
tell that footer from a story syndicated to many outlets: both are shingles
found in many documents. What differs is what *else* those documents hold.
Copies of one story hold little besides the story (a dateline, an edit);
articles that share a footer each hold a story of their own, and those
stories differ.

So, per batch: a shingle is *common* when at least ``min_docs`` documents hold
it; a document's *own* text is its shingles that are not common. A document
is *independent* when its own text is substantial: at least ``min_own``
shingles and at least ``own_ratio`` times its common part. A common shingle is
boilerplate when at least ``min_docs`` of its documents are independent and
their own texts are mutually different (Jaccard below ``twin_jaccard``: two
copies of one story count once). Syndicated copies fail the test (their own
text is a few edited words), footer carriers pass it. Boilerplate shingles are
dropped before signatures and verification. The test looks only at which
documents hold a shingle, so shingles are judged per posting list, in bulk.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarize.fingerprint import _fmix64, unique

EMPTY = np.empty(0, dtype=np.uint64)

# Boilerplate is recorded by the top 40 bits of a shingle fingerprint, which leaves 24 bits to pack the
# document number beside it: one plain sort of uint64 keys (several times faster than an argsort) then
# groups every shingle with its documents. Two different shingles of a batch share 40 bits rarely
# (about n**2 / 2**41 pairs for n distinct shingles), which at worst strips one stray shingle.
DOC_BITS = 24
_SHIFT = np.uint64(DOC_BITS)
_DOC_MASK = np.uint64((1 << DOC_BITS) - 1)


def prefix(values: np.ndarray) -> np.ndarray:
    """The boilerplate key of shingle fingerprints."""
    return values >> _SHIFT


def find_boilerplate(
    sets: Sequence[np.ndarray],
    known: np.ndarray | None = None,
    min_docs: int = 3,
    min_own: int = 5,
    own_ratio: float = 0.2,
    twin_jaccard: float = 0.5,
) -> np.ndarray:
    """Sorted boilerplate keys (:func:`prefix` of shingle fingerprints) of this batch, ``known`` ones included.

    Batches above 2**24 documents are judged on their first 2**24.
    """
    found = unique(known) if known is not None and known.size else EMPTY
    sets = sets[: 1 << DOC_BITS]
    n = len(sets)
    if n < min_docs:
        return found
    lengths = np.fromiter((s.size for s in sets), dtype=np.int64, count=n)
    if lengths.sum() == 0:
        return found
    keys = np.concatenate(sets)
    keys >>= _SHIFT
    keys <<= _SHIFT
    keys |= np.repeat(np.arange(n, dtype=np.uint64), lengths)
    keys.sort()
    values = keys >> _SHIFT
    boundary = np.empty(values.size, dtype=bool)
    boundary[0] = True
    np.not_equal(values[1:], values[:-1], out=boundary[1:])
    all_starts = np.flatnonzero(boundary)
    all_counts = np.diff(np.r_[all_starts, values.size])
    # from here on only shingles held by two or more documents: the rest is one document's own text
    shared = all_counts >= 2
    docs = (keys[np.repeat(shared, all_counts)] & _DOC_MASK).astype(np.int64)
    values = values[all_starts[shared]]
    counts = all_counts[shared]
    del keys, boundary, all_starts, all_counts, shared
    if counts.size == 0:
        return found
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    sizes = lengths
    common_occ = np.repeat(counts >= min_docs, counts)  # per (shingle, doc) occurrence
    if not common_occ.any():
        return found

    common_per_doc = np.bincount(docs[common_occ], minlength=n)
    own_per_doc = sizes - common_per_doc
    independent = (own_per_doc >= min_own) & (own_per_doc >= own_ratio * common_per_doc)

    twins = _twins(docs, starts, counts, own_per_doc, min_docs, twin_jaccard)

    # one decision per distinct posting list of a common shingle
    common = np.flatnonzero(counts >= min_docs)
    indep_count = np.add.reduceat(independent[docs].astype(np.int64), starts)[common]
    hopeful = common[indep_count >= min_docs]
    if hopeful.size == 0:
        return found
    # holders in no twin pair are pairwise different: enough of them settle the question in bulk
    twinned = np.zeros(n, dtype=bool)
    for a, b in twins:
        twinned[a] = twinned[b] = True
    plain = (independent & ~twinned)[docs].astype(np.int64)
    settled = np.add.reduceat(plain, starts)[hopeful] >= min_docs
    doubtful = hopeful[~settled]
    boiler_idx = [hopeful[settled]]
    if doubtful.size:
        lengths = counts[doubtful]
        offsets = np.r_[0, np.cumsum(lengths)[:-1]]
        occ = np.repeat(starts[doubtful] - offsets, lengths) + np.arange(lengths.sum())
        with np.errstate(over="ignore"):  # order-free hash of each posting list
            posting = np.add.reduceat(_fmix64(docs[occ].astype(np.uint64) + np.uint64(1)), offsets)
            posting ^= lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        _, first, group_of = np.unique(posting, return_index=True, return_inverse=True)
        verdict = np.zeros(first.size, dtype=bool)
        for g, i in enumerate(doubtful[first]):
            holders = docs[starts[i] : starts[i] + counts[i]]
            picked: list[int] = []
            for d in holders[independent[holders]].tolist():
                if all((min(d, p), max(d, p)) not in twins for p in picked):
                    picked.append(d)
                    if len(picked) >= min_docs:
                        verdict[g] = True
                        break
        boiler_idx.append(doubtful[verdict[group_of.ravel()]])
    boiler = values[np.concatenate(boiler_idx)]  # keys, already prefix()
    return unique(np.concatenate([found, boiler])) if found.size else unique(boiler)


def _twins(docs, starts, counts, own_per_doc, min_docs, twin_jaccard) -> set[tuple[int, int]]:
    """Pairs of documents whose own texts are near-identical (copies of one story)."""
    pair_a, pair_b = [], []
    for k in range(2, min_docs):  # own shingles shared by k documents
        sel = np.flatnonzero(counts == k)
        if sel.size == 0:
            continue
        holders = docs[starts[sel][:, None] + np.arange(k)[None, :]]
        for x in range(k):
            for y in range(x + 1, k):
                pair_a.append(holders[:, x])
                pair_b.append(holders[:, y])
    if not pair_a:
        return set()
    a = np.minimum(np.concatenate(pair_a), np.concatenate(pair_b))
    b = np.maximum(np.concatenate(pair_a), np.concatenate(pair_b))
    code = a * (docs.max() + 1) + b
    uniq, shared = np.unique(code, return_counts=True)
    ua, ub = np.divmod(uniq, docs.max() + 1)
    union = own_per_doc[ua] + own_per_doc[ub] - shared
    close = shared >= twin_jaccard * np.maximum(union, 1)
    return set(zip(ua[close].tolist(), ub[close].tolist()))


def _member(values: np.ndarray, boilerplate: np.ndarray) -> np.ndarray:
    """Which fingerprints have a boilerplate key: a 16 MB bitmap screens them, a binary search confirms."""
    keys = prefix(values)
    if boilerplate.size < 64:
        return np.isin(keys, boilerplate)
    low = np.uint64((1 << 24) - 1)
    table = np.zeros(1 << 24, dtype=bool)
    table[(boilerplate & low).astype(np.int64)] = True
    hit = np.flatnonzero(table[(keys & low).astype(np.int64)])
    member = np.zeros(values.size, dtype=bool)
    if hit.size:
        pos = np.searchsorted(boilerplate, keys[hit])
        pos[pos == boilerplate.size] = boilerplate.size - 1
        member[hit] = boilerplate[pos] == keys[hit]
    return member


def strip(shingles: np.ndarray, boilerplate: np.ndarray) -> np.ndarray:
    """``shingles`` without boilerplate; a document that is nothing but boilerplate keeps all of it."""
    if boilerplate.size == 0 or shingles.size == 0:
        return shingles
    rest = shingles[~np.isin(prefix(shingles), boilerplate)]
    return rest if rest.size else shingles


def strip_many(sets: Sequence[np.ndarray], boilerplate: np.ndarray) -> list[np.ndarray]:
    """:func:`strip` for a whole batch with one vectorised membership test."""
    if boilerplate.size == 0 or not sets:
        return list(sets)
    sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=len(sets))
    if sizes.sum() == 0:
        return list(sets)
    values = np.concatenate(sets)
    keep = ~_member(values, boilerplate)
    bounds = np.r_[0, np.cumsum(sizes)]
    kept_csum = np.r_[0, np.cumsum(keep, dtype=np.int64)]
    kept_sizes = kept_csum[bounds[1:]] - kept_csum[bounds[:-1]]
    parts = np.split(values[keep], np.cumsum(kept_sizes)[:-1])
    return [p if p.size else s for p, s in zip(parts, sets)]
