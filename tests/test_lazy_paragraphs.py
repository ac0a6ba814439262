"""Paragraphs made on first use (JSON Lines and feed records), and the surrogate walk skipped only
where a line cannot hold a surrogate."""

from __future__ import annotations

import dataclasses
import pickle

from summarize.document import Article
from summarize.read import read_bytes
from summarize.read.decode import may_hold_surrogates
from summarize.split import split_paragraphs

TEXT = "First paragraph, line one.\nStill the first.\n\nSecond paragraph.\n\n\nThird."


def test_deferred_paragraphs_are_the_split_of_the_text():
    article = Article("a", TEXT, None)
    assert article.paragraphs == split_paragraphs(TEXT)
    assert [p.line for p in article.paragraphs] == [1, 4, 7]


def test_deferred_paragraphs_survive_copy_replace_and_pickle():
    article = Article("a", TEXT, None)
    assert pickle.loads(pickle.dumps(article)).paragraphs == split_paragraphs(TEXT)
    assert dataclasses.replace(article, title="t").paragraphs == split_paragraphs(TEXT)
    assert Article("a", TEXT, None) == Article("a", TEXT, split_paragraphs(TEXT))


def test_given_paragraphs_are_kept_and_other_attributes_still_fail():
    article = Article("a", TEXT, [])
    assert article.paragraphs == []
    try:
        article.missing  # noqa: B018
    except AttributeError as exc:
        assert "missing" in str(exc)
    else:
        raise AssertionError("an unknown attribute must raise AttributeError")


def test_json_lines_records_split_as_before():
    data = ('{"id": "1", "text": "One.\\n\\nTwo."}\n{"id": "2", "text": "A line\\nanother line"}\n').encode()
    articles = list(read_bytes(data, "feed.jsonl"))
    assert [[p.text for p in a.paragraphs] for a in articles] == [["One.", "Two."], ["A line", "another line"]]


def test_a_lone_surrogate_escape_is_still_replaced():
    line = '{"id": "1", "text": "bad \\ud800 half", "title": "\\uDC00"}'
    assert may_hold_surrogates(line)
    (article,) = read_bytes((line + "\n").encode(), "x.jsonl")
    assert article.text == "bad \ufffd half" and article.title == "\ufffd"
    assert article.text.encode("utf-8")


def test_lines_without_surrogate_escapes_need_no_walk():
    assert not may_hold_surrogates('{"text": "caf\\u00e9 and a pair written as é"}')
    assert may_hold_surrogates('{"text": "a pair \\ud83d\\ude00"}')  # walked, and the pair stays one character
    (article,) = read_bytes('{"text": "a pair \\ud83d\\ude00"}\n'.encode(), "x.jsonl")
    assert article.text == "a pair \U0001F600"
