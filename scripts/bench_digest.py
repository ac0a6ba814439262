#!/usr/bin/env python3
"""Speed of ``summarize digest`` (embed) beside sumy's LexRank and the bare encoder.

Writes N real BBC articles (default 300) to a JSON Lines file, then times three
*whole processes* (interpreter start, imports, model load, reading, output included):

* ``summarize digest FILE -o OUT`` (the real command, method embed);
* sumy LexRank over the same articles (our offline Punkt sentences, 3 per article);
* the floor: load the same encoder and encode exactly the sentences our digest encodes,
  nothing else (read, clean, rank, write left out).

It prints articles/s and sentences/s of each, our time over sumy's and over the floor,
and an in-process breakdown of our run (clean, encode, rank). The three run in turn,
``--repeat`` rounds (default 2): the best of each is kept, and the median over rounds of
our time over sumy's in the same round is printed, since this machine is shared.

    python scripts/bench_digest.py
    python scripts/bench_digest.py --n 500 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from digest_common import DEFAULT_DATA, load_bbc  # noqa: E402


def worker_sumy(path: str) -> None:
    from digest_common import LexRank

    from summarize.read import read_inputs
    from summarize.split import fill_sentences

    lexrank = LexRank()
    out = []
    for article in read_inputs([path]):
        fill_sentences(article)
        out.append({"id": article.id, "sentences": lexrank([" ".join(s.text.split()) for s in article.sentences], 3)})
    sys.stdout.write("\n".join(json.dumps(o) for o in out) + "\n")


def _prepared(path: str):
    from summarize.digest import prepare
    from summarize.read import read_inputs

    return [prepare(a) for a in read_inputs([path])]


def worker_floor(path: str) -> None:
    """The bare encoder: load it and encode the texts in ``path`` (one per line), nothing else."""
    from summarize.digest.embed import EmbedDigester

    texts = Path(path).read_text(encoding="utf-8").splitlines()
    start = time.perf_counter()
    digester = EmbedDigester()
    digester.encode(texts)
    print(json.dumps({"sentences": len(texts), "encode_s": time.perf_counter() - start}))


def encoded_texts(path: str) -> list[str]:
    """Exactly the texts our digest encodes: candidate sentences of the cleaned articles, then headlines."""
    from summarize.digest.embed import EmbedSettings, candidate_texts

    articles = _prepared(path)
    settings = EmbedSettings()
    texts = [t for a in articles for t in candidate_texts(a, settings.candidates)]
    return texts + [" ".join(a.title.split()) for a in articles if a.title and a.title.strip()]


def worker_breakdown(path: str) -> None:
    """Our pipeline in one process, stage by stage."""
    import numpy as np

    from summarize.digest.embed import EmbedDigester, rank
    from summarize.read import read_inputs

    from summarize import nltk_import

    nltk_import.enable()  # as the command line does
    t0 = time.perf_counter()
    digester = EmbedDigester()
    t1 = time.perf_counter()
    raw = list(read_inputs([path]))
    t2 = time.perf_counter()
    from summarize.digest import prepare

    prepare(raw[0])  # the first article pays for importing NLTK (Punkt, Porter) and datasketch
    t_imports = time.perf_counter()
    articles = [prepare(a) for a in raw]
    t3 = time.perf_counter()
    cands = [digester.candidates(a) for a in articles]
    texts = [t for c in cands for t in c] + [a.title for a in articles if a.title]
    vectors = digester.encode(texts)
    t4 = time.perf_counter()
    pos = 0
    for c in cands:
        rank(vectors[pos : pos + len(c)], np.asarray(vectors[-1]), digester.settings)
        pos += len(c)
    t5 = time.perf_counter()
    print(json.dumps({"load_model_s": t1 - t0, "read_s": t2 - t1, "imports_s": t_imports - t2,
                      "clean_s": t3 - t_imports, "encode_s": t4 - t3,
                      "rank_s": t5 - t4, "encoded": len(texts), "backend": digester.backend, "all_sentences": sum(len(a.sentences) for a in articles)}))


def timed(cmd: list[str], repeat: int) -> tuple[float, str]:
    best = float("inf")
    out = ""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
        if elapsed < best:
            best, out = elapsed, proc.stdout
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=300, help="articles (at least 250 for the reported figure)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--worker", choices=("sumy", "floor", "breakdown"), help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        {"sumy": worker_sumy, "floor": worker_floor, "breakdown": worker_breakdown}[args.worker](args.input)
        return

    rows = load_bbc(args.data, "all")[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bbc.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}) + "\n" for r in rows),
                        encoding="utf-8")
        out = Path(tmp) / "digests.jsonl"
        me = [sys.executable, str(Path(__file__).resolve())]
        texts_path = Path(tmp) / "encoded.txt"
        texts_path.write_text("\n".join(encoded_texts(str(path))) + "\n", encoding="utf-8")
        commands = {"ours": [sys.executable, "-m", "summarize", "digest", str(path), "-o", str(out), "--no-progress"],
                    "sumy": [*me, "--worker", "sumy", "--input", str(path)],
                    "floor": [*me, "--worker", "floor", "--input", str(texts_path)]}
        runs: dict[str, list[float]] = {k: [] for k in commands}
        floor_out = ""
        for _ in range(args.repeat):  # in turn: a busy moment of the shared machine hits every path alike
            for name, cmd in commands.items():
                secs, stdout = timed(cmd, 1)
                runs[name].append(secs)
                floor_out = stdout if name == "floor" else floor_out
        n_out = len(out.read_text(encoding="utf-8").splitlines())
        ours, sumy, floor = (min(runs[k]) for k in ("ours", "sumy", "floor"))
        round_ratio = statistics.median(o / s for o, s in zip(runs["ours"], runs["sumy"]))
        _, breakdown_out = timed([*me, "--worker", "breakdown", "--input", str(path)], 1)
    floor_info = json.loads(floor_out.strip().splitlines()[-1])
    stages = json.loads(breakdown_out.strip().splitlines()[-1])
    n_sent = stages["all_sentences"]
    print(f"# bench_digest: {len(rows)} BBC articles, {n_sent} sentences after cleaning, "
          f"{stages['encoded']} encoded by embed (first prose sentences + headline), "
          f"encoder backend {stages['backend']}, {os.cpu_count()} cores, best of {args.repeat}\n")
    print("| whole process | seconds | articles/s | sentences/s |")
    print("|---|---:|---:|---:|")
    for name, secs in (("summarize digest (embed)", ours), ("sumy LexRank", sumy), ("encode-only floor", floor)):
        print(f"| {name} | {secs:.1f} | {len(rows) / secs:.1f} | {n_sent / secs:.0f} |")
    print(f"\nours / sumy, median of the rounds' ratios: {round_ratio:.2f}x (rounds: "
          + ", ".join(f"{o:.1f}/{s:.1f} s" for o, s in zip(runs["ours"], runs["sumy"])) + ")")
    print(f"best / best: ours / sumy: {ours / sumy:.2f}x    ours / floor: {ours / floor:.2f}x    ({n_out} digests written)")
    print("\nin-process breakdown of embed: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items() if k.endswith("_s"))
          + f"  (floor: load + encode {floor_info['encode_s']:.2f} s of {floor_info['sentences']} texts)")


if __name__ == "__main__":
    main()
