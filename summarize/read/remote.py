"""URL inputs, input lists and OPML subscription lists.

:func:`command_inputs` splices ``--inputs-from`` lists (one path or URL per line, ``-``
for stdin) into a command's inputs; :func:`expand_inputs` replaces OPML files (what
every feed reader exports) by the feeds they list. The URLs among
the inputs are then fetched together (:mod:`summarize.read.fetch`) and each is read
from its response. :class:`Validators` carries ETag/Last-Modified between runs through
an index that can keep them (``dedup --index``); without one nothing is remembered.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from summarize.errors import InputError
from summarize.read.fetch import FetchSettings, Fetched, fetch_all, is_url

OPML_EXTENSIONS = (".opml",)


class ValidatorStore(Protocol):
    """Where a URL's ETag and Last-Modified are kept between runs (an index)."""

    def http_validators(self, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]: ...

    def set_http_validators(self, validators: Mapping[str, tuple[str | None, str | None]]) -> None: ...


@dataclass
class Validators:
    """The validators of this run's URLs: read from ``store`` before fetching, written back by
    :meth:`save` only once the run's results are safe (a run that fails must fetch again)."""

    store: ValidatorStore | None = None
    pending: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    not_modified: list[str] = field(default_factory=list)

    def known(self, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        return self.store.http_validators(list(urls)) if self.store is not None and urls else {}

    def remember(self, fetched: Fetched) -> None:
        if fetched.etag or fetched.last_modified:
            self.pending[fetched.url] = (fetched.etag, fetched.last_modified)

    def save(self) -> None:
        if self.store is not None and self.pending:
            self.store.set_http_validators(self.pending)
            self.pending = {}


def inputs_from(path: str) -> list[str]:
    """The inputs listed in ``path`` (``-``: stdin), one per line; blank lines and ``#`` comments skipped."""
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8-sig").read()
    except FileNotFoundError:
        raise InputError(f"--inputs-from {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--inputs-from {path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def is_opml(name: str) -> bool:
    return url_path_suffix(name) in OPML_EXTENSIONS


def url_path_suffix(name: str) -> str:
    """The extension of a path, or of a URL's path (``.xml`` for ``https://x.org/rss.xml?a=1``)."""
    path = urlsplit(name).path if is_url(name) else name
    return PurePosixPath(path).suffix.lower()


def opml_feeds(data: bytes, source: str) -> list[str]:
    """The feed URLs (``xmlUrl`` of every outline, nested folders included) of an OPML document."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{source}: broken OPML ({exc})") from None
    if root.tag.lower() != "opml":
        raise InputError(f"{source}: not an OPML document (root element <{root.tag}>)")
    feeds = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url.strip():
            feeds.append(urljoin(source, url.strip()) if is_url(source) else url.strip())
    if not feeds:
        raise InputError(f"{source}: no feeds (outline xmlUrl) in this OPML list")
    return feeds


def expand_inputs(inputs: Sequence[str], settings: FetchSettings = FetchSettings(), batch=None) -> list[str]:
    """The inputs, OPML lists replaced by the feeds they list. With a ``batch``
    (:class:`summarize.read.batch.Batch`), an OPML list that cannot be read is skipped."""
    items = list(inputs)
    opml = [i for i in items if is_opml(i)]
    if not opml:
        return items
    remote = fetch_all([i for i in opml if is_url(i)], settings=settings)
    out: list[str] = []
    for item in items:
        if not is_opml(item):
            out.append(item)
            continue
        try:
            out.extend(_opml_list(item, remote))
        except InputError:
            if batch is None:
                raise
            with batch.attempt(item):
                raise
    return list(dict.fromkeys(out))


def _opml_list(item: str, remote: Mapping[str, Fetched]) -> list[str]:
    if is_url(item):
        fetched = remote[item]
        if fetched.error:
            raise InputError(f"{item}: {fetched.error}")
        data = fetched.content or b""
    else:
        try:
            with open(item, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise InputError(f"{item}: cannot read ({exc.strerror or exc})") from None
    return opml_feeds(data, item)


def given_as(fetched: Fetched) -> str | None:
    """What a response says it is: a feed's URL path (``/rss``, ``.atom``) or its media type."""
    path = urlsplit(fetched.final_url or fetched.url).path.rstrip("/").lower()
    last = path.rsplit("/", 1)[-1]
    if last in ("rss", "feed", "atom") or PurePosixPath(last).suffix in (".rss", ".atom"):
        return ".rss"
    media = (fetched.content_type or "").split(";")[0].strip().lower()
    return media or None


def declared_charset(fetched: Fetched) -> str | None:
    """The ``charset`` parameter of a response's Content-Type, if it names one."""
    for param in (fetched.content_type or "").split(";")[1:]:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("\"'"):
            return val.strip().strip("\"'")
    return None


def fetched_bytes(fetched: Fetched) -> Iterator[bytes]:
    """The content of a successful response (nothing for 304 Not Modified); an error raises for that URL."""
    if fetched.error:
        raise InputError(f"{fetched.url}: {fetched.error}")
    if fetched.not_modified:
        return
    yield fetched.content or b""


def command_inputs(inputs: Sequence[str] | None, lists: Sequence[str] | None) -> list[str]:
    """A command's inputs: its arguments, then the lines of each ``--inputs-from`` list."""
    items = list(inputs or [])
    for path in lists or []:
        items.extend(inputs_from(path))
    if not items:
        from summarize.errors import SummarizeError

        raise SummarizeError("no inputs: give INPUT... or --inputs-from FILE")
    return items
