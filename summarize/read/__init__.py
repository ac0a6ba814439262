"""Read articles from files, folders, JSON Lines, feeds and stdin.

Every format is a function ``(text, source) -> Iterable[Article]`` in
:data:`READERS`; :func:`detect_format` picks one from a file's extension, or
from the content for stdin and unknown extensions. :func:`read_inputs` walks
paths (folders recursively) and yields articles in input order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from summarize.document import Article
from summarize.errors import InputError
from summarize.read import feed, html, jsonl, text
from summarize.read.decode import decode

Reader = Callable[[str, str], Iterable[Article]]

READERS: dict[str, Reader] = {
    "text": lambda t, s: [text.read_text(t, s)],
    "markdown": lambda t, s: [text.read_markdown(t, s)],
    "html": lambda t, s: [html.read_html(t, s)],
    "jsonl": jsonl.read_jsonl,
    "feed": feed.read_feed,
    "jsonfeed": feed.read_json_feed,
}

EXTENSIONS: dict[str, str] = {
    **{e: "text" for e in text.EXTENSIONS},
    **{e: "markdown" for e in text.MARKDOWN_EXTENSIONS},
    **{e: "html" for e in html.EXTENSIONS},
    **{e: "jsonl" for e in jsonl.EXTENSIONS},
    **{e: "feed" for e in feed.EXTENSIONS},
    **{e: "jsonfeed" for e in feed.JSON_FEED_EXTENSIONS},
}

FORMATS = tuple(READERS)


def sniff(content: str) -> str:
    """The format of content with no telling extension."""
    head = content.lstrip()[:512].lower()
    if feed.looks_like_feed(content):
        return "feed"
    if feed.looks_like_json_feed(content):
        return "jsonfeed"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<") and ("<html" in head or "<!doctype html" in head or "<body" in head or "<p" in head or "<div" in head):
        return "html"
    return "text"


def detect_format(path: str, content: str) -> str:
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt == "feed" and not feed.looks_like_feed(content):
        return sniff(content)  # .xml is not always a feed
    if fmt == "jsonfeed" and not feed.looks_like_json_feed(content):
        return "jsonl" if content.lstrip().startswith("{") else sniff(content)
    return fmt or sniff(content)


def read_bytes(data: bytes, source: str, fmt: str | None = None) -> Iterator[Article]:
    """Articles in ``data``; ``source`` names it in ids and messages."""
    content = decode(data, source)
    if not content.strip():
        raise InputError(f"{source}: empty input")
    chosen = fmt or detect_format(source, content)
    if chosen not in READERS:
        raise InputError(f"unknown input format {chosen!r}; choose from {', '.join(FORMATS)}")
    yield from READERS[chosen](content, source)


def read_path(path: str, fmt: str | None = None) -> Iterator[Article]:
    if path == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "-", fmt)
        return
    p = Path(path)
    if p.is_dir():
        files = list(iter_folder(p))
        if not files:
            raise InputError(f"{path}: no readable files ({', '.join(sorted(EXTENSIONS))}) in this folder")
        for f in files:
            yield from read_path(str(f), fmt)
        return
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    yield from read_bytes(data, path, fmt)


def iter_folder(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` with a known extension, sorted, hidden folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in EXTENSIONS and not name.startswith("."):
                yield Path(root) / name


def read_inputs(inputs: Sequence[str], fmt: str | None = None) -> Iterator[Article]:
    """Articles from every input path in order (``-`` is stdin; folders are walked)."""
    for path in inputs:
        yield from read_path(path, fmt)


__all__ = ["READERS", "FORMATS", "read_inputs", "read_path", "read_bytes", "detect_format", "sniff"]
