"""The Redis index against a real redis-server: shared by runs and by concurrent workers.

The ``redis_url`` fixture uses CI's server or starts one; with
SUMMARIZE_REQUIRE_SERVICES=1 a missing server fails these tests instead of skipping them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np
import pytest

from summarize.dedup import DedupConfig, deduplicate
from summarize.dedup.index import open_index
from summarize.dedup.index.base import Entry, IndexError_, Record
from summarize.dedup.index.redis import RedisIndex
from synthetic import generate

pytestmark = pytest.mark.redis

DEDUP = Path(__file__).resolve().parent / "fixtures" / "dedup"
SYNDICATED = DEDUP / "syndicated.jsonl"


@pytest.fixture
def index_url(redis_url):
    """A fresh key prefix on the shared server for each test."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    url = f"{redis_url}?prefix={prefix}"
    yield url
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{prefix}:*", count=10000))
    for i in range(0, len(keys), 5000):
        client.unlink(*keys[i : i + 5000])
    client.close()


def _rows(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout_text.splitlines()]


def test_storage_protocol(index_url):
    index = open_index(index_url)
    assert isinstance(index, RedisIndex)
    index.check_params({"k": "1"})
    bands = np.array([1, 2**63 + 5, 7], dtype=np.uint64)
    shingles = np.array([3, 9, 2**64 - 1], dtype=np.uint64)
    with index.transaction():
        index.add([Entry(Record("a", "a"), bands, shingles)])
        index.add([Entry(Record("b", "a", "a", 0.9), np.array([7, 8], dtype=np.uint64), shingles[:2])])
        index.add([Entry(Record("a", "zzz"), bands, shingles)])  # an id already held is not overwritten
    assert len(index) == 2
    assert index.records(["a", "b", "nope"]) == {"a": Record("a", "a"), "b": Record("b", "a", "a", 0.9)}
    assert index.candidates(np.array([[2**63 + 5, 99], [7, 0], [4, 4]], dtype=np.uint64)) == [{"a"}, {"a", "b"}, set()]
    cluster, stored = index.shingles(["a"])["a"]
    assert cluster == "a" and stored.tolist() == shingles.tolist()
    index.add_boilerplate(np.array([5, 2**64 - 2], dtype=np.uint64))
    assert index.boilerplate().tolist() == [5, 2**64 - 2]
    with pytest.raises(IndexError_, match="other settings"):
        index.check_params({"k": "2"})
    index.close()


def test_incremental_runs_share_one_redis_index(cli, tmp_path, index_url, redis_url):
    lines = SYNDICATED.read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:12]) + "\n")
    second.write_text("\n".join(lines[12:]) + "\n")
    one = cli("dedup", str(first), "--index", index_url, "-f", "jsonl")
    two = cli("dedup", str(second), "--index", index_url, "-f", "jsonl")
    assert two.returncode == 1, two.stderr_text
    together = cli("dedup", str(SYNDICATED), "-f", "jsonl")
    assert {r["id"]: r["cluster"] for r in _rows(one) + _rows(two)} == {r["id"]: r["cluster"] for r in _rows(together)}
    again = cli("dedup", str(second), "--index", index_url, "-f", "jsonl")
    assert again.stdout_text == two.stdout_text
    # fingerprints only: no sentence of any article is stored in Redis
    import redis

    client = redis.Redis.from_url(redis_url)
    prefix = index_url.split("prefix=")[1]
    sentence = json.loads(lines[0])["text"].split(". ")[1][:60].encode()
    keys = list(client.scan_iter(f"{prefix}:*"))
    assert keys
    for key in keys:
        kind = client.type(key)
        values = (client.hvals(key) if kind == b"hash" else client.smembers(key) if kind == b"set"
                  else [client.get(key)])
        assert not any(sentence in v for v in values if v)
    client.close()


def test_concurrent_workers_on_one_redis_index(tmp_path, index_url):
    feed = generate(2000, seed=11, min_keep=0.9)
    half = len(feed.ids) // 2
    paths = []
    for name, sl in (("a", slice(0, half + 200)), ("b", slice(half - 200, None))):
        p = tmp_path / f"{name}.jsonl"
        p.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(feed.ids[sl], feed.texts[sl])))
        paths.append(p)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    runs = [subprocess.Popen([sys.executable, "-m", "summarize", "dedup", str(p), "--index", index_url, "-f", "jsonl",
                              "--commit-every", "50"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for p in paths]
    outs = [r.communicate(timeout=300) for r in runs]
    for r, (_out, err) in zip(runs, outs):
        assert r.returncode in (0, 1), err.decode()
    index = open_index(index_url)
    assert len(index) == len(feed.ids)
    final = deduplicate(feed.ids, feed.texts, index, DedupConfig())
    index.close()
    assert all(m.seen_before for m in final)
    cluster_of = {m.id: m.cluster for m in final}
    for i, s in zip(feed.ids, feed.story):
        assert cluster_of[i] == cluster_of[s]


def test_unreachable_redis_is_a_clear_error(cli, tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = cli("dedup", str(SYNDICATED), "--index", f"redis://127.0.0.1:{port}/0")
    assert proc.returncode == 2
    assert proc.stderr_text.startswith("summarize: redis://127.0.0.1:")
    assert "Traceback" not in proc.stderr_text


def test_windows_on_redis_give_the_clusters_of_one_batch(index_url, tmp_path, monkeypatch):
    """``dedup --index redis://... -f jsonl`` matches in windows through the shared index."""
    import summarize.commands.dedup as command

    def run(window: int, spec: str) -> list[dict]:
        monkeypatch.setattr(command, "WINDOW", window)
        out = tmp_path / f"out{window}.jsonl"
        assert command.dedup_inputs([str(SYNDICATED)], fmt="jsonl", index_spec=spec, output=str(out), quiet=True) == 1
        return [json.loads(line) for line in out.read_text().splitlines()]

    whole = run(100_000, str(tmp_path / "one.db"))
    windows = run(12, index_url)
    assert [r["id"] for r in windows] == [r["id"] for r in whole]

    def partition(rows):
        clusters: dict[str, set[str]] = {}
        for r in rows:
            clusters.setdefault(r["cluster"], set()).add(r["id"])
        return {frozenset(c) for c in clusters.values()}

    assert partition(windows) == partition(whole)
