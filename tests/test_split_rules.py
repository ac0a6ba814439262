"""The rule layer over Punkt's sentence output (summarize.split): each rule, and what it must leave alone."""

from __future__ import annotations

import json

import pytest

from summarize.split import split_sentences

from conftest import FIXTURES


@pytest.mark.parametrize("text, expected", [
    # an initialism ends a sentence before a pronoun or wh-word...
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("Talks moved to the U.N. They resume today.", ["Talks moved to the U.N.", "They resume today."]),
    # ...not before a name or a noun it qualifies
    ("I work for the U.S. Government in Virginia.", ["I work for the U.S. Government in Virginia."]),
    ("U.S. officials said the U.S. Navy would stay.", ["U.S. officials said the U.S. Navy would stay."]),
    # a sentence closed inside brackets or quotes, the outer one going on in lower case
    ("He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
     ["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
    ('"I don\'t know what happened." he said.', ['"I don\'t know what happened." he said.']),
    # a quote followed by a new sentence keeps its break
    ('She turned to him, "This is great." She held the book out.', ['She turned to him, "This is great."', "She held the book out."]),
    # list markers are never sentences; a one-line list counting from its first marker is split into items
    ("1. The first item. 2. The second item.", ["1. The first item.", "2. The second item."]),
    ("a) Apples b) Pears c) Plums", ["a) Apples", "b) Pears", "c) Plums"]),
    # numbers that do not count on from a first marker are left alone
    ("Prices rose by 2. The bank kept its rate at 3. Markets were calm.",
     ["Prices rose by 2.", "The bank kept its rate at 3.", "Markets were calm."]),
    # a spaced ellipsis is an omission inside a sentence; four dots end one
    ("It was a strange match . . . momentum swings, said Hewitt.", ["It was a strange match . . . momentum swings, said Hewitt."]),
    ("I never meant that.... She left the store.", ["I never meant that....", "She left the store."]),
])
def test_rule_layer(text, expected):
    assert split_sentences(text) == expected


def test_golden_rules_at_least_40_of_48():
    cases = json.loads((FIXTURES / "split" / "golden_rules_en.json").read_text(encoding="utf-8"))["cases"]
    right = sum([s.strip() for s in split_sentences(c["text"])] == c["sentences"] for c in cases)
    assert len(cases) == 48 and right >= 40, right
