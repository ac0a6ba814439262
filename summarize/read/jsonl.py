"""JSON Lines: one article per line, ``{"id", "text", "title"?, "url"?, "published"?}``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from summarize.document import Article
from summarize.errors import InputError
from summarize.split import split_paragraphs

EXTENSIONS = (".jsonl", ".ndjson")


def read_jsonl(text: str, source: str) -> Iterator[Article]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}:{number}: broken JSON line ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{source}:{number}: expected an object with a "text" string')
        body = record["text"].replace("\r\n", "\n").replace("\r", "\n")
        yield Article(
            id=str(record["id"]) if record.get("id") is not None else f"{source}:{number}",
            text=body,
            paragraphs=split_paragraphs(body),
            title=_str(record.get("title")),
            url=_str(record.get("url")),
            published=_str(record.get("published")),
            source=source,
            source_line=number,
            format="jsonl",
            meta={k: v for k, v in record.items() if k not in {"id", "text", "title", "url", "published"}},
        )


def _str(value) -> str | None:
    return None if value is None else str(value)
