"""The help screens at 80 columns, choices, and shell completion, through the real command."""

import re

import pytest

from conftest import run_cli

COMMANDS = ("split", "clean", "check", "dedup", "digest")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_fits_80_columns_with_every_option_whole(command):
    proc = run_cli(command, "--help", env={"COLUMNS": "80", "TERM": "dumb"})
    assert proc.returncode == 0
    lines = proc.stdout_text.splitlines()
    assert lines and max(len(line) for line in lines) <= 80
    from summarize.cli import app
    import typer

    click_command = typer.main.get_command(app).commands[command]
    for param in click_command.params:
        for name in (*param.opts, *param.secondary_opts):
            if name.startswith("--"):  # every long option is printed whole, never broken across lines
                assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", proc.stdout_text), name
    assert "<str>" not in proc.stdout_text and "<bool>" not in proc.stdout_text  # no type column
    assert "Exit status" in proc.stdout_text


def test_digest_help_groups_options_in_panels():
    out = run_cli("digest", "--help", env={"COLUMNS": "80"}).stdout_text
    for panel in ("Input", "Method", "Length", "Output", "Stories", "Run", "Ray"):
        assert f"─ {panel} ─" in out, panel
    assert out.index("─ Method ─") < out.index("--beams") < out.index("─ Length ─") < out.index("--sentences")


def test_root_help_lists_the_commands():
    out = run_cli("--help", env={"COLUMNS": "80"}).stdout_text
    for command in COMMANDS:
        assert re.search(rf"^│ {command} ", out, re.M), command
    assert "--install-completion" in out


def test_choices_are_checked_as_one_line_errors(seed):
    proc = run_cli("digest", str(seed), "--backend", "cuda")
    assert proc.returncode == 2 and proc.stderr_text.count("\n") == 1
    assert "'cuda' is not one of 'auto', 'onnx-int8', 'torch'" in proc.stderr_text
    html = run_cli("digest", str(seed), "-m", "lead", "-f", "html")
    assert html.returncode == 2 and "--format html needs --group" in html.stderr_text


@pytest.mark.parametrize(("words", "cword", "expected"), [
    ("summarize dig", 1, {"digest"}),
    ("summarize digest --method ", 3, {"embed", "lead", "seq2seq"}),
    ("summarize dedup --emit ", 3, {"report", "unique", "new"}),
])
def test_bash_completion(words, cword, expected):
    proc = run_cli(env={"_SUMMARIZE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert proc.returncode == 0
    assert set(proc.stdout_text.split()) == expected


def test_completion_script_for_bash():
    proc = run_cli("--show-completion", "bash")
    assert proc.returncode == 0 and "_SUMMARIZE_COMPLETE=complete_bash" in proc.stdout_text
