"""``summarize dedup``: read inputs, match them (optionally against an index), write the result.

Returns the exit code: 0 when no article was a duplicate, 1 when some were
(like a linter; ``exit_zero`` forces 0). Errors raise :class:`SummarizeError`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from summarize.dedup import DedupConfig, Stats, dedup_articles
from summarize.dedup.emit import KEEP, unique_articles
from summarize.dedup.features import default_jobs
from summarize.dedup.index import open_index
from summarize.errors import SummarizeError
from summarize.output import check_output, open_output, warn
from summarize.read import Batch, read_inputs
from summarize.write.articles import WRITERS, format_for
from summarize.write.dedup import REPORT_FORMATS, write_report

EMITS = ("report", "unique")


def run_dedup(
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
) -> int:
    batch = batch or Batch(quiet=quiet)
    if emit not in EMITS:
        raise SummarizeError(f"--emit must be one of {', '.join(EMITS)}, got {emit!r}")
    if keep not in KEEP:
        raise SummarizeError(f"--keep must be one of {', '.join(KEEP)}, got {keep!r}")
    allowed = REPORT_FORMATS if emit == "report" else tuple(WRITERS)
    if fmt is not None and fmt not in allowed:
        raise SummarizeError(f"--format for --emit {emit} must be one of {', '.join(allowed)}, got {fmt!r}")
    config.validate()
    check_output(output)
    if config.jobs <= 0:
        from dataclasses import replace

        config = replace(config, jobs=default_jobs())

    articles = list(read_inputs(inputs, input_format, output, batch))
    stats = Stats()
    index = open_index(index_spec)
    try:
        progress = (lambda m: print(f"summarize: {m}", file=sys.stderr)) if verbose else None
        matches = dedup_articles(articles, index, config, progress=progress, stats=stats)
    finally:
        index.close()

    # ids made unique by the engine (``id#2``) name the articles in every output
    for article, match in zip(articles, matches):
        article.id = match.id

    if emit == "report":
        with open_output(output) as out:
            write_report(out, fmt or "text", articles, matches)
            code = batch.finish("read")
    else:
        kept = unique_articles(articles, matches, keep)
        with open_output(output) as out:
            WRITERS[fmt or format_for(articles)](out, kept)
            code = batch.finish("read")
    duplicates = sum(m.is_duplicate for m in matches)
    if not quiet:
        extra = f", kept {len(kept)}" if emit == "unique" else ""
        warn(f"{len(articles)} articles, {duplicates} duplicates{extra}")
    if verbose:
        timing = ", ".join(f"{k} {v:.2f}s" for k, v in stats.timings.items())
        warn(f"{stats.candidates} candidates checked, {stats.verified} verified, "
             f"{stats.boilerplate_shingles} boilerplate shingles, {stats.seen_before} seen before; {timing}")
    return code or (1 if duplicates and not exit_zero else 0)
