"""Near-duplicate articles: the library behind ``summarize dedup``.

:func:`cluster_articles` groups articles in memory; :func:`dedup_articles`
gives one :class:`Match` per article and can remember articles across runs in
an index (:func:`summarize.dedup.index.open_index`: SQLite file or Redis).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from summarize.dedup.engine import (
    DEFAULT_MIN_JACCARD,
    DEFAULT_THRESHOLD,
    DedupConfig,
    Match,
    Stats,
    deduplicate,
)
from summarize.dedup.identity import identity, text_digest
from summarize.dedup.index import IndexStorage, open_index
from summarize.document import Article


def dedup_articles(
    articles: Sequence[Article],
    index: IndexStorage | None = None,
    config: DedupConfig | None = None,
    progress: Callable[[str], None] | None = None,
    stats: Stats | None = None,
    **stages,
) -> list[Match]:
    """One :class:`Match` per article, in order. ``stages``: :func:`deduplicate`'s ``shingles`` and ``lsh``.

    Bodies are compared, not titles: a new headline does not hide a copy. An
    article without a body (a title-only feed entry) is compared by its title.
    Articles are known in the index by their identity (:func:`identity`).
    """
    texts = [compared_text(a) for a in articles]
    return deduplicate([a.id for a in articles], texts, index, config or DedupConfig(), progress, stats,
                       identities=[identity(a) for a in articles], digests=OnDemand(text_digest, articles), **stages)


class OnDemand(Sequence):
    """``[make(item) for item in items]``, each computed when first asked for: a run without an index
    compares the text digests of repeated identities only, and most articles are met once."""

    def __init__(self, make: Callable, items: Sequence) -> None:
        self._make, self._items, self._done = make, items, {}

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i not in self._done:
            self._done[i] = self._make(self._items[i])
        return self._done[i]


SHORT_BODY_WORDS = 25  # a body shorter than this is compared with its headline


def compared_text(article: Article) -> str:
    """What dedup compares: the body, or the title of an article without one. A short body (under
    :data:`SHORT_BODY_WORDS` words) is compared with its headline before it: a feed whose entries
    carry only a teaser ("Continue reading on Medium »", a picture) gives every post the same few
    words, and those posts differ by their headlines; a short item copied whole keeps both."""
    if not article.text.strip():
        return article.title or ""
    title = (article.title or "").strip()
    if title and len(article.text.split()) < SHORT_BODY_WORDS:
        return f"{title}\n{article.text}"
    return article.text


@dataclass
class Cluster:
    """One story: its articles in input order, the first being the one that named it."""

    id: str
    articles: list[Article] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)

    @property
    def similarity(self) -> list[float | None]:
        """Each member's similarity to its best earlier match (None for the first)."""
        return [m.similarity for m in self.matches]

    @property
    def size(self) -> int:
        return len(self.articles)

    @property
    def first(self) -> Article:
        return self.articles[0]


def group(articles: Sequence[Article], matches: Sequence[Match]) -> list[Cluster]:
    """Clusters in order of first appearance among ``articles``."""
    clusters: dict[str, Cluster] = {}
    for article, match in zip(articles, matches):
        clusters.setdefault(match.cluster, Cluster(match.cluster)).articles.append(article)
        clusters[match.cluster].matches.append(match)
    return list(clusters.values())


def cluster_articles(
    articles: Iterable[Article],
    threshold: float = DEFAULT_THRESHOLD,
    min_jaccard: float = DEFAULT_MIN_JACCARD,
    **options,
) -> list[Cluster]:
    """Group ``articles`` into story clusters, in memory (no index). ``options``: other :class:`DedupConfig` fields."""
    items = list(articles)
    config = DedupConfig(threshold=threshold, min_jaccard=min_jaccard, **options)
    return group(items, dedup_articles(items, None, config))


__all__ = [
    "Cluster",
    "DedupConfig",
    "DEFAULT_MIN_JACCARD",
    "DEFAULT_THRESHOLD",
    "Match",
    "Stats",
    "cluster_articles",
    "dedup_articles",
    "deduplicate",
    "group",
    "open_index",
]
