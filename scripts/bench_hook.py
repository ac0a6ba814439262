"""What the pre-commit hook costs a user: install size, packages and first-run time.

For a commit of this repository (default: HEAD), in a fresh temporary folder:
1. ``python -m venv`` + ``pip install <a clone at that commit>``: the core install's size (``du``)
   and number of packages (``pip list``, pip and setuptools included);
2. the real pre-commit client with a fresh ``PRE_COMMIT_HOME`` on a copy of the test blog
   (tests/fixtures/check/blog) whose ``.pre-commit-config.yaml`` points at that commit: the first
   run (environment build + check) and a second run (check only), and the hook environment's size.

pip's download cache is shared with the user's (run once before measuring to warm it; both figures
then measure installing, not downloading).

    python scripts/bench_hook.py                 # HEAD
    python scripts/bench_hook.py --rev 76f7589   # an older commit, to compare
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@summarize.invalid"]


def du_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 1024


def packages(venv: Path) -> int:
    out = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
                         capture_output=True, text=True, check=True).stdout
    return len(out.split())


def timed(cmd: list[str], check: bool = True, **kw) -> float:
    """Seconds ``cmd`` took (a hook that finds repeats exits 1: still a run, so ``check=False`` for it)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    if check and proc.returncode:
        sys.exit(f"bench_hook: {' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="HEAD", help="commit of this repository to measure (default HEAD)")
    args = parser.parse_args()
    rev = subprocess.run(["git", "rev-parse", args.rev], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="bench-hook-") as tmp:
        tmp = Path(tmp)
        src = tmp / "src"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(src)], check=True)
        subprocess.run(["git", "checkout", "-q", rev], cwd=src, check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
        env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
                   PRE_COMMIT_COLOR="never")

        venv = tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        install = timed([str(venv / "bin" / "pip"), "install", "-q", str(src)], env=env)
        print(f"pip install . : {du_mb(venv):.0f} MB, {packages(venv)} packages, {install:.1f} s")

        blog = tmp / "blog"
        shutil.copytree(ROOT / "tests" / "fixtures" / "check" / "blog", blog)
        (blog / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {src}\n    rev: {rev}\n    hooks:\n      - id: summarize-check\n")
        subprocess.run(["git", "init", "-q"], cwd=blog, check=True)
        subprocess.run(["git", "add", "-A"], cwd=blog, check=True)
        subprocess.run([*GIT, "commit", "-qm", "blog"], cwd=blog, check=True)
        hook = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
        first = timed(hook, check=False, cwd=blog, env=env)
        second = timed(hook, check=False, cwd=blog, env=env)
        [hook_env] = (tmp / "pre-commit-home").glob("repo*/py_env-*")
        print(f"pre-commit hook: first run {first:.1f} s (environment {du_mb(hook_env):.0f} MB, "
              f"{packages(hook_env)} packages), second run {second:.1f} s")


if __name__ == "__main__":
    main()
