"""Read articles from files, folders, JSON Lines, feeds and stdin.

Every format is a function ``(text, source) -> Iterable[Article]`` in
:data:`READERS`; :func:`detect_format` picks one from a file's extension, or
from the content for stdin and unknown extensions. :func:`read_inputs` walks
paths (folders recursively) and yields articles in input order.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from summarize.document import Article
from summarize.errors import InputError
from summarize.read import blocks, feed, html, jsonl, text
from summarize.read.batch import Batch
from summarize.read.decode import compression, crlf_file, decode_keeping_newlines, decompress, normalize_newlines
from summarize.read.fetch import FetchSettings, is_url
from summarize.read.limits import check_json_depth, read_limited
from summarize.read.remote import Validators, declared_charset, expand_inputs, fetched_bytes, given_as

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
    head = content.lstrip()[:4096].lower()
    if feed.looks_like_feed(content):
        return "feed"
    if feed.looks_like_json_feed(content):
        return "jsonfeed"
    if head.startswith("{") or re.match(r"\[\s*(\{|\])", head):
        return "jsonl"
    if head.startswith("<") and ("<html" in head or "<!doctype html" in head or "<body" in head or "<p" in head or "<div" in head):
        return "html"
    if _MARKDOWN_START.match(content.lstrip("\n")):
        return "markdown"
    return "text"


# Front matter, or a first line that is an ATX heading ("# Title").
_MARKDOWN_START = re.compile(r"(?:---|\+\+\+)[ \t]*\n|[ \t]{0,3}#{1,6}[ \t]+\S")


COMPRESSED = (".gz", ".bz2", ".xz")


def _suffix(path: str) -> str:
    """The telling extension: ``.html`` for ``page.html.gz`` (of a URL's path for a URL)."""
    if is_url(path):
        path = urlsplit(path).path
    suffixes = [s.lower() for s in PurePosixPath(path).suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


# Extensions and media types that make an input a feed: anything else behind them is an error. Behind
# the generic XML ones an HTML page (an error page saved or served as .xml) and other XML (an OPML list,
# a <note>) are errors too, while a document that is no XML at all is sniffed like any content.
FEED_ONLY = frozenset((".rss", ".atom", ".rdf", "application/rss+xml", "application/atom+xml", "application/rdf+xml"))
MAYBE_FEED = frozenset((".xml", "application/xml", "text/xml"))


def detect_format(path: str, content: str, given_as: str | None = None) -> str:
    """The format of ``content`` read from ``path``; ``given_as`` is what else says what it is (an
    HTTP Content-Type, or an extension of a URL's path)."""
    suffix = _suffix(path)
    fmt = EXTENSIONS.get(suffix)
    claims = {suffix, given_as}
    if claims & (FEED_ONLY | MAYBE_FEED) or fmt == "feed":
        if feed.looks_like_feed(content):
            return "feed"
        what = feed.not_a_feed(content)
        if claims & FEED_ONLY or what in ("it is an HTML page", "it is empty") or what.startswith(("it is XML", "it is an OPML")):
            raise InputError(f"{path}: given as a feed ({' '.join(sorted(c for c in claims & (FEED_ONLY | MAYBE_FEED)))}), "
                             f"but {what}")
        return sniff(content)  # .xml is not always a feed
    if given_as == "application/feed+json" and not feed.looks_like_json_feed(content):
        raise InputError(f"{path}: given as a JSON Feed (application/feed+json), but it is not one")
    if fmt in ("jsonfeed", None) and feed.looks_like_rss_in_json(content):
        raise InputError(f"{path}: an RSS feed written as JSON (RSS in JSON), which is not read; give the feed's RSS "
                         "(its XML) instead")
    if fmt == "jsonfeed" and not feed.looks_like_json_feed(content):
        return "jsonl" if content.lstrip().startswith(("{", "[")) else sniff(content)
    return fmt or sniff(content)


def read_bytes(data: bytes, source: str, fmt: str | None = None, given_as: str | None = None,
               charset: str | None = None) -> Iterator[Article]:
    """Articles in ``data`` (gzip, bzip2 or xz compressed, or not); ``source`` names it in ids and
    messages, ``given_as`` is the media type it was served as (see :func:`detect_format`)."""
    check_format(fmt)
    if compression(data):
        data = decompress(data, source)
    raw = decode_keeping_newlines(data, source, charset)
    content = normalize_newlines(raw)
    if not content.strip():
        raise InputError(f"{source}: empty input")
    chosen = fmt or detect_format(source, content, given_as)
    if chosen == "jsonfeed":  # JSON Lines are checked line by line as they are read
        check_json_depth(content, source)
    crlf = chosen in ("text", "markdown") and crlf_file(raw)
    for article in READERS[chosen](content, source):
        if crlf:
            article.meta["newline"] = "\r\n"  # text output restores the file's own line ends
        yield article


def check_format(fmt: str | None) -> None:
    """Raise a clear error for an input format name no reader has."""
    if fmt is not None and fmt not in READERS:
        raise InputError(f"unknown input format {fmt!r}; choose from {', '.join(FORMATS)}")


def read_path(path: str, fmt: str | None = None, skip: Collection[Path] = ()) -> Iterator[Article]:
    """Articles of one input; in a folder, files whose real path is in ``skip`` are passed over."""
    if path == "-":
        yield from read_bytes(read_limited(sys.stdin.buffer, "-"), "-", fmt)
        return
    p = Path(path)
    if p.is_dir():
        files = list(iter_folder(p))
        if not files:
            raise InputError(f"{path}: no readable files ({', '.join(sorted(EXTENSIONS))}) in this folder")
        for f in files:
            if not skip or Path(os.path.realpath(f)) not in skip:
                yield from _read_found(f, fmt)
        return
    if blocks.streamable(p, fmt):  # a large JSON Lines file: a block of lines at a time
        yield from blocks.read_blocks(path, lambda stream: read_bytes(read_limited(stream, path), path, fmt))
        return
    try:
        with open(p, "rb") as stream:
            data = read_limited(stream, path)
    except FileNotFoundError:
        if p.is_symlink():
            raise InputError(f"{path}: broken symbolic link (to {os.readlink(p)})") from None
        raise InputError(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    yield from read_bytes(data, path, fmt)


def _read_found(path: Path, fmt: str | None) -> Iterator[Article]:
    """A file found by walking a folder. A ``.json`` file there that holds no article at all
    (a ``package.json``, a table of ground truth next to the pages), or a ``.xml`` file that is
    XML of another kind than a feed (a ``pom.xml``, a sitemap, an OPML list), is passed over with
    one line on stderr; a file that holds articles and then fails, and every other kind of file,
    is an error as it would be when named."""
    if _suffix(path.name) not in (".json", ".xml"):
        yield from read_path(str(path), fmt)
        return
    found = False
    try:
        for article in read_path(str(path), fmt):
            found = True
            yield article
    except InputError as exc:
        note = None if found else passed_over(str(path), exc)
        if note is None:
            raise
        from summarize.output import note as say

        say(note.removeprefix("summarize: "))


def passed_over(path: str, exc: Exception) -> str | None:
    """The line that says a ``.json`` or ``.xml`` file found in a folder walk, which failed (``exc``)
    before its first article, was passed over; None when that file is an error (another kind, another
    failure, a JSON Feed that is broken, or no JSON at all: a feed cut short is not a ``package.json``
    passed over)."""
    if not isinstance(exc, InputError):
        return None
    if _suffix(path) == ".xml":
        if "but it is XML with root element" not in str(exc) and "but it is an OPML" not in str(exc):
            return None  # an HTML page or an empty file given as a feed, a broken feed: errors
    elif _suffix(path) != ".json" or any(what in str(exc) for what in ("JSON Feed", "broken JSON", "RSS in JSON")):
        return None  # a .json that is not JSON at all is broken, cut or garbled: an error, like a broken feed (a feed
        # written as JSON, which is not read, is one the user means to read)
    why = str(exc).removeprefix(path).lstrip(":0123456789 ")
    return f"summarize: note: passed over {path}, which holds no articles ({why}); not an error"


def iter_folder(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` with a known extension, sorted, hidden folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _suffix(name) in EXTENSIONS and not name.startswith("."):
                yield Path(root) / name


def read_inputs(inputs: Sequence[str], fmt: str | None = None, output: str | None = None,
                batch: Batch | None = None, validators: Validators | None = None,
                settings: FetchSettings = FetchSettings()) -> Iterator[Article]:
    """Articles from every input in order (``-`` is stdin; folders are walked; OPML lists are
    replaced by their feeds; URLs are all fetched first, together, and read in their place).

    With ``validators``, URLs are asked for conditionally: one that answers 304 Not Modified
    yields nothing (not even parsing), and the new ETag/Last-Modified of the others wait in
    ``validators.pending`` until the caller saves them.

    ``output`` is the run's ``-o`` file: a folder walk passes over it and its ``.partial``
    checkpoint (``summarize digest arts -o arts/digests.jsonl`` must not read its own
    digests back as articles next time). Named explicitly, it is read like any file.

    With a ``batch``, each input (each file of a folder) that fails is skipped through
    :meth:`Batch.skip` and the others are still read; without one, the first failure raises."""
    check_format(fmt)
    skip: set[Path] = set()
    if output not in (None, "-"):
        target = Path(os.path.realpath(output))
        skip = {target, target.with_name(target.name + ".partial")}
    inputs = expand_inputs(inputs, settings=settings, batch=batch)
    urls = [i for i in inputs if is_url(i)]
    fetched = {}
    if urls:
        from summarize.read.fetch import fetch_all

        validators = validators if validators is not None else Validators()
        fetched = fetch_all(urls, validators.known(urls), settings)
    for path in inputs:
        if path in fetched and batch is None:
            yield from read_url(fetched[path], fmt, validators)
        elif path in fetched:
            with batch.attempt(path):
                yield from read_url(fetched[path], fmt, validators)
        elif batch is None:
            yield from read_path(path, fmt, skip)
        else:
            yield from _read_each(path, fmt, skip, batch)


def read_url(fetched, fmt: str | None, validators: Validators | None = None) -> Iterator[Article]:
    """Articles of one fetched URL; its validators are remembered once it has been read whole."""
    for data in fetched_bytes(fetched):
        yield from read_bytes(data, fetched.url, fmt, given_as(fetched), declared_charset(fetched))
    if fetched.not_modified and validators is not None:
        validators.not_modified.append(fetched.url)
    if validators is not None:
        validators.remember(fetched)


def _read_each(path: str, fmt: str | None, skip: Collection[Path], batch: Batch) -> Iterator[Article]:
    """One input read under ``batch``; a folder's files are inputs of their own."""
    if path == "-" or not Path(path).is_dir():
        with batch.attempt(path):
            yield from read_path(path, fmt)
        return
    files = [f for f in iter_folder(Path(path)) if not skip or Path(os.path.realpath(f)) not in skip]
    if not files:
        with batch.attempt(path):
            raise InputError(f"{path}: no readable files ({', '.join(sorted(EXTENSIONS))}) in this folder")
    for f in files:
        with batch.attempt(str(f)):
            yield from _read_found(f, fmt)


__all__ = ["Batch", "READERS", "FORMATS", "read_inputs", "read_path", "read_bytes", "detect_format", "sniff", "check_format"]
