"""Paragraphs made from one template: reference pages that differ only in their key names.

"[FreeBSD][] includes Hugo in its package repository" / "[NetBSD][] includes Hugo ...",
"the closed interval [0, 4.9]" / "[0.1, 5.0]": near-identical by shingles, yet each says
something of its own. Two paragraphs are template variants when everything that differs
between them is a name or number put in the place of another name or number; an edited
copy changes, adds or drops ordinary words too.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w(?:[\w.\-']*\w)?")


def _is_name(token: str, first: bool) -> bool:
    """Numbers, capitalised words inside a sentence, and words with capitals inside (NetBSD) anywhere."""
    return (any(c.isdigit() for c in token) or (token[0].isupper() and not first)
            or any(c.isupper() for c in token[1:]))


def _tokens(text: str) -> list[tuple[str, bool]]:
    out = []
    for m in _TOKEN.finditer(text):
        before = text[: m.start()].rstrip()
        out.append((m.group(), _is_name(m.group(), not before or before[-1] in ".!?:")))
    return out


def template_variants(a: str, b: str) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    ops = [op for op in SequenceMatcher(None, [t.lower() for t, _ in ta], [t.lower() for t, _ in tb],
                                        autojunk=False).get_opcodes() if op[0] != "equal"]
    return bool(ops) and all(tag == "replace" and all(n for _, n in ta[i1:i2]) and all(n for _, n in tb[j1:j2])
                             for tag, i1, i2, j1, j2 in ops)
