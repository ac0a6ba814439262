"""Shingle sets and MinHash signatures for a whole batch, optionally on several cores.

Texts are normalised (:func:`summarize.fingerprint.words`: NFKC, entities,
case, punctuation, white space) and cut into word shingles whose 64-bit
fingerprints form a sorted array per document. Both steps are pure functions
of their input, so a batch can be split across worker processes and the
results concatenated in order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from summarize.fingerprint import bulk_minhash, text_shingle_hashes

# Below this many documents a process pool costs more than it saves.
PARALLEL_MIN_DOCS = 2000


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _shingle_chunk(args: tuple[list[str], int]) -> list[np.ndarray]:
    texts, k = args
    return [text_shingle_hashes(t, k) for t in texts]


def _minhash_chunk(args: tuple[list[np.ndarray], int, int]) -> np.ndarray:
    sets, num_perm, seed = args
    return bulk_minhash(sets, num_perm=num_perm, seed=seed)


def _chunks(items: Sequence, parts: int) -> list[list]:
    size = -(-len(items) // parts)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method))


def shingle_sets(texts: Sequence[str], k: int = 3, jobs: int = 1) -> list[np.ndarray]:
    """One sorted uint64 shingle-fingerprint array per text, in order."""
    if jobs <= 1 or len(texts) < PARALLEL_MIN_DOCS:
        return [text_shingle_hashes(t, k) for t in texts]
    with _pool(jobs) as pool:
        parts = pool.map(_shingle_chunk, [(c, k) for c in _chunks(texts, jobs * 4)])
        return [s for part in parts for s in part]


def signatures(sets: Sequence[np.ndarray], num_perm: int, seed: int, jobs: int = 1) -> np.ndarray:
    """MinHash signatures (``len(sets) x num_perm`` uint32), computed in bulk."""
    if jobs <= 1 or len(sets) < PARALLEL_MIN_DOCS:
        return bulk_minhash(sets, num_perm=num_perm, seed=seed)
    with _pool(jobs) as pool:
        parts = pool.map(_minhash_chunk, [(c, num_perm, seed) for c in _chunks(sets, jobs * 2)])
        return np.concatenate(list(parts))
