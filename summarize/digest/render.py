"""Write digests: JSON Lines, one JSON document, Markdown, or plain text; and resume support.

``jsonl`` writes one record per article as it is digested (so a long run can be
resumed), ``json`` one array at the end, ``md`` a readable digest document
(headline, link, digest), ``text`` the digest itself (a blank line between articles).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from summarize.digest import Digest
from summarize.errors import InputError

FORMATS = ("jsonl", "json", "md", "text")


def done_ids(path: str | Path | None) -> set[str]:
    """Ids already in a JSON Lines output file (for ``--resume``); empty when there is no file."""
    return set(done_records([path] if path is not None else []))


def done_records(paths: Iterable[str | Path | None]) -> dict[str, str]:
    """``{id: JSON line}`` of the records already in these JSON Lines files, in order, the
    first of each id kept (an output and the checkpoint of its interrupted run overlap)."""
    records: dict[str, str] = {}
    for path in paths:
        if path in (None, "-") or not Path(path).exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: cannot resume from a broken JSON line ({exc.msg})") from None
                if isinstance(record, dict) and "id" in record:
                    records.setdefault(str(record["id"]), line if line.endswith("\n") else line + "\n")
    return records


def write_digests(out: TextIO, digests: Iterable[Digest], fmt: str) -> int:
    """Write every digest in ``fmt``; returns how many were written."""
    count = 0
    if fmt == "json":
        records = [d.record() for d in digests]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(records)
    for digest in digests:
        if fmt == "jsonl":
            out.write(json.dumps(digest.record(), ensure_ascii=False) + "\n")
            out.flush()
        elif fmt == "md":
            out.write(as_markdown(digest) + "\n")
        else:
            if count:
                out.write("\n")
            out.write(as_text(digest) + "\n")
        count += 1
    return count


def as_text(digest: Digest) -> str:
    return digest.summary


def as_markdown(digest: Digest) -> str:
    """``## headline``, a link line when there is a URL, then the digest sentences."""
    headline = digest.title or digest.id
    lines = [f"## {headline}", ""]
    if digest.url:
        lines += [f"<{digest.url}>", ""]
    elif digest.source and digest.source != "-":
        lines += [f"Source: `{digest.source}`", ""]
    lines.append(digest.summary)
    return "\n".join(lines) + "\n"
