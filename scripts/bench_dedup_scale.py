#!/usr/bin/env python3
"""Peak memory and time of ``summarize dedup --index`` as the number of articles grows.

Writes N news-sized articles (default 10,000 and 100,000) to a JSON Lines file:
BBC articles of ``--data`` and distinct articles made of one paragraph of each of ten
BBC articles, 30 % of them edited copies (as ``scripts/bench_dedup.py --real``), then
runs the real command on it with a fresh SQLite index, as its own process, and prints
wall time, peak RSS (``wait4``) and the growth per article between sizes.

    python scripts/bench_dedup_scale.py [--sizes 10000,100000] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_dedup import DEFAULT_DATA, _timed, real_feed  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    summarize_bin = str(Path(sys.executable).with_name("summarize"))
    print(f"{os.cpu_count()} cpu(s), load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print("| articles | input MB | seconds | articles/s | peak RSS MiB | index MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "feed.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for a in real_feed(Path(args.data), n, 0.3, args.seed):
                    f.write(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"]}) + "\n")
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
