"""Accepted repeats: a JSON file of findings that no longer fail the check.

Adopting the hook in a repository that already holds repeats should not force
anyone to fix them first: ``--write-baseline`` records today's findings, and later
runs only fail on new ones. Findings are matched on (file, code, the paragraph's
normalised-text hash), not on line numbers, so editing around a known repeat
does not resurrect it; changing the repeated paragraph itself does.
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


def read_baseline(path: Path) -> Counter:
    """The accepted findings as a multiset of keys."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SummarizeError(f"{path}: baseline not found (create it with summarize check --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SummarizeError(f"{path}: not a summarize baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise SummarizeError(f"{path}: not a summarize baseline (expected version {VERSION} with a findings list)")
    keys: Counter = Counter()
    for entry in data["findings"]:
        try:
            keys[baseline_key(entry["path"], entry["code"], entry["paragraph"])] += 1
        except (KeyError, TypeError):
            raise SummarizeError(f"{path}: malformed baseline entry {entry!r}") from None
    return keys


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
