"""Shingle sets and MinHash signatures for a whole batch, on several cores.

Texts are normalised (:func:`summarize.fingerprint.words`: NFKC, entities,
case, punctuation, white space) and cut into word shingles whose 64-bit
fingerprints form a sorted array per document. Shingling is Python-bound, so
it can run in worker processes. MinHash is rensa's (Rust) over those
fingerprints, all documents in one call. Both are pure functions of their
input: results are concatenated in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np

from summarize.fingerprint import texts_shingle_hashes
from summarize.parallel import chunks, map_runs

# Below this many documents a worker pool costs more than it saves.
PARALLEL_MIN_DOCS = 2000


def _shingle_run(k: int, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    sets = texts_shingle_hashes(texts, k)
    sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=len(sets))
    flat = np.concatenate(sets) if sets else np.empty(0, np.uint64)
    return flat, sizes  # two arrays pickle far faster than thousands of small ones


def shingle_sets(texts: Sequence[str], k: int = 3, jobs: int = 1) -> list[np.ndarray]:
    """One sorted uint64 shingle-fingerprint array per text, in order."""
    if jobs <= 1 or len(texts) < PARALLEL_MIN_DOCS:
        return [s for c in chunks(texts, max(1, len(texts) // 1000)) for s in texts_shingle_hashes(c, k)]
    out: list[np.ndarray] = []
    for flat, sizes in map_runs(partial(_shingle_run, k), texts, jobs):
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
