"""The feed digest: one entry per story, however many outlets carried it.

Articles are grouped into story clusters by :func:`summarize.dedup.cluster_articles`
(the same near-duplicate engine as ``summarize dedup``); each cluster is digested
once, from its first full copy (so a trimmed wire copy does not shorten the digest),
and listed with the sources that carried it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlparse

from summarize.digest import Digest, Digester, digest_articles
from summarize.digest.length import Length
from summarize.digest.render import md_code, md_text, safe_url
from summarize.document import Article

GROUP_FORMATS = ("md", "html", "jsonl")


@dataclass
class Source:
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None

    def record(self) -> dict:
        return {"id": self.id, "title": self.title, "url": self.url, "outlet": self.outlet, "published": self.published}


@dataclass
class StoryDigest:
    """One story cluster: its headline, its digest, and every article that carried it."""

    cluster: str
    headline: str
    digest: Digest
    sources: list[Source] = field(default_factory=list)

    def record(self) -> dict:
        return {
            "cluster": self.cluster,
            "headline": self.headline,
            "summary": self.digest.summary,
            "sentences": self.digest.sentences,
            "sources": [s.record() for s in self.sources],
            "method": self.digest.method,
            "model": self.digest.model,
        }


def outlet(article: Article) -> str | None:
    """Who carried the article: the feed's title, the page's site, a JSONL ``source``/``outlet``, or the URL's host."""
    for key in ("feed_title", "site", "outlet", "source", "publisher"):
        value = article.meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    if article.url:
        host = urlparse(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def representative(members: Sequence[Article]) -> Article:
    """The copy a story is digested from: the first-seen one, unless it is a trimmed copy
    (under 90% of the fullest copy's length), then the earliest of the full ones."""
    longest = max(len(a.text) for a in members)
    return next(a for a in members if len(a.text) >= 0.9 * longest)


def headline(members: Sequence[Article]) -> str:
    """The first-seen member's headline (the story as it first appeared), else any member's, else its id."""
    for article in members:
        if article.title:
            return article.title
    return members[0].id


def digest_stories(
    articles: Iterable[Article],
    method: str | Digester,
    *,
    length: Length | None = None,
    lang: str = "en",
    threshold: float | None = None,
    batch_size: int = 64,
    **options,
) -> list[StoryDigest]:
    """Cluster ``articles`` into stories and digest each story once, in order of first appearance."""
    from summarize.dedup import DEFAULT_THRESHOLD, cluster_articles

    items = list(articles)
    clusters = cluster_articles(items, threshold=threshold if threshold is not None else DEFAULT_THRESHOLD)
    chosen = [representative(c.articles) for c in clusters]
    digests = list(digest_articles(chosen, method, length=length, lang=lang, batch_size=batch_size, **options))
    stories = []
    for cluster, digest in zip(clusters, digests):
        sources = [Source(a.id, a.title, a.url, outlet(a), a.published) for a in cluster.articles]
        stories.append(StoryDigest(cluster.id, headline(cluster.articles), digest, sources))
    return stories


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


def as_markdown(stories: Sequence[StoryDigest]) -> str:
    lines = ["# Digest", "", f"{_counted(stories)}.", ""]
    for story in stories:
        carried = len(story.sources)
        lines += [f"## {md_text(story.headline)}", "", md_text(story.digest.summary), ""]
        lines += [f"Carried by {carried} source{'s' if carried != 1 else ''}:", ""]
        lines += [_source_line_md(s) for s in story.sources]
        lines.append("")
    return "\n".join(lines)


def as_html(stories: Sequence[StoryDigest]) -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Digest</title></head><body>',
        "<h1>Digest</h1>",
        f"<p>{_counted(stories)}.</p>",
    ]
    for story in stories:
        parts.append(f'<article id="{esc(story.cluster, quote=True)}">')
        parts.append(f"<h2>{esc(story.headline)}</h2>")
        parts.append(f"<p>{esc(story.digest.summary)}</p>")
        parts.append("<ul>")
        for s in story.sources:
            label = esc(s.outlet or s.title or s.id)
            title = f" — {esc(s.title)}" if s.title and s.outlet else ""
            url = safe_url(s.url)
            link = f'<a href="{esc(url, quote=True)}">{label}</a>' if url else label
            parts.append(f"<li>{link}{title}</li>")
        parts.append("</ul></article>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render(stories: Sequence[StoryDigest], fmt: str) -> str:
    if fmt == "html":
        return as_html(stories)
    if fmt == "jsonl":
        return "".join(json.dumps(s.record(), ensure_ascii=False) + "\n" for s in stories)
    return as_markdown(stories)


def run_group_digest(
    inputs: Sequence[str],
    *,
    method: str,
    model: str | None = None,
    length: Length | None = None,
    fmt: str | None = None,
    output: str | None = None,
    lang: str = "en",
    input_format: str | None = None,
    threshold: float | None = None,
    batch_size: int = 64,
    method_options: dict | None = None,
    batch=None,
) -> int:
    """``summarize digest --group``: read, cluster, digest each story, write; returns the exit status."""
    from summarize.digest import make_digester
    from summarize.errors import SummarizeError
    from summarize.output import check_output, open_output
    from summarize.read import Batch, read_inputs
    from summarize.split import sentence_tokenizer

    batch = batch or Batch()
    fmt = fmt or "md"
    if fmt not in GROUP_FORMATS:
        raise SummarizeError(f"--group writes {', '.join(GROUP_FORMATS)}; not {fmt!r}")
    sentence_tokenizer(lang)
    check_output(output)
    articles = list(read_inputs(inputs, input_format, output, batch))
    if not articles:
        batch.finish("digested")  # every input skipped: exit 2 before a model is loaded
    digester = make_digester(method, model=model, **(method_options or {}))
    stories = digest_stories(articles, digester, length=length, lang=lang, threshold=threshold, batch_size=batch_size)
    with open_output(output) as out:
        out.write(render(stories, fmt))
        return batch.finish("digested")
