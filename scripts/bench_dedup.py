#!/usr/bin/env python3
"""Time ``summarize dedup`` against the datasketch README way, on synthetic or real (BBC) articles.

``--real``: whole processes side by side on real news. 5,000 articles (``--n``)
are written to a JSON Lines file: the 2,225 BBC articles of ``--data``, more
distinct articles made of one paragraph of each of ten BBC articles, and ~30 % edited copies of them (the edits of
scripts/eval_dedup.py: dateline, outlet footer, trimmed ending, dropped
sentence, copy edits, re-wrapped lines, HTML entities). Each path is then run
as its own process (interpreter start, imports, reading the file and output
included), in turn, ``--repeat`` times:

* ``summarize dedup FILE --format jsonl`` (the real command; its report scored for precision and recall);
* the datasketch README way: json per line, ``MinHash.update`` per word
  3-shingle, ``MinHashLSH.query`` + ``insert`` per article;
* rensa (Rust MinHash + LSH, when installed): the same loop with ``RMinHash``.

Times are wall clock; peak RSS is the child's own (``wait4``). Ratios are
each path's time over ours, of the same round, and their median is printed.

Without ``--real``, the engine alone is timed on synthetic ~3 KB articles:

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
    python scripts/bench_dedup.py --real [--data ../shared/data] [--n 5000] [--repeat 3]
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
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic feed generator, shared with the tests


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def _baseline(n: int, seed: int, queue) -> None:
    from datasketch import MinHash, MinHashLSH

    from synthetic import generate
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
    from synthetic import generate

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


# --- real text, whole processes ---------------------------------------------------------------

DEFAULT_DATA = ROOT.parent / "shared" / "data"


def real_feed(data: Path, n: int, copies: float, seed: int) -> list[dict]:
    """``n`` articles: BBC ones, half-and-half joins of two BBC ones, and edited copies (label ``story``)."""
    import json
    import random

    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_dedup import TRANSFORMS

    path = data / "bbc_news_summary.jsonl"
    if not path.exists():
        sys.exit(f"bench_dedup: {path} not found (use --data)")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rng = random.Random(seed)
    n_orig = n - int(n * copies)
    originals = [{"id": r["id"], "title": r["title"], "text": r["text"]} for r in rows[:n_orig]]
    while len(originals) < n_orig:  # one paragraph of each of 10 articles: no single source dominates it
        parts = [rng.choice(r["text"].split("\n\n")) for r in rng.sample(rows, 10)]
        originals.append({"id": f"mix{len(originals)}", "title": parts[0][:60], "text": "\n\n".join(parts)})
    story_of_text: dict[str, str] = {}
    for o in originals:  # BBC's own identical articles under two ids are one story
        o["story"] = story_of_text.setdefault(o["text"], o["id"])
    feed = list(originals)
    names = sorted(k for k in TRANSFORMS if k != "headline")
    for c in range(n - n_orig):
        base = rng.choice(originals)
        text = base["text"]
        for name in rng.sample(names, k=rng.choice([1, 2, 3])):
            text = TRANSFORMS[name](text, rng)
        feed.append({"id": f"{base['id']}~copy{c}", "title": base["title"], "text": text, "story": base["story"]})
    rng.shuffle(feed)
    return feed


def worker_datasketch(path: str) -> None:
    """The datasketch README way, whole: read, update per shingle, query and insert per article."""
    import json

    from datasketch import MinHash, MinHashLSH

    from summarize.fingerprint import shingles, words

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    candidates = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            m = MinHash(num_perm=128)
            for s in shingles(words(r["text"])):
                m.update(s.encode("utf8"))
            candidates += len(lsh.query(m))
            lsh.insert(r["id"], m)
    print(candidates)


def worker_rensa(path: str) -> None:
    """rensa's README loop: RMinHash per article from its word 3-shingles, RMinHashLSH query + insert."""
    import json

    from rensa import RMinHash, RMinHashLSH

    from summarize.fingerprint import shingles, words

    lsh = RMinHashLSH(threshold=0.5, num_perm=128, num_bands=16)
    candidates = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            r = json.loads(line)
            m = RMinHash(num_perm=128, seed=42)
            m.update(list(shingles(words(r["text"]))))
            candidates += len(lsh.query(m))
            lsh.insert(n, m)
    print(candidates)


def _timed(cmd: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, peak RSS MiB and stdout of one child process."""
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"bench_dedup: {' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, out


def quality(feed: list[dict], report: bytes) -> tuple[float, float]:
    """Precision and recall of 'this article is a copy of an earlier one' from a JSON Lines report."""
    import json

    first_seen: set[str] = set()
    truth = {}
    for a in feed:
        truth[a["id"]] = a["story"] in first_seen
        first_seen.add(a["story"])
    got = {}
    story = {a["id"]: a["story"] for a in feed}
    right = 0
    for line in report.splitlines():
        m = json.loads(line)
        got[m["id"]] = m["duplicate_of"] is not None
        right += m["duplicate_of"] is not None and story[m["duplicate_of"]] == story[m["id"]]
    flagged = sum(got.values())
    return right / max(1, flagged), right / max(1, sum(truth.values()))


def main_real(args) -> None:
    import importlib.metadata
    import json
    import statistics
    import subprocess
    import tempfile

    feed = real_feed(Path(args.data), args.n, args.copies, args.seed)
    try:
        import rensa  # noqa: F401
        have_rensa = True
    except ImportError:
        have_rensa = False
    import datasketch
    import numpy

    summarize_bin = str(Path(sys.executable).with_name("summarize"))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "feed.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a in feed:
                f.write(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"]}) + "\n")
        size = os.path.getsize(path)
        paths = {"summarize dedup": [summarize_bin, "dedup", path, "--format", "jsonl", "--quiet"],
                 "datasketch README": [sys.executable, __file__, "--worker", "datasketch", path]}
        if have_rensa:
            paths["rensa loop"] = [sys.executable, __file__, "--worker", "rensa", path]
        print(f"{len(feed):,} articles ({size / len(feed) / 1024:.1f} KB each on average, "
              f"{sum(a['story'] != a['id'] for a in feed):,} edited copies) from {args.data}; "
              f"python {platform.python_version()}, numpy {numpy.__version__}, datasketch {datasketch.__version__}"
              + (f", rensa {importlib.metadata.version('rensa')}" if have_rensa else ", rensa not installed")
              + f"; {os.cpu_count()} cpu(s), load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
        # one untimed run of each path on a few lines first, bytecode caches written (as after a pip
        # install), so no path is timed compiling its modules
        small = os.path.join(tmp, "warm.jsonl")
        with open(path, encoding="utf-8") as src, open(small, "w", encoding="utf-8") as dst:
            dst.writelines(line for _, line in zip(range(20), src))
        warm_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for cmd in paths.values():
            subprocess.run([small if part == path else part for part in cmd], env=warm_env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in paths}
        report = b""
        for r in range(args.repeat):  # in turn, so a busy moment of the shared machine hits every path alike
            for name, cmd in paths.items():
                t, rss, out = _timed(cmd)
                runs[name].append((t, rss))
                if name == "summarize dedup":
                    report = out
            print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f}s" for k, v in runs.items()), flush=True)
        precision, recall = quality(feed, report)
        ours = [t for t, _ in runs["summarize dedup"]]
        print("| path | best s | median s | articles/s (best) | peak RSS MiB | time / ours (median of rounds) |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, vals in runs.items():
            ts = [t for t, _ in vals]
            ratio = statistics.median(t / o for t, o in zip(ts, ours))
            print(f"| {name} | {min(ts):.2f} | {statistics.median(ts):.2f} | {len(feed) / min(ts):,.0f} | "
                  f"{max(m for _, m in vals):.0f} | {ratio:.1f}x |")
        print(f"summarize dedup found copies with precision {precision:.3f}, recall {recall:.3f} "
              f"(an article flagged as a copy of another of its story)")
        print(f"load average at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        {"datasketch": worker_datasketch, "rensa": worker_rensa}[sys.argv[2]](sys.argv[3])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", action="store_true", help="real BBC text, whole processes (see above)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="folder holding bbc_news_summary.jsonl (--real)")
    ap.add_argument("--n", type=int, default=5000, help="articles in the --real feed")
    ap.add_argument("--copies", type=float, default=0.3, help="share of edited copies in the --real feed")
    ap.add_argument("--sizes", default="5000,50000")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--baseline-max", type=int, default=5000,
                    help="time the baseline on at most this many documents of each set")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest is reported")
    args = ap.parse_args()
    if args.real:
        main_real(args)
        return
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
