"""Length control: sentences, word budgets, ratios; chosen sentences keep article order."""

import pytest

from summarize.digest.length import Length
from summarize.errors import SummarizeError


def test_sentences_take_the_best_and_keep_article_order():
    assert Length(sentences=2).choose([4, 1, 0, 3], [5] * 5) == [1, 4]


def test_ratio_is_a_share_of_the_article_sentences():
    assert Length.from_options(ratio=0.5).choose([5, 4, 3, 2, 1, 0], [5] * 6) == [3, 4, 5]
    assert Length.from_options(ratio=0.01).choose([2, 0, 1], [5] * 3) == [2]


def test_word_budget_fills_best_first_and_skips_what_does_not_fit():
    counts = [30, 10, 25, 5]
    assert Length.from_options(words=40).choose([0, 2, 1, 3], counts) == [0, 1]
    # the first choice is always taken, even over budget: never an empty digest
    assert Length.from_options(words=3).choose([2, 0], counts) == [2]


def test_one_length_at_a_time_and_sane_values():
    assert Length.from_options() == Length(sentences=3)
    with pytest.raises(SummarizeError, match="choose one length"):
        Length.from_options(sentences=2, words=10)
    for bad in ({"sentences": 0}, {"words": 0}, {"ratio": 1.5}, {"ratio": 0}):
        with pytest.raises(SummarizeError):
            Length.from_options(**bad)


def test_empty_ranking_is_empty_digest():
    assert Length().choose([], []) == []


def test_target_words_for_generators():
    assert Length(sentences=2).target_words(500, 20) == 44
    assert Length.from_options(words=30).target_words(500, 20) == 30
    assert Length.from_options(ratio=0.1).target_words(500, 20) == 50


def test_ratio_counts_the_whole_article_not_just_the_candidates():
    assert Length.from_options(ratio=0.5).choose([3, 1, 0, 2], [5] * 4, available=20) == [0, 1, 2, 3]
    assert Length.from_options(ratio=0.1).choose([3, 1, 0, 2], [5] * 4, available=20) == [1, 3]
