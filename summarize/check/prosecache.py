"""The prose paragraphs of each content file, cached in ``.git`` by the file's content.

A run of the check reads every tracked content file, and parsing Markdown with a CommonMark
parser costs more than the rest of the check on a repository of many pages. A file's paragraphs
depend only on its text, its format and the code that finds them, so they are kept in
``.git/summarize-prose.json`` under a hash of the format and text; the cache is dropped as a
whole when that code or the Markdown parser's version changes. It is written back only when
something new was parsed; entries no run has used since are dropped once they outnumber the
used ones. An unreadable or foreign cache file is ignored and rewritten; outside a git
repository nothing is cached.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import xxhash

from summarize.check.prose import Prose, prose_paragraphs

CACHE_NAME = "summarize-prose.json"
_SOURCES = ("prose.py", "markdown.py")


def _code_version() -> str:
    """A hash of the code that finds paragraphs, and of the Markdown parser's versions."""
    from importlib.metadata import PackageNotFoundError, version

    h = xxhash.xxh3_64()
    here = Path(__file__).resolve().parent
    for name in _SOURCES:
        h.update((here / name).read_bytes())
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

    def paragraphs(self, text: str, fmt: str) -> list[Prose]:
        if self.path is None:
            return prose_paragraphs(text, fmt)
        key = xxhash.xxh3_64_hexdigest(f"{fmt}\0{text}".encode("utf-8", "surrogatepass"))
        self.used.add(key)
        cached = self.entries.get(key)
        if cached is not None:
            try:
                return [Prose(str(t), int(line), int(col), bool(ignored)) for t, line, col, ignored in cached]
            except (TypeError, ValueError):
                pass  # not what this code writes: parse again
        found = prose_paragraphs(text, fmt)
        self.entries[key] = [[p.text, p.line, p.col, p.ignored] for p in found]
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
