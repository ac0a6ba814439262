"""Where results go: stdout, or a file written atomically (temp file + rename).

stdout carries data only; messages, progress and errors go to stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def open_output(path: str | None, append_from: str | None = None) -> Iterator[TextIO]:
    """A text stream for results: stdout when ``path`` is None or ``-``.

    A file is written to a temporary sibling and renamed over ``path`` only when
    the block finishes without an exception, so a failure never leaves a partial
    file. ``append_from`` copies an existing file's content first (for resuming).
    """
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            if append_from and Path(append_from).exists():
                with open(append_from, encoding="utf-8") as previous:
                    for line in previous:
                        out.write(line if line.endswith("\n") else line + "\n")
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def warn(message: str) -> None:
    print(f"summarize: {message}", file=sys.stderr)
