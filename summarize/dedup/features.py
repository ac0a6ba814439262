"""Shingle sets and MinHash signatures for a whole batch, on several cores.

Texts are normalised (:func:`summarize.fingerprint.words`: NFKC, entities,
case, punctuation, white space) and cut into word shingles whose 64-bit
fingerprints form a sorted array per document. Shingling is Python-bound, so
it can run in worker processes. MinHash is rensa's (Rust) over those
fingerprints, all documents in one call. Both are pure functions of their
input: results are concatenated in order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from summarize.fingerprint import texts_shingle_hashes

# Below this many documents a worker pool costs more than it saves.
PARALLEL_MIN_DOCS = 2000


def default_jobs() -> int:
    """Processes worth starting: one per idle core (by the 1-minute load average), at least one.

    On a machine whose cores are already busy, workers only compete with each
    other and with the main process (measured: slower than one process).
    """
    cpus = os.cpu_count() or 1
    try:
        idle = cpus - os.getloadavg()[0]
    except (AttributeError, OSError):
        idle = cpus
    return max(1, min(cpus, 8, int(idle + 0.5)))


def _shingle_chunk(args: tuple[list[str], int]) -> tuple[np.ndarray, np.ndarray]:
    texts, k = args
    sets = texts_shingle_hashes(texts, k)
    sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=len(sets))
    flat = np.concatenate(sets) if sets else np.empty(0, np.uint64)
    return flat, sizes  # two arrays pickle far faster than thousands of small ones


def _chunks(items: Sequence, parts: int) -> list[list]:
    size = max(1, -(-len(items) // parts))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method))


def shingle_sets(texts: Sequence[str], k: int = 3, jobs: int = 1) -> list[np.ndarray]:
    """One sorted uint64 shingle-fingerprint array per text, in order."""
    if jobs <= 1 or len(texts) < PARALLEL_MIN_DOCS:
        return [s for c in _chunks(texts, max(1, len(texts) // 1000)) for s in texts_shingle_hashes(c, k)]
    out: list[np.ndarray] = []
    with _pool(jobs) as pool:
        for flat, sizes in pool.map(_shingle_chunk, [(c, k) for c in _chunks(texts, jobs * 4)]):
            out.extend(np.split(flat, np.cumsum(sizes)[:-1]) if sizes.size else [])
    return out


# Names the MinHash that made an index's signatures (DedupConfig.index_params): other code, other bands.
MINHASH_SCHEME = "rensa-rminhash"


def signatures(sets: Sequence[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures (``len(sets) x num_perm`` uint32) of shingle-fingerprint arrays.

    rensa's RMinHash over the 64-bit fingerprints, all documents in one native
    call; an empty set gets all-ones (it matches only other empty sets).
    """
    from rensa import RMinHash

    if not sets:
        return np.empty((0, num_perm), dtype=np.uint32)
    flat = np.concatenate(sets) if any(s.size for s in sets) else np.empty(0, np.uint64)
    offsets = np.r_[0, np.cumsum([s.size for s in sets])].astype(np.uint64)
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, seed)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(len(sets), num_perm)


def minhash_version() -> str:
    """``rensa-rminhash-vN``: N is rensa's algorithm version, so a change of its hashing is a change of scheme."""
    from rensa import RMinHash

    return f"{MINHASH_SCHEME}-v{RMinHash.ALGORITHM_VERSION}"
