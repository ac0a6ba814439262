#!/usr/bin/env python3
"""Peak memory and time of ``summarize dedup --index`` as the number of articles grows.

Writes N news-sized articles (default 10,000 and 100,000) to a JSON Lines file:
BBC articles of ``--data`` and distinct articles made of one paragraph of each of ten
BBC articles, 30 % of them edited copies (as ``scripts/bench_dedup.py --real``), then
runs the real command on it with a fresh SQLite index, as its own process, and prints
wall time, peak RSS (``wait4``) and the growth per article between sizes.

``--feed synthetic`` writes distinct made-up articles instead (tests/synthetic.py: Zipf words, 10 %
near-copies). The real feed reuses each BBC paragraph in about N/250 articles, so its candidate pairs
per article grow with N; distinct articles show what memory does when they do not.

    python scripts/bench_dedup_scale.py [--sizes 10000,100000] [--data ../shared/data] [--feed real|synthetic]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_dedup import DEFAULT_DATA, _timed, real_feed  # noqa: E402

sys.path.insert(0, str(HERE.parent / "tests"))
from synthetic import generate  # noqa: E402


def write_feed(path: str, n: int, feed: str, data: str, seed: int) -> None:
    with open(path, "w", encoding="utf-8") as f:
        if feed == "real":
            for a in real_feed(Path(data), n, 0.3, seed):
                f.write(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"]}) + "\n")
        else:
            made = generate(n, seed=seed)
            for i, text in zip(made.ids, made.texts):
                f.write(json.dumps({"id": i, "text": text}) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--feed", choices=("real", "synthetic"), default="real")
    ap.add_argument("--write", metavar="PATH", help=argparse.SUPPRESS)  # internal: write one feed and exit
    args = ap.parse_args()
    if args.write:
        write_feed(args.write, int(args.sizes), args.feed, args.data, args.seed)
        return
    summarize_bin = str(Path(sys.executable).with_name("summarize"))
    print(f"{os.cpu_count()} cpu(s), load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print("| articles | input MB | seconds | articles/s | peak RSS MiB | index MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "feed.jsonl")
            # The feed is written by a process of its own: Linux counts the spawning process's resident
            # memory in a child's peak (ru_maxrss is taken over at exec), so this one must stay small.
            subprocess.run([sys.executable, __file__, "--write", path, "--sizes", str(n), "--feed", args.feed,
                            "--data", args.data, "--seed", str(args.seed)], check=True)
            db = os.path.join(tmp, "index.db")
            secs, rss, _ = _timed([summarize_bin, "dedup", path, "--index", db, "-f", "jsonl", "-q"])
            mb = os.path.getsize(path) / 1e6
            rows.append((n, rss))
            print(f"| {n:,} | {mb:,.0f} | {secs:.1f} | {n / secs:,.0f} | {rss:,.0f} | {os.path.getsize(db) / 1e6:,.0f} |",
                  flush=True)
    for (n0, m0), (n1, m1) in zip(rows, rows[1:]):
        print(f"peak RSS growth {n0:,} -> {n1:,}: {(m1 - m0) * 1024 / (n1 - n0):.1f} KiB per article")


if __name__ == "__main__":
    main()
