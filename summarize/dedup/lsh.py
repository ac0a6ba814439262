"""Locality-sensitive hashing over MinHash signatures: band keys and candidate pairs.

A signature of ``bands * rows`` values is cut into ``bands`` bands; two
documents become candidates when any band is identical, which happens with
probability ``1 - (1 - J**rows)**bands`` for Jaccard similarity ``J``. Each
band is reduced to one 64-bit key (band number mixed in), the form every index
storage keeps. Candidates are only suggestions: the engine verifies each one on
the exact shingle sets.
"""

from __future__ import annotations

import numpy as np

from summarize.fingerprint import _fmix64, unique

_ROW_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                      0x94D049BB133111EB, 0xBF58476D1CE4E5B9, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53],
                     dtype=np.uint64)


def band_keys(signatures: np.ndarray, rows: int) -> np.ndarray:
    """``(n, bands)`` uint64 keys: band ``b`` of a signature hashed with ``b``."""
    n, num_perm = signatures.shape
    if not 1 <= rows <= len(_ROW_MULT):
        raise ValueError(f"rows per band must be 1..{len(_ROW_MULT)}")
    bands = num_perm // rows
    sig = signatures[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    with np.errstate(over="ignore"):
        acc = (sig * _ROW_MULT[:rows]).sum(axis=2, dtype=np.uint64)
        acc += np.arange(bands, dtype=np.uint64) * np.uint64(0xA24BAED4963EE407)
        return _fmix64(acc)


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """Chance that two documents of Jaccard ``similarity`` share at least one band."""
    return 1.0 - (1.0 - similarity**rows) ** bands


def candidate_pairs(keys: np.ndarray, max_bucket: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(earlier, later)`` of rows of ``keys`` that share a band key, without repeats.

    Vectorised: all keys are sorted once and equal runs become pairs. In a
    bucket holding more than ``max_bucket`` documents (thousands of copies of
    one text), each document is paired with the ``max_bucket`` documents before
    it only, which keeps the pair count linear; copies are still found through
    their nearest predecessors.
    """
    n, bands = keys.shape
    return bucket_pairs(keys.ravel(), np.repeat(np.arange(n, dtype=np.int64), bands), max_bucket)


def bucket_pairs(flat: np.ndarray, docs: np.ndarray, max_bucket: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """:func:`candidate_pairs` of ``(key, doc)`` rows given as two arrays: the pairs of every key's
    bucket, by the same rule. Buckets are independent, so any split of the rows that keeps each key's
    rows together (``dedup --ray`` partitions them by key) gives, in all, the pairs of the whole."""
    order = np.lexsort((docs, flat))
    flat, docs = flat[order], docs[order]
    earlier, later = [], []
    for lag in range(1, max_bucket + 1):
        if lag >= flat.size:
            break
        same = flat[lag:] == flat[:-lag]
        if not same.any():
            break
        earlier.append(docs[:-lag][same])
        later.append(docs[lag:][same])
    if not earlier:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    e = np.concatenate(earlier)
    l_ = np.concatenate(later)
    keep = e != l_
    if not keep.any():
        return np.empty(0, np.int64), np.empty(0, np.int64)
    e, l_ = e[keep].astype(np.int64), l_[keep].astype(np.int64)
    width = int(l_.max()) + 1  # each pair as one number, sorted and made distinct as (earlier, later) pairs
    codes = unique(e * width + l_)
    return codes // width, codes % width
