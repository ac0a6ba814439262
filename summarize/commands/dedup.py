"""``summarize dedup``: read inputs, match them (optionally against an index), write the result.

Returns the exit status: 0 when no article was a duplicate, 1 when some were
(like a linter; ``exit_zero`` forces 0; with ``--emit new`` only this run's new
and updated items count), 3 when inputs were skipped. Errors raise :class:`SummarizeError`.

With an index, URL inputs are fetched conditionally and their new ETag/Last-Modified
are saved only after the output was written: a run that fails fetches again.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from summarize.commands.common import input_list, make_batch, value
from summarize.dedup import DEFAULT_MIN_JACCARD, DEFAULT_THRESHOLD, DedupConfig, Stats, dedup_articles
from summarize.dedup.emit import KEEP, unique_articles
from summarize.dedup.index import open_index
from summarize.errors import SummarizeError
from summarize.output import check_output, open_output, warn
from summarize.parallel import default_jobs
from summarize.dates import parse_date, parse_since
from summarize.document import Article
from summarize.read import Batch, read_inputs
from summarize.read.remote import Validators
from summarize.write.articles import WRITERS, FeedOptions, format_for, format_for_output
from summarize.write.dedup import REPORT_FORMATS, write_report

EMITS = ("report", "unique", "new")


def run_dedup(*, inputs=None, inputs_from=None, output_format=None, emit="report", updates: bool = False,
              since: str | None = None, title: str | None = None, link: str | None = None, keep="first",
              threshold: float = DEFAULT_THRESHOLD, min_jaccard: float = DEFAULT_MIN_JACCARD,
              index: str | None = None, jobs: int = 0, commit_every: int = 1000, no_boilerplate: bool = False,
              input_format=None, output: str | None = None, stories: bool = False, exit_zero: bool = False,
              strict: bool = False, errors: str | None = None, quiet: bool = False, verbose: bool = False,
              ray: str | None = None) -> int:
    """The command's options, as the command line names them; returns the exit status."""
    inputs = input_list(inputs, inputs_from)
    config = DedupConfig(threshold=threshold, min_jaccard=min_jaccard, jobs=jobs, boilerplate=not no_boilerplate,
                         chunk_size=commit_every)
    return dedup_inputs(inputs, fmt=value(output_format), emit=value(emit), keep=value(keep), config=config,
                        index_spec=index, input_format=value(input_format), output=output, exit_zero=exit_zero,
                        quiet=quiet, verbose=verbose, batch=make_batch(strict, errors, quiet), updates=updates,
                        since=since, title=title, link=link, stories=stories, ray=ray)


def dedup_inputs(
    inputs: Sequence[str],
    *,
    fmt: str | None = None,
    emit: str = "report",
    keep: str = "first",
    config: DedupConfig = DedupConfig(),
    index_spec: str | None = None,
    input_format: str | None = None,
    output: str | None = None,
    exit_zero: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    batch: Batch | None = None,
    updates: bool = False,
    since: str | None = None,
    title: str | None = None,
    link: str | None = None,
    stories: bool = False,
    ray: str | None = None,
) -> int:
    """``ray``: a Ray cluster's address, to compute shingles, signatures and candidate pairs there
    (:mod:`summarize.distributed.ray_dedup`); the verdicts are the same."""
    batch = batch or Batch(quiet=quiet)
    if stories and emit != "report":
        raise SummarizeError("--stories applies to --emit report only")
    if ray is not None and index_spec:
        raise SummarizeError("--ray does not take --index: for a shared, growing index run many "
                             "`summarize dedup --index redis://...` workers instead (docs/ray.md)")
    if emit not in EMITS:
        raise SummarizeError(f"--emit must be one of {', '.join(EMITS)}, got {emit!r}")
    if keep not in KEEP:
        raise SummarizeError(f"--keep must be one of {', '.join(KEEP)}, got {keep!r}")
    if updates and emit != "new":
        raise SummarizeError("--updates needs --emit new")
    allowed = REPORT_FORMATS if emit == "report" else tuple(WRITERS)
    if fmt is None and emit != "report":
        fmt = format_for_output(output)
    if fmt is not None and fmt not in allowed:
        raise SummarizeError(f"--format for --emit {emit} must be one of {', '.join(allowed)}, got {fmt!r}")
    config.validate()
    check_output(output)
    if config.jobs <= 0:
        from dataclasses import replace

        config = replace(config, jobs=default_jobs())

    cutoff = parse_since(since) if since else None
    stats = Stats()
    index = open_index(index_spec) if index_spec else None  # None: this batch alone, nothing stored
    if (index is not None and ray is None and emit == "report" and fmt == "jsonl" and not stories
            and (not batch.strict or output not in (None, "-"))):
        try:
            return _stream_report(inputs, index, config, cutoff, input_format=input_format, output=output,
                                  exit_zero=exit_zero, quiet=quiet, verbose=verbose, batch=batch)
        finally:
            index.close()
    try:
        validators = Validators(index)
        stages: dict = {}
        if ray is None:
            articles = list(read_inputs(inputs, input_format, output, batch, validators))
        else:
            from summarize.distributed.ray_dedup import ray_stages

            articles, sets, stages["lsh"] = ray_stages(inputs, ray, input_format=input_format, output=output,
                                                       batch=batch, shingle_size=config.shingle_size, progress=verbose)
            stages["shingles"] = {id(a): s for a, s in zip(articles, sets)}
        feeds = len({a.source for a in articles} | set(validators.not_modified))
        undated = 0
        if cutoff is not None:
            articles, undated = published_since(articles, cutoff)
        if stages:
            stages["shingles"] = [stages["shingles"][id(a)] for a in articles]
        progress = (lambda m: print(f"summarize: {m}", file=sys.stderr)) if verbose else None
        matches = dedup_articles(articles, index, config, progress=progress, stats=stats, **stages)

        # ids made unique by the engine (``id#2``) name the articles in every output
        for article, match in zip(articles, matches):
            article.id = match.id

        if emit == "report":
            story_of, store, clusterer = None, None, None
            if stories:
                from summarize.stories import group_stories, stored_stories

                store, clusterer = stored_stories(index_spec)  # with --index, stories continue across runs
                try:
                    story_of = group_stories(articles, clusterer=clusterer).story_of
                except BaseException:
                    if store is not None:
                        store.close()
                    raise
            try:
                with open_output(output) as out:
                    code = batch.finish("read")  # first: a run that read nothing writes no report
                    write_report(out, fmt or "text", articles, matches, story_of)
                if store is not None:
                    store.save(clusterer)
            finally:
                if store is not None:
                    store.close()
        else:
            if emit == "new":
                wanted = ("new", "updated") if updates else ("new",)
                kept = [a for a, m in zip(articles, matches) if m.status in wanted]
            else:
                kept = unique_articles(articles, matches, keep)
            options = FeedOptions(title, link, feeds, {m.id: m for m in matches})
            with open_output(output) as out:
                code = batch.finish("read")
                WRITERS[fmt or format_for(articles)](out, kept, options)
        validators.save()
    finally:
        if index is not None:
            index.close()
    judged = [m for m in matches if emit != "new" or not m.seen_before]
    duplicates = sum(m.is_duplicate for m in judged)
    _say_counts(len(articles), duplicates, stats, validators, cutoff, undated, emit,
                len(kept) if emit != "report" else 0, quiet=quiet, verbose=verbose)
    return code or (1 if duplicates and not exit_zero else 0)


def _say_counts(articles: int, duplicates: int, stats: Stats, validators: Validators, cutoff, undated: int,
                emit: str = "report", kept: int = 0, *, quiet: bool, verbose: bool) -> None:
    """The summary line on stderr (unless ``quiet``), and with ``verbose`` the engine's counts and timings."""
    if not quiet:
        extra = ""
        if emit == "new":
            extra = f", {stats.seen_before} seen before, {stats.updated} updated, {kept} emitted"
        else:
            if stats.seen_before:  # the same item again (one guid in several snapshots of a feed): not a duplicate
                extra = f", {stats.seen_before} seen before (the same item again)"
            if emit == "unique":
                extra += f", kept {kept}"
        if validators.not_modified:
            extra += f"; {len(validators.not_modified)} feeds not modified"
        if cutoff is not None:
            extra += f"; {undated} undated kept"
        warn(f"{articles} articles, {duplicates} duplicates{extra}")
    if verbose:
        timing = ", ".join(f"{k} {v:.2f}s" for k, v in stats.timings.items())
        warn(f"{stats.candidates} candidates checked, {stats.verified} verified, "
             f"{stats.boilerplate_shingles} boilerplate shingles, {stats.seen_before} seen before; {timing}")


# Articles matched at a time when a run streams (an index holds what earlier windows saw).
WINDOW = 10_000


def _stream_report(inputs: Sequence[str], index, config: DedupConfig, cutoff, *, input_format, output,
                   exit_zero: bool, quiet: bool, verbose: bool, batch: Batch) -> int:
    """``dedup --index ... -f jsonl`` in windows of :data:`WINDOW` articles: each window is read,
    matched against the index (which then holds it) and written before the next is read, so memory
    stays that of one window however many articles come. The verdicts are those of running the
    command on each window in turn with the same index; boilerplate is judged per window and
    against what the index learnt before."""
    from itertools import islice

    from summarize.write.dedup import write_jsonl

    validators = Validators(index)
    progress = (lambda m: print(f"summarize: {m}", file=sys.stderr)) if verbose else None
    total = Stats()
    taken: dict[str, int] = {}  # ids so far, so that a repeated id is id#2 in any window
    duplicates = undated = 0
    reader = read_inputs(inputs, input_format, output, batch, validators)
    with open_output(output) as out:
        while True:
            window = list(islice(reader, WINDOW))
            if not window:
                break
            if cutoff is not None:
                window, none = published_since(window, cutoff)
                undated += none
            stats = Stats()
            matches = dedup_articles(window, index, config, progress=progress, stats=stats, taken=taken)
            del window
            write_jsonl(out, matches)
            duplicates += sum(m.is_duplicate for m in matches)
            total.add(stats)
        code = batch.finish("read")
    validators.save()
    _say_counts(total.articles, duplicates, total, validators, cutoff, undated, quiet=quiet, verbose=verbose)
    return code or (1 if duplicates and not exit_zero else 0)


def published_since(articles: list[Article], cutoff) -> tuple[list[Article], int]:
    """The articles published at or after ``cutoff``, and how many of those kept have no readable date."""
    kept, undated = [], 0
    for a in articles:
        when = parse_date(a.published) if a.published else None
        if when is None:
            undated += 1
            kept.append(a)
        elif when >= cutoff:
            kept.append(a)
    return kept, undated
