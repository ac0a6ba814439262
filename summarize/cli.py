"""The command line: each command's options, declared; :mod:`summarize.commands` runs them.

Every command passes its options by name to ``summarize.commands.<name>.run_<name>``
(:func:`_run`), which returns the exit status. Heavy libraries (torch, transformers, numpy) are imported inside the
commands and backends that need them, never at start-up: ``summarize --help`` stays fast.
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import Annotated, List, Optional

import typer

from summarize import __version__
from summarize.commands.help import Command, Group

app = typer.Typer(
    name="summarize",
    cls=Group,
    help="Read, split, deduplicate and digest articles, offline.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class InputFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    jsonl = "jsonl"
    feed = "feed"
    jsonfeed = "jsonfeed"


class CleanFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class DedupFormat(str, Enum):
    text = "text"
    md = "md"
    markdown = "markdown"  # read as md (see _run)
    jsonl = "jsonl"
    rss = "rss"
    atom = "atom"
    jsonfeed = "jsonfeed"


class Emit(str, Enum):
    report = "report"
    unique = "unique"
    new = "new"


class Keep(str, Enum):
    first = "first"
    longest = "longest"


class Method(str, Enum):
    embed = "embed"
    lead = "lead"
    seq2seq = "seq2seq"


class DigestFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    md = "md"
    markdown = "markdown"  # read as md (see _run)
    text = "text"
    html = "html"


class GroupBy(str, Enum):
    events = "events"
    copies = "copies"


class Backend(str, Enum):
    auto = "auto"
    onnx_int8 = "onnx-int8"
    torch = "torch"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


# Measured by scripts/eval_dedup.py; tests check these equal summarize.dedup.DEFAULT_THRESHOLD / DEFAULT_MIN_JACCARD
# (the dedup engine, and numpy with it, is not imported for --help).
DEDUP_THRESHOLD = 0.75
DEDUP_MIN_JACCARD = 0.1

INPUT, OUTPUT, RUN = "Input", "Output", "Run"
EXIT_STATUS = ("Exit status: 0 done; 2 usage error, unwritable output or nothing could be read (or any bad input "
               "with --strict); 3 done, but some inputs were skipped (each named on stderr).")

# Options several commands share.
Inputs = Annotated[Optional[List[str]], typer.Argument(
    help="Files, folders (recursive), JSON Lines, RSS/Atom/JSON Feed, OPML lists, http(s) URLs of feeds and "
         "pages, or - for stdin.", metavar="INPUT", show_default=False, rich_help_panel=INPUT)]
InputsFrom = Annotated[Optional[List[str]], typer.Option(
    "--inputs-from", metavar="FILE", rich_help_panel=INPUT,
    help="Also read the inputs listed in FILE, one per line (- for stdin).")]
InputFormatOption = Annotated[Optional[InputFormat], typer.Option(
    "--input-format", metavar="FORMAT", rich_help_panel=INPUT,
    help="text, markdown, html, jsonl, feed or jsonfeed (default: by extension, else sniffed).")]
Lang = Annotated[Optional[str], typer.Option("--lang", "-l", metavar="LANG", rich_help_panel=INPUT,
                                   help="Language of the sentences: ISO code (en, de, ...) or name. Default: the "
                                        "language each input declares (<html lang>, a feed's, a JSON Lines \"lang\"), "
                                        "else English.")]
Output = Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", rich_help_panel=OUTPUT,
                                               help="Write here (atomically) instead of stdout.")]
Strict = Annotated[bool, typer.Option("--strict", rich_help_panel=RUN,
                                      help="Stop at the first input that cannot be read (exit 2, no output).")]
Errors = Annotated[Optional[str], typer.Option("--errors", metavar="FILE", rich_help_panel=RUN,
                                               help='Write the skipped inputs as JSON Lines {"input", "reason"}.')]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", rich_help_panel=RUN,
                                     help="No notes, progress or summary on stderr (errors still print).")]
Ray = Annotated[Optional[str], typer.Option(
    "--ray", metavar="[ADDRESS]", rich_help_panel="Ray",
    help="Run on Ray (the summarize[ray] extra): local (a bare --ray), auto, ray://HOST:10001 or HOST:6379. "
         "See docs/ray.md.")]


def _run(command: str, options: dict) -> None:
    """Call ``summarize.commands.<command>.run_<command>(**options)`` and exit with its status."""
    module = importlib.import_module(f"summarize.commands.{command}")
    # "markdown" is the input format's name for it: the same word names the output format md
    options = {k: type(v)("md") if isinstance(v, Enum) and v.value == "markdown" else v for k, v in options.items()}
    raise typer.Exit(getattr(module, f"run_{command}")(**options))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Read, split, deduplicate and digest articles, offline."""


@app.command(cls=Command)
def split(
    inputs: Inputs = None,
    inputs_from: InputsFrom = None,
    lang: Lang = None,
    input_format: InputFormatOption = None,
    with_lines: Annotated[bool, typer.Option(
        "--lines", rich_help_panel=OUTPUT, help="Prefix each sentence with its source:line.")] = False,
    output: Output = None,
    strict: Strict = False,
    errors: Errors = None,
    quiet: Quiet = False,
) -> None:
    """Print one sentence per line (NLTK Punkt, offline parameters).

    Paragraphs are separated by blank lines; text with no blank line at all has one paragraph per
    line. Line breaks inside a sentence become spaces. With --lines, the prefix is source:line
    (source:entry for JSON Lines and feeds; for HTML, the line of the extracted text).

    Limits per input, set in the environment: SUMMARIZE_MAX_INPUT_MB (512) bytes read,
    SUMMARIZE_MAX_DECOMPRESSED_MB (512) once a .gz/.bz2/.xz input is expanded,
    SUMMARIZE_MAX_JSON_DEPTH (200) JSON nesting; an input past one is skipped with its reason.

    Exit status: 0 done; 2 usage error, unwritable output or nothing could be read (or any bad
    input with --strict); 3 done, but some inputs were skipped (each named on stderr).
    """
    _run("split", locals())


@app.command(cls=Command)
def clean(
    inputs: Inputs = None,
    inputs_from: InputsFrom = None,
    output_format: Annotated[CleanFormat, typer.Option(
        "--format", "-f", metavar="FORMAT", rich_help_panel=OUTPUT,
        help="text (the cleaned articles), json (kept paragraphs and removals), jsonl (one object per article).")
    ] = CleanFormat.text,
    explain: Annotated[bool, typer.Option(
        "--explain", rich_help_panel=OUTPUT, help="Print FILE:LINE: repeats line M (similarity S) for every removal.")
    ] = False,
    threshold: Annotated[Optional[float], typer.Option(
        "--threshold", min=0.0, max=1.0, metavar="X", rich_help_panel="Matching",
        help="Alignment similarity at which a later sentence restates an earlier one (default 0.70).")] = None,
    min_words: Annotated[Optional[int], typer.Option(
        "--min-words", min=1, metavar="N", rich_help_panel="Matching",
        help="Sentences shorter than this are never judged (default 8).")] = None,
    lang: Lang = None,
    input_format: InputFormatOption = None,
    output: Output = None,
    strict: Strict = False,
    errors: Errors = None,
    quiet: Quiet = False,
) -> None:
    """Remove sentences and paragraphs that repeat an earlier part of the same article.

    A later sentence or paragraph that restates an earlier one, verbatim or lightly paraphrased,
    is removed; the first occurrence stays. Text and Markdown come back as the file itself minus
    the removed spans. The defaults were chosen by scripts/eval_clean.py (docs/clean.md).

    Limits per input, set in the environment: SUMMARIZE_MAX_INPUT_MB (512) bytes read,
    SUMMARIZE_MAX_DECOMPRESSED_MB (512) once a .gz/.bz2/.xz input is expanded,
    SUMMARIZE_MAX_JSON_DEPTH (200) JSON nesting; an input past one is skipped with its reason.

    Exit status: 0 done, nothing repeated; 1 done, repeats removed; 2 usage error, unwritable
    output or nothing could be read (or any bad input with --strict); 3 done, but some inputs were
    skipped (each named on stderr; 3 wins over 1).
    """
    _run("clean", locals())


@app.command(cls=Command)
def check(
    files: Annotated[Optional[List[str]], typer.Argument(
        metavar="FILE", show_default=False, rich_help_panel="Files",
        help="Files or folders to check (default: every tracked content file).")] = None,
    files_only: Annotated[bool, typer.Option(
        "--files-only", rich_help_panel="Files", help="Compare the FILEs with each other only.")] = False,
    config: Annotated[Optional[str], typer.Option(
        "--config", metavar="FILE", rich_help_panel="Files",
        help="summarize.toml, .summarize.toml or a pyproject.toml (default: the nearest).")] = None,
    threshold: Annotated[Optional[float], typer.Option(
        "--threshold", min=0.01, max=1.0, metavar="X", rich_help_panel="Matching",
        help="Jaccard similarity of 3-word shingles that makes a repeat (default 0.5); an edited "
             "copy in another file needs at least this share of its words in order as well.")] = None,
    min_words: Annotated[Optional[int], typer.Option(
        "--min-words", min=3, metavar="N", rich_help_panel="Matching",
        help="Shorter paragraphs are never checked (default 10).")] = None,
    baseline: Annotated[Optional[str], typer.Option(
        "--baseline", metavar="FILE", rich_help_panel="Baseline",
        help="JSON file of accepted repeats: only new ones fail.")] = None,
    write_baseline: Annotated[bool, typer.Option(
        "--write-baseline", rich_help_panel="Baseline",
        help="Accept the current repeats (in .summarize-baseline.json by default) and exit 0.")] = False,
    select: Annotated[Optional[str], typer.Option(
        "--select", metavar="CODES", rich_help_panel="Codes",
        help="Only these codes, comma separated (default SUM001,SUM002,SUM004).")] = None,
    extend_select: Annotated[Optional[str], typer.Option(
        "--extend-select", metavar="CODES", rich_help_panel="Codes",
        help="Add codes to those in force, e.g. SUM003.")] = None,
    ignore: Annotated[Optional[str], typer.Option(
        "--ignore", metavar="CODES", rich_help_panel="Codes", help="Leave out these codes.")] = None,
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", metavar="FORMAT", rich_help_panel=OUTPUT,
        help="text (file:line:col: CODE message), json, or github (Actions annotations).")] = CheckFormat.text,
    statistics: Annotated[bool, typer.Option(
        "--statistics", rich_help_panel=OUTPUT, help="Print the number of findings per code instead.")] = False,
    stats: Annotated[bool, typer.Option(
        "--stats", rich_help_panel=OUTPUT, help="Print files, paragraphs, pairs and time on stderr.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", rich_help_panel=RUN, help="Stop at the first file that cannot be read (exit 2).")] = False,
    errors: Errors = None,
    quiet: Quiet = False,
) -> None:
    """Flag paragraphs that repeat another paragraph of the repository (a pre-commit hook).

    The FILEs (pre-commit's staged files) are compared with each other and with every tracked
    .md/.rst/.txt/.html file of the git repository. One finding per line, on stdout:

      path:line:col: SUM001 paragraph repeats other/path.md:12 (similarity 0.93)

    Codes:
      SUM001  the paragraph repeats a paragraph of another file
      SUM002  the paragraph repeats an earlier paragraph of the same file
      SUM003  a translation's paragraph left in another language (off by default)
      SUM004  a paragraph in boilerplate-files (5) files or more: one notice

    A repeat: 3-word shingles alike (--threshold), a paragraph contained in another, or, between
    two files, an edited copy (85% of its words in order; edit-ratio in the settings).

    Which side is the copy: when only one side is among the FILEs, that side; otherwise the
    paragraph whose file entered the repository later (git history, cached in .git), then the
    later by path and line. Paragraphs are compared within one language (language folders xx/,
    xx-YY/ and name.<lang>.md are detected). Front matter, code, tables, template syntax and
    headings are never checked. Put <!-- summarize: ignore --> (rST: .. summarize: ignore) on
    the line before a paragraph to never report it.

    Settings: the nearest summarize.toml, .summarize.toml or [tool.summarize] of pyproject.toml
    (keys: docs/configuration.md).

    Limits per input, set in the environment: SUMMARIZE_MAX_INPUT_MB (512) bytes read,
    SUMMARIZE_MAX_DECOMPRESSED_MB (512) once a .gz/.bz2/.xz input is expanded,
    SUMMARIZE_MAX_JSON_DEPTH (200) JSON nesting; an input past one is skipped with its reason.

    Exit status: 0 no repeats; 1 repeats found; 2 usage error (or an unreadable file with
    --strict); 3 done, but some files could not be read (each named on stderr; 3 wins over 1).
    """
    _run("check", locals())


@app.command(cls=Command)
def dedup(
    inputs: Inputs = None,
    inputs_from: InputsFrom = None,
    input_format: InputFormatOption = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="WHEN", rich_help_panel=INPUT,
        help="Only items published since: 30m, 2h, 3d, 1w or a date (undated items are kept).")] = None,
    emit: Annotated[Emit, typer.Option(
        "--emit", metavar="WHAT", rich_help_panel=OUTPUT,
        help="report (who copies whom), unique (the deduplicated articles) or new (only never-seen "
             "items that copy nothing seen: the cron use).")] = Emit.report,
    output_format: Annotated[Optional[DedupFormat], typer.Option(
        "--format", "-f", metavar="FORMAT", rich_help_panel=OUTPUT,
        help="report: text, md (or markdown) or jsonl; unique/new: jsonl, rss, atom or jsonfeed (default: by -o's "
             "extension, else the input feed's kind).")] = None,
    output: Output = None,
    updates: Annotated[bool, typer.Option(
        "--updates", rich_help_panel=OUTPUT, help="With --emit new: also items whose text changed.")] = False,
    keep: Annotated[Keep, typer.Option(
        "--keep", metavar="WHICH", rich_help_panel=OUTPUT,
        help="With --emit unique: each story's first or longest article.")] = Keep.first,
    title: Annotated[Optional[str], typer.Option(
        "--title", metavar="TEXT", rich_help_panel=OUTPUT,
        help="Title of a written feed (merged default: 'summarize: N feeds').")] = None,
    link: Annotated[Optional[str], typer.Option(
        "--link", metavar="URL", rich_help_panel=OUTPUT, help="Link of a written feed.")] = None,
    stories: Annotated[bool, typer.Option(
        "--stories", rich_help_panel=OUTPUT,
        help="With --emit report: also group the articles by real-world event (as digest --group; "
             "with --index, stories continue across runs).")] = False,
    threshold: Annotated[float, typer.Option(
        "--threshold", "-t", metavar="X", rich_help_panel="Matching",
        help="Share of the shorter article's word 3-shingles found in the other that makes a copy.")
    ] = DEDUP_THRESHOLD,
    min_jaccard: Annotated[float, typer.Option(
        "--min-jaccard", metavar="X", rich_help_panel="Matching",
        help="Also require this Jaccard similarity (a quoted paragraph is not a copy).")] = DEDUP_MIN_JACCARD,
    no_boilerplate: Annotated[bool, typer.Option(
        "--keep-boilerplate", rich_help_panel="Matching",
        help="Keep text blocks shared by many different articles (outlet footers).")] = False,
    index: Annotated[Optional[str], typer.Option(
        "--index", metavar="PATH|URL", rich_help_panel="Index",
        help="Remember articles across runs: a SQLite file, or redis://HOST:PORT/DB.")] = None,
    commit_every: Annotated[int, typer.Option(
        "--commit-every", min=1, metavar="N", rich_help_panel="Index",
        help="Articles per index transaction (a killed run keeps what was committed).")] = 1000,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, metavar="N", rich_help_panel=RUN,
        help="Processes for hashing large batches (0: one per core not fully busy, by the load average).")] = 0,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", rich_help_panel=RUN, help="Exit 0 (not 1) even when duplicates were found.")] = False,
    strict: Strict = False,
    errors: Errors = None,
    quiet: Quiet = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", rich_help_panel=RUN, help="Progress and timings on stderr.")] = False,
    ray: Annotated[Optional[str], typer.Option(
        "--ray", metavar="[ADDRESS]", rich_help_panel="Ray",
        help="Run on Ray (the summarize[ray] extra): local (a bare --ray), auto, ray://HOST:10001 or "
             "HOST:6379; not with --index. See docs/ray.md.")] = None,
) -> None:
    """Find near-duplicate articles (wire copies, trimmed or edited versions) across all inputs.

    Identity is not similarity: an item is known by its guid (feed or JSON Lines id), else its
    canonical link (utm_*, fbclid, gclid and the fragment removed), else a hash of its text. The
    same identity again is seen, never a duplicate of itself; with a changed text it is updated
    and compared again. Near-duplicates are found between different identities.

    With --index, each URL's ETag/Last-Modified is kept and feeds are asked for conditionally: a
    feed that answers 304 costs no parsing. The cron use:

      summarize dedup $(cat feeds.txt) --index ~/news.db --emit new -o new.xml

    writes each story once: only items never seen before that copy nothing seen before.

    Limits per input, set in the environment: SUMMARIZE_MAX_INPUT_MB (512) bytes read,
    SUMMARIZE_MAX_DECOMPRESSED_MB (512) once a .gz/.bz2/.xz input is expanded,
    SUMMARIZE_MAX_JSON_DEPTH (200) JSON nesting; an input past one is skipped with its reason.

    Exit status: 0 no duplicates; 1 duplicates found (with --emit new: among this run's new and
    updated items); 2 usage error, unwritable output or nothing could be read (or any bad input
    with --strict); 3 done, but some inputs were skipped (each named on stderr; 3 wins over 1).
    """
    _run("dedup", locals())


@app.command(cls=Command)
def digest(
    inputs: Inputs = None,
    inputs_from: InputsFrom = None,
    lang: Lang = None,
    input_format: InputFormatOption = None,
    method: Annotated[Method, typer.Option(
        "--method", "-m", metavar="METHOD", rich_help_panel="Method",
        help="embed (MiniLM sentence embeddings with a lead prior), lead (the first sentences, no model) "
             "or seq2seq (abstractive, a local Hugging Face checkpoint: --model).")] = Method.embed,
    model: Annotated[Optional[str], typer.Option(
        "--model", metavar="PATH|NAME", rich_help_panel="Method",
        help="embed: a sentence-transformers model (default: the bundled, verified all-MiniLM-L6-v2); "
             "seq2seq (required): a local or cached checkpoint.")] = None,
    backend: Annotated[Backend, typer.Option(
        "--backend", metavar="BACKEND", rich_help_panel="Method",
        help="embed's encoder: onnx-int8 (fastest on CPU), torch, or auto (onnx-int8 when "
             "onnxruntime is installed).")] = Backend.auto,
    beams: Annotated[int, typer.Option(
        "--beams", metavar="N", rich_help_panel="Method", help="seq2seq: beam search width.")] = 4,
    max_length: Annotated[Optional[int], typer.Option(
        "--max-length", metavar="N", rich_help_panel="Method",
        help="seq2seq: most tokens per summary (capped at what the decoder can generate).")] = None,
    min_length: Annotated[Optional[int], typer.Option(
        "--min-length", metavar="N", rich_help_panel="Method",
        help="seq2seq: fewest tokens per summary.")] = None,
    sentences: Annotated[Optional[int], typer.Option(
        "--sentences", "-n", metavar="N", rich_help_panel="Length",
        help="Digest length in sentences (default 3).")] = None,
    words: Annotated[Optional[int], typer.Option(
        "--words", metavar="N", rich_help_panel="Length", help="Digest length as a word budget.")] = None,
    ratio: Annotated[Optional[float], typer.Option(
        "--ratio", metavar="X", rich_help_panel="Length",
        help="Digest length as a share (0-1] of the article's sentences.")] = None,
    fmt: Annotated[Optional[DigestFormat], typer.Option(
        "--format", "-f", metavar="FORMAT", rich_help_panel=OUTPUT,
        help="jsonl, json, md (or markdown) or text (default: by -o's extension; jsonl for many articles, text for one); "
             "with --group: md, html or jsonl.")] = None,
    output: Output = None,
    resume: Annotated[bool, typer.Option(
        "--resume", rich_help_panel=OUTPUT,
        help="Keep the digests already in -o FILE and skip their ids.")] = False,
    group: Annotated[bool, typer.Option(
        "--group", rich_help_panel="Stories",
        help="One entry per story (articles reporting one event): headline, digest, every source.")] = False,
    group_by: Annotated[GroupBy, typer.Option(
        "--group-by", metavar="WHAT", rich_help_panel="Stories",
        help="events (one real-world event) or copies (near-copies only).")] = GroupBy.events,
    min_sources: Annotated[int, typer.Option(
        "--min-sources", min=1, metavar="N", rich_help_panel="Stories",
        help="List only stories carried by at least N distinct outlets.")] = 1,
    group_threshold: Annotated[Optional[float], typer.Option(
        "--group-threshold", min=0.0, max=1.0, metavar="X", rich_help_panel="Stories",
        help="Containment at which two articles are copies (default: dedup's).")] = None,
    index: Annotated[Optional[str], typer.Option(
        "--index", metavar="PATH|URL", rich_help_panel="Stories",
        help="Keep the stories in this SQLite file or redis:// URL: later runs continue them.")] = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", metavar="N", rich_help_panel=RUN,
        help="Articles digested together (their sentences encoded in one pass).")] = 64,
    progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", rich_help_panel=RUN,
        help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
    strict: Strict = False,
    errors: Errors = None,
    quiet: Quiet = False,
    ray: Ray = None,
    shards: Annotated[Optional[int], typer.Option(
        "--shards", metavar="N", rich_help_panel="Ray",
        help="With --ray: N JSON Lines files of consecutive digests in the folder -o names.")] = None,
) -> None:
    """Digest each article: a short extractive (or abstractive) summary, offline.

    Every method digests the cleaned article (summarize clean), so a restated lead never appears
    twice; chosen sentences keep article order. Inputs may be URLs of feeds and article pages
    (fetched together, a few at a time per host), OPML lists and --inputs-from lists. Methods,
    formats and figures: docs/digest.md.

    Limits per input, set in the environment: SUMMARIZE_MAX_INPUT_MB (512) bytes read,
    SUMMARIZE_MAX_DECOMPRESSED_MB (512) once a .gz/.bz2/.xz input is expanded,
    SUMMARIZE_MAX_JSON_DEPTH (200) JSON nesting; an input past one is skipped with its reason.

    Exit status: 0 done; 2 usage error, unwritable output or nothing could be read (or any bad
    input with --strict); 3 done, but some inputs were skipped (each named on stderr).
    """
    _run("digest", locals())


def main(argv: Optional[List[str]] = None) -> None:
    """The ``summarize`` program: the app run so that every error a user can cause is one line."""
    from summarize.commands.entry import run

    run(app, argv)
