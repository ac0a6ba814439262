"""Identity (guid, canonical link, text hash) and --since spans."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from summarize.dates import parse_date, parse_since
from summarize.dedup.identity import canonical_link, identity, text_digest
from summarize.document import Article
from summarize.errors import SummarizeError


@pytest.mark.parametrize("url,canonical", [
    ("HTTPS://News.Example.COM/a/B?utm_source=rss&utm_medium=feed&id=7#comments", "https://news.example.com/a/B?id=7"),
    ("http://example.com:80/x?fbclid=abc&gclid=def", "http://example.com/x"),
    ("https://example.com:8443/x?b=2&a=1", "https://example.com:8443/x?b=2&a=1"),
    ("https://example.com", "https://example.com/"),
    ("not a url", "not a url"),
])
def test_canonical_link(url, canonical):
    assert canonical_link(url) == canonical


def _feed_item(entry_id=None, url=None, text="Body text.", title="T"):
    return Article(id=entry_id or url or "f.xml:3", text=text, paragraphs=[], title=title, url=url, source="f.xml",
                   source_line=3, format="feed", meta={"entry_id": entry_id})


def test_identity_is_guid_else_canonical_link_else_text_hash():
    assert identity(_feed_item("guid-1", "https://x.org/a?utm_source=x")) == "guid-1"
    assert identity(_feed_item(None, "HTTPS://X.org/a?utm_source=x#top")) == "https://x.org/a"
    untitled = identity(_feed_item(None, None, text="Some  body\ntext."))
    assert untitled.startswith("text:") and untitled == identity(_feed_item(None, None, text="Some body text."))
    jsonl = Article(id="7", text="x", paragraphs=[], source="b.jsonl", source_line=1, format="jsonl")
    numbered = Article(id="b.jsonl:1", text="x", paragraphs=[], url="https://x.org/p", source="b.jsonl", source_line=1,
                       format="jsonl")
    assert identity(jsonl) == "7" and identity(numbered) == "https://x.org/p"
    page = Article(id="HTTPS://Site.example/story?utm_campaign=z", text="x", paragraphs=[], format="html")
    assert identity(page) == "https://site.example/story"


def test_digest_follows_the_text_not_the_headline():
    assert text_digest(_feed_item(text="Same text.", title="One")) == text_digest(_feed_item(text="Same  text.", title="Two"))
    assert text_digest(_feed_item(text="Same text.")) != text_digest(_feed_item(text="Other text."))


def test_since_spans_and_dates():
    now = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
    assert parse_since("2h", now) == datetime(2026, 12, 2, 10, 0, tzinfo=timezone.utc)
    assert parse_since("3d", now) == datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    assert parse_since("2026-12-01", now) == datetime(2026, 12, 1, tzinfo=timezone.utc)
    with pytest.raises(SummarizeError):
        parse_since("soon", now)
    assert parse_date("Wed, 02 Dec 2026 10:00:00 +0100") == datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
    assert parse_date("2026-12-02T10:00:00Z") == datetime(2026, 12, 2, 10, 0, tzinfo=timezone.utc)
    assert parse_date("not a date") is None


def test_a_batch_without_an_index_digests_only_repeated_identities_and_still_sees_rewrites():
    from summarize.dedup import OnDemand, dedup_articles

    body = "The council voted on Monday to close the old bridge to cars for the rest of the year. " * 3
    items = [_feed_item("g1", text=body), _feed_item("g2", text="Another story about the harbour. " * 5),
             _feed_item("g1", text=body.replace("Monday", "Tuesday"))]
    asked = []
    lazy = OnDemand(lambda a: asked.append(a.meta["entry_id"]) or text_digest(a), items)
    assert len(lazy) == 3 and asked == []
    assert lazy[-1] == lazy[2] == text_digest(items[2]) and asked == ["g1"]  # computed once, then kept
    matches = dedup_articles(items)
    assert [m.updated for m in matches] == [False, False, True]
    assert not matches[2].seen_before
