"""Time story grouping of N articles as a whole process, with peak memory.

Two feeds, both from the development data:

* ``--feed copies`` (default): the ECB+ event articles (events_ecbplus.jsonl) repeated with fresh
  ids and a word changed per copy, so most articles are near-copies of an earlier one (889
  originals; at N = 10,000, 91% copies): a wire-heavy feed;
* ``--feed distinct``: the ECB+ and BBC articles, each once (at most 3,114), no copies at all:
  every lead is embedded, the worst case.

Near-copies are found first and only originals' leads are embedded (a copy takes its
original's vector), so the two feeds bound what a real feed costs.

    python scripts/bench_stories.py [--data PATH] [--n 10000] [--feed copies|distinct]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_stories import load  # noqa: E402

from summarize.document import Article  # noqa: E402
from summarize.stories import group_stories  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"


def copies_feed(data: Path, n: int) -> list[Article]:
    base, _ = load(data / "events_ecbplus.jsonl")
    articles = []
    for i in range(n):
        a = base[i % len(base)]
        round_ = i // len(base)
        text = a.text if not round_ else a.text.replace(" the ", f" the{'' if round_ % 2 else ' '} ", 1)
        articles.append(Article(id=f"{a.id}-{round_}", text=text, paragraphs=[], title=a.title, published=a.published))
    return articles


def distinct_feed(data: Path, n: int) -> list[Article]:
    base, _ = load(data / "events_ecbplus.jsonl")
    seen = {a.text for a in base}
    with open(data / "bbc_news_summary.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record.get("text") or record.get("article") or ""
            if text and text not in seen:  # BBC's exact duplicates are left out
                seen.add(text)
                base.append(Article(id=f"bbc-{len(base)}", text=text, paragraphs=[], title=record.get("title")))
    return base[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the development data folder")
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--feed", choices=("copies", "distinct"), default="copies")
    args = parser.parse_args()
    started = time.perf_counter()
    articles = (copies_feed if args.feed == "copies" else distinct_feed)(args.data, args.n)
    t0 = time.perf_counter()
    grouping = group_stories(articles)
    t1 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    encoded = len({v.tobytes() for v in grouping.vectors})
    print(f"{args.feed} feed: {len(articles)} articles ({encoded} leads encoded) -> "
          f"{len(grouping.clusterer.stories)} stories; grouping {t1 - t0:.1f}s, whole process "
          f"{time.perf_counter() - started:.1f}s (with start-up), peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
