"""Part of the command line: usage errors as one line, and streams that never refuse text.

Typer shows a bad option value as a usage block in a rich box, five or six
lines that scripts and CI logs cut apart. Every factcheck command is built
from the classes here instead, so a usage error is one line on standard error
and exit code 2, like every other error the command line reports.

They also make standard output and error safe before anything is written: on a
stream that is not UTF-8, signs and accents become ASCII stand-ins rather than a
UnicodeEncodeError (see `factcheck.reporting.streams`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from factcheck.exitcodes import ExitCode
from factcheck.reporting.streams import use_stand_ins


def _base(name: str) -> type[Exception]:
    # typer exports only BadParameter; its bases are the usage errors of the click it
    # uses (its own copy in recent typer, the click package in older ones).
    return next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)


_CLICK_ERROR = _base("ClickException")


def say(line: str) -> None:
    """One line on standard error (not click's echo: on an ASCII stream it writes UTF-8)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


class _OneLineErrors:
    """Runs the command with click's own error display off, and reports errors itself."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        for stream in (sys.stdout, sys.stderr):
            use_stand_ins(stream)
        run = super().main  # type: ignore[misc]
        options = {"windows_expand_args": windows_expand_args, **extra}
        if not standalone_mode:
            return run(args, prog_name, complete_var, standalone_mode=False, **options)
        try:
            code = run(args, prog_name, complete_var, standalone_mode=False, **options)
        except _CLICK_ERROR as error:
            _usage_error(error)
        except typer.Abort:  # end of input at a prompt
            say("factcheck: aborted")
            sys.exit(ExitCode.ERROR)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _usage_error(error: Exception) -> NoReturn:
    if type(error).__name__ == "NoArgsIsHelpError":  # no arguments: the help, as typer shows it
        error.show()  # type: ignore[attr-defined]
        sys.exit(ExitCode.ERROR)
    message = " ".join(error.format_message().split())  # type: ignore[attr-defined]
    context = getattr(error, "ctx", None)
    hint = f" (see '{context.command_path} --help')" if context is not None else ""
    say(f"factcheck: error: {message}{hint}")
    sys.exit(ExitCode.ERROR)


class OneLineCommand(_OneLineErrors, TyperCommand):
    """A typer command whose usage errors are one line."""


class OneLineGroup(_OneLineErrors, TyperGroup):
    """A typer group (`factcheck sources`) whose usage errors are one line."""
