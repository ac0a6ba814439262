#!/usr/bin/env python3
"""Time ``summarize clean`` on templated text: three template sentences with other names and numbers,
three per paragraph, up to the given sizes (the case that made the repeat search quadratic).

    python scripts/bench_clean_templated.py 0.5 2 10     # sizes in MB; prints seconds and peak memory
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Alice Smith", "Bob Jones", "Carol White", "David Brown", "Eve Black", "Frank Green", "Grace Hall", "Henry King"]
CITIES = ["Leeds", "York", "Bath", "Derby", "Hull", "Ely", "Wells", "Truro"]
TEMPLATES = ["{n} sold {k} shares of the company in {c} on day {d}, the filing shows.",
             "The price in {c} rose by {p} percent to {k} dollars after {n} spoke on day {d}.",
             "Analysts in {c} expect {k} more trades next week, {n} said in a note numbered {d}."]


def templated(size: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    out, total = ["Daily market report", ""], 0
    while total < size:
        para = " ".join(rnd.choice(TEMPLATES).format(n=rnd.choice(NAMES), k=rnd.randint(1, 99999), c=rnd.choice(CITIES),
                                                     d=rnd.randint(1, 9999), p=rnd.randint(1, 99)) for _ in range(3))
        out += [para, ""]
        total += len(para) + 2
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[0.5, 2.0], help="sizes in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-clean-") as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"templ{mb:g}.txt"
            path.write_text(templated(int(mb * 1e6)))
            started = time.monotonic()
            proc = subprocess.run([sys.executable, "-m", "summarize", "clean", str(path), "-o", str(path) + ".out"],
                                  capture_output=True)
            seconds = time.monotonic() - started
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
            removed = proc.stderr.decode().strip().splitlines()[-1:] if proc.returncode not in (0, 1) else []
            print(f"{mb:g} MB templated: {seconds:.1f} s, peak {peak:.0f} MB, exit {proc.returncode} {' '.join(removed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
