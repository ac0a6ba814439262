"""The persistent SQLite index: incremental runs, a real SIGKILL mid-run, concurrent writers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from summarize.dedup import DedupConfig, deduplicate
from summarize.dedup.index import MemoryIndex, SQLiteIndex, open_index
from summarize.dedup.index.base import Entry, IndexError_, Record
from synthetic import generate

DEDUP = Path(__file__).resolve().parent / "fixtures" / "dedup"
SYNDICATED = DEDUP / "syndicated.jsonl"


def _write_jsonl(path: Path, ids, texts) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i, t in zip(ids, texts):
            f.write(json.dumps({"id": i, "text": t}) + "\n")
    return path


def _rows(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout_text.splitlines()]


def _count(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def _integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("make", [MemoryIndex, lambda: None], ids=["memory", "sqlite"])
def test_storage_protocol(make, tmp_path):
    index = make() or SQLiteIndex(str(tmp_path / "i.db"))
    index.check_params({"k": "1"})
    bands = np.array([1, 2**63 + 5, 7], dtype=np.uint64)  # keys above 2**63 survive the signed column
    shingles = np.array([3, 9, 2**64 - 1], dtype=np.uint64)
    with index.transaction():
        index.add([Entry(Record("a", "a"), bands, shingles)])
        index.add([Entry(Record("b", "a", "a", 0.9), np.array([7, 8], dtype=np.uint64), shingles[:2])])
    assert len(index) == 2
    assert index.records(["a", "b", "zz"])["b"] == Record("b", "a", "a", 0.9)
    found = index.candidates(np.array([[2**63 + 5, 99], [7, 0], [4, 4]], dtype=np.uint64))
    assert found == [{"a"}, {"a", "b"}, set()]
    cluster, stored = index.shingles(["a"])["a"]
    assert cluster == "a" and stored.tolist() == shingles.tolist()
    index.add_boilerplate(np.array([5, 2**64 - 2], dtype=np.uint64))
    assert index.boilerplate().tolist() == [5, 2**64 - 2]
    with pytest.raises(IndexError_):
        index.check_params({"k": "2"})
    index.close()


def test_open_index_specs(tmp_path):
    assert isinstance(open_index(None), MemoryIndex)
    db = tmp_path / "sub" / "x.db"
    index = open_index(str(db))
    assert isinstance(index, SQLiteIndex) and db.exists()
    index.close()
    index = open_index(f"sqlite:{db}")
    assert isinstance(index, SQLiteIndex)
    index.close()
    with pytest.raises(IndexError_, match="unknown index scheme"):
        open_index("ftp://host/x")
    notdb = tmp_path / "notdb"
    notdb.write_text("this is not a database " * 100)
    with pytest.raises(IndexError_, match="cannot open"):
        open_index(str(notdb))


def test_incremental_runs_find_earlier_copies_with_stable_clusters(cli, tmp_path):
    lines = SYNDICATED.read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:12]) + "\n")
    second.write_text("\n".join(lines[12:]) + "\n")
    db = tmp_path / "seen.db"
    one = cli("dedup", str(first), "--index", str(db), "-f", "jsonl")
    two = cli("dedup", str(second), "--index", str(db), "-f", "jsonl")
    assert one.returncode in (0, 1) and two.returncode == 1, two.stderr_text
    together = cli("dedup", str(SYNDICATED), "-f", "jsonl")
    incremental = {r["id"]: r["cluster"] for r in _rows(one) + _rows(two)}
    assert incremental == {r["id"]: r["cluster"] for r in _rows(together)}
    story = {json.loads(line)["id"]: json.loads(line)["story"] for line in lines}
    earlier_ids = {json.loads(line)["id"] for line in lines[:12]}
    cross = [r for r in _rows(two) if r["duplicate_of"] in earlier_ids]
    assert cross and all(story[r["id"]] == story[r["duplicate_of"]] for r in cross)
    # re-running a batch answers from the index and changes nothing
    again = cli("dedup", str(second), "--index", str(db), "-f", "jsonl")
    assert again.stdout_text == two.stdout_text
    assert _count(db) == len(lines)
    # the index keeps fingerprints, never texts
    sentence = json.loads(lines[0])["text"].split(". ")[1][:60]
    assert sentence.encode() not in db.read_bytes()
    for extra in db.parent.glob("seen.db-*"):
        assert sentence.encode() not in extra.read_bytes()


def test_sigkill_mid_run_leaves_an_index_the_next_run_completes(cli, tmp_path):
    feed = generate(4000, seed=5)
    data = _write_jsonl(tmp_path / "feed.jsonl", feed.ids, feed.texts)
    reference = cli("dedup", str(data), "--index", str(tmp_path / "clean.db"), "-f", "jsonl", "--commit-every", "5")
    assert reference.returncode == 1
    db = tmp_path / "killed.db"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "summarize", "dedup", str(data), "--index", str(db), "-f", "jsonl",
                             "--commit-every", "5", "-o", str(tmp_path / "partial.jsonl")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _count(db) > 0:
            break
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    committed = _count(db)
    assert 0 < committed < len(feed.ids), "the kill must land mid-run"
    assert not (tmp_path / "partial.jsonl").exists()  # -o never leaves a partial file
    resumed = cli("dedup", str(data), "--index", str(db), "-f", "jsonl", "--commit-every", "5")
    assert resumed.returncode == 1, resumed.stderr_text
    assert resumed.stdout_text == reference.stdout_text
    assert _count(db) == len(feed.ids)
    assert _integrity(db) == "ok"


def test_concurrent_runs_on_one_index(tmp_path):
    # copies keep >= 90 % of their original: LSH finds them with certainty, so the test is about concurrency
    feed = generate(3000, seed=9, min_keep=0.9)
    half = len(feed.ids) // 2
    a = _write_jsonl(tmp_path / "a.jsonl", feed.ids[: half + 300], feed.texts[: half + 300])
    b = _write_jsonl(tmp_path / "b.jsonl", feed.ids[half - 300 :], feed.texts[half - 300 :])
    db = tmp_path / "shared.db"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    runs = [subprocess.Popen([sys.executable, "-m", "summarize", "dedup", str(p), "--index", str(db), "-f", "jsonl",
                              "--commit-every", "50"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for p in (a, b)]
    outs = [r.communicate(timeout=300) for r in runs]
    for r, (_out, err) in zip(runs, outs):
        assert r.returncode in (0, 1), err.decode()
    assert _integrity(db) == "ok"
    assert _count(db) == len(feed.ids)
    # every copy ended in its original's cluster, whichever run saw it first
    final = deduplicate(feed.ids, feed.texts, SQLiteIndex(str(db)), DedupConfig())
    assert all(m.seen_before for m in final)
    cluster_of = {m.id: m.cluster for m in final}
    for i, s in zip(feed.ids, feed.story):
        assert cluster_of[i] == cluster_of[s]
    assert len({cluster_of[s] for s in set(feed.story)}) == len(set(feed.story))


def test_ids_restarting_at_one_in_each_batch_still_find_exact_copies_and_are_stored(cli, tmp_path):
    texts = generate(10, seed=3, duplicate_share=0.0).texts
    db = tmp_path / "i.db"
    first = cli("dedup", str(_write_jsonl(tmp_path / "a.jsonl", range(1, 11), texts)), "--index", str(db), "-f", "jsonl")
    assert first.returncode == 0, first.stderr_text
    # the next batch numbers its records from 1 again: 1..5 are exact copies of the first batch's 6..10
    second = cli("dedup", str(_write_jsonl(tmp_path / "b.jsonl", range(1, 6), texts[5:])), "--index", str(db), "-f", "jsonl")
    assert second.returncode == 1
    assert [(r["id"], r["duplicate_of"]) for r in _rows(second)] == [(str(i), str(i + 5)) for i in range(1, 6)]
    # ... and they were stored under their ids with their new text: a third batch finds them again
    third = cli("dedup", str(_write_jsonl(tmp_path / "c.jsonl", ["x1"], texts[5:6])), "--index", str(db), "-f", "jsonl")
    assert _rows(third)[0]["duplicate_of"] in ("1", "6")
    assert _count(db) == 11
