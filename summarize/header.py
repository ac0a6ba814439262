"""RFC 822-style header blocks: ``Key: value`` lines that open a file, as PEPs, e-mails and
Pelican/MultiMarkdown metadata have them. Metadata, not prose: ``check`` skips the block and
the text reader takes its ``Title``/``Subject`` as the article's title. And headlines: a line
in title case is a headline, not a sentence (``digest`` furniture, ``clean``'s headline rule)."""

from __future__ import annotations

import re

# One or two words before the colon: "Title:", "Post-History:", "Content type:".
FIELD = re.compile(r"^([A-Za-z][\w-]*(?: [A-Za-z][\w-]*)?):(?:[ \t]+(.*?))?[ \t]*$")
TITLE_KEYS = ("title", "subject")


def header_end(lines: list[str]) -> int:
    """Index after the header block (two or more ``Key: value`` lines, with indented
    continuations) that ``lines`` open with and a blank line closes; 0 when there is none."""
    j = 0
    fields = 0
    while j < len(lines):
        line = lines[j].lstrip("\ufeff") if j == 0 else lines[j]
        if FIELD.match(line):
            fields += 1
        elif not (j and line[:1] in " \t" and line.strip()):
            break
        j += 1
    return j if fields >= 2 and (j == len(lines) or not lines[j].strip()) else 0


def header_title(lines: list[str]) -> str | None:
    """The ``Title`` (or else ``Subject``) field of a header block, continuations joined."""
    found: dict[str, str] = {}
    key = None
    for j, line in enumerate(lines):
        m = FIELD.match(line.lstrip("\ufeff") if j == 0 else line)
        if m:
            key = m.group(1).lower()
            found.setdefault(key, m.group(2) or "")
        elif key is not None and found.get(key) is not None and key in TITLE_KEYS:
            found[key] = f"{found[key]} {line.strip()}".strip()
    for key in TITLE_KEYS:
        if found.get(key):
            return found[key]
    return None


def is_title_case(text: str) -> bool:
    """A headline rather than a sentence: most of its longer words capitalised ("Jonas Brothers Added
    to 2019 American Music Awards Performance Lineup"), as in a list of other stories' headlines."""
    long = [w for w in text.split() if sum(c.isalpha() for c in w) >= 4]
    capital = sum(w.lstrip("\"'‘“(")[:1].isupper() for w in long)
    return len(long) >= 3 and capital >= 0.75 * len(long)
