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

import numpy as np
import xxhash
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
    encoded = [[s.encode("utf-8") for s in items] for items in sets]
    return MinHash.bulk(encoded, num_perm=num_perm, seed=SEED, hashfunc=_xxhash32)


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(a: set | frozenset, b: set | frozenset) -> float:
    """How much of ``a`` is in ``b``: |a ∩ b| / |a|."""
    return len(a & b) / len(a) if a else 0.0
