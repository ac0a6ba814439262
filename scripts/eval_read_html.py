#!/usr/bin/env python3
"""How much of each news page's article text the HTML reader recovers.

Reads every ``<sha>.html.gz`` under ``DATA/news_html`` with the same code path as
``summarize split page.html.gz`` (``summarize.read.read_path``) and compares the
article body it extracts with the page's ground-truth ``articleBody``
(``ground-truth.json``) by bag-of-words token overlap: precision (extracted tokens
that belong to the article), recall (article tokens recovered) and their F1,
averaged over pages. Also counts pages with no body, and titles found.

    python scripts/eval_read_html.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.errors import SummarizeError  # noqa: E402
from summarize.read import read_path  # noqa: E402
from summarize.read.decode import decode, gunzip  # noqa: E402
from summarize.read.html import html_to_text  # noqa: E402

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def overlap(predicted: str, truth: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of ``predicted`` against ``truth`` (multiset overlap)."""
    p, t = tokens(predicted), tokens(truth)
    common = sum((p & t).values())
    if not p or not t or not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder holding news_html/ (default: ../shared/data)")
    parser.add_argument("--worst", type=int, default=5, help="list the N pages with the lowest F1")
    args = parser.parse_args(argv)
    folder = Path(args.data) / "news_html"
    truth_file = folder / "ground-truth.json"
    if not truth_file.exists():
        print(f"eval_read_html: {truth_file} not found", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    rows = []
    started = time.perf_counter()
    for sha, record in sorted(truth.items()):
        page = folder / f"{sha}.html.gz"
        if not page.exists():
            continue
        try:
            article = next(read_path(str(page)))
            body, title = "\n\n".join(p.text for p in article.paragraphs), article.title
        except SummarizeError as exc:
            body, title = "", None
            print(f"eval_read_html: {exc}", file=sys.stderr)
        all_text = html_to_text(decode(gunzip(page.read_bytes(), str(page)), str(page)))
        baseline = overlap(all_text, record.get("articleBody") or "")[2]
        rows.append((sha, *overlap(body, record.get("articleBody") or ""), bool(body.strip()), bool(title), baseline))
    elapsed = time.perf_counter() - started
    if not rows:
        print("eval_read_html: no pages", file=sys.stderr)
        return 2
    print(f"pages:            {len(rows)}  ({elapsed / len(rows) * 1000:.0f} ms per page)")
    print(f"token precision:  {statistics.mean(r[1] for r in rows):.3f}")
    print(f"token recall:     {statistics.mean(r[2] for r in rows):.3f}")
    print(f"token F1 (mean):  {statistics.mean(r[3] for r in rows):.3f}")
    print(f"token F1 (median): {statistics.median(r[3] for r in rows):.3f}")
    print(f"empty bodies:     {sum(not r[4] for r in rows)}")
    print(f"baseline F1 (all page text, no extraction): {statistics.mean(r[6] for r in rows):.3f}")
    print(f"titles found:     {sum(r[5] for r in rows)}")
    for sha, p, r, f1, *_ in sorted(rows, key=lambda row: row[3])[: args.worst]:
        print(f"  worst: {sha[:12]}  P={p:.2f} R={r:.2f} F1={f1:.2f}  {truth[sha].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
