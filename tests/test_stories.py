"""Story clustering: names, placement, dates, near-copies and stable ids (vectors given, no model)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from summarize.document import Article
from summarize.stories import StorySettings, group_stories
from summarize.stories.features import names, published_day


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def article(id_: str, text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(id=id_, text=text, paragraphs=[], title=title, published=published)


QUAKE_A = "A magnitude 6.1 earthquake struck Indonesia's Aceh province on Tuesday, officials in Banda Aceh said."
QUAKE_A2 = "Officials in Banda Aceh said the 6.1 quake shook Aceh province and damaged homes."
QUAKE_B = "A magnitude 7.6 earthquake hit Padang in West Sumatra, killing hundreds, Sumatra officials said."


def test_names_keep_people_places_figures_and_drop_calendar_and_function_words():
    found = names("On Tuesday The Indonesian agency said 2,500 people fled Aceh in 2012. He said Lohan's rehab")
    assert {"indonesian", "2500", "aceh", "lohan"} <= found
    assert not found & {"on", "tuesday", "the", "he", "2012"}


def test_published_day_reads_iso_dates_only():
    assert str(published_day(article("a", "x", "2013-07-21T10:00:00Z"))) == "2013-07-21"
    assert published_day(article("a", "x", "yesterday")) is None


def test_same_topic_different_event_is_told_apart_by_names():
    arts = [article("a1", QUAKE_A), article("b1", QUAKE_B), article("a2", QUAKE_A2)]
    quake = unit(1, 0.1, 0)  # the three leads embed alike: one topic
    grouping = group_stories(arts, StorySettings(), vectors=np.stack([quake, unit(1, 0.12, 0), unit(1, 0.11, 0)]))
    assert grouping.story_of == {"a1": "a1", "b1": "b1", "a2": "a1"}


def test_date_window_keeps_events_apart_unless_text_is_near_identical():
    arts = [article("old", QUAKE_A, "2004-12-26"), article("new", QUAKE_A2, "2012-04-11"),
            article("repeat", QUAKE_A, "2012-04-12")]
    v = unit(1, 0.1, 0)
    grouping = group_stories(arts, StorySettings(), vectors=np.stack([v, unit(1, 0.4, 0.2), unit(1, 0.1, 0)]),
                             copies=False)
    assert grouping.story_of["new"] == "new"  # same names, years apart: another event
    assert grouping.story_of["repeat"] == "old"  # near-identical lead crosses the window
    undated = [article(a.id, a.text) for a in arts]
    again = group_stories(undated, StorySettings(), vectors=np.stack([v, unit(1, 0.4, 0.2), unit(1, 0.1, 0)]))
    assert again.story_of["new"] == "old"  # without dates, text alone decides


def test_near_copy_joins_its_original_whatever_the_embedding():
    body = " ".join(f"Sentence {i} of the wire report about the Aceh earthquake and its victims." for i in range(30))
    arts = [article("wire", body), article("copy", body + " Added line.")]
    grouping = group_stories(arts, StorySettings(), vectors=np.stack([unit(1, 0, 0), unit(0, 1, 0)]))
    assert grouping.story_of["copy"] == "wire"


def test_ids_stay_stable_as_the_feed_grows():
    first = [article("a1", QUAKE_A), article("b1", QUAKE_B)]
    vecs = {"a1": unit(1, 0.1, 0), "b1": unit(1, 0.12, 0), "a2": unit(1, 0.11, 0), "c1": unit(0, 0, 1)}
    grown = first + [article("a2", QUAKE_A2), article("c1", "Lakers beat the Celtics 101-99 in Boston.")]
    small = group_stories(first, vectors=np.stack([vecs[a.id] for a in first]))
    big = group_stories(grown, vectors=np.stack([vecs[a.id] for a in grown]))
    assert all(big.story_of[k] == v for k, v in small.story_of.items())
    assert big.story_of["a2"] == "a1" and big.story_of["c1"] == "c1"


def test_clusterer_continues_from_earlier_stories():
    first = [article("a1", QUAKE_A)]
    grouping = group_stories(first, vectors=np.stack([unit(1, 0.1, 0)]))
    later = group_stories([article("a2", QUAKE_A2)], clusterer=grouping.clusterer, vectors=np.stack([unit(1, 0.11, 0)]))
    assert later.story_of == {"a2": "a1"}


QUAKE_FEED = [
    {"id": "q1", "title": "Quake kills 12 in Aceh", "source": "two.example", "published": "2024-03-05",
     "text": "A magnitude 6.1 earthquake struck Aceh province in Indonesia on Tuesday, killing at least 12 people "
             "and damaging hundreds of homes, the national disaster agency said."},
    {"id": "q2", "title": "Aceh earthquake death toll at 12", "source": "three.example", "published": "2024-03-05",
     "text": "At least 12 people died when a 6.1 magnitude quake hit Indonesia's Aceh province on Tuesday, "
             "officials of the disaster agency said, as hundreds of homes were damaged."},
    {"id": "g1", "title": "Lakers edge Celtics", "source": "one.example", "published": "2024-03-03",
     "text": "The Lakers beat the Celtics 101-99 in Boston on Sunday night as LeBron James scored 40 points."},
]


@pytest.mark.ml
def test_dedup_stories_adds_a_story_per_item_and_a_stories_section(cli, tmp_path):
    src = tmp_path / "feed.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in QUAKE_FEED))
    rows = cli("dedup", "--stories", "-f", "jsonl", str(src))
    assert rows.returncode == 0, rows.stderr_text  # no near-copies: exit 0
    stories = {r["id"]: r["story"] for r in map(json.loads, rows.stdout_text.splitlines())}
    assert stories == {"q1": "q1", "q2": "q1", "g1": "g1"}
    report = cli("dedup", "--stories", str(src)).stdout_text
    assert "3 articles, 0 duplicates" in report and "2 stories, 1 of more than one article" in report
    refused = cli("dedup", "--stories", "--emit", "unique", str(src))
    assert refused.returncode == 2 and "--stories applies to --emit report only" in refused.stderr_text


# Refinement: once a run's articles are placed, each is placed again against the stories as they ended.
PLAIN = "Nothing here names anyone."  # no names: the lead vectors alone decide (name_weight 0)
COSINE_ONLY = StorySettings(name_weight=0.0)


def _place(vectors: dict[str, np.ndarray], settings: StorySettings) -> dict[str, str]:
    arts = [article(k, f"{PLAIN} {k}") for k in vectors]
    return group_stories(arts, settings, vectors=np.stack(list(vectors.values())), copies=False).story_of


def test_an_article_placed_before_its_story_formed_moves_to_it():
    vectors = {"p": unit(0.6, 0.8, 0), "a1": unit(1, 0, 0), "a2": unit(0.9, 0.436, 0),
               "b1": unit(0, 1, 0), "b2": unit(0.1, 0.995, 0)}
    # one at a time: p starts a story and a1, a2 join it (cosine 0.6 and more); b1 and b2 come later
    once = _place(vectors, replace(COSINE_ONLY, refine_rounds=0))
    assert once == {"p": "p", "a1": "p", "a2": "p", "b1": "b1", "b2": "b1"}
    # placed again, p is nearer the b story (0.83) than a1 and a2 without it (0.76); the story keeps its id
    assert _place(vectors, COSINE_ONLY) == {"p": "b1", "a1": "p", "a2": "p", "b1": "b1", "b2": "b1"}


def test_a_story_left_empty_by_refinement_is_dropped():
    # x is far from g1 when it comes (0.4); g2 then joins g1 and draws the story towards x (0.54)
    vectors = {"g1": unit(1, 0, 0), "x": unit(0.4, 0.4, 0.825), "g2": unit(0.6, 0.8, 0)}
    arts = [article(k, f"{PLAIN} {k}") for k in vectors]
    grouping = group_stories(arts, COSINE_ONLY, vectors=np.stack(list(vectors.values())), copies=False)
    assert grouping.story_of == {"g1": "g1", "x": "g1", "g2": "g1"}
    assert [s.id for s in grouping.clusterer.stories] == ["g1"] and grouping.clusterer.by_id["g1"].size == 3


def test_a_near_copy_follows_its_original_when_refinement_moves_it():
    body = " ".join(f"Sentence {i} of the wire report about the launch and its delays." for i in range(30))
    arts = [article("p", body), article("a1", f"{PLAIN} a1"), article("a2", f"{PLAIN} a2"),
            article("b1", f"{PLAIN} b1"), article("b2", f"{PLAIN} b2"), article("copy", body + " Added line.")]
    vectors = [unit(0.6, 0.8, 0), unit(1, 0, 0), unit(0.9, 0.436, 0), unit(0, 1, 0), unit(0.1, 0.995, 0),
               unit(0.6, 0.8, 0)]
    once = group_stories(arts, replace(COSINE_ONLY, refine_rounds=0), vectors=np.stack(vectors)).story_of
    assert once["p"] == once["copy"] == "p"
    # p and its copy are placed again as one: both leave a1 and a2 for the b story
    story_of = group_stories(arts, COSINE_ONLY, vectors=np.stack(vectors)).story_of
    assert story_of["p"] == story_of["copy"] == "b1" and story_of["a1"] == "p"
