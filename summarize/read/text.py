"""Plain text and Markdown: the title is the first line (or the first heading); paragraphs are
separated by blank lines; every paragraph keeps the 1-based line of the file where it starts."""

from __future__ import annotations

import re

from summarize.document import Article
from summarize.split import split_paragraphs

EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~).*?^[ \t]{0,3}\1[^\n]*$", re.S | re.M)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_TITLE_FIELD = re.compile(r"^title\s*[:=]\s*[\"']?(.*?)[\"']?\s*$", re.M)


def mask(text: str, start: int, end: int) -> str:
    """Blank ``text[start:end]`` keeping its line breaks, so offsets and line numbers stay valid."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def looks_like_title(line: str, more_follows: bool) -> bool:
    """A first line is a headline when more text follows and it reads like one:
    at most 25 words and not ending like a sentence."""
    words = line.split()
    return more_follows and 0 < len(words) <= 25 and not line.rstrip().endswith((".", ",", ";"))


def read_text(text: str, source: str, article_id: str | None = None) -> Article:
    """A plain-text article: the first non-blank line is the title when it reads like one."""
    lines = text.split("\n")
    title = None
    body = text
    for i, line in enumerate(lines):
        if line.strip():
            if not looks_like_title(line, any(l.strip() for l in lines[i + 1 :])):
                break
            title = line.strip()
            start = sum(len(l) + 1 for l in lines[:i])
            body = mask(text, start, start + len(line))
            break
    return Article(
        id=article_id or source,
        text=text,
        paragraphs=split_paragraphs(body),
        title=title,
        source=source,
        format="text",
    )


def read_markdown(text: str, source: str, article_id: str | None = None) -> Article:
    """A Markdown article: front matter and fenced code are not prose; the first heading
    (or front matter ``title``) is the title; other headings are left out of the body."""
    body = text
    title = None
    fm = _FRONT_MATTER.match(text)
    if fm:
        found = _TITLE_FIELD.search(fm.group(0))
        title = found.group(1) if found else None
        body = mask(body, 0, fm.end())
    for m in _FENCE.finditer(body):
        body = mask(body, m.start(), m.end())
    offset = 0
    for line in body.split("\n"):
        h = _HEADING.match(line)
        if h:
            if title is None:
                title = h.group(2).strip()
            body = mask(body, offset, offset + len(line))
        offset += len(line) + 1
    if title is None:
        article = read_text(body, source, article_id)
        article.text, article.format = text, "markdown"
        return article
    return Article(
        id=article_id or source,
        text=text,
        paragraphs=split_paragraphs(body),
        title=title,
        source=source,
        format="markdown",
    )
