"""HTML pages: the main text is extracted with trafilatura; the title from the page metadata.
Feed entries carry small HTML fragments: :func:`html_to_text` turns those into paragraphs."""

from __future__ import annotations

import html as htmllib
import json
import re
from html.parser import HTMLParser

from summarize.document import Article
from summarize.errors import InputError
from summarize.output import warn
from summarize.split import split_paragraphs

EXTENSIONS = (".html", ".htm", ".xhtml")

_LIST_MARKER = re.compile(r"^[ \t]*[-*•][ \t]+")
_TABLE_RULE = re.compile(r"^\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$")


def _plain_lines(text: str) -> str:
    """trafilatura's text output without its Markdown-ish layout: list bullets, table pipes and rules."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if _TABLE_RULE.match(line):
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            line = " | ".join(cell.strip() for cell in line[1:-1].split("|") if cell.strip())
        lines.append(_LIST_MARKER.sub("", line))
    return "\n".join(line for line in lines if line)


def read_html(text: str, source: str, article_id: str | None = None) -> Article:
    """A web page: the article's main text (trafilatura, tables included), one paragraph per block.

    Nothing is dropped silently: when trafilatura finds no main text, or the page
    has a text block libxml2 would truncate, every visible text block is used
    instead, with a warning on stderr; a page with no text at all is an input error.
    """
    meta: dict = {}
    if _has_giant_text_block(text):
        fallback = f"a text block longer than {_LXML_TEXT_LIMIT // 1_000_000} MB"
    else:
        meta = _trafilatura(text)
        fallback = "no main article text found"
    title = meta.get("title") or _page_title(text)
    body = _drop_title_line(_plain_lines(meta.get("text") or ""), title)
    extraction = "trafilatura"
    if not body:
        body, extraction = html_to_text(text), "all page text"
        if not body:
            raise InputError(f"{source}: no text in this HTML page")
        warn(f"{source}: {fallback}; using all the page's text")
    return Article(
        id=article_id or source,
        text=body,
        paragraphs=split_paragraphs(body, per_line=True),
        title=title,
        url=meta.get("source") or meta.get("url") or None,
        published=meta.get("date") or None,
        source=source,
        format="html",
        meta={"extraction": extraction, **({"sitename": meta["sitename"]} if meta.get("sitename") else {})},
    )


def _trafilatura(page: str) -> dict:
    """trafilatura's main text and metadata for ``page`` (empty when it finds none or fails)."""
    import trafilatura

    try:
        extracted = trafilatura.extract(
            page,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except Exception:  # a parser failure on mangled markup: the caller falls back to all the page's text
        return {}
    return json.loads(extracted) if extracted else {}


# libxml2 (under lxml, under trafilatura) cuts a single text node at 10,000,000 bytes, silently.
_LXML_TEXT_LIMIT = 10_000_000


def _has_giant_text_block(page: str) -> bool:
    """Whether some run of text between two tags is long enough for libxml2 to truncate it."""
    if len(page) < _LXML_TEXT_LIMIT // 4:  # 4 bytes per character at most
        return False
    return any(len(piece.encode("utf-8")) >= _LXML_TEXT_LIMIT for piece in page.split("<") if len(piece) >= _LXML_TEXT_LIMIT // 4)


def _drop_title_line(body: str, title: str | None) -> str:
    """The body without its first line when that line is the headline again (the page's ``<h1>``)."""
    first, _, rest = body.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.strip()
    return body


_TITLE_TAG = re.compile(r"<title[^>]{0,200}>(.{0,2000}?)</title>", re.I | re.S)


def _page_title(page: str) -> str | None:
    m = _TITLE_TAG.search(page)
    title = " ".join(htmllib.unescape(m.group(1)).split()) if m else ""
    return title or None


_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "pre", "ul", "ol", "table", "figure", "figcaption"}
_SKIP = {"script", "style", "noscript", "template", "head"}


_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_SKIPPED_BLOCK = re.compile(r"<(script|style|noscript|template|head)\b[^>]{0,2000}>.*?</\1\s*>", re.I | re.S)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element, separated by blank lines."""
    if "<" not in fragment:
        return htmllib.unescape(fragment).strip()
    parser = _TextCollector()
    try:
        parser.feed(fragment)
        parser.close()
        raw = "".join(parser.parts)
    except Exception:  # html.parser gives up on some mangled markup (e.g. "<![X"): drop the tags by pattern
        raw = htmllib.unescape(_ANY_TAG.sub("\n\n", _SKIPPED_BLOCK.sub("\n\n", fragment)))
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", raw)]
    return "\n\n".join(p for p in paras if p)
