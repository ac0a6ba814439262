"""Render ``summarize clean`` results: the cleaned text, or JSON with every removal."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from summarize.clean import CleanResult


def as_dict(result: CleanResult) -> dict:
    article = result.article
    data = {
        "id": article.id,
        "title": article.title,
        "paragraphs": [{"line": p.line, "text": _shown(p.text, article)} for p in article.paragraphs],
        "removed": [r.as_dict() for r in result.removed],
    }
    if article.source_line is not None:
        data["source_line"] = article.source_line
    return data


def _shown(text: str, article) -> str:
    """A paragraph as the JSON report shows it. Markdown's markup is blanked out in place
    (so offsets and lines stay those of the file), which leaves runs of spaces where
    ``**``, ``[...](url)`` stood: those are collapsed; other text is shown as read."""
    return " ".join(text.split()) if article.format == "markdown" else text


def as_text(result: CleanResult) -> str:
    """A text/Markdown file comes back as itself minus the repeats; a record of a
    multi-article input (JSONL, feed, HTML) as its title and cleaned paragraphs."""
    article = result.article
    if article.format in ("text", "markdown"):
        text = result.cleaned_text()
        return text.replace("\n", "\r\n") if article.meta.get("newline") == "\r\n" else text
    parts = ([article.title] if article.title else []) + [p.text for p in article.paragraphs]
    return "\n\n".join(parts) + "\n"


def explain(result: CleanResult, stream: TextIO) -> None:
    """One line per removal: where, which line it repeats, and both texts' openings (a JSON Lines
    record or a feed entry is often one line of text: the line numbers alone tell nothing)."""
    for r in result.removed:
        where = result.original.location(r.line)
        print(f"{where}: repeats line {r.duplicate_of_line} (similarity {r.similarity:.2f}): "
              f"{_excerpt(r.text)} ~ {_excerpt(r.duplicate_of_text, _opening(r.text))}", file=stream)


def _opening(text: str) -> str:
    return " ".join(text.split()[:3])


def _excerpt(text: str, at: str = "", width: int = 60) -> str:
    """``text`` cut to ``width`` characters; from where ``at`` stands in it, when it is not its start
    (a paragraph contained in a longer one: its own words, not the longer one's opening)."""
    text = " ".join(text.split())
    start = text.find(at) if at else -1
    lead = "…" if start > 0 else ""
    text = text[start:] if start > 0 else text
    return f'"{lead}{text}"' if len(text) <= width else f'"{lead}{text[: width - 1].rstrip()}…"'



def write_results(results: Iterable[CleanResult], fmt: str, out: TextIO, explain_to: TextIO | None = None) -> int:
    """Write every result in ``fmt``; returns the number of articles."""
    count = 0
    if fmt == "json":
        items = []
        for result in results:
            if explain_to:
                explain(result, explain_to)
            items.append(as_dict(result))
            count += 1
        json.dump(items[0] if len(items) == 1 else items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return count
    for result in results:
        if explain_to:
            explain(result, explain_to)
        if fmt == "jsonl":
            out.write(json.dumps(as_dict(result), ensure_ascii=False) + "\n")
        else:
            text = as_text(result)
            newline = result.article.meta.get("newline", "\n")
            out.write((newline if count else "") + text + ("" if text.endswith("\n") else newline))
        count += 1
    return count

