"""Running ``digest`` and ``dedup`` on a Ray cluster (``--ray ADDRESS``): connection and input reading.

Ray is an optional extra (``pip install 'summarize[ray]'``) and is imported only
here, only when ``--ray`` is given. Inputs are expanded to a file list on the
driver (folders walked like the local reader does, globs expanded; remote URIs
such as ``s3://bucket/dir`` listed through pyarrow's filesystems), Ray Data
reads the files on the workers, and each file is parsed there by the local
readers (:func:`summarize.read.read_bytes`; Parquet rows as JSON Lines records),
so an article gets the same id, text and title as in a local run. Each article
row carries ``pos``, its place in input order (file number << 32 | article
number), which every later stage keeps.
"""

from __future__ import annotations

import glob
import json
import os
import pickle
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from summarize.errors import InputError, SummarizeError

INSTALL = "pip install 'summarize[ray]'"
LOCAL = "local"
PARQUET = (".parquet", ".pq")
_ADDRESS = re.compile(r"^(auto|local|ray://[^\s/]+(:\d+)?/?|[\w.-]+:\d+)$")
_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def import_ray():
    """The ``ray`` module, or a one-line error naming the install command."""
    try:
        import ray
        import ray.data  # noqa: F401  (the extra is ray[data]: pyarrow and pandas with it)
    except ImportError:
        raise SummarizeError(f"--ray needs the Ray extra: {INSTALL}") from None
    return ray


def check_address(address: str) -> str:
    """``address`` when it names a Ray cluster: ``local``, ``auto``, ``ray://HOST[:PORT]`` or ``HOST:PORT``."""
    if not _ADDRESS.match(address):
        raise SummarizeError(f"--ray {address!r} is not a Ray address: give local (a Ray on this machine), auto "
                             "(the cluster this machine belongs to), ray://HOST:10001 or HOST:6379")
    return address


def connect(address: str, quiet: bool = True):
    """Join the Ray cluster at ``address`` (``local``: start one on this machine) and return ``ray``.

    Workers import this package from the driver's installation when the cluster has no
    ``summarize`` of its own (``runtime_env`` ``py_modules``)."""
    check_address(address)
    ray = import_ray()
    if quiet:
        import logging

        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.ERROR)
    if ray.is_initialized():
        return ray
    import summarize

    runtime_env: dict[str, Any] = {"py_modules": [str(Path(summarize.__file__).parent)]}
    if os.environ.get("HF_HUB_OFFLINE"):
        runtime_env["env_vars"] = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    try:
        ray.init(address=address, runtime_env=runtime_env,  # "local": always a new Ray of this process
                 log_to_driver=not quiet, logging_level="ERROR", include_dashboard=False if address == LOCAL else None,
                 configure_logging=True)
    except ConnectionError as exc:
        raise SummarizeError(f"--ray {address}: cannot connect ({' '.join(str(exc).split())[:200]})") from None
    return ray


def configure(ray, progress: bool) -> None:
    """Ray Data settings every run needs: results in input order; progress bars only when asked for."""
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = progress
    ctx.print_on_execution_start = False
    ctx.enable_rich_progress_bars = False


def expand_inputs(inputs: Sequence[str], output: str | None = None) -> list[str]:
    """Every input file, in the order a local run reads them: folders walked (sorted, known
    extensions and Parquet), globs expanded, remote URIs listed recursively. The ``-o`` file
    and its ``.partial`` are passed over in folders, as locally."""
    from summarize.read import iter_folder

    skip: set[Path] = set()
    if output not in (None, "-"):
        target = Path(output).resolve()
        skip = {target, target.with_name(target.name + ".partial")}
    files: list[str] = []
    for spec in inputs:
        if spec == "-":
            raise InputError("--ray reads files, folders or URIs, not stdin (-)")
        if _REMOTE.match(spec):
            files.extend(_remote_files(spec))
            continue
        matches = sorted(glob.glob(spec, recursive=True)) if glob.has_magic(spec) else [spec]
        if not matches:
            raise InputError(f"{spec}: no file matches this pattern")
        for path in matches:
            p = Path(path)
            if p.is_dir():
                found = [str(f) for f in iter_folder(p)] + sorted(str(f) for f in p.rglob("*") if f.suffix.lower()
                                                                  in PARQUET and not f.name.startswith("."))
                found = [f for f in found if Path(f).resolve() not in skip]
                if not found:
                    raise InputError(f"{path}: no readable files in this folder")
                files.extend(sorted(found, key=_walk_order))
            elif p.exists():
                files.append(path)
            else:
                raise InputError(f"{path}: no such file or folder")
    return files


def _walk_order(path: str) -> tuple:
    return Path(path).parent.parts, Path(path).name


def _remote_files(uri: str) -> list[str]:
    """Files under a remote URI (or the URI itself), through pyarrow's filesystems."""
    from pyarrow import fs

    from summarize.read import EXTENSIONS

    try:
        filesystem, path = fs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.File:
            return [uri]
        if info.type == fs.FileType.NotFound:
            raise InputError(f"{uri}: not found")
        scheme = uri.split("://", 1)[0]
        listed = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
    except (OSError, ValueError) as exc:
        raise InputError(f"{uri}: cannot list ({' '.join(str(exc).split())[:200]})") from None
    known = set(EXTENSIONS) | set(PARQUET)
    return sorted(f"{scheme}://{i.path}" for i in listed
                  if i.type == fs.FileType.File and Path(i.path).suffix.lower() in known)


def read_articles(ray, files: Sequence[str], input_format: str | None = None):
    """A Ray dataset of the articles in ``files``: rows ``pos``, ``article`` (pickled
    :class:`~summarize.document.Article`) and ``error`` (JSON ``[file, reason]`` of a file that was skipped)."""
    from summarize.read import check_format

    check_format(input_format)
    # Ray reports a local path without its scheme and a remote one without "scheme://"
    names = {_ray_path(f): (n, f) for n, f in enumerate(files)}
    ds = ray.data.read_binary_files(list(files), include_paths=True, override_num_blocks=max(1, len(files)))
    return ds.flat_map(_parse_file, fn_kwargs={"names": names, "input_format": input_format})


def _ray_path(path: str) -> str:
    return path.split("://", 1)[1] if _REMOTE.match(path) else os.path.abspath(path)


def _parse_file(row: dict, names: dict, input_format: str | None) -> list[dict]:
    """The article rows of one file (runs on a worker)."""
    number, source = names.get(row["path"], names.get(os.path.abspath(row["path"]), (None, row["path"])))
    if number is None:
        raise InputError(f"{row['path']}: read by Ray but not among the inputs")
    try:
        articles = list(_articles(bytes(row["bytes"]), source, input_format))
    except Exception as exc:  # noqa: BLE001 - any failure of one input is that input's reason, as locally
        from summarize.read.batch import reason_of

        return [{"pos": number << 32, "article": b"", "error": json.dumps([source, reason_of(exc, source)])}]
    return [{"pos": (number << 32) | n, "article": pickle.dumps(a, protocol=5), "error": ""}
            for n, a in enumerate(articles)]


def _articles(data: bytes, source: str, input_format: str | None) -> Iterator:
    from summarize.read import read_bytes
    from summarize.read.jsonl import record_article

    if Path(source.split("?", 1)[0]).suffix.lower() in PARQUET and input_format is None:
        import io

        import pyarrow.parquet as pq

        try:
            table = pq.read_table(io.BytesIO(data))
        except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
            raise InputError(f"{source}: not a readable Parquet file ({' '.join(str(exc).split())[:160]})") from None
        for number, record in enumerate(table.to_pylist(), start=1):
            yield record_article({k: v for k, v in record.items() if v is not None}, source, number)
        return
    yield from read_bytes(data, source, input_format)


def skipped(batch, error: str) -> None:
    """Report a file a worker could not read (an ``error`` cell) to the run's :class:`~summarize.read.batch.Batch`."""
    source, reason = json.loads(error)
    batch.skip(source, reason)


def cluster_size(ray) -> tuple[int, int]:
    """(alive nodes, CPUs) of the cluster."""
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    return len(nodes), int(ray.cluster_resources().get("CPU", 0))
