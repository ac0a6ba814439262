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
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import xxhash

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


NEGATIONS = frozenset("not no never none nor neither nobody nothing nowhere cannot without".split())


def negations(found: Sequence[str]) -> frozenset[str]:
    """The words of a normalised word sequence that say "not" ("isn't" is the words "isn" and
    "t": its "t" counts as "not")."""
    said = NEGATIONS.intersection(found)
    if "t" in found and any(w == "t" and i and found[i - 1].endswith("n") for i, w in enumerate(found)):
        return said | {"not"}
    return said


def normalize(text: str) -> str:
    """NFKC, entities decoded, case-folded, punctuation dropped, white space collapsed."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).casefold()
    return " ".join(_WORD.findall(text))


def written_words(text: str) -> int:
    """How many words ``text`` has as written (between white space; a dash or bar standing alone is
    not one): a date ("2025-04-23"), a version ("2.17"), a handle ("@m-ou-se") or an address is one
    word, where :func:`words` makes several pieces of it. What the minimum lengths of ``clean`` and
    ``check`` count, so a short header is not a paragraph."""
    return len(text.split()) - sum(text.count(f" {mark} ") for mark in "-\u2013\u2014|")


def words(text: str) -> list[str]:
    """The normalised word sequence of ``text``."""
    if text.isascii() and "&" not in text:  # no entity, and NFKC and case folding are ``lower``
        return _WORD.findall(text.lower())
    return _WORD.findall(unicodedata.normalize("NFKC", html.unescape(text)).casefold())


def stem(word: str) -> str:
    """A light stem: Porter's, so "restricted"/"restrictions" and "computing"/"computer" meet.
    A number is its own stem (Porter leaves it as it is)."""
    return _STEMS.get(word) or _new_stem(word)


def stems(found: Iterable[str]) -> list[str]:
    """:func:`stem` of each word: a dictionary look-up for a word met before."""
    get = _STEMS.get
    return [get(w) or _new_stem(w) for w in found]


# Stems of the words met so far (each the one string object: equal tokens of two sentences are
# the same object, which sets compare fastest); emptied when full.
_STEMS: dict[str, str] = {}
_STEMS_MAX = 1 << 18


def _new_stem(word: str) -> str:
    stemmed = word if word.isdigit() else _porter().stem(word)
    if len(_STEMS) >= _STEMS_MAX:
        _STEMS.clear()
    _STEMS[word] = stemmed
    return stemmed


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


def minhash_matrix(sets: Sequence[Iterable[str]], num_perm: int = NUM_PERM, chunk: int = 16384) -> np.ndarray:
    """MinHash signatures, one row per set: the hash values of datasketch's ``MinHash.bulk`` with
    xxhash32 (its permutations and hashing scheme, the minimum per set; an empty set keeps the
    maximum), computed for all sets at once, without a Python step per set."""
    ds = _datasketch_minhash()
    scheme, a, b, empty = _minhash_parameters(num_perm)
    items = [list(s) for s in sets]
    out = np.empty((len(items), num_perm), dtype=empty.dtype)
    out[:] = empty  # the empty MinHash: the maximum
    counts = np.fromiter((len(x) for x in items), dtype=np.int64, count=len(items))
    hashed = np.fromiter((xxhash.xxh32_intdigest(w.encode("utf-8")) for x in items for w in x),
                         dtype=np.uint64, count=int(counts.sum()))
    if scheme != "legacy":
        hashed = ds._fmix(hashed.astype(out.dtype), ds._SCHEME_WIDTHS[scheme])
    ends = np.cumsum(counts)
    starts = ends - counts
    rows = np.flatnonzero(counts)
    i = 0
    while i < len(rows):  # sets in runs of about ``chunk`` values: a (values x num_perm) block each
        j = max(int(np.searchsorted(ends[rows], starts[rows[i]] + chunk, side="right")), i + 1)
        run = rows[i:j]
        lo, hi = starts[run[0]], ends[run[-1]]
        block = hashed[lo:hi, None] * a + b
        if scheme == "legacy":
            block %= np.uint64(ds._mersenne_prime)
            block &= np.uint64(ds._max_hash)
        out[run] = np.minimum.reduceat(block, starts[run] - lo, axis=0)
        i = j
    return out


@lru_cache(maxsize=4)
def _minhash_parameters(num_perm: int) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """datasketch's hashing scheme, permutations and empty signature for ``num_perm``: made once,
    not per call (building a MinHash draws its permutations, 0.35 ms, more than hashing a short
    article's sentences)."""
    proto = _datasketch_minhash().MinHash(num_perm=num_perm, seed=SEED, hashfunc=_xxhash32)
    a, b = proto.permutations
    for array in (a, b, proto.hashvalues):
        array.flags.writeable = False
    return getattr(proto, "scheme", "legacy"), a, b, proto.hashvalues  # datasketch < 2: the legacy scheme only


def _datasketch_minhash():
    """datasketch's ``minhash`` module, without running the package's ``__init__`` when nothing
    has yet: that imports its LSH classes and through them ``scipy.integrate`` (0.4-0.9 s with
    ``python -X importtime``, more than a short digest takes), none of which MinHash needs.
    The package is stood in for while ``minhash`` and ``hashfunc`` load; a later ``import
    datasketch`` runs the real ``__init__``, which finds both loaded and uses them."""
    loaded = sys.modules.get("datasketch.minhash")
    if loaded is not None:  # every call after the first
        return loaded
    if "datasketch" in sys.modules:
        from datasketch import minhash

        return minhash
    import importlib
    import importlib.util
    import types

    spec = importlib.util.find_spec("datasketch")
    if spec is None or not spec.submodule_search_locations:  # not a plain package: import it as it is
        return importlib.import_module("datasketch.minhash")
    stand_in = types.ModuleType("datasketch")
    stand_in.__path__ = list(spec.submodule_search_locations)
    stand_in.__spec__ = spec
    sys.modules["datasketch"] = stand_in
    try:
        return importlib.import_module("datasketch.minhash")
    finally:
        if sys.modules.get("datasketch") is stand_in:
            del sys.modules["datasketch"]


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(a: set | frozenset, b: set | frozenset) -> float:
    """How much of ``a`` is in ``b``: |a ∩ b| / |a|."""
    return len(a & b) / len(a) if a else 0.0


# --- Bulk path: shingle sets as sorted uint64 arrays, for many documents at once ------------------

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


_BYTE_MULT = 0x9FB21C651E98DF25  # odd: the polynomial base of word hashes, invertible mod 2**64
_INVERSE_MULT = pow(_BYTE_MULT, -1, 1 << 64)
_LENGTH_MULT = np.uint64(0xD6E8FEB86659FD93)
_powers: dict[int, np.ndarray] = {}
_POWER_BLOCK = 4096  # powers are made a block at a time: one long cumprod is slow in numpy
_PIECE = 1 << 20  # bytes of text hashed with one table of powers (:func:`_word_hashes`)


def _byte_powers(base: int, n: int) -> np.ndarray:
    """``base ** i`` (mod 2**64) for ``i < n``, grown (doubling) and kept for the next batch."""
    have = _powers.get(base)
    if have is None or have.size < n:
        size = max(n, 2 * (have.size if have is not None else 0), _POWER_BLOCK)
        with np.errstate(over="ignore"):  # a table of blocks: base**(B*r) * base**j, B*r + j = i
            small = np.cumprod(np.r_[np.uint64(1), np.full(_POWER_BLOCK - 1, base, dtype=np.uint64)], dtype=np.uint64)
            rows = -(-size // _POWER_BLOCK)
            step = small[-1] * np.uint64(base)
            big = np.cumprod(np.r_[np.uint64(1), np.full(rows - 1, step, dtype=np.uint64)], dtype=np.uint64)
            have = np.multiply.outer(big, small).ravel()[:size]
        _powers[base] = have
    return have[:n]


# Bytes of words once non-ASCII non-word characters are blanked (:func:`_folded`): ASCII letters,
# digits and "_" (``\\w`` is "alphanumeric or _"), and every byte of a multi-byte UTF-8 character.
_WORD_BYTE = np.array([c >= 128 or chr(c).isalnum() or c == 95 for c in range(256)])
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _folded(texts: Sequence[str]) -> str:
    """The texts joined by newlines (their own newlines made spaces), entities decoded, NFKC,
    case-folded, every non-ASCII character that is not a word character made a space: the
    form whose word bytes :func:`_word_hashes` hashes. Text by text, so that the many plain
    ASCII ones take the fast ``lower`` (NFKC and case folding act character by character,
    and a newline joins nothing, so this is the fold of the joined batch)."""
    return "\n".join(map(_folded_one, texts))


def _folded_one(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\n", " ")
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    for c in set(_NON_ASCII.findall(text)):
        if not (c.isalnum() or c == "_"):
            text = text.replace(c, " ")
    return text


def _word_hashes(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(hash of every word, byte offset where it starts) of :func:`_folded` text as UTF-8.

    A word's hash is the polynomial ``sum(byte_i * M**i)`` mod 2**64 of its bytes, its
    length mixed in, then MurmurHash3's finaliser. All words of all texts at once, with
    numpy: prefix sums of ``byte_j * M**j`` over the whole buffer give each word's
    polynomial as ``(prefix[end] - prefix[start]) * M**-start`` (M is odd, so invertible).
    The buffer is taken in pieces of about :data:`_PIECE` bytes cut before a word, each with
    offsets of its own: a word's hash does not depend on where it stands, and the tables of
    powers stay the size of a piece however large the batch.
    """
    b = np.frombuffer(data, dtype=np.uint8)
    if b.size == 0:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    inside = _WORD_BYTE[b]
    edges = np.flatnonzero(inside[1:] != inside[:-1]) + 1
    edges = np.r_[[0] if inside[0] else [], edges, [b.size] if inside[-1] else []].astype(np.int64)
    starts, ends = edges[0::2], edges[1::2]
    h = np.empty(starts.size, np.uint64)
    cuts = unique(np.r_[np.searchsorted(starts, np.arange(0, b.size, _PIECE)), starts.size])
    for first, stop in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
        base = int(starts[first])
        piece = b[base : int(ends[stop - 1])]
        s, e = starts[first:stop] - base, ends[first:stop] - base
        with np.errstate(over="ignore"):
            prefix = np.zeros(piece.size + 1, np.uint64)
            np.cumsum(piece * _byte_powers(_BYTE_MULT, piece.size), dtype=np.uint64, out=prefix[1:])
            part = (prefix[e] - prefix[s]) * _byte_powers(_INVERSE_MULT, piece.size)[s]
            part += (e - s).astype(np.uint64) * _LENGTH_MULT
        h[first:stop] = part
    return _fmix64(h), starts


def word_hashes(tokens: Sequence[str]) -> np.ndarray:
    """64-bit hash of every (normalised) word, as uint64: the same words hash alike in every text."""
    if not tokens:
        return np.empty(0, np.uint64)
    h, _ = _word_hashes(" ".join(tokens).encode("utf-8"))
    if h.size != len(tokens):
        raise ValueError("tokens must be words (no separators in them)")
    return h


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
    """:func:`words` by way of the bulk normalisation :func:`texts_shingle_hashes` uses (same result)."""
    return _folded([text]).translate(_ASCII_SEPARATORS).split()


def text_shingle_hashes(text: str, k: int = 3) -> np.ndarray:
    """:func:`shingle_hashes` of the normalised words of ``text``."""
    return texts_shingle_hashes([text], k)[0]


def texts_shingle_hashes(texts: Sequence[str], k: int = 3) -> list[np.ndarray]:
    """:func:`text_shingle_hashes` of many texts, with the numpy work done once for all of them.

    The normalised texts are joined by newlines and every word of all of them is
    hashed at once (:func:`_word_hashes`); shingle fingerprints are
    computed for every window of that stream, and windows that cross from one
    text into the next are dropped. Only the per-text sort remains.
    """
    if not 1 <= k <= len(_SHINGLE_MULT):
        raise ValueError(f"shingle size must be 1..{len(_SHINGLE_MULT)}")
    out: list[np.ndarray] = [np.empty(0, np.uint64)] * len(texts)
    if not texts:
        return out
    data = _folded(texts).encode("utf-8")
    stream, where = _word_hashes(data)
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    lengths = np.bincount(np.searchsorted(newlines, where), minlength=len(texts)).astype(np.int64)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    short = np.flatnonzero((lengths > 0) & (lengths < k))
    for i in short.tolist():  # shorter than k: one shingle of all the words
        out[i] = shingle_hashes_from(stream[starts[i] : starts[i] + lengths[i]], int(lengths[i]))
    if stream.size < k:
        return out
    n = stream.size - k + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            acc += stream[j : j + n] * _SHINGLE_MULT[j]
        acc += np.uint64(k)
        acc = _fmix64(acc)
    for i in np.flatnonzero(lengths >= k).tolist():  # windows that start in text i and stay inside it
        part = np.sort(acc[starts[i] : starts[i] + lengths[i] - k + 1])
        out[i] = part[np.r_[True, part[1:] != part[:-1]]]
    return out


def unique(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of a 1-D array: ``np.unique`` without its first call importing
    ``numpy.ma`` (25-40 ms, paid again by every worker process a dedup run forks)."""
    values = np.sort(values)
    if values.size < 2:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def shingle_hashes_from(h: np.ndarray, k: int) -> np.ndarray:
    """Shingle fingerprints from word hashes ``h`` (``k`` <= len(h))."""
    with np.errstate(over="ignore"):
        acc = np.zeros(h.size - k + 1, dtype=np.uint64)
        for j in range(k):
            acc += h[j : h.size - k + 1 + j] * _SHINGLE_MULT[j]
        acc += np.uint64(k)
        return unique(_fmix64(acc))


def sorted_intersection_size(a: np.ndarray, b: np.ndarray) -> int:
    """|a ∩ b| for two sorted arrays of distinct values."""
    if a.size == 0 or b.size == 0:
        return 0
    if a.size > b.size:
        a, b = b, a
    idx = np.searchsorted(b, a)
    idx[idx == b.size] = b.size - 1
    return int(np.count_nonzero(b[idx] == a))
