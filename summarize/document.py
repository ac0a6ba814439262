"""The document model every stage shares.

An :class:`Article` is what a reader produces; its paragraphs carry the 1-based
line of the source text where they start, and sentences (filled by
:mod:`summarize.split`) carry their own line and character offsets, so every
finding can point back to ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Sentence:
    text: str
    line: int  # 1-based line in the article's source where the sentence starts
    start: int  # character offset in Article.text
    end: int


@dataclass(slots=True)
class Paragraph:
    text: str
    line: int  # 1-based line in the article's source where the paragraph starts
    start: int  # character offset in Article.text
    end: int
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One article.

    ``text`` is the body (title excluded when the reader found a separate one);
    paragraph and sentence offsets index into it. ``line`` numbers are lines of
    the *source*: of the file for text/Markdown, of the body for formats that
    embed it (JSON Lines, feeds, HTML), where ``source_line`` tells the line of
    the record itself.

    ``paragraphs=None`` defers the split: the paragraphs of ``text`` (blank-line
    blocks, else one per line, lines counted from 1) are made when first asked
    for. The JSON Lines and feed readers leave it so, and ``dedup``, which
    matches whole texts, never asks.
    """

    id: str
    text: str
    paragraphs: list[Paragraph] | None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None  # path, "-" for stdin, or a feed/JSONL path
    source_line: int | None = None  # JSONL line / feed entry number, when the article is one record of many
    format: str = "text"  # the reader that produced it
    meta: dict[str, Any] = field(default_factory=dict)
    raw: str | None = None  # the record exactly as read (a JSON Lines line), for writers that give it back
    lang: str | None = None  # the language the input declares (<html lang>, a feed's, a record's "lang"), as written

    def __post_init__(self) -> None:
        if self.paragraphs is None:
            del self.paragraphs  # unset: the first read goes to __getattr__

    def __getattr__(self, name: str) -> Any:
        if name != "paragraphs":
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        from summarize.split import split_paragraphs

        self.paragraphs = split_paragraphs(self.text)
        return self.paragraphs

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def location(self, line: int) -> str:
        """``source:line`` for a finding (``source:record:line`` inside a multi-record file)."""
        src = self.source or self.id
        if self.source_line is not None:
            return f"{src}:{self.source_line}"
        return f"{src}:{line}"
