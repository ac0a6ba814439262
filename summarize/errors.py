"""Errors a user can cause. The CLI turns every one of them into one line on stderr and exit 2."""


class SummarizeError(Exception):
    """Bad input or configuration: reported as ``summarize: <message>``, exit code 2."""


class InputError(SummarizeError):
    """An input path or stream cannot be read as articles."""


class PartialInput(InputError):
    """An input read in part: the articles before its flaw were read (a truncated feed), the rest cannot be."""


class OutputError(SummarizeError):
    """A result cannot be written (a full disk, an I/O error): it ends the run, whatever input is
    being read at the time -- it is never the input's fault, so never a skipped input."""


class ModelError(SummarizeError):
    """A model is missing, unverifiable or cannot be loaded offline."""


class Terminated(BaseException):
    """SIGTERM (``kill``, a job scheduler's stop) raised in the main thread, so that a run ends
    like an interrupt: its temporary output removed, a JSON Lines checkpoint kept."""
