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
from dataclasses import dataclass, field
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


def write_jsonl(out: TextIO, articles: Sequence[Article], options: FeedOptions | None = None) -> None:
    """One line per article. A record read from JSON Lines goes back as the very line it was
    (numbers, key order, escapes and all); only an id the run had to make unique (``id#2``)
    is written into a copy of the record. Other articles (feed items, pages) are records with
    their outlet and, when the run judged them, ``status``, ``cluster``, ``duplicate_of``, ``similarity``."""
    matches = options.matches if options is not None else {}
    for article in articles:
        out.write(_jsonl_line(article, matches.get(article.id)) + "\n")


def _jsonl_line(article: Article, match=None) -> str:
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
    record = article_record(article)
    if article.format != "jsonl":
        name, where = outlet(article)
        record = {"id": record.pop("id"), "title": article.title, "url": article.url, "outlet": name, "feed": where,
                  "published": article.published, **record}
        record.pop("source", None)
        if match is not None:
            record.update(status=match.status, cluster=match.cluster, duplicate_of=match.duplicate_of,
                          similarity=match.similarity)
    return json.dumps(record, ensure_ascii=False)



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


@dataclass
class FeedOptions:
    """How a written feed presents itself and its items: the channel's ``title`` and ``link``
    (a merged feed gets "summarize: N feeds" and no link unless given), ``feeds`` (inputs the
    run read, for that default) and each item's verdict by article id (``matches``)."""

    title: str | None = None
    link: str | None = None
    feeds: int = 1
    matches: dict = field(default_factory=dict)

    def channel_title(self, articles: Sequence[Article]) -> str:
        if self.title:
            return self.title
        if self.feeds > 1 or not articles:
            return f"summarize: {self.feeds} feed{'s' if self.feeds != 1 else ''}"
        return _feed_title(articles, "summarize: 1 feed")


def outlet(article: Article) -> tuple[str | None, str | None]:
    """(name, feed URL or path) of the feed or page an article came from."""
    name = article.meta.get("feed_title") or article.meta.get("site")
    where = article.source if article.source not in (None, "-") else None
    return (str(name) if name else None), where


def _verbatim(articles: Sequence[Article], kind: str, options: FeedOptions | None) -> str | None:
    """The single input feed with the other entries cut out, unless the channel is given another title or link."""
    if options is not None and (options.title or options.link or options.feeds > 1):
        return None
    return original_feed_without(articles, kind)


def write_rss(out: TextIO, articles: Sequence[Article], options: FeedOptions | None = None) -> None:
    original = _verbatim(articles, "rss", options)
    if original is not None:
        out.write(original)
        return
    options = options or FeedOptions()
    feed_title = options.channel_title(articles)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n')
    out.write(f"<title>{escape(feed_title)}</title>\n")
    if options.link:
        out.write(f"<link>{escape(options.link)}</link>\n")
    out.write(f"<description>{escape(feed_title)}</description>\n")
    out.write(f"<lastBuildDate>{format_datetime(_now())}</lastBuildDate>\n")
    out.write("<generator>summarize</generator>\n")
    for a in articles:
        guid = a.meta.get("entry_id") or a.url or a.id
        permalink = "true" if a.url and guid == a.url else "false"
        out.write("<item>\n")
        if a.title:
            out.write(f"<title>{escape(a.title)}</title>\n")
        if a.url:
            out.write(f"<link>{escape(a.url)}</link>\n")
        out.write(f"<guid isPermaLink=\"{permalink}\">{escape(str(guid))}</guid>\n")
        if a.published:
            out.write(f"<pubDate>{escape(_rfc822(a.published))}</pubDate>\n")
        name, where = outlet(a)
        if where and where.lower().startswith(("http://", "https://")):
            out.write(f"<source url={quoteattr(where)}>{escape(name or where)}</source>\n")
        out.write(f"<description>{escape(_paragraphs_html(a.text))}</description>\n")
        out.write("</item>\n")
    out.write("</channel>\n</rss>\n")


def write_atom(out: TextIO, articles: Sequence[Article], options: FeedOptions | None = None) -> None:
    original = _verbatim(articles, "atom", options)
    if original is not None:
        out.write(original)
        return
    options = options or FeedOptions()
    feed_title = options.channel_title(articles)
    updated = _now().isoformat()
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n')
    out.write(f"<title>{escape(feed_title)}</title>\n<id>{escape(options.link or 'urn:summarize:dedup')}</id>\n")
    if options.link:
        out.write(f"<link href={quoteattr(options.link)}/>\n")
    out.write(f"<updated>{updated}</updated>\n<generator>summarize</generator>\n")
    for a in articles:
        entry_id = a.meta.get("entry_id") or a.url or a.id
        out.write("<entry>\n")
        out.write(f"<id>{escape(str(entry_id))}</id>\n")
        out.write(f"<title>{escape(a.title or '')}</title>\n")
        if a.url:
            out.write(f"<link href={quoteattr(a.url)}/>\n")
        out.write(f"<updated>{escape(_iso(a.published) or updated)}</updated>\n")
        if a.published and _iso(a.published):
            out.write(f"<published>{escape(_iso(a.published))}</published>\n")
        name, where = outlet(a)
        if name or where:
            out.write("<source>\n")
            if where:
                out.write(f"<id>{escape(where)}</id>\n")
            if name:
                out.write(f"<title>{escape(name)}</title>\n")
            if where and where.lower().startswith(("http://", "https://")):
                out.write(f"<link rel=\"self\" href={quoteattr(where)}/>\n")
            out.write("</source>\n")
        out.write(f"<content type=\"html\">{escape(_paragraphs_html(a.text))}</content>\n")
        out.write("</entry>\n")
    out.write("</feed>\n")


def write_json_feed(out: TextIO, articles: Sequence[Article], options: FeedOptions | None = None) -> None:
    original = _verbatim(articles, "json", options)
    if original is not None:
        out.write(original)
        return
    options = options or FeedOptions()
    items = []
    for a in articles:
        item = {"id": str(a.meta.get("entry_id") or a.url or a.id), "content_html": _paragraphs_html(a.text)}
        if a.title:
            item["title"] = a.title
        if a.url:
            item["url"] = a.url
        if a.published:
            item["date_published"] = _iso(a.published) or a.published
        name, where = outlet(a)
        if name:
            item["authors"] = [{"name": name}]
        extension = {k: v for k, v in (("outlet", name), ("feed", where)) if v}
        m = options.matches.get(a.id)
        if m is not None:
            extension["status"] = m.status
        if extension:
            item["_summarize"] = extension
        items.append(item)
    doc: dict = {"version": "https://jsonfeed.org/version/1.1", "title": options.channel_title(articles)}
    if options.link:
        doc["home_page_url"] = options.link
    doc["items"] = items
    out.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


def _parsed_date(value: str | None) -> datetime | None:
    from summarize.dates import parse_date

    return parse_date(value) if value else None


def _rfc822(value: str) -> str:
    when = _parsed_date(value)
    return format_datetime(when) if when else value


def _iso(value: str | None) -> str | None:
    when = _parsed_date(value)
    return when.isoformat() if when else None


Writer = Callable[[TextIO, Sequence[Article], "FeedOptions | None"], None]

WRITERS: dict[str, Writer] = {
    "jsonl": write_jsonl,
    "rss": write_rss,
    "atom": write_atom,
    "jsonfeed": write_json_feed,
}


# What ``-o FILE`` asks for by its extension.
OUTPUT_EXTENSIONS = {".xml": "rss", ".rss": "rss", ".atom": "atom", ".json": "jsonfeed", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def format_for_output(path: str | None) -> str | None:
    """The feed format an ``-o`` file name asks for (None: no telling extension)."""
    if path in (None, "-"):
        return None
    import os.path

    return OUTPUT_EXTENSIONS.get(os.path.splitext(path)[1].lower())


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

