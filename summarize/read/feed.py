"""RSS, Atom (via feedparser) and JSON Feed: one article per entry, HTML stripped."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from summarize.document import Article
from summarize.errors import InputError, PartialInput
from summarize.read.decode import without_lone_surrogates
from summarize.read.html import decode_char_refs, html_to_text
from summarize.read.jsonl import text_field

EXTENSIONS = (".rss", ".atom", ".rdf", ".xml")  # .rdf: RSS 1.0
JSON_FEED_EXTENSIONS = (".json",)


# What may come before a document's first element: white space, the XML declaration and other
# processing instructions, comments (a licence of any length) and a DOCTYPE with its internal subset.
_PREAMBLE = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S | re.I)
_ELEMENT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
# Root elements of every feed format feedparser reads: RSS 0.9x/2.0 (also prefixed, <r:rss>),
# Atom, RSS 1.0 / RSS 0.90 (rdf:RDF) and CDF (<CHANNEL>).
FEED_ROOTS = frozenset(("rss", "feed", "rdf", "channel"))


def root_element(text: str) -> str | None:
    """The local name (lower-cased) of the document's first element, after any preamble; None when
    the text does not start like markup."""
    pos = 0
    while (m := _PREAMBLE.match(text, pos)) and m.end() > pos:
        pos = m.end()
    m = _ELEMENT.match(text, pos)
    return m.group(1).lower() if m else None


def looks_like_feed(text: str) -> bool:
    """Whether ``text`` is an RSS, Atom, RDF or CDF document, judged by its root element wherever it starts."""
    return root_element(text.lstrip("\ufeff")) in FEED_ROOTS


def not_a_feed(text: str) -> str:
    """What a document given as a feed is instead, for the error message."""
    if not text.strip():
        return "it is empty"
    root = root_element(text.lstrip("\ufeff"))
    if root == "opml":
        return "it is an OPML subscription list (name it .opml to read the feeds it lists)"
    if root == "html" or (root is None and ("<html" in text[:65536].lower() or "<body" in text[:65536].lower())):
        return "it is an HTML page"
    if root:
        return f"it is XML with root element <{root}>"
    return "it is not XML"


_RSS_IN_JSON = re.compile(r'\A\s*\{\s*"rss"\s*:\s*\{')


def looks_like_rss_in_json(text: str) -> bool:
    """An RSS feed written as JSON ("RSS in JSON": ``{"rss": {"channel": {"item": [...]}}}``, as
    scripting.com publishes one beside its RSS), which is not read: its RSS is."""
    return bool(_RSS_IN_JSON.match(text)) and '"channel"' in text[:65536]


def looks_like_json_feed(text: str) -> bool:
    """A JSON Feed: one JSON object naming the JSON Feed version, or (version key anywhere) holding an
    ``items`` list -- not a JSON Lines file, whose first line is a whole object of its own."""
    if not text.lstrip().startswith("{"):
        return False
    if "jsonfeed.org/version" in text[:4096]:
        return True
    if '"items"' not in text or '"version"' not in text:
        return False
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return False
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        return False
    version = str(document.get("version"))
    # "1.0" / "1.1" without the URL: written so by some publishers (gofeed's samples); with a feed's own keys
    return "jsonfeed.org" in version or (version in ("1", "1.0", "1.1")
                                         and any(k in document for k in ("home_page_url", "feed_url", "title")))


@dataclass(eq=False)
class FeedDocument:
    """The feed an entry came from (shared by its entries): what ``dedup --emit unique`` needs to
    give the feed back as it was, with only the duplicate entries cut out."""

    text: str  # the decoded document
    kind: str  # "rss", "atom" or "json"
    version: str  # feedparser's version ("rss20", "atom10", ...) or "json"
    entries: int  # entries in the document, in order (JSON Feed: items, objects or not)
    parsed: dict | None = None  # the JSON Feed document


def _article(number: int, source: str, entry_id, link, title: str | None, body_html, published, kind, feed_title,
             document: FeedDocument | None = None, entry_source: str | None = None) -> Article:
    """One entry; ``title`` is already plain text (RSS/Atom titles may be HTML, JSON Feed titles never are)."""
    body = html_to_text(body_html or "")
    return Article(
        id=str(entry_id or link or f"{source}:{number}"),
        text=body,
        paragraphs=None,  # split when first asked for (dedup never does)
        title=title or None,
        url=link or None,
        published=published or None,
        source=source,
        source_line=number,
        format="feed",
        meta={"feed_kind": kind, "feed_title": feed_title, "entry_id": entry_id, "document": document,
              "entry_number": number, **({"entry_source": entry_source} if entry_source else {})},
    )


def read_feed(text: str, source: str) -> Iterator[Article]:
    """RSS or Atom entries. The decoded text goes to feedparser as a UTF-8 stream with a
    matching charset header: given a ``str``, feedparser would open it as a file or URL
    if it looked like one, and an ``encoding=`` declaration no longer true after our
    decoding must not override it."""
    import feedparser

    try:
        parsed = feedparser.parse(
            io.BytesIO(text.encode("utf-8", errors="surrogatepass")),
            response_headers={"content-type": "application/xml; charset=utf-8"},
        )
    except Exception as exc:  # feedparser crashes on some malformed input (e.g. "&#xD800;")
        raise InputError(f"{source}: not a readable RSS/Atom feed ({type(exc).__name__}: {exc})") from None
    if not parsed.entries and parsed.bozo:
        raise InputError(f"{source}: not a readable RSS/Atom feed ({parsed.bozo_exception})")
    if not parsed.version and not parsed.entries:
        raise InputError(f"{source}: not an RSS/Atom feed ({not_a_feed(text)})")
    kind = "atom" if parsed.version.startswith("atom") else "rss"
    feed_title = parsed.feed.get("title")
    feed_lang = _language(parsed.feed.get("language"))  # RSS <language>, <dc:language>, Atom xml:lang
    home = _web_link(parsed.feed.get("link"))  # the site the feed belongs to (RSS channel <link>, Atom alternate)
    document = FeedDocument(text, kind, parsed.version or "", len(parsed.entries))
    seen = Counter(_content(entry) for entry in parsed.entries)
    shared = frozenset(c for c, n in seen.items() if c and n > 1)
    entries: list[Article] = []
    for number, entry in enumerate(parsed.entries, start=1):
        body = _entry_body(entry, shared)
        title = entry.get("title")
        origin = entry.get("source")  # RSS <source>: the outlet an aggregator's item comes from
        origin = origin if isinstance(origin, dict) else {}
        name, site = origin.get("title"), origin.get("href")
        article = _article(number, source, entry.get("id"), entry.get("link"), html_to_text(title) if title else None,
                           body, entry.get("published") or entry.get("updated"), kind, feed_title, document,
                           html_to_text(name).strip() if isinstance(name, str) and name.strip() else None)
        if isinstance(site, str) and site.startswith(("http://", "https://")):
            article.meta["entry_source_url"] = site
        if home:
            article.meta["feed_link"] = home
        if links_only(body):
            article.meta["links_only"] = True
        article.lang = _entry_language(entry) or feed_lang
        entries.append(article)
    yield from with_template_lines(entries)
    if (cut := _cut_off_at(parsed, text)) is not None:
        line, why = cut
        raise PartialInput(f"{source}: the feed breaks off at line {line} ({why}): the {len(parsed.entries)} "
                         f"entries before it were read, the rest of the file is missing")


def _cut_off_at(parsed, text: str) -> tuple[int, str] | None:
    """(line, reason) when the XML ends inside an element -- a truncated download or copy -- else None.
    Other flaws feedparser reads past (an undefined entity, a declaration out of place) are no cut."""
    exc = getattr(parsed, "bozo_exception", None)
    if not parsed.get("bozo") or exc is None or not hasattr(exc, "getLineNumber"):
        return None
    message = str(getattr(exc, "getMessage", lambda: exc)())
    line = exc.getLineNumber()
    if not message.startswith(("no element found", "unclosed")) or line < text.rstrip().count("\n") + 1:
        return None
    return line, message


_LINK_OR_LABEL = re.compile(r"<a\b[^>]*>.*?</a\s*>|<font\b[^>]*>.*?</font\s*>", re.S | re.I)
_ANY_TAG = re.compile(r"<[^>]+>")


def links_only(body_html: str) -> bool:
    """Whether an entry's body is only links with their outlets' names: Google News gives each item the
    headlines of the story's coverage (``<ol><li><a>headline</a> <font>outlet</font></li>...``), not its
    text. Its words still count for ``dedup``; a digest has nothing of its own to say from them. A link
    of more than 30 words, or of 8 or more ending with a full stop, is a paragraph linked whole, not a
    headline."""
    if "<a" not in body_html.lower():
        return False
    rest = _ANY_TAG.sub(" ", _LINK_OR_LABEL.sub(" ", body_html))
    if html_to_text(rest).strip():
        return False
    # headlines, not paragraphs: a podcast feed that wraps each paragraph of its notes in a link to the
    # episode (TypePad) says something of its own
    for m in _LINK_OR_LABEL.finditer(body_html):
        said = html_to_text(m.group()).split()
        if len(said) > 30 or (len(said) >= 8 and said[-1].endswith(".")):
            return False
    return True


def _entry_body(entry, shared: frozenset[str] = frozenset()) -> str:
    """The entry's full content (HTML preferred over plain text), else its summary; the summary too
    where the content is only a teaser of it (:func:`_teaser_of`).

    A content that several entries of the feed carry alike (``shared``) is not an entry's body but
    a block the feed's generator scraped beside it (BNN Bloomberg's video items carry one "Opens in
    new window ..." block in ``content:encoded``, which made different items copies of each other):
    the entry's own summary is read then."""
    content = _content(entry)
    summary = entry.get("summary") or entry.get("description") or ""
    if content and not (summary and content in shared and summary != content):
        if summary and summary != content and _teaser_of(content, summary):
            return summary
        return content
    return summary


def _teaser_of(content: str, summary: str) -> bool:
    """Whether ``content`` is a teaser beside a fuller ``summary``: under 50 words where the summary
    has more than twice as many (a ``content:encoded`` holding only the title or a first line while
    the description holds the article: Google Cloud's blog, podcast feeds)."""
    if len(content) > 20_000:
        return False  # no teaser (not parsed: this runs for every entry with both)
    content_words = len(html_to_text(content).split())
    return content_words < 50 and len(html_to_text(summary).split()) > 2 * max(content_words, 10)


def _content(entry) -> str:
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    contents.sort(key=lambda c: "html" not in (c.get("type") or ""))
    return contents[0]["value"] if contents else ""


def read_json_feed(text: str, source: str) -> Iterator[Article]:
    """JSON Feed items. An item that is not an object is skipped; a field of the wrong type is an
    input error naming the item: ids, titles and dates may be numbers (written out), the body
    (``content_html``, ``content_text``, ``summary``) and ``url`` must be strings."""
    try:
        feed = without_lone_surrogates(json.loads(text))
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}:{exc.lineno}: broken JSON Feed ({exc.msg})") from None
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list):
        raise InputError(f'{source}: JSON Feed without an "items" list')
    feed_title = text_field(feed, "title", source)
    feed_lang = _language(feed.get("language"))  # JSON Feed 1.1
    document = FeedDocument(text, "json", "json", len(items), feed)
    home = _web_link(feed.get("home_page_url"))
    entries: list[Article] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        where = f"{source}: item {number}"
        html, plain, summary = (text_field(item, key, where, numbers=False) for key in ("content_html", "content_text", "summary"))
        body = html or _escape(plain) or _escape(summary) or ""
        article = _article(number, source, text_field(item, "id", where), text_field(item, "url", where, numbers=False),
                           _plain_title(text_field(item, "title", where)), body, text_field(item, "date_published", where),
                           "json", feed_title, document)
        if home:
            article.meta["feed_link"] = home
        article.lang = _language(item.get("language")) or feed_lang
        entries.append(article)
    yield from with_template_lines(entries)


def _language(value) -> str | None:
    """A declared language tag ("de", "en-us", "pt_BR"), else None."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _entry_language(entry) -> str | None:
    """The language an entry's own text declares (Atom ``xml:lang`` on its content, summary or title)."""
    details = [*(entry.get("content") or []), entry.get("summary_detail"), entry.get("title_detail")]
    for detail in details:
        if isinstance(detail, dict) and (found := _language(detail.get("language"))):
            return found
    return None


TEMPLATE_MIN_ENTRIES = 3  # a line in this many entries of one feed (and a quarter of them) is its template
TEMPLATE_SHARE = 0.25


def template_key(line: str) -> str:
    return " ".join(line.split()).casefold()


def with_template_lines(entries: list[Article]) -> list[Article]:
    """The entries, each noting in ``meta["template_lines"]`` the lines its feed repeats entry after
    entry ("Get bite-sized news via a new cards interface. Give it a try." under every story of a
    scraped feed; "This episode of ... is sponsored by:"): a line of the text found in at least
    :data:`TEMPLATE_MIN_ENTRIES` entries, and in at least :data:`TEMPLATE_SHARE` of them, is the
    feed's, not the story's. Found once per feed as read, so a digest never depends on batching."""
    if len(entries) < TEMPLATE_MIN_ENTRIES:
        return entries
    counts: Counter = Counter()
    for article in entries:
        counts.update({key for line in article.text.splitlines() if (key := template_key(line))})
    need = max(TEMPLATE_MIN_ENTRIES, TEMPLATE_SHARE * len(entries))
    lines = frozenset(key for key, n in counts.items() if n >= need)
    if lines:
        for article in entries:
            article.meta["template_lines"] = lines
    return entries


def _web_link(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip().startswith(("http://", "https://")) else None


def _plain_title(title: str | None) -> str | None:
    """A JSON Feed title, white space normalised. The spec makes it plain text, so ``<b>`` in it
    is what the publisher wrote, not markup to strip; but publishing tools (WordPress' JSON Feed)
    write its quotes and ampersands as character references ("&#8216;Jokes&#8217;", "Task &amp;
    Sub Tasks"), which no one means as text: those are decoded."""
    return decode_char_refs(" ".join((title or "").split())) or None


def _escape(text: str | None) -> str | None:
    """Plain text as HTML paragraphs (blank lines separate them), so every body goes through one path."""
    if not isinstance(text, str) or not text.strip():
        return None
    import html

    return "".join(f"<p>{html.escape(p)}</p>" for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")))
