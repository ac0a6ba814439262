"""A temporary content repository for the check tests: the fixture blog, committed to git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "summarize tests", "GIT_AUTHOR_EMAIL": "tests@summarize.invalid",
    "GIT_COMMITTER_NAME": "summarize tests", "GIT_COMMITTER_EMAIL": "tests@summarize.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}

# business/001's second paragraph with light edits: two words changed, one hyphenated, one replaced.
EDITED_REPEAT = (
    "The firm, which is now one of the biggest investors in Google, gained from sales of high-speed "
    "internet connections and higher advertising sales. TimeWarner said fourth-quarter sales rose 2% to "
    "$11.1bn from $10.9bn. Its profits were buoyed by one-off gains which offset a profit dip at Warner "
    "Bros, and fewer users for AOL."
)

NEW_POST = f"""---
title: "Media giants and the web"
date: 2024-04-02
---

# Media giants and the web

Old media companies are still learning how to make money from their websites, and investors are watching closely.

{EDITED_REPEAT}
"""
NEW_POST_REPEAT_LINE = 10


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True)


def make_blog(tmp_path: Path) -> Path:
    """The fixture blog (three posts, no repeats) in a fresh git repository with one commit."""
    repo = tmp_path / "blog"
    shutil.copytree(FIXTURES / "blog", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "three posts")
    return repo
