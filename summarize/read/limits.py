"""How much one input may make us read: stated, settable limits, each a one-line error when passed.

- ``SUMMARIZE_MAX_INPUT_MB`` (default 512): the bytes of one file, stdin or device read
  (``/dev/zero`` or ``yes |`` stop here instead of filling memory); one line of a large JSON
  Lines file, which is read a block of lines at a time (:mod:`summarize.read.blocks`);
- ``SUMMARIZE_MAX_DECOMPRESSED_MB`` (default 512): what one ``.gz``, ``.bz2`` or ``.xz``
  input may expand to (a 2 MB archive of 1 GB of zeros stops here, without holding the 1 GB);
- ``SUMMARIZE_MAX_JSON_DEPTH`` (default 200): how deeply a JSON Lines record or JSON Feed may
  nest its arrays and objects.

An input past a limit is skipped with its reason like any unreadable input (exit status 3;
with ``--strict``, exit 2). URL inputs have their own limit on the bytes fetched (50 MB).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np

from summarize.errors import InputError, SummarizeError

_MB = 1 << 20
HELP = ("Limits per input (environment): SUMMARIZE_MAX_INPUT_MB (512) bytes read, "
        "SUMMARIZE_MAX_DECOMPRESSED_MB (512) size of a .gz/.bz2/.xz input once expanded, "
        "SUMMARIZE_MAX_JSON_DEPTH (200) nesting of JSON; an input past one is skipped (exit 3).")


@dataclass(frozen=True, slots=True)
class Limits:
    input_bytes: int = 512 * _MB
    decompressed_bytes: int = 512 * _MB
    json_depth: int = 200


def _setting(name: str, default: int, scale: int = 1) -> int:
    given = os.environ.get(name, "").strip()
    if not given:
        return default
    try:
        number = float(given)
    except ValueError:
        number = -1
    if not number > 0:
        raise SummarizeError(f"{name}={given!r}: expected a positive number")
    return max(1, int(number * scale))


def limits() -> Limits:
    """The limits in force: the defaults, or what the environment sets."""
    default = Limits()
    return Limits(
        input_bytes=_setting("SUMMARIZE_MAX_INPUT_MB", default.input_bytes, _MB),
        decompressed_bytes=_setting("SUMMARIZE_MAX_DECOMPRESSED_MB", default.decompressed_bytes, _MB),
        json_depth=_setting("SUMMARIZE_MAX_JSON_DEPTH", default.json_depth),
    )


def size_text(n: int) -> str:
    return f"{n / _MB:g} MB" if n >= _MB else f"{n} bytes"


def read_limited(stream, source: str, limit: int | None = None) -> bytes:
    """All bytes of ``stream`` (a binary file object), or an error once more than ``limit``
    arrive; a regular file past the limit is refused by its size, before any is read."""
    limit = limits().input_bytes if limit is None else limit
    try:
        size = os.fstat(stream.fileno()).st_size if _regular(stream) else None
    except (OSError, ValueError, AttributeError):
        size = None
    if size is not None and size > limit:
        raise InputError(f"{source}: larger than the input limit of {size_text(limit)} "
                         "(SUMMARIZE_MAX_INPUT_MB)")
    chunks, total = [], 0
    while True:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(f"{source}: more than the input limit of {size_text(limit)} "
                             "(SUMMARIZE_MAX_INPUT_MB)")


def _regular(stream) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def check_json_depth(text: str, source: str, limit: int | None = None) -> None:
    """Refuse JSON whose arrays and objects nest deeper than ``limit`` (brackets inside strings
    do not count), before a parser recurses into it."""
    limit = limits().json_depth if limit is None else limit
    if text.count("[") + text.count("{") <= limit:
        return
    bare = _JSON_STRING.sub('""', text).encode("utf-8", "surrogatepass")
    codes = np.frombuffer(bare, dtype=np.uint8)
    steps = np.zeros(len(codes), dtype=np.int32)
    steps[(codes == ord("[")) | (codes == ord("{"))] = 1
    steps[(codes == ord("]")) | (codes == ord("}"))] = -1
    if len(steps) and int(np.cumsum(steps).max()) > limit:
        raise InputError(f"{source}: JSON nested deeper than {limit} levels (SUMMARIZE_MAX_JSON_DEPTH)")
