"""``embed``: extractive digest on MiniLM sentence embeddings, with a strong lead prior.

Why this shape: on news, the first sentences are the best summary far more often than
not, and centrality methods (TextRank, LexRank) or scorers trained on one house style
do worse than Lead-3 on others. So the ranking starts from the lead and uses the
embeddings only where they help:

* **off-topic** sentences are dropped: boilerplate by pattern (bylines, "Read more",
  captions, credits, sign-up prompts), a body line that only repeats the headline, and
  sentences whose similarity to the article's topic is far below the article's typical
  sentence (pull quotes, stray captions);
* **the lede stays**: the first prose sentence is always in the digest; it is the
  story's own statement on most outlets (on news pages scored against their editors'
  own descriptions, letting the headline displace it lost to Lead-3);
* **headline closeness**: the topic vector is the article's centroid plus the headline
  when there is one, and each later sentence's similarity to it adds to its lead prior,
  so after a weak lead (a feature's scene-setting opening, a sport report's colour) the
  sentences that carry the story come next;
* **without a headline, the article's recurring words** stand in for it: a sentence's
  score gains ``keywords`` times its share of words the article keeps coming back to
  (:func:`keyword_scores`), so an untitled feature's scene-setting gives way to the
  sentences that say what the story is about;
* **redundancy**: sentences are picked greedily by maximal marginal relevance; a
  sentence close to one already chosen (cosine above ``similar``) is docked, one very
  close (above ``redundant``) is never taken, so a paraphrase of the lead gives way to
  the next sentence that says something new.

With a headline, sentence *i* (0-based, among candidates) scores
``cos(e_i, unit(centroid + headline)) - prior * log(1 + i)``; without one,
``keywords * k_i - prior * log(1 + i)`` with ``k_i`` from :func:`keyword_scores`. Only the first
``candidates`` sentences are encoded (a lead prior makes later ones unlikely picks). The
settings (:class:`EmbedSettings`) and how each was chosen on the tuning data, never on held-out
BBC: docs/digest.md ("How embed's settings were chosen").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarize.digest.furniture import is_boilerplate, prose_sentences, repeats_title  # noqa: F401 - re-exported
from summarize.digest.length import Length
from summarize.document import Article
from summarize.fingerprint import content_terms

@dataclass(frozen=True)
class EmbedSettings:
    prior: float = 0.3  # weight of -log(1 + position) against headline/topic closeness
    keep_lede: bool = True  # the first prose sentence is always taken first
    redundant: float = 0.85  # cosine to a chosen sentence above which a sentence is a repeat, never taken
    similar: float = 0.70  # cosine to a chosen sentence above which a sentence's score is docked ...
    novelty: float = 2.0  # ... by novelty * (cosine - similar): maximal marginal relevance
    off_topic: float = 0.35  # closeness to the article's centroid this far below its median drops a sentence
    keywords: float = 0.5  # without a headline: weight of a sentence's share of the article's recurring words
    candidates: int = 8  # only the first N prose sentences are encoded and considered (speed; see above)
    max_tokens: int = 128  # sentences are truncated to this many word pieces


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def keyword_scores(prose: Sequence[str], n: int) -> np.ndarray:
    """How much each of the first ``n`` sentences of ``prose`` (the article's prose
    sentences, in order) is made of the article's recurring words, scaled to [0, 1].

    A sentence's score is the mean, over its distinct content words (stemmed, function
    words left out), of the number of *other* prose sentences that use the word too; the
    best sentence of the article scores 1. The words a story keeps coming back to are
    what its headline names, so without a headline this stands in for one: a sentence
    built of them says what the story is about; a scene-setting line, a quote's colour or
    a sub-head does not. A mean, not a sum: a long sentence is not favoured for its length.
    """
    terms = [content_terms(t) for t in prose]
    counts = Counter(term for found in terms for term in found)
    scores = np.array([sum(counts[t] - 1 for t in found) / len(found) if found else 0.0 for found in terms[:n]])
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else scores


def rank(embeddings: np.ndarray, title: np.ndarray | None, settings: EmbedSettings = EmbedSettings(),
         keywords: np.ndarray | None = None) -> list[int]:
    """Candidate indices best first, off-topic sentences and repeats left out.

    ``embeddings`` are the L2-normalised candidate sentences in article order; ``title``
    the normalised headline embedding, or None. A sentence's base score is the lead
    prior ``-prior * log(1 + i)``, plus, with a headline, its closeness to the topic
    (centroid + headline); the first sentence (the lede) is taken first when
    ``keep_lede``. Without a headline no closeness is added: the lead is then
    the best statement of the story there is (on BBC, re-ranking by closeness to the
    centroid or to the first sentence lost ROUGE against the withheld headlines), and
    the article's own recurring words stand in for the headline: ``keywords``
    (:func:`keyword_scores`), weighted by ``settings.keywords``, add to the lead prior.

    Sentences are then taken greedily (maximal marginal relevance): each pick's score
    loses ``novelty * (s - similar)`` where ``s``, its highest cosine to a sentence
    already chosen, exceeds ``similar``, and a sentence above ``redundant`` is a repeat
    and never taken. So a paraphrase of the lead gives way to the next sentence that
    says something new.
    """
    n = len(embeddings)
    if n == 0:
        return []
    centroid = _unit(embeddings.mean(axis=0))
    on_topic = embeddings @ centroid
    base = -settings.prior * np.log1p(np.arange(n))
    if title is not None:
        base = base + embeddings @ _unit(centroid + title)
    elif keywords is not None:
        base = base + settings.keywords * np.asarray(keywords, dtype=float)
    if settings.keep_lede:
        base[0] = np.inf  # the lede is taken first, whatever the headline is closest to
    floor = float(np.median(on_topic)) - settings.off_topic
    # The first prose sentence is the story's own statement: never "off-topic".
    pool = [i for i in range(n) if i == 0 or on_topic[i] >= floor] or list(range(n))
    overlap = np.full(n, -1.0)  # highest cosine to a chosen sentence so far
    chosen: list[int] = []
    while pool:
        candidates = np.asarray(pool)
        scores = base[candidates] - settings.novelty * np.maximum(0.0, overlap[candidates] - settings.similar)
        scores[overlap[candidates] > settings.redundant] = -np.inf
        best = int(np.argmax(scores))
        if scores[best] == -np.inf:
            break
        pick = pool.pop(best)
        chosen.append(pick)
        overlap = np.maximum(overlap, embeddings @ embeddings[pick])
    return chosen


def candidate_texts(article: Article, limit: int, length: Length | None = None) -> list[str]:
    """The prose sentences considered for the digest: the first ``limit``, or twice what a
    long ``length`` asks for (``--ratio 0.5`` of a 40-sentence article needs more than 12)."""
    return candidate_window(prose_sentences(article), limit, length)


def candidate_window(prose: list[str], limit: int, length: Length | None = None) -> list[str]:
    """:func:`candidate_texts` of already filtered prose sentences."""
    if length is not None:
        wanted = length.sentence_count(len(prose))
        if wanted is None:  # a word budget: about 10 words a sentence at the least
            wanted = -(-(length.words or 0) // 10)
        limit = max(limit, 2 * wanted)
    return prose[:limit]


class EmbedDigester:
    """The ``embed`` method: loads the (verified) sentence encoder once."""

    name = "embed"
    CACHE_TEXTS = 20_000  # vectors kept for texts that come again (about 30 MB)

    def __init__(self, model: str | None = None, settings: EmbedSettings | None = None, encode_batch: int = 32,
                 backend: str = "auto") -> None:
        from summarize.models_embed import load_encoder

        self.settings = settings or EmbedSettings()
        self.encode_batch = encode_batch
        self._cache: dict[str, np.ndarray] = {}
        self.encoder, spec = load_encoder(model, backend=backend, max_seq_length=self.settings.max_tokens)
        self.model = spec.name
        self.backend = self.encoder.backend

    def candidates(self, article: Article, length: Length | None = None) -> list[str]:
        return candidate_texts(article, self.settings.candidates, length)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One vector per text. A text seen before in this run (a wire story's sentences in
        ten outlets' copies, a headline repeated as the lede) is not encoded again: the
        last ``CACHE_TEXTS`` vectors are kept (the ONNX encoder gives a text the same vector
        whatever it is encoded with, so this changes no digest)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        cache = self._cache
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            for text, vector in zip(missing, self.encoder.encode(missing, batch_size=self.encode_batch)):
                cache[text] = vector.copy()
        vectors = np.vstack([cache[t] for t in texts])
        while len(cache) > self.CACHE_TEXTS:
            del cache[next(iter(cache))]  # oldest first
        return vectors

    def digest(self, articles: Sequence[Article], length: Length) -> list[list[str]]:
        prose = [prose_sentences(a) for a in articles]
        per_article = [candidate_window(p, self.settings.candidates, length) for p in prose]
        titles = [" ".join(a.title.split()) if a.title and a.title.strip() else None for a in articles]
        texts = [t for c in per_article for t in c] + [t for t in titles if t]
        vectors = self.encode(texts)
        results = []
        pos = 0
        title_pos = sum(len(c) for c in per_article)
        for cands, title, article_prose in zip(per_article, titles, prose):
            total = len(article_prose)
            emb = vectors[pos : pos + len(cands)]
            pos += len(cands)
            title_vec = None
            if title:
                title_vec = vectors[title_pos]
                title_pos += 1
            if len(cands) <= 1:
                results.append(cands)
                continue
            keywords = keyword_scores(article_prose, len(cands)) if title_vec is None else None
            ranking = rank(emb, title_vec, self.settings, keywords)
            chosen = length.choose(ranking, [len(t.split()) for t in cands], available=total)
            results.append([cands[i] for i in chosen])
        return results

