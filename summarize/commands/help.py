"""Help screens that read at 80 columns: the command's text, then its options in panels.

Typer's rich help gives every option six columns (long, short, negative long, negative short,
type, help), which at 80 columns leaves the help a column of a dozen characters. Here an option
is one label, ``-o, --output FILE``, beside its help; options are grouped by their
``rich_help_panel`` (Input, Output, Method, Length, ...), and a default is shown after the help.
"""

from __future__ import annotations

import inspect
from enum import Enum

from typer.core import TyperCommand, TyperGroup


class Command(TyperCommand):
    """A Typer command whose ``--help`` is :func:`print_help`'s."""

    def format_help(self, ctx, formatter) -> None:  # noqa: ARG002 -- printed, not formatted
        print_help(self, ctx)


class Group(TyperGroup):
    """The Typer app's group, with the same help screen and a panel of its commands."""

    def format_help(self, ctx, formatter) -> None:  # noqa: ARG002
        print_help(self, ctx)


def label(param) -> str:
    """``-o, --output FILE``: short names first, then long ones, then the value's name."""
    if param.param_type_name == "argument":
        return (param.metavar or param.human_readable_name) + ("..." if param.nargs != 1 else "")
    names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    text = ", ".join(names)
    if param.secondary_opts:
        text += " / " + ", ".join(param.secondary_opts)
    if not param.is_flag:
        text += " " + (param.metavar or param.type.name.upper())
    return text


def default_of(param) -> str | None:
    """The default worth showing: set, not a flag's False, not an empty list."""
    if param.param_type_name == "argument" or getattr(param, "is_flag", False) or not param.show_default:
        return None
    default = param.default
    if default is None or default == () or default == []:
        return None
    if isinstance(default, Enum):
        default = default.value
    return str(default)


def panels(command, ctx) -> dict[str, list]:
    """The command's parameters by panel, in the order the panels first appear."""
    grouped: dict[str, list] = {}
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        panel = getattr(param, "rich_help_panel", None) or ("Arguments" if param.param_type_name == "argument" else "Options")
        grouped.setdefault(panel, []).append(param)
    return grouped


def print_help(command, ctx) -> None:
    from rich.console import Console
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    console.width = min(console.width, 100)
    pieces = " ".join(command.collect_usage_pieces(ctx))
    console.print(Text.assemble(" Usage: ", (f"{ctx.command_path} {pieces}", "bold")))
    console.print()
    for number, paragraph in enumerate(inspect.cleandoc(command.help or "").split("\n\n")):
        keep_lines = "\n  " in paragraph or paragraph.startswith("  ")
        body = paragraph if keep_lines else " ".join(paragraph.split())
        console.print(Padding(Text(body, style="bold" if number == 0 else ""), (0, 1), expand=False))
        console.print()
    grouped = panels(command, ctx)
    width = min(max(len(label(p)) for params in grouped.values() for p in params), 30)
    for name, params in grouped.items():
        table = Table.grid(padding=(0, 2))
        table.add_column(width=width, style="bold cyan")
        table.add_column()
        for param in params:
            help_text = " ".join((param.help or "").split())
            default = default_of(param)
            if default is not None:
                help_text += f" [default: {default}]"
            table.add_row(label(param), Text(help_text))
        console.print(Panel(table, title=name, title_align="left", border_style="dim"))
    if isinstance(command, TyperGroup):
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan")
        table.add_column()
        for name in command.list_commands(ctx):
            table.add_row(name, command.get_command(ctx, name).get_short_help_str(limit=200))
        console.print(Panel(table, title="Commands", title_align="left", border_style="dim"))
