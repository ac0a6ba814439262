"""``summarize check`` end to end: the real command on real git repositories of Markdown posts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from check_repo import EDITED_REPEAT, FIXTURES, NEW_POST, NEW_POST_REPEAT_LINE, git, make_blog
from conftest import run_cli

FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>SUM00[12]) paragraph repeats "
                     r"(?P<other>[^:]+):(?P<other_line>\d+) \(similarity (?P<sim>[01]\.\d\d)\)$")
TIME_WARNER = "content/posts/2024-01-time-warner.md"
MEDIA = "content/posts/2024-04-media.md"


def findings(proc) -> list[dict]:
    out = []
    for line in proc.stdout_text.splitlines():
        m = FINDING.match(line)
        assert m, f"not a finding line: {line!r}"
        out.append(m.groupdict())
    return out


@pytest.fixture
def blog(tmp_path) -> Path:
    return make_blog(tmp_path)


def add_post(repo: Path, name: str, text: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name)


def test_clean_repository_passes(blog):
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text == ""


def test_staged_post_repeating_an_old_post_with_light_edits_is_flagged(blog):
    add_post(blog, MEDIA, NEW_POST)
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 1
    [f] = findings(proc)
    assert (f["path"], int(f["line"]), int(f["col"]), f["code"]) == (MEDIA, NEW_POST_REPEAT_LINE, 1, "SUM001")
    assert (f["other"], int(f["other_line"])) == (TIME_WARNER, 11)
    assert 0.5 <= float(f["sim"]) < 1.0
    assert "1 repeated paragraph(s) in 1 file(s)" in proc.stderr_text


def test_verbatim_copy_scores_one(blog):
    original = (blog / TIME_WARNER).read_text().split("\n\n")[3]
    add_post(blog, MEDIA, f"# Copy\n\n{original}\n")
    [f] = findings(run_cli("check", MEDIA, cwd=blog))
    assert (f["line"], f["other"], f["other_line"], f["sim"]) == ("3", TIME_WARNER, "11", "1.00")


def test_only_pairs_touching_the_passed_files_are_reported(blog):
    add_post(blog, MEDIA, NEW_POST)
    proc = run_cli("check", "content/posts/2024-02-yukos.md", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == ""


def test_the_passed_side_is_flagged_even_when_it_comes_first(blog):
    # The staged post sorts before the old one it copies: it is still the one reported.
    early = "content/posts/2023-12-media.md"
    add_post(blog, early, NEW_POST)
    [f] = findings(run_cli("check", early, cwd=blog))
    assert (f["path"], f["line"], f["other"], f["other_line"]) == (early, str(NEW_POST_REPEAT_LINE), TIME_WARNER, "11")
    # With every file checked, the file that entered the repository later is the copy: here the
    # uncommitted post, although its path sorts first.
    [f] = findings(run_cli("check", cwd=blog))
    assert (f["path"], f["line"], f["other"], f["other_line"]) == (early, str(NEW_POST_REPEAT_LINE), TIME_WARNER, "11")


def test_the_file_committed_later_is_the_copy_whatever_its_path(blog):
    early = "content/posts/2023-12-media.md"
    add_post(blog, early, NEW_POST)
    git(blog, "add", early)
    git(blog, "commit", "-q", "-m", "a later post whose path sorts first")
    [f] = findings(run_cli("check", cwd=blog))
    assert (f["path"], f["other"]) == (early, TIME_WARNER)
    # The file ages are cached in .git for the next run, which gives the same answer.
    assert list((blog / ".git").glob("summarize-file-ages.json"))
    [again] = findings(run_cli("check", cwd=blog))
    assert (again["path"], again["other"]) == (early, TIME_WARNER)


def test_repeat_inside_one_file_is_sum002(blog):
    text = (blog / TIME_WARNER).read_text() + "\n" + EDITED_REPEAT + "\n"
    (blog / TIME_WARNER).write_text(text)
    last_line = text.count("\n")
    proc = run_cli("check", TIME_WARNER, cwd=blog)
    [f] = findings(proc)
    assert (f["path"], int(f["line"]), f["code"], f["other"], f["other_line"]) == (TIME_WARNER, last_line, "SUM002", TIME_WARNER, "11")


def test_non_prose_copies_are_never_flagged(blog):
    para = (blog / TIME_WARNER).read_text().split("\n\n")[3].replace("\n", " ")
    add_post(blog, MEDIA, f"""---
title: "Copies everywhere"
summary: "{para}"
---

# {para}

```
{para}
```

    {para}

| quote |
|-------|
| {para} |

[ref]: https://example.org "{para}"

<!-- {para} -->

<pre>
{para}
</pre>

A paragraph of its own, written for this post only, long enough to be checked here.
""")
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 0, proc.stdout_text
    assert proc.stdout_text == ""


def test_ignore_comment_suppresses_the_next_paragraph(blog):
    add_post(blog, MEDIA, NEW_POST.replace(EDITED_REPEAT, "<!-- summarize: ignore -->\n" + EDITED_REPEAT))
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0


def test_short_paragraphs_are_boilerplate_until_min_words_says_otherwise(blog):
    line = "Subscribe to our newsletter for the latest news."  # 8 words
    for name in ("content/posts/2024-02-yukos.md", "content/posts/2024-03-suez.md"):
        (blog / name).write_text((blog / name).read_text() + "\n" + line + "\n")
    assert run_cli("check", cwd=blog).returncode == 0
    proc = run_cli("check", "--min-words", "5", cwd=blog)
    assert proc.returncode == 1
    assert [f["path"] for f in findings(proc)] == ["content/posts/2024-03-suez.md"]


def test_config_threshold_exclude_and_per_file_ignores(blog):
    add_post(blog, MEDIA, NEW_POST)
    pyproject = blog / "pyproject.toml"
    pyproject.write_text("[tool.summarize]\nthreshold = 0.9\nedit-ratio = 1.0\n")
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0
    assert run_cli("check", MEDIA, "--threshold", "0.5", cwd=blog).returncode == 1  # the option wins
    pyproject.write_text('[tool.summarize.per-file-ignores]\n"content/posts/2024-04-*" = ["SUM001"]\n')
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0
    pyproject.write_text('[tool.summarize]\nexclude = ["2024-01-*.md"]\n')
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0  # the original is not compared
    pyproject.write_text('[tool.summarize]\nexclude = ["content/"]\n')
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0  # the passed file itself is excluded


def test_baseline_accepts_existing_repeats_and_fails_new_ones(blog):
    add_post(blog, MEDIA, NEW_POST)
    proc = run_cli("check", "--write-baseline", cwd=blog)
    assert proc.returncode == 0, proc.stderr_text
    data = json.loads((blog / ".summarize-baseline.json").read_text())
    assert [(e["path"], e["code"], e["line"]) for e in data["findings"]] == [(MEDIA, "SUM001", NEW_POST_REPEAT_LINE)]
    assert run_cli("check", "--baseline", ".summarize-baseline.json", cwd=blog).returncode == 0
    assert run_cli("check", MEDIA, cwd=blog).returncode == 1  # no baseline named: it fails
    (blog / "pyproject.toml").write_text('[tool.summarize]\nbaseline = ".summarize-baseline.json"\n')
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0
    # Moving the accepted paragraph down does not resurrect it; a new repeat fails.
    moved = NEW_POST.replace("# Media giants", "Another opening line of this post, written later on.\n\n# Media giants")
    suez = (blog / "content/posts/2024-03-suez.md").read_text().split("\n\n")[3]
    (blog / MEDIA).write_text(moved + "\n" + suez + "\n")
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 1
    [f] = findings(proc)
    assert f["other"] == "content/posts/2024-03-suez.md"


def test_write_baseline_keeps_entries_of_files_not_checked(blog):
    add_post(blog, MEDIA, NEW_POST)
    run_cli("check", "--write-baseline", cwd=blog)
    proc = run_cli("check", "--write-baseline", "content/posts/2024-02-yukos.md", cwd=blog)
    assert proc.returncode == 0
    data = json.loads((blog / ".summarize-baseline.json").read_text())
    assert [e["path"] for e in data["findings"]] == [MEDIA]


def test_rst_html_and_text_files_take_part(blog):
    for name in ("guide.rst", "page.html", "notes.txt"):
        shutil.copy(FIXTURES / name, blog / name)
        git(blog, "add", name)
    suez = (blog / "content/posts/2024-03-suez.md").read_text().split("\n\n")[2]
    assert suez.startswith("A conflict between the Argentine State")  # page.html's first paragraph
    proc = run_cli("check", "page.html", cwd=blog)
    [f] = findings(proc)
    assert (f["path"], f["line"], f["col"], f["other"]) == ("page.html", "10", "6", "content/posts/2024-03-suez.md")


def test_runs_from_a_subfolder_with_paths_relative_to_it(blog):
    add_post(blog, MEDIA, NEW_POST)
    proc = run_cli("check", "2024-04-media.md", cwd=blog / "content" / "posts")
    [f] = findings(proc)
    assert (f["path"], f["other"]) == ("2024-04-media.md", "2024-01-time-warner.md")


def test_outside_git_compares_the_given_files(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\n" + EDITED_REPEAT + "\n")
    (tmp_path / "b.txt").write_text("Intro line of the second file that is long enough.\n\n" + EDITED_REPEAT + "\n")
    proc = run_cli("check", "a.md", "b.txt", cwd=tmp_path)
    assert [(f["path"], f["line"], f["other"]) for f in findings(proc)] == [("b.txt", "3", "a.md")]
    proc = run_cli("check", str(tmp_path), cwd=tmp_path)  # a folder is walked
    assert proc.returncode == 1
    proc = run_cli("check", cwd=tmp_path)
    assert proc.returncode == 2 and "not inside a git repository" in proc.stderr_text


def test_files_only_skips_the_rest_of_the_repository(blog):
    add_post(blog, MEDIA, NEW_POST)
    assert run_cli("check", "--files-only", MEDIA, cwd=blog).returncode == 0
    assert run_cli("check", "--files-only", MEDIA, TIME_WARNER, cwd=blog).returncode == 1


@pytest.mark.parametrize("setup, args, message", [
    (None, ["missing.md"], "missing.md: no such file or folder"),
    ("[tool.summarize]\nthreshold = 3\n", [], "threshold must be a number in (0, 1]"),
    ("[tool.summarize\n", [], "invalid TOML"),
    (None, ["--baseline", "nope.json"], "baseline not found"),
    (None, ["--config", "nope.toml"], "nope.toml: no such config file"),
])
def test_errors_exit_2_with_one_line(blog, setup, args, message):
    if setup:
        (blog / "pyproject.toml").write_text(setup)
    proc = run_cli("check", *args, cwd=blog)
    assert proc.returncode == 2
    assert proc.stderr_text.startswith("summarize: ") and message in proc.stderr_text
    assert "Traceback" not in proc.stderr_text and proc.stdout_text == ""


def test_binary_file_passed_is_passed_over_with_a_note(blog):
    # An image saved under a content name holds no prose: a note, not a failure of every commit.
    (blog / "bad.txt").write_bytes(b"\x00\x01binary")
    proc = run_cli("check", "bad.txt", cwd=blog)
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stderr_text == "summarize: bad.txt: not checked: binary file (binary data), not text\n"


def test_a_missing_file_is_skipped_and_the_others_checked(blog):
    add_post(blog, MEDIA, NEW_POST)
    proc = run_cli("check", "nope.md", MEDIA, "--errors", "errors.jsonl", cwd=blog)
    assert proc.returncode == 3, proc.stderr_text  # 3 wins over 1 (the repeat is still reported)
    assert "SUM001" in proc.stdout_text
    assert "summarize: skipped nope.md: no such file or folder" in proc.stderr_text
    assert json.loads((blog / "errors.jsonl").read_text()) == {"input": "nope.md", "reason": "no such file or folder"}
    assert run_cli("check", "nope.md", MEDIA, "--strict", cwd=blog).returncode == 2


def test_help_documents_the_codes():
    proc = run_cli("check", "--help")
    assert proc.returncode == 0
    for needle in ("SUM001", "SUM002", "summarize: ignore", "--write-baseline", "--baseline", "Exit status"):
        assert needle in proc.stdout_text


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["check", "CHECKED"]])
def test_no_torch_or_transformers_imported(blog, args):
    add_post(blog, MEDIA, NEW_POST)
    args = [MEDIA if a == "CHECKED" else a for a in args]
    import subprocess
    import sys

    code = ("import sys, runpy; sys.argv = ['summarize', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('summarize', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers', 'sentence_transformers'))\n"
            "sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')\n")
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=blog, capture_output=True, text=True)
    assert "HEAVY=\n" in proc.stderr, proc.stderr[-2000:]


def test_untracked_files_are_not_context(blog):
    (blog / "draft.md").write_text("# Draft\n\n" + EDITED_REPEAT + "\n")  # never git-added
    add_post(blog, MEDIA, "# Media\n\n" + EDITED_REPEAT + "\n")
    [f] = findings(run_cli("check", MEDIA, cwd=blog))
    assert f["other"] == TIME_WARNER  # not draft.md
    (blog / "content/posts/notes.md").write_text("# Notes\n\nA fresh paragraph that repeats nothing anywhere in the blog at all.\n")
    assert run_cli("check", "content/posts/notes.md", cwd=blog).returncode == 0


def test_a_tracked_file_deleted_from_the_work_tree_is_skipped(blog):
    """``rm post.md`` without ``git rm``: a whole-repository check has nothing of it to read."""
    tracked = sorted(p for p in (blog / "content/posts").glob("*.md"))
    tracked[0].unlink()
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0, proc.stderr_text
    assert "cannot read" not in proc.stderr_text


def test_a_baselined_repeat_is_accepted_whichever_side_is_checked(blog):
    """A whole-repository run reports the later post; pre-commit on a staged typo fix in the
    original reports the original. Both are the same accepted repeat."""
    add_post(blog, MEDIA, NEW_POST)
    git(blog, "commit", "-qm", "media post")
    (blog / "pyproject.toml").write_text('[tool.summarize]\nbaseline = ".summarize-baseline.json"\n')
    assert run_cli("check", "--write-baseline", cwd=blog).returncode == 0
    original = blog / "content/posts/2024-01-time-warner.md"
    original.write_text(original.read_text() + "\nA typo fix adds this new and quite unique closing sentence here.\n")
    git(blog, "add", "content/posts/2024-01-time-warner.md")
    proc = run_cli("check", "content/posts/2024-01-time-warner.md", cwd=blog)
    assert proc.returncode == 0, proc.stdout_text + proc.stderr_text
    assert run_cli("check", cwd=blog).returncode == 0
    # A repeat of another paragraph of the original is still new.
    suez = (blog / "content/posts/2024-03-suez.md").read_text().split("\n\n")[3]
    original.write_text(original.read_text() + "\n" + suez + "\n")
    assert run_cli("check", "content/posts/2024-01-time-warner.md", cwd=blog).returncode == 1


LICENCE = ("This article is published under the Creative Commons Attribution licence: you may copy, "
           "share and adapt it for any purpose, provided that you credit the original authors and link to it.")


def json_findings(proc) -> list[dict]:
    return json.loads(proc.stdout_text)


def test_boilerplate_is_one_notice_and_one_allow_line_accepts_it(blog):
    for i in range(6):
        add_post(blog, f"content/posts/2024-0{i + 1}-note-{i}.md", f"# Note {i}\n\nNote number {i} of the series.\n\n"
                 f"{LICENCE}\n")
    proc = run_cli("check", "--format", "json", cwd=blog)
    assert proc.returncode == 1
    [notice] = json_findings(proc)
    assert notice["code"] == "SUM004" and notice["files"] == 6
    # where it stands, oldest first: every copy, so a tool (or an editor) can find them all
    assert notice["places"] == [{"path": f"content/posts/2024-0{i + 1}-note-{i}.md", "line": 5} for i in range(6)]
    assert 'allow = ["content/posts/2024-01-note-0.md"]' in notice["message"]
    (blog / "summarize.toml").write_text('allow = ["content/posts/2024-01-note-0.md"]\n')
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == ""
    # Below boilerplate-files the repeats are ordinary findings, one per copy.
    (blog / "summarize.toml").write_text("boilerplate-files = 7\n")
    proc = run_cli("check", "--format", "json", cwd=blog)
    assert sorted(f["code"] for f in json_findings(proc)) == ["SUM001"] * 5


def test_translations_are_compared_within_their_language(blog):
    post = (blog / TIME_WARNER).read_text()
    for lang in ("de", "fr"):
        add_post(blog, f"content/posts/{lang}/2024-01-time-warner.md", post)  # left untranslated
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == ""
    proc = run_cli("check", "--extend-select", "SUM003", "--format", "json", cwd=blog)
    got = json_findings(proc)
    assert got and {f["code"] for f in got} == {"SUM003"}
    assert {f["path"].split("/")[2] for f in got} == {"de", "fr"}  # the translation is the copy


def test_github_format_and_statistics(blog):
    add_post(blog, MEDIA, NEW_POST)
    proc = run_cli("check", MEDIA, "--format", "github", cwd=blog)
    assert proc.returncode == 1
    assert re.fullmatch(rf"::error file={MEDIA},line={NEW_POST_REPEAT_LINE},col=1,title=SUM001::paragraph repeats "
                        rf"{TIME_WARNER}:11 \(similarity 0\.\d\d\)\n", proc.stdout_text)
    proc = run_cli("check", MEDIA, "--statistics", cwd=blog)
    assert proc.stdout_text.split() == ["1", "SUM001"]
    proc = run_cli("check", MEDIA, "--ignore", "SUM001", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == ""
    proc = run_cli("check", MEDIA, "--select", "SUM009", cwd=blog)
    assert proc.returncode == 2 and "SUM009" in proc.stderr_text


def test_vendored_folders_are_not_read(blog):
    post = (blog / TIME_WARNER).read_text()
    add_post(blog, "node_modules/pkg/README.md", post)
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == ""


def test_template_made_paragraphs_that_differ_in_their_names_are_not_repeats(blog):
    template = ("{os} includes Hugo in its package repository, and the package tracks the latest release of the "
                "extended edition closely, so installing it there is one command.")
    add_post(blog, "content/posts/netbsd.md", "# NetBSD\n\n" + template.format(os="NetBSD") + "\n")
    add_post(blog, "content/posts/freebsd.md", "# FreeBSD\n\n" + template.format(os="FreeBSD") + "\n")
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == ""
    # An ordinary word changed besides the name: an edited copy, still a repeat.
    edited = template.format(os="OpenBSD").replace("closely", "carefully")
    add_post(blog, "content/posts/openbsd.md", "# OpenBSD\n\n" + edited + "\n")
    assert run_cli("check", cwd=blog).returncode == 1


def test_entries_for_other_terms_and_parallel_lines_of_one_file_are_not_repeats(blog):
    reference = "\n\n".join([
        "# Events",
        "* `onAnimationStart`: An `AnimationEvent` handler function that the element calls when a CSS animation "
        "on it starts to run in the browser.",
        "* `onAnimationEnd`: An `AnimationEvent` handler function that the element calls when a CSS animation "
        "on it completes its run in the browser.",
        "This example shows some of the common mouse events of the element and the order in which they fire.",
        "Mouse events come first in the list below, and their handlers take the same arguments as the others.",
        "This example shows some of the common pointer events of the element and the order in which they fire.",
    ]) + "\n"
    add_post(blog, "content/posts/events.md", reference)
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == "", proc.stdout_text
    # a line given again in the same file with a word added is a copy, still reported
    add_post(blog, "content/posts/events.md", reference + "\nThis example shows some of the common mouse events of the "
             "element and the exact order in which they fire.\n")
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 1 and "SUM002" in proc.stdout_text


def test_the_selected_code_is_reported_when_an_unselected_one_is_closer(blog):
    post = (blog / TIME_WARNER).read_text()
    add_post(blog, "content/posts/de/2024-01-time-warner.md", post)  # untranslated, SUM003, off
    add_post(blog, "content/posts/fr/2024-01-time-warner.md", post)
    add_post(blog, "content/posts/de/copy.md", post)  # a repeat within German: SUM001
    proc = run_cli("check", "--format", "json", cwd=blog)
    assert {f["code"] for f in json_findings(proc)} == {"SUM001"}


def test_a_copied_passage_is_one_finding_and_a_separate_repeat_another(blog):
    """Three paragraphs copied in a row are one finding (a passage, its lines in the JSON); a
    paragraph of our own between two repeats keeps them apart."""
    original = (blog / TIME_WARNER).read_text().split("\n\n")
    yukos = (blog / "content/posts/2024-02-yukos.md").read_text().split("\n\n")
    own = "Our own view of the matter, written for this post alone, with nothing borrowed from anywhere else at all."
    text = "\n\n".join(["# Round-up", *original[2:5], own, yukos[2]]) + "\n"
    add_post(blog, MEDIA, text)
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 1
    lines = proc.stdout_text.splitlines()
    assert len(lines) == 2, lines
    assert re.match(rf"^{MEDIA}:3:1: SUM001 passage repeats {TIME_WARNER}:\d+-\d+: 3 paragraphs, lines 3-7 ", lines[0])
    assert re.match(rf"^{MEDIA}:11:1: SUM001 paragraph repeats content/posts/2024-02-yukos.md:\d+ ", lines[1])
    assert "summarize: 2 finding(s), 4 repeated paragraph(s), in 1 file(s)" in proc.stderr_text
    records = json.loads(run_cli("check", MEDIA, "--format", "json", cwd=blog).stdout_text)
    assert [r["line"] for r in records] == [3, 11]
    assert records[0]["passage_lines"] == [5, 7] and "passage_lines" not in records[1]
    github = run_cli("check", MEDIA, "--format", "github", cwd=blog).stdout_text.splitlines()
    assert github[0].startswith(f"::error file={MEDIA},line=3,endLine=7,col=1,title=SUM001::")


def test_a_word_that_names_its_own_page_is_a_key_name(blog):
    """Reference pages made from one template say their own subject where they differ
    (tables.md: "the table", blockquotes.md: "the blockquote"); the same one-word change in a
    page about something else is an edited copy, still a repeat."""
    template = ("The position of the {what} within the page content, counted from the top of the rendered page, "
                "which render hooks receive along with the attributes and the inner text.")
    add_post(blog, "content/hooks/tables.md", "# Tables\n\n" + template.format(what="table") + "\n")
    add_post(blog, "content/hooks/blockquotes.md", "# Blockquotes\n\n" + template.format(what="blockquote") + "\n")
    add_post(blog, "content/hooks/images/index.md", "# Images\n\n" + template.format(what="image") + "\n")
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == "", proc.stdout_text
    add_post(blog, "content/hooks/links.md", "# Links\n\n" + template.format(what="paragraph") + "\n")
    proc = run_cli("check", "content/hooks/links.md", cwd=blog)
    assert proc.returncode == 1 and "content/hooks/links.md:3:1: SUM001" in proc.stdout_text


def test_a_typo_fix_inside_an_accepted_paragraph_stays_accepted(blog):
    """Baselines match by similarity: an edit that leaves the paragraph a near repeat of the accepted
    one (either side of the pair) stays accepted; a different paragraph in its place does not."""
    add_post(blog, MEDIA, NEW_POST)
    git(blog, "commit", "-qm", "media post")
    (blog / "summarize.toml").write_text('baseline = ".summarize-baseline.json"\n')
    assert run_cli("check", "--write-baseline", cwd=blog).returncode == 0
    [entry] = json.loads((blog / ".summarize-baseline.json").read_text())["findings"]
    assert len(entry["sketch"]) == len(entry["other_sketch"]) == 256
    assert entry["sketch"] != entry["other_sketch"]  # the copy is an edited one

    (blog / MEDIA).write_text(NEW_POST.replace("gained from sales", "gained from the sales"))  # the copy's typo fix
    git(blog, "add", MEDIA)
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 0, proc.stdout_text + proc.stderr_text
    original = blog / TIME_WARNER
    text = original.read_text()
    original.write_text(text.replace("and less users for AOL", "and fewer users for AOL"))  # the original's
    git(blog, "add", TIME_WARNER)
    for args in ([TIME_WARNER], [MEDIA], []):  # whichever side is checked, or the whole repository
        proc = run_cli("check", *args, cwd=blog)
        assert proc.returncode == 0, (args, proc.stdout_text + proc.stderr_text)

    # A different paragraph of the original, copied in place of the accepted one, is a new repeat.
    other = text.split("\n\n")[4]
    (blog / MEDIA).write_text(NEW_POST.replace(EDITED_REPEAT, other))
    git(blog, "add", MEDIA)
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 1
    assert [f["other"] for f in findings(proc)] == [TIME_WARNER]
    # Each entry accepts one finding: the accepted paragraph and a second edited copy of it.
    (blog / MEDIA).write_text(NEW_POST + "\n" + EDITED_REPEAT.replace("one-off gains", "one-time gains") + "\n")
    git(blog, "add", MEDIA)
    assert len(findings(run_cli("check", MEDIA, cwd=blog))) == 1


def test_a_baseline_without_sketches_matches_exactly_and_a_bad_sketch_is_one_line(blog):
    add_post(blog, MEDIA, NEW_POST)
    (blog / "summarize.toml").write_text('baseline = ".summarize-baseline.json"\n')
    assert run_cli("check", "--write-baseline", cwd=blog).returncode == 0
    path = blog / ".summarize-baseline.json"
    data = json.loads(path.read_text())
    for entry in data["findings"]:  # as written before sketches
        del entry["sketch"], entry["other_sketch"]
    path.write_text(json.dumps(data))
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0
    (blog / MEDIA).write_text(NEW_POST.replace("gained from sales", "gained from the sales"))
    assert run_cli("check", MEDIA, cwd=blog).returncode == 1  # no sketch: exact matches only
    assert run_cli("check", "--write-baseline", cwd=blog).returncode == 0  # rewritten with sketches
    assert "sketch" in json.loads(path.read_text())["findings"][0]

    data["findings"][0]["sketch"] = "not hex"
    path.write_text(json.dumps(data))
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 2
    assert proc.stderr_text.startswith(f"summarize: {path}: malformed baseline entry") or \
        proc.stderr_text.startswith("summarize: .summarize-baseline.json: malformed baseline entry"), proc.stderr_text
    assert len(proc.stderr_text.splitlines()) == 1


def test_an_edited_copy_of_an_allowed_snippet_paragraph_is_accepted(blog):
    snippet = "content/snippets/licence.md"
    add_post(blog, snippet, f"{LICENCE}\n")
    (blog / "summarize.toml").write_text(f'allow = ["{snippet}"]\n')
    add_post(blog, MEDIA, f"# Media\n\nA post of its own about media companies and the web, written for this test.\n\n"
             f"{LICENCE.replace('any purpose', 'every purpose')}\n")
    proc = run_cli("check", MEDIA, cwd=blog)
    assert proc.returncode == 0, proc.stdout_text
    (blog / "summarize.toml").write_text("")
    assert run_cli("check", MEDIA, cwd=blog).returncode == 1  # without allow it is a repeat


def test_short_lines_count_written_words_not_word_pieces(blog):
    # rust-lang's blog: comment headers whose handle and date make ten word pieces from six words
    header = '<a href="https://example.org/issues/263#c{n}">Comment by @m-ou-se posted on 2025-04-23:</a><br>'
    add_post(blog, "content/posts/2025-04-goals.md", "# Goals update\n\n" + "\n\n".join(
        f"{header.format(n=n)}\n\nComment number {n} says something new about goal {n} in its own words today."
        for n in range(3)) + "\n")
    proc = run_cli("check", "--format", "json", "content/posts/2025-04-goals.md", cwd=blog)
    assert proc.returncode == 0, proc.stdout_text
    # ten written words are still checked
    add_post(blog, "content/posts/2025-05-goals.md", "# Goals again\n\n" + "\n\n".join(
        ["Comment by @m-ou-se posted on 2025-04-23 about the async closures goal and its many open questions."] * 2) + "\n")
    assert run_cli("check", "content/posts/2025-05-goals.md", cwd=blog).returncode == 1


def test_a_chain_of_repeats_in_one_file_is_not_a_passage_overlapping_itself(blog):
    # basecamp/handbook: 20 repeats 9, 24 repeats 20 -- was "20: passage repeats :9-20 ... lines 20-24"
    # (the kinds of insurance stand inside the sentence: an opening "Medical" / "Dental" alone would make
    # the paragraphs template variants, each a fact of its own)
    medical = ("In the US, medical insurance is provided through Blue Cross. The company pays 75% of the premium. "
               "Open enrollment is in November every year, with new coverage starting on January 1.")
    dental = ("In the US, dental insurance is provided through MetLife. The company pays 100% of the premium. "
              "Open enrollment is in November every year, with new coverage starting on January 1.")
    add_post(blog, "content/posts/2024-06-perks.md",
             f"# Perks\n\n{medical}\n\n{dental}\n\n{dental.replace('dental', 'vision')}\n")
    proc = run_cli("check", "--format", "json", "content/posts/2024-06-perks.md", cwd=blog)
    findings = json_findings(proc)
    assert proc.returncode == 1 and findings
    for f in findings:
        lines = [f["line"], *f.get("passage_lines", [])]
        assert not (f["other_line"] <= max(lines) and f.get("other_end_line", f["other_line"]) >= min(lines)), f


# A paragraph of the fixture blog's first post (line 11, 54 words), and the same with every eighth
# word replaced: 3-word shingles Jaccard 0.47, under the threshold; 88% of the words in order.
ORIGINAL_LINE_11 = 11


def _replace_words(text: str, every: int) -> str:
    words = text.split()
    return " ".join("banana" if i % every == every // 2 else w for i, w in enumerate(words))


def test_an_edited_copy_in_another_file_is_found_by_its_words_in_order(blog):
    original = (blog / TIME_WARNER).read_text().split("\n\n")[3]
    edited = _replace_words(original, 8)
    assert edited.count("banana") == 7
    add_post(blog, MEDIA, f"# Copy\n\n{edited}\n")
    [f] = findings(run_cli("check", MEDIA, cwd=blog))
    assert (f["code"], f["other"], int(f["other_line"])) == ("SUM001", TIME_WARNER, ORIGINAL_LINE_11)
    assert 0.85 <= float(f["sim"]) < 1.0
    (blog / "summarize.toml").write_text("edit-ratio = 1.0\n")  # the rule off: the shingles alone miss it
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0


def test_an_edited_copy_that_says_not_where_the_original_does_not_is_no_copy(blog):
    original = (blog / TIME_WARNER).read_text().split("\n\n")[3]
    edited = _replace_words(original, 8)
    words = edited.split()
    add_post(blog, MEDIA, "# Copy\n\n" + " ".join(words[:6] + ["not"] + words[6:]) + "\n")
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0


def test_parallel_items_of_one_file_are_not_edited_copies(blog):
    # five words of 39 differ: Jaccard 0.48, 87% of the words in order
    items = ("The input stream that is provided by the web server must support each of the following methods, every "
             "one of them taking the size argument and returning the bytes read from the open client connection "
             "since the request started.",
             "The error stream that is provided by the web server must support each of the following methods, every "
             "one of them taking the message argument and returning the bytes written from the open server "
             "connection since the response started.")
    add_post(blog, MEDIA, f"# Streams\n\n{items[0]}\n\n{items[1]}\n")
    assert run_cli("check", MEDIA, cwd=blog).returncode == 0
    # the same two in two files are an edited copy
    add_post(blog, "content/posts/2024-05-errors.md", f"# Errors\n\n{items[1]}\n")
    add_post(blog, MEDIA, f"# Streams\n\n{items[0]}\n")
    assert run_cli("check", MEDIA, "content/posts/2024-05-errors.md", cwd=blog).returncode == 1


def test_underscore_emphasis_reads_as_plain_words(blog):
    # "_firm_" is the word "firm", as "*firm*" is: the copy with two words emphasised is verbatim
    original = (blog / TIME_WARNER).read_text().split("\n\n")[3]
    words = original.split()
    underscored = " ".join(f"_{w}_" if i in (3, 9, 20) else w for i, w in enumerate(words))
    add_post(blog, MEDIA, f"# Copy\n\n{underscored}\n")
    [f] = findings(run_cli("check", MEDIA, cwd=blog))
    assert (f["other"], int(f["other_line"]), f["sim"]) == (TIME_WARNER, ORIGINAL_LINE_11, "1.00")


ZH = ("这个框架的设计目标是让开发者能够快速地编写高性能的应用程序，同时保持代码简洁易读并且容易维护。"
      "它基于标准的类型提示，编辑器可以提供完整的自动补全和类型检查，从而减少调试所花费的时间。")


def test_a_chinese_paragraph_copied_to_another_file_is_found(blog):
    """Chinese puts no space between words: each ideograph counts as one (the paragraph is long
    enough to check), and an edited copy is found by its characters."""
    add_post(blog, "content/zh/a.md", f"# 简介\n\n{ZH}\n")
    git(blog, "commit", "-qm", "zh")
    edited = ZH.replace("快速地", "迅速地")
    add_post(blog, "content/zh/b.md", f"# 另一页\n\n{edited}\n")
    [f] = findings(run_cli("check", "content/zh/b.md", cwd=blog))
    assert (f["path"], f["other"], f["code"]) == ("content/zh/b.md", "content/zh/a.md", "SUM001")
    assert 0.5 <= float(f["sim"]) < 1.0


def test_hindi_words_keep_their_vowel_signs():
    from summarize.check.prosecache import prose_words

    assert prose_words("आप इस्तेमाल कर सकते हैं।") == ["आप", "इस्तेमाल", "कर", "सकते", "हैं"]
    assert prose_words("これは日本語です。") == ["こ", "れ", "は", "日", "本", "語", "で", "す"]
    assert prose_words("Hello _world_ my_var, naïve café") == ["hello", "world", "my_var", "naïve", "café"]


def test_changelogs_are_not_read_by_default(blog):
    entry = "- Add Chinese translation for `docs/zh/docs/tutorial/sql-databases.md` of the tutorial pages. PR #4999 by @someone."
    other = "- Update Chinese translation for `docs/zh/docs/tutorial/sql-databases.md` of the tutorial pages. PR #11539 by @another."
    add_post(blog, "docs/release-notes.md", f"# Release notes\n\n## 1.1\n\n{other}\n\n## 1.0\n\n{entry}\n")
    add_post(blog, "CHANGELOG.md", f"# Changes\n\n{entry}\n\n{entry}\n")
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0, proc.stdout_text
    assert run_cli("check", "--statistics", cwd=blog).returncode == 0


def test_links_alone_and_html_titles_are_not_prose():
    from summarize.check.markdown import markdown_paragraphs

    doc = (
        "# Goals\n\n"
        "- [Bring the async Rust experience closer to parity with sync Rust](#async)\n"
        "- [Stabilize the next-generation trait solver for the compiler](https://example.org/goals/113)\n\n"
        '<div style="font-weight: bold;">Getting Rust for Linux into stable Rust: language features '
        '<a href="https://example.org/116">(rust-project-goals#116)</a></div>\n\n'
        "<div><p>This is a real paragraph written in raw HTML, with enough words to be prose.</p></div>\n\n"
        "See [the docs](https://example.org) for more about this feature and how it works in practice.\n"
    )
    assert [p.text for p in markdown_paragraphs(doc)] == [
        "This is a real paragraph written in raw HTML, with enough words to be prose.",
        "See the docs for more about this feature and how it works in practice.",
    ]


def test_code_spans_keep_their_angle_brackets_and_braces():
    from summarize.check.markdown import markdown_paragraphs

    [p] = markdown_paragraphs("Return `Box<impl Trait>` or `Vec<u8>` from `regex::{{impl}}::new`, as <b>before</b>.\n")
    assert p.text == "Return `Box<impl Trait>` or `Vec<u8>` from `regex::{{impl}}::new`, as  before ."


def test_boilerplate_first_seen_in_an_ordinary_page_is_accepted_by_a_baseline_not_by_allowing_the_page(blog):
    # PEP 1 holds the copyright paragraph 238 PEPs repeat: allowing PEP 1 would accept all of its own text
    for i in range(6):
        extra = "".join(f"\n\nOwn paragraph {j} of note {i}, about a topic of its own that no other note here discusses "
                        f"at any length or in any detail {i * 10 + j}." for j in range(3)) if i == 0 else ""
        add_post(blog, f"content/posts/2024-0{i + 1}-note-{i}.md", f"# Note {i}\n\nNote number {i} of the series.{extra}\n\n"
                 f"{LICENCE}\n")
    proc = run_cli("check", "--format", "json", cwd=blog)
    [notice] = json_findings(proc)
    assert notice["code"] == "SUM004" and "allow =" not in notice["message"]
    assert "--write-baseline" in notice["message"] and 'baseline = ".summarize-baseline.json"' in notice["message"]
    (blog / "summarize.toml").write_text('baseline = ".summarize-baseline.json"\n')
    assert run_cli("check", "--write-baseline", cwd=blog).returncode == 0
    proc = run_cli("check", cwd=blog)
    assert proc.returncode == 0 and proc.stdout_text == ""
