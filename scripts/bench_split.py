#!/usr/bin/env python3
"""Time ``summarize split`` on 20 MB single-line files.

Two inputs, each one line of at least 20 MB, written to a temporary folder:

- *prose*: the BBC articles of ``DATA/bbc_news_summary.jsonl`` with their line
  breaks removed, repeated to 20 MB or more (about 207,000 sentences);
- *dense*: short sentences with abbreviations (``Dr.``, ``U.S.``, ``5 p.m.``),
  about 1.1 million of them -- the case that hit NLTK's ReDoS time budget.

Each runs as the real command in a subprocess; the script prints the wall time
and the sentence count (which it checks against splitting one repeat unit).

    python scripts/bench_split.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.split import split_sentences  # noqa: E402

SIZE = 20_000_000
DENSE = "Dr. Smith arrived. He sat down. The U.S. team won at 5 p.m. on Friday. Fans cheered! Why? "


def prose_unit(data: Path) -> str:
    with open(data / "bbc_news_summary.jsonl", encoding="utf-8") as f:
        return " ".join(" ".join(json.loads(line)["text"].split()) for line in f) + " "


def bench(name: str, unit: str, folder: Path) -> None:
    copies = SIZE // len(unit.encode("utf-8")) + 1
    path = folder / f"{name}.txt"
    path.write_text(unit * copies, encoding="utf-8")
    one, two = len(split_sentences(unit)), len(split_sentences(unit * 2))
    expected = one + (copies - 1) * (two - one)  # a unit's last sentence may run into the next copy
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "summarize", "split", str(path)], capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        print(f"{name}: failed (exit {proc.returncode}): {proc.stderr.decode(errors='replace')[-300:]}")
        return
    got = proc.stdout.count(b"\n")
    status = "ok" if got == expected else f"MISMATCH, expected {expected:,}"
    print(f"{name:6} {path.stat().st_size / 1e6:5.1f} MB one line: {got:>9,} sentences in {elapsed:6.2f} s ({status})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder holding bbc_news_summary.jsonl")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "bbc_news_summary.jsonl").exists():
        print(f"bench_split: {data / 'bbc_news_summary.jsonl'} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        bench("prose", prose_unit(data), Path(tmp))
        bench("dense", DENSE, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
