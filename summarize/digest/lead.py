"""``lead``: the first sentences of the article, no model.

The classic news baseline (Lead-3): news is written as an inverted pyramid, so its
first sentences are usually the best short summary. It digests the cleaned article,
so a lead restated later never appears twice, and it skips page furniture (share and
loading labels, credits, time stamps, a repeated headline: :mod:`summarize.digest.furniture`)
as every method does.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarize.digest.furniture import prose_sentences
from summarize.digest.length import Length
from summarize.document import Article
from summarize.errors import SummarizeError


class LeadDigester:
    name = "lead"
    model = None

    def __init__(self, model: str | None = None) -> None:
        if model:
            raise SummarizeError("the lead method uses no model; drop --model")

    def digest(self, articles: Sequence[Article], length: Length) -> list[list[str]]:
        results = []
        for article in articles:
            texts = prose_sentences(article) if article.sentences else []
            counts = [len(t.split()) for t in texts]
            chosen = length.choose(list(range(len(texts))), counts)
            results.append([texts[i] for i in chosen])
        return results
