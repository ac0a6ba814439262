"""Where results go: stdout, or a file written atomically (temp file + rename).

stdout carries data only; messages, progress and errors go to stderr.

A file given with ``-o`` is written to a temporary sibling and renamed over the
target only when everything succeeded, so a failure never leaves a partial file
where a complete one is expected. A long JSON Lines run can name a *checkpoint*
(``FILE.partial``): if it is interrupted (Ctrl-C, ``kill``), the whole records
written so far are kept there instead of being thrown away, and ``--resume``
continues from them. A run that fails (a broken input line, a full disk) leaves
nothing: the error names what to fix.

Every write, to a file or to stdout, goes through :class:`GuardedStream`: any OS error
(a full disk, an I/O error) becomes an :class:`~summarize.errors.OutputError` naming the
target -- one line, exit 2, never a skipped *input* -- except a closed pipe (EPIPE), which
ends the run quietly. A target that exists and is not a regular file (``/dev/full``,
``/dev/null``, a named pipe, a terminal) is written in place: renaming a temporary file over
a device would replace the device.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from summarize.errors import OutputError, SummarizeError, Terminated


class GuardedStream:
    """A text stream whose write errors name their target: every ``OSError`` but EPIPE
    (a reader that went away) is raised as :class:`OutputError` ``"NAME: cannot write (...)"``.
    Everything else is the wrapped stream's."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def _guard(self, call, *args):
        try:
            return call(*args)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            raise write_error(self._name, exc) from None

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def __iter__(self):
        return iter(self._stream)


def checkpoint_path(path: str) -> Path:
    """Where an interrupted JSON Lines run keeps its finished records: ``FILE.partial``."""
    target = resolve_target(path)
    return target.with_name(target.name + ".partial")


def resolve_target(path: str) -> Path:
    """The file ``-o path`` writes: a symlink's destination, so the link stays a link."""
    target = Path(path)
    if _in_place(target):  # /dev/stdout -> /proc/self/fd/1 -> "pipe:[...]": open the link itself
        return target
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def check_output(path: str | None) -> None:
    """Fail now, in one line, if ``-o path`` could not be written -- before any work is done."""
    if path in (None, "-"):
        return
    if not path or not path.strip():
        raise SummarizeError("-o needs a file name (got an empty one)")
    target = resolve_target(path)
    if _in_place(target):
        return
    if target.is_dir():
        raise SummarizeError(f"{path}: is a folder; -o needs a file name")
    parent = _existing_ancestor(target.parent)
    if not parent.is_dir():
        raise SummarizeError(f"{path}: cannot write ({parent} is not a folder)")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SummarizeError(f"{path}: cannot write (no permission to write in {parent})")


def _existing_ancestor(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _mode_for(target: Path) -> int:
    """An existing file keeps its permissions; a new one gets what the umask allows (not mkstemp's 0600)."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_error(path: str, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def _in_place(target: Path) -> bool:
    """Whether ``target`` exists and is not a regular file (a device, a FIFO, a socket): such a
    target is opened and written as it is, never replaced by a renamed temporary file."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


@contextlib.contextmanager
def open_output(path: str | None, checkpoint: Path | None = None) -> Iterator[TextIO]:
    """A text stream for results: stdout when ``path`` is None or ``-``.

    A file is written to a temporary sibling and renamed over ``path`` only when
    the block finishes without an exception, so a failure never leaves a partial
    file. With ``checkpoint``, an interrupt (Ctrl-C, SIGTERM) keeps the whole lines
    written so far in that file (and says so on stderr); a success removes it.
    """
    if path in (None, "-"):
        out = sys.stdout if isinstance(sys.stdout, GuardedStream) else GuardedStream(sys.stdout, "stdout")
        yield out
        out.flush()
        return
    check_output(path)
    target = resolve_target(path)
    if _in_place(target):
        yield from _write_in_place(path, target)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise write_error(path, exc) from None
    mode = _mode_for(target)
    try:
        raw = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        yield from _written(path, raw, sync=True)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        if checkpoint is not None and isinstance(exc, (KeyboardInterrupt, Terminated)):
            _keep_whole_lines(tmp, checkpoint, mode)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if checkpoint is not None and checkpoint.exists():
        checkpoint.unlink()


def _write_in_place(path: str, target: Path) -> Iterator[TextIO]:
    """Write a device, FIFO or socket ``target`` directly (nothing to keep atomic there)."""
    try:
        raw = open(target, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise write_error(path, exc) from None
    yield from _written(path, raw, sync=False)


def _written(path: str, raw: TextIO, sync: bool) -> Iterator[TextIO]:
    """Yield ``raw`` guarded, then flush (and fsync) and close it. An error of the block passes
    through unchanged; one of the final flush is an :class:`OutputError` naming ``path`` (a
    closed pipe stays a quiet EPIPE), and either way ``raw`` is closed without a second error
    about the same unwritable bytes."""
    out = GuardedStream(raw, path)
    try:
        yield out
    except BaseException:
        with contextlib.suppress(OSError):
            raw.close()
        raise
    try:
        out.flush()
        if sync:
            os.fsync(raw.fileno())
        raw.close()
    except (OSError, OutputError) as exc:
        with contextlib.suppress(OSError):
            raw.close()
        if isinstance(exc, OSError) and exc.errno != errno.EPIPE:
            raise write_error(path, exc) from None
        raise


def _keep_whole_lines(tmp: str, checkpoint: Path, mode: int) -> None:
    """Move the complete lines of ``tmp`` to ``checkpoint`` (a torn last line is dropped)."""
    with contextlib.suppress(OSError):
        with open(tmp, "rb+") as fh:
            data = fh.read()
            whole = data[: data.rfind(b"\n") + 1]
            if not whole:
                return
            fh.seek(0)
            fh.truncate(len(whole))
        os.chmod(tmp, mode)
        os.replace(tmp, checkpoint)
        lines = whole.count(b"\n")
        warn(f"{lines} finished records kept in {checkpoint}; run the same command with --resume to continue")


def warn(message: str) -> None:
    print(f"summarize: {message}", file=sys.stderr)


_quiet = False


def set_quiet(quiet: bool) -> None:
    """``-q``: :func:`note` says nothing for the rest of the run (errors and :func:`warn` still print)."""
    global _quiet
    _quiet = quiet


def note(message: str) -> None:
    """A one-line remark on stderr (how a page was read, digests left empty), silenced by ``-q``."""
    if not _quiet:
        warn(message)
