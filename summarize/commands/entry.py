"""The process entry point: runs the Typer app so that every error a user can cause is one line.

A bad option, an unreadable input, an output that cannot be written: one line on stderr and exit
2; Ctrl-C is one line and exit 130 (``kill``: exit 143, the run cleaned up the same way); a closed
pipe (``summarize split big.jsonl | head``) ends quietly, exit 0; an OS error (a full disk) is one
line and exit 2. Typer's own runner would draw a framed, multi-line box for usage errors and exit
1 on a closed pipe, so the command is invoked here instead, shell completion included.
"""

from __future__ import annotations

import errno
import importlib
import logging
import os
import signal
import sys
import warnings

import typer

from summarize import nltk_import
from summarize.errors import OutputError, SummarizeError, Terminated
from summarize.extras import install_hint
from summarize.output import GuardedStream


def click_class(name: str) -> type:
    """Click's exception class ``name``, from whichever Click this Typer uses (recent Typers vendor it)."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


def usage_error(message: str) -> Exception:
    """A usage error of the command being run (reported with its ``--help`` hint)."""
    error = click_class("UsageError")
    click_globals = importlib.import_module(error.__module__.rpartition(".")[0] + ".globals")
    return error(message, ctx=click_globals.get_current_context(silent=True))


def usage_line(exc: Exception) -> str:
    """A usage error as one line: what is wrong, and where the help is."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "summarize"
    command = where.partition(" ")[2]
    message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
    message = message.replace("Value error, ", "")  # pydantic's prefix, from Typer's coercion of choices
    return f"summarize: {command + ': ' if command else ''}{message} (see '{where} --help')"


def run(app: typer.Typer, argv: list[str] | None = None) -> None:
    """Run ``app`` on ``argv`` (default: the process's arguments) and exit with its status."""
    nltk_import.enable()  # this process is ours: NLTK without its unused scipy/sklearn imports
    quiet_third_parties()
    signal.signal(signal.SIGTERM, _terminate)
    if not isinstance(sys.stdout, GuardedStream):  # a write error on stdout names it, wherever it happens
        sys.stdout = GuardedStream(sys.stdout, "stdout")  # type: ignore[assignment]
    usage, click_exception = click_class("UsageError"), click_class("ClickException")
    args = sys.argv[1:] if argv is None else list(argv)
    command = typer.main.get_command(app)
    command._main_shell_completion({}, "summarize")  # exits when the shell asks for completions
    args = bare_ray(dash_files(command, args))
    code = 0
    try:
        with command.make_context("summarize", args) as ctx:
            command.invoke(ctx)
        sys.stdout.flush()  # a full disk or closed pipe is reported here, not at interpreter exit
    except typer.Exit as exc:  # --help, --version, a command's own exit code
        code = exc.exit_code
    except usage as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:  # bare "summarize": the help
            text = ctx.get_help()  # Typer's rich help prints itself and returns ""
            if text:
                print(text)
        else:
            print(usage_line(exc), file=sys.stderr)
        code = 2
    except click_exception as exc:
        print(f"summarize: {' '.join(exc.format_message().split())}", file=sys.stderr)
        code = exc.exit_code
    except SummarizeError as exc:
        print(f"summarize: {exc}", file=sys.stderr)
        code = 2
        if isinstance(exc, OutputError):
            _quiet_stdout()
    except MemoryError:  # where no single input can be skipped for it (dedup compares them all together)
        print("summarize: out of memory: the inputs are too large for this machine together "
              "(see SUMMARIZE_MAX_INPUT_MB in the command's --help)", file=sys.stderr)
        code = 2
        _quiet_stdout()
    except ImportError as exc:  # an install that lacks a package: say which, not a traceback
        print(f"summarize: {install_hint(exc)}", file=sys.stderr)
        code = 2
    except (KeyboardInterrupt, typer.Abort):
        print("summarize: interrupted", file=sys.stderr)
        code = 130
        # The command's outputs are closed by now (their with-blocks unwound). An ONNX encoder's
        # worker threads may still be inside a run: tearing its session down at interpreter exit
        # then aborts in C++ ("terminate called without an active exception", exit 134, seen once in
        # 35 interrupts of a digest). Leave without that teardown -- not under Ray, whose shutdown
        # at exit stops the local cluster.
        if "onnxruntime" in sys.modules and "ray" not in sys.modules:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(code)
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


def quiet_third_parties() -> None:
    """stderr carries our own one-line notes and errors only: the warnings and log records of the
    libraries we use (dateutil's UnknownTimezoneWarning from trafilatura's date search, transformers,
    onnxruntime, trafilatura's logging) never reach the user. A ``-W``/``PYTHONWARNINGS`` setting
    is honoured, for whoever debugs a library."""
    if not sys.warnoptions:
        warnings.simplefilter("ignore")
        os.environ.setdefault("PYTHONWARNINGS", "ignore")  # worker processes (Ray, tokenizers) too
    logging.disable(logging.CRITICAL)  # nothing of ours logs: every record is a library's
    for name, value in (("TRANSFORMERS_VERBOSITY", "error"), ("TOKENIZERS_PARALLELISM", "false"),
                        ("ORT_LOGGING_LEVEL", "3"), ("TF_CPP_MIN_LOG_LEVEL", "3"),
                        ("HF_HUB_DISABLE_PROGRESS_BARS", "1")):
        os.environ.setdefault(name, value)
    # onnxruntime's own C++ logger: quieted where the encoder loads it (summarize.digest.onnx_encoder)


def dash_files(command, args: list[str]) -> list[str]:
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


def bare_ray(args: list[str]) -> list[str]:
    """``--ray`` without an address is a local Ray: ``--ray`` last, or followed by an option or an
    input, is ``--ray local``. An input is what exists, ``-``, a URL, or a word written as a path
    (``a.jsonl``, ``feeds/``); any other word stays the address, so a mistyped address is reported
    as one (``--ray localhost``), not as a missing file."""
    if "--ray" not in args:
        return args
    from summarize.distributed import is_address

    fixed: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--":
            return fixed + args[i:]
        fixed.append(arg)
        if arg == "--ray" and (i + 1 == len(args) or _not_an_address(args[i + 1], is_address)):
            fixed.append("local")
    return fixed


def _not_an_address(word: str, is_address) -> bool:
    if is_address(word):
        return False
    if word.startswith("-") or "://" in word or "/" in word or os.path.lexists(word):
        return True
    return "." in word and not word.replace(".", "").isdigit()  # a.jsonl, not 10.0.0.5


def _quiet_stdout() -> None:
    """After a failed write to stdout, flushing it again at interpreter exit would fail again
    (and print "Exception ignored ..."): what cannot be written goes to /dev/null."""
    try:
        sys.stdout.flush()
    except (OSError, OutputError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _terminate(signum, frame) -> None:
    raise Terminated()
