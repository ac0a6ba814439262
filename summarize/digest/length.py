"""How long a digest is: a number of sentences, a word budget, or a ratio of the article.

Extractive methods rank sentences and hand the ranking to :meth:`Length.choose`, which
takes sentences best-first until the budget is met and returns them in article order.
Abstractive methods ask :meth:`Length.target_words` for a word budget to size generation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarize.errors import SummarizeError

# A sentence of news is about 22 words; used to turn a sentence count into a word budget.
WORDS_PER_SENTENCE = 22


@dataclass(frozen=True)
class Length:
    """One of ``sentences`` (default 3), ``words`` or ``ratio`` (0 < r <= 1 of the article's sentences)."""

    sentences: int | None = 3
    words: int | None = None
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.words is not None and self.words < 1:
            raise SummarizeError(f"--words must be at least 1 (got {self.words})")
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise SummarizeError(f"--ratio must be in (0, 1] (got {self.ratio})")
        if self.sentences is not None and self.sentences < 1:
            raise SummarizeError(f"--sentences must be at least 1 (got {self.sentences})")

    @classmethod
    def from_options(cls, sentences: int | None = None, words: int | None = None, ratio: float | None = None) -> Length:
        """At most one of the three; none means 3 sentences."""
        given = [name for name, v in (("--sentences", sentences), ("--words", words), ("--ratio", ratio)) if v is not None]
        if len(given) > 1:
            raise SummarizeError(f"choose one length: {' or '.join(given)}")
        if words is not None:
            return cls(sentences=None, words=words)
        if ratio is not None:
            return cls(sentences=None, ratio=ratio)
        return cls(sentences=3 if sentences is None else sentences)

    def sentence_count(self, available: int) -> int | None:
        """How many sentences, for a sentence or ratio length (None for a word budget)."""
        if self.words is not None:
            return None
        if self.ratio is not None:
            return max(1, min(available, round(self.ratio * available)))
        return min(available, self.sentences or 3)

    def target_words(self, article_words: int, article_sentences: int) -> int:
        """A word budget for generators: words, or sentences x ~22 words, or ratio x article words."""
        if self.words is not None:
            return self.words
        if self.ratio is not None:
            return max(8, round(self.ratio * article_words))
        return WORDS_PER_SENTENCE * (self.sentences or 3)

    def choose(self, ranking: Sequence[int], word_counts: Sequence[int], available: int | None = None) -> list[int]:
        """Indices from ``ranking`` (best first) that fill this length, in article order.

        ``available`` is the article's sentence count when only some of its sentences
        were candidates (a ratio is a share of the whole article).

        With a word budget, sentences are taken best-first while they fit; the first
        one is always taken so a digest is never empty, and a sentence that does not
        fit is skipped in favour of a shorter, lower-ranked one that does.
        """
        if not ranking:
            return []
        count = self.sentence_count(available if available is not None else len(word_counts))
        if count is not None:
            return sorted(ranking[:count])
        budget = self.words or 0
        chosen: list[int] = []
        used = 0
        for index in ranking:
            if not chosen or used + word_counts[index] <= budget:
                chosen.append(index)
                used += word_counts[index]
            if used >= budget:
                break
        return sorted(chosen)
