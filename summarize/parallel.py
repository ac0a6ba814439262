"""Pure per-item work spread over worker processes (forked, so nothing is imported or loaded again).

Used where Python-bound work is large enough to pay for the workers: shingling a batch for
dedup, splitting a very long article into sentences. Results come back in the order of the
items, so the parallel path gives what the serial one gives.
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")


@lru_cache(maxsize=1)
def default_jobs() -> int:
    """Processes worth starting: one per core not fully busy (by the 1-minute load average), at
    least one. Measured once per process, when first asked (before its own workers add load).

    On a machine whose cores are already busy, workers only compete with each
    other and with the main process (measured: slower than one process). One unit
    of load is taken to be this tool's own (the command running, or the one run
    just before it), and a core partly busy still gives a worker most of its time.
    """
    cpus = os.cpu_count() or 1
    try:
        busy = max(0.0, os.getloadavg()[0] - 1.0)
    except (AttributeError, OSError):
        busy = 0.0
    return max(1, min(cpus, 8, math.ceil(cpus - busy)))


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: for building hundreds of thousands of small objects
    (the sentences and units of a 10 MB article), which form no cycles, in a process whose heap
    is already large -- each collection would walk all of it (measured: a third of `clean`'s
    time on a 10 MB file). Collection resumes when the block ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def chunks(items: Sequence[T], parts: int) -> list[list[T]]:
    """``items`` cut into at most ``parts`` runs of about equal length, in order."""
    size = max(1, -(-len(items) // parts))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes, forked where the platform can."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method))


def map_runs(work: Callable[[list[T]], R], items: Sequence[T], jobs: int) -> list[R]:
    """``work`` over runs of ``items`` on ``jobs`` processes (4 runs each, so a slow run is not
    the whole wait): one result per run, in order. ``work`` must be a module-level function
    (or a ``functools.partial`` of one). Where no worker can be started (a process limit, no
    ``fork``/semaphores in a sandbox) or one dies, the runs are done here instead: slower, same
    result."""
    from concurrent.futures.process import BrokenProcessPool

    runs = chunks(items, jobs * 4)
    try:
        with pool(jobs) as workers:
            return list(workers.map(work, runs))
    except (OSError, BrokenProcessPool):
        return [work(run) for run in runs]
