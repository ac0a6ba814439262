#!/usr/bin/env python3
"""Time ``summarize dedup``'s engine against the datasketch README way, on synthetic ~3 KB articles.

Both paths start from the same raw texts and the same normalisation
(:func:`summarize.fingerprint.words`, word 3-shingles):

* baseline — the datasketch README: one ``MinHash(num_perm=128)`` per document
  updated shingle by shingle with ``update``, then ``MinHashLSH.query`` and
  ``insert`` per document (candidates only, no verification);
* summarize — the bulk path: numpy shingle fingerprints, boilerplate
  detection, batch MinHash (numpy, worker processes), vectorised LSH banding,
  and exact verification of every candidate.

Each measurement runs in a fresh child process, so peak memory (ru_maxrss of
the child and of its workers) belongs to that path alone; each is repeated
(``--repeat``) and the fastest run is reported, for both paths alike, since
other load on the machine only ever slows a run down. The baseline on the
50,000 set is timed on its first ``--baseline-max`` documents (it is linear:
one MinHash per document and a hash-table LSH) and said so.

    python scripts/bench_dedup.py [--sizes 5000,50000] [--jobs 2] [--baseline-max 5000]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def _baseline(n: int, seed: int, queue) -> None:
    from datasketch import MinHash, MinHashLSH

    from summarize.dedup.synthetic import generate
    from summarize.fingerprint import shingles, words

    feed = generate(n, seed=seed)
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    candidates = 0
    for key, text in zip(feed.ids, feed.texts):
        m = MinHash(num_perm=128)
        for s in shingles(words(text)):
            m.update(s.encode("utf8"))
        candidates += len(lsh.query(m))
        lsh.insert(key, m)
    elapsed = time.perf_counter() - start
    queue.put((elapsed, candidates, None, _peak_mib()))


def _summarize(n: int, seed: int, jobs: int, queue) -> None:
    from summarize.dedup import DedupConfig, Stats, deduplicate
    from summarize.dedup.synthetic import generate

    feed = generate(n, seed=seed)
    stats = Stats()
    start = time.perf_counter()
    matches = deduplicate(feed.ids, feed.texts, None, DedupConfig(jobs=jobs), stats=stats)
    elapsed = time.perf_counter() - start
    truth = [s != i for s, i in zip(feed.story, feed.ids)]
    got = [m.is_duplicate for m in matches]
    tp = sum(t and g for t, g in zip(truth, got))
    quality = (tp / max(1, sum(got)), tp / max(1, sum(truth)))
    queue.put((elapsed, stats.candidates, (quality, stats.timings), _peak_mib()))


def _run(target, *args):
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5000,50000")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--baseline-max", type=int, default=5000,
                    help="time the baseline on at most this many documents of each set")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest is reported")
    args = ap.parse_args()
    import datasketch
    import numpy

    print(f"python {platform.python_version()}, numpy {numpy.__version__}, datasketch {datasketch.__version__}, "
          f"{os.cpu_count()} cpu(s), jobs={args.jobs}"
          + (f", load average {' '.join(open('/proc/loadavg').read().split()[:3])}" if os.path.exists("/proc/loadavg") else ""))
    print("| articles | path | seconds | docs/s | speed-up | peak RSS MiB (main + workers) | notes |")
    print("|---:|---|---:|---:|---:|---:|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        nb = min(n, args.baseline_max)
        b_time, b_cands, _, (b_own, _b_kids) = min(_run(_baseline, nb, args.seed) for _ in range(args.repeat))
        b_rate = nb / b_time
        note = "" if nb == n else f"timed on the first {nb:,} of {n:,} articles"
        print(f"| {n:,} | datasketch README (update per shingle, LSH query+insert) | {b_time:.1f} | {b_rate:,.0f} | 1.0x "
              f"| {b_own:.0f} | {note} |", flush=True)
        for jobs in sorted({1, args.jobs}):
            s_time, _c, ((precision, recall), timings), (s_own, s_kids) = min(
                (_run(_summarize, n, args.seed, jobs) for _ in range(args.repeat)), key=lambda r: r[0])
            s_rate = n / s_time
            parts = ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())
            print(f"| {n:,} | summarize bulk path (jobs={jobs}) | {s_time:.1f} | {s_rate:,.0f} | "
                  f"{s_rate / b_rate:.1f}x | {s_own:.0f} + {s_kids:.0f} | {parts}; duplicates found: "
                  f"precision {precision:.3f}, recall {recall:.3f} |", flush=True)
    print(f"load average at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}" if os.path.exists("/proc/loadavg") else "")

if __name__ == "__main__":
    main()
