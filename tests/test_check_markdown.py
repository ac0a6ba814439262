"""Markdown read by a CommonMark parser: which blocks are prose, and the exact line:col of each."""

from __future__ import annotations

import json

import pytest

from check_repo import EDITED_REPEAT, make_blog, git
from conftest import run_cli
from summarize.check.prose import prose_paragraphs


def prose(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, " ".join(p.text.split())) for p in prose_paragraphs(text, "markdown")]


def lines(text: str) -> list[int]:
    return [p.line for p in prose_paragraphs(text, "markdown")]


def test_a_fence_with_attributes_in_its_info_string_is_code_and_the_rest_of_the_page_is_read():
    text = ('Intro paragraph before the example.\n\n'
            '```md {file="content/example.md"}\n'
            'This line is Markdown inside the example, not prose.\n\n'
            '{{< param "foo" >}}\n'
            '```\n\n'
            '````go-html-template {file="layouts/_shortcodes/hl.html" copy=true}\n'
            '```\nnested fence text\n```\n'
            '````\n\n'
            '~~~ {.w-40}\ntilde fence text\n~~~\n\n'
            'The paragraph after the examples is prose.\n')
    assert prose(text) == [(1, 1, "Intro paragraph before the example."),
                           (19, 1, "The paragraph after the examples is prose.")]


def test_the_fences_of_pymdown_blocks_are_not_prose_and_their_body_is():
    # mkdocs-material / PyMdown Extensions blocks (FastAPI's docs): the "/// tip | Title" line was a
    # paragraph of its own, reported as a repeat of every other tip with the same title
    text = ("/// tip | **FastAPI** was inspired by it to\n\nHave an automatic API documentation web interface.\n\n///\n\n"
            "/// note\nA note that follows its fence at once.\n///\n")
    assert prose(text) == [(3, 1, "Have an automatic API documentation web interface."),
                           (8, 1, "A note that follows its fence at once.")]


def test_front_matter_yaml_toml_and_an_unclosed_one():
    assert lines("---\ntitle: x\nsummary: words of the summary\n---\n\nBody.\n") == [6]
    assert lines("---\ntitle: x\n...\n\nBody.\n") == [5]
    assert lines("+++\ntitle = 'x'\n\ndescription = 'more words'\n+++\nBody.\n") == [6]
    # Never closed: not front matter; "---" is a thematic break and the rest is read.
    assert prose("---\nLooks like a key: but is prose\n") == [(2, 1, "Looks like a key: but is prose")]
    # A BOM before the front matter.
    assert lines("\ufeff---\ntitle: x\n---\nBody.\n") == [4]


def test_tables_gfm_and_ones_the_gfm_rule_turns_down_are_not_prose():
    text = ("Before the table.\n\n| a | b |\n|---|---|\n| one cell | two cell |\n\n"
            "Condition|Return value\n:--|:--|:--\n`N > 0`|An empty slice\n\n"
            "| row without a delimiter |\n| another row |\n\n"
            "+-----+-----+\n| x   | y   |\n+-----+-----+\n\nAfter the tables.\n")
    assert prose(text) == [(1, 1, "Before the table."), (18, 1, "After the tables.")]


def test_footnotes_are_prose_at_their_own_lines_and_references_are_dropped():
    text = ("A claim with a note.[^1] And another.[^long]\n\n"
            "[^1]: The first footnote's words.\n\n"
            "[^long]: A longer footnote.\n\n    Its second paragraph, indented.\n\nBody again.\n")
    assert prose(text) == [(1, 1, "A claim with a note. And another."),
                           (3, 7, "The first footnote's words."),
                           (5, 10, "A longer footnote."),
                           (7, 5, "Its second paragraph, indented."),
                           (9, 1, "Body again.")]


def test_a_definition_keeps_its_term_in_front_at_the_term_line():
    text = ("`many`\n: (`string`) The message for the plural form many.\n\n"
            "`Weight`\n: {{< new-in 0.158.0 />}}\n: (`int`) The weight of the language.\n\n"
            "Apple\n:   A fruit.\n\n    With a second paragraph.\n")
    assert prose(text) == [(1, 1, "`many` : (`string`) The message for the plural form many."),
                           (4, 1, "`Weight` : (`int`) The weight of the language."),
                           (8, 1, "Apple : A fruit."),
                           (11, 5, "With a second paragraph.")]


def test_html_blocks_text_is_prose_but_not_code_tables_asides_or_comments():
    text = ('<div class="note">\n  Prose inside a div block.\n</div>\n\n'
            '<aside class="pquote">\n\nA pull quote after a blank line.\n\n</aside>\n\n'
            '<table>\n<tr><td>cell</td></tr>\n\n<tr><td>cell after a blank line</td></tr>\n</table>\n\n'
            '<pre>\ncode\n\nmore code\n</pre>\n\n'
            '<!--\nA comment.\n\nStill the comment.\n-->\n\n'
            '<details>\n<summary>Open</summary>\n\nMarkdown inside details.\n\n</details>\n\n'
            '<p align="center"><a href="x"><img src="logo.png"></a></p>\n\n'
            "> <p>Quoted HTML paragraph.</p>\n\nThe end.\n")
    # <summary>Open</summary> is a title (short, no sentence end), as a Markdown heading is
    assert prose(text) == [(2, 3, "Prose inside a div block."), (32, 1, "Markdown inside details."),
                           (38, 6, "Quoted HTML paragraph."), (40, 1, "The end.")]


def test_the_ignore_comment_marks_the_next_paragraph_only():
    got = [(p.line, p.ignored) for p in prose_paragraphs(
        "<!-- summarize: ignore -->\nMarked paragraph.\n\nNext one.\n\n- item\n\n<!-- summarize: ignore -->\n\n"
        "<div>In a block.</div>\n", "markdown")]
    assert got == [(2, True), (4, False), (6, False), (10, True)]


def test_nested_lists_and_quotes_have_exact_lines_and_columns():
    text = ("1. First level item.\n"
            "   - Second level item\n"
            "     continued on a lazy line.\n\n"
            "     Second paragraph of the second level.\n"
            "       1) Third level.\n"
            "- [ ] A task.\n"
            "- [x] A done task.\n\n"
            "> Quote\n> - list in a quote\n>   > deeper quote\n\n"
            "* \tTabbed item.\n")
    assert prose(text) == [(1, 4, "First level item."),
                           (2, 6, "Second level item continued on a lazy line."),
                           (5, 6, "Second paragraph of the second level."),
                           (6, 11, "Third level."),
                           (7, 7, "A task."),
                           (8, 7, "A done task."),
                           (10, 3, "Quote"),
                           (11, 5, "list in a quote"),
                           (12, 7, "deeper quote"),
                           (14, 4, "Tabbed item.")]


def test_setext_and_atx_headings_are_not_prose():
    text = ("A heading\nover two lines\n===\n\nSub heading\n---\n\n# ATX\n\n## Closed ##\n\n"
            "Paragraph.\n\n- - -\n\nAfter a break.\n")
    assert prose(text) == [(12, 1, "Paragraph."), (16, 1, "After a break.")]


def test_line_numbers_are_exact_with_crlf_and_code():
    text = "Line one.\r\n\r\n    indented code\r\n\r\nThird\r\nparagraph.\r\n"
    assert prose(text) == [(1, 1, "Line one."), (5, 1, "Third paragraph.")]
    text = "Text.\r\rOld Mac line endings.\r"
    assert lines(text) == [1, 3]


@pytest.mark.parametrize("template", [
    "{{< img src=\"a.png\" alt=\"A picture of the widgets on the shelf\" >}}",
    "{{< figure\n  src=\"a.png\"\n  caption=\"A caption of many words on several lines\"\n>}}",
    "{{% include \"/_common/functions/apply.md\" %}}",
    "{{ partial \"footer.html\" . }} {{ end }}",
    "{% include footer.html words=\"here\" %}",
    "{# a Jinja comment with words #}",
    "{: .note }",
    "{/* an MDX comment with words */}",
    "$$\n\\sum_{i} x_i\n$$",
])
def test_template_syntax_is_never_prose_and_splits_paragraphs(template):
    text = f"Before the template.\n{template}\nAfter the template.\n"
    after = 2 + template.count("\n") + 1
    assert prose(text) == [(1, 1, "Before the template."), (after, 1, "After the template.")]


def test_mdx_import_and_export_statements_run_to_a_blank_line():
    text = ("import Tabs from '@theme/Tabs';\nimport TabItem from \"@theme/TabItem\";\n\n"
            "export const meta = {\n  title: 'words in an export',\n}\n\n"
            "Importing data from a file is prose.\n\nimport is lowercase here but not a statement.\n")
    assert prose(text) == [(8, 1, "Importing data from a file is prose."),
                           (10, 1, "import is lowercase here but not a statement.")]


def test_template_blocks_hide_their_body_but_not_the_rest():
    text = ("{{< code-toggle file=hugo >}}\n[params]\n\nsubtitle = 'words of configuration here'\n"
            "{{< /code-toggle >}}\n\n"
            "{{< code-toggle config=sitemap />}}\n\n"  # self-closing: no body to skip
            "Read after the self-closing call.\n\n"
            "{% highlight ruby %}\nputs 'some ruby'\n\nputs 'more ruby'\n{% endhighlight %}\n\n"
            "{% raw %}\n{{ not prose either }}\n{% endraw %}\n\n"
            "{{% note %}}\nProse inside a note shortcode.\n{{% /note %}}\n")
    assert prose(text) == [(9, 1, "Read after the self-closing call."), (22, 1, "Prose inside a note shortcode.")]


def test_template_tags_inside_running_text_are_dropped():
    text = "Use {{< param \"title\" >}} in the text, or {{ .Title }} and {% raw %}x{% endraw %} here.\n"
    assert prose(text) == [(1, 1, "Use in the text, or and x here.")]
    # An unclosed tag is not a tag; and a long run of them stays linear.
    assert prose("Cost is {{ 5 here.\n") == [(1, 1, "Cost is {{ 5 here.")]
    assert len(prose_paragraphs("{{ " * 20000 + "\n", "markdown")) == 1


def test_alerts_admonitions_and_jsx_components():
    text = ("> [!NOTE]\n> The note's own words.\n\n"
            "!!! warning \"Title words\"\n    Admonition body text.\n\n"
            "<Tabs>\n<TabItem value=\"a\">\n\nText in a tab.\n\n</TabItem>\n</Tabs>\n")
    assert prose(text) == [(2, 3, "The note's own words."), (5, 5, "Admonition body text."),
                           (10, 1, "Text in a tab.")]


def test_a_repeat_after_an_attributed_fence_is_found_through_the_real_command(tmp_path):
    blog = make_blog(tmp_path)
    page = ("---\ntitle: Highlight\n---\n\n"
            '```md {file="content/example.md"}\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n```\n\n'
            "{{< code-toggle config=sitemap />}}\n\n"
            f"{EDITED_REPEAT}\n")
    (blog / "content" / "docs").mkdir(parents=True)
    (blog / "content" / "docs" / "highlight.md").write_text(page, encoding="utf-8")
    git(blog, "add", "content/docs/highlight.md")
    proc = run_cli("check", "content/docs/highlight.md", "--format", "json", cwd=blog)
    assert proc.returncode == 1, proc.stderr_text
    [finding] = json.loads(proc.stdout_text)
    assert (finding["path"], finding["line"], finding["col"]) == ("content/docs/highlight.md", 13, 1)
    assert finding["other_path"] == "content/posts/2024-01-time-warner.md"


def test_check_runs_without_importing_the_parser_for_other_formats(tmp_path):
    # The parser is imported when a Markdown file is read, not by `summarize check --help`.
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys\nfrom summarize.check import prose\n"
            "prose.prose_paragraphs('Title\\n=====\\n\\nText.\\n', 'rst')\n"
            "assert 'markdown_it' not in sys.modules\n"
            "prose.prose_paragraphs('Text.\\n', 'markdown')\nassert 'markdown_it' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})


def test_paragraphs_are_cached_in_git_by_content_and_code_version(tmp_path, monkeypatch):
    from summarize.check import prosecache

    path = tmp_path / "summarize-prose.json"
    text = "# Title\n\nA paragraph of prose.\n\n```md {file=\"x.md\"}\ncode\n```\n"
    first = prosecache.ProseCache(path)
    data = text.encode()
    got = first.file(data, "markdown", bytes.decode)
    want = [(p.line, p.col, p.text) for p in got.paragraphs]
    first.save()
    assert path.is_file()

    def no_reading(*args):
        raise AssertionError("read again")

    monkeypatch.setattr(prosecache, "prose_paragraphs", no_reading)
    second = prosecache.ProseCache(path)
    again = second.file(data, "markdown", no_reading)  # not even decoded
    assert [(p.line, p.col, p.text) for p in again.paragraphs] == want
    assert (again.words, again.written, again.keys) == (got.words, got.written, got.keys)
    assert again.hashes.dtype == got.hashes.dtype and (again.hashes == got.hashes).all() and got.hashes.size
    with pytest.raises(AssertionError):  # other bytes, or the same bytes as another format, are read
        second.file(data + b"More.\n", "markdown", bytes.decode)
    with pytest.raises(AssertionError):
        second.file(data, "text", bytes.decode)
    monkeypatch.setattr(prosecache, "_code_version", lambda: "other code")
    with pytest.raises(AssertionError):  # the code that finds paragraphs changed: the cache is dropped
        prosecache.ProseCache(path).file(data, "markdown", bytes.decode)


def test_a_damaged_cache_is_ignored_and_an_edited_file_is_read_again(tmp_path):
    blog = make_blog(tmp_path)
    page = "content/posts/2024-05-note.md"
    (blog / page).write_text("# Note\n\nA paragraph written for this post only, with words of its own here.\n")
    git(blog, "add", page)
    first = run_cli("check", "--format", "json", cwd=blog)
    assert first.returncode == 0, first.stderr_text
    cache = blog / ".git" / "summarize-prose.json"
    assert cache.is_file()
    # The post is edited to repeat another post: the cached paragraphs of its old text are not used.
    (blog / page).write_text(f"# Note\n\n{EDITED_REPEAT}\n")
    second = run_cli("check", "--format", "json", cwd=blog)
    assert second.returncode == 1 and [f["path"] for f in json.loads(second.stdout_text)] == [page]
    cache.write_bytes(b"\x00not json")
    third = run_cli("check", "--format", "json", cwd=blog)
    assert (third.returncode, third.stdout_text, third.stderr_text) == (1, second.stdout_text, second.stderr_text)
    assert "Traceback" not in third.stderr_text
    assert json.loads(cache.read_bytes())["entries"]  # rewritten


def test_go_template_code_and_comments_in_html_layouts_are_not_prose():
    layout = ('{{/*\nRenders an admonition or badge indicating the version in which a feature was introduced.\n'
              '*/}}\n\n{{- with $version := .Get 0 | strings.TrimLeft "vV" }}\n'
              '<div class="note">{{ .Inner }} This feature is new in the release named above.</div>\n{{- end }}\n')
    got = [(p.line, p.text) for p in prose_paragraphs(layout, "html")]
    assert got == [(6, "This feature is new in the release named above.")]


def test_a_paragraph_of_inline_code_is_code_not_prose():
    from summarize.check.markdown import markdown_paragraphs

    doc = ("I ran into this because my Dockerfile ended with a line that looked like this one:\n\n"
           "`CMD datasette serve --host 0.0.0.0 --cors --inspect-file inspect-data.json /data/*.db`\n\n"
           "Run `make` to build the `docs` folder, then open the index page in any browser you like.\n")
    texts = [p.text for p in markdown_paragraphs(doc)]
    assert len(texts) == 2 and not any(t.startswith("CMD") for t in texts)
    assert any("to build the" in t for t in texts)  # prose with code in it stays prose
