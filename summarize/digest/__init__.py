"""Digest articles: one small protocol, a registry of methods, and a batch API.

A method is a class with a ``name``, a ``model`` label (None for model-free ones) and
``digest(articles, length) -> list[list[str]]``: for each article of a batch, the
digest's sentences. Articles reach a method already *cleaned*
(:func:`summarize.clean.clean_article`), so a restated lead cannot be picked twice.

:func:`digest_articles` is the entry point for callers (the CLI, the feed digest, a
script): it loads the method once, cleans and batches the articles so that sentences
of many articles are encoded together, and yields one :class:`Digest` per article in
input order::

    from summarize.digest import digest_articles, Length
    for d in digest_articles(articles, "embed", length=Length(sentences=3)):
        print(d.title, d.summary)

Heavy libraries are imported by the method modules only when a method is built.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

from summarize.digest.length import Length
from summarize.document import Article
from summarize.errors import SummarizeError


class Digester(Protocol):
    """What every digest method provides."""

    name: str
    model: str | None

    def digest(self, articles: Sequence[Article], length: Length) -> list[list[str]]:
        """The digest sentences of each (cleaned) article, in article order."""
        ...


# method name -> "module:Class"; modules are imported only when the method is used.
METHODS: dict[str, str] = {
    "embed": "summarize.digest.embed:EmbedDigester",
    "lead": "summarize.digest.lead:LeadDigester",
    "seq2seq": "summarize.digest.seq2seq:Seq2SeqDigester",
}
DEFAULT_METHOD = "embed"


# What a sentence ends with when it ends like one (closing quotes and brackets included).
_SENTENCE_ENDS = (".", "!", "?", '"', "'", "\u201d", "\u2019", ")", "\u2026", ":", ";")


@dataclass
class Digest:
    """The digest of one article."""

    id: str
    title: str | None
    url: str | None
    sentences: list[str]
    method: str
    model: str | None
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The sentences as one text. A sentence without closing punctuation (a standfirst
        such as "Arsenal win 4-2 on penalties") is set off from the next by an em dash, so
        it does not read as running into it; the sentences themselves are never edited."""
        parts: list[str] = []
        for sentence in self.sentences:
            if parts:
                parts.append(" " if parts[-1].rstrip().endswith(_SENTENCE_ENDS) else " \u2014 ")
            parts.append(sentence)
        return "".join(parts)

    def record(self) -> dict[str, Any]:
        """The JSON record written by ``--format jsonl/json``."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "sentences": self.sentences,
            "method": self.method,
            "model": self.model,
        }


def make_digester(method: str = DEFAULT_METHOD, **options: Any) -> Digester:
    """Build (and load the model of) a method by name; ``options`` go to its constructor."""
    target = METHODS.get(method)
    if target is None:
        raise SummarizeError(f"unknown digest method {method!r}; choose from {', '.join(METHODS)}")
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(**options)


def prepare(article: Article, lang: str | None = None, clean: bool = True) -> Article:
    """The article a method digests: cleaned (repeats removed, sentences filled)."""
    if clean:
        from summarize.clean import clean_article

        return clean_article(article, lang).article
    from summarize.split import fill_sentences

    return fill_sentences(article, lang)


def digest_articles(
    articles: Iterable[Article],
    method: str | Digester = DEFAULT_METHOD,
    *,
    length: Length | None = None,
    lang: str | None = None,
    batch_size: int = 64,
    clean: bool = True,
    on_article: Callable[[Digest], None] | None = None,
    working: Callable[[Article], AbstractContextManager] | None = None,
    **options: Any,
) -> Iterator[Digest]:
    """Digest ``articles`` lazily, ``batch_size`` articles at a time, in input order.

    ``method`` is a registered name (built once here with ``options``, e.g. ``model=``)
    or an already-built :class:`Digester` to reuse across calls. ``on_article`` is
    called after each digest (progress reporting). ``working`` (a run's
    :meth:`~summarize.read.batch.Batch.working`) guards each article's preparation: an article
    that fails there is left out, the others are digested.
    """
    if batch_size < 1:
        raise SummarizeError(f"--batch-size must be at least 1 (got {batch_size})")
    digester = make_digester(method, **options) if isinstance(method, str) else method
    length = length or Length()
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        if working is None:
            prepared = batch
            cleaned = [prepare(a, lang, clean) for a in batch]
        else:
            prepared, cleaned = [], []
            for article in batch:
                with working(article):
                    cleaned.append(prepare(article, lang, clean))
                    prepared.append(article)
            if not cleaned:
                continue
        results = digester.digest(cleaned, length)
        for original, sentences in zip(prepared, results):
            digest = Digest(
                id=original.id,
                title=original.title,
                url=original.url,
                sentences=[" ".join(s.split()) for s in sentences],
                method=digester.name,
                model=digester.model,
                source=original.source,
            )
            if on_article:
                on_article(digest)
            yield digest


__all__ = ["Digest", "Digester", "Length", "METHODS", "DEFAULT_METHOD", "digest_articles", "make_digester", "prepare"]
