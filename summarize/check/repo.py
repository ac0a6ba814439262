"""The repository around the checked files: its root and its tracked content files.

pre-commit passes only the staged files; a repeat of a paragraph that lives in
another, unchanged file must still be found, so the check reads every tracked
content file (``git ls-files``) as context.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from summarize.errors import SummarizeError


def git_root(start: Path) -> Path | None:
    """The top of the git work tree containing ``start``, or None (not a repository, or no git)."""
    try:
        proc = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=start, capture_output=True, text=True)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.strip()).resolve()


def tracked_files(root: Path) -> list[str]:
    """Regular files in git's index (tracked or staged), as POSIX paths relative to ``root``.

    Symbolic links and submodules are left out: a link would make its target's
    paragraphs appear twice. So is a file deleted from the work tree but not yet
    with ``git rm``: there is nothing left to read (and nothing to flag).
    """
    proc = subprocess.run(["git", "ls-files", "-z", "--cached", "--stage"], cwd=root, capture_output=True)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SummarizeError(f"git ls-files failed in {root}: {message[-1] if message else proc.returncode}")
    names = set()
    for entry in proc.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, name = entry.partition("\t")
        if meta.startswith(("100644", "100755")) and (root / name).is_file():
            names.add(name)
    return sorted(names)


def relative_to(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` in POSIX form, or None when it lies outside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def display_path(path: Path, cwd: Path) -> str:
    """How a finding names a file: relative to the working directory when that is shorter."""
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)
    return Path(rel).as_posix() if len(rel) <= len(str(path)) else str(path)
