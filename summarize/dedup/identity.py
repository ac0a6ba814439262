"""Which article an item *is*, as opposed to which articles it resembles.

An item's identity is its publisher's id (an RSS guid, Atom id, JSON Feed or JSON
Lines ``id``), else its canonical link, else a hash of its text; a whole file or
page is identified by its path or canonical URL. The same identity seen again is
the same article -- ``seen`` when its text is unchanged, ``updated`` when the
publisher rewrote it -- never a duplicate of itself. Near-duplicate detection
(MinHash) is between different identities. :func:`text_digest` tells whether the
text changed.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import xxhash

from summarize.document import Article

# Query parameters that say how a reader arrived, not what the page is.
_TRACKING = re.compile(r"^(utm_[a-z0-9_]*|fbclid|gclid|dclid|gclsrc|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_link(url: str) -> str:
    """``url`` with scheme and host lower-cased, the default port, tracking parameters
    (``utm_*``, ``fbclid``, ``gclid``, ...) and the fragment removed; path and other parameters as given."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def _normalised(article: Article) -> str:
    return " ".join((article.text if article.text.strip() else article.title or "").split())


def text_digest(article: Article) -> str:
    """A fingerprint of the text (of the title when there is no text), white space aside: it changes when
    the publisher rewrites the item, not when only the headline differs (one item carried by two of an
    outlet's feeds under two headlines is the same text)."""
    return xxhash.xxh64_hexdigest(_normalised(article).encode("utf-8", "surrogatepass"))


def publisher_id(article: Article) -> str | None:
    """The id the publisher gave the item (guid, Atom id, JSON Feed / JSON Lines id), if any."""
    if article.format == "feed":
        entry_id = article.meta.get("entry_id")
        return str(entry_id).strip() or None if entry_id is not None else None
    if article.format == "jsonl" and article.id != f"{article.source}:{article.source_line}":
        return article.id
    return None


def identity(article: Article) -> str:
    """The article's identity (see the module doc)."""
    given = publisher_id(article)
    if given:
        return given
    if article.format in ("feed", "jsonl"):  # one record of many: its link, else its text
        if article.url and article.url.strip():
            return canonical_link(article.url)
        return "text:" + text_digest(article)
    if article.id.lower().startswith(("http://", "https://")):
        return canonical_link(article.id)
    return article.id
