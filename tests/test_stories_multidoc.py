"""Story digests drawn from every article of a story: the selection rule, then the real command."""

from __future__ import annotations

import json

import numpy as np
import pytest

from summarize.stories.multidoc import Candidate, story_sentences


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_lede_first_then_the_fact_other_outlets_state_then_no_paraphrase():
    candidates = [
        Candidate("Lede of the central article.", "a", "one"),
        Candidate("A detail only outlet one has.", "a", "one"),
        Candidate("A fact outlet two states.", "b", "two"),
        Candidate("The same fact as outlet three puts it.", "c", "three"),
        Candidate("Outlet two's paraphrase of the lede.", "b", "two"),
    ]
    vectors = np.stack([unit(1, 0, 0, 0), unit(0.6, 0.8, 0, 0), unit(0.6, 0, 0.8, 0), unit(0.6, 0, 0.79, 0.1),
                        unit(0.99, 0.01, 0, 0.1)])
    chosen = story_sentences(candidates, vectors, lede=0, count=3)
    assert chosen[0] == 0
    assert 4 not in chosen  # a paraphrase of the lede is redundant
    assert chosen[1] in (2, 3)  # a fact two outlets state beats a detail only one has
    assert len(chosen) == 3 and len({candidates[i].article for i in chosen}) >= 2


def test_word_budget_and_few_candidates():
    candidates = [Candidate("one two three four", "a", "x"), Candidate("five six seven", "b", "y"),
                  Candidate("eight nine ten eleven twelve", "b", "y")]
    vectors = np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)])
    assert story_sentences(candidates, vectors, lede=0, count=3, budget=7) == [0, 1]
    assert story_sentences(candidates[:1], vectors[:1], lede=0, count=3) == [0]
    assert story_sentences([], np.zeros((0, 3)), lede=0, count=3) == []


FLOOD = [
    {"id": "f1", "source": "one.example", "published": "2024-05-02", "title": "Floods hit Porto Alegre",
     "text": "Floods in southern Brazil have killed at least 39 people in Rio Grande do Sul, officials said on Thursday. "
             "The Guaiba river in Porto Alegre rose to its highest level since 1941. "
             "Governor Eduardo Leite called the floods the worst disaster in the state's history."},
    {"id": "f2", "source": "two.example", "published": "2024-05-02", "title": "Brazil flood toll rises to 39",
     "text": "At least 39 people have died in floods in Rio Grande do Sul, Brazilian officials said. "
             "More than 24,000 people have been forced from their homes, the civil defence agency said. "
             "President Lula visited the state and promised federal help with the rescue."},
]


@pytest.mark.ml
def test_digest_group_draws_a_story_digest_from_all_its_articles(cli, tmp_path):
    src = tmp_path / "feed.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in FLOOD))
    proc = cli("digest", "--group", "-m", "lead", "-f", "jsonl", "-n", "3", str(src))
    assert proc.returncode == 0, proc.stderr_text
    [story] = [json.loads(line) for line in proc.stdout_text.splitlines()]
    assert story["outlets"] == 2 and len(story["sentences"]) == 3 == len(story["from"])
    texts = {r["id"]: r["text"] for r in FLOOD}
    assert set(story["from"]) == {"f1", "f2"}
    for sentence, origin in zip(story["sentences"], story["from"]):
        assert sentence in texts[origin]
    # one sentence per fact: the two ledes say the same and only one of them is taken
    assert sum("39" in s for s in story["sentences"]) == 1
