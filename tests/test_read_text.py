"""Plain text and Markdown readers: titles, paragraphs, 1-based lines, markup that is not prose."""

from __future__ import annotations

import pytest

from summarize.read import read_path
from summarize.read.text import read_markdown, read_text
from summarize.split import fill_sentences

from conftest import FIXTURES, run_cli


def test_seed_title_is_the_first_line_and_each_line_a_paragraph(seed):
    article = read_text(seed.read_text(encoding="utf-8"), str(seed))
    assert article.title == "Chinese AI Firm iFlyTek Trains LLMs on Huawei Platform, Defying US Restrictions"
    assert [p.line for p in article.paragraphs] == list(range(2, 13))
    assert article.paragraphs[-1].text == "Source: SCMP"
    assert article.text == seed.read_text(encoding="utf-8")
    for p in article.paragraphs:
        assert article.text[p.start : p.end] == p.text


def test_text_with_blank_lines_keeps_wrapped_paragraphs_together():
    text = "A Headline Without A Full Stop\n\nFirst paragraph line one\ncontinues here. Second sentence.\n\nSecond paragraph.\n"
    article = read_text(text, "a.txt")
    assert article.title == "A Headline Without A Full Stop"
    assert [(p.line, p.text) for p in article.paragraphs] == [
        (3, "First paragraph line one\ncontinues here. Second sentence."),
        (6, "Second paragraph."),
    ]
    fill_sentences(article)
    assert [(s.line, s.text) for s in article.sentences] == [
        (3, "First paragraph line one\ncontinues here."),
        (4, "Second sentence."),
        (6, "Second paragraph."),
    ]


def test_a_first_line_that_is_a_sentence_is_body_not_title():
    text = "This article starts with a real sentence.\nAnd goes on.\n"
    article = read_text(text, "a.txt")
    assert article.title is None
    assert [p.text for p in article.paragraphs] == ["This article starts with a real sentence.", "And goes on."]


def test_a_hard_wrapped_first_paragraph_keeps_its_first_line():
    # no headline: the first line breaks mid-sentence and the next line carries on
    text = ("The council said on Tuesday that the new bridge\nwould open in March, two months later than\n"
            "planned. Work stopped in the winter.\n\nA second paragraph.\n")
    article = read_text(text, "a.txt")
    assert article.title is None
    assert article.paragraphs[0].line == 1
    assert article.paragraphs[0].text.startswith("The council said on Tuesday that the new bridge\nwould open")
    fill_sentences(article)
    assert article.sentences[0].text.split() == ("The council said on Tuesday that the new bridge would open in "
                                                 "March, two months later than planned.").split()


def test_a_pep_header_block_gives_the_title_and_is_not_prose():
    text = ("PEP: 333\nTitle: Python Web Server Gateway Interface\n  v1.0\nAuthor: Phillip J. Eby <pje@example.com>\n"
            "Status: Final\nCreated: 07-Dec-2003\n\n\nAbstract\n========\n\n"
            "This document specifies a proposed standard interface. It is short.\n")
    article = read_text(text, "pep-0333.txt")
    assert article.title == "Python Web Server Gateway Interface v1.0"
    assert article.text == text  # nothing of the file is lost: clean writes it back whole
    fill_sentences(article)
    assert [(s.line, s.text) for s in article.sentences][-2:] == [
        (12, "This document specifies a proposed standard interface."), (12, "It is short.")]
    assert not any("Author" in s.text or "PEP:" in s.text for s in article.sentences)


def test_an_email_subject_is_the_title():
    text = "From: Ann <ann@example.com>\nTo: desk@example.com\nSubject: Bridge opens in March\n\nThe council said so.\n"
    article = read_text(text, "mail.txt")
    assert article.title == "Bridge opens in March"
    assert [(p.line, p.text) for p in article.paragraphs] == [(5, "The council said so.")]


def test_pelican_markdown_metadata_gives_the_title_and_is_not_prose():
    text = "Title: My *first* post\nDate: 2020-01-01 10:00\nTags: python\n\nThe body is here. It says things.\n"
    article = read_markdown(text, "post.md")
    assert article.title == "My first post"
    assert [(p.line, p.text.strip()) for p in article.paragraphs] == [(5, "The body is here. It says things.")]


@pytest.mark.parametrize("text", [
    # an interview: "Q:"/"A:" lines are prose, not a header (no Title or Subject field)
    "Q: How did the project start?\nA: With a single bridge, in 2019, and a lot of patience.\n\nQ: And now?\n",
    # a header-like block that is never closed by a blank line is not a header
    "Title: Not closed\nAuthor: Someone\nThe body starts right away.\n",
])
def test_key_value_lines_without_a_title_field_or_a_closing_blank_line_stay_prose(text):
    article = read_text(text, "a.txt")
    words = (article.title or "") + " " + " ".join(p.text for p in article.paragraphs)
    assert words.split() == text.split()


def test_a_headline_above_a_line_opening_with_a_brand_name_is_still_a_headline():
    text = "Apple Unveils New Phone\niPhone sales rose 5% in the quarter.\nAnalysts were surprised.\n"
    article = read_text(text, "a.txt")
    assert article.title == "Apple Unveils New Phone"
    assert [p.text for p in article.paragraphs] == ["iPhone sales rose 5% in the quarter.", "Analysts were surprised."]


def test_a_single_line_is_body_not_title():
    article = read_text("Just one line without a full stop", "a.txt")
    assert article.title is None
    assert [p.text for p in article.paragraphs] == ["Just one line without a full stop"]


def test_leading_blank_lines_do_not_shift_line_numbers():
    text = "\n\n  Headline here\nBody sentence one. Body two.\n"
    article = read_text(text, "a.txt")
    assert article.title == "Headline here"
    assert [(p.line, p.text) for p in article.paragraphs] == [(4, "Body sentence one. Body two.")]


def test_markdown_fixture_front_matter_code_fences_headings_lists_quotes():
    path = FIXTURES / "read" / "article.md"
    article = next(read_path(str(path)))
    assert article.format == "markdown"
    assert article.title == "Storm Ciarán closes schools across the south"  # front matter title, emphasis removed
    fill_sentences(article)
    got = [(s.line, " ".join(s.text.split())) for s in article.sentences]
    assert got == [
        (9, "Storm Ciarán brought winds of up to 100 mph to the Channel Islands on Thursday, the Met Office said."),
        (10, "Dr. Jane Ellis, a forecaster, warned that the worst would pass by 5 p.m. on Friday."),
        (22, "More than 200 schools in Devon and Cornwall stayed shut."),
        (23, "Ferries to France were cancelled."),
        (25, '"We have never seen anything like it," said one resident.'),
        (25, "She stayed indoors."),
        (27, "The U.S. National Weather Service was not involved."),
        (27, "Officials will review the response next week."),
    ]
    body = " ".join(p.text for p in article.paragraphs)
    for not_prose in ("print(", "code block", "date:", "What closed", "metoffice.gov.uk", "**", "# "):
        assert not_prose not in body
    # offsets still index the file: blanked markup keeps every character's position
    for p in article.paragraphs:
        source = article.text[p.start : p.end]
        assert len(source) == len(p.text) and source.count("\n") == p.text.count("\n")
        assert article.text.count("\n", 0, p.start) + 1 == p.line
        assert p.text.split()[0] in source


def test_markdown_title_is_the_first_heading_when_there_is_no_front_matter():
    text = "Intro before\n\n# The **Real** Title #\n\nBody text here. More.\n\n## Later heading\n\nEnd.\n"
    article = read_markdown(text, "a.md")
    assert article.title == "The Real Title"
    assert [(p.line, p.text) for p in article.paragraphs] == [(1, "Intro before"), (5, "Body text here. More."), (9, "End.")]


def test_markdown_setext_heading_and_unclosed_fence():
    text = "Big News Today\n==============\n\nA paragraph. Another.\n\n~~~\ncode that never closes.\n\nmore code.\n"
    article = read_markdown(text, "a.md")
    assert article.title == "Big News Today"
    assert [p.text for p in article.paragraphs] == ["A paragraph. Another."]


def test_markdown_without_blank_lines_has_one_paragraph_per_line():
    text = "# Title\nFirst line. Still first.\nSecond line.\n- an item\n"
    article = read_markdown(text, "a.md")
    assert article.title == "Title"
    assert [(p.line, p.text) for p in article.paragraphs] == [(2, "First line. Still first."), (3, "Second line."), (4, "an item")]


def test_markdown_without_heading_falls_back_to_first_line_title():
    article = read_markdown("A Plain Headline\n\nThe body. It goes on.\n", "a.md")
    assert article.title == "A Plain Headline"
    assert [p.text for p in article.paragraphs] == ["The body. It goes on."]


def test_blank_lines_only_around_the_title_or_at_the_end_keep_one_paragraph_per_line(seed):
    text = "Headline Of The Day\n\nFirst line. Sentence two.\nSecond line.\n\n\n"
    assert [(p.line, p.text) for p in read_text(text, "a.txt").paragraphs] == [
        (3, "First line. Sentence two."),
        (4, "Second line."),
    ]
    padded = "\n\n" + seed.read_text(encoding="utf-8") + "\n\n\n"
    article = read_text(padded, "seed.txt")
    assert [p.line for p in article.paragraphs] == list(range(4, 15))
    md = read_markdown("# Headline\n\nFirst line.\nSecond line.\n\n", "a.md")
    assert [(p.line, p.text) for p in md.paragraphs] == [(3, "First line."), (4, "Second line.")]


def test_markdown_syntax_that_never_closes_is_read_in_linear_time():
    # Each of these, a megabyte long, used to make a lazy regex rescan the rest of the line
    # (or the file) from every opener. No timing threshold: a quadratic reader simply never finishes.
    for unit, expected_first in [("**a ", "**a **a"), ("__a ", "__a __a"), ("[ ", "[ ["), ("<!-- ", "<!-- <!--"), ("![ ", "![ ![")]:
        article = read_markdown(unit * (1_000_000 // len(unit)), "x.md")
        assert len(article.paragraphs) == 1
        assert article.paragraphs[0].text.startswith(expected_first)


@pytest.mark.parametrize(
    "first",
    [
        'The minister told reporters on Monday: "We will not raise taxes this year."',
        "The minister said: 'We will not raise taxes this year.'",
        "The minister said: \u201cWe will not raise taxes this year.\u201d",
        "The minister said: \u2018We will not raise taxes this year.\u2019",
        "Der Minister sagte: \u201eWir erh\u00f6hen die Steuern nicht.\u201c",
        'The minister shouted: "We will not raise taxes!"',
        'The minister asked: "Who would raise taxes now?"',
        "The minister ruled out a rise (taxes went up last year.)",
        'He said the plan was "final."  ',
    ],
)
def test_a_first_line_ending_in_a_quoted_or_bracketed_sentence_is_body_not_title(first):
    text = first + "\nHe repeated the pledge twice during the press conference.\nOpposition leaders called it unrealistic.\n"
    article = read_text(text, "q.txt")
    assert article.title is None
    assert [(p.line, p.text) for p in article.paragraphs][0] == (1, first.strip())


@pytest.mark.parametrize("headline", ["Who Pays For The Bridge?", "Johnson: 'We will win'", 'Storm "Ciarán" hits the coast'])
def test_headlines_that_ask_or_quote_are_still_headlines(headline):
    article = read_text(headline + "\nThe storm hit the coast on Monday.\nSchools closed early.\n", "h.txt")
    assert article.title == headline
    assert [p.text for p in article.paragraphs] == ["The storm hit the coast on Monday.", "Schools closed early."]


def test_split_keeps_a_first_sentence_that_ends_inside_quotes(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text('The minister told reporters on Monday: "We will not raise taxes this year."\n'
                    "He repeated the pledge twice during the press conference.\n"
                    "Opposition leaders called the promise unrealistic.\n", encoding="utf-8")
    proc = run_cli("split", "--lines", str(path))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.splitlines() == [
        f'{path}:1: The minister told reporters on Monday: "We will not raise taxes this year."',
        f"{path}:2: He repeated the pledge twice during the press conference.",
        f"{path}:3: Opposition leaders called the promise unrealistic.",
    ]


def test_markdown_inline_syntax_over_a_line_break_and_shortcut_links_are_not_prose():
    # rust-lang's blog: a wrapped paragraph with links, emphasis and code spans over its line breaks
    text = ("# Rustup 1.29\n\nDownloads now **unpack during\ndownloads**, thanks to a [GSoC 2025\nproject][gsoc]. "
            "Run `rustup self\nupdate` or install [rustup] from [`v0.0.97`].\n\n*Not\n\nemphasis* across a blank line.\n\n"
            "[gsoc]: https://example.org/gsoc\n[Rustup]: https://rustup.rs\n[`v0.0.97`]: https://example.org/v\n")
    article = read_markdown(text, "post.md")
    words = [p.text.split() for p in article.paragraphs]
    assert words[0] == ("Downloads now unpack during downloads, thanks to a GSoC 2025 project. Run rustup self update "
                        "or install rustup from v0.0.97.").split()
    assert words[1:] == [["*Not"], ["emphasis*", "across", "a", "blank", "line."]]  # not one span: two paragraphs
    assert [p.line for p in article.paragraphs] == [3, 8, 10]


def test_markdown_raw_html_pre_and_script_blocks_are_not_prose():
    text = ("Intro line of the post.\n\n<pre><code class=\"language-rust\">trait DoThing {\n    fn do_thing() {}\n}\n"
            "</code></pre>\n\nAfter the code, prose again.\n\n<script>var a = 1;</script>\nStill prose here.\n")
    article = read_markdown(text, "post.md")
    assert [(p.line, p.text) for p in article.paragraphs] == [
        (1, "Intro line of the post."), (8, "After the code, prose again."), (11, "Still prose here.")]


def test_a_time_stamp_above_the_headline_is_not_the_title():
    # Fox News pages saved as text, 2010: "Updated January 05, 2010" on the first line
    text = ("Updated January 05, 2010\r\nObama to Meet With Security Officials, Unveil Reforms\r\nAP\r\n"
            "The president has scheduled a meeting Tuesday afternoon with officials.\r\n\r\nWASHINGTON -- More follows.\r\n")
    assert read_text(text, "a.txt").title == "Obama to Meet With Security Officials, Unveil Reforms"
    assert read_text("Updated on the long road home\n\nThe story itself follows here.\n", "b.txt").title == "Updated on the long road home"

