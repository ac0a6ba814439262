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
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

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


def is_address(text: str) -> bool:
    """Whether ``text`` is written as a Ray address (``local``, ``auto``, ``ray://HOST[:PORT]``, ``HOST:PORT``)."""
    return bool(_ADDRESS.match(text))


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
    if quiet:  # a failure is reported as one line by reported(); Ray's own tracebacks stay in its log files
        import logging

        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    _keep_stdout_clean(quiet)
    if ray.is_initialized():
        return ray
    import summarize

    runtime_env: dict[str, Any] = {"py_modules": [str(Path(summarize.__file__).parent)]}
    env = {name: value for name, value in os.environ.items() if name.startswith("SUMMARIZE_MAX_")}  # input limits
    if os.environ.get("HF_HUB_OFFLINE"):
        env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if env:
        runtime_env["env_vars"] = env
    try:
        ray.init(address=address, runtime_env=runtime_env,  # "local": always a new Ray of this process
                 log_to_driver=not quiet, logging_level="ERROR", include_dashboard=False if address == LOCAL else None,
                 configure_logging=True)
    except ConnectionError as exc:
        raise SummarizeError(f"--ray {address}: cannot connect ({' '.join(str(exc).split())[:200]})") from None
    return ray


def _keep_stdout_clean(quiet: bool) -> None:
    """Ray's driver prints the cluster's error notices (a task to be retried, a worker that died, with
    its traceback) to *stdout*, where the digests or the report go: send them to stderr, or, quiet,
    nowhere (a failure that ends the run is still reported, as one line)."""
    from ray._private import worker

    original = getattr(worker, "print_to_stdstream", None)
    if original is None or getattr(original, "_summarize", False):
        return

    def to_stderr(data: dict, ignore_prefix: bool) -> None:
        if not quiet:
            original({**data, "is_err": True}, ignore_prefix)

    to_stderr._summarize = True  # type: ignore[attr-defined]
    worker.print_to_stdstream = to_stderr


def configure(ray, progress: bool) -> None:
    """Ray Data settings every run needs: results in input order; progress bars only when asked for."""
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = progress
    ctx.print_on_execution_start = False
    ctx.enable_rich_progress_bars = False


class InputFile(NamedTuple):
    """One input file: its name as the run gives it, and whether a folder walk (or a remote listing)
    found it rather than the user naming it (a ``.json`` found so that holds no article is passed over)."""

    path: str
    walked: bool = False


def expand_inputs(inputs: Sequence[str], output: str | None = None) -> list[InputFile]:
    """Every input file, in the order a local run reads them: folders walked (sorted, known
    extensions and Parquet), globs expanded, remote URIs listed recursively. The ``-o`` file
    and its ``.partial`` are passed over in folders, as locally."""
    from summarize.read import iter_folder

    skip: set[Path] = set()
    if output not in (None, "-"):
        target = Path(output).resolve()
        skip = {target, target.with_name(target.name + ".partial")}
    files: list[InputFile] = []
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
                found = [str(f) for f in iter_folder(p)] + [str(f) for f in _parquet_files(p)]
                found = [f for f in found if Path(f).resolve() not in skip]
                if not found:
                    raise InputError(f"{path}: no readable files in this folder")
                files.extend(InputFile(f, walked=True) for f in sorted(found, key=_walk_order))
            elif p.exists():
                files.append(InputFile(path))
            else:
                raise InputError(f"{path}: no such file or folder")
    return files


def _parquet_files(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        yield from (Path(root) / n for n in names if Path(n).suffix.lower() in PARQUET and not n.startswith("."))


def _walk_order(path: str) -> tuple:
    return Path(path).parent.parts, Path(path).name


def _remote_files(uri: str) -> list[InputFile]:
    """Files under a remote URI (or the URI itself), through pyarrow's filesystems."""
    from pyarrow import fs

    from summarize.read import EXTENSIONS, _suffix

    try:
        filesystem, path = fs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.File:
            return [InputFile(uri)]
        if info.type == fs.FileType.NotFound:
            raise InputError(f"{uri}: not found")
        scheme = uri.split("://", 1)[0]
        listed = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
    except (OSError, ValueError) as exc:
        raise InputError(f"{uri}: cannot list ({' '.join(str(exc).split())[:200]})") from None
    known = set(EXTENSIONS) | set(PARQUET)
    return [InputFile(f"{scheme}://{i.path}", walked=True) for i in sorted(listed, key=lambda i: i.path)
            if i.type == fs.FileType.File and _suffix(i.path) in known and not Path(i.path).name.startswith(".")]


def read_articles(ray, files: Sequence[InputFile], input_format: str | None = None, cpus: int = 1):
    """A Ray dataset of the articles in ``files``: rows ``pos``, ``article`` (pickled
    :class:`~summarize.document.Article`) and ``error`` (JSON ``[file, reason]`` of a file that was
    skipped, ``[file, reason, "passed"]`` of a walked ``.json`` file that holds no article).

    Each file is read and parsed by a Ray task (a few files a task past ``BLOCKS_PER_CPU`` tasks
    per CPU of the ``cpus`` the cluster has). These tasks ask the scheduler for no CPU
    (``num_cpus=0``, at most ``cpus`` at a time): ``digest``'s actor pool holds its actors' CPUs for
    the whole run, and a read task that waited for a CPU next to them waited for ever on a cluster
    of one CPU. A file that fails part-way gives the articles read before the failure, then its
    ``error`` row, as a local run digests them and then skips the file."""
    from summarize.read import check_format

    check_format(input_format)
    rows = [{"number": n, "path": f.path if _REMOTE.match(f.path) else os.path.abspath(f.path), "source": f.path,
             "walked": f.walked} for n, f in enumerate(files)]  # workers do not share the driver's working folder
    blocks = max(1, min(len(rows), max(BLOCKS_PER_CPU * cpus, -(-len(rows) // FILES_PER_BLOCK))))
    return ray.data.from_items(rows, override_num_blocks=blocks).flat_map(
        _parse_file, fn_kwargs={"input_format": input_format}, num_cpus=0, concurrency=max(1, min(cpus, blocks)))


BLOCKS_PER_CPU = 4
FILES_PER_BLOCK = 64


def _parse_file(row: dict, input_format: str | None) -> Iterator[dict]:
    """The article rows of one file (runs on a worker)."""
    number, source = int(row["number"]), str(row["source"])
    count = 0
    try:
        for article in _articles(_file_bytes(str(row["path"]), source), source, input_format):
            yield {"pos": (number << 32) | count, "article": pickle.dumps(article, protocol=5), "error": ""}
            count += 1
    except Exception as exc:  # noqa: BLE001 - any failure of one input is that input's reason, as locally
        from summarize.read import passed_over
        from summarize.read.batch import reason_of

        note = passed_over(source, exc) if row["walked"] and not count else None
        error = [source, note, "passed"] if note else [source, reason_of(exc, source)]
        yield {"pos": (number << 32) | count, "article": b"", "error": json.dumps(error)}


def _file_bytes(path: str, source: str) -> bytes:
    """The content of a local file or of a URI (through pyarrow's filesystems), within the input limit."""
    from summarize.read.limits import read_limited

    if not _REMOTE.match(path):
        with open(path, "rb") as handle:
            return read_limited(handle, source)
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(path)
    with filesystem.open_input_stream(inner) as stream:
        return read_limited(stream, source)


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
    """Report a file a worker could not read (an ``error`` cell) to the run's :class:`~summarize.read.batch.Batch`,
    or, for a walked ``.json`` file without articles, say it was passed over (not a skip, as locally)."""
    source, reason, *passed = json.loads(error)
    if passed:
        print(reason, file=sys.stderr)
    else:
        batch.skip(source, reason)


# Ray's own notices on the driver's stderr that say nothing to a user of summarize: Ray Data 2.60 hands
# every actor's arguments through the object store, and Ray's core then logs an error line for each
# actor pool ("... has constructor arguments in the object store and max_restarts > 0",
# ray-project/ray#57733), although nothing is wrong.
RAY_NOISE = re.compile(rb"has constructor arguments in the object store and max_restarts > 0")


@contextmanager
def quiet_ray_notices(noise: re.Pattern[bytes] = RAY_NOISE) -> Iterator[None]:
    """Within the block, lines on the process's stderr (file descriptor 2, where Ray's C++ core logs)
    that match ``noise`` are dropped; everything else, our own notes and progress included, passes
    on unchanged (chunk by chunk, so a progress bar's carriage returns are not held back)."""
    import threading

    try:
        sys.stderr.flush()
        saved = os.dup(2)
        read_end, write_end = os.pipe()
    except OSError:  # no stderr to filter (closed): nothing to do
        yield
        return
    os.dup2(write_end, 2)
    os.close(write_end)

    def pump() -> None:
        with os.fdopen(read_end, "rb", buffering=0) as source:
            while chunk := source.read(65536):
                if noise.search(chunk):
                    chunk = b"".join(line for line in chunk.splitlines(keepends=True) if not noise.search(line))
                try:
                    os.write(saved, chunk)
                except OSError:
                    pass  # stderr itself went away: nothing more can be said

    thread = threading.Thread(target=pump, name="summarize-stderr", daemon=True)
    thread.start()
    try:
        yield
    finally:
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os.dup2(saved, 2)  # the pipe's last write end closes: the pump sees its end
        thread.join(timeout=10)
        os.close(saved)


@contextmanager
def reported(ray) -> Iterator[None]:
    """A failure inside Ray (a task's or an actor's exception, a lost node) as one line, not Ray's traceback."""
    try:
        yield
    except Exception as exc:
        if not (isinstance(exc, ray.exceptions.RayError) or type(exc).__module__.startswith("ray.")):
            raise
        raise SummarizeError(f"--ray: the run failed on the cluster: {describe(exc)}") from None


def describe(exc: BaseException) -> str:
    """The innermost cause of a Ray exception, on one line: a summarize error's message, another
    exception's ``Type: message``."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "cause", None)  # a task's exception, kept by RayTaskError
        if not isinstance(inner, BaseException) and type(exc.__cause__).__name__ != "SystemException":
            inner = exc.__cause__  # Ray Data adds SystemException() as the cause of its own errors
        if not isinstance(inner, BaseException):
            break
        exc = inner
    if isinstance(exc, SummarizeError):
        return " ".join(str(exc).split())[:300]
    if type(exc).__module__.startswith("ray."):
        # e.g. an actor that died in its constructor: the cause is only text, a traceback whose last line names it
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        last = lines[-1] if lines else type(exc).__name__
        own = _OWN_ERROR.match(last)
        return (own.group(1) if own else last)[:300]
    text = " ".join(str(exc).split())
    return (f"{type(exc).__name__}: {text}" if text else type(exc).__name__)[:300]


_OWN_ERROR = re.compile(r"^summarize\.errors\.\w+: (.*)$")


def cluster_size(ray) -> tuple[int, int]:
    """(alive nodes, CPUs) of the cluster."""
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    return len(nodes), int(ray.cluster_resources().get("CPU", 0))
