"""Time ``summarize check`` on generated content repositories of 1,000 and 10,000 Markdown posts.

Each post has YAML front matter, a heading and ~500 words of prose in paragraphs of
3-5 sentences drawn at random from the BBC articles (so paragraphs are realistic
and distinct), plus a fenced code block in every tenth post and a list in every
fifth. One post in fifty repeats a paragraph of an earlier post with light edits
(about one word in twenty changed). The posts are committed to a fresh git
repository in a temporary folder, then the real command runs twice:

- ``all``: ``summarize check`` with no FILE (every tracked post checked), as
  ``pre-commit run --all-files`` would;
- ``staged``: five files passed, the rest of the repository read as context, as on
  an ordinary commit.

    python scripts/bench_check.py [--data ../shared/data] [--sizes 1000 10000] [--repeat 3]

Prints files, paragraphs, repeats found, planted repeats found / planted, the best wall-clock seconds of
``--repeat`` runs of the whole command (interpreter start included) and the
check's own time as reported by ``--stats``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_sentences(data: Path) -> list[str]:
    from summarize.split import split_sentences

    sentences = []
    with open(data / "bbc_news_summary.jsonl", encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line)["text"].split("\n\n"):
                sentences.extend(" ".join(s.split()) for s in split_sentences(para) if len(s.split()) >= 6)
    return sorted(set(sentences))


def light_edit(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 20)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(("new", "local", "recent", "said", "also", "major"))
    return " ".join(words)


def make_repo(folder: Path, n: int, sentences: list[str], rng: random.Random) -> set[str]:
    """Write ``n`` posts and commit them; returns the planted repeats as ``path:line``."""
    posts = folder / "content" / "posts"
    posts.mkdir(parents=True)
    bodies: list[list[str]] = []
    planted: set[str] = set()
    planted_para: dict[int, str] = {}
    for k in range(n):
        paragraphs, words = [], 0
        while words < 500:
            para = " ".join(rng.sample(sentences, rng.randint(3, 5)))
            paragraphs.append(para)
            words += len(para.split())
        if k > 0 and k % 50 == 0:
            source = bodies[rng.randrange(len(bodies))]
            copy = light_edit(rng.choice(source), rng)
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), copy)
            planted_para[k] = copy
        bodies.append(paragraphs)
        lines = ["---", f'title: "Post {k}"', f"date: 2024-01-{k % 28 + 1:02d}", "tags: [news]", "---", "", f"# Post {k}", ""]
        for j, para in enumerate(paragraphs):
            if planted_para.get(k) is para:
                planted.add(f"content/posts/{k // 1000:02d}/post-{k:05d}.md:{len(lines) + 1}")
            lines += [para, ""]
            if j == 1 and k % 10 == 0:
                lines += ["```python", "print('hello world from a code block that is not prose')", "```", ""]
            if j == 2 and k % 5 == 0:
                lines += ["- the first point of a short list", "- the second point of it", ""]
        (posts / f"{k // 1000:02d}" / f"post-{k:05d}.md").parent.mkdir(exist_ok=True)
        (posts / f"{k // 1000:02d}" / f"post-{k:05d}.md").write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "."], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "posts"], cwd=folder, check=True, env=env)
    return planted


def run(folder: Path, files: list[str]) -> tuple[float, str, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "summarize", "check", "--stats", *files], cwd=folder,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"summarize check failed ({proc.returncode}): {proc.stderr}")
    return elapsed, proc.stdout, proc.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest is shown")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sentences = load_sentences(args.data)
    print(f"{len(sentences)} distinct BBC sentences; python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"{'posts':>6} {'mode':>7} {'wall s':>7} {'check s':>8} {'paragraphs':>10} {'repeats':>8} {'planted found':>14}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
            folder = Path(tmp)
            planted = make_repo(folder, n, sentences, rng)
            tracked = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.md"))
            for mode, files in (("all", []), ("staged", rng.sample(tracked, 5))):
                runs = [run(folder, files) for _ in range(args.repeat)]
                elapsed, out, err = min(runs, key=lambda r: r[0])
                stats = re.search(r"(\d+) files, (\d+) paragraphs.* in ([\d.]+)s", err)
                paragraphs, own = (stats.group(2), float(stats.group(3))) if stats else ("?", float("nan"))
                flagged = {line.split(": ", 1)[0].rsplit(":", 1)[0] for line in out.splitlines()}
                recall = f"{len(planted & flagged)}/{len(planted)}" if mode == "all" else "-"
                print(f"{n:>6} {mode:>7} {elapsed:>7.2f} {own:>8.2f} {paragraphs:>10} {len(out.splitlines()):>8} "
                      f"{recall:>14}", flush=True)


if __name__ == "__main__":
    main()
