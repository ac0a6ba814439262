"""One digest for a story of several articles, drawn from all of them.

Each member article is first digested on its own by the chosen method (so its furniture rules,
lead prior and cleaning apply); those sentences are the candidates. The story digest then
starts with the first sentence of the most central article's digest (its lede: the story as
most outlets tell it) and adds candidates by maximal marginal relevance over all members:

    score = cos(sentence, centroid of all candidates) + support_weight * support
            - redundancy - same_source * (sentences already taken from its article)

where ``support`` is the share of the story's *other* outlets that state the same fact (a
candidate of theirs at cosine ``same_fact`` or more: a fact several outlets report weighs more),
and ``redundancy`` docks a sentence close to one already chosen; one at ``redundant`` or more is
never taken; ``same_source`` spreads the digest over the story's articles. The digest has ``--sentences`` sentences (with ``--ratio``, as many as the central
article's own digest), or fits the ``--words`` budget, as far as the candidates allow. Each sentence keeps the id of its article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class MultiSettings:
    support_weight: float = 0.3
    same_fact: float = 0.75
    similar: float = 0.7
    redundant: float = 0.85
    same_source: float = 0.1


@dataclass
class Candidate:
    text: str
    article: str
    outlet: str


def story_sentences(candidates: Sequence[Candidate], vectors: np.ndarray, lede: int, count: int,
                    budget: int | None = None, settings: MultiSettings = MultiSettings()) -> list[int]:
    """Indices of the chosen candidates, the ``lede`` first, then by marginal relevance.
    ``vectors``: unit rows, one per candidate; ``count`` sentences, or up to ``budget`` words."""
    if not len(candidates):
        return []
    sims = vectors @ vectors.T
    centroid = vectors.sum(axis=0)
    relevance = vectors @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12))
    outlets = [c.outlet for c in candidates]
    others = {o: len(set(outlets) - {o}) for o in set(outlets)}
    support = np.zeros(len(candidates))
    for i, own in enumerate(outlets):
        if others[own]:
            stating = {outlets[j] for j in np.flatnonzero(sims[i] >= settings.same_fact) if outlets[j] != own}
            support[i] = len(stating) / others[own]
    chosen = [lede]
    taken = {candidates[lede].article: 1}
    words = len(candidates[lede].text.split())
    while len(chosen) < count or budget:
        best, best_score = None, -np.inf
        for i in range(len(candidates)):
            if i in chosen:
                continue
            closest = max(float(sims[i, j]) for j in chosen)
            if closest >= settings.redundant:
                continue
            score = (relevance[i] + settings.support_weight * support[i] - max(0.0, closest - settings.similar)
                     - settings.same_source * taken.get(candidates[i].article, 0))
            if score > best_score:
                best, best_score = i, score
        if best is None:
            break
        if budget and words + len(candidates[best].text.split()) > budget:
            break
        chosen.append(best)
        taken[candidates[best].article] = taken.get(candidates[best].article, 0) + 1
        words += len(candidates[best].text.split())
        if not budget and len(chosen) >= count:
            break
    return chosen
