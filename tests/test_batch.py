"""A batch keeps going: a bad input is named and skipped, the rest is written, exit status 3."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

JS_ONLY = "<html><head><title>App</title></head><body><div id=\"root\"></div><script>boot()</script></body></html>"


@pytest.fixture
def folder(tmp_path: Path, seed: Path) -> Path:
    """A folder of one good article and three inputs no command can use."""
    arts = tmp_path / "arts"
    arts.mkdir()
    shutil.copy(seed, arts / "a-story.txt")
    (arts / "b-empty.txt").write_bytes(b"")
    (arts / "c-app.html").write_text(JS_ONLY)
    (arts / "d-loop.txt").symlink_to(arts / "d-loop.txt")
    return arts


def _skips(stderr: str, arts: Path) -> None:
    assert f"summarize: skipped {arts / 'b-empty.txt'}: empty input\n" in stderr
    assert f"summarize: skipped {arts / 'c-app.html'}: " in stderr
    assert f"summarize: skipped {arts / 'd-loop.txt'}: cannot read (Too many levels of symbolic links)\n" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("verb,args", [("split", ["split"]), ("cleaned", ["clean"]), ("read", ["dedup"]),
                                       ("digested", ["digest", "-m", "lead"])])
def test_every_command_skips_bad_inputs_and_exits_3(folder, tmp_path, verb, args):
    out = tmp_path / "out.txt"
    proc = run_cli(*args, str(folder), "-o", str(out))
    assert proc.returncode == 3, proc.stderr_text
    _skips(proc.stderr_text, folder)
    assert f"summarize: 1 of 4 inputs {verb}; 3 skipped\n" in proc.stderr_text
    assert out.read_text().strip()  # the good input was processed and written


@pytest.mark.parametrize("command", ["split", "clean", "dedup", "digest"])
def test_strict_stops_at_the_first_bad_input_and_writes_nothing(folder, tmp_path, command):
    out = tmp_path / "out.txt"
    args = [command, str(folder), "--strict", "-o", str(out)] + (["-m", "lead"] if command == "digest" else [])
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stderr_text == f"summarize: {folder / 'b-empty.txt'}: empty input\n"
    assert not out.exists()


def test_errors_file_lists_the_skipped_inputs_as_json_lines(folder, tmp_path):
    errors = tmp_path / "errors.jsonl"
    proc = run_cli("split", str(folder), "--errors", str(errors))
    assert proc.returncode == 3
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [r["input"] for r in records] == [str(folder / n) for n in ("b-empty.txt", "c-app.html", "d-loop.txt")]
    assert records[0]["reason"] == "empty input"
    clean = run_cli("split", str(folder / "a-story.txt"), "--errors", str(errors))
    assert clean.returncode == 0 and errors.read_text() == ""  # a clean run leaves an empty list, not the old one


def test_skipped_wins_over_duplicates_found(tmp_path):
    shutil.copy(FIXTURES / "dedup" / "syndicated.jsonl", tmp_path / "a.jsonl")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert run_cli("dedup", str(tmp_path / "a.jsonl")).returncode == 1
    proc = run_cli("dedup", str(tmp_path))
    assert proc.returncode == 3, proc.stderr_text
    assert "duplicates" in proc.stderr_text


def test_one_bad_input_alone_is_one_line_and_exit_2(tmp_path):
    proc = run_cli("clean", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out.txt"))
    assert (proc.returncode, proc.stderr_text) == (2, f"summarize: {tmp_path / 'missing.txt'}: no such file or folder\n")
    assert not (tmp_path / "out.txt").exists()


def test_every_bad_input_is_exit_2_and_no_output(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01" * 50)
    out = tmp_path / "out.jsonl"
    proc = run_cli("digest", "-m", "lead", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stderr_text.splitlines()[-1] == "summarize: no input could be read (2 skipped)"
    assert not out.exists()


def test_resume_with_a_skipped_input(folder, tmp_path):
    out = tmp_path / "digests.jsonl"
    (folder / "e-second.md").write_text("# Second\n\nA second story is told here. It has two sentences.\n")
    first = run_cli("digest", "-m", "lead", str(folder), "-o", str(out))
    assert first.returncode == 3
    done = out.read_text()
    again = run_cli("digest", "-m", "lead", str(folder), "-o", str(out), "--resume")
    assert again.returncode == 3, again.stderr_text
    assert out.read_text() == done
    assert "2 articles already done" in again.stderr_text


def test_quiet_keeps_the_skips_but_not_the_summary(folder):
    proc = run_cli("split", str(folder), "-q")
    assert proc.returncode == 3
    _skips(proc.stderr_text, folder)
    assert "inputs split" not in proc.stderr_text


@pytest.mark.parametrize("command", ["split", "clean", "dedup", "digest", "check"])
def test_every_help_states_the_exit_codes(command):
    text = " ".join(run_cli(command, "--help").stdout_text.split())
    assert "Exit status" in text and "3 done, but some" in text
    for option in ("--strict", "--errors", "--quiet"):
        assert option in text


def test_a_file_named_like_an_option_is_an_input(tmp_path, seed):
    shutil.copy(seed, tmp_path / "-dash.txt")
    proc = run_cli("split", "-dash.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr_text
    assert "iFlyTek" in proc.stdout_text
    assert run_cli("split", "-x", cwd=tmp_path).returncode == 2  # no such file: still an unknown option


def test_quiet_silences_the_notes_too(tmp_path):
    # a section index page with no prose (rust-lang's blog _index.md): an empty digest is a note, not an error
    (tmp_path / "_index.md").write_text("+++\ntitle = \"Blog\"\n+++\n")
    (tmp_path / "a.txt").write_text("A headline\n\nThe storm reached the coast on Saturday morning, with heavy rain.\n")
    loud = run_cli("digest", "-m", "lead", str(tmp_path))
    quiet = run_cli("digest", "-m", "lead", str(tmp_path), "-q")
    assert quiet.stdout_text == loud.stdout_text and quiet.returncode == loud.returncode == 0
    assert "had no text to digest" in loud.stderr_text and quiet.stderr_text == ""


def _fails_on(marker: str, work):
    """``work`` that runs out of memory on an article whose text holds ``marker`` (what a huge
    input does on a small machine), and works on the others."""
    def failing(article, *args, **kwargs):
        if marker in article.text:
            raise MemoryError()
        return work(article, *args, **kwargs)
    return failing


@pytest.mark.parametrize("command", ["split", "clean", "digest"])
def test_an_article_that_fails_once_read_is_skipped_and_the_rest_written(monkeypatch, tmp_path, capsys, command):
    # Reading is not the only place an input can fail: a 10 MB text can exhaust memory while it is
    # cleaned. The article is named with its reason, the others are written, exit status 3.
    import summarize.commands.clean as clean_command
    import summarize.commands.split as split_command
    import summarize.digest as digest_module
    from summarize.commands.clean import run_clean
    from summarize.commands.digest import run_digest
    from summarize.commands.split import run_split

    records = [{"id": f"a{i}", "text": f"Story {i} opens here on a quiet Monday. HUGE {i} It goes on for a while.\n"
                if i == 1 else f"Story {i} opens here on a quiet Monday. It goes on for a while.\n"} for i in range(3)]
    feed = tmp_path / "in.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    out, errors = tmp_path / "out.txt", tmp_path / "errors.jsonl"
    if command == "split":
        monkeypatch.setattr(split_command, "fill_sentences", _fails_on("HUGE", split_command.fill_sentences))
        code = run_split(inputs=[str(feed)], output=str(out), errors=str(errors))
    elif command == "clean":
        monkeypatch.setattr(clean_command, "clean_article", _fails_on("HUGE", clean_command.clean_article))
        code = run_clean(inputs=[str(feed)], output=str(out), errors=str(errors))
    else:
        monkeypatch.setattr(digest_module, "prepare", _fails_on("HUGE", digest_module.prepare))
        code = run_digest(inputs=[str(feed)], method="lead", output=str(out), errors=str(errors), fmt="jsonl")
    verb = {"split": "split", "clean": "cleaned", "digest": "digested"}[command]
    stderr = capsys.readouterr().err
    assert code == 3, stderr
    assert stderr.splitlines() == [f"summarize: skipped {feed}:2: too large to hold in memory",
                                   f"summarize: 2 of 3 articles {verb}; 1 skipped"]
    written = out.read_text()
    assert "Story 0" in written and "Story 2" in written and "Story 1" not in written
    assert [json.loads(line) for line in errors.read_text().splitlines()] == [
        {"input": f"{feed}:2", "reason": "too large to hold in memory"}]
    monkeypatch.setattr(clean_command, "clean_article", _fails_on("Story", clean_command.clean_article))
    with pytest.raises(Exception, match=r"no input could be cleaned \(3 skipped\)"):
        run_clean(inputs=[str(feed)], output=str(tmp_path / "none.txt"))  # nothing done: exit 2, no file
    assert not (tmp_path / "none.txt").exists()
    with pytest.raises(Exception, match=rf"^{feed}:1: too large to hold in memory$"):
        run_clean(inputs=[str(feed)], strict=True)
