"""The near-duplicate engine and its library API, on real BBC text and labelled syndicated copies."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from summarize.dedup import (
    DEFAULT_MIN_JACCARD,
    DEFAULT_THRESHOLD,
    DedupConfig,
    Stats,
    cluster_articles,
    dedup_articles,
    deduplicate,
)
from summarize.dedup.emit import unique_articles
from summarize.dedup.engine import unique_ids, verify
from summarize.dedup.index import MemoryIndex
from summarize.dedup.index.base import IndexError_
from summarize.fingerprint import text_shingle_hashes
from summarize.read import read_inputs

DEDUP = Path(__file__).resolve().parent / "fixtures" / "dedup"


def _articles(name: str):
    return list(read_inputs([str(DEDUP / name)]))


def _partition(labels) -> set[frozenset]:
    groups = defaultdict(set)
    for key, label in labels:
        groups[label].add(key)
    return {frozenset(g) for g in groups.values()}


def test_syndicated_copies_cluster_exactly_by_story():
    articles = _articles("syndicated.jsonl")
    clusters = cluster_articles(articles)
    found = {frozenset(a.id for a in c.articles) for c in clusters}
    truth = _partition((a.id, a.meta["story"]) for a in articles)
    assert found == truth
    # every transform is represented, so each one was matched
    kinds = {part for a in articles for part in a.meta["variant"].split("+")}
    assert {"dateline", "footer", "trim60", "drop_sentence", "copy_edit", "rewrap", "entities"} <= kinds


def test_cluster_objects_name_first_article_and_carry_similarity():
    articles = _articles("syndicated.jsonl")
    for c in cluster_articles(articles):
        assert c.id == c.first.id
        assert c.similarity[0] is None
        assert all(s is not None and DEFAULT_THRESHOLD <= s <= 1.0 for s in c.similarity[1:])
        assert c.size == len(c.articles) == len(c.matches)


def test_real_bbc_exact_and_updated_duplicates():
    articles = _articles("bbc_slice.jsonl")
    matches = dedup_articles(articles)
    pairs = {(m.id, m.duplicate_of) for m in matches if m.duplicate_of}
    # two real exact-duplicate pairs under different ids and different titles, one updated story
    assert pairs == {("sport/471", "sport/467"), ("sport/084", "sport/052"), ("politics/329", "politics/212"),
                     ("business/229", "business/209")}
    by_id = {m.id: m for m in matches}
    assert by_id["sport/471"].similarity == 1.0
    assert by_id["business/229"].similarity < 1.0


def test_footer_trap_short_articles_sharing_a_long_footer_are_not_duplicates():
    articles = [a for a in _articles("syndicated.jsonl") if a.meta["variant"] == "footer_brief"]
    assert len(articles) == 5
    footer_share = []
    for a in articles:
        own = len(a.text.split("\n\n")[0].split())
        footer_share.append(1 - own / len(a.text.split()))
    assert min(footer_share) > 0.5  # the footer is most of each article
    assert not any(m.is_duplicate for m in dedup_articles(articles))
    # without boilerplate removal the same articles are taken for copies: the trap is real
    naive = dedup_articles(articles, config=DedupConfig(boilerplate=False))
    assert sum(m.is_duplicate for m in naive) >= 3


def test_trimmed_to_sixty_percent_is_a_duplicate_though_jaccard_is_low():
    article = _articles("bbc_slice.jsonl")[2]
    words = article.text.split(" ")
    trimmed = " ".join(words[: int(len(words) * 0.6)])
    a, b = text_shingle_hashes(article.text), text_shingle_hashes(trimmed)
    containment, jaccard = verify(a, b)
    assert containment > 0.99 and jaccard < 0.65
    matches = deduplicate(["full", "trimmed"], [article.text, trimmed])
    assert matches[1].duplicate_of == "full"


def test_normalisation_entities_case_wrapping_punctuation():
    text = _articles("bbc_slice.jsonl")[0].text
    variant = "\n".join(text.replace("'", "&#39;").upper().replace(",", " ,").split(" "))
    matches = deduplicate(["a", "b"], [text, variant])
    assert matches[1].duplicate_of == "a" and matches[1].similarity == 1.0


def test_lsh_candidates_are_verified_before_they_count():
    articles = _articles("bbc_slice.jsonl")
    # one row per band: any single shared minimum makes a candidate, so LSH proposes many false pairs
    loose = DedupConfig(band_rows=1)
    stats = Stats()
    matches = dedup_articles(articles, config=loose, stats=stats)
    assert stats.candidates > stats.verified
    assert {(m.id, m.duplicate_of) for m in matches} == {(m.id, m.duplicate_of) for m in dedup_articles(articles)}


def test_jsonl_contract_order_cluster_and_best_match():
    articles = _articles("syndicated.jsonl")
    matches = dedup_articles(articles)
    assert [m.id for m in matches] == [a.id for a in articles]
    seen = set()
    first_of = {}
    for m in matches:
        if m.duplicate_of is None:
            assert m.cluster == m.id
        else:
            assert m.duplicate_of in seen  # best match is an earlier article
        first_of.setdefault(m.cluster, m.id)
        assert first_of[m.cluster] == m.cluster  # cluster = id of its first-seen article
        seen.add(m.id)


def test_empty_texts_are_nobodys_copy():
    matches = deduplicate(["a", "b", "c"], ["", "", "Some words here for once."])
    assert not any(m.is_duplicate for m in matches)


def test_repeated_ids_get_unique_keys():
    assert unique_ids(["a", "b", "a", "a", "a#2"]) == ["a", "b", "a#2", "a#3", "a#2#2"]
    matches = deduplicate(["x", "x"], ["one two three four five", "one two three four five"])
    assert [m.id for m in matches] == ["x", "x#2"] and matches[1].duplicate_of == "x"


def test_keep_first_and_longest():
    articles = _articles("syndicated.jsonl")
    matches = dedup_articles(articles)
    first = unique_articles(articles, matches, "first")
    longest = unique_articles(articles, matches, "longest")
    stories = {a.meta["story"] for a in articles}
    assert len(first) == len(longest) == len(stories)
    cluster_of = {m.id: m.cluster for m in matches}
    for kept in longest:
        members = [a for a in articles if cluster_of[a.id] == cluster_of[kept.id]]
        assert len(kept.text) == max(len(a.text) for a in members)
    assert [a.id for a in first] == [m.id for m in matches if not m.is_duplicate]


def test_index_remembers_across_batches_with_stable_clusters():
    articles = _articles("syndicated.jsonl")
    index = MemoryIndex()
    half = len(articles) // 2
    first = dedup_articles(articles[:half], index)
    second = dedup_articles(articles[half:], index)
    together = dedup_articles(articles)
    # the same clusters as one run over everything (the best match may differ between equally good copies)
    assert [(m.cluster, m.is_duplicate) for m in first + second] == [(m.cluster, m.is_duplicate) for m in together]
    # a re-run keeps the recorded verdicts and adds nothing
    again = dedup_articles(articles[half:], index)
    assert [(m.cluster, m.duplicate_of) for m in again] == [(m.cluster, m.duplicate_of) for m in second]
    assert all(m.seen_before for m in again) and len(index) == len(articles)


def test_index_refuses_other_settings():
    index = MemoryIndex()
    deduplicate(["a"], ["some text to index here"], index)
    with pytest.raises(IndexError_, match="other settings"):
        deduplicate(["b"], ["some text to index here"], index, DedupConfig(shingle_size=4))


def test_defaults_match_cli_defaults():
    from summarize import cli

    assert cli.DEDUP_THRESHOLD == DEFAULT_THRESHOLD
    assert cli.DEDUP_MIN_JACCARD == DEFAULT_MIN_JACCARD


def test_bad_config_is_a_user_error():
    from summarize.errors import SummarizeError

    with pytest.raises(SummarizeError):
        deduplicate(["a"], ["x"], config=DedupConfig(threshold=1.5))


def test_parallel_path_gives_the_same_answer():
    from summarize.dedup import features
    from synthetic import generate

    feed = generate(400, seed=3)
    old = features.PARALLEL_MIN_DOCS
    features.PARALLEL_MIN_DOCS = 100
    try:
        parallel = deduplicate(feed.ids, feed.texts, config=DedupConfig(jobs=2))
    finally:
        features.PARALLEL_MIN_DOCS = old
    serial = deduplicate(feed.ids, feed.texts, config=DedupConfig(jobs=1))
    assert [(m.cluster, m.duplicate_of) for m in parallel] == [(m.cluster, m.duplicate_of) for m in serial]
    truth = [s != i for s, i in zip(feed.story, feed.ids)]
    assert [m.is_duplicate for m in serial] == truth


def test_title_only_entries_compare_by_title():
    from summarize.document import Article

    articles = [Article(id=str(i), text="", paragraphs=[], title=t) for i, t in
                enumerate(["Court rejects tobacco case", "Court rejects tobacco case", "Markets rally on rate cut"])]
    assert [m.duplicate_of for m in dedup_articles(articles)] == [None, "0", None]


def test_posts_that_share_only_a_teaser_are_told_apart_by_their_headlines():
    from summarize.dedup import dedup_articles
    from summarize.document import Article

    def post(i, title, text):
        return Article(id=f"p{i}", text=text, paragraphs=[], title=title, url=f"https://medium.com/p/{i}",
                       source="medium.rss", format="feed")

    teaser = "Continue reading on Medium \u00bb"
    posts = [post(1, "Side quest: Drawing", teaser), post(2, "I lose things a lot", teaser),
             post(3, "Keyboard shortcuts matter", teaser), post(4, "Side quest: Drawing", teaser)]
    matches = dedup_articles(posts)
    assert [m.duplicate_of for m in matches] == [None, None, None, "p1"]  # the same post twice is still a copy
    long_body = "The council voted on Monday to close the old bridge to cars for the rest of the year, " * 3
    copies = [post(5, "Bridge closes", long_body), post(6, "Council shuts bridge", long_body)]
    assert dedup_articles(copies)[1].duplicate_of == "p5"  # a story is its body, whatever its headline
