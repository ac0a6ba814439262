"""Output is never lost silently: a write error on ``-o`` or stdout (a full disk, an I/O error, a
file size limit) is one line naming the target, exit 2, and leaves no partial file; a closed pipe
stays quiet. A damaged or foreign SQLite index is one line naming the file, exit 2."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys

import pytest

from conftest import run_cli

COMMANDS = [["split"], ["clean"], ["dedup", "--emit", "unique"], ["digest", "-m", "lead"]]


def _char_device(path: str) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


needs_dev_full = pytest.mark.skipif(not _char_device("/dev/full"), reason="no /dev/full device here")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A title\n\nThe council voted on the bridge on Monday. The river rose again.\n\n"
                    "Residents said the vote came too late for the town.\n")
    return path


def _run(args, stdout, **kwargs):
    proc = subprocess.run([sys.executable, "-m", "summarize", *args], stdout=stdout, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, **kwargs)
    return proc.returncode, proc.stderr.decode()


@needs_dev_full
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_full_device_given_as_o_is_one_line_and_stays_a_device(command, article):
    code, err = _run([*command, str(article), "-o", "/dev/full"], subprocess.DEVNULL)
    assert (code, err.splitlines()[-1:]) == (2, ["summarize: /dev/full: cannot write (No space left on device)"])
    assert "Traceback" not in err
    assert _char_device("/dev/full")  # written in place, never replaced by a renamed temporary file


@needs_dev_full
@pytest.mark.parametrize("command", [*COMMANDS, ["check", "--files-only"]], ids=lambda c: c[0])
def test_a_full_stdout_is_one_line_naming_stdout(command, article, tmp_path):
    inputs = [str(article)]
    if command[0] == "check":  # a repeated paragraph, so that check has findings to print
        para = "This paragraph is repeated in two files of the folder, with enough words for the check to see it.\n"
        for name in ("one.md", "two.md"):
            (tmp_path / name).write_text(f"# {name}\n\n{para}")
        inputs = [str(tmp_path / "one.md"), str(tmp_path / "two.md")]
    with open("/dev/full", "wb") as full:
        code, err = _run([*command, *inputs], full, cwd=tmp_path)
    assert code == 2
    assert err.splitlines()[-1] == "summarize: stdout: cannot write (No space left on device)"
    assert "Traceback" not in err and "Exception ignored" not in err


@needs_dev_full
def test_a_write_error_in_the_middle_of_a_batch_ends_the_run_and_skips_no_input(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("One sentence here. Two sentences there.\n" * 50_000)
    with open("/dev/full", "wb") as full:
        code, err = _run(["split", str(big), str(big), str(big)], full)
    assert (code, err) == (2, "summarize: stdout: cannot write (No space left on device)\n")


def test_an_io_error_on_stdout_is_one_line(article):
    master, slave = os.openpty()
    os.close(master)  # writing to a terminal whose other side is gone: EIO
    try:
        code, err = _run(["split", str(article)], slave)
    finally:
        os.close(slave)
    assert (code, err) == (2, "summarize: stdout: cannot write (Input/output error)\n")


def _limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the limit, write() fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_file_that_cannot_be_written_whole_leaves_nothing(command, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(60):  # about 20 KB of results whatever the command, past the 4 KB file size limit
        (src / f"a{i}.txt").write_text(f"Title {i}\n\nStory {i} says the council of town {i} met on day {i} "
                                       f"of the month. It voted {i} times on the bridge over river {i}.\n\n"
                                       f"Residents of town {i} waited {i} hours for the result of vote {i}.\n")
    out = tmp_path / "out" / "result.txt"
    out.parent.mkdir()
    code, err = _run([*command, str(src), "-o", str(out)], subprocess.DEVNULL, preexec_fn=_limit_file_size)
    assert (code, err.splitlines()[-1:]) == (2, [f"summarize: {out}: cannot write (File too large)"])
    assert list(out.parent.iterdir()) == []  # neither a partial result nor a temporary file


def test_a_device_other_than_a_full_one_is_written_in_place(article):
    code, err = _run(["split", str(article), "-o", "/dev/null"], subprocess.DEVNULL)
    assert (code, err) == (0, "")
    assert _char_device("/dev/null")


def test_a_closed_pipe_stays_quiet(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("One sentence here. Two sentences there.\n" * 50_000)
    proc = subprocess.Popen([sys.executable, "-m", "summarize", "split", str(big)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert (proc.wait(), err) == (0, "")


@pytest.fixture
def index(tmp_path, article):
    path = tmp_path / "index.db"
    proc = run_cli("dedup", str(article), "--index", str(path))
    assert proc.returncode == 0, proc.stderr_text
    return path


def _dedup_with(index_path, article):
    proc = run_cli("dedup", str(article), "--index", str(index_path))
    assert "Traceback" not in proc.stderr_text
    return proc.returncode, proc.stderr_text


def test_a_sqlite_file_of_another_program_is_refused_in_one_line(tmp_path, article):
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE meta (name TEXT, size INTEGER, owner TEXT)")
    db.execute("INSERT INTO meta VALUES ('x', 1, 'y')")
    db.commit()
    db.close()
    code, err = _dedup_with(other, article)
    assert code == 2
    assert err == (f"summarize: {other}: not a summarize dedup index (its table 'meta' has other columns: "
                   "name, owner, size)\n")


def test_an_index_damaged_in_its_middle_is_one_line_naming_it(index, article):
    data = bytearray(index.read_bytes())
    assert len(data) >= 4 * 4096
    middle = len(data) // 2
    data[middle: middle + 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    index.write_bytes(bytes(data))
    code, err = _dedup_with(index, article)
    assert code == 2
    assert err.startswith(f"summarize: {index}: ") and err.count("\n") == 1
    assert "malformed" in err


def test_a_file_that_is_no_database_is_one_line(tmp_path, article):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all\n" * 300)
    code, err = _dedup_with(junk, article)
    assert (code, err) == (2, f"summarize: {junk}: cannot open as a dedup index (file is not a database)\n")
