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
