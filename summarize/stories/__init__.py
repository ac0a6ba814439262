"""Stories: articles that report one real-world event, however independently written.

:func:`group_stories` is the entry point: near-copies are found first by the MinHash
engine of :mod:`summarize.dedup` (the strongest signal: a copy always joins its
original's story), each article's lead is embedded with the verified MiniLM encoder,
and :class:`StoryClusterer` places articles one at a time, oldest first (undated ones
after, in input order), so a story keeps the id of its first article as a feed grows.
With a :mod:`store <summarize.stories.store>` (``--index``), stories persist between runs::

    from summarize.stories import group_stories
    grouping = group_stories(articles)
    grouping.story_of["article-id"]   # the story id
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from summarize.document import Article
from summarize.stories.cluster import Story, StoryClusterer, StorySettings
from summarize.stories.features import StoryFeatures, features


@dataclass
class Grouping:
    """The outcome of one run: each input article's story, and the stories themselves."""

    story_of: dict[str, str]  # article id -> story id
    clusterer: StoryClusterer
    vectors: np.ndarray | None = None  # lead embeddings, one row per input article

    def stories(self, articles: Sequence[Article]) -> list[tuple[str, list[Article]]]:
        """``(story id, its articles of this run)``, stories in order of first appearance in ``articles``."""
        grouped: dict[str, list[Article]] = {}
        for article in articles:
            grouped.setdefault(self.story_of[article.id], []).append(article)
        return list(grouped.items())


def placement_order(feats: Sequence[StoryFeatures]) -> list[int]:
    """Indices oldest first; undated articles after the dated ones, in input order."""
    return sorted(range(len(feats)), key=lambda i: (feats[i].day is None, feats[i].day or date.min, i))


def near_copies(articles: Sequence[Article], threshold: float | None = None) -> dict[str, str]:
    """article id -> the id of the earlier article it nearly copies (MinHash + exact check;
    ``threshold``: the containment that makes a copy, dedup's default when None)."""
    from summarize.dedup import DEFAULT_THRESHOLD, DedupConfig, dedup_articles

    config = DedupConfig(threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    matches = dedup_articles(list(articles), None, config)
    return {m.id: m.duplicate_of for m in matches if m.duplicate_of}


LEAD_TOKENS = 128
ENCODER_ID = f"all-MiniLM-L6-v2/lead-{LEAD_TOKENS}"  # what a story store's vectors were made by


@functools.lru_cache(maxsize=1)
def story_encoder():
    """The bundled, hash-verified MiniLM, loaded once per process (leads and story digests share it)."""
    from summarize.models_embed import load_encoder

    return load_encoder(max_seq_length=LEAD_TOKENS)[0]


def embed_leads(leads: Sequence[str], encoder=None) -> np.ndarray:
    """Unit vectors of the leads (the bundled, hash-verified MiniLM unless ``encoder`` is given)."""
    if encoder is None:
        encoder = story_encoder()
    if not leads:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(encoder.encode(list(leads)), dtype=np.float32)


def group_stories(
    articles: Sequence[Article],
    settings: StorySettings | None = None,
    *,
    clusterer: StoryClusterer | None = None,
    encoder=None,
    vectors: np.ndarray | None = None,
    copies: bool = True,
    copy_threshold: float | None = None,
) -> Grouping:
    """Place every article in a story. Article ids must be unique. ``clusterer``: stories of
    earlier runs to continue (from a store); ``vectors``: lead embeddings already computed.

    Near-copies are found first: a copy joins its original's story whatever its embedding and
    is given its original's vector, so only the originals' leads are embedded, which on a feed
    of wire copies saves most of the encoding."""
    clusterer = clusterer or StoryClusterer(settings)
    feats = [features(a) for a in articles]
    order = placement_order(feats)
    copy_of = near_copies([articles[i] for i in order], copy_threshold) if copies and len(articles) > 1 else {}
    vectors = lead_vectors(feats, copy_of, encoder, vectors)
    new = []  # placed by this run (an id an earlier run placed keeps its story)
    for i in order:
        if feats[i].id not in clusterer.membership:
            new.append(i)
        clusterer.add(feats[i], vectors[i], copy_of.get(feats[i].id))
    units: dict[str, list] = {}  # an original of this run and its copies of this run: moved together
    for i in new:
        root = _root(feats[i].id, copy_of, clusterer.membership)
        if root == feats[i].id or root in units:
            units.setdefault(root, []).append((feats[i], vectors[i]))
    clusterer.refine([unit for unit in units.values() if unit[0][0].id not in copy_of])
    story_of = {f.id: clusterer.membership[f.id] for f in feats}
    return Grouping(story_of, clusterer, vectors)


def _root(article_id: str, copy_of: dict[str, str], placed: dict[str, str]) -> str:
    """The original a chain of near-copies leads to (among the articles placed)."""
    seen = set()
    while article_id in copy_of and copy_of[article_id] in placed and article_id not in seen:
        seen.add(article_id)
        article_id = copy_of[article_id]
    return article_id


def lead_vectors(feats: Sequence[StoryFeatures], copy_of: dict[str, str], encoder=None,
                 computed: np.ndarray | None = None) -> np.ndarray:
    """Lead embeddings of every article, a copy's being its original's: only the originals are
    encoded (or taken from ``computed``, one row per article, when given)."""
    row = {f.id: i for i, f in enumerate(feats)}

    def root(article_id: str) -> str:
        seen = set()
        while article_id in copy_of and article_id not in seen and copy_of[article_id] in row:
            seen.add(article_id)
            article_id = copy_of[article_id]
        return article_id

    roots = [row[root(f.id)] for f in feats]
    originals = sorted(set(roots))
    if computed is not None:
        return np.asarray(computed, dtype=np.float32)[roots]
    encoded = embed_leads([feats[i].lead for i in originals], encoder)
    if not len(encoded):
        return np.zeros((len(feats), 384), dtype=np.float32)
    at = {i: n for n, i in enumerate(originals)}
    return encoded[[at[r] for r in roots]]


def stored_stories(index: str | None, settings: StorySettings | None = None):
    """``(store, clusterer)`` for an ``--index`` spec: the stories of earlier runs to continue;
    ``(None, None)`` without one."""
    if not index:
        return None, None
    from summarize.stories.store import open_store

    store = open_store(index)
    try:
        return store, store.load(settings, ENCODER_ID)
    except BaseException:
        store.close()
        raise


__all__ = ["Grouping", "Story", "StoryClusterer", "StorySettings", "embed_leads", "features", "group_stories", "stored_stories"]
