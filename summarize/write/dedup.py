"""Render ``summarize dedup`` results: one JSON line per article, or a cluster report for people."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from summarize.dedup import Cluster, Match, group
from summarize.document import Article

REPORT_FORMATS = ("text", "md", "jsonl")


def write_jsonl(out: TextIO, matches: Sequence[Match]) -> None:
    """Exactly one line per input article, in input order."""
    for m in matches:
        out.write(json.dumps({"id": m.id, "cluster": m.cluster, "duplicate_of": m.duplicate_of,
                              "similarity": m.similarity}, ensure_ascii=False) + "\n")


def _summary(articles: Sequence[Article], matches: Sequence[Match], clusters: Sequence[Cluster]) -> str:
    dups = sum(m.is_duplicate for m in matches)
    multi = sum(1 for c in clusters if any(m.is_duplicate for m in c.matches))
    earlier = sum(1 for c in clusters if c.matches[0].is_duplicate)
    text = f"{len(articles)} articles, {dups} duplicates in {multi} clusters"
    if earlier:
        text += f" ({earlier} of them first seen in an earlier run)"
    return text


def _where(a: Article) -> str:
    return f"{a.source}:{a.source_line}" if a.source and a.source_line is not None else (a.source or a.id)


def write_text(out: TextIO, articles: Sequence[Article], matches: Sequence[Match]) -> None:
    clusters = group(articles, matches)
    out.write(_summary(articles, matches, clusters) + "\n")
    for c in clusters:
        if not any(m.is_duplicate for m in c.matches):
            continue
        out.write(f"\ncluster {c.id} ({c.size} in this input)\n")
        for a, m in zip(c.articles, c.matches):
            title = f"  {a.title}" if a.title else ""
            if m.is_duplicate:
                out.write(f"  {m.id}  duplicate of {m.duplicate_of}, similarity {m.similarity:.2f}  [{_where(a)}]{title}\n")
            else:
                out.write(f"  {m.id}  first  [{_where(a)}]{title}\n")


def _md(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def write_markdown(out: TextIO, articles: Sequence[Article], matches: Sequence[Match]) -> None:
    clusters = group(articles, matches)
    out.write("# Duplicate articles\n\n" + _summary(articles, matches, clusters) + "\n")
    for c in clusters:
        if not any(m.is_duplicate for m in c.matches):
            continue
        head = c.first.title or c.id
        out.write(f"\n## {_md(head)}\n\nCluster `{c.id}`, {c.size} in this input.\n\n")
        out.write("| article | duplicate of | similarity | source | title |\n|---|---|---|---|---|\n")
        for a, m in zip(c.articles, c.matches):
            sim = f"{m.similarity:.2f}" if m.similarity is not None else ""
            dup = f"`{m.duplicate_of}`" if m.duplicate_of else "(first)"
            out.write(f"| `{_md(m.id)}` | {dup} | {sim} | {_md(_where(a))} | {_md(a.title)} |\n")


def write_report(out: TextIO, fmt: str, articles: Sequence[Article], matches: Sequence[Match]) -> None:
    if fmt == "jsonl":
        write_jsonl(out, matches)
    elif fmt == "md":
        write_markdown(out, articles, matches)
    elif fmt == "text":
        write_text(out, articles, matches)
    else:
        raise ValueError(f"unknown report format {fmt!r}")
