"""HTML pages: the main text is extracted with trafilatura; the title from the page metadata.
Feed entries carry small HTML fragments: :func:`html_to_text` turns those into paragraphs."""

from __future__ import annotations

import html as htmllib
import json
import re
from html.parser import HTMLParser

from summarize.document import Article
from summarize.split import split_paragraphs

EXTENSIONS = (".html", ".htm", ".xhtml")


def read_html(text: str, source: str, article_id: str | None = None) -> Article:
    import trafilatura

    extracted = trafilatura.extract(
        text,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
    )
    meta = json.loads(extracted) if extracted else {}
    body = (meta.get("text") or "").strip()
    if not body:
        body = html_to_text(text)
    return Article(
        id=article_id or source,
        text=body,
        paragraphs=split_paragraphs(body),
        title=meta.get("title") or None,
        url=meta.get("source") or meta.get("url") or None,
        published=meta.get("date") or None,
        source=source,
        format="html",
    )


_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "pre", "ul", "ol", "table", "figure", "figcaption"}
_SKIP = {"script", "style", "noscript", "template", "head"}


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
    parser.feed(fragment)
    parser.close()
    raw = "".join(parser.parts)
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", raw)]
    return "\n\n".join(p for p in paras if p)
