"""Candidate repeats among many paragraphs: vectorised MinHash, LSH banding, exact verification.

A repository of 10,000 posts holds ~100,000 paragraphs: comparing all pairs is out
of the question, and building one datasketch object per paragraph costs more than
the whole check should. Instead every word is hashed once (xxhash64), 3-word
shingle hashes are combined from word hashes with numpy, and the MinHash
signature of every paragraph is computed in bulk: ``NUM_PERM`` multiply-shift hash
functions applied to all shingle hashes at once, reduced per paragraph with
``np.minimum.reduceat``. Signatures are cut into bands of ``rows`` rows (42 bands of
3 by default); paragraphs sharing a band are candidates. A pair is a candidate with
probability ``1 - (1 - J**rows)**bands``: 0.996 at Jaccard 0.5, 0.94 at 0.4, 0.68 at
0.3 (a short paragraph copied whole into one three times its length has J = 0.33).
Candidates whose signature estimate is far below the thresholds are dropped, and
the rest are verified exactly on their shingle sets (:mod:`summarize.fingerprint`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xxhash

from summarize import fingerprint as fp

SHINGLE_SIZE = 3
NUM_PERM = 126
ROWS = 3  # 42 bands of 3 rows; thresholds under LOW_THRESHOLD use 63 bands of 2 rows
LOW_THRESHOLD = 0.4
# A bucket this large is template text shared by many files; beyond it, each member is
# compared with the first BUCKET_CAP members only, so one boilerplate block cannot make
# the check quadratic.
BUCKET_CAP = 64
# Signature estimates have a standard error of ~0.045 at NUM_PERM=126: keep candidates
# whose estimate is within this margin below a threshold.
ESTIMATE_MARGIN = 0.2

# Signature values a baseline entry keeps per paragraph (its first SKETCH_PERM hash functions): the
# Jaccard estimate between two sketches has a standard error of ~0.09 at J = 0.5, ~0.06 at 0.85 (a
# typo fixed in a 40-word paragraph), in 256 hex characters.
SKETCH_PERM = 32

_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20240601)
_PERM_A = (_rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)  # odd multipliers
_PERM_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """xxhash64 of every word, as uint64."""
    return np.fromiter(map(xxhash.xxh64_intdigest, map(str.encode, words)), dtype=np.uint64, count=len(words))


def shingle_hashes(words: np.ndarray, lengths: np.ndarray, k: int = SHINGLE_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word k-shingles of consecutive paragraphs.

    ``words`` holds the word hashes of all paragraphs back to back, ``lengths`` the
    number of words of each (every length >= k). Returns the shingle hashes, back to
    back, and the number of shingles of each paragraph.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    counts = lengths - (k - 1)
    if words.size == 0:
        return np.zeros(0, dtype=np.uint64), counts
    span = words.size - (k - 1)
    combined = words[:span] * _MIX[0]
    for j in range(1, k):
        combined = (combined ^ (combined >> np.uint64(29))) + words[j : j + span] * _MIX[j % len(_MIX)]
    # Shingle i of paragraph p starts at word offset start_p + i.
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    shingle_offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))
    positions = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(starts - shingle_offsets, counts)
    return combined[positions], counts


def signatures(shingles: np.ndarray, counts: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """MinHash signatures (n_paragraphs x NUM_PERM, uint32) of back-to-back shingle hashes.

    Hash function j is ``(A_j * x + B_j) mod 2**64`` keeping the high 32 bits
    (multiply-shift); since taking the high bits is monotonic, the minimum is
    taken on the full products and shifted once. Blocks of ~``chunk`` shingles
    keep the (NUM_PERM x block) product in cache.
    """
    n = len(counts)
    out = np.empty((NUM_PERM, n), dtype=np.uint64)
    if n == 0:
        return out.T.astype(np.uint32)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    p = 0
    while p < n:
        # Whole paragraphs until the block holds about `chunk` shingles.
        q = int(np.searchsorted(offsets, offsets[p] + chunk, side="right")) - 1
        q = min(max(q, p + 1), n)
        hashed = np.multiply.outer(_PERM_A, shingles[offsets[p] : offsets[q]])
        hashed += _PERM_B[:, None]
        out[:, p:q] = np.minimum.reduceat(hashed, offsets[p:q] - offsets[p], axis=1)
        p = q
    return np.ascontiguousarray((out >> np.uint64(32)).astype(np.uint32).T)


def sketch(signature: np.ndarray) -> str:
    """The first ``SKETCH_PERM`` values of a paragraph's signature, as hex (what a baseline stores)."""
    return np.asarray(signature[:SKETCH_PERM], dtype=">u4").tobytes().hex()


def valid_sketch(text: object) -> bool:
    if not isinstance(text, str) or len(text) != 8 * SKETCH_PERM:
        return False
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return True


def sketch_similarity(a: str, b: str) -> float:
    """The Jaccard similarity of two paragraphs' shingle sets, estimated from their sketches."""
    if not a or not b:
        return 0.0
    x, y = np.frombuffer(bytes.fromhex(a), dtype=">u4"), np.frombuffer(bytes.fromhex(b), dtype=">u4")
    return float((x == y).mean()) if x.size == y.size and x.size else 0.0


def rows_for(threshold: float) -> int:
    """Rows per band: 3 (candidate probability 0.996 at Jaccard 0.5, 0.94 at 0.4), or 2 for
    low thresholds (0.93 at 0.2, 0.996 at 0.3) at the price of more candidates to verify."""
    return 2 if threshold < LOW_THRESHOLD else ROWS


def candidate_pairs(sig: np.ndarray, relevant: np.ndarray, rows: int = ROWS) -> np.ndarray:
    """(i, j) pairs, i < j, sharing at least one LSH band, with ``relevant[i] or relevant[j]``."""
    n = sig.shape[0]
    bands = NUM_PERM // rows
    if n < 2 or not relevant.any():
        return np.zeros((0, 2), dtype=np.int64)
    found: list[np.ndarray] = []
    sig64 = sig.astype(np.uint64)
    for band in range(bands):
        cols = sig64[:, band * rows : (band + 1) * rows]
        key = cols[:, 0] * _MIX[0]
        for r in range(1, rows):
            key = (key ^ (key >> np.uint64(31))) + cols[:, r] * _MIX[r % len(_MIX)]
        # Stable sort: inside a bucket (a run of equal keys) members stay in index order.
        order = np.argsort(key, kind="stable")
        sorted_keys = key[order]
        new_bucket = np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1]))
        if new_bucket.all():
            continue
        bucket_start = np.flatnonzero(new_bucket)
        bucket_end = np.concatenate((bucket_start[1:], [n]))
        sizes = bucket_end - bucket_start
        pos = np.arange(n)
        first = np.repeat(bucket_start, sizes)
        last = np.repeat(bucket_end, sizes)
        # Member at rank r pairs with every later member when r < BUCKET_CAP.
        partners = np.where(pos - first < BUCKET_CAP, last - pos - 1, 0)
        total = int(partners.sum())
        left = np.repeat(pos, partners)
        block = np.repeat(np.cumsum(partners) - partners, partners)
        right = left + 1 + (np.arange(total) - block)
        a, b = order[left], order[right]
        keep = relevant[a] | relevant[b]
        found.append(np.stack((a[keep], b[keep]), axis=1))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    if pairs.size == 0:
        return pairs.reshape(0, 2).astype(np.int64)
    codes = np.unique(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])
    return np.stack((codes // n, codes % n), axis=1)


def plausible(sig: np.ndarray, sizes: np.ndarray, pairs: np.ndarray, threshold: float, containment: float) -> np.ndarray:
    """Mask of ``pairs`` whose MinHash estimate of Jaccard or containment is near a threshold."""
    if len(pairs) == 0:
        return np.zeros(0, dtype=bool)
    est_j = np.empty(len(pairs))
    step = 1 << 14
    for s in range(0, len(pairs), step):
        p = pairs[s : s + step]
        est_j[s : s + step] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
    a, b = sizes[pairs[:, 0]], sizes[pairs[:, 1]]
    inter = est_j / (1 + est_j) * (a + b)
    est_c = inter / np.minimum(a, b)
    return (est_j >= threshold - ESTIMATE_MARGIN) | (est_c >= containment - ESTIMATE_MARGIN)


def similarity(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two shingle sets."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return fp.jaccard(a, b), fp.containment(small, large)


def word_alignment(a: Sequence[int], b: Sequence[int]) -> float:
    """2·M / (|a| + |b|), M the words of ``a`` and ``b`` matched in order (difflib)."""
    from difflib import SequenceMatcher

    if not a or not b:
        return 0.0
    matched = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return 2 * matched / (len(a) + len(b))
