"""A run over many inputs: each input is read, or skipped with its reason.

One bad input (unreadable, unparsable, nothing extracted) never sinks a batch: it is
named on stderr with the reason, the rest is processed and written, a summary line
ends the run ("144 of 145 inputs digested; 1 skipped") and the exit status is 3.
``strict`` restores stop-at-first-error (exit 2, no ``-o`` file written); ``errors_file``
receives the skipped inputs as JSON Lines ``{"input", "reason"}``. Every command and
every input kind (files, folders, stdin, URLs) reports through :meth:`Batch.skip`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from summarize.document import Article
from summarize.errors import InputError, OutputError, PartialInput, SummarizeError

EXIT_OK, EXIT_SKIPPED = 0, 3
# Errors that stop a run whatever input is at hand: an install problem, an unwritable output.
_NOT_THE_INPUTS_FAULT = (KeyboardInterrupt, GeneratorExit, ImportError, OutputError, BrokenPipeError)


def reason_of(exc: BaseException, source: str) -> str:
    """Why ``source`` could not be used, as a short phrase (the input's own name left out)."""
    if isinstance(exc, MemoryError):
        return "too large to hold in memory"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, OSError) and not isinstance(exc, InputError):
        return f"cannot read ({exc.strerror or exc})"
    message = " ".join(str(exc).split())
    if not isinstance(exc, SummarizeError):
        message = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    for prefix in (f"{source}: ", f"{source}:"):
        if message.startswith(prefix):
            rest = message[len(prefix):]
            head, sep, tail = rest.partition(": ")
            return f"line {head}: {tail}" if sep and head.isdigit() else rest
    return message


@dataclass
class Batch:
    """The inputs of one run: how many were tried, which were skipped and why; and the articles
    worked on once read, which of them failed there and why."""

    strict: bool = False
    errors_file: str | None = None
    quiet: bool = False
    inputs: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0  # articles worked on (:meth:`working`)
    failed: list[tuple[str, str]] = field(default_factory=list)
    partial: list[tuple[str, str]] = field(default_factory=list)  # inputs read up to a flaw (a truncated feed)
    _held: tuple[str, str, str] | None = None  # the first problem (source, reason, message), said once the run goes on

    @contextmanager
    def attempt(self, source: str) -> Iterator[None]:
        """Count ``source`` as an input; an error inside the block skips it (or, strict, stops the run)."""
        self.inputs += 1
        self._say_held()
        with _guarded(lambda exc: self._in_part(source, exc) if isinstance(exc, PartialInput) and not self.strict
                      else self.skip(source, reason_of(exc, source), str(exc) if isinstance(exc, SummarizeError) else None)):
            yield

    def _in_part(self, source: str, exc: PartialInput) -> None:
        """An input read up to a flaw: what was read stays in the run, the flaw is named (exit 3)."""
        self.partial.append((source, reason_of(exc, source)))
        self._say_held()
        print(f"summarize: {exc}", file=sys.stderr)

    @contextmanager
    def working(self, article: Article) -> Iterator[None]:
        """Work on one article already read (cleaning, splitting, digesting it): a failure of its
        own -- too large to hold in memory, nested too deeply, an error its text brings out -- skips
        that article, named on stderr with the reason, and the run goes on (strict: stops it)."""
        self.articles += 1
        if self.articles > 1:
            self._say_held()
        with _guarded(lambda exc: self._fail(article, exc)):
            yield

    def _fail(self, article: Article, exc: Exception) -> None:
        source = article.source or article.id
        if article.source_line is not None:
            source = f"{source}:{article.source_line}"
        reason = reason_of(exc, source)
        message = f"{source}: {reason}"
        if self.strict:
            raise InputError(message) from None
        self.failed.append((source, reason))
        self._tell(source, reason, message, alone=self.articles == 1 and self.inputs <= 1)

    def skip(self, source: str, reason: str, message: str | None = None) -> None:
        """Name a skipped input on stderr; with ``strict``, stop the run instead. ``message`` is
        the error as a run of this one input alone would state it (default ``source: reason``)."""
        message = message or f"{source}: {reason}"
        if self.strict:
            raise InputError(message)
        self.skipped.append((source, reason))
        self._tell(source, reason, message, alone=self.inputs <= 1 and len(self.skipped) == 1)

    def _tell(self, source: str, reason: str, message: str, alone: bool) -> None:
        if alone:
            self._held = (source, reason, message)  # a run of one bad input is one error line, not a skip and a summary
        else:
            self._say_held()
            print(f"summarize: skipped {source}: {reason}", file=sys.stderr)

    def _say_held(self) -> None:
        if self._held is not None:
            source, reason, _ = self._held
            print(f"summarize: skipped {source}: {reason}", file=sys.stderr)
            self._held = None

    def note(self, message: str) -> None:
        """A one-line remark on stderr, silenced by ``--quiet``."""
        if not self.quiet:
            print(f"summarize: {message}", file=sys.stderr)

    def finish(self, verb: str, code: int = EXIT_OK) -> int:
        """End the run: write ``errors_file``, print the summary line and return the exit status:
        ``code`` (0 nothing found, 1 found), or 3 when inputs or articles were skipped (3 wins over 1).
        Nothing done (every input skipped, or every article worked on failed) is an error (exit 2):
        call this inside the ``-o`` block so that such a run writes no file."""
        if self.errors_file:
            self._write_errors()
        if not self.skipped and not self.failed:
            if not self.partial:
                return code
            if not self.quiet:
                print(f"summarize: {self.inputs - len(self.partial)} of {self.inputs} input{'s' if self.inputs != 1 else ''} "
                      f"{verb} whole; {len(self.partial)} read in part", file=sys.stderr)
            return EXIT_SKIPPED
        done = self.inputs - len(self.skipped)
        worked = self.articles - len(self.failed)
        if not done or (self.failed and not worked):
            if self._held is not None:
                raise InputError(self._held[2])
            self._say_held()
            problems = len(self.skipped) + len(self.failed)
            raise SummarizeError(f"no input could be {'read' if not self.failed else verb} ({problems} skipped)")
        self._say_held()
        if not self.quiet:
            plural = "s" if self.inputs != 1 else ""
            if self.failed:
                line = f"{worked} of {self.articles} article{'s' if self.articles != 1 else ''} {verb}; {len(self.failed)} skipped"
                if self.skipped:
                    line += f"; {len(self.skipped)} of {self.inputs} input{plural} skipped"
            else:
                line = f"{done} of {self.inputs} input{plural} {verb}; {len(self.skipped)} skipped"
            if self.partial:
                line += f"; {len(self.partial)} read in part"
            print(f"summarize: {line}", file=sys.stderr)
        return EXIT_SKIPPED

    def _write_errors(self) -> None:
        from summarize.output import open_output

        with open_output(self.errors_file) as out:
            for source, reason in self.skipped + self.partial + self.failed:
                out.write(json.dumps({"input": source, "reason": reason}, ensure_ascii=False) + "\n")


@contextmanager
def _guarded(failed: Callable[[Exception], None]) -> Iterator[None]:
    """Hand any error inside the block to ``failed``, except those that stop a whole run."""
    try:
        yield
    except _NOT_THE_INPUTS_FAULT:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of one input or article is its reason
        failed(exc)
