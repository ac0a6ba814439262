"""Normalisation, shingles and MinHash signatures shared by clean, dedup and check.

Two texts that differ only in Unicode form, case, punctuation, HTML entities or
white space normalise to the same word sequence. Word shingles of that sequence
are hashed with xxhash (64-bit) and summarised by datasketch MinHash, whose
estimated Jaccard similarity finds candidate pairs; candidates are then verified
on the exact shingle sets (:func:`jaccard`, :func:`containment`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import xxhash

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
SEED = 1

_WORD = re.compile(r"\w+", re.UNICODE)

# Function words carry no content: two unrelated sentences share many of them.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves s t said says""".split()
)


def normalize(text: str) -> str:
    """NFKC, entities decoded, case-folded, punctuation dropped, white space collapsed."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).casefold()
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    """The normalised word sequence of ``text``."""
    return _WORD.findall(unicodedata.normalize("NFKC", html.unescape(text)).casefold())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: Porter's, so "restricted"/"restrictions" and "computing"/"computer" meet."""
    return _porter().stem(word)


@lru_cache(maxsize=1)
def _porter():
    from summarize import nltk_import

    nltk_import.load()
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def content_terms(text: str) -> frozenset[str]:
    """Stemmed content words of ``text``: the set that sentence-level similarity compares."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS)


def shingles(tokens: Sequence[str], k: int = 3) -> set[str]:
    """Word k-shingles; a sequence shorter than ``k`` is one shingle."""
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}


def hash64(items: Iterable[str]) -> np.ndarray:
    """xxhash64 of every item, as uint64 (the input to MinHash)."""
    return np.fromiter((xxhash.xxh64_intdigest(s) for s in items), dtype=np.uint64)


def _xxhash32(b: bytes) -> int:
    return xxhash.xxh32_intdigest(b)


def minhashes(sets: Iterable[Iterable[str]], num_perm: int = NUM_PERM) -> list[MinHash]:
    """One MinHash per set, computed with datasketch's bulk path and a fast hash."""
    from datasketch import MinHash  # datasketch pulls in scipy: paid only by callers of this function

    encoded = [[s.encode("utf-8") for s in items] for items in sets]
    return MinHash.bulk(encoded, num_perm=num_perm, seed=SEED, hashfunc=_xxhash32)


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(a: set | frozenset, b: set | frozenset) -> float:
    """How much of ``a`` is in ``b``: |a ∩ b| / |a|."""
    return len(a & b) / len(a) if a else 0.0


# --- Bulk path: shingle sets as sorted uint64 arrays, MinHash for many documents at once ---------

_MASK64 = (1 << 64) - 1
_SHINGLE_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                          0x94D049BB133111EB, 0xBF58476D1CE4E5B9, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53],
                         dtype=np.uint64)


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, vectorised: every input bit affects every output bit."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_MAX = 1_000_000


def _word_hash(word: str) -> int:
    h = xxhash.xxh64_intdigest(word.encode("utf-8"))
    if len(_WORD_HASHES) >= _WORD_CACHE_MAX:
        _WORD_HASHES.clear()
    _WORD_HASHES[word] = h
    return h


def word_hashes(tokens: Sequence[str]) -> np.ndarray:
    """xxhash64 of every (normalised) word, as uint64 (memoised: news reuses its vocabulary)."""
    get = _WORD_HASHES.get
    return np.fromiter((get(t) or _word_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))


def shingle_hashes(tokens: Sequence[str], k: int = 3) -> np.ndarray:
    """The word k-shingle set of ``tokens`` as a sorted array of distinct 64-bit fingerprints.

    Equivalent to hashing :func:`shingles` (same sets, same short-sequence rule),
    but computed from per-word hashes with numpy, which is several times faster
    than hashing every joined shingle string. With 64 bits, two different
    shingles of one corpus collide with negligible probability, so set
    operations on these arrays are exact for all practical purposes.
    """
    if not 1 <= k <= len(_SHINGLE_MULT):
        raise ValueError(f"shingle size must be 1..{len(_SHINGLE_MULT)}")
    h = word_hashes(tokens)
    if h.size == 0:
        return h
    return shingle_hashes_from(h, min(k, h.size))  # a sequence shorter than k is one shingle


# ASCII text: every character that is not [0-9A-Za-z_] separates words, exactly like \w+ does there.
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})


def fast_words(text: str) -> list[str]:
    """:func:`words`, several times faster on plain ASCII text (same result; other text goes through words)."""
    if text.isascii() and "&" not in text:  # NFKC and entities change nothing, casefold is lower
        return text.lower().translate(_ASCII_SEPARATORS).split()
    return words(text)


def text_shingle_hashes(text: str, k: int = 3) -> np.ndarray:
    """:func:`shingle_hashes` of the normalised words of ``text``."""
    return shingle_hashes(fast_words(text), k)


def texts_shingle_hashes(texts: Sequence[str], k: int = 3) -> list[np.ndarray]:
    """:func:`text_shingle_hashes` of many texts, with the numpy work done once for all of them.

    Word hashes of all texts are laid end to end; shingle fingerprints are
    computed for every window of the stream at once, and windows that cross
    from one text into the next are dropped. Only the per-text sort remains.
    """
    if not 1 <= k <= len(_SHINGLE_MULT):
        raise ValueError(f"shingle size must be 1..{len(_SHINGLE_MULT)}")
    hashes = [word_hashes(fast_words(t)) for t in texts]
    lengths = np.fromiter((h.size for h in hashes), dtype=np.int64, count=len(hashes))
    out: list[np.ndarray] = [np.empty(0, np.uint64)] * len(hashes)
    short = np.flatnonzero((lengths > 0) & (lengths < k))
    for i in short.tolist():  # shorter than k: one shingle of all the words
        out[i] = shingle_hashes_from(hashes[i], int(lengths[i]))
    full = np.flatnonzero(lengths >= k)
    if full.size == 0:
        return out
    stream = np.concatenate([hashes[i] for i in full.tolist()])
    n = stream.size - k + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            acc += stream[j : j + n] * _SHINGLE_MULT[j]
        acc += np.uint64(k)
        acc = _fmix64(acc)
    starts = np.r_[0, np.cumsum(lengths[full])[:-1]]
    counts = lengths[full] - k + 1  # windows that start in text i and stay inside it
    for i, s, c in zip(full.tolist(), starts.tolist(), counts.tolist()):
        out[i] = np.unique(acc[s : s + c])
    return out


def shingle_hashes_from(h: np.ndarray, k: int) -> np.ndarray:
    """Shingle fingerprints from word hashes ``h`` (``k`` <= len(h))."""
    with np.errstate(over="ignore"):
        acc = np.zeros(h.size - k + 1, dtype=np.uint64)
        for j in range(k):
            acc += h[j : h.size - k + 1 + j] * _SHINGLE_MULT[j]
        acc += np.uint64(k)
        return np.unique(_fmix64(acc))


def minhash_params(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (multiplier, xor key) of ``num_perm`` 32-bit hash permutations (multipliers odd)."""
    rng = np.random.default_rng(seed)
    a = (rng.integers(0, 2**32, size=num_perm, dtype=np.uint64) | np.uint64(1)).astype(np.uint32)
    b = rng.integers(0, 2**32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


_EMPTY_SIG = np.uint32(0xFFFFFFFF)


def minhash_input(sets_stream: np.ndarray) -> np.ndarray:
    """The 32-bit value MinHash permutes: the top half of a (well mixed) 64-bit shingle fingerprint."""
    return (sets_stream >> np.uint64(32)).astype(np.uint32)


def bulk_minhash(sets: Sequence[np.ndarray], num_perm: int = NUM_PERM, seed: int = SEED,
                 chunk_rows: int = 1024) -> np.ndarray:
    """MinHash signatures of many shingle-fingerprint arrays at once: an ``(n, num_perm)`` uint32 matrix.

    Permutation ``i`` maps a shingle's 32-bit value ``x`` to ``(x XOR b_i) * a_i mod 2**32``
    (``a_i`` odd: a bijection of 32-bit values); the signature keeps the
    minimum per permutation. Because ``x`` is already a uniformly mixed
    fingerprint (xxhash64 + MurmurHash3 finaliser), these cheap 32-bit
    permutations give the unbiased, binomial-variance Jaccard estimates of
    ideal MinHash (checked in the tests) at half the cost of 64-bit arithmetic.
    All shingles of all documents are processed as one stream in cache-sized
    blocks and reduced per document with ``np.minimum.reduceat``: no Python
    loop per shingle. An empty set gets all-ones (it matches only other empty sets).
    """
    a, b = minhash_params(num_perm, seed)
    n = len(sets)
    out = np.full((n, num_perm), _EMPTY_SIG, dtype=np.uint32)
    sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=n)
    if n == 0 or sizes.sum() == 0:
        return out
    stream = minhash_input(np.concatenate([s for s in sets if s.size]))
    nonempty = np.flatnonzero(sizes)
    starts = np.concatenate(([0], np.cumsum(sizes[nonempty])[:-1]))
    ends = starts + sizes[nonempty]
    block = np.empty((chunk_rows, num_perm), dtype=np.uint32)
    doc = 0  # index into nonempty of the first document not finished
    pos = 0
    partial = None  # running minimum of a document that spans blocks
    total = stream.size
    while pos < total:
        stop = min(pos + chunk_rows, total)
        rows = stop - pos
        h = block[:rows]
        np.bitwise_xor(stream[pos:stop, None], b[None, :], out=h)
        h *= a
        first = doc
        last = int(np.searchsorted(starts, stop, side="left"))  # documents starting before stop: [first, last)
        cut = np.clip(starts[first:last] - pos, 0, rows)
        mins = np.minimum.reduceat(h, cut, axis=0)
        if partial is not None:
            mins[0] = np.minimum(mins[0], partial)
            partial = None
        done = ends[first:last] <= stop
        finished = np.flatnonzero(done)
        if finished.size:
            out[nonempty[first + finished]] = mins[finished]
            doc = first + int(finished[-1]) + 1
        if not done[-1]:
            partial = mins[-1].copy()
        pos = stop
    return out


def sorted_intersection_size(a: np.ndarray, b: np.ndarray) -> int:
    """|a ∩ b| for two sorted arrays of distinct values."""
    if a.size == 0 or b.size == 0:
        return 0
    if a.size > b.size:
        a, b = b, a
    idx = np.searchsorted(b, a)
    idx[idx == b.size] = b.size - 1
    return int(np.count_nonzero(b[idx] == a))
