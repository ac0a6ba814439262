"""Prose extraction: what counts as a paragraph, and the exact line:col where it starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.check.prose import format_of, prose_paragraphs, visible_text
from summarize.check.template import other_terms, parallel_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"


def paragraphs(name: str):
    return [(p.line, p.col, p.text, p.ignored) for p in prose_paragraphs((FIXTURES / name).read_text(), format_of(name))]


def test_markdown_keeps_prose_and_drops_everything_else():
    got = paragraphs("kitchen-sink.md")
    assert got == [
        (8, 1, "The council approved the new flood barrier on the river after a long debate about costs.", False),
        (24, 3, "First item of a list that talks about the barrier and its cost.", False),
        (25, 3, "Second item of a list\nthat continues on a second line.", False),
        (30, 3, "A quoted paragraph from the minutes of the meeting where they voted.", False),
        (36, 1, "This paragraph is marked so that the checker never reports it as a repeat.", True),
        (42, 1, "Final paragraph. ", False),
        (44, 7, "A footnote with enough words to be a paragraph of its own right here.", False),
    ]


def test_markdown_never_yields_the_sentence_hidden_in_code_tables_comments_and_front_matter():
    # kitchen-sink.md repeats "The council approved the new flood barrier ..." in front matter,
    # a fenced block, an indented block, a table, a link reference and an HTML comment.
    texts = [t for _, _, t, _ in paragraphs("kitchen-sink.md")]
    assert sum("council approved" in t for t in texts) == 1


def test_toml_front_matter_and_unclosed_fence():
    text = "+++\ntitle = 'x'\ndescription = 'a long description of many words here'\n+++\n\nBody paragraph here.\n\n```\ncode never closed\n\nmore code\n"
    assert [(p.line, p.text) for p in prose_paragraphs(text, "markdown")] == [(6, "Body paragraph here.")]


def test_yaml_front_matter_only_at_the_very_top():
    text = "Intro paragraph.\n\n---\n\nAfter a thematic break.\n"
    assert [(p.line, p.text) for p in prose_paragraphs(text, "markdown")] == [(1, "Intro paragraph."), (5, "After a thematic break.")]


def test_markdown_setext_heading_and_liquid_highlight_are_not_prose():
    text = "Heading text\n------------\n\n{% highlight ruby %}\nputs 'some ruby code here'\n{% endhighlight %}\n\nReal text.\n"
    assert [(p.line, p.text) for p in prose_paragraphs(text, "markdown")] == [(8, "Real text.")]


def test_markdown_nested_quote_column():
    text = "> > Deeply quoted words of a speaker.\n"
    [p] = prose_paragraphs(text, "markdown")
    assert (p.line, p.col, p.text) == (1, 5, "Deeply quoted words of a speaker.")


def test_markdown_code_inside_list_item_needs_four_more_columns():
    text = "- item text\n\n      code in the item\n\n  continued item paragraph\n"
    assert [(p.line, p.col, p.text) for p in prose_paragraphs(text, "markdown")] == [
        (1, 3, "item text"), (5, 3, "continued item paragraph")]


def test_rst():
    got = paragraphs("guide.rst")
    assert [(line, col, ignored) for line, col, _, ignored in got] == [
        (8, 1, False), (13, 4, False), (19, 1, False), (28, 1, True), (36, 3, False)]
    assert got[0][2].startswith("The firm, which serves the province of Buenos Aires")
    assert got[1][2] == "Tariff figures in this guide come from public statements made by the companies involved."
    # code-block, literal block, comment, title, field list, table and link target are not prose
    assert sum("Buenos Aires" in t for _, _, t, _ in got) == 1


def test_html_block_text_with_positions():
    got = paragraphs("page.html")
    assert [(line, col, ignored) for line, col, _, ignored in got] == [(10, 6, False), (14, 6, True), (17, 9, False)]
    assert got[0][2] == ("A conflict between the Argentine State and water firm Aguas Argentinas, "
                         "controlled by France's Suez, is casting doubt on the firm's future.")
    assert '"in the form of a subsidy"' in got[1][2]  # entities decoded


def test_plain_text():
    assert paragraphs("notes.txt") == [
        (1, 1, "First paragraph of the plain text notes, which runs\nover two lines of the file.", False),
        (4, 4, "Second paragraph, indented by three spaces, with a few more words in it.", False),
        (6, 1, "Third paragraph follows the ignore marker and is still prose all the same.", True),
    ]


def test_plain_text_without_blank_lines_is_one_paragraph_per_line():
    got = prose_paragraphs("one line here\nanother line there\n", "text")
    assert [(p.line, p.text) for p in got] == [(1, "one line here"), (2, "another line there")]


@pytest.mark.parametrize("opening", ["$ cargo test", "user@host:~/adder$ cargo run", "PS C:\\Users\\me> dir",
                                     "C:\\> dir", ">>> import this"])
def test_a_text_file_opening_with_a_prompt_is_a_terminal_transcript_not_prose(opening):
    # rust-lang/book keeps each listing's compiler output as output.txt: the same "Compiling ...",
    # "test result: ok. 1 passed; ..." blocks in dozens of files were reported as repeats.
    transcript = f"{opening}\n   Compiling adder v0.1.0 (file:///projects/adder)\n\nrunning 1 test\ntest it_works ... ok\n"
    assert prose_paragraphs(transcript, "text") == []


@pytest.mark.parametrize("opening", ["$5 million was paid for the land, the council said.", "# Notes on the meeting",
                                     "% of the vote is not what counts here.", "> A quoted opening line of the text."])
def test_a_text_file_opening_with_money_a_heading_or_a_quote_is_still_prose(opening):
    text = f"{opening}\n\nA second paragraph follows with enough words to be read as prose.\n"
    assert len(prose_paragraphs(text, "text")) == 2


@pytest.mark.parametrize("raw, seen", [
    ("See [the report](https://example.org/a_(b)) now", "See the report now"),
    ("![a chart](img/chart.png) shows it", "a chart shows it"),
    ("Read [more][ref] here", "Read more here"),
    ("Go to https://example.org/page?x=1 today", "Go to   today"),
    ("Some <em>emphasis</em> <!-- hidden --> here", "Some  emphasis   here"),
    ("A note[^1] here", "A note  here"),
    ("An `rst link <https://example.org>`_ here", "An rst link here"),
])
def test_visible_text(raw, seen):
    assert " ".join(visible_text(raw).split()) == " ".join(seen.split())


def test_format_of():
    assert [format_of(n) for n in ("a.md", "b.MARKDOWN", "c.rst", "d.html", "e.txt", "f.adoc")] == [
        "markdown", "markdown", "rst", "html", "text", "text"]


def test_html_site_chrome_by_role_or_class_is_not_prose():
    page = ('<body><div class="site-sidebar"><p>Subscribe to our newsletter.</p><div>inner</div><p>more</p></div>\n'
            '<div class="content"><p>Real prose.</p></div><div role="navigation"><p>Menu</p></div><p>After.</p></body>')
    assert [(p.line, p.col, p.text) for p in prose_paragraphs(page, "html")] == [(2, 25, "Real prose."), (2, 89, "After.")]


def test_hugo_code_toggle_and_template_lines_are_not_prose_and_do_not_hide_the_rest():
    text = ("With this project configuration:\n\n{{< code-toggle file=hugo >}}\n[params]\n  subtitle = 'x'\n"
            "{{< /code-toggle >}}\n\n{{< img src=\"a.png\" alt=\"A picture of the widgets on the shelf\" >}}\n\n"
            "{% include footer.html %}\n\nAccess the custom parameters by chaining the identifiers together here.\n")
    got = [(p.line, p.text) for p in prose_paragraphs(text, "markdown")]
    assert got == [(1, "With this project configuration:"),
                   (12, "Access the custom parameters by chaining the identifiers together here.")]


@pytest.mark.parametrize("fmt", ["rst", "markdown"])
def test_a_pep_style_header_block_is_not_prose(fmt):
    text = ("PEP: 240\nTitle: Adding a Rational Literal to Python\nAuthor: Christopher A. Craig <c@example.org>,\n"
            "        Moshe Zadka <m@example.org>\nStatus: Rejected\n\nThis proposal adds a rational literal to the "
            "language so that exact fractions can be written.\n")
    got = [(p.line, p.text[:13]) for p in prose_paragraphs(text, fmt)]
    assert got == [(7, "This proposal")]


def test_a_first_paragraph_with_a_colon_is_still_prose():
    text = "Note: this is the only line of the paragraph and it is prose.\n\nSecond paragraph.\n"
    assert [p.line for p in prose_paragraphs(text, "markdown")] == [1, 3]


def test_markdown_aside_pull_quotes_are_not_prose():
    body = "Burnout is common among maintainers, and it often leads to a loss of motivation and focus."
    text = (f"# Balance\n\n{body}\n\n<aside markdown=\"1\" class=\"pquote\">\n  {body}\n"
            "  <p markdown=\"1\" class=\"pquote-credit\">\n— @gabek, maintainer of a streaming server\n  </p>\n"
            "</aside>\n\nAfter the quote, the article goes on with a paragraph of its own words.\n")
    got = [(p.line, " ".join(p.text.split())) for p in prose_paragraphs(text, "markdown")]
    assert got == [(3, body), (12, "After the quote, the article goes on with a paragraph of its own words.")]


def test_subject_words_of_a_file():
    from summarize.check.template import subject_words

    assert subject_words("content/en/render-hooks/tables.md") >= {"tables", "table"}
    assert subject_words("content/en/functions/strings/Diff/index.md") >= {"diff"}
    assert "render" not in subject_words("content/en/render-hooks/tables.md")


def test_paragraphs_that_differ_only_in_the_name_opening_them_are_template_variants():
    # FastAPI's page of alternatives: "Webargs was created by ..." / "APISpec was created by ..."
    from summarize.check.template import template_variants

    webargs = "Webargs was created by the very same developers of the Marshmallow library."
    assert template_variants(webargs, webargs.replace("Webargs", "APISpec"))
    assert template_variants(webargs, webargs.replace("Webargs", "Flask"))
    the = "The council approved the new harbour barrier after a long debate on Monday."
    assert not template_variants(the, the.replace("The council", "This council"))  # a function word: an edit
    assert not template_variants(webargs, webargs.replace("very same", "same"))


def test_items_that_differ_only_in_the_term_they_define_are_template_variants():
    from summarize.check.template import template_variants

    many = '`many` : (`string`) The content of the message for the CLDR plural form "many" in this language.'
    zero = '`zero` : (`string`) The content of the message for the CLDR plural form "zero" in this language.'
    assert template_variants(many, zero)
    edited = many.replace("content", "text")
    assert not template_variants(many, edited)  # an ordinary word changed: an edited copy
    assert not template_variants("`close()` Close the cursor now.", "`close()` Close the connection now.")


def test_a_text_file_written_in_rest_is_read_as_rest():
    # Django's docs and Sphinx's test roots are reST under .txt names: a directive's literal block is
    # code, not prose, and the section titles are headings
    text = ("Doctest blocks\n==============\n\nThe output of a failing call is shown below the code.\n\n"
            ".. testoutput::\n\n   Traceback (most recent call last):\n     ...\n"
            "   ZeroDivisionError: integer division or modulo by zero\n")
    assert [p.text for p in prose_paragraphs(text, "text")] == ["The output of a failing call is shown below the code."]
    # plain text with one underlined title stays plain: every line of prose is read
    plain = "Notes\n=====\n\nFirst line of the notes.\n\nSecond line.\n"
    assert [p.text for p in prose_paragraphs(plain, "text")] == ["Notes\n=====", "First line of the notes.", "Second line."]


def test_other_terms_and_parallel_lines():
    assert other_terms("* `onCut`: A handler function. Fires when text is cut.", "- `onCopy`: A handler function. Fires when text is copied.")
    assert not other_terms("`set(value)`: sets the value in the topmost context.", "`set(value)`: sets the value in the current one.")
    assert not other_terms("The `onCut` handler fires when text is cut.", "The `onCopy` handler fires when text is copied.")
    assert parallel_lines("If copying arrays in code gets tedious, use a library.", "If copying objects in code gets tedious, use a library.")
    assert parallel_lines("_This change is in the preset as `scoped-jsx`_", "This change is in the preset as `refobject-defaults`.")
    assert not parallel_lines("If copying arrays in code gets tedious, use a library.", "If copying arrays in code gets very tedious, use a library.")
    assert not parallel_lines("Copy the value here.", "Copy the value here.")  # the same words: not a variant, a repeat
    assert not parallel_lines("one two three four five six", "one two seven eight nine six")  # three swaps: an edit
