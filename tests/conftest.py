"""Shared fixtures: paths, the real CLI as a subprocess, and a real Redis server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "seeds" / "iflytek-huawei-ascend.txt"
REQUIRE_SERVICES = os.environ.get("SUMMARIZE_REQUIRE_SERVICES") == "1"


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def run_cli(*args: str, input: bytes | str | None = None, cwd: Path | str | None = None, env: dict | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the real ``summarize`` command (this interpreter's install) and capture its output."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "summarize", *args],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=timeout,
    )
    proc.stdout_text = proc.stdout.decode("utf-8", errors="replace")  # type: ignore[attr-defined]
    proc.stderr_text = proc.stderr.decode("utf-8", errors="replace")  # type: ignore[attr-defined]
    return proc


@pytest.fixture
def cli():
    return run_cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis server: CI's (SUMMARIZE_TEST_REDIS_URL), else one started here on loopback."""
    url = os.environ.get("SUMMARIZE_TEST_REDIS_URL")
    if url:
        yield url
        return
    binary = shutil.which("redis-server")
    if not binary:
        if REQUIRE_SERVICES:
            pytest.fail("redis-server is required (SUMMARIZE_REQUIRE_SERVICES=1) but not installed")
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


# No token authentication for a cluster of this machine's own nodes, no usage reporting.
RAY_LOOPBACK = {"RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}


def _ray_binary() -> str | None:
    """The ``ray`` command of this interpreter's environment, when the ray extra is installed."""
    try:
        import ray  # noqa: F401
    except ImportError:
        return None
    found = Path(sys.executable).with_name("ray")
    return str(found) if found.exists() else shutil.which("ray")


def _ray_node(binary: str, args: list[str], log: Path) -> subprocess.Popen:
    """One ``ray start --block`` node in a process group of its own (stopped by killing that group)."""
    small = ["--num-cpus", "1", "--object-store-memory", str(150 * 1024 * 1024), "--disable-usage-stats", "--block"]
    return subprocess.Popen([binary, "start", *args, *small], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True, env={**os.environ, **RAY_LOOPBACK})


def _ray_nodes(binary: str, address: str) -> int:
    out = subprocess.run([sys.executable, "-c", "import ray, sys; ray.init(address=sys.argv[1], logging_level='ERROR');"
                          "print(sum(n['Alive'] for n in ray.nodes()))", address],
                         capture_output=True, text=True, timeout=120)
    return int(out.stdout.strip() or 0) if out.returncode == 0 else 0


@pytest.fixture(scope="session")
def ray_address(tmp_path_factory):
    """A real Ray cluster on this machine with two nodes of one CPU each: CI's (SUMMARIZE_TEST_RAY_ADDRESS,
    started by .ci/run), else a head and a worker node started here and stopped afterwards."""
    address = os.environ.get("SUMMARIZE_TEST_RAY_ADDRESS")
    if address:
        yield address
        return
    saved = {k: os.environ.get(k) for k in RAY_LOOPBACK}
    os.environ.update(RAY_LOOPBACK)  # the CLI under test runs as a driver of this cluster
    try:
        yield from _local_ray_cluster(tmp_path_factory)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _local_ray_cluster(tmp_path_factory):
    binary = _ray_binary()
    if binary is None:
        if REQUIRE_SERVICES:
            pytest.fail("ray is required (SUMMARIZE_REQUIRE_SERVICES=1) but the ray extra is not installed")
        pytest.skip("ray not installed (pip install -e '.[ray]')")
    port = _free_port()
    address = f"127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("ray")
    nodes = [_ray_node(binary, ["--head", "--port", str(port), "--include-dashboard=false",
                                "--ray-client-server-port", str(_free_port())], logs / "head.log")]
    try:
        deadline = time.monotonic() + 120
        while _ray_nodes(binary, address) < 1:
            if nodes[0].poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the Ray head node did not start: {(logs / 'head.log').read_text()[-2000:]}")
            time.sleep(1)
        nodes.append(_ray_node(binary, ["--address", address], logs / "worker.log"))
        while _ray_nodes(binary, address) < 2:
            if nodes[1].poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the Ray worker node did not join: {(logs / 'worker.log').read_text()[-2000:]}")
            time.sleep(1)
        yield address
    finally:
        for node in reversed(nodes):
            try:
                os.killpg(node.pid, 15)
            except ProcessLookupError:
                pass
            try:
                node.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(node.pid, 9)
