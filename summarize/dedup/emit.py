"""Which article of each cluster a deduplicated feed keeps."""

from __future__ import annotations

from collections.abc import Sequence

from summarize.dedup.engine import Match
from summarize.document import Article

KEEP = ("first", "longest")


def unique_articles(articles: Sequence[Article], matches: Sequence[Match], keep: str = "first") -> list[Article]:
    """One article per story, in input order.

    A story counts when its cluster opens in this input (its first article is
    not a duplicate of anything seen before); a story first seen in an earlier
    indexed run was already published and yields nothing. ``first`` keeps the
    cluster's opening article, ``longest`` the member with the longest text in
    this input (the earliest of equals).
    """
    if keep not in KEEP:
        raise ValueError(f"keep must be one of {KEEP}")
    opened = {m.cluster for m in matches if not m.is_duplicate}
    chosen: dict[str, int] = {}
    for i, (a, m) in enumerate(zip(articles, matches)):
        if m.cluster not in opened:
            continue
        j = chosen.get(m.cluster)
        if j is None or (keep == "longest" and len(a.text) > len(articles[j].text)):
            chosen[m.cluster] = i
    keepers = set(chosen.values())
    return [a for i, a in enumerate(articles) if i in keepers]
