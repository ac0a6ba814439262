"""``[tool.summarize]`` settings of ``summarize check``, read from the repository's pyproject.toml.

Keys (hyphens or underscores both accepted)::

    [tool.summarize]
    threshold = 0.5          # Jaccard similarity of 3-word shingle sets that makes a repeat
    containment = 0.9        # ... or this share of the shorter paragraph found in the longer one
    min-words = 10           # shorter paragraphs are never checked (boilerplate lines)
    include = ["*.md", "*.rst", "*.txt", "*.html"]   # repository files compared against
    exclude = ["CHANGELOG.md", "vendor/**"]           # never read, even when passed
    baseline = ".summarize-baseline.json"             # accepted existing repeats
    [tool.summarize.per-file-ignores]
    "legal/**" = ["SUM001", "SUM002"]

Other keys of ``[tool.summarize]`` belong to other commands and are left alone.
Globs follow .gitignore conventions: a pattern without ``/`` matches the file name
at any depth, one with ``/`` is anchored at the repository root, ``**`` spans
folders, and a pattern naming a folder covers everything below it.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from summarize.errors import SummarizeError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CODES = {
    "SUM001": "paragraph repeats a paragraph of another file",
    "SUM002": "paragraph repeats an earlier paragraph of the same file",
}

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdown", "*.mkd", "*.mkdn", "*.mdx", "*.rst", "*.rest",
                   "*.txt", "*.text", "*.html", "*.htm", "*.xhtml")

# Measured with scripts/eval_check_threshold.py on BBC paragraphs (see the README):
# Jaccard >= 0.5 keeps 99.8% of copies with 5% of words edited and 94% with 10%,
# while 1.8% of distinct paragraphs have a neighbour that close (mostly true repeats).
DEFAULT_THRESHOLD = 0.5
DEFAULT_CONTAINMENT = 0.9
DEFAULT_MIN_WORDS = 10


@dataclass(slots=True)
class CheckConfig:
    threshold: float = DEFAULT_THRESHOLD
    containment: float = DEFAULT_CONTAINMENT
    min_words: int = DEFAULT_MIN_WORDS
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, frozenset[str]] = field(default_factory=dict)
    baseline: str | None = None
    source: Path | None = None  # the pyproject.toml it came from

    def included(self, relpath: str) -> bool:
        """Whether a repository file (POSIX path relative to the root) takes part."""
        return any(glob_match(p, relpath) for p in self.include) and not self.excluded(relpath)

    def excluded(self, relpath: str) -> bool:
        return any(glob_match(p, relpath) for p in self.exclude)

    def ignored_codes(self, relpath: str) -> frozenset[str]:
        codes: set[str] = set()
        for pattern, ignored in self.per_file_ignores.items():
            if glob_match(pattern, relpath):
                codes |= ignored
        return frozenset(codes)


def load_config(pyproject: Path | None) -> CheckConfig:
    """Settings from ``pyproject`` (defaults when it is None, missing or has no ``[tool.summarize]``)."""
    if pyproject is None or not pyproject.is_file():
        return CheckConfig()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SummarizeError(f"{pyproject}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SummarizeError(f"{pyproject}: invalid TOML ({exc})") from None
    table = data.get("tool", {}).get("summarize", {})
    if not isinstance(table, dict):
        raise SummarizeError(f"{pyproject}: [tool.summarize] must be a table")
    return config_from_table(table, str(pyproject))


KEYS = ("threshold", "containment", "min-words", "include", "exclude", "baseline", "per-file-ignores")


def config_from_table(table: dict[str, Any], where: str = "[tool.summarize]") -> CheckConfig:
    values = {key.replace("_", "-"): value for key, value in table.items()}
    for key in values:
        # Keys for other commands may share the table and are left alone, but a near miss of a
        # check setting ("threshhold") is a typo that would silently leave the default in force.
        close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.8) if key not in KEYS else []
        if close:
            raise SummarizeError(f"{where}: unknown setting {key!r}; did you mean {close[0]!r}?")
    cfg = CheckConfig()
    if "threshold" in values:
        cfg.threshold = _fraction(values["threshold"], "threshold", where)
    if "containment" in values:
        cfg.containment = _fraction(values["containment"], "containment", where)
    if "min-words" in values:
        v = values["min-words"]
        if isinstance(v, bool) or not isinstance(v, int) or v < 3:
            raise SummarizeError(f"{where}: min-words must be an integer >= 3, got {v!r}")
        cfg.min_words = v
    if "include" in values:
        cfg.include = _globs(values["include"], "include", where)
    if "exclude" in values:
        cfg.exclude = _globs(values["exclude"], "exclude", where)
    if "baseline" in values:
        if not isinstance(values["baseline"], str) or not values["baseline"]:
            raise SummarizeError(f"{where}: baseline must be a path (string)")
        cfg.baseline = values["baseline"]
    if "per-file-ignores" in values:
        table = values["per-file-ignores"]
        if not isinstance(table, dict):
            raise SummarizeError(f"{where}: per-file-ignores must be a table of glob = [codes]")
        for pattern, codes in table.items():
            if isinstance(codes, str):
                codes = [codes]
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise SummarizeError(f"{where}: per-file-ignores.{pattern!r} must be a list of codes")
            unknown = [c for c in codes if c.upper() not in CODES]
            if unknown:
                raise SummarizeError(f"{where}: per-file-ignores.{pattern!r}: unknown code(s) {', '.join(unknown)}; "
                                     f"known: {', '.join(CODES)}")
            cfg.per_file_ignores[pattern] = frozenset(c.upper() for c in codes)
    return cfg


def _fraction(value: Any, name: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise SummarizeError(f"{where}: {name} must be a number in (0, 1], got {value!r}")
    return float(value)


def _globs(value: Any, name: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SummarizeError(f"{where}: {name} must be a list of glob patterns")
    return tuple(value)


def glob_match(pattern: str, relpath: str) -> bool:
    """.gitignore-style match of a POSIX path relative to the repository root."""
    return _compile(pattern).match(relpath) is not None


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern.rstrip("/")
    pat = pattern.strip("/")
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            end = pat.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + "(?:/.*)?$")
