"""Time story grouping of N articles as a whole process, with peak memory.

Articles are the development events (events_ecbplus.jsonl) repeated with fresh ids and a
word changed per copy, so near-copies and events are both present; the lead embeddings,
the MinHash near-copy pass and the incremental clustering are all timed.

    python scripts/bench_stories.py [--data PATH] [--n 10000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_stories import DEFAULT_DATA, load  # noqa: E402

from summarize.document import Article  # noqa: E402
from summarize.stories import embed_leads, features, group_stories  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    started = time.perf_counter()
    base, _ = load(args.data)
    articles = []
    for i in range(args.n):
        a = base[i % len(base)]
        round_ = i // len(base)
        text = a.text if not round_ else a.text.replace(" the ", f" the{'' if round_ % 2 else ' '} ", 1)
        articles.append(Article(id=f"{a.id}-{round_}", text=text, paragraphs=[], title=a.title, published=a.published))
    t0 = time.perf_counter()
    vectors = embed_leads([features(a).lead for a in articles])
    t1 = time.perf_counter()
    grouping = group_stories(articles, vectors=vectors)
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.n} articles -> {len(grouping.clusterer.stories)} stories: embed {t1 - t0:.1f}s, "
          f"near-copies + clustering {t2 - t1:.1f}s, whole process {time.perf_counter() - started:.1f}s "
          f"(with start-up), peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
