"""The candidate search of ``clean`` on long articles: the LSH candidates found for all units at
once equal those of bucket-by-bucket insertion, and the search by names never misses a unit that
could pass the names test."""

from __future__ import annotations

import random

import numpy as np
import pytest

from summarize import clean as clean_module
from summarize.clean import _Unit, _same_names, lsh_candidates, named_candidates


def _reference_lsh(hashes, judged, threshold, search):
    """Bucket by bucket, as a dict of lists: each unit asks every band's bucket for its first half
    and the latest half of the earlier judged units, then keeps the CANDIDATE_CAP of the highest
    MinHash estimate (text order on ties)."""
    from datasketch.lsh import _optimal_param

    bands, rows = _optimal_param(threshold, hashes.shape[1], 0.5, 0.5)
    keys = clean_module._band_keys(hashes, bands, rows)
    half = clean_module.BUCKET_CAP // 2
    buckets: dict[tuple[int, int], list[int]] = {}
    out = []
    for i in range(len(hashes)):
        found: set[int] = set()
        if judged[i] and search[i]:
            for b in range(bands):
                members = buckets.get((b, int(keys[i, b])), [])
                found.update(members[:half])
                found.update(members[max(half, len(members) - half):])
        found = sorted(found)
        if len(found) > clean_module.CANDIDATE_CAP:
            shared = [int((hashes[j] == hashes[i]).sum()) for j in found]
            found = sorted(sorted(found, key=lambda j: (-shared[found.index(j)], j))[: clean_module.CANDIDATE_CAP])
        out.append(found)
        if judged[i]:
            for b in range(bands):
                buckets.setdefault((b, int(keys[i, b])), []).append(i)
    return out


@pytest.mark.parametrize("values", [3, 50, 2**32])  # few values: crowded buckets; many: almost none
def test_lsh_candidates_for_all_units_at_once_equal_bucket_by_bucket_insertion(values):
    rnd = np.random.default_rng(values)
    base = rnd.integers(0, values, size=(40, 128), dtype=np.uint64)
    hashes = base[rnd.integers(0, 40, size=300)]  # copies of 40 rows, lightly changed
    noise = rnd.random(hashes.shape) < 0.3
    hashes[noise] = rnd.integers(0, values, size=int(noise.sum()), dtype=np.uint64)
    judged = rnd.random(300) > 0.1
    search = rnd.random(300) > 0.2
    starts, found = lsh_candidates(hashes, judged, 0.25, search)
    got = [found[starts[i]:starts[i + 1]].tolist() for i in range(300)]
    assert got == _reference_lsh(hashes, judged, 0.25, search)
    assert any(got)


NAMES = ["Leeds", "York", "Alice", "Bob", "Smith", "Jones", "The", "I", "1999", "2004", "42", "7"]
WORDS = ["council", "approved", "barrier", "harbour", "debate", "evening", "the", "a", "of", "said", "new", "plan"]


def _sentence(rnd):
    parts = [rnd.choice(WORDS).capitalize()]
    for _ in range(rnd.randint(8, 20)):
        draw = rnd.random()
        parts.append(str(rnd.randint(100, 400)) if draw < 0.1 else rnd.choice(NAMES) if draw < 0.35 else rnd.choice(WORDS))
    return " ".join(parts) + "."


@pytest.mark.parametrize("cap", [2, 4, 32])
def test_the_search_by_names_never_misses_a_unit_that_passes_the_names_test(monkeypatch, cap):
    monkeypatch.setattr(clean_module, "NAME_HOLDERS_CAP", cap)  # small caps: many names held by too many
    rnd = random.Random(cap)
    units = [_Unit.of(i + 1, _sentence(rnd)) for i in range(400)]
    judged = [rnd.random() > 0.05 for _ in units]
    share = clean_module.CleanSettings().new_names
    named = named_candidates(units, judged, share)
    narrowed = 0
    for i, found in enumerate(named):
        if found is None:
            continue
        narrowed += 1
        passing = [j for j in range(i) if judged[j] and _same_names(units[i], units[j], share)]
        assert set(passing) <= set(found), (units[i].text, passing, found)
        assert found == sorted(found) and all(judged[j] and j < i for j in found)
    assert narrowed > 50  # the names did narrow most searches
