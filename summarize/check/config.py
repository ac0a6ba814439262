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

The same keys stand at the top level of a ``summarize.toml`` or ``.summarize.toml``; the
nearest of these (or of a pyproject.toml with ``[tool.summarize]``) from the working
directory up to the repository root wins. More keys: ``languages`` (translation codes),
``boilerplate-files`` (5), ``allow`` (snippet files whose paragraphs may repeat anywhere),
``select`` / ``extend-select`` / ``ignore`` (codes; SUM003 is off by default).

Other keys of ``[tool.summarize]`` belong to other commands and are left alone.
Globs follow .gitignore conventions: a pattern without ``/`` matches the file name
at any depth, one with ``/`` is anchored at the repository root, ``**`` spans
folders, a pattern naming a folder covers everything below it, and a pattern ending in
``/`` matches folders only.
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
    "SUM003": "paragraph of a translation repeats one of another language (left untranslated); off by default",
    "SUM004": "paragraph repeats in many files (boilerplate): reported once, with the allow line or baseline that accepts it",
}
DEFAULT_SELECT = ("SUM001", "SUM002", "SUM004")
CONFIG_FILES = ("summarize.toml", ".summarize.toml", "pyproject.toml")

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdown", "*.mkd", "*.mkdn", "*.mdx", "*.rst", "*.rest",
                   "*.txt", "*.text", "*.html", "*.htm", "*.xhtml")

# Measured with scripts/eval_check_threshold.py on BBC paragraphs (see the README):
# Jaccard >= 0.5 keeps 99.8% of copies with 5% of words edited and 94% with 10%,
# while 1.8% of distinct paragraphs have a neighbour that close (mostly true repeats).
DEFAULT_THRESHOLD = 0.5
DEFAULT_CONTAINMENT = 0.9
# An edited copy in another file (see summarize.check.engine): this share of words aligned in order.
# With scripts/eval_check_repos.py (50 copies planted with 5% of words replaced, seeds 1-3, three
# repositories) planted recall went from 0.90-0.98 to 0.96-1.00.
DEFAULT_EDIT_RATIO = 0.85
DEFAULT_MIN_WORDS = 10
# Vendored folders hold other projects' documents: never the repository's own prose. Docusaurus'
# versioned_docs/ holds a frozen copy of the docs for each release: copies by design (on
# facebook/react-native-website, 3,338 boilerplate notices that hid 260 real repeats of the live docs).
# A changelog is a list of entries written on one pattern ("Add Chinese translation for `x.md`. PR #4999" /
# "Update Chinese translation for `x.md`. PR #11539"): 10 of the 21 findings in fastapi's release notes
# were such pairs, none a repeat an editor would act on.
CHANGELOGS = ("CHANGELOG*", "changelog*", "CHANGES*", "HISTORY.*", "release-notes*", "release_notes*",
              "RELEASE-NOTES*", "RELEASE_NOTES*", "RELEASENOTES*")
DEFAULT_EXCLUDE = ("node_modules/", "vendor/", "third_party/", "bower_components/", "site-packages/", "versioned_docs/",
                   *CHANGELOGS)
# A paragraph found in this many files is boilerplate (a licence, a footer): one SUM004, not one per file.
DEFAULT_BOILERPLATE_FILES = 5


@dataclass(slots=True)
class CheckConfig:
    threshold: float = DEFAULT_THRESHOLD
    containment: float = DEFAULT_CONTAINMENT
    edit_ratio: float = DEFAULT_EDIT_RATIO
    min_words: int = DEFAULT_MIN_WORDS
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    per_file_ignores: dict[str, frozenset[str]] = field(default_factory=dict)
    baseline: str | None = None
    languages: tuple[str, ...] = ()  # translation codes, when the layout is not detected
    boilerplate_files: int = DEFAULT_BOILERPLATE_FILES
    allow: tuple[str, ...] = ()  # files (snippets) whose paragraphs may repeat anywhere
    select: tuple[str, ...] = DEFAULT_SELECT
    source: Path | None = None  # the file it came from

    def included(self, relpath: str) -> bool:
        """Whether a repository file (POSIX path relative to the root) takes part."""
        return any(glob_match(p, relpath) for p in self.include) and not self.excluded(relpath)

    def excluded(self, relpath: str) -> bool:
        return any(glob_match(p, relpath) for p in self.exclude)

    def allowed(self, relpath: str) -> bool:
        return any(glob_match(p, relpath) for p in self.allow)

    def ignored_codes(self, relpath: str) -> frozenset[str]:
        codes: set[str] = set()
        for pattern, ignored in self.per_file_ignores.items():
            if glob_match(pattern, relpath):
                codes |= ignored
        return frozenset(codes)


def find_config(start: Path, stop: Path | None) -> Path | None:
    """The nearest config file from ``start`` upwards (to ``stop``, the repository root, at most), as
    ruff looks for its own: ``summarize.toml``, ``.summarize.toml``, or a pyproject.toml that has a
    ``[tool.summarize]`` table."""
    folder = start
    while True:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        if folder == stop or folder.parent == folder:
            return None
        folder = folder.parent


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "summarize" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_config name the problem


def load_config(pyproject: Path | None) -> CheckConfig:
    """Settings from a config file (defaults when it is None, missing or has no settings): a
    ``summarize.toml`` holds them at its top level, a pyproject.toml under ``[tool.summarize]``."""
    if pyproject is None or not pyproject.is_file():
        return CheckConfig()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SummarizeError(f"{pyproject}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SummarizeError(f"{pyproject}: invalid TOML ({exc})") from None
    table = data if pyproject.name != "pyproject.toml" else data.get("tool", {}).get("summarize", {})
    if not isinstance(table, dict):
        raise SummarizeError(f"{pyproject}: [tool.summarize] must be a table")
    cfg = config_from_table(table, str(pyproject))
    cfg.source = pyproject
    return cfg


KEYS = ("threshold", "containment", "edit-ratio", "min-words", "include", "exclude", "baseline", "per-file-ignores",
        "languages", "boilerplate-files", "allow", "select", "extend-select", "ignore")


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
    if "edit-ratio" in values:
        cfg.edit_ratio = _fraction(values["edit-ratio"], "edit-ratio", where)
    if "min-words" in values:
        cfg.min_words = _at_least_three(values["min-words"], "min-words", where)
    if "include" in values:
        cfg.include = _globs(values["include"], "include", where)
    if "exclude" in values:
        cfg.exclude = DEFAULT_EXCLUDE + _globs(values["exclude"], "exclude", where)
    if "allow" in values:
        cfg.allow = _globs(values["allow"], "allow", where)
    if "languages" in values:
        cfg.languages = _globs(values["languages"], "languages", where)
    if "boilerplate-files" in values:
        cfg.boilerplate_files = _at_least_three(values["boilerplate-files"], "boilerplate-files", where)
    for key in ("select", "extend-select", "ignore"):
        if key in values:
            codes = _codes(values[key], key, where)
            cfg.select = select_codes(cfg.select, codes, key)
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
            cfg.per_file_ignores[pattern] = frozenset(_codes(codes, f"per-file-ignores.{pattern!r}", where))
    return cfg


def _at_least_three(value: Any, name: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 3:
        raise SummarizeError(f"{where}: {name} must be an integer >= 3, got {value!r}")
    return value


def _codes(value: Any, name: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise SummarizeError(f"{where}: {name} must be a list of codes")
    unknown = [c for c in value if c.upper() not in CODES]
    if unknown:
        raise SummarizeError(f"{where}: {name}: unknown code(s) {', '.join(unknown)}; known: {', '.join(CODES)}")
    return tuple(c.upper() for c in value)


def select_codes(current: tuple[str, ...], codes: tuple[str, ...], how: str) -> tuple[str, ...]:
    """``select`` replaces the codes in force, ``extend-select`` adds to them, ``ignore`` removes them."""
    if how == "select":
        return codes
    if how == "extend-select":
        return tuple(dict.fromkeys(current + codes))
    return tuple(c for c in current if c not in codes)


def parse_codes(text: str, name: str) -> tuple[str, ...]:
    """A command-line list of codes, comma separated."""
    return _codes([c.strip() for c in text.split(",") if c.strip()], name, "--" + name)


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
    # As in .gitignore, a trailing slash matches folders only: something must lie below it.
    suffix = "/.+$" if pattern.endswith("/") else "(?:/.*)?$"
    return re.compile(prefix + "".join(out) + suffix)
