"""``summarize digest``: read inputs, skip what a previous run finished, digest, write.

Kept out of the CLI so the command only parses options. The method (and its model)
is built once; articles stream through :func:`summarize.digest.digest_articles` in
batches; output goes through :func:`summarize.output.open_output`, so ``-o FILE`` is
replaced atomically and a failure leaves no partial file. A JSON Lines run that is
interrupted (Ctrl-C, ``kill``) keeps its finished records in ``FILE.partial``; ``--resume`` copies
the records of ``FILE`` and ``FILE.partial`` into the new file first and skips their
ids. Without ``--format``, the ``-o`` file's extension picks the format.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import Any

from summarize.digest import DEFAULT_METHOD, Digest, digest_articles, make_digester
from summarize.digest.length import Length
from summarize.digest.render import FORMATS, done_records, write_digests
from summarize.document import Article
from summarize.errors import SummarizeError
from summarize.output import check_output, checkpoint_path, open_output, warn


SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".md": "md", ".markdown": "md",
                  ".txt": "text", ".text": "text"}


def _peek_many(articles: Iterator[Article]) -> tuple[bool, Iterator[Article]]:
    """Whether there is more than one article, without losing any."""
    head = list(islice(articles, 2))
    return len(head) > 1, chain(head, articles)


@contextmanager
def _progress(total: int | None, enabled: bool):
    """A rich progress bar on stderr (articles, articles/s, ETA); a no-op callback when disabled."""
    if not enabled:
        yield lambda _digest: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [
        TextColumn("digest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TextColumn("{task.fields[rate]} articles/s"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task("digest", total=total, rate="-")

        started = time.monotonic()

        def advance(_digest: Digest) -> None:
            # Digests arrive a batch at a time, so rich's windowed speed would measure a burst:
            # the rate shown is articles done over time since the start.
            progress.advance(task)
            elapsed = time.monotonic() - started
            done = progress.tasks[task].completed
            progress.update(task, rate=f"{done / elapsed:.1f}" if elapsed > 0 else "-")

        yield advance


def run_digest(
    inputs: Sequence[str],
    *,
    method: str = DEFAULT_METHOD,
    model: str | None = None,
    length: Length | None = None,
    fmt: str | None = None,
    output: str | None = None,
    resume: bool = False,
    lang: str = "en",
    input_format: str | None = None,
    batch_size: int = 64,
    progress: bool | None = None,
    method_options: dict[str, Any] | None = None,
    batch: Any = None,
) -> int:
    """Digest every article of ``inputs`` into ``output`` (stdout by default); returns the exit status."""
    from summarize.read import Batch, read_inputs
    from summarize.split import sentence_tokenizer

    if fmt is not None and fmt not in FORMATS:
        raise SummarizeError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if resume and output in (None, "-"):
        raise SummarizeError("--resume needs -o FILE (the output file to continue)")
    check_output(output)
    fmt = fmt or format_for(output)
    if resume and fmt not in (None, "jsonl"):
        raise SummarizeError("--resume works with --format jsonl only")
    sentence_tokenizer(lang)  # an unknown language fails before the model loads
    batch = batch or Batch()

    checkpoint = checkpoint_path(output) if output not in (None, "-") and fmt in (None, "jsonl") else None
    previous = done_records([output, checkpoint]) if resume else []
    to_skip = Counter(record_id for record_id, _ in previous)  # articles already digested, per id
    articles: Iterator[Article] = (a for a in read_inputs(inputs, input_format, output, batch) if not _done(a, to_skip))
    many, articles = _peek_many(articles)
    if resume:
        fmt = "jsonl"
    fmt = fmt or ("jsonl" if many else "text")
    if fmt != "jsonl":
        checkpoint = None
    if checkpoint is not None and not resume and checkpoint.exists():
        warn(f"{checkpoint} holds the records of an interrupted run: without --resume this run starts afresh "
             "and replaces it")

    show = sys.stderr.isatty() if progress is None else progress
    total = None
    if show:
        materialized = list(articles)
        total = len(materialized)
        articles = iter(materialized)

    digester = make_digester(method, model=model, **(method_options or {}))
    with _progress(total, show) as advance, open_output(output, checkpoint=checkpoint) as out:
        out.writelines(line for _, line in previous)
        digests: Iterable[Digest] = digest_articles(
            articles, digester, length=length or Length(), lang=lang, batch_size=batch_size, on_article=advance
        )
        written = write_noting(out, digests, fmt, length)
        code = batch.finish("digested")  # every input skipped: exit 2, and -o is left as it was
    if resume and previous:
        warn(f"resumed: {len(previous)} articles already done (in {output} or its .partial), {written} digested now")
    return code


def write_noting(out, digests: Iterable[Digest], fmt: str, length: Length | None) -> int:
    """Write ``digests`` in ``fmt``, then warn about empty digests and digests over the word budget."""
    empty: list[str] = []
    over: list[str] = []
    budget = (length or Length()).words
    written = write_digests(out, _noting(digests, empty, over, budget), fmt)
    if empty:
        warn(f"{_articles(empty)} had no text to digest (empty summary): {_some(empty)}")
    if over:
        warn(f"{_articles(over)} got a digest longer than --words {budget}: the first sentence alone is longer "
             f"(a digest is never empty, and never cut inside a sentence): {_some(over)}")
    return written


def _done(article: Article, to_skip: Counter) -> bool:
    """Whether ``article`` was digested by the run being resumed: as many articles with its id
    as that run wrote are skipped, in input order (two articles may share an id)."""
    if to_skip[article.id] > 0:
        to_skip[article.id] -= 1
        return True
    return False


def _noting(digests: Iterable[Digest], empty: list[str], over: list[str], budget: int | None) -> Iterator[Digest]:
    """The digests, unchanged; ids of those with no sentence go to ``empty``, of those over a
    word ``budget`` (a first sentence longer than it) to ``over``."""
    for digest in digests:
        if not digest.sentences:
            empty.append(digest.id)
        elif budget and sum(len(s.split()) for s in digest.sentences) > budget:
            over.append(digest.id)
        yield digest


def _articles(ids: list[str]) -> str:
    return f"{len(ids)} article{'s' if len(ids) != 1 else ''}"


def _some(ids: list[str]) -> str:
    return ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")


def format_for(output: str | None) -> str | None:
    """The format an ``-o`` file's extension names (``.jsonl``, ``.json``, ``.md``, ``.txt``), else None."""
    if output in (None, "-"):
        return None
    return SUFFIX_FORMATS.get(Path(output).suffix.lower())
