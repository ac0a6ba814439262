"""Remove what an article repeats of itself.

News pieces restate their lead at the end, and scraped pages repeat a
paragraph. A later sentence (or paragraph) that restates an earlier one,
verbatim or lightly paraphrased, is removed; the first occurrence stays, and a
paragraph whose sentences are all repeats goes whole.

How a repeat is found:

1. *Candidates*: every sentence's set of stemmed content words is summarised by
   a datasketch MinHash; earlier kept sentences whose estimated Jaccard
   similarity reaches :attr:`CleanSettings.candidate_jaccard` are candidates
   (a pairwise estimate for short articles, banded LSH for long ones). Templated text
   (the same few sentences with other names and numbers, thousands of times) would make
   every earlier sentence a candidate of every later one -- quadratic time -- so the LSH
   keeps at most :data:`BUCKET_CAP` units per band bucket (the first and the latest half
   each) and at most :data:`CANDIDATE_CAP` candidates, those of the highest estimate, are
   verified. Real prose never comes near either cap, so its results are those of the
   uncapped search. In a long article the LSH candidates of all units are found at once
   (:func:`lsh_candidates`, numpy over sorted band keys), and a unit that names enough
   people, places or figures skips the similarity search: an original must hold some of its
   rarest names (:func:`named_candidates`), which in templated text are the few copies with
   the same names and numbers, not every copy of the template.
2. *Verification*: a candidate is a repeat when the stemmed word sequences of
   the two sentences align (``difflib.SequenceMatcher``: 2·matched / total
   tokens) at :attr:`CleanSettings.threshold` or above, or when nearly all of
   the later sentence is found, in order, inside the earlier one
   (:attr:`CleanSettings.containment`). Alignment keeps word order, which is
   what separates a restatement ("trains its models exclusively on a
   home-grown platform") from a sentence on the same topic that shares its
   vocabulary.

Short lines ("Source: SCMP") have too few words to be judged and are kept.
The thresholds come from ``scripts/eval_clean.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

from summarize.document import Article, Paragraph, Sentence
from summarize.fingerprint import STOPWORDS, jaccard, minhash_matrix, negations, stem, stems, words, written_words
from summarize.header import is_title_case
from summarize.parallel import gc_paused
from summarize.split import fill_sentences

# Articles with more sentences than this find candidates with LSH instead of all pairs.
PAIRWISE_LIMIT = 256
# Bounds that keep the LSH search near-linear on templated text (see the module doc).
BUCKET_CAP = 8
CANDIDATE_CAP = 8
# Units next to each other that differ only by a word or two, each in its place, are parallel.
PARALLEL_DISTANCE = 1
# Units listed per token for the search by names (see named_candidates).
NAME_HOLDERS_CAP = 32


@dataclass(frozen=True, slots=True)
class CleanSettings:
    threshold: float = 0.70  # sequence alignment ratio that makes a restatement
    containment: float = 0.90  # share of the later unit found, in order, inside the earlier one
    containment_min_words: int = 12  # a shortened restatement is judged by containment only from this length
    containment_ratio: float = 0.5  # ... and only when it still covers this much of the pair
    min_words: int = 8  # units shorter than this are never judged
    new_names: float = 0.10  # share of a restatement's words that may be names/numbers the original lacks
    candidate_jaccard: float = 0.25  # MinHash estimate that makes a pair worth verifying


@dataclass(frozen=True, slots=True)
class Removal:
    kind: str  # "sentence" or "paragraph"
    line: int
    text: str
    duplicate_of_line: int
    duplicate_of_text: str
    similarity: float
    start: int  # character span in Article.text
    end: int

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "kind": self.kind,
            "text": self.text,
            "duplicate_of": {"line": self.duplicate_of_line, "text": self.duplicate_of_text},
            "similarity": round(self.similarity, 3),
        }


@dataclass(slots=True)
class CleanResult:
    original: Article
    article: Article  # the cleaned article; offsets still index original.text
    removed: list[Removal] = field(default_factory=list)

    def cleaned_text(self) -> str:
        """The source text with every removed span cut out, everything else byte for byte."""
        text = self.original.text
        return cut_spans(text, [_whole_lines(text, r.start, r.end) if r.kind == "paragraph" else (r.start, r.end)
                                for r in self.removed])


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines a paragraph spans, whole: a paragraph owns its lines, and what stands on them besides
    its words is its markup (a bullet, "> ", "**What went well**:" read as "What went well:", an
    "<a href=...>" around it), which goes with it."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion "
    "trillion dozen half quarter first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "once twice"
).split()
# Names and numbers: capitalised words not opening a sentence, and words with a digit anywhere;
# number words are kept apart ("A second CFI flew ..." / "A third CFI flew ...": another fact).
_NUMBER_WORD = frozenset(_NUMBER_WORDS)
# (The look-behinds stand after the capital and a word's digits are found without backtracking:
# the same matches as "(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*|\b\w*\d\w*", twice as fast.)
_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z](?<![.!?]\s[A-Z])(?<!^[A-Z])[\w'’-]*|[^\W\d]*+\d\w*)")
# Keys: identifiers ("my_var", "powerpc-unknown-linux-gnu", "x86_64") and a headword in capitals
# opening the unit ("MONAD, n. ..."). Items of a list or entries of a glossary that differ in their
# key are parallel items, not a restatement, however alike the rest of them is.
_KEY = re.compile(r"\b\w+(?:[-_]\w+)*_\w+\b|\b[a-z]\w*(?:-\w+){2,}\b|\A\W*[A-Z][A-Z'’-]*[A-Z]\b")


@dataclass(slots=True)
class _Unit:
    """A sentence or a paragraph being judged: its stemmed tokens, content terms, and the
    names and numbers it mentions (capitalised words not opening a sentence, digits)."""

    line: int
    text: str
    tokens: list[str]
    terms: frozenset[str]
    names: tuple[str, ...]
    token_set: frozenset[str]
    negated: bool  # says "not", "never", "no", ...: never a restatement of a unit that does not
    keys: frozenset[str]  # identifiers and a leading headword: where both units have some, the same ones
    length: int  # words as written: "2025-04-23", "2.17" and "@m-ou-se" are one word each
    number_words: frozenset[str]  # "second", "three", "dozen"

    @classmethod
    def of(cls, line: int, text: str) -> _Unit:
        text = text.strip()
        names = tuple(stems(words(" ".join(_NAME_OR_NUMBER.findall(text)))))  # one normalising pass
        found = words(text)
        tokens = stems(found)
        # the same set as content_terms(text), without normalising and stemming the text twice
        terms = frozenset(t for w, t in zip(found, tokens) if w not in STOPWORDS)
        keys = (_keys(text) if "_" in text or text.count("-") >= 2 or text[:1].isupper() and text[1:2].isupper()
                else frozenset())
        # written words: only a short unit can fall under the minimum length by counting them
        length = len(found) if len(found) >= _LONG_UNIT else written_words(text)
        return cls(line, text, tokens, terms, names, frozenset(tokens), _negated(found), keys, length,
                   _NUMBER_WORD.intersection(found))


    @classmethod
    def joined(cls, line: int, text: str, parts: list[_Unit], spans: list[tuple[int, int]]) -> _Unit:
        """The unit of a paragraph ``text`` from the units of its sentences, at ``spans`` in it:
        the sentence splitter cuts at white space only, so the paragraph's words are its
        sentences' words in order -- what :meth:`of` finds, without normalising and stemming the
        text a second time. Its names are theirs, but for a capitalised word opening a sentence
        that no ".", "!" or "?" and a space stand before ('... he said." Officials ...'): a name
        in the paragraph (``_NAME_OR_NUMBER``), so that sentence's names are found in place."""
        if len(parts) == 1:
            return replace(parts[0], line=line) if parts[0].line != line else parts[0]
        tokens: list[str] = []
        names: list[str] = []
        for k, (part, (start, end)) in enumerate(zip(parts, spans)):
            tokens.extend(part.tokens)
            after_full_stop = text[start - 2 : start - 1] in (".", "!", "?") and text[start - 1 : start].isspace()
            if k and not after_full_stop and text[start : start + 1].isupper():
                names.extend(stems(words(" ".join(_NAME_OR_NUMBER.findall(text, start, end)))))
            else:
                names.extend(part.names)
        text = text.strip()
        keys = (_keys(text) if "_" in text or text.count("-") >= 2 or text[:1].isupper() and text[1:2].isupper()
                else frozenset())
        length = len(tokens) if len(tokens) >= _LONG_UNIT else written_words(text)
        return cls(line, text, tokens, frozenset().union(*(p.terms for p in parts)), tuple(names),
                   frozenset(tokens), any(p.negated for p in parts), keys, length,
                   frozenset().union(*(p.number_words for p in parts)))


def _keys(text: str) -> frozenset[str]:
    """The identifiers and leading headword of a unit (see ``_KEY``); a hyphenated compound with a
    stop word in it ("pay-as-you-go", "state-of-the-art") is prose, not an identifier."""
    found = (k.strip(" \t\n\"'*_`([").casefold() for k in _KEY.findall(text))
    return frozenset(k for k in found if "_" in k or "-" not in k or not any(p in STOPWORDS for p in k.split("-")))


_LONG_UNIT = 24  # word pieces: three times the default minimum, never under it counted as written

def _negated(found: list[str]) -> bool:
    """Whether normalised words say "not" ("isn't" is the words "isn" and "t")."""
    return bool(negations(found))


def _in_order(needles: Sequence[str], haystack: Sequence[str]) -> bool:
    """Whether ``needles`` occur in ``haystack`` in the same order (as a subsequence)."""
    rest = iter(haystack)
    return all(any(n == h for h in rest) for n in needles)


def _same_names(later: _Unit, earlier: _Unit, allowed_share: float) -> bool:
    """A restatement names what the original named, in the same order, adds few new names or
    numbers and changes none of the original's numbers; one item of a list with a shared template
    ("Film - The Aviator; director - ...") or a fixture list in another order is not a restatement."""
    known = earlier.token_set
    present = [n for n in later.names if n in known]
    new = len(later.names) - len(present)
    if (new or later.number_words) and _changed_number(later, earlier):
        return False
    return new <= allowed_share * len(later.tokens) and _in_order(present, earlier.tokens)


def _substituted(later: list[str], earlier: list[str]) -> bool:
    """Whether two token sequences of one length differ only in a word or two, each in its place:
    lines of a list or a verse written on one pattern ("To be a boy means not to be a girl." / "To be
    a man means ..."), which a restatement close by does not do (it adds, drops or moves words)."""
    return len(later) == len(earlier) and 0 < sum(a != b for a, b in zip(later, earlier)) <= 2


def _other_subject(later: _Unit, earlier: _Unit) -> bool:
    """Whether two units are about different things: each says a content word twice or more that
    the other never says ("Examination of the rudder control cable circuit ... for the rudder" /
    "... of the stabilator control cable circuit ... for the stabilator": parallel paragraphs of a
    report, not a restatement)."""
    return bool(_topics(later) - earlier.token_set) and bool(_topics(earlier) - later.token_set)


def _topics(unit: _Unit) -> set[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for t in unit.tokens:
        if t in unit.terms:
            (twice if t in seen else seen).add(t)
    return twice


def _changed_number(later: _Unit, earlier: _Unit) -> bool:
    """Whether a number of the earlier unit is replaced by another in the later one ("posted on
    2025-07-28" / "posted on 2025-07-29"): another fact, however alike the words."""
    if later.number_words - earlier.number_words and earlier.number_words - later.number_words:
        return True
    new = any(n not in earlier.token_set for n in later.names if not n.isalpha())
    return new and any(n not in later.token_set for n in earlier.names if not n.isalpha())


def alignment(later: Sequence[str], earlier: Sequence[str]) -> tuple[float, float]:
    """(ratio, containment) of two token sequences: 2·M/(|a|+|b|) and M/|later|,
    with M the tokens matched in order."""
    if not later or not earlier:
        return 0.0, 0.0
    matcher = SequenceMatcher(None, later, earlier, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * matched / (len(later) + len(earlier)), matched / len(later)


class _RepeatFinder:
    """Judges units in order against the earlier units that were kept."""

    def __init__(self, units: list[_Unit], settings: CleanSettings, anchored: bool = False,
                 hashes: np.ndarray | None = None) -> None:
        self.units = units
        self.settings = settings
        # ``anchored``: a sentence that names nothing and has no number ("No evidence of metal fatigue
        # was found.") says something of its paragraph's subject, whichever it is: never a repeat.
        self.judged = [u.length >= settings.min_words and len(u.terms) >= 2 and (bool(u.names) or not anchored)
                       for u in units]
        # A headline (title case, no full stop) and a body sentence are never each other's repeat:
        # the body sentence a headline quotes is not its copy (a headline given twice still is).
        self.headline = [ok and not u.text.rstrip("\"'\u201d\u2019)").endswith(".") and is_title_case(u.text)
                         for u, ok in zip(units, self.judged)]
        # ``hashes``: the units' signatures, made beforehand (the array is taken over: an unjudged
        # unit's row becomes the empty signature, as if made here)
        if hashes is None:
            self.hashes = minhash_matrix([u.terms if ok else () for u, ok in zip(units, self.judged)])
        else:
            hashes[~np.asarray(self.judged, dtype=bool)] = minhash_matrix([()])[0]
            self.hashes = hashes
        self.kept: list[int] = []
        self.is_kept = [False] * len(units)
        self.verbatim: dict[tuple[str, ...], int] = {}  # token sequence -> first kept unit
        self.use_lsh = len(units) > PAIRWISE_LIMIT
        if self.use_lsh:
            self.named = named_candidates(units, self.judged, settings.new_names)
            search = np.array([ok and found is None for ok, found in zip(self.judged, self.named)], dtype=bool)
            self.lsh_starts, self.lsh_found = lsh_candidates(self.hashes, np.asarray(self.judged, dtype=bool),
                                                             settings.candidate_jaccard, search)

    def _candidates(self, i: int) -> list[int]:
        if self.use_lsh:
            is_kept = self.is_kept
            found = self.named[i]
            if found is None:
                found = self.lsh_found[self.lsh_starts[i] : self.lsh_starts[i + 1]].tolist()
            found = [j for j in found if is_kept[j]]
            if len(found) > CANDIDATE_CAP:  # verify only the most similar
                rows = np.asarray(found)
                estimates = (self.hashes[rows] == self.hashes[i]).mean(axis=1)
                best = np.argsort(-estimates, kind="stable")[:CANDIDATE_CAP]
                found = sorted(int(rows[b]) for b in best)
            return found
        if not self.kept:
            return []
        kept = np.asarray(self.kept)
        estimates = (self.hashes[kept] == self.hashes[i]).mean(axis=1)
        return [int(j) for j in kept[estimates >= self.settings.candidate_jaccard]]

    def _keep(self, i: int) -> None:
        self.kept.append(i)
        self.is_kept[i] = True
        if self.judged[i]:
            self.verbatim.setdefault(tuple(self.units[i].tokens), i)

    def match(self, i: int) -> tuple[int, float] | None:
        """The best earlier kept unit that unit ``i`` repeats, with the similarity; None if new.
        A unit that is not a repeat is kept as a possible original for later ones."""
        best: tuple[int, float] | None = None
        if self.judged[i]:
            verbatim = self.verbatim.get(tuple(self.units[i].tokens))
            if verbatim is not None:
                return verbatim, 1.0
            s = self.settings
            for j in self._candidates(i):
                later, earlier = self.units[i], self.units[j]
                if (not self.judged[j] or self.headline[i] != self.headline[j]
                        or jaccard(later.terms, earlier.terms) < s.candidate_jaccard):
                    continue
                if (later.negated != earlier.negated or (later.keys and earlier.keys and later.keys != earlier.keys)
                        or not _same_names(later, earlier, s.new_names) or _other_subject(later, earlier)
                        or (i - j <= PARALLEL_DISTANCE and _substituted(later.tokens, earlier.tokens))):
                    continue  # the opposite, another item, another subject or another fact: not a restatement
                ratio, contained = alignment(later.tokens, earlier.tokens)
                long_enough = len(later.tokens) >= s.containment_min_words
                if ratio >= s.threshold or (long_enough and contained >= s.containment and ratio >= s.containment_ratio):
                    score = max(ratio, contained) if ratio >= s.threshold else contained
                    if best is None or score > best[1]:
                        best = (j, score)
        if best is None:
            self._keep(i)
        return best


def named_candidates(units: list[_Unit], judged: list[bool], allowed_share: float) -> list[list[int] | None]:
    """Per unit, every earlier judged unit that can pass :func:`_same_names` with it, or None
    where the names cannot narrow the search.

    A repeat adds few names or numbers: at most ``allowed_share`` of its length in name
    occurrences may be missing from the original. So when a unit has more name occurrences
    than that, an original holds at least one of its rarest names -- those that, missing
    together, would already be too many -- and the units holding one of them are all the
    candidates there can be, found without a similarity search. News sentences name people,
    places and figures, which are rare within an article; templated text repeats a template
    with other names and numbers, where this finds the few units with the same ones and a
    similarity search finds every copy of the template. A token held by more than
    :data:`NAME_HOLDERS_CAP` units is not listed further, and a unit whose rarest names include
    one (or a function word, "The Times", which is not listed at all) gets None: the caller
    searches by similarity as before, so the cap never loses a candidate.
    """
    stop = _stop_stems()
    asked: set[str] = set()  # only a token some unit names is ever looked up
    for unit, ok in zip(units, judged):
        if ok:
            asked.update(unit.names)
    asked -= stop
    holders: dict[str, list[int]] = {}
    get = holders.get
    out: list[list[int] | None] = [None] * len(units)

    def held_by(name: str) -> int:
        found = get(name)
        return 0 if found is None else NAME_HOLDERS_CAP + 1 if found is _TOO_MANY else len(found)

    for i, unit in enumerate(units):
        if not judged[i]:
            continue
        allowed = allowed_share * len(unit.tokens)
        if len(unit.names) > allowed:
            occurrences: dict[str, int] = {}
            for name in unit.names:
                if name not in stop:
                    occurrences[name] = occurrences.get(name, 0) + 1
            found: set[int] = set()
            missing = 0
            for name in sorted(occurrences, key=held_by):
                listed = get(name)
                if listed is _TOO_MANY:
                    break
                if listed:
                    found.update(listed)
                missing += occurrences[name]
                if missing > allowed:
                    out[i] = _naming_enough(found, unit, units, allowed)
                    break
        for token in unit.token_set & asked:
            listed = get(token)
            if listed is None:
                holders[token] = [i]
            elif listed is not _TOO_MANY:
                if len(listed) < NAME_HOLDERS_CAP:
                    listed.append(i)
                else:
                    holders[token] = _TOO_MANY
    return out


def _naming_enough(found: set[int], unit: _Unit, units: list[_Unit], allowed: float) -> list[int]:
    """Those of ``found`` that lack at most ``allowed`` of the name occurrences of ``unit`` --
    the first test of :func:`_same_names`, done here on the units the names led to, so that
    the slower tests see only these -- ascending."""
    names = frozenset(unit.names)
    need = len(unit.names) - allowed
    if len(names) == len(unit.names):  # each name once: count the shared ones in one set operation
        return sorted(j for j in found if len(names & units[j].token_set) >= need)
    times: dict[str, int] = {}
    for name in unit.names:
        times[name] = times.get(name, 0) + 1
    return sorted(j for j in found if sum(times[n] for n in names & units[j].token_set) >= need)


_TOO_MANY: list[int] = []  # the holders of a token held by more than NAME_HOLDERS_CAP units


@lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in STOPWORDS)


def lsh_candidates(hashes: np.ndarray, judged: np.ndarray, threshold: float,
                   search: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For every row ``i`` of ``hashes`` (that ``search`` selects, if given), the earlier judged
    rows that share an LSH band with it, as CSR arrays: ``found[starts[i]:starts[i + 1]]``.

    The bands and rows are datasketch's for ``threshold`` (so the candidates of its MinHashLSH).
    A band's bucket lends each unit at most :data:`BUCKET_CAP` earlier members -- its first half
    and the latest half before the unit -- and a unit keeps at most :data:`CANDIDATE_CAP`
    candidates, those of the highest MinHash estimate: templated text (every copy of a template
    in one bucket) stays near-linear, and real prose, whose buckets and candidate lists are far
    smaller, gets the uncapped result. Computed for all units at once, bucket by sorted keys,
    without a Python step per unit: whether an earlier unit was kept or removed as a repeat is
    left to the caller, which skips the removed ones.
    """
    from datasketch.lsh import _optimal_param

    n = len(hashes)
    rows_of = np.flatnonzero(judged)
    m = len(rows_of)
    asks = np.ones(m, dtype=bool) if search is None else search[rows_of]
    if m < 2:
        return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    bands, rows = _optimal_param(threshold, hashes.shape[1], 0.5, 0.5)
    keys = _band_keys(hashes[rows_of], bands, rows)
    half = BUCKET_CAP // 2
    position = np.arange(m)
    found = np.zeros(0, dtype=np.int64)
    pairs: list[np.ndarray] = []
    for b in range(bands):
        order = np.argsort(keys[:, b], kind="stable")  # by key; within a key, in text order
        sorted_keys = keys[order, b]
        start = _run_starts(sorted_keys)
        rank = position - start  # place within the bucket
        rank[~asks[order]] = -1  # a unit that does not ask takes no partners
        for t in range(min(half, int(rank.max()))):  # no bucket has members past its largest rank
            first = rank > t  # the bucket's first members ...
            pairs.append(order[first] * m + order[start[first] + t])
            latest = rank - 1 - t >= half  # ... and the latest ones before this unit
            pairs.append(order[latest] * m + order[position[latest] - 1 - t])
        if b == bands - 1 or sum(len(p) for p in pairs) > 4_000_000:  # a block of bands at a time
            found = _distinct(np.concatenate([found, *pairs]))
            pairs = []
    later, earlier = np.divmod(found, m)  # by unit, then by earlier unit
    counts = np.bincount(later, minlength=m)
    if counts.max(initial=0) > CANDIDATE_CAP:  # templated text: verify only the most similar
        crowded = np.repeat(counts > CANDIDATE_CAP, counts)
        a, e = later[crowded], earlier[crowded]
        estimates = np.empty(len(a), dtype=np.int64)
        for lo in range(0, len(a), 32768):  # the two rows of a pair compared a block at a time
            hi = lo + 32768
            estimates[lo:hi] = np.count_nonzero(hashes[rows_of[a[lo:hi]]] == hashes[rows_of[e[lo:hi]]], axis=1)
        by_estimate = np.lexsort((e, -estimates, a))  # per unit: highest MinHash estimate first, then text order
        a, e = a[by_estimate], e[by_estimate]
        best = np.arange(len(a)) - _run_starts(a) < CANDIDATE_CAP
        later = np.concatenate([later[~crowded], a[best]])
        earlier = np.concatenate([earlier[~crowded], e[best]])
        order = np.lexsort((earlier, later))
        later, earlier = later[order], earlier[order]
    starts = np.zeros(n + 1, dtype=np.int64)
    starts[1:] = np.cumsum(np.bincount(rows_of[later], minlength=n))
    return starts, rows_of[earlier]


def _run_starts(values: np.ndarray) -> np.ndarray:
    """For each place of a sorted array, where its run of equal values starts."""
    opens = np.ones(len(values), dtype=bool)
    opens[1:] = values[1:] != values[:-1]
    return np.maximum.accumulate(np.where(opens, np.arange(len(values)), 0))


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending (a sort: faster than np.unique's hashing here)."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _band_keys(hashes: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Per row of ``hashes``, one key per band: its ``rows`` hash values (and the band's number)
    mixed into one 64-bit integer."""
    if not len(hashes):
        return np.zeros((0, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        mixed = np.zeros((len(hashes), bands), dtype=np.uint64)
        for b in range(bands):
            key = np.full(len(hashes), np.uint64(0x9E3779B97F4A7C15) * np.uint64(b + 1), dtype=np.uint64)
            for r in range(rows):
                key = (key ^ hashes[:, b * rows + r]) * np.uint64(0xBF58476D1CE4E5B9)
                key ^= key >> np.uint64(31)
            mixed[:, b] = key
    return mixed


def clean_article(article: Article, lang: str | None = None, settings: CleanSettings | None = None) -> CleanResult:
    """Find and remove repeated paragraphs and sentences of ``article``.

    Sentences are filled (with ``lang``) if the reader did not already.
    """
    settings = settings or CleanSettings()
    if article.paragraphs and not any(p.sentences for p in article.paragraphs):
        fill_sentences(article, lang)
    removed: list[Removal] = []
    with gc_paused():  # hundreds of thousands of units in a long article; no cycles among them
        units = _ArticleUnits.of(article.paragraphs)
        kept = _drop_repeated_paragraphs(article.paragraphs, units, settings, removed)
        paragraphs = _drop_repeated_sentences(article, kept, units, settings, removed)
    removed.sort(key=lambda r: r.start)
    cleaned = replace(article, paragraphs=paragraphs)
    return CleanResult(original=article, article=cleaned, removed=removed)


@dataclass(slots=True)
class _ArticleUnits:
    """The units of an article's sentences and paragraphs and their MinHash signatures (of the
    content terms, judged or not), made once: a paragraph's unit from its sentences' units
    (:meth:`_Unit.joined`), its signature the minimum of theirs (the MinHash of a union)."""

    sentences: list[_Unit]
    sentence_hashes: np.ndarray | None
    first: np.ndarray  # paragraph i has sentences first[i]:first[i + 1]
    paragraphs: list[_Unit]
    paragraph_hashes: np.ndarray | None  # each set to None once a finder takes it over

    @classmethod
    def of(cls, paragraphs: list[Paragraph]) -> _ArticleUnits:
        sentences = [_Unit.of(s.line, s.text) for p in paragraphs for s in p.sentences]
        counts = np.fromiter((len(p.sentences) for p in paragraphs), dtype=np.int64, count=len(paragraphs))
        first = np.zeros(len(paragraphs) + 1, dtype=np.int64)
        np.cumsum(counts, out=first[1:])
        sentence_hashes = minhash_matrix([u.terms for u in sentences])
        units = []
        for i, p in enumerate(paragraphs):
            own = sentences[first[i] : first[i + 1]]
            units.append(_Unit.joined(p.line, p.text, own, [(s.start - p.start, s.end - p.start) for s in p.sentences])
                         if own else _Unit.of(p.line, p.text))
        split = counts > 0
        hashes = minhash_matrix([u.terms if not n else () for u, n in zip(units, split)])
        if split.any():
            hashes[split] = np.minimum.reduceat(sentence_hashes, first[:-1][split], axis=0)
        return cls(sentences, sentence_hashes, first, units, hashes)


def _drop_repeated_paragraphs(paragraphs: list[Paragraph], units: _ArticleUnits, settings: CleanSettings,
                              removed: list[Removal]) -> list[int]:
    """The paragraphs that are not repeats, by index; the others are added to ``removed``."""
    if len(paragraphs) < 2:
        return list(range(len(paragraphs)))
    finder = _RepeatFinder(units.paragraphs, settings, hashes=units.paragraph_hashes)
    kept = []
    for i, para in enumerate(paragraphs):
        hit = finder.match(i)
        if hit is None:
            kept.append(i)
            continue
        original = paragraphs[hit[0]]
        removed.append(Removal("paragraph", para.line, para.text, original.line, original.text, hit[1], para.start, para.end))
    return kept


def _drop_repeated_sentences(article: Article, kept: list[int], units: _ArticleUnits, settings: CleanSettings,
                             removed: list[Removal]) -> list[Paragraph]:
    paragraphs = [article.paragraphs[i] for i in kept]
    sentences = [s for p in paragraphs for s in p.sentences]
    if len(sentences) < 2:
        return paragraphs
    if len(kept) == len(article.paragraphs):  # no paragraph removed: all the sentences, as they are
        own, hashes = units.sentences, units.sentence_hashes
    else:
        rows = np.concatenate([np.arange(units.first[i], units.first[i + 1]) for i in kept])
        own, hashes = [units.sentences[r] for r in rows], units.sentence_hashes[rows]
    units.sentence_hashes = units.paragraph_hashes = None  # taken over by the finder (or freed)
    finder = _RepeatFinder(own, settings, anchored=True, hashes=hashes)
    repeats: dict[int, tuple[Sentence, float]] = {}
    for i in range(len(sentences)):
        hit = finder.match(i)
        if hit is not None:
            repeats[i] = (sentences[hit[0]], hit[1])
    if not repeats:
        return paragraphs
    kept_paragraphs = []
    index = 0
    for para in paragraphs:
        own = range(index, index + len(para.sentences))
        index += len(para.sentences)
        gone = [i for i in own if i in repeats]
        if not gone:
            kept_paragraphs.append(para)
        elif len(gone) == len(own):
            original, score = repeats[gone[0]]
            removed.append(Removal("paragraph", para.line, para.text, original.line, original.text, score, para.start, para.end))
        else:
            for i in gone:
                s, (original, score) = sentences[i], repeats[i]
                removed.append(Removal("sentence", s.line, s.text, original.line, original.text, score, s.start, s.end))
            kept_paragraphs.append(_without(article.text, para, [sentences[i] for i in gone]))
    return kept_paragraphs


def _without(text: str, para: Paragraph, gone: list[Sentence]) -> Paragraph:
    drop = {id(s) for s in gone}
    kept = [s for s in para.sentences if id(s) not in drop]
    local = text[para.start : para.end]
    body = cut_spans(local, [(s.start - para.start, s.end - para.start) for s in gone])
    return Paragraph(body.strip(), kept[0].line, para.start, para.end, kept)


# What may stand before a removed paragraph on its first line and after it on its last: a list
# item's bullet or number, a quote's ">", Markdown's opening and closing emphasis, code and link
# brackets ("* `", "> **", "**"), and HTML tags ("<a href=...>", "</a><br>").
_LINE_PREFIX = re.compile(r"[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)]|>)[ \t]+)*(?:<[A-Za-z][^<>\n]{0,2000}>|[*_`~\[])*")
_LINE_SUFFIX = re.compile(r"(?:</?[A-Za-z][^<>\n]{0,200}>|[*_`~\]])*[ \t]*")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a removed span over the white space after it (or, at the end of a block, before it)
    so that cutting it leaves the surrounding layout as it was. A span that is all of its lines
    but a list item's or quote's marker ("- ", "2. ", "> ") and Markdown emphasis or code marks
    takes them with it: an empty bullet or a stray "**" is not the layout as it was. A paragraph
    right below another line (an item of a list, a line of a one-line-per-paragraph text) takes
    only its own line break: the blank line after it still ends the block above."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if _LINE_PREFIX.fullmatch(text, line_start, start) and _LINE_SUFFIX.fullmatch(text, end, line_end):
        start, end = line_start, line_end
    e = end
    while e < len(text) and text[e] in " \t":
        e += 1
    if e < len(text) and text[e] == "\n":
        # The span ends its line: take the line break(s) too when the span started a line.
        if start == 0 or text[start - 1] == "\n":
            above = text[text.rfind("\n", 0, start - 1) + 1 : start - 1] if start else ""
            if above.strip():
                return start, e + 1  # below a line of its own block: its line break only
            while e < len(text) and text[e] in " \t\n":
                e += 1
            if e == len(text):  # the last block: the text ends with the line before, once
                s = start
                while s > 0 and text[s - 1] in " \t\n":
                    s -= 1
                return text.find("\n", s, start) + 1, e
            return start, e
        s = start
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        return s, end
    if e == len(text):
        s = start
        while s > 0 and text[s - 1] in " \t\n":
            s -= 1
        return s, len(text)
    return start, e


def cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the given spans (each widened over its surrounding white space)."""
    out, pos = [], 0
    for start, end in sorted(_widen(text, s, e) for s, e in spans):
        if start < pos:
            start = pos
        out.append(text[pos:start])
        pos = max(pos, end)
    out.append(text[pos:])
    return "".join(out)
