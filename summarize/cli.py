"""The command line: parses options and calls the library. No logic lives here.

Heavy libraries (torch, transformers) are imported inside the backends that need
them, never at start-up: ``summarize --help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from summarize import __version__
from summarize.errors import SummarizeError

app = typer.Typer(
    name="summarize",
    help="Read, split, deduplicate and digest articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

INPUTS_HELP = "Files, folders (recursive), JSON Lines, RSS/Atom/JSON Feed, or - for stdin."
FORMAT_IN_HELP = "Input format (default: by extension, else sniffed): text, markdown, html, jsonl, feed, jsonfeed."
LANG_HELP = "Language for sentence splitting: ISO code (en, de, fr, ...) or name."


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
    inputs: List[str] = typer.Argument(..., help=INPUTS_HELP, metavar="INPUT..."),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    input_format: Optional[str] = typer.Option(None, "--input-format", help=FORMAT_IN_HELP),
    with_lines: bool = typer.Option(False, "--lines", help="Prefix each sentence with its source:line."),
) -> None:
    """Print one sentence per line (NLTK Punkt, offline parameters)."""
    from summarize.read import read_inputs
    from summarize.split import fill_sentences, sentence_tokenizer

    sentence_tokenizer(lang)  # an unknown language fails before any input is read
    for article in read_inputs(inputs, input_format):
        fill_sentences(article, lang)
        for sentence in article.sentences:
            text = " ".join(sentence.text.split())
            typer.echo(f"{article.location(sentence.line)}: {text}" if with_lines else text)


class CleanFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


@app.command()
def clean(
    inputs: List[str] = typer.Argument(..., help=INPUTS_HELP, metavar="INPUT..."),
    output_format: CleanFormat = typer.Option(CleanFormat.text, "--format", "-f", help="text: the cleaned article(s); json: title, kept paragraphs and removals (an array for many articles); jsonl: one such object per line."),
    explain: bool = typer.Option(False, "--explain", help="Print FILE:LINE: repeats line M (similarity S) on stderr for every removal."),
    threshold: float = typer.Option(0.70, "--threshold", min=0.0, max=1.0, help="Alignment similarity at which a later sentence or paragraph counts as a restatement."),
    min_words: int = typer.Option(6, "--min-words", min=1, help="Sentences shorter than this are never judged."),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    input_format: Optional[str] = typer.Option(None, "--input-format", help=FORMAT_IN_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
) -> None:
    """Remove sentences and paragraphs that repeat an earlier part of the same article."""
    from summarize.clean import CleanSettings
    from summarize.write.clean import clean_inputs

    settings = CleanSettings(threshold=threshold, min_words=min_words)
    clean_inputs(inputs, output_format.value, settings, lang=lang, input_format=input_format, output=output, explain=explain)


def main() -> None:
    """Entry point: run the app, turning user errors into one line on stderr and exit 2."""
    try:
        app()
    except SummarizeError as exc:
        print(f"summarize: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("summarize: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
