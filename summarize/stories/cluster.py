"""Incremental story clustering: each new article joins the story it reports or starts one.

An article is scored against every open story on two signals:

* ``cos``: cosine between its lead embedding and the story's centroid (the mean of its
  members' lead embeddings) says *what kind of event*;
* ``names``: cosine between its names-and-figures vector and the story's (IDF-weighted,
  document frequencies counted over every article seen so far) says *which one*.

``score = (1 - name_weight) * cos + name_weight * names``; the best story with a score
of at least ``threshold`` is joined. A story whose dated articles all lie more than
``window_days`` from the article's date is not joined unless the leads are nearly
identical (``cos >= near_identical``); undated articles are compared on text alone.
A near-copy (found by the MinHash engine of :mod:`summarize.dedup`) always joins the
story of the article it copies. Stories are never merged or renumbered afterwards, so
a story's id (the id of its first article) is stable as a feed grows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from summarize.stories.features import StoryFeatures


@dataclass(frozen=True)
class StorySettings:
    threshold: float = 0.5
    name_weight: float = 0.5
    window_days: int = 7
    near_identical: float = 0.95
    candidates: int = 20  # stories (best by embedding) whose names are compared

    def validate(self) -> None:
        from summarize.errors import SummarizeError

        if not 0.0 < self.threshold <= 1.0:
            raise SummarizeError(f"story threshold must be in (0, 1], got {self.threshold}")
        if not 0.0 <= self.name_weight <= 1.0:
            raise SummarizeError(f"name weight must be in [0, 1], got {self.name_weight}")
        if self.window_days < 0:
            raise SummarizeError(f"--window must be at least 0 days, got {self.window_days}")


@dataclass
class Story:
    """What a story remembers of its articles: never their text."""

    id: str
    vector_sum: np.ndarray
    size: int = 0
    names: Counter = field(default_factory=Counter)
    first_day: date | None = None
    last_day: date | None = None
    members: list[str] = field(default_factory=list)

    def add(self, feat: StoryFeatures, vector: np.ndarray) -> None:
        self.vector_sum = self.vector_sum + vector
        self.size += 1
        self.names.update(feat.names)
        self.members.append(feat.id)
        if feat.day is not None:
            self.first_day = min(self.first_day or feat.day, feat.day)
            self.last_day = max(self.last_day or feat.day, feat.day)

    def days_from(self, day: date) -> int | None:
        """Days between ``day`` and the story's dated span (0 inside it), None when undated."""
        if self.first_day is None or self.last_day is None:
            return None
        if day < self.first_day:
            return (self.first_day - day).days
        return max(0, (day - self.last_day).days)


class StoryClusterer:
    """Stories so far and the name statistics; :meth:`add` places one article."""

    def __init__(self, settings: StorySettings | None = None, stories: Iterable[Story] = (),
                 name_df: Counter | None = None, documents: int = 0, membership: dict[str, str] | None = None):
        self.settings = settings or StorySettings()
        self.stories: list[Story] = list(stories)
        self.by_id = {s.id: s for s in self.stories}
        self.row_of = {s.id: row for row, s in enumerate(self.stories)}
        self.name_df: Counter = name_df if name_df is not None else Counter()
        self.documents = documents
        self.membership: dict[str, str] = dict(membership or {})  # article id -> story id
        self._matrix: np.ndarray | None = None
        self._rows = 0
        self.changed: set[str] = set()  # stories touched since the last save

    def _idf(self, name: str) -> float:
        return math.log((1 + self.documents) / (1 + self.name_df[name])) + 1.0

    def _centroids(self, dim: int) -> np.ndarray:
        """Unit centroids of every story, one row each (grown in place as stories are added)."""
        if self._matrix is None or self._matrix.shape[1] != dim:
            self._matrix = np.zeros((max(64, 2 * len(self.stories)), dim), dtype=np.float32)
            self._rows = 0
        while self._rows < len(self.stories):
            if self._rows >= len(self._matrix):
                grown = np.zeros((2 * len(self._matrix), dim), dtype=np.float32)
                grown[: self._rows] = self._matrix[: self._rows]
                self._matrix = grown
            self._refresh(self._rows)
            self._rows += 1
        return self._matrix[: self._rows]

    def _refresh(self, row: int) -> None:
        vector = self.stories[row].vector_sum
        self._matrix[row] = vector / max(float(np.linalg.norm(vector)), 1e-12)

    def name_similarity(self, names: frozenset[str], story: Story) -> float:
        if not names or not story.names:
            return 0.0
        a = {n: self._idf(n) for n in names}
        dot = sum(w * w * story.names[n] for n, w in a.items() if n in story.names)
        if not dot:
            return 0.0
        norm_a = math.sqrt(sum(w * w for w in a.values()))
        norm_s = math.sqrt(sum((c * self._idf(n)) ** 2 for n, c in story.names.items()))
        return dot / (norm_a * norm_s)

    def best(self, feat: StoryFeatures, vector: np.ndarray) -> tuple[Story | None, float]:
        """The story ``feat`` belongs to (or None) and its score."""
        if not self.stories:
            return None, 0.0
        s = self.settings
        cosines = self._centroids(len(vector)) @ vector
        k = min(s.candidates, len(cosines))
        top = np.argpartition(-cosines, k - 1)[:k] if k < len(cosines) else np.arange(len(cosines))
        best, best_score = None, -1.0
        for row in top:
            story, cos = self.stories[row], float(cosines[row])
            if feat.day is not None:
                gap = story.days_from(feat.day)
                if gap is not None and gap > s.window_days and cos < s.near_identical:
                    continue
            score = (1 - s.name_weight) * cos + s.name_weight * self.name_similarity(feat.names, story)
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < s.threshold:
            return None, best_score
        return best, best_score

    def add(self, feat: StoryFeatures, vector: np.ndarray, copy_of: str | None = None) -> str:
        """Place one article; returns its story id. An id already placed keeps its story."""
        if feat.id in self.membership:
            return self.membership[feat.id]
        self.documents += 1
        self.name_df.update(feat.names)
        story = self.by_id.get(self.membership.get(copy_of, "")) if copy_of else None
        if story is None:
            story, _ = self.best(feat, vector)
        if story is None:
            story = Story(feat.id, np.zeros_like(vector, dtype=np.float32))
            self.row_of[story.id] = len(self.stories)
            self.stories.append(story)
            self.by_id[story.id] = story
        story.add(feat, vector)
        row = self.row_of[story.id]
        if row < self._rows:
            self._refresh(row)
        self.membership[feat.id] = story.id
        self.changed.add(story.id)
        return story.id
