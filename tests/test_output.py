"""``-o FILE``: written atomically, permissions as a user expects, one-line errors before any
work, and an interrupted JSON Lines run kept in ``FILE.partial`` for ``--resume``."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from summarize.errors import SummarizeError, Terminated
from summarize.output import check_output, checkpoint_path, open_output

from conftest import run_cli

SAMPLE = "digest/bbc_sample.jsonl"


def test_a_new_file_gets_the_umask_mode_and_an_existing_file_keeps_its_own(tmp_path):
    old = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        with open_output(str(new)) as out:
            out.write("x\n")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644  # not mkstemp's 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("old\n")
        kept.chmod(0o640)
        with open_output(str(kept)) as out:
            out.write("new\n")
        assert kept.read_text() == "new\n" and stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_symlinked_output_stays_a_link_to_the_new_content(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with open_output(str(link)) as out:
        out.write("new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


@pytest.mark.parametrize("name, message", [
    ("", "-o needs a file name"),
    ("folder", "is a folder"),
    ("afile/x.txt", "afile is not a folder"),
])
def test_an_output_that_cannot_be_written_is_refused_up_front(tmp_path, monkeypatch, name, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "afile").write_text("x")
    with pytest.raises(SummarizeError, match=message):
        check_output(name)


def test_an_interrupt_keeps_the_whole_lines_written_so_far_and_a_failure_keeps_nothing(tmp_path, capsys):
    target = tmp_path / "d.jsonl"
    partial = checkpoint_path(str(target))
    with pytest.raises(KeyboardInterrupt):
        with open_output(str(target), checkpoint=partial) as out:
            out.write('{"id": "1"}\n{"id": "2"}\n{"id": "3", "tor')
            raise KeyboardInterrupt
    assert not target.exists()
    assert partial.read_text() == '{"id": "1"}\n{"id": "2"}\n'
    assert "2 finished records kept in" in capsys.readouterr().err
    with pytest.raises(Terminated):
        with open_output(str(target), checkpoint=partial) as out:
            out.write('{"id": "1"}\n{"id": "2"}\n{"id": "4"}\n')
            raise Terminated
    assert partial.read_text().count("\n") == 3
    partial.unlink()
    with pytest.raises(ValueError):
        with open_output(str(target), checkpoint=partial) as out:
            out.write('{"id": "1"}\n')
            raise ValueError("a failure, not an interrupt")
    assert not target.exists() and not partial.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file left either
    with open_output(str(target), checkpoint=partial) as out:
        out.write('{"id": "1"}\n')
    assert target.exists() and not partial.exists()


def test_a_full_disk_is_one_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    proc = subprocess.run([sys.executable, "-m", "summarize", "split", "-"], input=b"One. Two.\n" * 5000,
                          stdout=open("/dev/full", "wb"), stderr=subprocess.PIPE)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "summarize: stdout: cannot write (No space left on device)\n"


def test_an_output_folder_is_refused_before_the_work(fixtures, tmp_path):
    (tmp_path / "out").mkdir()
    for command in (["clean"], ["dedup"], ["digest", "-m", "lead"]):
        proc = run_cli(*command, str(fixtures / SAMPLE), "-o", str(tmp_path / "out"))
        assert proc.returncode == 2, (command, proc.stderr_text)
        assert proc.stderr_text == f"summarize: {tmp_path / 'out'}: is a folder; -o needs a file name\n"


def test_the_output_extension_picks_the_format(fixtures, seed, tmp_path):
    out = tmp_path / "one.jsonl"
    assert run_cli("digest", "-m", "lead", str(seed), "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["method"] == "lead"  # one article, still JSON Lines
    md = tmp_path / "many.md"
    assert run_cli("digest", "-m", "lead", str(fixtures / SAMPLE), "-o", str(md)).returncode == 0
    assert md.read_text().startswith("## ")
    text = tmp_path / "many.txt"
    proc = run_cli("digest", "-m", "lead", str(fixtures / SAMPLE), "-o", str(text), "-f", "jsonl")
    assert proc.returncode == 0 and text.read_text().startswith("{")  # --format wins


def test_a_killed_run_keeps_its_digests_and_resume_finishes_it_like_one_run(fixtures, tmp_path):
    rows = [json.loads(line) for line in (fixtures / SAMPLE).read_text(encoding="utf-8").splitlines()]
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(4000):
            row = rows[i % len(rows)]
            fh.write(json.dumps({"id": f"{row['id']}#{i}", "title": row["title"], "text": row["text"]}) + "\n")
    out = tmp_path / "d.jsonl"
    args = [sys.executable, "-m", "summarize", "digest", str(big), "-m", "lead", "-o", str(out), "--batch-size", "4",
            "--no-progress"]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:  # wait until a few digests are written
        temps = list(tmp_path.glob(".d.jsonl.*.tmp"))
        if temps and temps[0].stat().st_size > 5000:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    err = proc.communicate(timeout=120)[1].decode()
    assert proc.returncode == 143, err
    assert err.endswith("summarize: terminated\n") and "--resume" in err
    assert not out.exists()
    kept = (tmp_path / "d.jsonl.partial").read_text(encoding="utf-8").splitlines()
    assert 0 < len(kept) < 4000
    assert all(json.loads(line)["method"] == "lead" for line in kept)  # whole records only

    resumed = run_cli("digest", str(big), "-m", "lead", "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr_text
    assert f"resumed: {len(kept)} articles already done" in resumed.stderr_text
    assert not (tmp_path / "d.jsonl.partial").exists()
    whole = tmp_path / "whole.jsonl"
    assert run_cli("digest", str(big), "-m", "lead", "-o", str(whole)).returncode == 0
    assert out.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")


def test_a_fresh_run_says_it_replaces_the_checkpoint_of_an_interrupted_one(fixtures, tmp_path):
    out = tmp_path / "d.jsonl"
    partial = tmp_path / "d.jsonl.partial"
    partial.write_text('{"id": "old"}\n')
    proc = run_cli("digest", "-m", "lead", str(fixtures / SAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stderr_text.startswith(f"summarize: {partial} holds the records of an interrupted run")
    assert not partial.exists() and len(out.read_text().splitlines()) == 5
