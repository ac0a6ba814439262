"""Measure the similarity of lightly edited paragraph copies against distinct paragraphs.

Picks the default ``threshold`` of ``summarize check``: a repeat with light edits
(a few words substituted, dropped, inserted or swapped) must score above it, and a
paragraph's nearest *distinct* paragraph in a news corpus must score below it.

    python scripts/eval_check_threshold.py [--data ../shared/data] [--k 3] [--min-words 10]

Prints, for Jaccard and for containment (of the smaller shingle set in the larger),
for every edit rate, the share of edited copies at or above each candidate threshold
(recall) and the share of distinct paragraphs whose nearest other paragraph reaches it
(false alarms -- an upper bound: the BBC set holds some real near-repeats).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from summarize import fingerprint as fp

ROOT = Path(__file__).resolve().parent.parent


def paragraphs(data: Path, min_words: int) -> list[list[str]]:
    seen: set[str] = set()
    out = []
    with open(data / "bbc_news_summary.jsonl", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            for para in text.split("\n\n"):
                ws = fp.words(para)
                key = " ".join(ws)
                if len(ws) >= min_words and key not in seen:
                    seen.add(key)
                    out.append(ws)
    return out


def edit(ws: list[str], rate: float, vocab: list[str], rng: random.Random) -> list[str]:
    """Apply ``max(1, rate * len)`` random edits: substitute, delete, insert or swap a word."""
    ws = list(ws)
    for _ in range(max(1, round(rate * len(ws)))):
        op = rng.choice(("sub", "del", "ins", "swap"))
        i = rng.randrange(len(ws))
        if op == "sub":
            ws[i] = rng.choice(vocab)
        elif op == "del" and len(ws) > 2:
            del ws[i]
        elif op == "ins":
            ws.insert(i, rng.choice(vocab))
        elif op == "swap" and i + 1 < len(ws):
            ws[i], ws[i + 1] = ws[i + 1], ws[i]
    return ws


def similarity(a: set, b: set, measure: str) -> float:
    """Jaccard, or containment of the smaller shingle set in the larger."""
    if measure == "jaccard":
        return fp.jaccard(a, b)
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return fp.containment(small, large)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--k", type=int, default=3, help="shingle size in words")
    ap.add_argument("--min-words", type=int, default=10)
    ap.add_argument("--sample", type=int, default=2000, help="paragraphs to edit / to probe for nearest neighbours")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    paras = paragraphs(args.data, args.min_words)
    vocab = [w for ws in paras for w in ws]
    sets = [fp.shingles(ws, args.k) for ws in paras]
    print(f"{len(paras)} distinct paragraphs of >= {args.min_words} words, {args.k}-word shingles")
    thresholds = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    picks = rng.sample(range(len(paras)), min(args.sample, len(paras)))
    edited = {rate: [edit(paras[i], rate, vocab, rng) for i in picks] for rate in (0.0, 0.05, 0.10, 0.15, 0.20, 0.30)}
    # Nearest distinct paragraph, via an inverted index on shingles (exact).
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sets):
        for sh in s:
            index.setdefault(sh, []).append(i)
    neighbours = []
    for i in picks:
        neighbours.append({j for sh in sets[i] for j in index[sh] if j != i})
    for measure in ("jaccard", "containment"):
        print(f"\n{measure}: share of edited copies at or above the threshold (recall)")
        print("edits      " + "  ".join(f">={t:.1f}" for t in thresholds))
        for rate, copies in edited.items():
            scores = [similarity(sets[i], fp.shingles(c, args.k), measure) for i, c in zip(picks, copies)]
            label = "1 edit" if rate == 0 else f"{rate:.0%} words"
            print(f"{label:>9}  " + "  ".join(f"{sum(s >= t for s in scores) / len(scores):5.3f}" for t in thresholds))
        nearest = [max((similarity(sets[i], sets[j], measure) for j in near), default=0.0) for i, near in zip(picks, neighbours)]
        print(" distinct  " + "  ".join(f"{sum(s >= t for s in nearest) / len(nearest):5.3f}" for t in thresholds)
              + "   (share whose nearest other paragraph reaches it: false alarms, or true repeats in the corpus)")


if __name__ == "__main__":
    main()
