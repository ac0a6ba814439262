"""The command line: parses options and calls the library. No logic lives here.

Heavy libraries (torch, transformers) are imported inside the backends that need
them, never at start-up: ``summarize --help`` stays fast.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from enum import Enum
from typing import List, Optional

import typer

from summarize import __version__, nltk_import
from summarize.errors import SummarizeError, Terminated

app = typer.Typer(
    name="summarize",
    help="Read, split, deduplicate and digest articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

INPUTS_HELP = ("Files, folders (recursive), JSON Lines, RSS/Atom/JSON Feed, OPML subscription lists, http(s) URLs of "
               "feeds and article pages (fetched together, a few at a time per host), or - for stdin.")
INPUTS_FROM_HELP = "Also read the inputs listed in FILE, one path or URL per line (- for stdin; # comments)."
FORMAT_IN_HELP = "Input format (default: by extension, else sniffed): text, markdown, html, jsonl, feed, jsonfeed."
LANG_HELP = "Language for sentence splitting: ISO code (en, de, fr, ...) or name."
STRICT_HELP = "Stop at the first input that cannot be read, parsed or extracted (exit 2, no -o file) instead of skipping it."
ERRORS_HELP = 'Write the skipped inputs to this file as JSON Lines {"input": ..., "reason": ...}.'
QUIET_HELP = "No notes, progress or summary line on stderr (errors still print)."
OUTPUT_HELP = "Write here (atomically) instead of stdout."


def _batch(strict: bool, errors: Optional[str], quiet: bool):
    from summarize.read.batch import Batch

    return Batch(strict=strict, errors_file=errors, quiet=quiet)


def command_inputs(inputs: Optional[List[str]], inputs_from: Optional[List[str]]) -> List[str]:
    """The INPUT arguments plus the lines of each --inputs-from FILE; neither is a usage error."""
    if not inputs and not inputs_from:
        import importlib

        usage_error = _click_class("UsageError")
        click_globals = importlib.import_module(usage_error.__module__.rpartition(".")[0] + ".globals")
        raise usage_error("Missing argument 'INPUT...' (or --inputs-from FILE).",
                          ctx=click_globals.get_current_context(silent=True))
    from summarize.read.remote import command_inputs as listed

    return listed(inputs, inputs_from)
RAY_HELP = ("Run on Ray (the summarize[ray] extra): local (a Ray on this machine), auto (this machine's cluster), "
            "ray://HOST:10001 or HOST:6379. Inputs: files, folders, globs, s3:// and other URIs Ray reads; "
            "JSON Lines, Parquet and every local format. See docs/ray.md.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Read, split, deduplicate and digest articles, offline."""


@app.command()
def split(
    inputs: Optional[List[str]] = typer.Argument(None, help=INPUTS_HELP, metavar="INPUT..."),
    inputs_from: Optional[List[str]] = typer.Option(None, "--inputs-from", help=INPUTS_FROM_HELP, metavar="FILE"),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    input_format: Optional[str] = typer.Option(None, "--input-format", help=FORMAT_IN_HELP),
    with_lines: bool = typer.Option(False, "--lines", help="Prefix each sentence with its source:line (source:entry for JSON Lines and feeds; for HTML, the line of the extracted text)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    errors: Optional[str] = typer.Option(None, "--errors", help=ERRORS_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Print one sentence per line (NLTK Punkt, offline parameters).

    Paragraphs are separated by blank lines; text with no blank line at all has
    one paragraph per line. Line breaks inside a sentence become spaces.

    Exit status: 0 done; 2 usage error, unwritable output or nothing could be read (or any bad
    input with --strict); 3 done, but some inputs were skipped (each named on stderr).
    """
    from summarize.read import check_format
    from summarize.write.sentences import split_inputs

    check_format(input_format)
    inputs = command_inputs(inputs, inputs_from)
    raise typer.Exit(split_inputs(inputs, lang=lang, input_format=input_format, output=output, with_lines=with_lines,
                                  batch=_batch(strict, errors, quiet)))


class CleanFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


@app.command()
def clean(
    inputs: Optional[List[str]] = typer.Argument(None, help=INPUTS_HELP, metavar="INPUT..."),
    inputs_from: Optional[List[str]] = typer.Option(None, "--inputs-from", help=INPUTS_FROM_HELP, metavar="FILE"),
    output_format: CleanFormat = typer.Option(CleanFormat.text, "--format", "-f", help="text: the cleaned article(s); json: title, kept paragraphs and removals (an array for many articles); jsonl: one such object per line."),
    explain: bool = typer.Option(False, "--explain", help="Print FILE:LINE: repeats line M (similarity S) on stderr for every removal."),
    threshold: Optional[float] = typer.Option(None, "--threshold", min=0.0, max=1.0, help="Alignment similarity at which a later sentence or paragraph counts as a restatement (default 0.70, chosen by scripts/eval_clean.py)."),
    min_words: Optional[int] = typer.Option(None, "--min-words", min=1, help="Sentences shorter than this many words are never judged (default 8)."),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    input_format: Optional[str] = typer.Option(None, "--input-format", help=FORMAT_IN_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    errors: Optional[str] = typer.Option(None, "--errors", help=ERRORS_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Remove sentences and paragraphs that repeat an earlier part of the same article.

    Exit status: 0 done; 2 usage error, unwritable output or nothing could be read (or any bad
    input with --strict); 3 done, but some inputs were skipped (each named on stderr).
    """
    from summarize.clean import CleanSettings
    from summarize.write.clean import clean_inputs

    inputs = command_inputs(inputs, inputs_from)
    chosen = {"threshold": threshold, "min_words": min_words}
    settings = CleanSettings(**{k: v for k, v in chosen.items() if v is not None})
    raise typer.Exit(clean_inputs(inputs, output_format.value, settings, lang=lang, input_format=input_format,
                                  output=output, explain=explain, batch=_batch(strict, errors, quiet)))


CHECK_HELP = """Flag paragraphs that repeat another paragraph of the repository (a pre-commit hook).

The FILEs (pre-commit's staged files; every tracked content file when none are given) are compared with each other and with every tracked .md/.rst/.txt/.html file of the git repository. One finding per line, on stdout:

  path:line:col: SUM001 paragraph repeats other/path.md:12 (similarity 0.93)

Codes:
  SUM001  the paragraph repeats a paragraph of another file
  SUM002  the paragraph repeats an earlier paragraph of the same file
  SUM003  a translation's paragraph repeats one of another language (left untranslated; off by default)
  SUM004  the paragraph stands in boilerplate-files (5) files or more: one notice, accepted with one allow line

Which side is the copy: when only one side is among the FILEs, that side; otherwise the paragraph whose file entered the repository later (git history, cached in .git), then the later by path and line. Paragraphs are compared within one language: translation layouts (language folders xx/, xx-YY/, name.<lang>.md) are detected. Similarity is the Jaccard similarity of the two paragraphs' 3-word shingles or, for a shorter paragraph copied into a longer one, the share of it found there (at least 0.9). Front matter, code, tables, link references, HTML comments and headings are never checked, nor paragraphs shorter than --min-words.

Put <!-- summarize: ignore --> (rST: .. summarize: ignore) on the line before a paragraph to never report it. Settings: the nearest summarize.toml, .summarize.toml, or \\[tool.summarize] of a pyproject.toml, keys threshold, containment, min-words, include, exclude (a trailing / matches folders only; node_modules/ and vendor/ always), baseline, per-file-ignores, languages, boilerplate-files, allow (files whose paragraphs may repeat anywhere), select, extend-select, ignore.

Exit status: 0 no repeats; 1 repeats found; 2 usage error (or an unreadable file with --strict); 3 done, but some files could not be read (each named on stderr; 3 wins over 1). A binary file under a content name (an image saved as .md) is passed over with a note."""


@app.command(help=CHECK_HELP)
def check(
    files: Optional[List[str]] = typer.Argument(None, help="Files or folders to check (default: all tracked content files).", metavar="[FILE]..."),
    threshold: Optional[float] = typer.Option(None, "--threshold", min=0.01, max=1.0, help="Jaccard similarity of 3-word shingles that makes a repeat (config key threshold; default 0.5)."),
    min_words: Optional[int] = typer.Option(None, "--min-words", min=3, help="Shorter paragraphs are never checked (config key min-words; default 10)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="JSON file of accepted repeats: only new ones fail (config key baseline)."),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="Record the current repeats of the FILEs in the baseline (default .summarize-baseline.json) and exit 0."),
    config: Optional[str] = typer.Option(None, "--config", help="Config file: summarize.toml, .summarize.toml or a pyproject.toml with \\[tool.summarize] (default: the nearest one from here up to the repository root)."),
    output_format: str = typer.Option("text", "--format", help="text (file:line:col: CODE message), json (one array of findings), or github (GitHub Actions ::error annotations)."),
    select: Optional[str] = typer.Option(None, "--select", help="Only these codes, comma separated (default SUM001,SUM002,SUM004; SUM003, untranslated paragraphs, is off)."),
    extend_select: Optional[str] = typer.Option(None, "--extend-select", help="Add codes to those in force, e.g. SUM003."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Leave out these codes, comma separated."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per code instead of the findings."),
    files_only: bool = typer.Option(False, "--files-only", help="Compare the FILEs with each other only, not with the rest of the repository."),
    stats: bool = typer.Option(False, "--stats", help="Print files, paragraphs, candidate pairs and time on stderr."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read (exit 2) instead of skipping it."),
    errors: Optional[str] = typer.Option(None, "--errors", help=ERRORS_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    from summarize.check import check as run_check
    from summarize.check import write_report_baseline
    from summarize.check.config import parse_codes
    from summarize.check.output import FORMATS, write_findings

    if output_format not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    batch = _batch(strict, errors, quiet)
    codes = {name: parse_codes(value, name) if value else None
             for name, value in (("select", select), ("extend-select", extend_select), ("ignore", ignore))}
    report = run_check(files or [], config_file=config, threshold=threshold, min_words=min_words, baseline=baseline,
                       use_baseline=not write_baseline, repository=not files_only, batch=batch,
                       select=codes["select"], extend_select=codes["extend-select"] or (),
                       ignore=codes["ignore"] or ())
    if stats:
        print(f"summarize: {report.files} files, {report.paragraphs} paragraphs, {report.candidates} candidate pairs, "
              f"{report.verified} verified, {len(report.raw_findings)} repeats, {report.baselined} baselined "
              f"in {report.seconds:.2f}s", file=sys.stderr)
    if write_baseline:
        path, count = write_report_baseline(report, baseline)
        print(f"summarize: baseline {path} now accepts {count} repeat(s)", file=sys.stderr)
        if not baseline and not report.config.baseline:
            print(f'summarize: checks use it with --baseline {path.name}, or baseline = "{path.name}" under '
                  "[tool.summarize] in pyproject.toml", file=sys.stderr)
        return
    write_findings(report.findings, "statistics" if statistics else output_format, sys.stdout)
    if report.findings and not quiet:
        files_with = len({f.key_path for f in report.findings})
        print(f"summarize: {len(report.findings)} repeated paragraph(s) in {files_with} file(s)", file=sys.stderr)
    raise typer.Exit(batch.finish("checked", 1 if report.findings else 0))


# Measured by scripts/eval_dedup.py; tests check these equal summarize.dedup.DEFAULT_THRESHOLD / DEFAULT_MIN_JACCARD.
DEDUP_THRESHOLD = 0.75
DEDUP_MIN_JACCARD = 0.1


@app.command()
def dedup(
    inputs: Optional[List[str]] = typer.Argument(None, help=INPUTS_HELP, metavar="INPUT..."),
    inputs_from: Optional[List[str]] = typer.Option(None, "--inputs-from", help=INPUTS_FROM_HELP, metavar="FILE"),
    output_format: Optional[str] = typer.Option(None, "--format", "-f", help="With --emit report: text (default), md, jsonl (one line per article: id, cluster, duplicate_of, similarity). With --emit unique/new: jsonl (id, title, url, outlet, published, status, cluster, duplicate_of, similarity, text), rss, atom, jsonfeed (default: by -o's extension .xml/.rss/.atom/.json/.jsonl, else the input's feed kind, else jsonl)."),
    emit: str = typer.Option("report", "--emit", help="report: which articles duplicate which; unique: the deduplicated articles themselves; new: only items never seen before (identity not in the --index) that copy nothing seen before -- the cron use."),
    updates: bool = typer.Option(False, "--updates", help="With --emit new: also emit items whose text changed since they were seen."),
    since: Optional[str] = typer.Option(None, "--since", help="Only items published since then: a span (30m, 2h, 3d, 1w) or a date (2026-12-01). Undated items are kept (and counted)."),
    title: Optional[str] = typer.Option(None, "--title", help="Title of a written feed (default: the input feed's; merged: 'summarize: N feeds')."),
    link: Optional[str] = typer.Option(None, "--link", help="Link of a written feed (default: none for a merged feed)."),
    keep: str = typer.Option("first", "--keep", help="With --emit unique: keep each story's first or longest article."),
    threshold: float = typer.Option(DEDUP_THRESHOLD, "--threshold", "-t", help="Similarity (share of the shorter article's word 3-shingles found in the other) from which two articles are copies."),
    min_jaccard: float = typer.Option(DEDUP_MIN_JACCARD, "--min-jaccard", help="Also require this Jaccard similarity of the shingle sets (a quoted paragraph is not a copy)."),
    index: Optional[str] = typer.Option(None, "--index", help="Remember articles across runs: a SQLite file PATH, or redis://HOST:PORT/DB. Default: this run only."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="Processes for hashing large batches (0: one per idle core)."),
    commit_every: int = typer.Option(1000, "--commit-every", min=1, help="With --index: articles per index transaction (a killed run keeps what was committed)."),
    no_boilerplate: bool = typer.Option(False, "--keep-boilerplate", help="Do not drop text blocks shared by many different articles (outlet footers, newsletter blurbs)."),
    input_format: Optional[str] = typer.Option(None, "--input-format", help=FORMAT_IN_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    stories: bool = typer.Option(False, "--stories", help="With --emit report: also group the articles by real-world event (MiniLM + names + dates, as digest --group): a story field per JSON line, a stories section in text/md."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 (not 1) even when duplicates were found."),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    errors: Optional[str] = typer.Option(None, "--errors", help=ERRORS_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Progress and timings on stderr."),
    ray: Optional[str] = typer.Option(None, "--ray", metavar="ADDRESS", help=RAY_HELP + " Not with --index."),
) -> None:
    """Find near-duplicate articles (wire copies, trimmed or edited versions) across all inputs.

    Inputs may be http(s) URLs of feeds and pages, OPML lists and --inputs-from lists. With --index, each URL's ETag/Last-Modified is kept and the feed is asked for conditionally: a feed that answers 304 costs no parsing.

    Identity is not similarity: an item is known by its guid (Atom/JSON Feed/JSON Lines id), else its canonical link (scheme and host lower-cased; utm_*, fbclid, gclid and the fragment removed), else a hash of its text. The same identity again is seen, never a duplicate of itself; with a changed text it is updated (compared again, the index keeps the new text). Near-duplicates are found between different identities.

    The cron use: summarize dedup $(cat feeds.txt) --index ~/news.db --emit new -o new.xml writes each story once: only items never seen before that copy nothing seen before (--updates: also rewritten ones).

    Exit status: 0 no duplicates; 1 duplicates found (with --emit new: among this run's new and updated items); 2 usage error, unwritable output or nothing could be read (or any bad input with --strict); 3 done, but some inputs were skipped (each named on stderr; a URL that fails names the URL and the reason; 3 wins over 1).
    """
    from summarize.dedup import DedupConfig
    from summarize.dedup.command import run_dedup

    inputs = command_inputs(inputs, inputs_from)
    config = DedupConfig(threshold=threshold, min_jaccard=min_jaccard, jobs=jobs, boilerplate=not no_boilerplate,
                         chunk_size=commit_every)
    code = run_dedup(inputs, fmt=output_format, emit=emit, keep=keep, config=config, index_spec=index,
                     input_format=input_format, output=output, exit_zero=exit_zero, quiet=quiet, verbose=verbose,
                     batch=_batch(strict, errors, quiet), updates=updates, since=since, title=title, link=link,
                     stories=stories, ray=ray)
    raise typer.Exit(code)


DIGEST_METHODS = ("embed", "lead", "seq2seq")
DIGEST_FORMATS = ("jsonl", "json", "md", "text")


@app.command()
def digest(
    inputs: Optional[List[str]] = typer.Argument(None, help=INPUTS_HELP, metavar="INPUT..."),
    inputs_from: Optional[List[str]] = typer.Option(None, "--inputs-from", help=INPUTS_FROM_HELP, metavar="FILE"),
    method: str = typer.Option(
        "embed", "--method", "-m",
        help="embed: extractive, MiniLM sentence embeddings with a lead prior (default); "
             "lead: the first sentences, no model; seq2seq: abstractive, a Hugging Face seq2seq model (--model).",
    ),
    model: Optional[str] = typer.Option(
        None, "--model",
        help="embed: a sentence-transformers model (local folder or local HF cache; default: the bundled, "
             "hash-verified all-MiniLM-L6-v2). seq2seq (required): a seq2seq checkpoint folder or cached name.",
    ),
    sentences: Optional[int] = typer.Option(None, "--sentences", "-n", help="Digest length in sentences (default 3)."),
    words: Optional[int] = typer.Option(None, "--words", help="Digest length as a word budget."),
    ratio: Optional[float] = typer.Option(None, "--ratio", help="Digest length as a share (0-1] of the article's sentences."),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f",
        help="jsonl (default for many articles): {id,title,summary,sentences,method,model} per line; "
             "json; md (headline, link, digest); text (default for one article). With --group: md, html, jsonl.",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    resume: bool = typer.Option(False, "--resume", help="Keep the digests already in -o FILE and skip their ids."),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    input_format: Optional[str] = typer.Option(None, "--input-format", help=FORMAT_IN_HELP),
    batch_size: int = typer.Option(64, "--batch-size", help="Articles digested together (their sentences are encoded in one pass)."),
    beams: int = typer.Option(4, "--beams", help="seq2seq: beam search width."),
    max_length: Optional[int] = typer.Option(None, "--max-length", help="seq2seq: most tokens generated per summary (default: from the length); capped at what the model's decoder can generate (its positions - 1, e.g. 1023 for bart-large-cnn; T5 has no cap)."),
    min_length: Optional[int] = typer.Option(None, "--min-length", help="seq2seq: fewest tokens generated per summary (at least 1; never above the most)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    group: bool = typer.Option(False, "--group", help="One entry per story: articles reporting one event (--group-by), most outlets first, then newest; its headline, digest and every source. Formats: md (default), html, jsonl."),
    group_by: str = typer.Option("events", "--group-by", help="With --group: events (articles about one real-world event, near-copies included) or copies (near-copies only, the earlier --group)."),
    min_sources: int = typer.Option(1, "--min-sources", min=1, help="With --group: list only stories carried by at least N distinct outlets."),
    group_threshold: Optional[float] = typer.Option(None, "--group-threshold", min=0.0, max=1.0, help="With --group: containment at which two articles are copies (default: dedup's)."),
    ray: Optional[str] = typer.Option(None, "--ray", metavar="ADDRESS", help=RAY_HELP),
    shards: Optional[int] = typer.Option(None, "--shards", help="With --ray: write N JSON Lines files of consecutive digests into the folder -o names."),
    backend: str = typer.Option(
        "auto", "--backend",
        help="embed's encoder: onnx-int8 (exported once from the verified weights, cached in $SUMMARIZE_CACHE or "
             "~/.cache/summarize; fastest on CPU), "
             "torch (sentence-transformers), or auto (onnx-int8 when onnxruntime is installed).",
    ),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    errors: Optional[str] = typer.Option(None, "--errors", help=ERRORS_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Digest each article: a short extractive (or abstractive) summary, offline.

    Inputs may be http(s) URLs of feeds and article pages (fetched together, a few at a time per host), OPML lists and --inputs-from lists.

    Exit status: 0 done; 2 usage error, unwritable output or nothing could be read (or any bad input with --strict); 3 done, but some inputs were skipped (each named on stderr).
    """
    from summarize.digest.length import Length
    from summarize.digest.run import run_digest

    inputs = command_inputs(inputs, inputs_from)
    if method not in DIGEST_METHODS:
        raise SummarizeError(f"unknown method {method!r}; choose from {', '.join(DIGEST_METHODS)}")
    if fmt is not None and not group and fmt not in DIGEST_FORMATS:
        raise SummarizeError(f"unknown format {fmt!r}; choose from {', '.join(DIGEST_FORMATS)}")
    if group and resume:
        raise SummarizeError("--resume does not apply to --group: the story document is written whole, from all inputs")
    if group_threshold is not None and not group:
        raise SummarizeError("--group-threshold needs --group")
    options: dict = {}
    if method == "seq2seq":
        options = {"beams": beams, "max_length": max_length, "min_length": min_length}
    elif method == "embed":
        options = {"backend": backend}
    if ray is not None:
        if group or resume:
            raise SummarizeError("--ray does not take --group or --resume")
        from summarize.distributed.ray_digest import run_ray_digest

        raise typer.Exit(run_ray_digest(inputs, ray, method=method, model=model, length=Length.from_options(sentences, words, ratio),
                                        fmt=fmt, output=output, shards=shards, lang=lang, input_format=input_format,
                                        batch_size=batch_size, progress=progress, method_options=options,
                                        batch=_batch(strict, errors, quiet)))
    if shards is not None:
        raise SummarizeError("--shards needs --ray")
    if group:
        from summarize.digest.group import run_group_digest

        batch = _batch(strict, errors, quiet)
        raise typer.Exit(run_group_digest(inputs, method=method, model=model, length=Length.from_options(sentences, words, ratio), fmt=fmt,
                         output=output, lang=lang, input_format=input_format, threshold=group_threshold,
                         batch_size=batch_size, method_options=options, batch=batch,
                                         group_by=group_by, min_sources=min_sources))
    raise typer.Exit(run_digest(
        inputs,
        method=method,
        model=model,
        length=Length.from_options(sentences, words, ratio),
        fmt=fmt,
        output=output,
        resume=resume,
        lang=lang,
        input_format=input_format,
        batch_size=batch_size,
        progress=False if quiet else progress,
        method_options=options,
        batch=_batch(strict, errors, quiet),
    ))


def _click_class(name: str) -> type:
    """Click's exception class ``name``, from whichever Click this Typer uses (recent Typers vendor it)."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


def _usage_line(exc: Exception) -> str:
    """A usage error as one line: what is wrong, and where the help is."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "summarize"
    command = where.partition(" ")[2]
    message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
    return f"summarize: {command + ': ' if command else ''}{message} (see '{where} --help')"


def main(argv: Optional[List[str]] = None) -> None:
    """Entry point. Every error a user can cause -- a bad option, an unreadable input, an
    output that cannot be written -- is one line on stderr and exit 2; Ctrl-C is one line
    and exit 130 (``kill``: exit 143, the run cleaned up the same way); a closed pipe
    (``summarize split big.jsonl | head``) ends quietly, exit 0; an OS error (a full disk)
    is one line and exit 2.

    Typer's own runner would draw a framed, multi-line box for usage errors and exit 1 on
    a closed pipe, so the command is invoked here instead (what the runner does, without
    shell completion, which the app does not offer)."""
    nltk_import.enable()  # this process is ours: NLTK without its unused scipy/sklearn imports
    signal.signal(signal.SIGTERM, _terminate)
    usage_error, click_exception = _click_class("UsageError"), _click_class("ClickException")
    args = sys.argv[1:] if argv is None else list(argv)
    command = typer.main.get_command(app)
    args = _dash_files(command, args)
    code = 0
    try:
        with command.make_context("summarize", args) as ctx:
            command.invoke(ctx)
        sys.stdout.flush()  # a full disk or closed pipe is reported here, not at interpreter exit
    except typer.Exit as exc:  # --help, --version, a command's own exit code
        code = exc.exit_code
    except usage_error as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:  # bare "summarize": the help
            text = ctx.get_help()  # Typer's rich help prints itself and returns ""
            if text:
                print(text)
        else:
            print(_usage_line(exc), file=sys.stderr)
        code = 2
    except click_exception as exc:
        print(f"summarize: {' '.join(exc.format_message().split())}", file=sys.stderr)
        code = exc.exit_code
    except SummarizeError as exc:
        print(f"summarize: {exc}", file=sys.stderr)
        code = 2
    except ImportError as exc:  # an install that lacks a package: say which, not a traceback
        print(f"summarize: a required package is missing ({exc}); reinstall summarize with its extras "
              "(pip install -e '.[ml]')", file=sys.stderr)
        code = 2
    except (KeyboardInterrupt, typer.Abort):
        print("summarize: interrupted", file=sys.stderr)
        code = 130
    except Terminated:
        print("summarize: terminated", file=sys.stderr)
        code = 143
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # the reader went away: nothing more to say
            code = 0
        else:  # a full disk, a vanished file...: an environment problem, still one line
            print(f"summarize: {exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}", file=sys.stderr)
            code = 2
        _quiet_stdout()
    sys.exit(code)


def _dash_files(command, args: List[str]) -> List[str]:
    """A file whose name starts with '-' (pre-commit passes a staged ``-dash.md`` as is) is
    an input, not an option: an argument that is no option of its command but names an
    existing file is passed on as ``./-dash.md``."""
    sub = command.commands.get(args[0]) if args and hasattr(command, "commands") else None
    if sub is None:
        return args
    options = {opt for param in sub.params for opt in (*param.opts, *param.secondary_opts)} | {"-h", "--help"}
    fixed = args[:1]
    for i, arg in enumerate(args[1:], 1):
        if arg == "--":
            return fixed + args[i:]
        name = arg.split("=", 1)[0]
        if arg.startswith("-") and arg != "-" and name not in options and os.path.lexists(arg):
            arg = os.path.join(".", arg)
        fixed.append(arg)
    return fixed


def _quiet_stdout() -> None:
    """After a failed write to stdout, flushing it again at interpreter exit would fail again
    (and print "Exception ignored ..."): what cannot be written goes to /dev/null."""
    try:
        sys.stdout.flush()
    except OSError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _terminate(signum, frame) -> None:
    raise Terminated()
