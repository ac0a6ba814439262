"""Shared by eval_digest.py and bench_digest.py: the BBC data, its held-out split, and sumy's LexRank.

The held-out split is fixed and documented: an article is held out when the first 8 hex
digits of sha256(its whitespace-normalised text) are 0 mod 5 (about 20%). Hashing the
text, not the id, keeps BBC's 100 exact duplicates (same text, different ids) on one
side. Nothing in ``summarize/digest`` was tuned on the held-out part.

sumy is fed our own Punkt sentences (sumy's default tokenizer would need NLTK data
downloads); its words are plain ``\\w+`` tokens, stemmed and stop-listed by sumy itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"


def normalized(text: str) -> str:
    return " ".join(text.split())


def is_held_out(text: str) -> bool:
    return int(hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def load_bbc(data: Path, split: str = "heldout") -> list[dict]:
    """BBC records of one split (``heldout``, ``tune`` or ``all``), exact duplicates dropped."""
    path = Path(data) / "bbc_news_summary.jsonl"
    if not path.exists():
        raise SystemExit(f"{path}: not found (pass --data DIR holding bbc_news_summary.jsonl)")
    seen: set[str] = set()
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            key = normalized(row["text"])
            if key in seen:
                continue
            seen.add(key)
            if split == "all" or (split == "heldout") == is_held_out(row["text"]):
                rows.append(row)
    return rows


_GLUED = re.compile(r"([.!?][\"'\u201d\u2019]?)(?=[A-Z\u201c\"'])")


def resplit_summary(summary: str) -> list[str]:
    """BBC summaries join sentences with no space after the full stop: put it back, then split."""
    from summarize.split import split_sentences

    return [normalized(s) for s in split_sentences(_GLUED.sub(r"\1 ", summary))]


class _SumyTokenizer:
    """sumy's tokenizer interface over our offline Punkt sentences and ``\\w+`` words."""

    language = "english"
    _WORD = re.compile(r"\w+", re.UNICODE)

    def to_sentences(self, paragraph: str) -> list[str]:
        from summarize.split import split_sentences

        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return self._WORD.findall(sentence)


class LexRank:
    """sumy's LexRankSummarizer over given sentences; returns chosen sentences in article order."""

    def __init__(self) -> None:
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words

        self.summarizer = LexRankSummarizer(Stemmer("english"))
        self.summarizer.stop_words = get_stop_words("english")
        self.tokenizer = _SumyTokenizer()

    def __call__(self, sentences: list[str], count: int = 3) -> list[str]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        if not sentences:
            return []
        doc = ObjectDocumentModel([Paragraph([Sentence(s, self.tokenizer) for s in sentences])])
        return [str(s) for s in self.summarizer(doc, count)]


def page_description(raw: str) -> str | None:
    """The editor-written summary a news page declares in its ``<head>`` (``og:description``,
    else ``twitter:description``, else ``description``), if it has at least 8 words.

    Used as a third reference style: a short abstractive summary written by each outlet's
    own editors, many of them close to the lede (as CNN/DailyMail's highlights are)."""
    from html.parser import HTMLParser

    found: dict[str, str] = {}

    class _Meta(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag != "meta":
                return
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or "").strip().lower()
            if key in ("og:description", "twitter:description", "description") and key not in found:
                found[key] = normalized(a.get("content", ""))

    parser = _Meta(convert_charrefs=True)
    try:
        parser.feed(raw)  # the whole page: some put their meta tags after a stray "</head>"
    except Exception:  # a page the stdlib parser cannot read simply has no description here
        return None
    for key in ("og:description", "twitter:description", "description"):
        text = found.get(key, "")
        if len(text.split()) >= 8:
            return text
    return None
