"""The command line as a user meets it: --help everywhere, --version, fast start-up, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
import typer

from summarize import __version__
from summarize.cli import app

from conftest import ROOT, run_cli


def _command_paths(command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command path of the app (``()`` is the root)."""
    paths = [prefix]
    if hasattr(command, "commands"):  # a group (Typer may vendor its own click)
        for name, sub in sorted(command.commands.items()):
            if not sub.hidden:
                paths += _command_paths(sub, prefix + (name,))
    return paths


COMMANDS = _command_paths(typer.main.get_command(app))


def test_the_known_commands_are_there():
    assert ("split",) in COMMANDS and len(COMMANDS) >= 2


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "summarize")
def test_help_on_every_command(path):
    proc = run_cli(*path, "--help")
    assert proc.returncode == 0, proc.stderr_text
    out = proc.stdout_text
    assert "Usage:" in out and "--help" in out
    assert proc.stderr_text == ""
    if path:
        assert path[-1] in out


def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout_text.strip() == f"summarize {__version__}"


def test_help_does_not_import_torch_or_transformers():
    probe = textwrap.dedent(
        """
        import json, sys
        from summarize.cli import main
        for argv in (["summarize", "--help"], ["summarize", "split", "--help"]):
            sys.argv = argv
            try:
                main()
            except SystemExit as exc:
                assert exc.code in (0, None), exc.code
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"torch", "transformers", "sentence_transformers", "nltk", "trafilatura"})
        print(json.dumps(heavy))
        """
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert not [m for m in loaded if m.split(".")[0] in {"torch", "transformers", "sentence_transformers"}]
    assert loaded == []  # not even NLTK or trafilatura: help stays instant


def _assert_one_line_error(proc, *fragments):
    assert proc.returncode == 2, (proc.returncode, proc.stderr_text)
    err = proc.stderr_text
    assert err.startswith("summarize: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    _assert_one_line_error(run_cli("split", str(missing)), f"{missing}: no such file or folder")


def test_empty_and_binary_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _assert_one_line_error(run_cli("split", str(empty)), f"{empty}: empty input")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _assert_one_line_error(run_cli("split", str(binary)), f"{binary}: binary file (a PNG image)")


def test_unreadable_file(tmp_path):
    # Tests may run as root, for whom chmod 000 changes nothing: a symlink loop cannot be read by anyone.
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(loop)
    _assert_one_line_error(run_cli("split", str(loop)), f"{loop}: cannot read (Too many levels of symbolic links)")


def test_empty_stdin():
    _assert_one_line_error(run_cli("split", "-", input=b""), "-: empty input")


def test_unknown_language_lists_the_available_ones():
    proc = run_cli("split", "--lang", "klingon", "-", input="Some text.")
    _assert_one_line_error(proc, "unknown language 'klingon'", "english (en)", "german (de)", "french (fr)")
    assert proc.stdout_text == ""


@pytest.mark.parametrize("lang, expected", [("de", ["Das ist z.B. ein Satz.", "Und noch einer."]), ("German", ["Das ist z.B. ein Satz.", "Und noch einer."])])
def test_lang_option_takes_codes_and_names(lang, expected):
    proc = run_cli("split", "--lang", lang, "-", input="Das ist z.B. ein Satz. Und noch einer.")
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.splitlines() == expected


def test_unknown_input_format():
    _assert_one_line_error(run_cli("split", "--input-format", "docx", "-", input="x"), "'docx' is not one of", "jsonl")


def test_missing_argument_is_a_usage_error():
    proc = run_cli("split")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr_text and "Missing argument" in proc.stderr_text


@pytest.mark.parametrize("args, fragment", [
    (("split",), "split: Missing argument"),
    (("split", "--bogus", "x"), "split: No such option: --bogus"),
    (("digest", "-n", "abc", "x"), "digest: Invalid value for '--sentences'"),
    (("nosuch",), "No such command 'nosuch'"),
])
def test_a_usage_error_is_one_line_naming_the_help(args, fragment):
    proc = run_cli(*args)
    _assert_one_line_error(proc, fragment, "--help')")


def test_a_reader_that_goes_away_ends_the_run_quietly(fixtures):
    """``summarize split big.jsonl | head -1``: no traceback, no error, exit 0."""
    lines = "".join(json.dumps({"id": str(i), "text": f"Sentence one of {i}. Sentence two of {i}."}) + "\n"
                    for i in range(20000))
    proc = subprocess.Popen([sys.executable, "-m", "summarize", "split", "-", "--input-format", "jsonl"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(lines.encode())
    proc.stdin.close()
    assert proc.stdout.readline().startswith(b"Sentence one of 0.")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""


def _wait_until_reading_stdin(pid: int) -> None:
    """Until the process waits on its stdin pipe (Linux: /proc/PID/wchan), so the signal lands in
    the command and not in the interpreter's start-up; elsewhere, a few seconds."""
    import time

    wchan = f"/proc/{pid}/wchan"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with open(wchan) as fh:
                if "pipe" in fh.read():
                    time.sleep(0.2)
                    return
        except OSError:
            time.sleep(3)
            return
        time.sleep(0.05)


def test_ctrl_c_is_one_line_and_exit_130():
    import signal

    proc = subprocess.Popen([sys.executable, "-m", "summarize", "split", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdin.write(b"Waiting for more input. ")
    proc.stdin.flush()
    _wait_until_reading_stdin(proc.pid)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.decode() == "summarize: interrupted\n"


def test_running_out_of_memory_where_no_input_can_be_skipped_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    # dedup compares all inputs together: a MemoryError there was a numpy traceback and exit 1 ("duplicates found")
    import pytest

    import summarize.commands.dedup as dedup_command
    from summarize.cli import main

    def exhausted(**options):
        raise MemoryError()

    monkeypatch.setattr(dedup_command, "run_dedup", exhausted)
    (tmp_path / "a.txt").write_text("One article about the harbour barrier and its long debate.\n")
    with pytest.raises(SystemExit) as ended:
        main(["dedup", str(tmp_path / "a.txt")])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("summarize: out of memory") and err.count("\n") == 1 and "Traceback" not in err


def test_markdown_is_a_name_for_the_md_output_format(tmp_path):
    from conftest import run_cli

    path = tmp_path / "a.jsonl"
    body = "The council voted on Monday to close the old bridge. Traffic will move to the new road. Work starts soon."
    path.write_text('{"id": "a", "title": "Bridge", "text": "%s"}\n{"id": "b", "text": "%s"}\n' % (body, body))
    for command in (["digest", "-m", "lead"], ["dedup"]):
        md, markdown = (run_cli(*command, str(path), "-f", f) for f in ("md", "markdown"))
        assert md.returncode == markdown.returncode and md.returncode in (0, 1), markdown.stderr_text
        assert markdown.stdout_text == md.stdout_text and md.stdout_text.startswith("#")
