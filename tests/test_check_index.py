"""The vectorised MinHash / LSH index behind summarize check."""

from __future__ import annotations

import itertools
import random

import numpy as np

from summarize import fingerprint as fp
from summarize.check import index


def _index(paragraphs: list[list[str]]):
    words = np.concatenate([index.word_hashes(p) for p in paragraphs])
    shingles, counts = index.shingle_hashes(words, np.array([len(p) for p in paragraphs]))
    return shingles, counts, index.signatures(shingles, counts)


def test_shingle_hashes_match_the_shingle_sets():
    paras = [["a", "b", "c", "d"], ["b", "c", "d", "a", "b", "c"], ["x", "y", "z"]]
    shingles, counts, _ = _index(paras)
    assert counts.tolist() == [2, 4, 1]
    offsets = np.concatenate(([0], np.cumsum(counts)))
    per_para = [set(shingles[offsets[i] : offsets[i + 1]].tolist()) for i in range(3)]
    # Same intersections and sizes as the string shingle sets of summarize.fingerprint.
    strings = [fp.shingles(p, 3) for p in paras]
    for i, j in itertools.combinations(range(3), 2):
        assert len(per_para[i] & per_para[j]) == len(strings[i] & strings[j])
    assert [len(s) for s in per_para] == [len(s) for s in strings] == [2, 4, 1]


def test_signature_agreement_estimates_jaccard():
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(5000)]
    base = [rng.choice(vocab) for _ in range(300)]
    edited = list(base)
    for i in rng.sample(range(300), 30):
        edited[i] = rng.choice(vocab)
    _, _, sig = _index([base, edited])
    exact = fp.jaccard(fp.shingles(base, 3), fp.shingles(edited, 3))
    estimate = float((sig[0] == sig[1]).mean())
    assert abs(estimate - exact) < 0.15


def test_candidate_pairs_find_near_copies_and_respect_relevance():
    rng = random.Random(2)
    vocab = [f"w{i}" for i in range(20000)]
    paras = [[rng.choice(vocab) for _ in range(40)] for _ in range(200)]
    copies = {}
    for src in range(0, 200, 20):
        copy = list(paras[src])
        copy[rng.randrange(40)] = rng.choice(vocab)
        copies[len(paras)] = src
        paras.append(copy)
    _, _, sig = _index(paras)
    everything = np.ones(len(paras), dtype=bool)
    found = {tuple(p) for p in index.candidate_pairs(sig, everything).tolist()}
    assert {(src, dup) for dup, src in copies.items()} <= found
    assert all(i < j for i, j in found)
    only_last = np.zeros(len(paras), dtype=bool)
    only_last[-1] = True
    assert {tuple(p) for p in index.candidate_pairs(sig, only_last).tolist()} == {(copies[len(paras) - 1], len(paras) - 1)}


def test_large_buckets_are_capped_but_every_member_meets_the_first_ones():
    paras = [["same", "words", "in", "every", "one", "of", "these", "paragraphs", "here", str(i // 1000)] for i in range(200)]
    _, _, sig = _index(paras)
    pairs = index.candidate_pairs(sig, np.ones(200, dtype=bool))
    assert len(pairs) == sum(199 - r for r in range(index.BUCKET_CAP))
    assert {j for i, j in pairs.tolist() if i == 0} == set(range(1, 200))
    assert set(itertools.chain.from_iterable(pairs.tolist())) == set(range(200))


def test_low_thresholds_band_with_two_rows_to_reach_weaker_pairs():
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(20000)]
    found_with = {2: 0, 3: 0}
    trials = 40
    for _ in range(trials):
        base = [rng.choice(vocab) for _ in range(60)]
        edited = [w if rng.random() > 0.22 else rng.choice(vocab) for w in base]  # Jaccard ~0.3
        _, _, sig = _index([base, edited])
        for rows in found_with:
            found_with[rows] += len(index.candidate_pairs(sig, np.ones(2, dtype=bool), rows)) == 1
    assert index.rows_for(0.3) == 2 and index.rows_for(0.5) == 3
    assert found_with[2] >= 0.9 * trials
    assert found_with[2] > found_with[3]
