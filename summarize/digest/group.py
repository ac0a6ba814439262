"""The feed digest: one entry per story, however many outlets carried it.

By default articles are grouped by real-world event (:mod:`summarize.stories`: articles
written independently about one event form one story, near-copies included); with
``group_by="copies"`` only near-copies are grouped (:func:`summarize.dedup.cluster_articles`).
Each story is digested once, from its most central full article (copies: its first
full copy, so a trimmed wire copy does not shorten the digest), and listed with the
sources that carried it. Stories come in order of distinct outlets, then recency.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlparse

from summarize.digest import Digest, Digester, digest_articles, make_digester
from summarize.digest.length import Length
from summarize.digest.render import md_code, md_text, safe_url
from summarize.document import Article

GROUP_FORMATS = ("md", "html", "jsonl")
GROUP_BY = ("events", "copies")


@dataclass
class Source:
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    site: str | None = None  # the outlet's identity (its web site): what distinct outlets are counted by

    @property
    def carrier(self) -> str | None:
        """Who carried it, for counting: the site, else the outlet's name."""
        return self.site or self.outlet

    def record(self) -> dict:
        return {"id": self.id, "title": self.title, "url": self.url, "outlet": self.outlet, "site": self.site,
                "published": self.published}


@dataclass
class StoryDigest:
    """One story cluster: its headline, its digest, and every article that carried it."""

    cluster: str
    headline: str
    digest: Digest
    sources: list[Source] = field(default_factory=list)

    @property
    def outlets(self) -> int:
        """Distinct outlets that carried the story (an article of no known outlet counts as one)."""
        return len({s.carrier or f"id:{s.id}" for s in self.sources})

    @property
    def latest(self) -> str:
        """The newest source's time, ISO UTC ("" when no source is dated): what recency sorts on."""
        from summarize.stories.features import published_at

        times = [t for t in (published_at(s.published) for s in self.sources) if t]
        return max(times).isoformat() if times else ""

    def record(self) -> dict:
        return {
            "cluster": self.cluster,
            "story": self.cluster,
            "outlets": self.outlets,
            "headline": self.headline,
            "summary": self.digest.summary,
            "sentences": self.digest.sentences,
            **({"from": self.digest.meta["from"]} if "from" in self.digest.meta else {}),
            "sources": [s.record() for s in self.sources],
            "method": self.digest.method,
            "model": self.digest.model,
        }


def outlet(article: Article) -> str | None:
    """Who carried the article, by name: the entry's own source (an RSS ``<source>``), the page's
    site, a JSONL ``outlet``/``source``/``publisher``, the outlet an aggregator names after its
    headline ("... - Reuters" on Google News), the feed's title, or the URL's host."""
    for key in ("entry_source", "site", "outlet", "source", "publisher"):
        value = article.meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    host = _host(article.url)
    if host in AGGREGATORS and article.title and " - " in article.title:
        named = article.title.rsplit(" - ", 1)[1].strip()
        if 0 < len(named.split()) <= 5:
            return named
    value = article.meta.get("feed_title")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return host.removeprefix("www.") if host else None


# Hosts whose links carry other outlets' stories: such a link does not tell the outlet.
AGGREGATORS = frozenset({"news.google.com", "feedproxy.google.com", "feeds.feedburner.com", "news.yahoo.com",
                         "flipboard.com", "www.msn.com", "t.co", "bit.ly", "ow.ly", "apple.news",
                         "www.bing.com", "bing.com"})
# Domains that host several outlets (or several people's sites) under their own names: the outlet is
# the name one level down. (Without the Public Suffix List: the common cases, measured on real feeds.)
_SHARED_HOSTS = frozenset({"go.com", "uol.com.br", "blogspot.com", "wordpress.com", "substack.com", "medium.com",
                           "github.io", "tumblr.com", "typepad.com", "livejournal.com", "globo.com"})
_DOMAIN = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"})


def outlet_site(article: Article) -> str | None:
    """The web site the article's link is on, as its registrable domain ("edition.cnn.com" and
    "money.cnn.com": "cnn.com"; "www.bbc.co.uk": "bbc.co.uk"): the sections of one outlet (the
    "World", "Business" and "Latest" feeds of CNA) are one outlet. A feed entry's site is the feed's own
    (its channel link), so a link blog's items are its outlet's, not the sites they point to; an entry
    that names its source (RSS ``<source>``) and an aggregator's entry go by that. None for an
    aggregator's link that names no site."""
    host = _host(article.url)
    home = _host(article.meta.get("feed_link"))
    if home and home not in AGGREGATORS and not article.meta.get("entry_source"):
        host = home  # a feed is one outlet, whatever its items link to (a link blog's, a forum's)
    elif host in AGGREGATORS:  # the outlet the item names, where it gives a site: <source url=...>, "Bloomberg.com"
        named = outlet(article) or ""
        host = _host(article.meta.get("entry_source_url")) or (named.casefold() if _DOMAIN.fullmatch(named) else None)
    if not host or host in AGGREGATORS or host.replace(".", "").isdigit():
        return None
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    if ".".join(labels[-keep:]) in _SHARED_HOSTS and len(labels) > keep:
        keep += 1  # abcnews.go.com and espn.go.com, folha.uol.com.br: outlets of their own on one domain
    return ".".join(labels[-keep:])


def _host(url: str | None) -> str | None:
    try:
        return (urlparse(url).hostname or None) if isinstance(url, str) and url else None
    except ValueError:
        return None


def bare_title(article: Article) -> str | None:
    """The article's title without its outlet's name after it ("US hits Canadian goods with 50%
    tariffs - Reuters" on Google News): a story's headline, where the outlets are listed below it."""
    title, name = article.title, outlet(article)
    if title and name:
        for mark in (" - ", " | ", " \u2013 ", " \u2014 "):
            if title.endswith(mark + name) and len(title) > len(mark + name):
                return title[: -len(mark + name)].rstrip()
    return title


def representative(members: Sequence[Article]) -> Article:
    """The copy a story is digested from: the first-seen one, unless it is a trimmed copy
    (under 90% of the fullest copy's length), then the earliest of the full ones."""
    longest = max(len(a.text) for a in members)
    return next(a for a in members if len(a.text) >= 0.9 * longest)


def central(members: Sequence[Article], vectors) -> tuple[Article, str | None]:
    """The full article (under 90% of the longest is a trimmed copy) whose lead is closest
    to the story's centroid (the story as most outlets tell it), and the headline of the
    most central titled article."""
    import numpy as np

    longest = max(len(a.text) for a in members)
    full = [a for a in members if len(a.text) >= 0.9 * longest] or list(members)
    centroid = np.sum([vectors[a.id] for a in members], axis=0)
    titled = [a for a in members if a.title]
    # the headline comes from the central titled article, the digest from the central full one
    return max(full, key=lambda a: float(vectors[a.id] @ centroid)), (
        bare_title(max(titled, key=lambda a: float(vectors[a.id] @ centroid))) if titled else None)


def unique_ids(articles: Sequence[Article]) -> None:
    """Give a repeated article id a ``#2``, ``#3`` suffix (story grouping keys on ids)."""
    seen: dict[str, int] = {}
    for article in articles:
        seen[article.id] = seen.get(article.id, 0) + 1
        if seen[article.id] > 1:
            article.id = f"{article.id}#{seen[article.id]}"


def ordered(stories: list[StoryDigest]) -> list[StoryDigest]:
    """Most distinct outlets first, then the most recent; ties keep their order of first appearance."""
    stories = sorted(stories, key=lambda s: s.latest, reverse=True)
    return sorted(stories, key=lambda s: s.outlets, reverse=True)


HEADLINE_WORDS = 12


def headline(members: Sequence[Article]) -> str:
    """The first-seen member's headline (the story as it first appeared), else any member's; for an
    untitled story (a microblog's posts) the opening words of its first text, else its id."""
    for article in members:
        if article.title:
            return bare_title(article) or article.title
    for article in members:
        if opening := opening_words(article.text):
            return opening
    return members[0].id


def opening_words(text: str, most: int = HEADLINE_WORDS) -> str:
    """The first sentence of ``text`` as a stand-in headline, cut to ``most`` words with "…"."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


def digest_stories(
    articles: Iterable[Article],
    method: str | Digester,
    *,
    length: Length | None = None,
    lang: str | None = None,
    threshold: float | None = None,
    batch_size: int = 64,
    group_by: str = "events",
    min_sources: int = 1,
    clusterer=None,
    **options,
) -> list[StoryDigest]:
    """Group ``articles`` into stories and digest each story once. Stories carried by fewer
    than ``min_sources`` distinct outlets are left out; the rest come most-covered first.
    ``clusterer``: the stories of earlier runs to continue (``group_by="events"``)."""
    from summarize.dedup import DEFAULT_THRESHOLD, cluster_articles

    items = list(articles)
    if group_by == "copies":
        clusters = [(c.id, c.articles) for c in
                    cluster_articles(items, threshold=threshold if threshold is not None else DEFAULT_THRESHOLD)]
        chosen = [(representative(members), headline(members)) for _, members in clusters]
    else:
        from summarize.stories import group_stories

        unique_ids(items)
        grouping = group_stories(items, copy_threshold=threshold, clusterer=clusterer)
        by_id = {a.id: v for a, v in zip(items, grouping.vectors)}
        clusters = grouping.stories(items)
        chosen = [central(members, by_id) for _, members in clusters]
        chosen = [(article, title or headline(members)) for (article, title), (_, members) in zip(chosen, clusters)]
    stories = []
    for (story_id, members), (article, title) in zip(clusters, chosen):
        sources = [Source(a.id, a.title, a.url, outlet(a), a.published, outlet_site(a)) for a in members]
        stories.append(StoryDigest(story_id, title, None, sources))  # type: ignore[arg-type]
    stories = [s for s in stories if s.outlets >= min_sources]
    keep = {s.cluster for s in stories}
    kept = [(members, article) for (story_id, members), (article, _) in zip(clusters, chosen) if story_id in keep]
    digester = make_digester(method, **options) if isinstance(method, str) else method
    # events: a story of several articles gets a digest drawn from all of them (extractive methods)
    multi = group_by == "events" and digester.name != "seq2seq"
    picked = [m for members, article in kept for m in (members if multi and len(members) > 1 else [article])]
    made = digest_articles(picked, digester, length=length, lang=lang, batch_size=batch_size)
    digests = {id(a): d for a, d in zip(picked, made)}  # by object: --group-by copies keeps repeated ids
    for story, (members, article) in zip(stories, kept):
        story.digest = digests[id(article)]
        if multi and len(members) > 1:
            story.digest = multi_document(members, article, digests, length)
    return ordered(stories)


def multi_document(members: Sequence[Article], central_article: Article, digests: dict[int, Digest],
                   length: Length | None) -> Digest:
    """The story's digest drawn from every member's own digest (:mod:`summarize.stories.multidoc`);
    ``meta["from"]`` names each sentence's article."""
    from dataclasses import replace

    from summarize.stories import embed_leads
    from summarize.stories.multidoc import Candidate, story_sentences

    own = digests[id(central_article)]
    candidates = [Candidate(s, a.id, outlet_site(a) or outlet(a) or f"id:{a.id}")
                  for a in members for s in digests[id(a)].sentences]
    if not own.sentences or len({c.article for c in candidates}) < 2:
        return own
    lede = next(i for i, c in enumerate(candidates) if c.article == central_article.id)
    vectors = embed_leads([c.text for c in candidates])
    length = length or Length()
    count = length.sentences or len(own.sentences)  # --ratio: as many as the central article's digest
    chosen = story_sentences(candidates, vectors, lede, count=count, budget=length.words)
    return replace(own, sentences=[candidates[i].text for i in chosen],
                   meta={**own.meta, "from": [candidates[i].article for i in chosen]})


def _source_line_md(source: Source) -> str:
    label = md_text(source.outlet or source.title or source.id)
    title = f" — {md_text(source.title)}" if source.title and source.outlet else ""
    link = safe_url(source.url)
    if link:
        destination = f"<{link}>" if "(" in link or ")" in link else link
        escaped = label.replace("]", "\\]")  # a "]" in the label would end the link text
        return f"- [{escaped}]({destination}){title}"
    return f"- {label}{title} ({md_code(source.url or source.id)})"


def _counted(stories: Sequence[StoryDigest]) -> str:
    """"3 stories from 5 articles", in the singular where it is one."""
    articles = sum(len(s.sources) for s in stories)
    return (f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'} from "
            f"{articles} article{'' if articles == 1 else 's'}")


def _carried(story: StoryDigest) -> str:
    """"3 outlets", "3 outlets, 5 articles"; articles whose outlet is not known (files without a
    site, feed or URL) are counted as articles, never as outlets of their own."""
    known = {s.carrier for s in story.sources if s.carrier}
    unknown, articles = sum(1 for s in story.sources if not s.carrier), len(story.sources)
    plural = "s" if articles != 1 else ""
    if not known:
        return f"{articles} article{plural} (outlet not known)"
    text = f"{len(known)} outlet{'s' if len(known) != 1 else ''}"
    if unknown:
        return f"{text}, {articles} article{plural} ({unknown} of no known outlet)"
    return text if articles == len(known) else f"{text}, {articles} articles"


def _when(source: Source) -> str:
    """A source's time as ``YYYY-MM-DD HH:MM UTC`` (as given when it cannot be read; "" if none)."""
    from summarize.stories.features import published_at

    moment = published_at(source.published)
    if moment and len((source.published or "").strip()) == 10:  # a bare date: no made-up midnight
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else (source.published or "")


def as_markdown(stories: Sequence[StoryDigest]) -> str:
    lines = ["# Digest", "", f"{_counted(stories)}.", ""]
    for story in stories:
        lines += [f"## {md_text(story.headline)}", "", md_text(story.digest.summary), ""]
        lines += [f"Carried by {_carried(story)}:", ""]
        lines += [_source_line_md(s) + (f" ({_when(s)})" if _when(s) else "") for s in story.sources]
        lines.append("")
    return "\n".join(lines)


# A page read every day: one readable column, system fonts, quiet source lists; no external assets.
STYLE = """
body{max-width:44rem;margin:2rem auto;padding:0 1rem;font:17px/1.55 Georgia,'Times New Roman',serif;color:#222;background:#fdfdfb}
h1{font:600 1.6rem/1.2 system-ui,sans-serif;margin-bottom:.2rem}
.count{color:#666;font:.9rem system-ui,sans-serif;margin-top:0}
article{border-top:1px solid #ddd;padding:1rem 0 .6rem}
h2{font:600 1.2rem/1.3 system-ui,sans-serif;margin:.2rem 0 .5rem}
.carried{display:inline-block;font:600 .75rem system-ui,sans-serif;color:#fff;background:#3a6ea5;border-radius:1rem;padding:.1rem .6rem}
ul{list-style:none;padding:0;margin:.4rem 0;font:.85rem/1.5 system-ui,sans-serif;color:#444}
li{margin:.15rem 0}a{color:#1a4f8b}time{color:#777;white-space:nowrap}
"""


def as_html(stories: Sequence[StoryDigest]) -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Digest</title><style>{STYLE}</style></head><body>",
        "<h1>Digest</h1>",
        f'<p class="count">{_counted(stories)}.</p>',
    ]
    for story in stories:
        parts.append(f'<article id="{esc(story.cluster, quote=True)}">')
        parts.append(f'<span class="carried">{esc(_carried(story))}</span>')
        parts.append(f"<h2>{esc(story.headline)}</h2>")
        parts.append(f"<p>{esc(story.digest.summary)}</p>")
        parts.append("<ul>")
        for s in story.sources:
            label = esc(s.outlet or s.title or s.id)
            title = f" — {esc(s.title)}" if s.title and s.outlet else ""
            url = safe_url(s.url)
            link = f'<a href="{esc(url, quote=True)}">{label}</a>' if url else label
            when = f' <time>{esc(_when(s))}</time>' if _when(s) else ""
            parts.append(f"<li>{link}{title}{when}</li>")
        parts.append("</ul></article>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render(stories: Sequence[StoryDigest], fmt: str) -> str:
    if fmt == "html":
        return as_html(stories)
    if fmt == "jsonl":
        return "".join(json.dumps(s.record(), ensure_ascii=False) + "\n" for s in stories)
    return as_markdown(stories)

