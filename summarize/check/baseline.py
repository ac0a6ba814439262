"""Accepted repeats: a JSON file of findings that no longer fail the check.

Adopting the hook in a repository that already holds repeats should not force
anyone to fix them first: ``--write-baseline`` records today's findings, and later
runs only fail on new ones. Findings are matched on (file, code, the paragraph's
normalised-text hash), not on line numbers, so editing around a known repeat
does not resurrect it; changing the repeated paragraph itself does.

An accepted repeat is a *pair* of paragraphs, and which side is reported depends on
what is checked: a whole-repository run reports the later file of the pair, a
pre-commit run on one staged file reports that file, even when it is the older one
(a typo fixed in the original post). So an entry also records the other side
(``other``, ``other_paragraph``), and a finding is accepted when it is either side
of an accepted pair. (Entries written before this carry one side only.)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from summarize.errors import SummarizeError
from summarize.output import open_output

VERSION = 1


def baseline_key(path: str, code: str, paragraph: str) -> tuple[str, str, str]:
    return (path, code, paragraph)


def pair_key(code: str, side: tuple[str, str], other: tuple[str, str]) -> tuple[str, frozenset]:
    """A repeat as an unordered pair of (file, paragraph hash), whichever side was reported."""
    return (code, frozenset((side, other)))


class Accepted:
    """The accepted findings: a multiset of one-sided keys and of pairs; each match uses one up."""

    def __init__(self) -> None:
        self.keys: Counter = Counter()
        self.pairs: Counter = Counter()

    def add(self, entry: dict) -> None:
        self.keys[baseline_key(entry["path"], entry["code"], entry["paragraph"])] += 1
        if isinstance(entry.get("other"), str) and isinstance(entry.get("other_paragraph"), str):
            self.pairs[pair_key(entry["code"], (entry["path"], entry["paragraph"]),
                                (entry["other"], entry["other_paragraph"]))] += 1

    def accepts(self, path: str, code: str, paragraph: str, other: str, other_paragraph: str) -> bool:
        """Whether this finding was accepted; a match is used up (each entry accepts one finding)."""
        pair = pair_key(code, (path, paragraph), (other, other_paragraph))
        if self.pairs[pair] > 0:
            self.pairs[pair] -= 1
            key = baseline_key(path, code, paragraph)
            if self.keys[key] > 0:
                self.keys[key] -= 1
            return True
        key = baseline_key(path, code, paragraph)
        if self.keys[key] > 0:
            self.keys[key] -= 1
            return True
        return False


def read_baseline(path: Path) -> Accepted:
    """The accepted findings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SummarizeError(f"{path}: baseline not found (create it with summarize check --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SummarizeError(f"{path}: not a summarize baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise SummarizeError(f"{path}: not a summarize baseline (expected version {VERSION} with a findings list)")
    accepted = Accepted()
    for entry in data["findings"]:
        try:
            accepted.add(entry)
        except (KeyError, TypeError):
            raise SummarizeError(f"{path}: malformed baseline entry {entry!r}") from None
    return accepted


def read_entries(path: Path) -> list[dict]:
    if not path.exists():
        return []
    read_baseline(path)  # validates
    return json.loads(path.read_text(encoding="utf-8"))["findings"]


def write_baseline(path: Path, entries: Iterable[dict]) -> int:
    """Write ``entries`` (sorted, stable) atomically; returns how many."""
    rows = sorted(entries, key=lambda e: (e["path"], e.get("line", 0), e["code"], e["paragraph"]))
    with open_output(str(path)) as out:
        json.dump({"version": VERSION, "tool": "summarize check", "findings": rows}, out, indent=1, ensure_ascii=False)
        out.write("\n")
    return len(rows)
