"""JSON Lines: one article per line, ``{"id", "text", "title"?, "url"?, "published"?}``.

A ``.json`` file that holds the same objects as one document -- a single object
spread over several lines, or an array of them -- is read too; each article then
records the line where its object starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from summarize.document import Article
from summarize.errors import InputError
from summarize.read.decode import may_hold_surrogates, without_lone_surrogates
from summarize.read.limits import check_json_depth, limits

EXTENSIONS = (".jsonl", ".ndjson")

_FIELDS = {"id", "text", "title", "url", "published"}
_SPACE = re.compile(r"[ \t\n\r]*")


def read_jsonl(text: str, source: str) -> Iterator[Article]:
    if text.lstrip().startswith("["):  # an array of articles, not JSON Lines
        check_json_depth(text, source)
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}:{exc.lineno}: broken JSON ({exc.msg})") from None
        yield from _read_document(text, source)
        return
    yield from read_lines(text, source)


def read_lines(text: str, source: str, first_number: int = 1) -> Iterator[Article]:
    """The records of JSON Lines ``text`` whose first line is line ``first_number`` of ``source``
    (a block of a large file: :mod:`summarize.read.blocks`). A line is parsed on its own, so its
    nesting is checked on its own, and only when it holds more brackets than the limit allows."""
    first = first_number == 1
    depth = limits().json_depth
    start, number = 0, first_number
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        start, number = end + 1, number + 1
        if not line.strip():
            continue
        if line.count("[") + line.count("{") > depth:
            check_json_depth(line, f"{source}:{number - 1}", depth)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            if first:
                check_json_depth(text, source, depth)  # before a parser recurses into the whole text
            if first and _is_one_document(text):
                yield from _read_document(text, source)
                return
            raise InputError(f"{source}:{number - 1}: broken JSON line ({exc.msg})") from None
        first = False
        yield record_article(record, source, number - 1, raw=line.rstrip("\r"))


def _is_one_document(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _read_document(text: str, source: str) -> Iterator[Article]:
    """Articles of one JSON document: an object, or an array of objects, each with a line number."""
    decoder = json.JSONDecoder()
    pos = _SPACE.match(text).end()
    if not text.startswith("[", pos):
        yield record_article(json.loads(text), source, text.count("\n", 0, pos) + 1)
        return
    pos = _SPACE.match(text, pos + 1).end()
    line, counted = 1, 0
    while not text.startswith("]", pos):
        line += text.count("\n", counted, pos)
        counted = pos
        record, pos = decoder.raw_decode(text, pos)
        yield record_article(record, source, line)
        pos = _SPACE.match(text, pos).end()
        if text.startswith(",", pos):
            pos = _SPACE.match(text, pos + 1).end()


def record_article(record, source: str, number: int, raw: str | None = None) -> Article:
    if raw is None or may_hold_surrogates(raw):  # the line as read tells whether the walk can find any
        record = without_lone_surrogates(record)
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f'{source}:{number}: expected an object with a "text" string')
    where = f"{source}:{number}"
    article_id = text_field(record, "id", where)
    body = record["text"].replace("\r\n", "\n").replace("\r", "\n")
    return Article(
        id=article_id if article_id is not None else where,
        text=body,
        paragraphs=None,  # split when first asked for (dedup never does)
        title=text_field(record, "title", where),
        url=text_field(record, "url", where, numbers=False),
        published=text_field(record, "published", where),
        source=source,
        source_line=number,
        format="jsonl",
        meta={k: v for k, v in record.items() if k not in _FIELDS},
        raw=raw,
        lang=next((v.strip() for v in (record.get("lang"), record.get("language")) if isinstance(v, str) and v.strip()), None),
    )


_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}


def text_field(record: dict, key: str, where: str, numbers: bool = True) -> str | None:
    """``record[key]`` as text, ``None`` when absent or null; a number is written out (id ``7`` is ``"7"``)
    when ``numbers`` allows it. An array, an object or true/false is an input error naming ``where``:
    its Python form (``['x']``) would be text the user never wrote, shown as a headline or a link."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    if numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    expected = "a string or a number" if numbers else "a string"
    raise InputError(f'{where}: "{key}" must be {expected}, not {_JSON_TYPES.get(type(value), type(value).__name__)}')
