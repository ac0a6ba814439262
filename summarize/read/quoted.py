"""Quoted e-mail text: in a reply (a saved e-mail, a mailing-list archive page), the lines that
open with ``>`` are the messages it answers, and "On ..., Ann wrote:" introduces them. They are
someone else's words: not the article's prose, so a digest never quotes them and two replies to
one message are not near-copies of each other. A text is read as an e-mail only when at least
``MIN_QUOTED`` lines are quoted, and a reply that is all quotes keeps them (there is nothing else).
"""

from __future__ import annotations

import re

MIN_QUOTED = 2
_QUOTED = re.compile(r"[ \t]*>")
# "On Tue, 27 Jul 1999, Ann Smith wrote:", "Russell Standish writes, quoting hal:", "Ann <a@b.c> a écrit :"
# "Russell Standish <R.Standish@example.org>:" (a name and address, then the quote).
_ATTRIBUTION = re.compile(r"[ \t]*(?:\S.{0,250}\b(?:wrote|writes|said|schrieb|a\s+écrit|escribió|scrisse)\b[^.!?\n]{0,80}"
                          r"|[^<>\n]{1,80}<[^<>\s]{3,200}>):[ \t]*$", re.I)


def quoted_lines(lines: list[str]) -> set[int]:
    """Indexes of the quoted lines of ``lines`` and of the attribution lines that introduce them;
    empty when the text is not a reply, or when nothing but quotes would be left."""
    quoted = {i for i, line in enumerate(lines) if _QUOTED.match(line)}
    if len(quoted) < MIN_QUOTED:
        return set()
    for i, line in enumerate(lines):
        if i in quoted or not _ATTRIBUTION.match(line):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j in quoted:
            quoted.add(i)
    if all(i in quoted or not line.strip() for i, line in enumerate(lines)):
        return set()
    return quoted


def without_quotes(text: str) -> str:
    """``text`` without its quoted lines (see :func:`quoted_lines`)."""
    if text.count(">") < MIN_QUOTED:
        return text
    lines = text.split("\n")
    gone = quoted_lines(lines)
    return "\n".join(line for i, line in enumerate(lines) if i not in gone) if gone else text


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the quoted lines of ``text`` (see :func:`quoted_lines`)."""
    if text.count(">") < MIN_QUOTED:
        return []
    lines = text.split("\n")
    gone = quoted_lines(lines)
    spans, pos = [], 0
    for i, line in enumerate(lines):
        if i in gone:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
