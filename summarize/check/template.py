"""Paragraphs made from one template: reference pages that differ only in their key names.

"[FreeBSD][] includes Hugo in its package repository" / "[NetBSD][] includes Hugo ...",
"the closed interval [0, 4.9]" / "[0.1, 5.0]": near-identical by shingles, yet each says
something of its own. Two paragraphs are template variants when everything that differs
between them is a name or number put in the place of another name or number; an edited
copy changes, adds or drops ordinary words too.

A word that names its own page's subject counts as a key name as well: on reference pages made
from one template ("The position of the table within the page content." in ``tables.md``, "...
of the blockquote ..." in ``blockquotes.md``) the word that differs is the one the file is named
after; so does a word of the term a definition-list or list item defines (``many`` : "... plural
form "many"" / ``zero`` : "... "zero"").
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from summarize.fingerprint import STOPWORDS

_TOKEN = re.compile(r"\w(?:[\w.\-']*\w)?")


def _is_name(token: str, first: bool) -> bool:
    """Numbers, capitalised words inside a sentence, words with capitals inside (NetBSD) anywhere,
    and a capitalised word opening a sentence that is not a function word ("Webargs was created by
    ..." / "APISpec was created by ...": FastAPI's page of alternatives; "The" / "This" are not)."""
    return (any(c.isdigit() for c in token) or (token[0].isupper() and (not first or token.lower() not in STOPWORDS))
            or any(c.isupper() for c in token[1:]))


def _tokens(text: str) -> list[tuple[str, bool]]:
    out = []
    for m in _TOKEN.finditer(text):
        before = text[: m.start()].rstrip()
        out.append((m.group(), _is_name(m.group(), not before or before[-1] in ".!?:")))
    return out


_SUBJECT_SPLIT = re.compile(r"[^a-z0-9]+")


def subject_words(path: str) -> frozenset[str]:
    """The words a file's name (and its folder's, for ``name/index.md``) says it is about, singular."""
    parts = path.lower().rsplit("/", 2)
    stem = parts[-1].rsplit(".", 1)[0]
    if stem in ("index", "_index", "readme") and len(parts) > 1:
        stem = parts[-2]
    words = {w for w in _SUBJECT_SPLIT.split(stem) if len(w) > 2}
    return frozenset(words | {w[:-1] for w in words if w.endswith("s")})


def _key(token: str, is_name: bool, subject: frozenset[str]) -> bool:
    word = token.lower()
    return is_name or word in subject or (word.endswith("s") and word[:-1] in subject)


# The term an item defines: a leading code span (`many`, ``close()``), after any list marker.
_TERM = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*(`{1,2})([^`]+)\1")


def term_words(text: str) -> frozenset[str]:
    m = _TERM.match(text)
    return frozenset(w.lower() for w in _TOKEN.findall(m.group(2))) if m else frozenset()


def template_variants(a: str, b: str, a_subject: frozenset[str] = frozenset(),
                      b_subject: frozenset[str] = frozenset()) -> bool:
    """Whether ``a`` and ``b`` differ only in key names (``*_subject``: what each one's file is about)."""
    a_subject, b_subject = a_subject | term_words(a), b_subject | term_words(b)
    ta, tb = _tokens(a), _tokens(b)
    ops = [op for op in SequenceMatcher(None, [t.lower() for t, _ in ta], [t.lower() for t, _ in tb],
                                        autojunk=False).get_opcodes() if op[0] != "equal"]
    return bool(ops) and all(tag == "replace" and all(_key(t, n, a_subject) for t, n in ta[i1:i2])
                             and all(_key(t, n, b_subject) for t, n in tb[j1:j2])
                             for tag, i1, i2, j1, j2 in ops)


def other_terms(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are entries for two things: each opens with the term it defines (a code
    span, after any list marker) and the terms differ ("`onAnimationStart`: An `AnimationEvent` handler
    function. Fires when a CSS animation starts." / "`onAnimationEnd`: ... completes."), however alike
    the rest, which a reference writes on one pattern."""
    ta, tb = _TERM.match(a), _TERM.match(b)
    return bool(ta and tb) and ta.group(2).strip().casefold() != tb.group(2).strip().casefold()


_WORD = re.compile(r"[^\W_][\w'’-]*")
PARALLEL_SWAPS = 2


def parallel_lines(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` say the same thing of two things: the same words in the same places but
    for one or two put in the place of others ("This example shows some common mouse events and when
    they fire." / "... pointer events ..."; "You provided a `checked` prop ... use `defaultChecked`." /
    "... `value` ... `defaultValue`."). Within one file these are parallel statements of a
    reference, not a copy; an edited copy adds or drops words too."""
    wa, wb = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    return len(wa) == len(wb) and 0 < sum(x != y for x, y in zip(wa, wb)) <= PARALLEL_SWAPS
