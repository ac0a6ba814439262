"""Write digests: JSON Lines, one JSON document, Markdown, or plain text; and resume support.

``jsonl`` writes one record per article as it is digested (so a long run can be
resumed), ``json`` one array at the end, ``md`` a readable digest document
(headline, link, digest), ``text`` the digest itself (a blank line between articles).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from summarize.digest import Digest
from summarize.digest.length import Length
from summarize.errors import InputError
from summarize.output import note

FORMATS = ("jsonl", "json", "md", "text")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".md": "md", ".markdown": "md",
                  ".txt": "text", ".text": "text"}


def done_records(paths: Sequence[str | Path | None]) -> list[tuple[str, str]]:
    """``(id, JSON line)`` of the records already written, in order: every record of the
    first file, then those of the next ones not already there, line for line (a checkpoint
    of an interrupted ``--resume`` begins with a copy of the output it continued). Records
    with the same id are all kept: two input articles may share one."""
    records: list[tuple[str, str]] = []
    seen: Counter[str] = Counter()
    for index, path in enumerate(paths):
        if path in (None, "-") or not Path(path).exists():
            continue
        copied = Counter(seen)  # lines of the earlier files that this one may repeat
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: cannot resume from a broken JSON line ({exc.msg})") from None
                if not (isinstance(record, dict) and "id" in record):
                    continue
                line = line if line.endswith("\n") else line + "\n"
                if index and copied[line] > 0:
                    copied[line] -= 1
                    continue
                seen[line] += 1
                records.append((str(record["id"]), line))
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
    headline = md_text(digest.title or digest.id)
    lines = [f"## {headline}", ""]
    link = safe_url(digest.url)
    if link:
        lines += [f"<{link}>", ""]
    elif digest.url:
        lines += [f"Link: {md_code(digest.url)}", ""]
    elif digest.source and digest.source != "-":
        lines += [f"Source: {md_code(digest.source)}", ""]
    lines.append(md_text(digest.summary))
    return "\n".join(lines) + "\n"


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
LINK_SCHEMES = {"http", "https", "ftp", "mailto"}


def safe_url(url: str | None) -> str | None:
    """``url`` if a digest document may link it: web and mail links, or a relative path.
    A feed can carry any string as an item's link; ``javascript:...`` (or ``data:``) would
    run in the reader's browser when clicked. Browsers ignore spaces and control
    characters in a scheme ("java\tscript:"), so the check does too. None otherwise."""
    if not url:
        return None
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", url)
    scheme = _SCHEME.match(squeezed)
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return None
    if any(c in url for c in "<> \n\r\t"):  # would end a Markdown autolink or an attribute early
        return None
    return url


def md_text(text: str) -> str:
    """Article text as Markdown that shows it as written: ``<`` would open raw HTML
    (a title "<script>..." or "x<y" would be markup), so it is backslash-escaped."""
    return text.replace("\\<", "\\\\<").replace("<", "\\<")


def md_code(text: str) -> str:
    """``text`` as inline code, whatever backticks it holds."""
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def write_noting(out, digests: Iterable[Digest], fmt: str, length: Length | None) -> int:
    """Write ``digests`` in ``fmt``, then warn about empty digests and digests over the word budget."""
    empty: list[str] = []
    over: list[str] = []
    budget = (length or Length()).words
    written = write_digests(out, _noting(digests, empty, over, budget), fmt)
    if empty:
        note(f"{_articles(empty)} had no text to digest (empty summary): {_some(empty)}")
    if over:
        note(f"{_articles(over)} got a digest longer than --words {budget}: the first sentence alone is longer "
             f"(a digest is never empty, and never cut inside a sentence): {_some(over)}")
    return written


def _noting(digests: Iterable[Digest], empty: list[str], over: list[str], budget: int | None) -> Iterator[Digest]:
    """The digests, unchanged; ids of those with no sentence go to ``empty``, of those over a
    word ``budget`` (a first sentence longer than it) to ``over``."""
    for digest in digests:
        if not digest.sentences:
            empty.append(digest.id)
        elif budget and sum(len(s.split()) for s in digest.sentences) > budget:
            over.append(digest.id)
        yield digest


def _articles(ids: list[str]) -> str:
    return f"{len(ids)} article{'s' if len(ids) != 1 else ''}"


def _some(ids: list[str]) -> str:
    return ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")


def format_for(output: str | None) -> str | None:
    """The format an ``-o`` file's extension names (``.jsonl``, ``.json``, ``.md``, ``.txt``), else None."""
    if output in (None, "-"):
        return None
    return SUFFIX_FORMATS.get(Path(output).suffix.lower())
