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

Placing one article at a time judges the first articles of a run by the few stories and
the name statistics there were when they came. So once a run's articles are placed,
:meth:`StoryClusterer.refine` places each of them again (``refine_rounds`` times) against
every story as it now stands, with the run's final name frequencies, and moves it where
it scores best -- never an article of an earlier run, so stored stories keep what they
had. A story left empty by the moves is dropped (it was this run's); a story keeps its
id even when the article it was named after moves on.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from summarize.stories.features import StoryFeatures


_BLOCK = 512  # articles whose cosines to every story are held at once while refining


@dataclass(frozen=True)
class StorySettings:
    threshold: float = 0.5
    name_weight: float = 0.5
    window_days: int = 7
    near_identical: float = 0.95
    candidates: int = 20  # stories (best by embedding) whose names are compared
    refine_rounds: int = 3  # times a run's articles are placed again once all are placed

    def validate(self) -> None:
        from summarize.errors import SummarizeError

        if not 0.0 < self.threshold <= 1.0:
            raise SummarizeError(f"story threshold must be in (0, 1], got {self.threshold}")
        if not 0.0 <= self.name_weight <= 1.0:
            raise SummarizeError(f"name weight must be in [0, 1], got {self.name_weight}")
        if self.window_days < 0:
            raise SummarizeError(f"--window must be at least 0 days, got {self.window_days}")
        if self.refine_rounds < 0:
            raise SummarizeError(f"refine rounds must be at least 0, got {self.refine_rounds}")


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

    def add(self, feat: StoryFeatures, vector: np.ndarray, window_days: int | None = None) -> None:
        """Add an article. Its day stretches the story's dated span unless it lies more than
        ``window_days`` outside it: a copy or a near-identical lead republished years later
        belongs to the story, yet does not make it a story of that later time."""
        self.vector_sum = self.vector_sum + vector
        self.size += 1
        self.names.update(feat.names)
        self.members.append(feat.id)
        if feat.day is not None:
            gap = self.days_from(feat.day)
            if gap is None or window_days is None or gap <= window_days:
                self.first_day = min(self.first_day or feat.day, feat.day)
                self.last_day = max(self.last_day or feat.day, feat.day)

    def remove(self, feat: StoryFeatures, vector: np.ndarray) -> None:
        """Take an article out (its dated span is kept: the days of the others are not known)."""
        self.vector_sum = self.vector_sum - vector
        self.size -= 1
        self.names.subtract(feat.names)
        for name in feat.names:
            if self.names[name] <= 0:
                del self.names[name]
        self.members.remove(feat.id)

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
        """Cosine of the IDF-weighted names of an article and of a story (its name counts)."""
        if not names or not story.names:
            return 0.0
        norm = math.sqrt(sum(self._idf(n) ** 2 for n in names))
        story_norm2 = sum((c * self._idf(n)) ** 2 for n, c in story.names.items())
        return self._names_score(names, norm, story.names, story_norm2, self._idf, None)

    def _outside_window(self, feat: StoryFeatures, story: Story, cos: float) -> bool:
        """Whether the story's dated articles lie too far from the article's day to join it (a
        near-identical lead crosses the window)."""
        s = self.settings
        if feat.day is None or cos >= s.near_identical:
            return False
        gap = story.days_from(feat.day)
        return gap is not None and gap > s.window_days

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
            if self._outside_window(feat, story, cos):
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
        story.add(feat, vector, self.settings.window_days)
        row = self.row_of[story.id]
        if row < self._rows:
            self._refresh(row)
        self.membership[feat.id] = story.id
        self.changed.add(story.id)
        return story.id

    def refine(self, units: list[list[tuple[StoryFeatures, np.ndarray]]]) -> int:
        """Place the run's articles again, ``refine_rounds`` times, and move each to the story it
        now scores best in (see the module's docstring); returns how many moves were made. A unit
        is an article with the near-copies of it placed by this run: scored as the article, left
        out of its own story and moved together. Each round scores every unit against the
        stories as the round found them, then makes the moves."""
        s = self.settings
        moved = 0
        for _ in range(s.refine_rounds):
            moves = self._round(units)
            for unit, target in moves:
                for feat, vector in unit:
                    self.move(feat, vector, target.id)
            moved += len(moves)
            if not moves:
                break
        self.drop_empty()
        return moved

    def move(self, feat: StoryFeatures, vector: np.ndarray, story_id: str) -> None:
        """Move an article placed by this run to another story (the one with id ``story_id``)."""
        source, target = self.by_id[self.membership[feat.id]], self.by_id[story_id]
        if source is target:
            return
        source.remove(feat, vector)
        target.add(feat, vector, self.settings.window_days)
        self.membership[feat.id] = target.id
        self.changed.update((source.id, target.id))
        for story in (source, target):
            if self.row_of[story.id] < self._rows:
                self._refresh(self.row_of[story.id])

    def _round(self, units: list[list[tuple[StoryFeatures, np.ndarray]]]) -> list[tuple[list, Story]]:
        s = self.settings
        if len(self.stories) < 2 or not units:
            return []
        vectors = np.stack([unit[0][1] for unit in units]).astype(np.float32)
        sums = np.stack([story.vector_sum for story in self.stories]).astype(np.float32)
        centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
        own = np.array([self.row_of[self.membership[unit[0][0].id]] for unit in units])
        counts = np.array([len(unit) for unit in units])
        rest = sums[own] - np.stack([np.sum([v for _, v in unit], axis=0) for unit in units])  # own story without the unit
        sizes = np.array([story.size for story in self.stories])
        own_cos = np.where(sizes[own] > counts, (vectors * rest).sum(axis=1)
                           / np.maximum(np.linalg.norm(rest, axis=1), 1e-12), -1.0)
        k = min(s.candidates, len(self.stories))
        tops = np.empty((len(units), k), dtype=np.int64)
        top_cos = np.empty((len(units), k), dtype=np.float32)
        for lo in range(0, len(units), _BLOCK):  # a block of articles at a time: memory stays bounded
            block = vectors[lo : lo + _BLOCK] @ centroids.T
            rows = np.arange(len(block))
            block[rows, own[lo : lo + _BLOCK]] = own_cos[lo : lo + _BLOCK]
            best = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < block.shape[1] else np.tile(np.arange(k), (len(block), 1))
            tops[lo : lo + _BLOCK] = best
            top_cos[lo : lo + _BLOCK] = np.take_along_axis(block, best, axis=1)
        idf: dict[str, float] = {}
        norms: dict[int, float] = {}  # story row -> squared norm of its IDF-weighted names, this round

        def weight(name: str) -> float:
            w = idf.get(name)
            if w is None:
                w = idf[name] = self._idf(name)
            return w

        def norm2(row: int) -> float:
            n = norms.get(row)
            if n is None:
                n = norms[row] = sum((c * weight(name)) ** 2 for name, c in self.stories[row].names.items())
            return n

        moves = []
        for i, unit in enumerate(units):
            feat = unit[0][0]
            left_out = Counter(n for f, _ in unit for n in f.names)
            names_norm = math.sqrt(sum(weight(n) ** 2 for n in feat.names))
            best_row, best_score = None, -1.0
            for row, cos in zip(tops[i].tolist(), top_cos[i].tolist()):
                story = self.stories[row]
                mine = row == own[i]
                if story.size - (counts[i] if mine else 0) <= 0:
                    continue
                if self._outside_window(feat, story, cos):
                    continue
                score = (1 - s.name_weight) * cos + s.name_weight * self._names_score(
                    feat.names, names_norm, story.names, norm2(row), weight, left_out if mine else None)
                if score > best_score:
                    best_row, best_score = row, score
            if best_row is not None and best_row != own[i] and best_score >= s.threshold:
                moves.append((unit, self.stories[best_row]))
        return moves

    @staticmethod
    def _names_score(names: frozenset[str], names_norm: float, story_names: Counter, story_norm2: float, weight,
                     left_out: Counter | None) -> float:
        """:meth:`name_similarity` of ``names`` (the norm of their weights given) against
        ``story_names`` (the squared norm given), with the counts ``left_out`` taken out of them."""
        if not names or not story_names:
            return 0.0
        dot = 0.0
        for n in names:
            c = story_names.get(n, 0)
            if c:
                if left_out:
                    c -= left_out.get(n, 0)
                if c > 0:
                    dot += weight(n) ** 2 * c
        if dot <= 0:
            return 0.0
        norm2 = story_norm2
        if left_out:
            for n, minus in left_out.items():
                c = story_names.get(n, 0)
                if c:
                    w = weight(n)
                    norm2 += (max(c - minus, 0) * w) ** 2 - (c * w) ** 2
        if norm2 <= 0:
            return 0.0
        return dot / (names_norm * math.sqrt(norm2))

    def drop_empty(self) -> None:
        """Forget the stories that moves left empty (each one this run's)."""
        empty = {story.id for story in self.stories if story.size <= 0}
        if not empty:
            return
        self.stories = [story for story in self.stories if story.id not in empty]
        self.by_id = {story.id: story for story in self.stories}
        self.row_of = {story.id: row for row, story in enumerate(self.stories)}
        self.changed -= empty
        self._matrix = None
        self._rows = 0
