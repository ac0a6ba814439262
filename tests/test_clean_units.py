"""The units ``clean`` judges are the same however they are built: a paragraph joined from its
sentences equals one tokenised on its own, and its MinHash is the minimum of theirs."""

from __future__ import annotations

import json

import numpy as np

from summarize.clean import _ArticleUnits, _covered, _Unit
from summarize.document import Article, Paragraph, Sentence
from summarize.fingerprint import minhash_matrix
from summarize.split import fill_sentences

TRICKY = """The U.S. Senate met Jean-Luc O'Brien on Friday. "We agreed," he said. It cost $4.5bn &amp; more.

Caf\u00e9 owners in Z\u00fcrich said \u201cNo.\u201d Then 12 of them left.  They came back at 9pm!Nobody knew why.

\uff21\uff22\uff23 Ltd (the firm) rose 3%. I live in the U.S. How about you? Mr. Smith of NASA said so.

A line with no full stop
and a second line. Versus ... three dots . . . here."""


def _articles(seed_path, fixtures_path) -> list[Article]:
    texts = [seed_path.read_text(), TRICKY, (fixtures_path / "read" / "article.md").read_text()]
    for name in ("clean/bbc_no_repeats.jsonl", "dedup/bbc_slice.jsonl", "dedup/syndicated.jsonl"):
        with open(fixtures_path / name) as f:
            texts += [json.loads(line)["text"] for line in f]
    return [fill_sentences(Article(id=str(i), text=t, paragraphs=None), "english") for i, t in enumerate(texts)]


def test_joined_paragraphs_equal_paragraphs_tokenised_alone(seed, fixtures):
    joined = 0
    for article in _articles(seed, fixtures):
        units = _ArticleUnits.of(article.paragraphs)
        alone = [_Unit.of(p.line, p.text) for p in article.paragraphs]
        assert units.paragraphs == alone
        assert units.sentences == [_Unit.of(s.line, s.text) for p in article.paragraphs for s in p.sentences]
        assert np.array_equal(units.paragraph_signatures, minhash_matrix([u.terms for u in alone]))
        joined += sum(_covered(p) for p in article.paragraphs)
    assert joined > 100  # the joined path was taken, not only the fallback


def test_a_paragraph_its_sentences_do_not_cover_is_tokenised_alone():
    text = "Alpha beta gamma delta. Epsilon zeta eta theta iota kappa."
    first = Sentence("Alpha beta gamma delta.", 1, 0, 23)
    para = Paragraph(text, 1, 0, len(text), [first])  # the second sentence is missing
    assert not _covered(para)
    cut = Paragraph(text, 1, 0, len(text), [Sentence("Alpha beta gam", 1, 0, 14), Sentence("ma delta. Epsilon zeta eta theta iota kappa.", 1, 14, len(text))])
    assert not _covered(cut)  # a word cut in two
    units = _ArticleUnits.of([para, cut])
    assert units.paragraphs == [_Unit.of(1, text), _Unit.of(1, text)]
    assert units.paragraphs[0].tokens[-1] == "kappa"
