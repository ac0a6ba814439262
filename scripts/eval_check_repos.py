"""Plant edited copies of prose paragraphs in real content repositories and see what `check` finds.

For each git repository given: clone it into a temporary folder, copy N prose paragraphs
(25+ words) of one file into the end of another file of the same language and format,
with about one word in twenty replaced, commit, run `summarize check` with its defaults
over the whole repository, and print the planted recall (a planted pair is found when a
finding names the copy and its original, either way round, or the copy is among the places of a
boilerplate notice: a copy of a paragraph that already stands in several files is one more) and the number of other
findings (what an editor would have to read besides the planted repeats). Before planting, it
counts what the check reads of the repository: the prose paragraphs of min-words (10) words or
more in its content files, and the source lines they span ("prose lines"), with the Markdown
files' share of each.

    python scripts/eval_check_repos.py /path/to/repo [/path/to/other ...] [--plants 50] [--seed 1]

To compare two versions of the check on the same planted copies, give the source tree of
another version with ``--check-with DIR`` (repeatable; for example a ``git archive`` of an older
commit): the copies are planted by this version's paragraphs, then each DIR's check runs on
the same clone (``PYTHONPATH=DIR``) and gets a row of its own. ``check s`` is a first run in a
fresh clone (no cache).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarize.check import languages
from summarize.check.config import CheckConfig
from summarize.check.prose import CONTENT_EXTENSIONS, format_of, prose_paragraphs
from summarize.check.repo import tracked_files
from summarize.read.decode import decode


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def paragraphs_by_file(repo: Path, config: CheckConfig) -> dict[str, list]:
    out = {}
    for name in tracked_files(repo):
        if not config.included(name) or format_of(name) not in ("markdown", "rst"):
            continue
        try:
            text = decode((repo / name).read_bytes(), name)
        except Exception:
            continue
        paras = [p for p in prose_paragraphs(text, format_of(name)) if len(p.text.split()) >= 25 and not p.ignored
                 and p.col == 1]
        out[name] = paras
    return out


def prose_seen(repo: Path) -> dict[str, int]:
    """Paragraphs the check compares (min-words or more) and the lines they span, all and Markdown only."""
    config = CheckConfig()
    counts = {"paragraphs": 0, "lines": 0, "md_paragraphs": 0, "md_lines": 0}
    for name in tracked_files(repo):
        if (not config.included(name) or Path(name).suffix.lower() not in CONTENT_EXTENSIONS
                or name.startswith(".")):
            continue
        try:
            text = decode((repo / name).read_bytes(), name)
        except Exception:
            continue
        markdown = format_of(name) == "markdown"
        for p in prose_paragraphs(text, format_of(name)):
            if len(p.text.split()) >= config.min_words:
                span = p.text.count("\n") + 1
                counts["paragraphs"] += 1
                counts["lines"] += span
                counts["md_paragraphs"] += markdown
                counts["md_lines"] += span if markdown else 0
    return counts


def edit(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    for i in range(len(words)):
        if rng.random() < 0.05:
            words[i] = rng.choice(vocabulary)
    return " ".join(words)


def plant(repo: Path, n: int, rng: random.Random) -> list[tuple[str, int, str, int]]:
    """(original path, line, copy path, line) of each planted copy."""
    config = CheckConfig()
    paras = paragraphs_by_file(repo, config)
    lang = languages.detect(list(paras))
    vocabulary = [w for ps in paras.values() for p in ps for w in p.text.split()][:50000] or ["word"]
    sources = [(name, p) for name, ps in paras.items() for p in ps]
    rng.shuffle(sources)
    planted, used = [], set()
    for name, p in sources:
        if len(planted) >= n:
            break
        targets = [t for t in paras if t != name and lang[t] == lang[name] and format_of(t) == format_of(name)
                   and t not in used]
        if not targets or name in used:
            continue
        target = rng.choice(targets)
        path = repo / target
        text = path.read_text(encoding="utf-8", errors="surrogateescape").rstrip("\n")
        line = text.count("\n") + 3
        path.write_text(text + "\n\n" + edit(p.text.strip(), rng, vocabulary) + "\n", encoding="utf-8",
                        errors="surrogateescape")
        used.update((name, target))
        planted.append((name, p.line, target, line))
    git(repo, "commit", "-qam", "planted copies")
    return planted


def run_check(repo: Path, source: Path | None = None) -> tuple[list[dict], float]:
    """The check's findings over the whole of ``repo`` (with the check of the source tree ``source``)."""
    env = {**os.environ, "PYTHONPATH": str(source)} if source is not None else None
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "summarize", "check", "--format", "json", "-q"], cwd=repo,
                          capture_output=True, text=True, env=env)
    if proc.returncode not in (0, 1, 3):
        raise SystemExit(f"check failed in {repo}: {proc.stderr.strip()}")
    return json.loads(proc.stdout or "[]"), time.perf_counter() - started


def score(findings: list[dict], planted: list[tuple[str, int, str, int]]) -> tuple[set, int]:
    """The planted pairs found, and the number of other findings."""
    pairs = {(a, al, b, bl) for a, al, b, bl in planted}
    found, other = set(), 0
    for f in findings:
        mine = {(f["path"], line) for line in [f["line"], *f.get("passage_lines", [])]}  # a passage: every line
        them = (f["other_path"], f["other_line"])
        if f["code"] == "SUM004":  # a copy of boilerplate is boilerplate: the notice lists where it stands
            mine |= {(place["path"], place["line"]) for place in f.get("places", [])}
        # The copy flagged (against its original, or a closer twin of it), or the original against the copy.
        hits = {pl for pl in pairs if (pl[2], pl[3]) in mine or ((pl[0], pl[1]) in mine and them == (pl[2], pl[3]))}
        if hits:
            found |= hits
        else:
            other += 1
    return found, other


def evaluate(source: Path, plants: int, seed: int, check_with: list[Path] = (), keep: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        repo = (keep if keep is not None else Path(tmp)) / source.name
        subprocess.run(["git", "clone", "-q", str(source), str(repo)], check=True)
        for key, value in (("user.email", "eval@summarize.invalid"), ("user.name", "eval")):
            git(repo, "config", key, value)
        seen = prose_seen(repo)
        planted = plant(repo, plants, random.Random(seed))
        findings, seconds = run_check(repo)
        others = []
        for tree in check_with:
            other_findings, other_seconds = run_check(repo, tree)
            other_found, other_other = score(other_findings, planted)
            others.append({"tree": str(tree), "found": len(other_found), "other": other_other, "seconds": other_seconds,
                           "missed": sorted({tuple(p) for p in planted} - other_found)})
    found, other = score(findings, planted)
    return {"repo": source.name, "planted": len(planted), "found": len(found),
            "recall": len(found) / len(planted) if planted else float("nan"), "other": other, "seconds": seconds, **seen,
            "missed": sorted({tuple(p) for p in planted} - found), "check_with": others}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--plants", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check-with", action="append", type=Path, default=[], metavar="DIR",
                        help="also run the check of this source tree on the same planted clone (repeatable)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the planted pairs not found")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="plant in DIR/<repository name> (a new folder) and keep it, to look into the misses")
    args = parser.parse_args(argv)
    print(f"{'repository':24} {'planted':>7} {'found':>6} {'recall':>7} {'other findings':>15} {'check s':>8} "
          f"{'paragraphs':>10} {'prose lines':>11} {'md paragraphs':>13} {'md lines':>9}")
    for repo in args.repos:
        r = evaluate(repo.resolve(), args.plants, args.seed, [t.resolve() for t in args.check_with],
                     args.keep.resolve() if args.keep else None)
        print(f"{r['repo']:24} {r['planted']:7d} {r['found']:6d} {r['recall']:7.3f} {r['other']:15d} "
              f"{r['seconds']:8.2f} {r['paragraphs']:10d} {r['lines']:11d} {r['md_paragraphs']:13d} {r['md_lines']:9d}")
        if args.verbose:
            for miss in r["missed"]:
                print("  missed: %s:%d -> %s:%d" % miss)
        for o in r["check_with"]:
            recall = o["found"] / r["planted"] if r["planted"] else float("nan")
            print(f"{'  checked with ' + Path(o['tree']).name:24} {r['planted']:7d} {o['found']:6d} {recall:7.3f} "
                  f"{o['other']:15d} {o['seconds']:8.2f}")
            if args.verbose:
                for miss in o["missed"]:
                    print("  missed: %s:%d -> %s:%d" % miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
