"""``summarize digest``: a digest of each article, of each story (``--group``), or on Ray (``--ray``).

The method (and its model) is built once; articles stream through
:func:`summarize.digest.digest_articles` in batches; output goes through
:func:`summarize.output.open_output`, so ``-o FILE`` is replaced atomically and a failure leaves no
partial file. A JSON Lines run that is interrupted (Ctrl-C, ``kill``) keeps its finished records in
``FILE.partial``; ``--resume`` copies the records of ``FILE`` and ``FILE.partial`` into the new file
first and skips their ids. Without ``--format``, the ``-o`` file's extension picks the format.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

from summarize.digest import DEFAULT_METHOD, Digest, digest_articles, make_digester
from summarize.digest.length import Length
from summarize.commands.common import input_list, make_batch, value
from summarize.digest.render import FORMATS, done_records, format_for, write_noting
from summarize.document import Article
from summarize.errors import SummarizeError
from summarize.output import check_output, checkpoint_path, open_output, warn


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


def run_digest(*, inputs=None, inputs_from=None, method="embed", model: str | None = None,
               sentences: int | None = None, words: int | None = None, ratio: float | None = None, fmt=None,
               output: str | None = None, resume: bool = False, lang: str | None = None, input_format=None,
               batch_size: int = 64, beams: int = 4, max_length: int | None = None, min_length: int | None = None,
               progress: bool | None = None, group: bool = False, group_by="events", min_sources: int = 1,
               group_threshold: float | None = None, index: str | None = None, ray: str | None = None, shards: int | None = None,
               backend="auto", strict: bool = False, errors: str | None = None, quiet: bool = False) -> int:
    """The command's options, as the command line names them; returns the exit status."""
    inputs = input_list(inputs, inputs_from)
    method, fmt, input_format = value(method), value(fmt), value(input_format)
    if fmt == "html" and not group:
        raise SummarizeError("--format html needs --group (one page of stories)")
    if group and resume:
        raise SummarizeError("--resume does not apply to --group: the story document is written whole, from all inputs")
    if group_threshold is not None and not group:
        raise SummarizeError("--group-threshold needs --group")
    if index is not None and not (group and value(group_by) == "events"):
        raise SummarizeError("--index keeps stories: it needs --group (by events)")
    options: dict = {}
    if method == "seq2seq":
        options = {"beams": beams, "max_length": max_length, "min_length": min_length}
    elif method == "embed":
        options = {"backend": value(backend)}
    length = Length.from_options(sentences, words, ratio)
    batch = make_batch(strict, errors, quiet)
    if ray is not None:
        if group or resume:
            raise SummarizeError("--ray does not take --group or --resume")
        from summarize.distributed.ray_digest import run_ray_digest

        return run_ray_digest(inputs, ray, method=method, model=model, length=length, fmt=fmt, output=output,
                              shards=shards, lang=lang, input_format=input_format, batch_size=batch_size,
                              progress=progress, method_options=options, batch=batch)
    if shards is not None:
        raise SummarizeError("--shards needs --ray")
    if group:
        return digest_stories_of(inputs, method=method, model=model, length=length, fmt=fmt, output=output,
                                 lang=lang, input_format=input_format, threshold=group_threshold,
                                 batch_size=batch_size, method_options=options, batch=batch,
                                 group_by=value(group_by), min_sources=min_sources, index=index)
    return digest_each(inputs, method=method, model=model, length=length, fmt=fmt, output=output, resume=resume,
                       lang=lang, input_format=input_format, batch_size=batch_size,
                       progress=False if quiet else progress, method_options=options, batch=batch)


def digest_each(
    inputs: Sequence[str],
    *,
    method: str = DEFAULT_METHOD,
    model: str | None = None,
    length: Length | None = None,
    fmt: str | None = None,
    output: str | None = None,
    resume: bool = False,
    lang: str | None = None,
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
    if lang:
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
    if previous:
        _say_other_methods(previous, digester.name, output)
    with _progress(total, show) as advance, open_output(output, checkpoint=checkpoint) as out:
        out.writelines(line for _, line in previous)
        digests: Iterable[Digest] = digest_articles(
            articles, digester, length=length or Length(), lang=lang, batch_size=batch_size, on_article=advance,
            working=batch.working,
        )
        written = write_noting(out, digests, fmt, length)
        code = batch.finish("digested")  # every input skipped: exit 2, and -o is left as it was
    if resume and previous:
        warn(f"resumed: {len(previous)} articles already done (in {output} or its .partial), {written} digested now")
    return code


def _say_other_methods(previous: list[tuple[str, str]], method: str, output: str | None) -> None:
    """A resumed file whose digests were made by another method gets a note: the two mix in one file."""
    import json

    others = Counter()
    for _, line in previous:
        try:
            made = json.loads(line).get("method")
        except (ValueError, AttributeError):
            continue
        if isinstance(made, str) and made != method:
            others[made] += 1
    if others:
        listed = ", ".join(f"{n} by {m}" for m, n in others.most_common())
        warn(f"{output} holds digests made by another method ({listed}); this run digests the rest with {method} "
             "(each record names its method)")


def _done(article: Article, to_skip: Counter) -> bool:
    """Whether ``article`` was digested by the run being resumed: as many articles with its id
    as that run wrote are skipped, in input order (two articles may share an id)."""
    if to_skip[article.id] > 0:
        to_skip[article.id] -= 1
        return True
    return False


def digest_stories_of(
    inputs: Sequence[str],
    *,
    method: str,
    model: str | None = None,
    length: Length | None = None,
    fmt: str | None = None,
    output: str | None = None,
    lang: str | None = None,
    input_format: str | None = None,
    threshold: float | None = None,
    batch_size: int = 64,
    method_options: dict | None = None,
    batch=None,
    group_by: str = "events",
    min_sources: int = 1,
    index: str | None = None,
) -> int:
    """``summarize digest --group``: read, cluster, digest each story, write; returns the exit status."""
    from summarize.digest.group import GROUP_BY, GROUP_FORMATS, digest_stories, render
    from summarize.read import Batch, read_inputs
    from summarize.split import sentence_tokenizer

    batch = batch or Batch()
    fmt = fmt or "md"
    if fmt not in GROUP_FORMATS:
        raise SummarizeError(f"--group writes {', '.join(GROUP_FORMATS)}; not {fmt!r}")
    if group_by not in GROUP_BY:
        raise SummarizeError(f"--group-by must be one of {', '.join(GROUP_BY)}, got {group_by!r}")
    if lang:
        sentence_tokenizer(lang)
    check_output(output)
    articles = list(read_inputs(inputs, input_format, output, batch))
    if not articles:
        batch.finish("digested")  # every input skipped: exit 2 before a model is loaded
    from summarize.stories import stored_stories

    digester = make_digester(method, model=model, **(method_options or {}))
    store, clusterer = stored_stories(index)
    try:
        stories = digest_stories(articles, digester, length=length, lang=lang, threshold=threshold,
                                 batch_size=batch_size, group_by=group_by, min_sources=min_sources, clusterer=clusterer)
        with open_output(output) as out:
            out.write(render(stories, fmt))
            code = batch.finish("digested")
        if store is not None:  # only once the output is written: a failed run places nothing
            store.save(clusterer)
        return code
    finally:
        if store is not None:
            store.close()
