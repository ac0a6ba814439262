"""Score story grouping on labelled events: pairwise precision/recall/F1 and ARI.

Runs the story grouping of :mod:`summarize.stories` with and without the articles'
dates, beside a baseline in the same run: TF-IDF cosine (headline and body), average-link
agglomerative clustering cut at the threshold that gives it its best F1 on this very
set (an upper bound for the baseline; the story grouping's settings are its defaults).

    python scripts/eval_stories.py [--data ../shared/data/events_ecbplus.jsonl]
    python scripts/eval_stories.py --sweep   # F1 over threshold x name weight (without dates)

Needs the ml extra (MiniLM) and scikit-learn/scipy (installed with it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.document import Article  # noqa: E402
from summarize.stories import StorySettings, embed_leads, features, group_stories  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "events_ecbplus.jsonl"


def load(path: Path) -> tuple[list[Article], list[str]]:
    articles, labels = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                articles.append(Article(id=r["id"], text=r["text"], paragraphs=[], title=r.get("title"),
                                        published=r.get("published"), meta={"source": r.get("source")}))
                labels.append(r["event"])
    return articles, labels


def pairwise(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Pairwise precision, recall, F1 (pairs of articles put together) and the adjusted Rand index."""
    from sklearn.metrics import adjusted_rand_score

    def pairs(counts) -> int:
        return sum(n * (n - 1) // 2 for n in counts)

    together = pairs(Counter(zip(gold, predicted)).values())
    said, true = pairs(Counter(predicted).values()), pairs(Counter(gold).values())
    p = together / said if said else 1.0
    r = together / true if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "ari": adjusted_rand_score(gold, predicted),
            "clusters": len(set(predicted))}


def tfidf_baseline(articles: list[Article], gold: list[str]) -> tuple[float, dict[str, float]]:
    """TF-IDF cosine, average link; the distance cut with the best F1 (swept in steps of 0.02)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in articles]).toarray()
    tree = linkage(pdist(matrix, "cosine"), "average")
    best = (0.0, {"f1": -1.0})
    for cut in np.arange(0.30, 1.0, 0.02):
        labels = [str(x) for x in fcluster(tree, t=cut, criterion="distance")]
        scores = pairwise(gold, labels)
        if scores["f1"] > best[1]["f1"]:
            best = (1 - cut, scores)  # reported as a cosine similarity threshold
    return best


def undated(articles: list[Article]) -> list[Article]:
    return [replace(a, published=None) for a in articles]


def run(articles, gold, vectors, settings) -> dict[str, float]:
    grouping = group_stories(articles, settings, vectors=vectors)
    return pairwise(gold, [grouping.story_of[a.id] for a in articles])


def row(name: str, s: dict[str, float]) -> str:
    return (f"{name:<34} {s['precision']:9.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['ari']:6.3f} "
            f"{s['clusters']:8d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sweep", action="store_true", help="also print F1 over threshold x name weight")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a StorySettings field for this run (e.g. threshold=0.45)")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"eval_stories: {args.data}: no such file (pass --data)")
    articles, gold = load(args.data)
    settings = StorySettings()
    for item in args.set:
        name, _, value = item.partition("=")
        settings = replace(settings, **{name: type(getattr(settings, name))(value)})

    started = time.perf_counter()
    vectors = embed_leads([features(a).lead for a in articles])
    embed_seconds = time.perf_counter() - started
    dated = sum(a.published is not None for a in articles)
    print(f"{args.data.name}: {len(articles)} articles, {len(set(gold))} events, {dated} dated; "
          f"leads embedded in {embed_seconds:.1f}s")
    print(f"{'method':<34} {'precision':>9} {'recall':>6} {'F1':>6} {'ARI':>6} {'clusters':>8}")
    print(row("stories, with dates", run(articles, gold, vectors, settings)))
    print(row("stories, without dates", run(undated(articles), gold, vectors, settings)))
    print(row("stories, no names, without dates",
              run(undated(articles), gold, vectors, replace(settings, name_weight=0.0,
                                                            threshold=settings.threshold + 0.15))))
    cut, scores = tfidf_baseline(articles, gold)
    print(row(f"TF-IDF avg link, best (cos {cut:.2f})", scores))
    print(f"settings: {settings}")
    if args.sweep:
        plain = undated(articles)
        weights = (0.3, 0.4, 0.5, 0.6)
        print("F1 without dates; rows: threshold, columns: name_weight " + " ".join(f"{w:6}" for w in weights))
        for threshold in np.arange(0.30, 0.71, 0.05):
            cells = [run(plain, gold, vectors, replace(settings, threshold=float(threshold), name_weight=w))["f1"]
                     for w in weights]
            print(f"{threshold:5.2f} " + " ".join(f"{c:6.3f}" for c in cells))


if __name__ == "__main__":
    main()
