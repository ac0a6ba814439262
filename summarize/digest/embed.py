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

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarize.digest.length import Length
from summarize.document import Article
from summarize.fingerprint import content_terms, words
from summarize.read.html import TITLE_SEPARATOR

# Lines that are page furniture rather than prose: calls to action, credits, bylines, stamps.
# Each pattern needs the furniture's own wording, so prose that merely starts with "More",
# "By" or "Share" ("More than five million listeners voted", "By Monday's close, ...") is kept.
_CALL_TO_ACTION = re.compile(
    r"""^\W*(?:read\s+(?:more|also|the\s+full)|see\s+(?:more|also)|more\s+(?:on|from|about)\s+this|
        (?:click|tap)\s+here|sign\s+up\b|subscribe\b|follow\s+(?:us|@)|share\s+(?:this|on|it)\b|you\s+may\s+also\s+like|
        download\s+(?:the|our)\s+app|related\s*(?:stories|articles|coverage|content)?\s*:|
        (?:watch|listen)\s*:|advertisement\b|sponsored\b|comments\s+are\s+closed|(?:next|previous)\s+(?:article|story)\s*:|
        also\s+on\s+[\w-]+\.(?:com|org|net|co\.uk)\b|\d+\s+min(?:ute)?s?\s+read\b|
        lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|(?:à\s+)?lire\s+(?:aussi|également)|lea\s+también|leia\s+também|
        leggi\s+anche|читайте\s+также|(?:tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT = re.compile(
    r"""(?:^\W*(?:photo|image|picture|video|graphic|illustration|credit|caption|source)s?\s*(?:copyright\s*)?[:|]|
        getty\s+images|\bap\s+photo\b|afp\s+via|all\s+rights\s+reserved|©|ⓒ|image\s+copyright|
        ^\W*copyright\s+(?:\(c\)\s*)?\d{4}\b|contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article))""",
    re.IGNORECASE | re.VERBOSE,
)
# Labels a news page puts before or instead of a caption or a player, whatever follows them
# ("Image caption Residents waded through the streets of York on Sunday", BBC pages).
_LABEL = re.compile(r"^\W*(?:(?:image|media|photo|video)\s+caption\b|media\s+playback\s+is\s+unsupported)", re.IGNORECASE)


def is_table_row(text: str) -> bool:
    """A row of a table (Markdown pipes, or cells an HTML extractor joined with " | "): three
    pipes or more between short cells ("Pos | Player | Plays | % | Stats"). Pipes between
    longer runs of words (a list of related headlines glued to a lede) are not a table."""
    if text.count("|") < 3:
        return False
    cells = sorted(len(c.split()) for c in text.split("|") if c.strip())
    return len(cells) >= 3 and cells[len(cells) // 2] <= 3
# Agency credits under a story ("(Reporting by Jane Doe; Editing by Tom Brown)"); only on a
# line that does not end like a sentence ("Reporting by the BBC revealed ..." is prose).
_DESK_CREDIT = re.compile(r"^\W*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", re.IGNORECASE)
_BYLINE = re.compile(r"^\W*[Bb]y\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[,|\-–—].*)?$")
_STAMP = re.compile(r"^\W*(?:(?:updated|published|posted|last\s+modified)\s*(?::|on\b|at\b|by\b|\d)|"
                    r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\b\.?))", re.IGNORECASE)
# Broadcast listings under a match preview or a programme note ("BBC1, Radio 4 LW and this website",
# "TV: Sky Sports 1", "Live on BT Sport"): only ever furniture on a line that does not end like a sentence.
_COVERAGE = re.compile(
    r"""\b(?:BBC|ITV|Sky\s+Sports?|BT\s+Sport|ESPN|Eurosport|Channel\s+4|Five\s+Live|S4C|RT[EÉ]|TNT\s+Sports?|DAZN|
        NBC|CBS|TSN|radio\s*\d)\b|\bthis\s+website\b|\blive\s+(?:on|coverage|text|commentary|stream)\b|
        ^\W*(?:tv|radio|coverage|live\s+on)\s*:""",
    re.IGNORECASE | re.VERBOSE,
)
MIN_WORDS = 4
LABEL_MAX_WORDS = 6  # a line this short that does not end like a sentence is a label
SENTENCE_ENDS = (".", "!", "?", '"', "'", "\u201d", "\u2019", "\u2026", ":")
FURNITURE_MAX_WORDS = 12  # furniture is short: a longer line is judged as prose


_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")


def ends_like_sentence(text: str) -> bool:
    """Closing punctuation of a sentence. A closing bracket counts only after a full stop,
    "!" or "?" ("(See page 3.)"): "Howard Webb (South Yorkshire)", "WINNERS (once)" and
    "2 Andy Roddick (US)" are a referee line, a record label and a list item."""
    text = text.rstrip()
    if text.endswith(")"):
        return text[:-1].rstrip().endswith((".", "!", "?"))
    return text.endswith(SENTENCE_ENDS)


def is_standfirst(text: str) -> bool:
    """A short unpunctuated opening line that reads as a clause ("Arsenal win 4-2 on
    penalties"), not a label: it has at least two lower-case words. Datelines, venues and
    times ("Murrayfield, Edinburgh", "Saturday, 26 February", "1600 GMT") have none."""
    return len(_LOWER_WORD.findall(text)) >= 2


def is_boilerplate(text: str, opening: bool = False) -> bool:
    """Page furniture rather than a sentence of the story.

    A short line that does not end like a sentence (a dateline, venue, kick-off time,
    sub-heading, label, a referee or list entry like "Howard Webb (South Yorkshire)"), a
    SHOUTED line, or a short line in a furniture pattern (calls to action, credits, stamps,
    and, when it does not end like a sentence, a byline or a broadcast listing). A short
    real sentence ("America has spoken.") ends like one and is kept, and so is the body's
    ``opening`` line when it is a standfirst (:func:`is_standfirst`).
    """
    words = text.split()
    if _LABEL.match(text) or is_table_row(text):
        return True
    ends = ends_like_sentence(text)
    if not ends and _DESK_CREDIT.match(text):  # any length: agencies list several reporters and desks
        return True
    label_like = not ends
    if opening and label_like and len(words) >= 2 and is_standfirst(text):
        label_like = False
    if len(words) < MIN_WORDS and (len(words) < 2 or label_like):
        return True
    if len(words) <= LABEL_MAX_WORDS and label_like:
        return True
    if not any(c.islower() for c in text):
        return True  # SHOUTED labels, tickers
    if len(words) > FURNITURE_MAX_WORDS:
        return False
    if _CALL_TO_ACTION.match(text) or _CREDIT.search(text) or _STAMP.match(text):
        return True
    if label_like and _COVERAGE.search(text):  # an opening standfirst about a broadcaster stays
        return True
    return not ends and bool(_BYLINE.match(text))


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


def repeats_title(text: str, title: str | None) -> bool:
    """The headline printed again as a line of the body (many pages open their body with
    it: 7 of the 180 scraped news pages): the same words, whatever the case, quotes or
    punctuation, as the whole title or as the headline part of a page title that also
    names a section or the site ("Opinion | Is Football Violence a Crime? - The New York
    Times"; a part of 3 words or more). A digest shown under its headline should not
    spend a sentence on it."""
    if not title:
        return False
    said = words(text)
    if said == words(title):
        return True
    return len(said) >= 3 and any(words(part) == said for part in TITLE_SEPARATOR.split(title))


def prose_sentences(article: Article) -> list[str]:
    """The article's sentences (whitespace-collapsed) without page furniture or a repeat of its headline."""
    texts = [" ".join(s.text.split()) for s in article.sentences]
    body = [t for t in texts if not repeats_title(t, article.title)]  # the line after a repeated headline opens the body
    return [t for i, t in enumerate(body) if not is_boilerplate(t, opening=i == 0)] or texts


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

