"""Articles written back as files: JSON Lines, RSS 2.0, Atom 1.0, JSON Feed (standard library only).

Used by ``summarize dedup --emit unique`` to write the deduplicated feed in the
form it came in, changing nothing it keeps: JSON Lines records are written back as
the lines they were read from, and a single input feed is written back as its own
text with the duplicate entries cut out. Only articles of several feeds merged into
one are written afresh, with bodies as HTML paragraphs (the readers stripped the
original markup), so that feed reads back into the same text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from summarize.document import Article



def article_record(article: Article) -> dict:
    record: dict = {"id": article.id}
    for name in ("title", "url", "published"):
        value = getattr(article, name)
        if value is not None:
            record[name] = value
    record["text"] = article.text
    if article.format == "jsonl":
        record.update({k: v for k, v in article.meta.items() if k not in record})
    elif article.source is not None:
        record["source"] = article.source
    return record


def write_jsonl(out: TextIO, articles: Sequence[Article]) -> None:
    """One line per article. A record read from JSON Lines goes back as the very line it was
    (numbers, key order, escapes and all); only an id the run had to make unique (``id#2``)
    is written into a copy of the record."""
    for article in articles:
        out.write(_jsonl_line(article) + "\n")


def _jsonl_line(article: Article) -> str:
    if article.raw is not None:
        try:
            record = json.loads(article.raw)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict):
            if record.get("id") is not None and str(record["id"]) == article.id:
                return article.raw
            if record.get("id") is None and article.id == f"{article.source}:{article.source_line}":
                return article.raw
            return json.dumps({**record, "id": article.id}, ensure_ascii=False)
    return json.dumps(article_record(article), ensure_ascii=False)



def _paragraphs_html(text: str) -> str:
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(' '.join(p.split()), quote=False)}</p>" for p in paras)


def _feed_title(articles: Sequence[Article], default: str) -> str:
    for a in articles:
        title = a.meta.get("feed_title")
        if title:
            return str(title)
    return default


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


# The feed versions whose entries are plain sibling elements that can be cut out of the text
# (RSS 1.0 also lists its items in an rdf:Seq, so it is rebuilt instead).
_CUTTABLE = {"rss": ("item", {"rss20", "rss091n", "rss091u", "rss092", "rss093", "rss094"}),
             "atom": ("entry", {"atom10", "atom03"})}
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def _one_source(articles: Sequence[Article], kind: str):
    """The feed document every article came from, when there is exactly one and of ``kind``."""
    documents = {id(a.meta.get("document")): a.meta.get("document") for a in articles}
    if len(documents) != 1:
        return None
    document = next(iter(documents.values()))
    return document if document is not None and document.kind == kind else None


def original_feed_without(articles: Sequence[Article], kind: str) -> str | None:
    """The one input feed the kept ``articles`` came from, as it was, with the other entries cut
    out (channel, namespaces, categories, authors, markup of every kept entry untouched); None
    when the articles come from several feeds or the entries cannot be told apart in the text."""
    document = _one_source(articles, kind)
    if document is None:
        return None
    keep = {a.meta.get("entry_number") for a in articles}
    if kind == "json":
        items = document.parsed["items"]
        kept = [item for number, item in enumerate(items, start=1) if number in keep or not isinstance(item, dict)]
        return json.dumps({**document.parsed, "items": kept}, ensure_ascii=False, indent=2) + "\n"
    tag, versions = _CUTTABLE[kind]
    if document.version not in versions:
        return None
    text = document.text
    spans = [m.span() for m in re.finditer(rf"<{tag}\b[^>]*(?<!/)>.*?</{tag}\s*>", text, re.S)]
    if len(spans) != document.entries:
        return None
    parts, pos = [], 0
    for number, (start, end) in enumerate(spans, start=1):
        if number in keep:
            continue
        while start > pos and text[start - 1] in " \t":
            start -= 1  # the entry's indentation ...
        if text.startswith("\n", end):
            end += 1  # ... and its line break go with it
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return _XML_ENCODING.sub(r'\1"utf-8"', "".join(parts), count=1)  # written as UTF-8, whatever it was read as


def write_rss(out: TextIO, articles: Sequence[Article], title: str | None = None) -> None:
    original = None if title else original_feed_without(articles, "rss")
    if original is not None:
        out.write(original)
        return
    feed_title = title or _feed_title(articles, "Deduplicated feed")
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n')
    out.write(f"<title>{escape(feed_title)}</title>\n<link>about:blank</link>\n")
    out.write(f"<description>{escape(feed_title)}</description>\n")
    out.write(f"<lastBuildDate>{format_datetime(_now())}</lastBuildDate>\n")
    for a in articles:
        guid = a.meta.get("entry_id") or a.id
        out.write("<item>\n")
        if a.title:
            out.write(f"<title>{escape(a.title)}</title>\n")
        if a.url:
            out.write(f"<link>{escape(a.url)}</link>\n")
        out.write(f"<guid isPermaLink=\"false\">{escape(str(guid))}</guid>\n")
        if a.published:
            out.write(f"<pubDate>{escape(a.published)}</pubDate>\n")
        out.write(f"<description>{escape(_paragraphs_html(a.text))}</description>\n")
        out.write("</item>\n")
    out.write("</channel>\n</rss>\n")


def write_atom(out: TextIO, articles: Sequence[Article], title: str | None = None) -> None:
    original = None if title else original_feed_without(articles, "atom")
    if original is not None:
        out.write(original)
        return
    feed_title = title or _feed_title(articles, "Deduplicated feed")
    updated = _now().isoformat()
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n')
    out.write(f"<title>{escape(feed_title)}</title>\n<id>urn:summarize:dedup</id>\n<updated>{updated}</updated>\n")
    for a in articles:
        entry_id = a.meta.get("entry_id") or a.url or a.id
        out.write("<entry>\n")
        out.write(f"<id>{escape(str(entry_id))}</id>\n")
        out.write(f"<title>{escape(a.title or '')}</title>\n")
        if a.url:
            out.write(f"<link href={quoteattr(a.url)}/>\n")
        out.write(f"<updated>{escape(a.published or updated)}</updated>\n")
        out.write(f"<content type=\"html\">{escape(_paragraphs_html(a.text))}</content>\n")
        out.write("</entry>\n")
    out.write("</feed>\n")


def write_json_feed(out: TextIO, articles: Sequence[Article], title: str | None = None) -> None:
    original = None if title else original_feed_without(articles, "json")
    if original is not None:
        out.write(original)
        return
    items = []
    for a in articles:
        item = {"id": str(a.meta.get("entry_id") or a.id), "content_html": _paragraphs_html(a.text)}
        if a.title:
            item["title"] = a.title
        if a.url:
            item["url"] = a.url
        if a.published:
            item["date_published"] = a.published
        items.append(item)
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": title or _feed_title(articles, "Deduplicated feed"),
           "items": items}
    out.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


Writer = Callable[[TextIO, Sequence[Article]], None]

WRITERS: dict[str, Writer] = {
    "jsonl": write_jsonl,
    "rss": write_rss,
    "atom": write_atom,
    "jsonfeed": write_json_feed,
}


def format_for(articles: Sequence[Article]) -> str:
    """The output format matching the inputs: the feed kind when every article came from one kind of feed."""
    kinds = {a.meta.get("feed_kind") if a.format == "feed" else None for a in articles}
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind in ("rss", "atom"):
            return kind
        if kind == "json":
            return "jsonfeed"
    return "jsonl"

