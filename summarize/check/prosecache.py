"""The prose paragraphs of each content file, and their words, cached in ``.git`` by the file's bytes.

A run of the check reads every tracked content file: decoding it, parsing Markdown with a
CommonMark parser, normalising and hashing every word cost more than the rest of the check on a
repository of many pages (an 18,000-page mailing-list archive: about 10 s of a 14 s check of one
staged file). What a file gives -- its paragraphs, each paragraph's word count, written-word count
and identity key, and the hashes of its words -- depends only on its bytes, its format and the
code that finds them, so it is kept in ``.git/summarize-prose.json`` under a hash of the format and
bytes; the cache is dropped as a whole when that code or the Markdown parser's version changes.
It is written back only when something new was read; entries no run has used since are dropped
once they outnumber the used ones. An unreadable or foreign cache file is ignored and rewritten;
outside a git repository nothing is cached.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import xxhash

from summarize import fingerprint as fp
from summarize.check import index
from summarize.check.prose import Prose, prose_paragraphs

CACHE_NAME = "summarize-prose.json"
_SOURCES = ("prose.py", "markdown.py", "prosecache.py", "index.py", "../fingerprint.py")


@dataclass
class FileProse:
    """What one file gives the check: its paragraphs, and for each its number of words (normalised
    word pieces), of written words (a date, a version, a handle is one) and its identity key (a hash
    of its words); ``hashes`` holds the word hashes of the paragraphs of SHINGLE_SIZE words or more,
    back to back."""

    paragraphs: list[Prose]
    words: list[int]
    written: list[int]
    keys: list[int]
    hashes: np.ndarray

    @classmethod
    def of(cls, paragraphs: list[Prose]) -> FileProse:
        counts, written, keys, all_words = [], [], [], []
        for p in paragraphs:
            words = prose_words(p.text)
            counts.append(len(words))
            written.append(fp.written_words(p.text))
            keys.append(xxhash.xxh3_64_intdigest(" ".join(words).encode()))
            if len(words) >= index.SHINGLE_SIZE:
                all_words.extend(words)
        return cls(paragraphs, counts, written, keys, index.word_hashes(all_words))

    def record(self) -> dict:
        return {"p": [[p.text, p.line, p.col, p.ignored, n, w, k]
                      for p, n, w, k in zip(self.paragraphs, self.words, self.written, self.keys)],
                "h": base64.b64encode(self.hashes.astype("<u8").tobytes()).decode("ascii")}

    @classmethod
    def from_record(cls, record: dict) -> FileProse:
        rows = record["p"]
        hashes = np.frombuffer(base64.b64decode(record["h"]), dtype="<u8").astype(np.uint64)
        prose = cls([Prose(str(t), int(line), int(col), bool(ignored)) for t, line, col, ignored, *_ in rows],
                    [int(r[4]) for r in rows], [int(r[5]) for r in rows], [int(r[6]) for r in rows], hashes)
        if sum(n for n in prose.words if n >= index.SHINGLE_SIZE) != hashes.size:
            raise ValueError("word hashes do not match the paragraphs")
        return prose


def prose_words(text: str) -> list[str]:
    """The normalised words of a paragraph of a content file, Markdown's and reST's markup off
    their edges: ``_emphasis_`` is the word "emphasis", as ``*emphasis*`` is (``\\w`` takes the
    underscore for a letter), and a reST reference ``Python_`` is "python"; an identifier keeps
    its inner underscores ("my_var").

    Chinese and Japanese put no space between words: each ideograph or kana is a word of its own
    (a run of them was one "word", so a paragraph of 80 characters had a handful and was never
    checked). A vowel sign or other combining mark stays in its word ("इस्तेमाल" is one word,
    not four pieces: ``\\w`` does not take the marks of Devanagari, Thai and other Indic scripts)."""
    if text.isascii():
        found = fp.words(text)
    else:
        found = _PROSE_WORD.findall(unicodedata.normalize("NFKC", html.unescape(text)).casefold())
    return [w for w in (w.strip("_") for w in found) if w]


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK ideographs
# Combining marks of Latin and of the Brahmic scripts (Devanagari to Sinhala, Thai, Lao, Tibetan, Myanmar),
# their full stops (danda) left out.
_MARKS = "\u0300-\u036f\u0900-\u0963\u0966-\u0dff\u0e00-\u0e4e\u0e50-\u0eff\u0f00-\u0fff\u1000-\u109f"
_PROSE_WORD = re.compile(f"[{_CJK}]|(?:[^\\W{_CJK}]|[{_MARKS}])+")


def _code_version() -> str:
    """A hash of the code that finds paragraphs, and of the Markdown parser's versions."""
    from importlib.metadata import PackageNotFoundError, version

    h = xxhash.xxh3_64()
    here = Path(__file__).resolve().parent
    for name in _SOURCES:
        h.update((here / name).resolve().read_bytes())
    for package in ("markdown-it-py", "mdit-py-plugins"):
        try:
            h.update(version(package).encode())
        except PackageNotFoundError:
            pass
    return h.hexdigest()


class ProseCache:
    """``paragraphs(text, fmt)``, from the cache when the same text was read before."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.version = _code_version() if path is not None else ""
        self.entries: dict[str, list] = {}
        self.used: set[str] = set()
        self.changed = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_bytes())
                if isinstance(data, dict) and data.get("version") == self.version and isinstance(data.get("entries"), dict):
                    self.entries = data["entries"]
            except Exception:  # a damaged or foreign file: start afresh
                self.entries = {}

    @classmethod
    def for_repository(cls, root: Path | None) -> ProseCache:
        if root is None:
            return cls(None)
        proc = subprocess.run(["git", "rev-parse", "--git-path", CACHE_NAME], cwd=root, capture_output=True)
        if proc.returncode != 0:
            return cls(None)
        path = Path(proc.stdout.decode().strip())
        return cls(path if path.is_absolute() else root / path)

    def file(self, data: bytes, fmt: str, decode: Callable[[bytes], str]) -> FileProse:
        """What the file of bytes ``data`` gives, read as ``fmt``: from the cache when the same bytes
        were read before, else ``decode(data)`` (which may raise) and parsed."""
        if self.path is None:
            return FileProse.of(prose_paragraphs(decode(data), fmt))
        h = xxhash.xxh3_64()
        h.update(f"{fmt}\0".encode())
        h.update(data)
        key = h.hexdigest()
        self.used.add(key)
        cached = self.entries.get(key)
        if cached is not None:
            try:
                return FileProse.from_record(cached)
            except (TypeError, ValueError, KeyError, IndexError):
                pass  # not what this code writes: read again
        found = FileProse.of(prose_paragraphs(decode(data), fmt))
        self.entries[key] = found.record()
        self.changed = True
        return found

    def save(self) -> None:
        """Write the cache back when something new was parsed."""
        if self.path is None or not self.changed:
            return
        entries = self.entries
        if len(entries) > 2 * len(self.used):  # mostly old versions of files: keep this run's only
            entries = {k: v for k, v in entries.items() if k in self.used}
        data = json.dumps({"version": self.version, "entries": entries}, ensure_ascii=False)
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".summarize-prose-", dir=self.path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode("utf-8", "surrogatepass"))
            os.replace(tmp, self.path)
        except OSError:  # a read-only .git: the check still ran, only slower next time
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
