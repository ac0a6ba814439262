"""Synthetic news-like articles with known duplicates, for benchmarks and tests.

Words come from a Zipf-distributed made-up vocabulary (so common trigrams
recur across articles the way "said on Tuesday" does), in sentences and
paragraphs of realistic length. A share of the articles are near-copies of an
earlier one (dateline added, ending trimmed, a few words changed), and
``story`` tells which article each one copies. Deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_SYLLABLES = ("ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu "
              "pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo").split()


@dataclass
class SyntheticFeed:
    ids: list[str]
    texts: list[str]
    story: list[str]  # id of the article each one is a copy of (itself for originals)


def vocabulary(size: int, rng: np.random.Generator) -> np.ndarray:
    lengths = rng.integers(1, 5, size=size)
    syl = np.array(_SYLLABLES)
    words = {"".join(syl[rng.integers(0, syl.size, size=n)]) for n in lengths}
    while len(words) < size:
        words.add("".join(syl[rng.integers(0, syl.size, size=4)]) + str(len(words)))
    return np.array(sorted(words)[:size])


def generate(n: int, seed: int = 0, words_per_article: int = 360, duplicate_share: float = 0.1,
             vocab_size: int = 20000, min_keep: float = 0.6) -> SyntheticFeed:
    """``n`` articles of about ``words_per_article`` words (~3 KB), ``duplicate_share`` of them copies
    that keep the first ``min_keep`` to all of their original."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary(vocab_size, rng)
    ranks = np.arange(1, vocab_size + 1, dtype=np.float64)
    p = ranks**-1.05
    p /= p.sum()
    lengths = rng.integers(int(words_per_article * 0.8), int(words_per_article * 1.2), size=n)
    draws = rng.choice(vocab_size, size=int(lengths.sum()), p=p)
    ids, texts, story = [], [], []
    pos = 0
    for i in range(n):
        idx = draws[pos : pos + lengths[i]]
        pos += lengths[i]
        if i > 10 and rng.random() < duplicate_share:
            src = int(rng.integers(0, i))
            base = texts[src].split(" ")
            keep = int(len(base) * rng.uniform(min_keep, 1.0))
            copy = base[:keep]
            for j in rng.integers(0, len(copy), size=max(1, keep // 100)):
                copy[j] = str(vocab[rng.integers(0, vocab_size)])
            text = "CITY (Agency) - " + " ".join(copy)
            story.append(story[src])
        else:
            out = []
            sentence_end = rng.integers(8, 26, size=idx.size)
            count = 0
            for k, w in enumerate(vocab[idx].tolist()):
                out.append(w.capitalize() if count == 0 else w)
                count += 1
                if count >= sentence_end[k]:
                    out[-1] += "." if k % 7 else ".\n\n"
                    count = 0
            text = " ".join(out).replace("\n\n ", "\n\n") + "."
            story.append(f"a{i}")
        ids.append(f"a{i}")
        texts.append(text)
    return SyntheticFeed(ids, texts, story)
