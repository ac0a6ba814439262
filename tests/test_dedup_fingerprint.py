"""The bulk hashing path dedup adds to summarize.fingerprint: shingle fingerprints, and its MinHash."""

from __future__ import annotations

import numpy as np

from summarize.fingerprint import (
    fast_words,
    shingle_hashes,
    shingles,
    sorted_intersection_size,
    text_shingle_hashes,
    texts_shingle_hashes,
    words,
)
from summarize.dedup.features import signatures
from summarize.dedup.lsh import band_keys, candidate_pairs, candidate_probability

TEXT = "The quick brown fox jumps over the lazy dog, and the quick brown fox sleeps."


def test_shingle_hashes_are_the_shingle_set():
    tokens = words(TEXT)
    hashed = shingle_hashes(tokens)
    assert hashed.size == len(shingles(tokens))
    assert np.all(hashed[1:] > hashed[:-1])  # sorted, distinct
    # the same shingle hashes the same wherever it occurs
    assert sorted_intersection_size(shingle_hashes(words("quick brown fox")), hashed) == 1


def test_short_sequences_and_empty():
    assert shingle_hashes(["one", "two"]).size == 1
    assert shingle_hashes([]).size == 0
    assert shingle_hashes(["a", "b"]).tolist() != shingle_hashes(["b", "a"]).tolist()


def test_signatures_in_bulk_equal_one_document_at_a_time():
    rng = np.random.default_rng(0)
    sets = [np.unique(rng.integers(0, 2**63, size=int(rng.integers(0, 700)), dtype=np.uint64)) for _ in range(60)]
    sets[7] = np.empty(0, dtype=np.uint64)
    sig = signatures(sets, 128, 1)
    assert sig.shape == (60, 128) and sig.dtype == np.uint32
    assert np.all(sig[7] == 0xFFFFFFFF)  # an empty set matches only other empty sets
    for i in (0, 6, 8, 59):
        assert np.array_equal(sig[i], signatures([sets[i]], 128, 1)[0])
    assert not np.array_equal(signatures([sets[0]], 128, 2)[0], sig[0])  # the seed is used


def test_minhash_estimates_jaccard_without_bias_and_with_binomial_spread():
    from summarize.fingerprint import _fmix64

    rng = np.random.default_rng(1)
    z = []
    for _ in range(200):
        base = np.unique(_fmix64(rng.integers(0, 2**63, size=400, dtype=np.uint64)))
        keep = base[rng.random(base.size) < rng.uniform(0.3, 0.9)]
        other = np.union1d(keep, _fmix64(rng.integers(0, 2**63, size=int(rng.integers(20, 200)), dtype=np.uint64)))
        true = sorted_intersection_size(base, other) / np.union1d(base, other).size
        sig = signatures([base, other], 128, 1)
        z.append((float(np.mean(sig[0] == sig[1])) - true) / np.sqrt(true * (1 - true) / sig.shape[1]))
    # ideal MinHash: z-scores with mean 0 and standard deviation 1
    assert abs(np.mean(z)) < 0.25 and 0.75 < np.std(z) < 1.25


def test_lsh_pairs_and_probability():
    sig = np.array([[1, 2, 3, 4, 5, 6], [1, 2, 3, 9, 9, 9], [7, 7, 7, 7, 7, 7], [0, 0, 0, 4, 5, 6]], dtype=np.uint32)
    keys = band_keys(sig, rows=3)
    earlier, later = candidate_pairs(keys)
    assert sorted(zip(earlier.tolist(), later.tolist())) == [(0, 1), (0, 3)]
    assert candidate_probability(1.0, 42, 3) == 1.0
    assert candidate_probability(0.5, 42, 3) > 0.99 > candidate_probability(0.1, 42, 3)


def test_fast_words_equals_words():
    import json
    from pathlib import Path

    slice_ = Path(__file__).resolve().parent / "fixtures" / "dedup" / "bbc_slice.jsonl"
    texts = [json.loads(line)["text"] for line in slice_.read_text(encoding="utf-8").splitlines()]
    texts += ["Hello_world foo-bar 3.5% x\ty\u00a0z", "tab\tnew\nline\r\x0b\x0c end", "\u00c4\u00d6 caf\u00e9 &amp; \ufb01",
              "a__b _x_ 9a", "Fish &amp; chips", "", "\u00a3600m \u201cquoted\u201d \u2014 dash", "\u00df STRASSE \u2163 \U0001F600x",
              "\u0130stanbul \u03a3\u03bf\u03c6\u03af\u03b1 \u0663\u0664", "&pound;5 &#x2014; &eacute;t\u00e9"]
    for text in texts:
        assert fast_words(text) == words(text), text


def test_many_texts_at_once_equal_one_at_a_time():
    texts = [TEXT, "", "one", "one two", "a b c", "Fish &amp; chips, caf\u00e9 au lait", TEXT.upper() + " more words"]
    for bulk, text in zip(texts_shingle_hashes(texts), texts):
        assert np.array_equal(bulk, text_shingle_hashes(text))
        assert np.array_equal(bulk, shingle_hashes(words(text)))
    assert np.array_equal(text_shingle_hashes(TEXT), shingle_hashes(words(TEXT)))


def test_word_hashes_tell_words_apart():
    from summarize.fingerprint import word_hashes

    vocab = sorted({w for t in [TEXT, "ab ba aab aba baa abc cab x xx xxx caf\u00e9 cafe"] for w in words(t)})
    h = word_hashes(vocab)
    assert len(set(h.tolist())) == len(vocab)
    assert word_hashes(["fox", "dog", "fox"]).tolist() == [h[vocab.index("fox")], h[vocab.index("dog")], h[vocab.index("fox")]]


def test_minhash_matrix_is_datasketch_minhash_row_for_row():
    """The vectorised signatures clean uses are datasketch's own numbers, empty sets included,
    whatever the run length of the blocks."""
    import random

    import numpy as np

    from datasketch import MinHash

    from summarize.fingerprint import SEED, _xxhash32, minhash_matrix

    rnd = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)] + ["café", "日本語", "naïve"]
    sets = [frozenset(rnd.sample(vocab, rnd.choice([0, 1, 3, 40, 300]))) for _ in range(400)]
    bulk = MinHash.bulk([[w.encode("utf-8") for w in s] for s in sets], num_perm=128, seed=SEED, hashfunc=_xxhash32)
    expected = np.vstack([m.hashvalues for m in bulk])
    for chunk in (1, 97, 100_000):
        got = minhash_matrix(sets, chunk=chunk)
        assert got.dtype == expected.dtype
        assert np.array_equal(got, expected)
    assert minhash_matrix([]).shape == (0, 128)


def test_minhash_signatures_load_datasketch_without_its_lsh_and_scipy():
    """clean and digest need datasketch's MinHash, not its LSH classes, whose import pulls in
    scipy (0.4 s and more at start-up). In a fresh process: the signatures come without scipy,
    and a later ``import datasketch`` is the whole package, sharing the MinHash already loaded."""
    import subprocess
    import sys

    code = """
import sys
from summarize.fingerprint import minhash_matrix
rows = minhash_matrix([{"alpha", "beta"}, set()])
assert "scipy" not in sys.modules and "datasketch.lsh" not in sys.modules, sorted(sys.modules)
import datasketch
from datasketch import MinHash, MinHashLSH
from datasketch import minhash
assert MinHash is minhash.MinHash is sys.modules["datasketch.minhash"].MinHash
lsh = MinHashLSH(threshold=0.5, num_perm=128)
m = MinHash(num_perm=128, seed=1)
m.update(b"alpha")
lsh.insert("a", m)
assert lsh.query(m) == ["a"]
print(rows.shape)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(2, 128)"


def test_word_hashes_do_not_depend_on_where_the_buffer_is_cut(monkeypatch):
    from summarize import fingerprint

    texts = [TEXT, "Fish &amp; chips, caf\u00e9 au lait", "x" * 300 + " tail", "a", "\u0130stanbul \u03a3\u03bf\u03c6\u03af\u03b1"]
    data = fingerprint._folded(texts * 20).encode("utf-8")
    whole = fingerprint._word_hashes(data)
    for piece in (7, 64, 1000):  # pieces smaller than a word, near a word, of many words
        monkeypatch.setattr(fingerprint, "_PIECE", piece)
        fingerprint._powers.clear()  # tables grown anew from a small size
        cut = fingerprint._word_hashes(data)
        assert np.array_equal(cut[0], whole[0]) and np.array_equal(cut[1], whole[1])


def test_the_batch_fold_is_the_fold_of_each_text():
    from summarize.fingerprint import _folded

    texts = ["Plain ASCII Text.", "Caf\u00e9 \u2014 \ufb01ne", "&amp;&#10;line", "\u0301 starts with a mark", "", "STRASSE \u00df"]
    assert _folded(texts).split("\n") == [_folded([t]) for t in texts]
    assert _folded(["\u0301 starts with a mark"]) == "  starts with a mark"  # a lone mark is no word
    assert _folded(["Caf\u00e9 \u2014 \ufb01ne"]) == "caf\u00e9   fine"


def test_unique_is_numpys_unique():
    import numpy as np

    from summarize.fingerprint import unique

    rng = np.random.default_rng(7)
    for values in (rng.integers(0, 50, 1000).astype(np.uint64), rng.integers(0, 2**63, 500, dtype=np.uint64),
                   np.empty(0, np.uint64), np.array([5], np.int64), np.array([3, 3, 3], np.int64)):
        assert np.array_equal(unique(values), np.unique(values))
