"""``summarize dedup --index ... -f jsonl`` matches in windows: memory is one window's, and the
verdicts are those of running the command on each window in turn with the same index."""

from __future__ import annotations

import json
from pathlib import Path

import summarize.commands.dedup as command

BBC = Path(__file__).resolve().parent / "fixtures" / "dedup" / "bbc_slice.jsonl"


def _run(src: Path, tmp: Path, window: int, monkeypatch, calls: list[int] | None = None) -> tuple[int, list[dict]]:
    monkeypatch.setattr(command, "WINDOW", window)
    if calls is not None:
        real = command.dedup_articles

        def spy(articles, *args, **kwargs):
            calls.append(len(articles))
            return real(articles, *args, **kwargs)

        monkeypatch.setattr(command, "dedup_articles", spy)
    tmp.mkdir()
    out = tmp / "out.jsonl"
    code = command.dedup_inputs([str(src)], fmt="jsonl", index_spec=str(tmp / "index.db"), output=str(out), quiet=True)
    monkeypatch.undo()
    return code, [json.loads(line) for line in out.read_text().splitlines()]


def _partition(rows: list[dict]) -> set[frozenset[str]]:
    clusters: dict[str, set[str]] = {}
    for r in rows:
        clusters.setdefault(r["cluster"], set()).add(r["id"])
    return {frozenset(c) for c in clusters.values()}


def test_windows_give_the_clusters_of_one_batch(tmp_path, monkeypatch):
    calls: list[int] = []
    code_one, one = _run(BBC, tmp_path / "one", 100_000, monkeypatch)
    code_win, win = _run(BBC, tmp_path / "win", 5, monkeypatch, calls)
    assert calls == [5, 5, 5, 3]  # never more than one window of articles at a time
    assert code_one == code_win == 1
    assert [r["id"] for r in win] == [r["id"] for r in one]
    assert _partition(win) == _partition(one)
    assert [r["duplicate_of"] is None for r in win] == [r["duplicate_of"] is None for r in one]


def test_a_repeated_id_in_a_later_window_is_the_same_item_again(tmp_path, monkeypatch):
    lines = BBC.read_text().splitlines()
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join(lines + [lines[0]]) + "\n")  # the first record again, after four windows
    first = json.loads(lines[0])["id"]
    _, one = _run(src, tmp_path / "one", 100_000, monkeypatch)
    _, win = _run(src, tmp_path / "win", 5, monkeypatch)
    assert win[-1]["id"] == one[-1]["id"] == f"{first}#2"
    assert win[-1]["cluster"] == one[-1]["cluster"] == win[0]["cluster"]
    assert win[-1]["duplicate_of"] is None  # the same item again, not a copy of itself


def test_the_command_streams_only_with_an_index_and_a_jsonl_report(tmp_path, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(command, "WINDOW", 5)
    real = command.dedup_articles
    monkeypatch.setattr(command, "dedup_articles", lambda a, *r, **k: (calls.append(len(a)), real(a, *r, **k))[1])
    command.dedup_inputs([str(BBC)], fmt="jsonl", output=str(tmp_path / "a.jsonl"), quiet=True)  # no index
    command.dedup_inputs([str(BBC)], fmt="text", index_spec=str(tmp_path / "i.db"), output=str(tmp_path / "b.txt"), quiet=True)
    assert calls == [18, 18]  # a text report groups clusters over the whole run: one batch
