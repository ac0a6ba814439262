"""Accepted repeats: a JSON file of findings that no longer fail the check.

Adopting the hook in a repository that already holds repeats should not force
anyone to fix them first: ``--write-baseline`` records today's findings, and later
runs only fail on new ones. Findings are matched on (file, code, the paragraph's
normalised-text hash), not on line numbers, so editing around a known repeat
does not resurrect it; and then by similarity: each entry also keeps a MinHash
sketch of both paragraphs (the first ``SKETCH_PERM`` values of the signatures the
check computes), so a typo fixed inside an accepted paragraph, or inside the one it
repeats, leaves it accepted as long as the check would still take the new text for
a repeat of the accepted one (Jaccard >= the check's threshold). Entries written
before sketches match exactly only, until ``--write-baseline`` rewrites them.

An accepted repeat is a *pair* of paragraphs, and which side is reported depends on
what is checked: a whole-repository run reports the later file of the pair, a
pre-commit run on one staged file reports that file, even when it is the older one
(a typo fixed in the original post). So an entry also records the other side
(``other``, ``other_paragraph``), and a finding is accepted when it is either side
of an accepted pair. (Entries written before this carry one side only.)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from summarize.check.index import SKETCH_PERM, sketch_similarity, valid_sketch
from summarize.errors import SummarizeError
from summarize.output import open_output

VERSION = 1


@dataclass(slots=True)
class _Entry:
    path: str
    code: str
    paragraph: str  # hash of the normalised words
    other: str | None = None
    other_paragraph: str | None = None
    sketch: str = ""  # MinHash sketch of the paragraph (index.sketch); "" in entries written before sketches
    other_sketch: str = ""
    used: bool = False

    def sides(self) -> tuple[tuple[str, str, str], tuple[str, str, str] | None]:
        mine = (self.path, self.paragraph, self.sketch)
        other = (self.other, self.other_paragraph, self.other_sketch) if self.other is not None else None
        return mine, other  # type: ignore[return-value]


def _side_similarity(entry: tuple[str, str, str], path: str, paragraph: str, sketch: str) -> float:
    """How close a finding's side (file, hash, sketch) is to an entry's: 1 for the same text, the
    sketch estimate for an edited one, 0 in another file."""
    e_path, e_paragraph, e_sketch = entry
    if e_path != path:
        return 0.0
    if e_paragraph == paragraph:
        return 1.0
    return sketch_similarity(e_sketch, sketch)


class Accepted:
    """The accepted findings. Each entry accepts one finding: first the findings that are exactly an
    entry's pair (either side reported), then those whose paragraph is exactly an entry's, then those
    whose paragraph and counterpart are near repeats of an entry's (a typo fixed on either side)."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []

    def add(self, entry: dict) -> None:
        path, code, paragraph = entry["path"], entry["code"], entry["paragraph"]
        if not all(isinstance(v, str) for v in (path, code, paragraph)):
            raise TypeError("path, code and paragraph must be strings")
        other, other_paragraph = entry.get("other"), entry.get("other_paragraph")
        if not (isinstance(other, str) and isinstance(other_paragraph, str)):
            other = other_paragraph = None
        sketches = [entry.get("sketch", ""), entry.get("other_sketch", "")]
        for value in sketches:
            if value and not valid_sketch(value):
                raise TypeError(f"not a sketch of {SKETCH_PERM} hash values: {value!r}")
        self.entries.append(_Entry(path, code, paragraph, other, other_paragraph, *sketches))

    def __len__(self) -> int:
        return len(self.entries)

    def filter(self, findings: list, threshold: float) -> tuple[list, int]:
        """The findings no entry accepts (in their order), and how many were accepted. ``threshold``:
        the Jaccard similarity from which an edited paragraph is still the accepted one (the
        check's own threshold: a paragraph the check would take for a repeat of it)."""
        if not self.entries:
            return list(findings), 0
        by_pair: dict[tuple, list[_Entry]] = defaultdict(list)
        by_key: dict[tuple, list[_Entry]] = defaultdict(list)
        by_file: dict[tuple, list[_Entry]] = defaultdict(list)
        for e in self.entries:
            if e.other is not None:
                by_pair[(e.code, frozenset(((e.path, e.paragraph), (e.other, e.other_paragraph))))].append(e)
                by_file[(e.code, e.other)].append(e)
            by_key[(e.code, e.path, e.paragraph)].append(e)
            by_file[(e.code, e.path)].append(e)

        def take(candidates: list[_Entry]) -> bool:
            for e in candidates:
                if not e.used:
                    e.used = True
                    return True
            return False

        accepted = [False] * len(findings)
        for i, f in enumerate(findings):  # exact pairs first: they are what the entries were written for
            pair = frozenset(((f.key_path, f.paragraph), (f.other_key, f.other_paragraph)))
            accepted[i] = take(by_pair.get((f.code, pair), []))
        for i, f in enumerate(findings):
            if not accepted[i]:
                accepted[i] = take(by_key.get((f.code, f.key_path, f.paragraph), []))
        for i, f in enumerate(findings):
            if accepted[i]:
                continue
            best, best_sim = None, 0.0
            for e in by_file.get((f.code, f.key_path), []):
                if e.used:
                    continue
                mine, theirs = e.sides()
                for a, b in ((mine, theirs), (theirs, mine)):  # the finding may report either side
                    if a is None:
                        continue
                    sim = _side_similarity(a, f.key_path, f.paragraph, getattr(f, "sketch", ""))
                    if b is not None:
                        sim = min(sim, _side_similarity(b, f.other_key, f.other_paragraph,
                                                        getattr(f, "other_sketch", "")))
                    if sim >= threshold and sim > best_sim:
                        best, best_sim = e, sim
            if best is not None:
                best.used = True
                accepted[i] = True
        return [f for f, ok in zip(findings, accepted) if not ok], sum(accepted)


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
