"""What every command shares: its list of inputs and its batch (skipped inputs, exit status 3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def value(option: Any) -> Any:
    """An option's plain value: an Enum choice as its string, anything else as it is."""
    return getattr(option, "value", option)


def make_batch(strict: bool = False, errors: str | None = None, quiet: bool = False):
    """The run's :class:`~summarize.read.batch.Batch`: what is skipped, named, and counted."""
    from summarize.output import set_quiet
    from summarize.read.batch import Batch

    set_quiet(quiet)
    return Batch(strict=strict, errors_file=errors, quiet=quiet)


def input_list(inputs: Sequence[str] | None, inputs_from: Sequence[str] | None) -> list[str]:
    """The INPUT arguments plus the lines of each ``--inputs-from FILE``; neither given is a usage error."""
    if not inputs and not inputs_from:
        from summarize.commands.entry import usage_error

        raise usage_error("Missing argument 'INPUT...' (or --inputs-from FILE).")
    from summarize.read.remote import command_inputs

    return command_inputs(inputs, inputs_from)
