"""Plain text and Markdown: the title is the first line (or the first heading); paragraphs are
separated by blank lines (or are single lines when the text has no blank line at all); every
paragraph keeps the 1-based line of the file where it starts.

Markdown syntax that is not prose (front matter, fenced code, headings, list and quote
markers, link targets, HTML tags and comments) is *blanked* -- replaced by spaces, line breaks
kept -- rather than removed, so every offset and line number still points into the file.
"""

from __future__ import annotations

import re

from summarize.document import Article, Paragraph
from summarize.header import header_end, header_title
from summarize.read.quoted import quoted_spans
from summarize.split import LineIndex, has_blank_line, split_paragraphs

EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

# A header block longer than this is not one (the search stays bounded on huge files).
_HEADER_LINES = 200

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.S)
_TITLE_FIELD = re.compile(r"^title\s*[:=]\s*[\"']?(.*?)[\"']?\s*$", re.M)
_LANG_FIELD = re.compile(r"^(?:lang|language|locale)\s*[:=]\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)[\"']?\s*$", re.M)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_RAW_HTML = re.compile(r"[ \t]{0,3}<(pre|script|style|textarea)(?=[\s>]|$)", re.I)
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,500}\]:[ \t]*\S")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_QUOTE = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")

# Inline syntax: (pattern, groups to keep). Bounded repeats keep every pattern linear. Link text,
# emphasis and code spans may run over a line break (a wrapped paragraph), never over a blank line.
_BREAK = r"\n(?![ \t]*\n)"
_INLINE = [
    (re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)"), ()),
    (re.compile(rf"\[((?:[^\[\]\n]|{_BREAK}){{1,500}})\](?:\([^()\n]{{0,2000}}\)|\[[^\[\]\n]{{0,500}}\])"), (1,)),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,1000})?/?>"), ()),
    (re.compile(r"<(https?://[^>\s]{1,2000})>"), (1,)),
    (re.compile(rf"\*\*(?=\S)((?:[^*\n]|\*(?!\*)|{_BREAK}){{1,2000}}?)(?<=\S)\*\*"), (1,)),
    (re.compile(rf"__(?=\S)((?:[^_\n]|_(?!_)|{_BREAK}){{1,2000}}?)(?<=\S)__"), (1,)),
    (re.compile(rf"(?<![\w*])\*(?=[^\s*])((?:[^*\n]|{_BREAK}){{1,2000}}?)(?<=[^\s*])\*(?![\w*])"), (1,)),
    (re.compile(rf"(?<![\w_])_(?=[^\s_])((?:[^_\n]|{_BREAK}){{1,2000}}?)(?<=[^\s_])_(?![\w_])"), (1,)),
    (re.compile(rf"(`+)((?:[^`\n]|{_BREAK}){{1,2000}}?)\1"), (2,)),
]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every ``(start, end)`` span replaced by spaces, line breaks kept."""
    if not spans:
        return text
    out = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if start >= end:
            continue
        out.append(text[pos:start])
        piece = text[start:end]
        out.append(re.sub(r"[^\n]", " ", piece) if "\n" in piece else " " * len(piece))
        pos = end
    out.append(text[pos:])
    return "".join(out)


_CONTINUES = re.compile(r"[a-z][a-z'\u2019-]*\b")  # an all-lower-case first word: "would", not "iFlyTek"
# How a sentence (or a wrapped line) ends: "." "," ";" -- also inside closing quotes or brackets
# ('...this year."', '(see below.)'), where "!", "?" and "…" end a quoted sentence too. A bare "?"
# or "!" does not: headlines ask and exclaim ("Who pays for the bridge?").
_SENTENCE_END = re.compile(r"(?:[.,;]|[.,;!?\u2026][\"'\u201d\u2019\u201c\u2018\u00bb\u00ab\u203a)\]]+)\s*$")


# A time stamp on a line of its own: "Updated January 05, 2010", "Published: 3 May 2021 10:02".
_STAMP_LINE = re.compile(r"[ \t]*(?:Updated|Published|Posted|Last updated)(?::|[ \t]+on)?[ \t]+[\w ,.:\t]{0,40}?\b\d{4}\b[\w ,.:\t]{0,20}\r?$")


def looks_like_title(line: str, more_follows: bool, next_line: str = "") -> bool:
    """A first line is a headline when more text follows and it reads like one:
    at most 25 words, not ending like a sentence, and not the first line of a hard-wrapped
    paragraph (the line right below it does not carry on with a lower-case word)."""
    words = line.split()
    if _CONTINUES.match(next_line.lstrip()):
        return False
    return more_follows and 0 < len(words) <= 25 and not _SENTENCE_END.search(line)


def _metadata_header(text: str) -> tuple[str | None, int]:
    """The title and end offset of a ``Key: value`` header block with a ``Title:`` or ``Subject:``
    field (a PEP, an e-mail, Pelican metadata): metadata, not prose. Without such a field
    ("Q: ... / A: ..." of an interview) there is none: ``(None, 0)``."""
    lines = text.split("\n", _HEADER_LINES)[:_HEADER_LINES]
    header = header_end(lines)
    if 0 < header < _HEADER_LINES and (title := header_title(lines[:header])) is not None:
        return title, sum(len(line) + 1 for line in lines[:header]) - 1
    return None, 0


# Project Gutenberg's frame: the licence header and footer around the work ("*** START OF THE
# PROJECT GUTENBERG EBOOK ... ***", "*** END OF ..."); the work's title is the header's "Title:".
_GUTENBERG_START = re.compile(r"^\*{3} ?START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b[^\n]*$", re.M | re.I)
_GUTENBERG_END = re.compile(r"^\*{3} ?END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b[^\n]*$", re.M | re.I)
_GUTENBERG_TITLE = re.compile(r"^Title:[ \t]*(\S[^\n]*?)[ \t]*$", re.M)


def _gutenberg_frame(text: str) -> tuple[str | None, list[tuple[int, int]]]:
    """The title and the spans of licence text around a Project Gutenberg e-book (none otherwise)."""
    start = _GUTENBERG_START.search(text, 0, 100_000)
    if start is None:
        return None, []
    found = _GUTENBERG_TITLE.search(text, 0, start.start())
    spans = [(0, start.end())]
    end = _GUTENBERG_END.search(text, start.end())
    if end is not None:
        spans.append((end.start(), len(text)))
    return (found.group(1) if found else None), spans


def read_text(text: str, source: str, article_id: str | None = None) -> Article:
    """A plain-text article: the first non-blank line is the title when it reads like one.

    Whether blank lines separate paragraphs is decided on the body: a blank line
    right after the title does not make a one-paragraph-per-line body one paragraph.
    """
    title = None
    body = text
    title, header = _metadata_header(text)
    if header:
        body = blank(text, [(0, header)])
    elif "GUTENBERG" in text[:100_000].upper():
        title, frame = _gutenberg_frame(text)
        body = blank(text, frame)
    body = blank(body, quoted_spans(body))  # a reply's "> " lines are the messages it answers
    stripped = body.lstrip()
    if stripped and title is None:
        start = len(body) - len(stripped)
        start = body.rfind("\n", 0, start) + 1
        end = body.find("\n", start)
        end = len(body) if end < 0 else end
        if _STAMP_LINE.match(body, start, end) and end < len(body):  # "Updated January 05, 2010" above the headline
            start = end + 1
            end = body.find("\n", start)
            end = len(body) if end < 0 else end
        line = body[start:end]
        after = body.find("\n", end + 1)
        following = body[end + 1 : after if after >= 0 else len(body)]
        if looks_like_title(line, bool(body[end:].strip()), following):
            title = line.strip()
            body = blank(body, [(start, end)])
    return Article(
        id=article_id or source,
        text=text,
        paragraphs=split_paragraphs(body, per_line=not has_blank_line(body)),
        title=title,
        source=source,
        format="text",
    )


def _html_comments(text: str) -> list[tuple[int, int]]:
    """Spans of ``<!-- ... -->`` comments, found in one pass (an unclosed one ends the search)."""
    spans = []
    pos = text.find("<!--")
    while pos >= 0:
        end = text.find("-->", pos + 4)
        if end < 0:
            break
        spans.append((pos, end + 3))
        pos = text.find("<!--", end + 3)
    return spans


def _inline_plain(text: str, labels: frozenset[str] = frozenset()) -> str:
    """``text`` with inline Markdown syntax blanked (link text and emphasised words kept).

    Kept words stay where they are, except before punctuation: ``[a link](url).``
    becomes ``a link.`` right-aligned on the full stop, not ``a link       .``.
    """

    def same_length(m: re.Match, keep: tuple[int, ...]) -> str:
        whole = m.group(0)
        if not keep:
            return blank(whole, [(0, len(whole))])
        following = m.string[m.end() : m.end() + 1]
        before_punctuation = following and not following.isspace() and not following.isalnum()
        if "\n" not in whole and before_punctuation:
            kept = "".join(m.group(g) for g in keep)
            return " " * (len(whole) - len(kept)) + kept
        out = _blank_around(m, keep)
        if before_punctuation:  # over a line break: the last line's words right-aligned on the mark
            cut = out.rfind("\n") + 1
            last = out[cut:].rstrip()
            out = out[:cut] + " " * (len(out) - cut - len(last)) + last
        return out

    text = blank(text, _html_comments(text))
    for pattern, keep in _INLINE:
        text = pattern.sub(lambda m: same_length(m, keep), text)
    if labels:  # shortcut reference links: "[rustup]" with "[rustup]: https://..." defined below
        text = _SHORTCUT_LINK.sub(lambda m: same_length(m, (1,)) if _label(m.group(1)) in labels else m.group(0),
                                  text)
    return text


_SHORTCUT_LINK = re.compile(r"(?<![\]\\])\[([^\[\]\n]{1,500})\](?![(\[:])")
_DEFINED_LABEL = re.compile(r"^[ \t]{0,3}\[([^\[\]\n]{1,500})\]:[ \t]*\S", re.M)


def _label(text: str) -> str:
    """A link label as CommonMark matches them (case-folded, white space collapsed), and without
    code and emphasis marks: ``[`v0.0.97`]`` is read as ``[ v0.0.97]`` before it is looked up."""
    return " ".join(text.translate(_MARKS).split()).casefold()


_MARKS = str.maketrans("`*_", "   ")


def _blank_around(m: re.Match, keep: tuple[int, ...]) -> str:
    """The match with everything but the kept groups blanked in place."""
    spans, pos = [], m.start()
    for group in keep:
        spans.append((pos - m.start(), m.start(group) - m.start()))
        pos = m.end(group)
    spans.append((pos - m.start(), m.end() - m.start()))
    return blank(m.group(0), spans)


def _plain_title(markdown: str) -> str:
    return " ".join(_inline_plain(markdown).split())


def read_markdown(text: str, source: str, article_id: str | None = None) -> Article:
    """A Markdown article: front matter, code, headings and markup are not prose; the first
    heading (or the front matter ``title``) is the title; list items are paragraphs of their own.

    As in plain text, a document whose prose has no blank line at all gets one paragraph per line.
    """
    title = None
    hidden: list[tuple[int, int]] = []  # block syntax to blank
    blocks: list[list[tuple[int, int]]] = []  # the prose lines of each paragraph
    current: list[tuple[int, int]] | None = None
    blank_lines = False  # a blank line between two prose lines (not around headings, code or front matter)
    pending_blank = False
    quoted = False  # whether the current paragraph is a block quote

    pos = 0
    lang = None
    fm = _FRONT_MATTER.match(text)
    if fm:
        found = _TITLE_FIELD.search(fm.group(0))
        title = _plain_title(found.group(1)) if found and found.group(1).strip() else None
        lang = (found := _LANG_FIELD.search(fm.group(0))) and found.group(1)
        hidden.append((0, fm.end()))
        pos = fm.end()
    else:
        found, header = _metadata_header(text)
        if header:
            title = _plain_title(found)
            hidden.append((0, header))
            pos = header

    fence: str | None = None
    raw: str | None = None  # the raw HTML block (CommonMark's kind 1) being skipped
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if fence is not None:
            hidden.append((pos, end))
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
        elif raw is not None:  # inside <pre>, <script>, <style> or <textarea>: not prose
            hidden.append((pos, end))
            if f"</{raw}" in line.lower():
                raw = None
        elif (r := _RAW_HTML.match(line)) is not None:
            hidden.append((pos, end))
            current = None
            raw = None if f"</{r.group(1).lower()}" in line.lower() else r.group(1).lower()
        elif not line.strip():
            current, pending_blank = None, True
        elif m := _FENCE.match(line):
            fence, current = m.group(1), None
            hidden.append((pos, end))
        elif (h := _HEADING.match(line)) is not None:
            if title is None and h.group(2):
                title = _plain_title(h.group(2))
            hidden.append((pos, end))
            current = None
        elif current is not None and _SETEXT.match(line) and not _LIST_ITEM.match(text, current[0][0]):
            heading = blocks.pop()
            if title is None:
                title = _plain_title(" ".join(text[a:b] for a, b in heading))
            hidden.append((heading[0][0], end))
            current = None
        elif _THEMATIC.match(line) or _LINK_DEFINITION.match(line):
            hidden.append((pos, end))
            current = None
        else:
            marker = _QUOTE.match(text, pos, end)
            content = marker.end() if marker else pos
            if marker:
                hidden.append((pos, content))
            item = _LIST_ITEM.match(text, content, end)
            if item:
                hidden.append((content, item.end()))
                content = item.end()
            blank_lines = blank_lines or (pending_blank and bool(blocks))
            pending_blank = False
            if current is None or item or quoted != bool(marker):
                current, quoted = [], bool(marker)
                blocks.append(current)
            current.append((content, end))
        if nl < 0:
            break
        pos = nl + 1

    if not blank_lines:  # no blank line between prose lines: every line is a paragraph
        blocks = [[span] for block in blocks for span in block]
    labels = frozenset(_label(m.group(1)) for m in _DEFINED_LABEL.finditer(text)) if "]:" in text else frozenset()
    plain = _inline_plain(blank(text, hidden), labels)
    lines = LineIndex(text)
    paragraphs = []
    for block in blocks:
        start, end = block[0][0], block[-1][1]
        chunk = plain[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            s = start + lead
            paragraphs.append(Paragraph(body, lines.line(s), s, s + len(body)))
    if title is None and len(paragraphs) > 1 and "\n" not in paragraphs[0].text:
        if looks_like_title(paragraphs[0].text, True):
            title = " ".join(paragraphs[0].text.split())
            paragraphs = paragraphs[1:]
    return Article(
        id=article_id or source,
        text=text,
        paragraphs=paragraphs,
        title=title,
        source=source,
        format="markdown",
        lang=lang or None,
    )
