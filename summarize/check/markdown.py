"""Prose paragraphs of Markdown, from a CommonMark parser's block tokens.

markdown-it-py parses the file (CommonMark, with GFM tables, and mdit-py-plugins for YAML
front matter, footnotes, definition lists and ``!!!`` admonitions); each block token carries
the source lines it came from (``token.map``), so every paragraph keeps its exact 1-based line,
and its column is found on that line. Only the block level is parsed (inline parsing is
switched off: the paragraph's raw source is what gets fingerprinted, as before).

Prose is the paragraphs, wherever they are (list items, block quotes, footnotes, definitions,
admonitions), and the text of raw HTML blocks outside ``pre/script/style/textarea/table/svg/
math/iframe/aside`` and site chrome (read with the HTML reader of :mod:`summarize.check.prose`).
Not prose: front matter (YAML ``---``, TOML ``+++``, a ``Key: value`` header block), fenced and
indented code (whatever the fence's info string: ```` ```md {file="x.md"} ````), tables, headings,
link-reference definitions, HTML comments, and template syntax, which CommonMark does not know
and is taken out first, by block rules of our own:

- Liquid/Jinja ``{% highlight %}``/``{% raw %}``/``{% comment %}``... and Hugo
  ``{{< highlight >}}``/``{{< code >}}``/``{{< code-toggle >}}`` blocks, up to their closing tag,
  and ``$$`` math;
- lines made of template tags only (Go/Hugo ``{{ }}``, ``{{< >}}``, ``{{% %}}``, Liquid/Jinja
  ``{% %}``, ``{# #}``), including a tag whose arguments run over several lines; kramdown
  attribute lists and MDX/JSX expressions (a line that is one ``{...}``); MDX ``import``/``export``
  statements; pipe-table rows without a delimiter row and grid-table rows; the fences of PyMdown
  Extensions blocks (``/// tip | Title`` ... ``///``, mkdocs-material), whose body is prose.

These interrupt a paragraph (each part of it is its own paragraph); inside running text a
template tag (``Use {{< param x >}} here``) is dropped from the paragraph's words. A GitHub
alert marker (``> [!NOTE]``) is not prose either. A definition keeps its term in front of it
(``term\\n: definition``, at the term's line), as the term often names what the page is about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summarize.check.prose import (
    Prose,
    _HTMLProse,
    TEMPLATE_CLOSE,
    drop_templates,
    html_title,
    visible_text,
)
from summarize.header import header_end

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

# Block tags whose body is code or configuration, up to their own closing tag ("code" must not
# match "code-toggle", whose closing tag is {{< /code-toggle >}}).
_LIQUID_OPEN = re.compile(r"\{%-?\s*(highlight|codeblock|raw|comment|math|latex)\b.*%\}\s*$")
# A self-closing call ({{< code-toggle config=sitemap />}}) has no body.
_HUGO_OPEN = re.compile(r"\{\{[<%]\s*(highlight|code|code-toggle|code-block)(?![\w-]).*(?<!/)[>%]\}\}\s*$")
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$")
_ESM = re.compile(r"(import\s+(['\"]|[\w*{][^'\"]*\bfrom\s+['\"])|export\s+(const|let|var|function|async|class|default|\{|\*)\b)")
_TABLE_DELIM = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_GRID_ROW = re.compile(r"\+[-=+:]+\+?[ \t]*$")
_ALERT = re.compile(r"\[![A-Za-z]+\][+-]?[ \t]*(\n|$)")
_TASK = re.compile(r"\[[ xX]\][ \t]+")
# Raw HTML whose text is not prose: when a block opens one and a blank line ends the block before
# the closing tag, everything up to the closing tag is skipped too.
_RAW_TAGS = ("pre", "script", "style", "textarea", "table", "svg", "math", "iframe", "aside")
_RAW_OPEN = {t: re.compile(r"<" + t + r"(?=[\s/>]|$)", re.I) for t in _RAW_TAGS}
_RAW_CLOSE = {t: re.compile(r"</" + t + r"\s*>", re.I) for t in _RAW_TAGS}


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]: state.eMarks[line]]


def _find_line(state: StateBlock, start: int, end: int, pattern: re.Pattern[str]) -> int:
    """The line after the first from ``start`` whose content ``pattern`` finds (``end`` when none)."""
    for line in range(start, end):
        if pattern.search(_line(state, line)):
            return line + 1
    return end


def _tags_only(state: StateBlock, start: int, end: int) -> int | None:
    """The line after a run of template tags (and nothing else) from ``start``, or None."""
    line, text, pos, found = start, _line(state, start), 0, False
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return line + 1 if found else None
        close = TEMPLATE_CLOSE.get(text[pos: pos + 2])
        if close is None:
            return None
        pos += 2
        while True:  # the closing marks may be lines later (a shortcode's arguments over several lines)
            at = text.find(close, pos)
            if at >= 0:
                pos, found = at + 2, True
                break
            line += 1
            if line >= end or line - start > 40 or state.isEmpty(line):
                return None
            text, pos = _line(state, line), 0


def _template_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Template blocks and lines, MDX statements and bare table rows: a ``template`` token."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False  # indented code
    text = _line(state, start)
    first = text[:1]
    if first == "{":
        liquid, hugo = _LIQUID_OPEN.match(text), _HUGO_OPEN.match(text)
        if liquid:
            after = _find_line(state, start + 1, end, re.compile(r"\{%-?\s*end" + liquid.group(1) + r"\b"))
        elif hugo:
            after = _find_line(state, start + 1, end, re.compile(r"\{\{[<%]\s*/\s*" + hugo.group(1) + r"\s*[>%]\}\}"))
        else:
            after = _tags_only(state, start, end)
            if after is None and text.rstrip().endswith("}") and not text.startswith(("{{", "{%", "{#")):
                after = start + 1  # {: .class} (kramdown), {/* a comment */} (MDX)
            if after is None:
                return False
    elif first == "/" and text.startswith("///"):
        after = start + 1  # a PyMdown Extensions block's fence: "/// tip | Title" opens one, "///" closes it
    elif first == "$" and text.startswith("$$"):
        after = start + 1 if text.count("$$") >= 2 else _find_line(state, start + 1, end, re.compile(r"\$\$"))
    elif first in "ie" and _ESM.match(text):
        after = start + 1
        while after < end and not state.isEmpty(after):
            after += 1
    elif "|" in text and start + 1 < end and _TABLE_DELIM.match(_line(state, start + 1)) and "-" in _line(state, start + 1):
        after = start + 2  # a table the GFM rule turned down (its rows and delimiter disagree on columns)
        while after < end and not state.isEmpty(after) and "|" in _line(state, after):
            after += 1
    elif first in "|+" and ((first == "|" and text.rstrip().endswith("|") and len(text.strip()) > 1)
                            or _GRID_ROW.match(text)):
        after = start + 1
        while after < end and not state.isEmpty(after) and ("|" in _line(state, after)
                                                           or _GRID_ROW.match(_line(state, after))):
            after += 1
    else:
        return False
    if silent:
        return True
    token = state.push("template", "", 0)
    token.map = [start, after]
    state.line = after
    return True


def _toml_front_matter_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """TOML front matter (Hugo): ``+++`` on the first line up to the next ``+++``."""
    if start != 0 or not _TOML_FENCE.match(_line(state, 0)):
        return False
    after = _find_line(state, 1, end, _TOML_FENCE)
    if after == end and not _TOML_FENCE.match(_line(state, end - 1)):
        return False  # never closed: not front matter
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.map = [start, after]
    state.line = after
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(front_matter_plugin).use(footnote_plugin, inline=False, move_to_end=False)
    md.use(deflist_plugin).use(admon_plugin)
    alt = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    md.block.ruler.before("front_matter", "toml_front_matter", _toml_front_matter_rule, alt)
    md.block.ruler.after("table", "template", _template_rule, alt)
    # Only the blocks: a paragraph's raw source is what is fingerprinted.
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    return md


def _column(raw: str, first: str) -> int:
    """1-based column where ``first`` (a paragraph's first line, containers stripped) starts in ``raw``."""
    key = first.strip()
    end = raw.rstrip()
    if key and end.endswith(key):
        return len(end) - len(key) + 1
    at = raw.find(key[:20]) if key else -1
    return at + 1 if at >= 0 else len(raw) - len(raw.lstrip()) + 1


def _clean(text: str) -> str:
    """The visible words of a paragraph: template tags, HTML tags, link targets and URLs off -- but
    not inside code spans, where ``Vec<u8>`` and ``{{closure}}`` are what the text says (they were
    cut to ``Vec`` and nothing, so `` `Vec<u8>` `` and `` `Vec<String>` `` read the same)."""
    spans: list[str] = []
    if "`" in text and ("<" in text or "{" in text):

        def keep(m: re.Match) -> str:
            spans.append(m.group())
            return f"\ue000{len(spans) - 1}\ue001"

        text = _CODE_SPAN.sub(keep, text)
    if "{" in text:
        text = drop_templates(text)
    text = visible_text(text)
    if spans:
        text = _KEPT.sub(lambda m: spans[int(m.group(1))], text)
    return text


_KEPT = re.compile("\ue000(\\d+)\ue001")


class _Out:
    __slots__ = ("out", "ignore_next", "skip_until")

    def __init__(self) -> None:
        self.out: list[Prose] = []
        self.ignore_next = False
        self.skip_until = -1  # 0-based line: prose starting on or before it lies inside raw HTML

    def add(self, text: str, line: int, col: int) -> None:
        if line - 1 <= self.skip_until:
            return
        text = _clean(text)
        if not text.strip():
            return  # tags or template syntax only
        self.out.append(Prose(text, line, col, self.ignore_next))
        self.ignore_next = False


# A paragraph (or list item) that is one link and nothing else: a table of contents' entry, a
# "see also" list, a page's navigation -- not prose, however long the link's text.
_LINK_ONLY = re.compile(r"\s*(?:[*_]{1,2})?\[[^\]\n]+\](?:\([^)\n]*\)|\[[^\]\n]*\])(?:[*_]{1,2})?\s*[.,;]?\s*")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


def _code_only(content: str) -> bool:
    """A paragraph of inline code with at most two words of text around it (a command, a query, a
    tree printed as `...`): code set in a paragraph, not prose, however long the code is."""
    if "`" not in content:
        return False
    rest = _CODE_SPAN.sub(" ", content)
    return rest != content and len(rest.split()) < 3


def markdown_paragraphs(text: str) -> list[Prose]:
    """The prose paragraphs of a Markdown document, in document order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    header = header_end(lines)
    if header:  # a PEP/Pelican "Key: value" header block: blank lines keep the line numbers
        text = "\n" * header + "\n".join(lines[header:])
    tokens = _parser().parse(text)
    out = _Out()
    term: tuple[str, int, int] | None = None  # the definition-list term waiting for its definition
    attach: tuple[str, int, int] | None = None
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "paragraph_open" and tok.map:
            content = tokens[i + 1].content
            if _code_only(content) or _LINK_ONLY.fullmatch(content):
                continue
            start = tok.map[0]
            before = tokens[i - 1].type if i else ""
            if before == "list_item_open":
                task = _TASK.match(content)
                if task:
                    content = content[task.end():]
            if before == "blockquote_open":
                alert = _ALERT.match(content)
                if alert:
                    content = content[alert.end():]
                    start += 1
                    if not content.strip():
                        continue
            body = content.split("\n")
            body = [body[0], *(part.lstrip() for part in body[1:])]
            line = start + 1  # each line of a paragraph's content is one source line
            col = _column(lines[start], body[0]) if start < len(lines) else 1
            joined = "\n".join(body)
            if attach is not None:
                joined = f"{attach[0]}\n: {joined}"
                line, col = attach[1], attach[2]
                attach = None
            out.add(joined, line, col)
        elif kind == "dt_open" and tok.map:
            inline = tokens[i + 1]
            start = tok.map[0]
            term = (inline.content, start + 1, _column(lines[start], inline.content))
        elif kind == "dd_open" and term is not None:
            attach, term = term, None  # for the definition's first paragraph (after any template line)
        elif kind == "dl_close":
            term = attach = None
        elif kind == "html_block" and tok.map:
            _html_block(tok.content, tok.map, lines, out)
    out.out.sort(key=lambda p: (p.line, p.col))
    return out.out


def _html_block(content: str, where: list[int], lines: list[str], out: _Out) -> None:
    """The prose of a raw HTML block (``where``: its 0-based lines, as ``token.map``)."""
    start = where[0]
    parser = _HTMLProse()
    parser.builder.ignore_next = out.ignore_next
    parser.feed(content)
    parser.close()
    parser.builder.flush()
    block_lines = content.split("\n")
    for prose in parser.builder.out:
        line = start + prose.line - 1  # 0-based
        inner = block_lines[prose.line - 1] if prose.line - 1 < len(block_lines) else ""
        raw = lines[line] if line < len(lines) else ""
        shift = len(raw) - len(inner) if inner and raw.endswith(inner) else 0
        text = " ".join(prose.text.split())
        if html_title(_clean(text)):
            continue  # a card's header, a label: a heading in HTML
        out.ignore_next = prose.ignored
        out.add(text, line + 1, shift + prose.col)
    out.ignore_next = parser.builder.ignore_next
    lowered = content.lower()
    for tag in _RAW_TAGS:
        if "<" + tag in lowered:
            opened = len(_RAW_OPEN[tag].findall(content))
            if opened > len(_RAW_CLOSE[tag].findall(content)):
                # A blank line ended the block inside the element: skip to its closing tag.
                end = where[1]
                while end < len(lines) and not _RAW_CLOSE[tag].search(lines[end]):
                    end += 1
                out.skip_until = max(out.skip_until, end)
