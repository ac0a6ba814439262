"""Work spread over processes gives what one process gives, and starts only where cores are free."""

from __future__ import annotations

import gc
import json
import os

import pytest

from summarize import parallel
from summarize import split as split_module
from summarize.clean import clean_article
from summarize.document import Article
from summarize.split import fill_sentences


def test_sentences_split_by_workers_are_those_of_one_process(seed, fixtures, monkeypatch):
    monkeypatch.setattr(split_module, "PARALLEL_MIN_PARAGRAPHS", 2)
    with open(fixtures / "dedup" / "bbc_slice.jsonl") as f:
        text = "\n\n".join([seed.read_text()] + [json.loads(line)["text"] for line in f])
    serial = fill_sentences(Article(id="s", text=text, paragraphs=None), "english", jobs=1)
    forked = fill_sentences(Article(id="p", text=text, paragraphs=None), "english", jobs=2)
    assert forked.paragraphs == serial.paragraphs
    assert sum(len(p.sentences) for p in forked.paragraphs) > 250


def test_clean_removes_the_same_when_workers_split(seed, monkeypatch):
    text = seed.read_text()
    before = clean_article(Article(id="a", text=text, paragraphs=None)).removed
    assert before  # the seed restates its lead
    monkeypatch.setattr(split_module, "PARALLEL_MIN_PARAGRAPHS", 2)
    monkeypatch.setattr(split_module, "default_jobs", lambda: 2)
    assert clean_article(Article(id="b", text=text, paragraphs=None)).removed == before


@pytest.mark.parametrize("load, cpus, jobs", [(0.0, 2, 2), (0.6, 2, 2), (1.5, 2, 2), (2.2, 2, 1), (5.0, 2, 1),
                                              (0.3, 16, 8), (None, 4, 4)])
def test_default_jobs_counts_cores_not_busy(monkeypatch, load, cpus, jobs):
    def loadavg():
        if load is None:
            raise OSError("no load average here")
        return (load, load, load)

    monkeypatch.setattr(parallel.os, "getloadavg", loadavg)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: cpus)
    parallel.default_jobs.cache_clear()
    try:
        assert parallel.default_jobs() == jobs
    finally:
        parallel.default_jobs.cache_clear()


def test_gc_paused_restores_collection_even_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with parallel.gc_paused():
            assert not gc.isenabled()
            raise ValueError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with parallel.gc_paused():
            pass
        assert not gc.isenabled()  # a caller that had turned it off keeps it off
    finally:
        gc.enable()


def _die_in_a_worker(run: list[int]) -> list[int]:
    if os.getpid() != _PARENT:
        os._exit(3)  # a worker killed (out of memory, a signal)
    return [x * 2 for x in run]


_PARENT = os.getpid()


def test_runs_are_done_here_when_workers_cannot_start_or_die(monkeypatch):
    items = list(range(50))
    assert parallel.map_runs(_die_in_a_worker, items, 2) == [[x * 2 for x in run] for run in parallel.chunks(items, 8)]

    def no_processes(jobs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel, "pool", no_processes)
    assert parallel.map_runs(_die_in_a_worker, items, 2) == [[x * 2 for x in run] for run in parallel.chunks(items, 8)]
