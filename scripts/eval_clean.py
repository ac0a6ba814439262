#!/usr/bin/env python3
"""Measure ``summarize clean`` on articles that restate their lead, and on articles that do not.

Cases are built from BBC articles (``bbc_news_summary.jsonl``):

- ``untouched``: the article as published; every removal is a false positive.
- ``verbatim``: the lead paragraph's sentences restated at the end, word for word.
- ``subst15`` / ``subst25`` / ``subst40``: restated with 15% / 25% / 40% of the
  content words replaced by other words (drawn from the corpus vocabulary, so
  stemming cannot help; 40% is past what we call a light paraphrase).
- ``clause``: restated with the last clause of each sentence swapped for a
  clause from another article, plus 10% substitutions.

Restated sentences go one per line at the end, like the seed article. Articles
are split by a hash of their id: ``dev`` (80%) to choose thresholds, ``test``
(20%) to report them. Precision counts removed sentences that were injected,
recall counts injected sentences that were removed; ``fp_articles`` is the share
of untouched articles that lost anything.

    python scripts/eval_clean.py --data ../shared/data --limit 400
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.clean import CleanSettings, clean_article  # noqa: E402
from summarize.fingerprint import STOPWORDS  # noqa: E402
from summarize.read.text import read_text  # noqa: E402
from summarize.split import split_sentences  # noqa: E402

KINDS = ("untouched", "verbatim", "subst15", "subst25", "subst40", "clause")


def split_of(article_id: str) -> str:
    return "test" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 5 == 0 else "dev"


def load(data: Path) -> list[dict]:
    seen, out = set(), []
    with open(data / "bbc_news_summary.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["text"] in seen:  # the exact duplicates would count twice
                continue
            seen.add(rec["text"])
            out.append(rec)
    return out


def substitute(sentence: str, rate: float, vocab: list[str], rng: random.Random) -> str:
    tokens = re.split(r"(\W+)", sentence)
    slots = [i for i, t in enumerate(tokens) if t.isalpha() and t.lower() not in STOPWORDS and i > 0]
    for i in rng.sample(slots, k=round(len(slots) * rate)) if slots else []:
        tokens[i] = rng.choice(vocab)
    return "".join(tokens)


def change_clause(sentence: str, donors: list[str], rng: random.Random) -> str:
    head, sep, _ = sentence.rstrip(".").rpartition(",")
    donor = rng.choice(donors).rstrip(".")
    tail = donor.rpartition(",")[2] if "," in donor else " ".join(donor.split()[-6:])
    return (head if sep else sentence.rstrip(".")) + "," + " " + tail.strip() + "."


def build_case(rec: dict, kind: str, vocab: list[str], donors: list[str], seed: int) -> tuple[str, int]:
    """The case text and the character offset where injected text starts (len(text) if none)."""
    rng = random.Random(f"{seed}:{rec['id']}:{kind}")
    base = rec["title"].strip() + "\n\n" + rec["text"].strip()
    if kind == "untouched":
        return base, len(base)
    lead = rec["text"].strip().split("\n\n")[0]
    sentences = split_sentences(lead)[:3]
    if kind == "subst15":
        sentences = [substitute(s, 0.15, vocab, rng) for s in sentences]
    elif kind == "subst25":
        sentences = [substitute(s, 0.25, vocab, rng) for s in sentences]
    elif kind == "subst40":
        sentences = [substitute(s, 0.40, vocab, rng) for s in sentences]
    elif kind == "clause":
        sentences = [substitute(change_clause(s, donors, rng), 0.10, vocab, rng) for s in sentences]
    text = base + "\n\n" + "\n".join(sentences)
    return text, len(base) + 2


def judge(args) -> dict:
    rec, kind, vocab, donors, seed, settings = args
    text, inject_at = build_case(rec, kind, vocab, donors, seed)
    article = read_text(text, rec["id"])
    result = clean_article(article, "en", settings)
    injected = [s for p in article.paragraphs for s in p.sentences if s.start >= inject_at]
    removed_spans = [(r.start, r.end) for r in result.removed]

    def covered(s) -> bool:
        return any(a <= s.start and s.end <= b for a, b in removed_spans)

    removed_sentences = [s for p in article.paragraphs for s in p.sentences if covered(s)]
    return {
        "kind": kind,
        "injected": len(injected),
        "hit": sum(1 for s in injected if covered(s)),
        "removed": len(removed_sentences),
        "correct": sum(1 for s in removed_sentences if s.start >= inject_at),
    }


def evaluate(records, settings, vocab, donors, seed, workers) -> dict[str, dict]:
    jobs = [(r, k, vocab, donors, seed, settings) for r in records for k in KINDS]
    totals = {k: {"injected": 0, "hit": 0, "removed": 0, "correct": 0, "articles": 0, "fp_articles": 0} for k in KINDS}
    with ProcessPoolExecutor(workers) as pool:
        for out in pool.map(judge, jobs, chunksize=16):
            t = totals[out["kind"]]
            for key in ("injected", "hit", "removed", "correct"):
                t[key] += out[key]
            t["articles"] += 1
            t["fp_articles"] += out["removed"] > out["correct"]
    return totals


def report(name: str, totals: dict[str, dict]) -> tuple[float, float]:
    all_removed = sum(t["removed"] for t in totals.values())
    all_correct = sum(t["correct"] for t in totals.values())
    all_injected = sum(t["injected"] for t in totals.values())
    all_hit = sum(t["hit"] for t in totals.values())
    precision = all_correct / all_removed if all_removed else 1.0
    recall = all_hit / all_injected if all_injected else 1.0
    cells = []
    for kind, t in totals.items():
        if kind == "untouched":
            cells.append(f"untouched fp_articles={t['fp_articles']}/{t['articles']}")
        else:
            cells.append(f"{kind} R={t['hit'] / max(t['injected'], 1):.3f}")
    print(f"{name:<28} P={precision:.3f} R={recall:.3f}  " + "  ".join(cells))
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=400, help="articles per split (0 = all)")
    parser.add_argument("--thresholds", default="0.6,0.65,0.7,0.75,0.8")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    records = load(args.data)
    rng = random.Random(args.seed)
    vocab = sorted({w for r in records[:300] for w in re.findall(r"[a-z]{4,}", r["text"]) if w not in STOPWORDS})
    donors = [s for r in records[:200] for s in split_sentences(r["text"]) if "," in s]
    splits = {"dev": [], "test": []}
    for r in records:
        splits[split_of(r["id"])].append(r)
    for name in splits:
        rng.shuffle(splits[name])
        if args.limit:
            splits[name] = splits[name][: args.limit]
    default = CleanSettings()
    print(f"# eval_clean: {len(splits['dev'])} dev / {len(splits['test'])} test BBC articles, {len(KINDS)} cases each, seed {args.seed}")
    print("# dev: threshold sweep (alignment ratio; containment fixed at %.2f)" % default.containment)
    start = time.perf_counter()
    for t in [float(x) for x in args.thresholds.split(",")]:
        report(f"dev threshold={t:.2f}", evaluate(splits["dev"], CleanSettings(threshold=t), vocab, donors, args.seed, args.workers))
    print(f"# test: the default (threshold={default.threshold:.2f}, containment={default.containment:.2f}, min_words={default.min_words})")
    report("test default", evaluate(splits["test"], default, vocab, donors, args.seed, args.workers))
    print(f"# {time.perf_counter() - start:.0f}s")


if __name__ == "__main__":
    main()
