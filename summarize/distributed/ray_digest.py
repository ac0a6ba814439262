"""``summarize digest --ray``: the digester in a Ray Data actor pool.

Files are read and parsed by Ray tasks (:func:`summarize.distributed.read_articles`);
``map_batches`` sends ``--batch-size`` articles at a time to an actor pool whose
actors each build the method once (:func:`summarize.digest.make_digester`: the
model is loaded once per actor, not per batch) and run the local
:func:`summarize.digest.digest_articles` on them, so a digest is the one a local
run writes. The driver receives the digests in input order (Ray Data's
``preserve_order``) and writes them with the local writers: one output, or
``--shards N`` JSON Lines files of consecutive articles.
"""

from __future__ import annotations

import pickle
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from summarize.digest import DEFAULT_METHOD
from summarize.digest.length import Length
from summarize.distributed import (cluster_size, configure, connect, expand_inputs, quiet_ray_notices, read_articles,
                                   reported, skipped)
from summarize.errors import SummarizeError
from summarize.output import check_output, open_output, warn


ARTICLE_BYTES = 4096  # a news article as a pickled Article, roughly (BBC's average: 2.6 kB)
MIN_BLOCK_BYTES = 64 * 1024


class DigestActor:
    """One actor of the pool: the method built once, then batch after batch of articles."""

    def __init__(self, method: str, options: dict[str, Any], length: Length, lang: str | None):
        from summarize import nltk_import
        from summarize.digest import make_digester

        nltk_import.enable()
        self.digester = make_digester(method, **options)
        self.length, self.lang = length, lang

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        from summarize.digest import digest_articles

        ok = [i for i, error in enumerate(batch["error"]) if not error]
        articles = [pickle.loads(batch["article"][i]) for i in ok]
        digests = digest_articles(articles, self.digester, length=self.length, lang=self.lang,
                                  batch_size=max(1, len(articles)))
        out = np.empty(len(batch["pos"]), dtype=object)
        out[:] = b""
        for i, digest in zip(ok, digests):
            out[i] = pickle.dumps(digest, protocol=5)
        return {"pos": batch["pos"], "digest": out, "error": batch["error"]}


def run_ray_digest(
    inputs: Sequence[str],
    address: str,
    *,
    method: str = DEFAULT_METHOD,
    model: str | None = None,
    length: Length | None = None,
    fmt: str | None = None,
    output: str | None = None,
    shards: int | None = None,
    lang: str | None = None,
    input_format: str | None = None,
    batch_size: int = 64,
    actors: int = 0,
    progress: bool | None = None,
    method_options: dict[str, Any] | None = None,
    batch=None,
) -> int:
    """Digest ``inputs`` on the Ray cluster at ``address``; returns the exit status (3: inputs skipped).
    ``batch`` (:class:`~summarize.read.batch.Batch`) names skipped inputs and ends the run."""
    from summarize.digest import METHODS
    from summarize.digest.render import FORMATS
    from summarize.digest.render import format_for, write_noting
    from summarize.read.batch import Batch
    from summarize.split import sentence_tokenizer

    if method not in METHODS:
        raise SummarizeError(f"unknown digest method {method!r}; choose from {', '.join(METHODS)}")
    if batch_size < 1:
        raise SummarizeError(f"--batch-size must be at least 1 (got {batch_size})")
    fmt = fmt or (None if shards else format_for(output)) or "jsonl"
    if fmt not in FORMATS:
        raise SummarizeError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if shards is not None:
        if shards < 1:
            raise SummarizeError(f"--shards must be at least 1 (got {shards})")
        if fmt != "jsonl" or output in (None, "-"):
            raise SummarizeError("--shards writes JSON Lines files into a folder: give -o FOLDER (and no other --format)")
        if Path(output).exists() and not Path(output).is_dir():
            raise SummarizeError(f"-o {output}: with --shards this must be a folder")
    else:
        check_output(output)
    if lang:
        sentence_tokenizer(lang)  # an unknown language fails before the cluster is asked for anything
    files = expand_inputs(inputs, output)
    batch = batch or Batch()
    batch.inputs += len(files)
    options = dict(method_options or {})
    if model is not None:
        options["model"] = model

    show = sys.stderr.isatty() if progress is None else progress
    ray = connect(address)
    configure(ray, show)
    # Blocks of about one batch: a block goes to one actor whole, so a big file parsed as one block
    # would be digested by one actor while the others wait (Ray Data's default is 128 MiB a block).
    ray.data.DataContext.get_current().target_max_block_size = max(MIN_BLOCK_BYTES, batch_size * ARTICLE_BYTES)
    nodes, cpus = cluster_size(ray)
    started = time.monotonic()
    articles = read_articles(ray, files, input_format, cpus)
    with reported(ray), quiet_ray_notices():
        total = None
        if shards is not None:
            articles = articles.materialize()  # consecutive shards need the count first
            total = articles.count()
        # a file's articles come as one block; blocks of one batch let every actor take a share of a big file
        digested = articles.map_batches(
            DigestActor,
            fn_constructor_kwargs={"method": method, "options": options, "length": length or Length(), "lang": lang},
            batch_size=batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, actors or cpus)),
            num_cpus=1,
        )
        digests = _in_order(digested, batch)
        if shards is None:
            with open_output(output) as out:
                written = write_noting(out, digests, fmt, length)
                code = batch.finish("digested")  # inside: a run that read nothing writes no file
        else:
            written = _write_shards(Path(output), digests, shards, total or 0, length)
            code = batch.finish("digested")
    seconds = time.monotonic() - started
    if show:
        warn(f"ray: {written} articles digested in {seconds:.1f}s ({written / max(seconds, 1e-9):.1f}/s) "
             f"on {nodes} node(s), {cpus} CPU(s)")
    return code


def _in_order(dataset, batch) -> Iterator:
    """The digests of ``dataset`` in input order; a file that could not be read is skipped in ``batch``."""
    for rows in dataset.iter_batches(batch_size=None, batch_format="numpy"):
        for error, payload in zip(rows["error"], rows["digest"]):
            if error:
                skipped(batch, str(error))
            else:
                yield pickle.loads(payload)


def _write_shards(folder: Path, digests: Iterator, shards: int, total: int, length: Length | None) -> int:
    """``part-00000-of-0000N.jsonl`` ... in ``folder``: consecutive runs of about ``total / shards`` digests."""
    from itertools import islice

    from summarize.digest.render import write_noting

    folder.mkdir(parents=True, exist_ok=True)
    per = max(1, -(-total // shards))
    written = 0
    for shard in range(shards):
        name = folder / f"part-{shard:05d}-of-{shards:05d}.jsonl"
        with open_output(str(name)) as out:
            written += write_noting(out, islice(digests, per), "jsonl", length)
    return written
