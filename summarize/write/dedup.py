"""Render ``summarize dedup`` results: one JSON line per article, or a cluster report for people."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from summarize.dedup import Cluster, Match, group
from summarize.document import Article

REPORT_FORMATS = ("text", "md", "jsonl")


def write_jsonl(out: TextIO, matches: Sequence[Match], story_of: dict[str, str] | None = None) -> None:
    """Exactly one line per input article, in input order (with ``story`` when stories were grouped)."""
    for m in matches:
        record = {"id": m.id, "cluster": m.cluster, "duplicate_of": m.duplicate_of, "similarity": m.similarity}
        if story_of is not None:
            record["story"] = story_of[m.id]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_stories(out: TextIO, articles: Sequence[Article], story_of: dict[str, str], md: bool) -> None:
    """The stories of more than one article: each with its articles (id, source, title)."""
    grouped: dict[str, list[Article]] = {}
    for a in articles:
        grouped.setdefault(story_of[a.id], []).append(a)
    multi = [(s, members) for s, members in grouped.items() if len(members) > 1]
    head = f"{len(grouped)} stories, {len(multi)} of more than one article"
    out.write(f"\n## Stories\n\n{head}\n" if md else f"\n{head}\n")
    for story, members in multi:
        out.write(f"\n{'### ' if md else ''}story {story} ({len(members)} articles)\n" + ("\n" if md else ""))
        for a in members:
            title = f"  {_md(a.title) if md else a.title}" if a.title else ""
            out.write(f"{'- ' if md else '  '}{a.id}  [{_where(a)}]{title}\n")


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


def write_report(out: TextIO, fmt: str, articles: Sequence[Article], matches: Sequence[Match],
                 story_of: dict[str, str] | None = None) -> None:
    """The report in ``fmt``; ``story_of`` (article id -> story id) adds each article's event story."""
    if fmt == "jsonl":
        write_jsonl(out, matches, story_of)
        return
    if fmt == "md":
        write_markdown(out, articles, matches)
    elif fmt == "text":
        write_text(out, articles, matches)
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    if story_of is not None:
        write_stories(out, articles, story_of, fmt == "md")
