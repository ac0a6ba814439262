"""Quoted e-mail text ("> " lines, "Ann wrote:") is not the reply's prose: digests never quote it,
and two replies to one message are not near-copies of each other."""

from __future__ import annotations

from summarize.read.html import read_html
from summarize.read.quoted import quoted_lines
from summarize.read.text import read_text

from conftest import run_cli

QUOTE = ["> If we agree with this argument, we can have both supervenience and",
         "> computationalism, it seems to me. We agree that the machine changes",
         "> the program which is instantiated, but the new program is also conscious."]


def reply(author: str, words: str) -> str:
    return "\n".join([f"From: {author} <{author.lower()}@example.org>", "Subject: Re: Implementation", "",
                      "On Mon, 26 Jul 1999, Hal Finney wrote:", *QUOTE, "", words, ""])


def test_quoted_lines_and_their_attribution_are_not_prose():
    article = read_text(reply("Russell", "Nice try, but a brain in a resting state is far more complex than that."),
                        "reply.txt")
    assert article.title == "Re: Implementation"
    assert [p.text for p in article.paragraphs] == ["Nice try, but a brain in a resting state is far more complex than that."]
    assert article.text.count("> ") == 3  # the file itself is untouched


def test_one_quoted_line_or_a_reply_of_quotes_only_is_left_alone():
    assert quoted_lines(["The ratio was > 3 in every trial we ran.", "Nothing else here."]) == set()
    assert quoted_lines(["Hal wrote:", *QUOTE]) == set()  # nothing but quotes: keep them


def test_html_archive_replies_are_digested_from_their_own_words_and_are_not_copies(tmp_path):
    def page(n: int, words: str) -> str:
        quoted = "".join(f"<em class='quotelev1'>{line.replace('>', '&gt;')}</em><br />\n" for line in QUOTE)
        return (f"<!DOCTYPE html><html><head><title>Re: Implementation from Ann on 1999-07-2{n}</title></head><body>"
                f"<div class='mail'><p>Hal Finney wrote:<br />\n{quoted}</p><p>{words}</p></div></body></html>")

    answers = ["I do believe that light pruning will not affect consciousness, but heavy pruning will change it.",
               "Balderdash! The Turing test says nothing about how a system is built, only about what it says."]
    for n, words in enumerate(answers):
        (tmp_path / f"100{n}.html").write_text(page(n, words), encoding="utf-8")
    article = read_html((tmp_path / "1000.html").read_text(), "1000.html")
    assert " ".join(p.text for p in article.paragraphs).count(">") == 0
    proc = run_cli("dedup", str(tmp_path))
    assert proc.returncode == 0, proc.stdout_text + proc.stderr_text
    digest = run_cli("digest", "-m", "lead", str(tmp_path / "1001.html"))
    assert digest.stdout_text.startswith("The Turing test says nothing") and "supervenience" not in digest.stdout_text
