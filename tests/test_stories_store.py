"""Stories that persist across runs: SQLite and Redis stores, and --index through the real command."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

from summarize.stories import ENCODER_ID, group_stories
from summarize.stories.store import RedisStoryStore, SQLiteStoryStore, StoreError, open_store
from test_stories import QUAKE_A, QUAKE_A2, QUAKE_B, QUAKE_FEED, article, unit


def _first_run(store):
    clusterer = store.load(None, ENCODER_ID)
    first = [article("a1", QUAKE_A, "2024-03-05"), article("b1", QUAKE_B, "2024-03-06")]
    grouping = group_stories(first, clusterer=clusterer, vectors=np.stack([unit(1, 0.1, 0), unit(0, 1, 0.2)]),
                             copies=False)
    store.save(grouping.clusterer)
    return grouping


def _second_run(store):
    clusterer = store.load(None, ENCODER_ID)
    later = [article("a2", QUAKE_A2, "2024-03-07"), article("a1", QUAKE_A, "2024-03-05")]
    return group_stories(later, clusterer=clusterer, vectors=np.stack([unit(1, 0.11, 0), unit(1, 0.1, 0)]),
                         copies=False)


@pytest.fixture(params=["sqlite", "redis"])
def store_spec(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    url = request.getfixturevalue("redis_url")
    prefix = f"t{abs(hash(str(tmp_path)))}"
    return f"{url}?prefix={prefix}"


def test_stories_continue_in_a_later_run(store_spec):
    store = open_store(store_spec)
    first = _first_run(store)
    store.close()
    assert first.story_of == {"a1": "a1", "b1": "b1"}

    again = open_store(store_spec)
    second = _second_run(again)
    # the new article joins yesterday's story (its id unchanged); an article seen before keeps its story
    assert second.story_of == {"a2": "a1", "a1": "a1"}
    clusterer = second.clusterer
    assert [s.id for s in clusterer.stories] == ["a1", "b1"]
    story = clusterer.by_id["a1"]
    assert story.size == 2 and story.members == ["a1", "a2"]
    assert (story.first_day.isoformat(), story.last_day.isoformat()) == ("2024-03-05", "2024-03-07")
    assert clusterer.documents == 3 and clusterer.name_df["aceh"] == 2
    again.save(clusterer)
    again.close()

    third = open_store(store_spec)
    reloaded = third.load(None, ENCODER_ID)
    third.close()
    assert reloaded.membership == {"a1": "a1", "b1": "b1", "a2": "a1"}
    assert reloaded.documents == 3 and reloaded.name_df == clusterer.name_df
    np.testing.assert_allclose(reloaded.by_id["a1"].vector_sum, story.vector_sum, rtol=1e-6)


def test_a_store_of_another_encoder_is_refused(tmp_path):
    path = str(tmp_path / "news.db")
    store = SQLiteStoryStore(path)
    _first_run(store)
    store.close()
    with pytest.raises(StoreError, match="grouped with the encoder .* use a new index"):
        SQLiteStoryStore(path).load(None, "another-model/lead-128")


def test_the_story_tables_live_beside_the_dedup_index(tmp_path, cli):
    src = tmp_path / "feed.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in QUAKE_FEED[:1]))
    db = tmp_path / "news.db"
    assert cli("dedup", str(src), "--index", str(db), "-q").returncode == 0
    store = SQLiteStoryStore(str(db))
    _first_run(store)
    store.close()
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "story", "story_member"} <= tables
    assert cli("dedup", str(src), "--index", str(db), "-q").returncode == 0  # the dedup index still opens


def test_a_folder_or_bad_scheme_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="unknown index scheme 'ftp'"):
        open_store("ftp://example.org/x")


@pytest.mark.ml
def test_digest_group_index_keeps_one_story_across_polls(cli, tmp_path):
    """Two polls of a feed through the real command: the second poll's report of the same event
    joins the first poll's story (same story id), and the unrelated game stays its own story."""
    db = tmp_path / "stories.db"
    poll1, poll2 = tmp_path / "poll1.jsonl", tmp_path / "poll2.jsonl"
    poll1.write_text("".join(json.dumps(r) + "\n" for r in (QUAKE_FEED[0], QUAKE_FEED[2])))
    poll2.write_text(json.dumps(QUAKE_FEED[1]) + "\n")
    first = cli("digest", "--group", "-m", "lead", "-f", "jsonl", "--index", str(db), str(poll1))
    assert first.returncode == 0, first.stderr_text
    assert sorted(json.loads(line)["story"] for line in first.stdout_text.splitlines()) == ["g1", "q1"]
    second = cli("digest", "--group", "-m", "lead", "-f", "jsonl", "--index", str(db), str(poll2))
    assert second.returncode == 0, second.stderr_text
    [story] = [json.loads(line) for line in second.stdout_text.splitlines()]
    assert story["story"] == "q1" and [s["id"] for s in story["sources"]] == ["q2"]
    # without the index the same poll starts a story of its own
    alone = cli("digest", "--group", "-m", "lead", "-f", "jsonl", str(poll2))
    assert json.loads(alone.stdout_text)["story"] == "q2"
    refused = cli("digest", "-m", "lead", "--index", str(db), str(poll2))
    assert refused.returncode == 2 and "--index keeps stories: it needs --group" in refused.stderr_text


def test_refinement_moves_only_this_runs_articles_and_drops_the_stories_it_empties(store_spec):
    from test_stories import COSINE_ONLY, PLAIN

    def run(store, items):
        clusterer = store.load(COSINE_ONLY, ENCODER_ID)
        arts = [article(k, f"{PLAIN} {k}") for k in items]
        grouping = group_stories(arts, clusterer=clusterer, vectors=np.stack(list(items.values())), copies=False)
        store.save(grouping.clusterer)
        return grouping

    # angles from s1 = (1, 0, 0): p and x at 65 degrees (p towards y, x towards z), y1 and y2 at 30
    p, x = unit(0.4226, 0.9063, 0), unit(0.4226, 0, 0.9063)
    store = open_store(store_spec)
    run(store, {"p": p})  # the first run: p alone
    store.close()
    store = open_store(store_spec)
    # the second: s1 starts a story (0.42 to p's) and y1 joins it; p would now score 0.64 there, but
    # it is the first run's and stays
    second = run(store, {"s1": unit(1, 0, 0), "y1": unit(0.866, 0.5, 0)})
    store.close()
    assert second.story_of == {"s1": "s1", "y1": "s1"} and second.clusterer.membership["p"] == "p"
    store = open_store(store_spec)
    # the third: x starts a story (0.41 to s1's), y2 joins s1's (0.84 against 0.82), which then lies
    # 55 degrees from x (0.57): x moves, and the story it started, left empty, is dropped
    third = run(store, {"x": x, "y2": unit(0.866, 0, 0.5)})
    store.close()
    assert third.story_of == {"x": "s1", "y2": "s1"}
    store = open_store(store_spec)
    loaded = store.load(COSINE_ONLY, ENCODER_ID)
    store.close()
    assert loaded.membership == {"p": "p", "s1": "s1", "y1": "s1", "x": "s1", "y2": "s1"}
    assert [(s.id, s.size) for s in loaded.stories] == [("p", 1), ("s1", 4)]
