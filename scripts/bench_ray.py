#!/usr/bin/env python3
"""Throughput of ``digest`` (lead, embed) and ``dedup`` locally and through ``--ray``, side by side.

Three ways of running the same command on the same input, in turn, in one run:

* ``local``: ``summarize digest FILE -m lead`` (no Ray);
* ``ray-1``: the same with ``--ray HEAD`` on a cluster of a head node (no CPU of its own, as on a
  real cluster where the head only coordinates) and one worker node of one CPU;
* ``ray-2``: a second cluster, the same head and two worker nodes of one CPU each.

The script starts both clusters on this machine (``ray start --block`` nodes on loopback, token
authentication off, stopped at exit), or measures a cluster of yours with ``--address`` (then
``local`` against that one cluster). Each measurement is a whole process (interpreter start,
imports, connecting to the cluster, reading, writing ``-o``), timed by wall clock; each job runs
on all ways of a round before the next job, so load from elsewhere hits them alike, and the
median over ``--repeat`` rounds is printed. Every Ray output is compared with the local output
of the same job (they must be identical).

Jobs: the first ``--n`` BBC articles (all 2,225 by default) and a small job of the first
``--small`` (10), for digest lead, digest embed and dedup. Printed per job and way: seconds,
articles a second, and the ratio to local; then the small job's time (the fixed cost of a run),
and the throughput past it, (n - small) / (t_n - t_small).

    python scripts/bench_ray.py [--data ../shared/data] [--n 2225] [--small 10] [--repeat 1]
    python scripts/bench_ray.py --address HOST:6379   # a cluster of yours, against local
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBS = (("digest", "lead"), ("digest", "embed"), ("dedup", None))
RAY_ENV = {"RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ray_binary() -> str:
    found = Path(sys.executable).with_name("ray")
    return str(found) if found.exists() else (shutil.which("ray") or "ray")


class Cluster:
    """A head node without CPUs and ``workers`` worker nodes of one CPU each, on this machine."""

    def __init__(self, workers: int, logs: Path):
        self.workers, self.logs, self.nodes = workers, logs, []
        self.address = f"127.0.0.1:{_free_port()}"

    def _node(self, name: str, args: list[str], cpus: int) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        self.nodes.append(subprocess.Popen(
            [_ray_binary(), "start", *args, "--num-cpus", str(cpus), "--object-store-memory", str(300 << 20),
             "--disable-usage-stats", "--block"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, **RAY_ENV}))

    def _alive(self) -> tuple[int, float]:
        out = subprocess.run([sys.executable, "-c", "import ray, sys; ray.init(address=sys.argv[1], logging_level='ERROR');"
                              "print(sum(n['Alive'] for n in ray.nodes()), ray.cluster_resources().get('CPU', 0))",
                              self.address], capture_output=True, text=True, timeout=120, env={**os.environ, **RAY_ENV})
        nodes, cpus = (out.stdout.split() + ["0", "0"])[:2] if out.returncode == 0 else ("0", "0")
        return int(nodes), float(cpus)

    def start(self) -> Cluster:
        port = self.address.rsplit(":", 1)[1]
        self._node("head", ["--head", "--port", port, "--include-dashboard=false",
                            "--ray-client-server-port", str(_free_port())], 0)
        self._wait(1)
        for n in range(self.workers):  # one at a time: two raylets starting together can pick the same port
            self._node(f"worker{n}", ["--address", self.address], 1)
            self._wait(2 + n)
        return self

    def _wait(self, nodes: int) -> None:
        deadline = time.monotonic() + 180
        while self._alive()[0] < nodes:
            if time.monotonic() > deadline or any(n.poll() is not None for n in self.nodes):
                raise SystemExit(f"bench_ray: Ray nodes did not start (logs in {self.logs})")
            time.sleep(1)

    def stop(self) -> None:
        for node in reversed(self.nodes):
            try:
                os.killpg(node.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for node in self.nodes:
            try:
                node.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(node.pid, signal.SIGKILL)


def _run(command: str, method: str | None, data: Path, out: Path, address: str | None) -> float:
    args = [sys.executable, "-m", "summarize", command, str(data), "-o", str(out)]
    args += ["-m", method] if method else ["-f", "jsonl"]
    args += ["--ray", address] if address else []
    env = {**os.environ, **RAY_ENV, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=3600)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench_ray: {' '.join(args[2:])} failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="folder with bbc_news_summary.jsonl (default ../shared/data)")
    parser.add_argument("--n", type=int, default=2225, help="articles of the large job (default all 2,225)")
    parser.add_argument("--small", type=int, default=10, help="articles of the small job (default 10)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the median is printed")
    parser.add_argument("--address", help="measure this Ray cluster (against local) instead of starting two")
    parser.add_argument("--jobs", default="lead,embed,dedup", help="which of lead,embed,dedup (default all)")
    opts = parser.parse_args()
    source = opts.data / "bbc_news_summary.jsonl"
    if not source.exists():
        raise SystemExit(f"bench_ray: {source} not found (--data FOLDER)")
    wanted = set(opts.jobs.split(","))
    jobs = [(c, m) for c, m in JOBS if (m or c) in wanted]

    work = Path(tempfile.mkdtemp(prefix="bench_ray."))
    lines = source.read_text(encoding="utf-8").splitlines()
    sizes = sorted({min(opts.small, len(lines)), min(opts.n, len(lines))})
    inputs = {}
    for size in sizes:
        inputs[size] = work / f"bbc-{size}.jsonl"
        inputs[size].write_text("\n".join(lines[:size]) + "\n", encoding="utf-8")

    clusters: list[tuple[str, Cluster | None]] = []
    ways: list[tuple[str, str | None]] = [("local", None)]
    failed = True
    try:
        if opts.address:
            ways.append(("ray", opts.address))
        else:
            for workers in (1, 2):
                (work / f"ray-{workers}").mkdir()
                cluster = Cluster(workers, work / f"ray-{workers}")
                clusters.append((f"ray-{workers}", cluster))
                cluster.start()
                ways.append((f"ray-{workers}", cluster.address))
        print(f"bench_ray: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
              f"{', '.join(name for name, _ in ways)}; {opts.repeat} round(s); scratch {work}", flush=True)
        times: dict[tuple, list[float]] = {}
        different: list[str] = []
        for round_ in range(opts.repeat):
            for command, method in jobs:
                for size in sizes:
                    job = (command, method, size)
                    local_out = None
                    for name, address in ways:
                        out = work / f"{command}-{method}-{size}-{name}.jsonl"
                        seconds = _run(command, method, inputs[size], out, address)
                        times.setdefault((*job, name), []).append(seconds)
                        if local_out is None:
                            local_out = out
                        elif out.read_bytes() != local_out.read_bytes():
                            different.append(f"{command} {method or ''} {size} {name}")
                        print(f"  round {round_ + 1}: {command} {method or '':5} {size:5} {name:6} {seconds:7.1f} s",
                              flush=True)
        _report(jobs, sizes, ways, times)
        print("outputs identical to local: " + ("yes, every job" if not different else "NO: " + "; ".join(different)))
        failed = bool(different)
    finally:
        for _, cluster in clusters:
            if cluster is not None:
                cluster.stop()
        if failed:  # keep the nodes' logs and the outputs to look at
            print(f"bench_ray: scratch kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if failed:
        raise SystemExit(1)


def _report(jobs, sizes, ways, times) -> None:
    median = {key: statistics.median(value) for key, value in times.items()}
    names = [name for name, _ in ways]
    print()
    print(f"{'job':22}" + "".join(f"{name + ' s':>10}{name + ' /s':>10}{'x local':>9}" for name in names))
    for command, method in jobs:
        for size in sizes:
            label = f"{command} {method or ''} {size}".replace("  ", " ")
            row = f"{label:22}"
            for name in names:
                t = median[(command, method, size, name)]
                ratio = t / median[(command, method, size, "local")]
                row += f"{t:10.1f}{size / t:10.1f}{ratio:9.2f}"
            print(row)
    if len(sizes) == 2:
        small, large = sizes
        print()
        print(f"past the fixed cost: ({large} - {small}) / (t_{large} - t_{small}), articles a second; "
              f"fixed cost = the {small}-article job's time")
        print(f"{'job':22}" + "".join(f"{name + ' /s':>12}{name + ' fixed s':>16}" for name in names))
        for command, method in jobs:
            row = f"{(command + ' ' + (method or '')).strip():22}"
            for name in names:
                t_small, t_large = median[(command, method, small, name)], median[(command, method, large, name)]
                rate = (large - small) / (t_large - t_small) if t_large > t_small else float("inf")
                row += f"{rate:12.1f}{t_small:16.1f}"
            print(row)


if __name__ == "__main__":
    main()
