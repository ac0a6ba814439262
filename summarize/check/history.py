"""When each file entered the repository: which side of a repeat is the copy.

Of two repeating paragraphs in files that are both checked, the original is the one
whose file was added first (``git log`` once over the whole history, renames
followed, cached in ``.git`` by commit so later runs read only the new commits).
A file git has not committed yet is the newest of all.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

CACHE_NAME = "summarize-file-ages.json"
NEWEST = float("inf")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, capture_output=True)


def file_ages(root: Path) -> dict[str, float]:
    """Repository path -> the number, in history order, of the commit that added it (commits made
    in the same second are still ordered); empty when git cannot tell."""
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    if head.returncode != 0:
        return {}
    head_sha = head.stdout.decode().strip()
    cache = _cache_path(root)
    cached = _read_cache(cache)
    if cached and cached.get("head") == head_sha:
        return cached["ages"]
    ages: dict[str, float] = {}
    revs, commits = ["HEAD"], 0
    if cached and _git(root, "merge-base", "--is-ancestor", cached["head"], head_sha).returncode == 0:
        ages = dict(cached["ages"])
        revs, commits = [f"{cached['head']}..HEAD"], int(cached.get("commits", 0))
    log = _git(root, "log", "--reverse", "-M", "--name-status", "--format=format:@", *revs)
    if log.returncode != 0:
        return {}
    commits = _read_log(log.stdout.decode("utf-8", "surrogateescape"), ages, commits)
    if cache is not None:
        try:
            cache.write_text(json.dumps({"head": head_sha, "commits": commits, "ages": ages}), encoding="utf-8")
        except OSError:
            pass  # a read-only .git only costs the next run the same log pass
    return ages


def _read_log(text: str, ages: dict[str, float], commits: int) -> int:
    """Record the files each commit adds (oldest commit first); return the number of commits so far."""
    when = commits
    for line in text.splitlines():
        if line == "@":
            commits += 1
            when = commits
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        status = fields[0][:1]
        if status == "A":
            ages.setdefault(fields[1], when)
        elif status in "RC" and len(fields) == 3:
            ages.setdefault(fields[2], ages.get(fields[1], when))
    return commits


def _cache_path(root: Path) -> Path | None:
    proc = _git(root, "rev-parse", "--git-path", CACHE_NAME)
    if proc.returncode != 0:
        return None
    path = Path(proc.stdout.decode().strip())
    return path if path.is_absolute() else root / path


def _read_cache(path: Path | None) -> dict | None:
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and isinstance(data.get("head"), str) and isinstance(data.get("ages"), dict):
        return data
    return None
