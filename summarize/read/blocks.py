"""Large JSON Lines files, read a block of whole lines at a time.

A JSON Lines archive can be larger than memory (a million news articles are about 5 GB). A
plain UTF-8 ``.jsonl``/``.ndjson`` file larger than :data:`STREAM_FROM` is read in blocks of
about :data:`BLOCK` bytes cut after a line end; each block goes through the same decoding,
nesting-depth check and record reader as a whole file, so its articles are the same, and a
command that streams (``dedup --index ... -f jsonl``) holds one window of articles, not the file.
The input limit (``SUMMARIZE_MAX_INPUT_MB``) then bounds one line, not the file. Anything else --
compressed, UTF-16/32, an array or one document spread over lines, no line ends -- is read whole,
within the input limit, as before.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from summarize.document import Article
from summarize.errors import InputError
from summarize.read.decode import compression, decode_keeping_newlines, normalize_newlines
from summarize.read.jsonl import EXTENSIONS, read_lines
from summarize.read.limits import limits, size_text

STREAM_FROM = 64 << 20
BLOCK = 16 << 20


def streamable(path: Path, fmt: str | None) -> bool:
    """Whether ``path`` is a large JSON Lines file by its name and size (its content is checked on reading)."""
    if fmt not in (None, "jsonl") or path.suffix.lower() not in EXTENSIONS:
        return False
    try:
        return path.is_file() and path.stat().st_size > STREAM_FROM
    except OSError:
        return False


def _plain_lines(head: bytes) -> bool:
    """Whether a file that starts with ``head`` is one JSON object per line in UTF-8."""
    if compression(head) or b"\x00" in head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    first = head.removeprefix(codecs.BOM_UTF8).lstrip()
    end = first.find(b"\n")
    if not first.startswith(b"{") or end < 0:
        return False
    try:
        json.loads(first[:end])
    except ValueError:  # an object spread over lines: one JSON document, read whole
        return False
    return True


def read_blocks(path: str, whole: Callable[[BinaryIO], Iterator[Article]]) -> Iterator[Article]:
    """The articles of the large JSON Lines file ``path``; ``whole(stream)`` reads a file that turns
    out not to be plain JSON Lines the ordinary way."""
    limit = limits().input_bytes
    with open(path, "rb") as stream:
        head = stream.read(BLOCK)
        while b"\n" not in head and len(head) <= limit:  # up to the end of the first line
            more = stream.read(BLOCK)
            if not more:
                break
            head += more
        if not _plain_lines(head):
            stream.seek(0)
            yield from whole(stream)
            return
        number, rest, block = 1, b"", head
        while block:
            data = rest + block
            cut = data.rfind(b"\n") + 1
            if cut == 0 and len(data) > limit:
                raise InputError(f"{path}:{number}: a line longer than the input limit of {size_text(limit)} "
                                 "(SUMMARIZE_MAX_INPUT_MB)")
            if cut:
                yield from _articles(data[:cut], path, number)
                number += data.count(b"\n", 0, cut)
            rest = data[cut:]
            block = stream.read(BLOCK)
        if rest.strip():
            yield from _articles(rest, path, number)


def _articles(data: bytes, source: str, number: int) -> Iterator[Article]:
    text = normalize_newlines(decode_keeping_newlines(data, source))
    yield from read_lines(text, source, number)
