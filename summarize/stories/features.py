"""What story grouping compares: an article's lead text, its names and numbers, its day.

* the **lead** (headline, then the first sentences up to ``lead_words`` words) is what
  the sentence encoder embeds: news puts who, what, where and when first, and a fixed
  budget keeps a long feature from being judged by its tangents;
* **names and numbers** tell two similar events apart (two earthquakes in one region,
  two celebrities entering rehab): capitalised words that are not sentence-initial
  function words, and figures (a magnitude, a score, a death toll), taken from the
  headline and the first ``name_words`` words of the body;
* the **day** an article was published (``YYYY-MM-DD``), when it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from summarize.document import Article
from summarize.fingerprint import STOPWORDS

# A capitalised word (Lohan, O'Brien, Al-Qaeda, PlayStation) or a figure (7.1, 2,500, 20-13).
_TOKEN = re.compile(r"[A-Z][\w'’-]*[\w]|\d[\d.,]*\d|\d")
# Capitalised words that name no one: days, months, titles, sentence openers a stop list lacks.
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december mr mrs ms dr st gmt bst est pst utc am pm
    according however meanwhile earlier later last next new one two three first second police officials
    reuters ap afp update updated read more photo video image copyright share""".split()
) | STOPWORDS
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+")


@dataclass(slots=True)
class StoryFeatures:
    """One article as story grouping sees it (no text kept beyond the lead)."""

    id: str
    lead: str
    names: frozenset[str]
    day: date | None


def lead_text(article: Article, lead_words: int = 80) -> str:
    """The headline and the body's first sentences, about ``lead_words`` words."""
    body = article.text.split()
    lead = " ".join(body[:lead_words])
    title = (article.title or "").strip()
    if title and not lead.startswith(title[: max(20, len(title) // 2)]):
        return f"{title}. {lead}" if not title.endswith((".", "!", "?")) else f"{title} {lead}"
    return lead


def names(text: str) -> frozenset[str]:
    """Capitalised words and figures of ``text``, case-folded, without function words and
    calendar words. Years (four digits from 1900) are left out: they date, not name."""
    found = set()
    for token in _TOKEN.findall(text):
        key = token.strip("'’").casefold().replace("’", "'")
        if key.endswith("'s"):
            key = key[:-2]
        if not key or key in _NOT_NAMES:
            continue
        if key[0].isdigit():
            digits = key.replace(",", "")
            if re.fullmatch(r"(19|20)\d\d", digits):
                continue
            key = digits.rstrip(".")
        found.add(key)
    return frozenset(found)


def published_at(value: str | None) -> datetime | None:
    """A ``published`` value (ISO 8601 or a feed's RFC 822 date) as an aware UTC time, else None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def published_day(article: Article) -> date | None:
    """The article's publication day, if its ``published`` value says."""
    moment = published_at(article.published)
    return moment.date() if moment else None


def features(article: Article, lead_words: int = 80, name_words: int = 200) -> StoryFeatures:
    head = " ".join(article.text.split()[:name_words])
    return StoryFeatures(
        id=article.id,
        lead=lead_text(article, lead_words),
        names=names(f"{article.title or ''} {head}"),
        day=published_day(article),
    )
