"""Prose paragraphs of content files, each with the exact 1-based ``line:col`` where it starts.

``summarize check`` must only ever flag prose: a repeated code sample, a table, a
link-reference list or a front-matter block is not a repeated paragraph. Markdown is
parsed by a CommonMark parser (:mod:`summarize.check.markdown`, markdown-it-py); the other
formats get a small line scanner (reStructuredText, plain text) or an HTML parser that keeps
what reads as running text and drops the rest:

- Markdown: see :mod:`summarize.check.markdown` (paragraphs of list items, block quotes,
  footnotes and definitions are prose; front matter, code, tables, headings, HTML comments,
  raw ``<pre>/<script>/<style>/<table>/<aside>`` HTML and template syntax are not).
- reStructuredText: section titles, directives other than admonitions, comments,
  link targets, literal blocks (after ``::``), doctest blocks, grid and simple tables
  and field lists are not prose.
- HTML: text of block elements; ``script``, ``style``, ``pre``, tables, headings and
  site chrome (``nav``/``header``/``footer``/``aside``, navigation/banner roles,
  menu/sidebar/footer/breadcrumb/share classes) are not prose, nor are template tags
  (``{{ }}``, ``{% %}``: the Go templates of a Hugo site's ``layouts/*.html``).
- Plain text: every blank-line separated block (one paragraph per line when the
  file has no blank line at all); a file that opens with a shell or console prompt
  (``$ cargo test``) is a terminal transcript, not prose.

A ``<!-- summarize: ignore -->`` comment (``.. summarize: ignore`` in rST) marks the
next paragraph as ignored: it is still indexed (so a later copy of it is found) but
never reported.

Paragraph text keeps the visible words only: link targets, image sources, inline
HTML tags, inline comments and bare URLs are dropped before fingerprinting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePath

from summarize.header import header_end

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"})
RST_EXTENSIONS = frozenset({".rst", ".rest"})
TEXT_EXTENSIONS = frozenset({".txt", ".text"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
CONTENT_EXTENSIONS = MARKDOWN_EXTENSIONS | RST_EXTENSIONS | TEXT_EXTENSIONS | HTML_EXTENSIONS

IGNORE_DIRECTIVE = re.compile(r"^\s*<!--\s*summarize\s*:\s*ignore\s*-->\s*$", re.I)
_RST_IGNORE = re.compile(r"^\s*\.\.\s+summarize\s*:\s*ignore\s*$", re.I)


@dataclass(slots=True)
class Prose:
    """One prose paragraph: visible text, and where it starts in the file (1-based)."""

    text: str
    line: int
    col: int
    ignored: bool = False


def format_of(path: str) -> str:
    """``markdown``, ``rst``, ``html`` or ``text`` from the file name (anything else reads as text)."""
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_EXTENSIONS:
        return "markdown"
    if suffix in RST_EXTENSIONS:
        return "rst"
    if suffix in HTML_EXTENSIONS:
        return "html"
    return "text"


def prose_paragraphs(text: str, fmt: str) -> list[Prose]:
    """The prose paragraphs of ``text`` in document order."""
    if fmt == "markdown":
        return _markdown(text)
    if fmt == "rst":
        return _rst(text)
    if fmt == "html":
        return _html(text)
    if _looks_like_rst(text):
        return _rst(text)  # reST under a .txt name (Django's docs, Sphinx test roots)
    return _plain(text)


# A reST directive or hyperlink target opening a line (".. code-block:: python", ".. _intro:"),
# and a section title underlined (or over- and underlined) with one punctuation character.
_RST_MARKUP = re.compile(r"^\.\. (?:[A-Za-z][\w-]*(?::[\w-]+)*::|_[^:\n]+:)", re.M)
_RST_TITLE = re.compile(r"^[^\s].*\n([=\-~^\"'`#*+])\1{2,}[ \t]*$", re.M)


def _looks_like_rst(text: str) -> bool:
    """Whether a plain-text file is written in reST: a directive or target, or two underlined titles."""
    return bool(_RST_MARKUP.search(text)) or len(_RST_TITLE.findall(text)) >= 2


# ---------------------------------------------------------------- inline clean-up

_INLINE_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<[^>]+>`_{1,2}")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_URL = re.compile(r"<?\b(?:https?|ftp)://[^\s>)]+>?")


def visible_text(text: str) -> str:
    """The words a reader sees: link targets, image sources, tags, comments and URLs removed."""
    if "<" in text:
        text = _INLINE_COMMENT.sub(" ", text)
    if "](" in text or "][" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "[^" in text:
        text = _FOOTNOTE_REF.sub(" ", text)
    if "`_" in text:
        text = _RST_LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "://" in text:
        text = _URL.sub(" ", text)
    return text


# Template tags: Go/Hugo {{ }} (and {{< >}}, {{% %}}), Liquid/Jinja {% %} and {# #}.
_TEMPLATE_OPEN = re.compile(r"\{[{%#]")
TEMPLATE_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}


def drop_templates(text: str) -> str:
    """``text`` with every template tag replaced by a space (linear: a kind of tag whose closing
    marks are missing is not looked for again)."""
    out, pos, search, dead = [], 0, 0, set()
    while True:
        m = _TEMPLATE_OPEN.search(text, search)
        if not m:
            break
        if m.group() in dead:
            search = m.end()
            continue
        end = text.find(TEMPLATE_CLOSE[m.group()], m.end())
        if end < 0:
            dead.add(m.group())
            search = m.end()
            continue
        out.append(text[pos: m.start()])
        out.append(" ")
        pos = search = end + 2
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------- shared paragraph builder


class _Builder:
    """Collects the lines of the current paragraph and emits :class:`Prose` on a break."""

    __slots__ = ("out", "parts", "line", "col", "ignore_next")

    def __init__(self) -> None:
        self.out: list[Prose] = []
        self.parts: list[str] = []
        self.line = 0
        self.col = 0
        self.ignore_next = False

    def add(self, content: str, line: int, col: int) -> None:
        if not self.parts:
            self.line, self.col = line, col
        self.parts.append(content)

    def flush(self) -> None:
        if self.parts:
            self.out.append(Prose(visible_text("\n".join(self.parts)), self.line, self.col, self.ignore_next))
            self.parts = []
            self.ignore_next = False

    def drop(self) -> None:
        """Forget the current paragraph (it turned out to be a heading)."""
        self.parts = []

    def ignore(self) -> None:
        self.flush()
        self.ignore_next = True


def _indent(line: str) -> int:
    """Indentation width with tabs to the next multiple of 4."""
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _lead(line: str) -> int:
    """Number of leading white-space characters (not columns)."""
    return len(line) - len(line.lstrip())


# ---------------------------------------------------------------- plain text


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


# A shell, REPL or console prompt opening a line: "$ cargo run", "user@host:~$ ls",
# "PS C:\\> dir", "C:\\> dir", ">>> print(1)".
_PROMPT = re.compile(r"(?:\$|[\w.-]+@[\w.-]+:[^\s$#]*[$#]|PS [A-Za-z]:\\[^>]*>|[A-Za-z]:\\[^>\s]*>|>>>) [A-Za-z._~/-]")


def _plain(text: str) -> list[Prose]:
    lines = text.split("\n")
    opening = next((line for line in lines if line.strip()), "")
    if _PROMPT.match(opening):
        return []  # a terminal transcript (a book's saved compiler output, "$ cargo test ..."): not prose
    # Scraped text often has one paragraph per line and no blank line at all.
    one_per_line = not _BLANK_LINE.search(text.strip())
    b = _Builder()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            b.flush()
            continue
        if IGNORE_DIRECTIVE.match(line):
            b.ignore()
            continue
        b.add(line.strip(), number, _lead(line) + 1)
        if one_per_line:
            b.flush()
    b.flush()
    return b.out


# ---------------------------------------------------------------- Markdown


def _markdown(text: str) -> list[Prose]:
    # A CommonMark parser (markdown-it-py), imported on the first Markdown file only.
    from summarize.check.markdown import markdown_paragraphs

    return markdown_paragraphs(text)


# ---------------------------------------------------------------- reStructuredText

_GRID_TABLE = re.compile(r"^\+[-=+:]+\+?[ \t]*$")
_RST_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}[ \t]*$")
_RST_EXPLICIT = re.compile(r"^\.\.(\s|$)")
_RST_DIRECTIVE = re.compile(r"^\.\.\s+([\w:-]+)::")
_RST_FOOTNOTE = re.compile(r"^\.\.\s+\[[^\]]+\]\s+")
_RST_SIMPLE_TABLE = re.compile(r"^=+([ \t]+=+)+[ \t]*$")
_RST_FIELD = re.compile(r"^:[^:\s][^:]*:(\s|$)")
_RST_LIST_ITEM = re.compile(r"^([-+*\u2022]|\d+[.)]|#[.)]|\(\d+\)|[a-zA-Z][.)]|\([a-zA-Z]\))[ \t]+")
_RST_PROSE_DIRECTIVES = frozenset({
    "note", "warning", "tip", "hint", "important", "attention", "caution", "danger", "error",
    "seealso", "admonition", "topic", "sidebar", "epigraph", "highlights", "pull-quote",
    "rubric", "versionadded", "versionchanged", "deprecated",
})


def _rst(text: str) -> list[Prose]:
    lines = text.split("\n")
    n = len(lines)
    b = _Builder()
    literal_next = False  # the previous paragraph ended with "::": the next indented block is code
    literal_indent = 0
    i = header_end(lines)
    while i < n:
        line = lines[i]
        number = i + 1
        body = line.strip()
        if not body:
            if b.parts:
                last = b.parts[-1].rstrip()
                b.flush()
                if last.endswith("::"):
                    literal_next = True
            i += 1
            continue
        indent = _indent(line)
        if literal_next:
            literal_next = False
            if indent > literal_indent:
                i = _skip_indented(lines, i, literal_indent)
                continue
        if IGNORE_DIRECTIVE.match(line) or _RST_IGNORE.match(line):
            b.ignore()
            i += 1
            continue
        if _RST_ADORNMENT.match(body) and (not b.parts or len(b.parts) == 1):
            # Over/underline of a section title: the title is not prose.
            b.drop()
            if i + 2 < n and lines[i + 1].strip() and _RST_ADORNMENT.match(lines[i + 2].strip()):
                i += 3  # overline, title, underline
            else:
                i += 1
            continue
        if _RST_SIMPLE_TABLE.match(body) or _GRID_TABLE.match(body):
            b.flush()
            i = _skip_rst_table(lines, i, simple=bool(_RST_SIMPLE_TABLE.match(body)))
            continue
        if _RST_EXPLICIT.match(body):
            b.flush()
            directive = _RST_DIRECTIVE.match(body)
            footnote = _RST_FOOTNOTE.match(body)
            if footnote:
                b.add(body[footnote.end():], number, _lead(line) + footnote.end() + 1)
                i += 1
                continue
            if directive and directive.group(1).lower() in _RST_PROSE_DIRECTIVES:
                argument = body[directive.end():].strip()
                if argument and directive.group(1).lower() not in ("admonition", "topic", "sidebar", "rubric"):
                    b.add(argument, number, _lead(line) + len(body) - len(body[directive.end():].lstrip()) + 1)
                i += 1
                # Skip the directive's options (":class: ..."), keep its body as prose.
                while i < n and lines[i].strip().startswith(":") and _RST_FIELD.match(lines[i].strip()):
                    i += 1
                continue
            i = _skip_indented(lines, i + 1, indent)
            continue
        if body == "::" or body.startswith(">>>"):
            b.flush()
            if body.startswith(">>>"):
                while i < n and lines[i].strip():
                    i += 1
            else:
                literal_next, literal_indent = True, indent
                i += 1
            continue
        if _RST_FIELD.match(body) and not b.parts:
            i += 1
            continue
        item = _RST_LIST_ITEM.match(body)
        if item:
            b.flush()
            b.add(body[item.end():], number, _lead(line) + item.end() + 1)
            literal_indent = indent
            i += 1
            continue
        if body.startswith("| "):
            body = body[2:]
            b.add(body, number, _lead(line) + 3)
            i += 1
            continue
        if not b.parts:
            literal_indent = indent
        b.add(body, number, _lead(line) + 1)
        i += 1
    b.flush()
    return b.out


def _skip_indented(lines: list[str], i: int, indent: int) -> int:
    """Index of the first non-blank line indented ``indent`` or less, from ``i``."""
    while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > indent):
        i += 1
    return i


def _skip_rst_table(lines: list[str], i: int, simple: bool) -> int:
    if not simple:
        while i < len(lines) and lines[i].strip():
            i += 1
        return i
    # A simple table: border, rows, border, rows, border -- it ends at a border
    # followed by a blank line (or the end of the file).
    j = i + 1
    while j < len(lines):
        if _RST_SIMPLE_TABLE.match(lines[j].strip()) and (j + 1 == len(lines) or not lines[j + 1].strip()):
            return j + 1
        j += 1
    return j


# ---------------------------------------------------------------- HTML

_HTML_BLOCK = frozenset({
    "p", "div", "li", "dd", "dt", "blockquote", "section", "article", "main", "figure", "figcaption",
    "ul", "ol", "dl", "hr", "details", "summary", "address", "body", "html", "br_block", "center",
})
_HTML_SKIP = frozenset({
    "script", "style", "pre", "table", "head", "title", "template", "noscript", "svg", "math",
    "textarea", "select", "nav", "header", "footer", "aside", "form", "button", "iframe", "object",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


# Site chrome repeated on every page of a generated site: never prose.
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_CHROME_CLASS = re.compile(r"(?:^|[\s_-])(nav|navbar|menu|sidebar|footer|breadcrumbs?|cookies?|share|social|related)(?:$|[\s_-])", re.I)


def _is_chrome(attrs) -> bool:
    for name, value in attrs:
        if not value:
            continue
        if name == "role" and value.lower() in _CHROME_ROLES:
            return True
        if name in ("class", "id") and _CHROME_CLASS.search(value):
            return True
    return False


class _HTMLProse(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = _Builder()
        self.skip: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.skip:
            if tag == self.skip[-1] or (tag in _HTML_SKIP and tag not in _VOID):
                self.skip.append(tag)
            return
        if tag in _HTML_SKIP or (tag not in _VOID and attrs and _is_chrome(attrs)):
            self.builder.flush()
            self.skip.append(tag)
        elif tag in _HTML_BLOCK:
            self.builder.flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.skip and tag in _HTML_BLOCK:
            self.builder.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _HTML_BLOCK:
            self.builder.flush()

    def handle_comment(self, data: str) -> None:
        if not self.skip and IGNORE_DIRECTIVE.match(f"<!--{data}-->"):
            self.builder.ignore()

    def handle_data(self, data: str) -> None:
        if self.skip or not data.strip():
            return
        line, offset = self.getpos()
        if not self.builder.parts:
            lead = data[: len(data) - len(data.lstrip())]
            newlines = lead.count("\n")
            if newlines:
                line += newlines
                col = len(lead) - lead.rfind("\n")
            else:
                col = offset + len(lead) + 1
            self.builder.add(data.strip(), line, col)
        else:
            self.builder.parts.append(data)


def _html(text: str) -> list[Prose]:
    parser = _HTMLProse()
    parser.feed(text)
    parser.close()
    parser.builder.flush()
    out = []
    for prose in parser.builder.out:  # template tags (Go templates of a site's layouts) are not prose
        prose.text = " ".join((drop_templates(prose.text) if "{" in prose.text else prose.text).split())
        if prose.text and not html_title(prose.text):
            out.append(prose)
    return out


_SENTENCE_END = re.compile(r"[.!?:;\u2026\u3002\uff01\uff1f][\"'\u201d\u2019)\]*_]*$")
HTML_TITLE_WORDS = 15


def html_title(text: str) -> bool:
    """Whether a block of HTML reads as a title or label, not prose: at most
    :data:`HTML_TITLE_WORDS` words and no mark ending a sentence (a card's header
    ``<div style="font-weight: bold">Stabilize the next-generation trait solver <a>(#113)</a></div>``,
    a ``<strong>`` link beside a progress bar). Markdown's own headings are not prose either."""
    return len(text.split()) <= HTML_TITLE_WORDS and not _SENTENCE_END.search(text.rstrip())
