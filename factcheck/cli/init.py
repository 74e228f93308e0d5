"""`factcheck init [DIR]`: start a sources.toml and a CSV for the newsroom's own figures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.shared import DebugOption, OneLineCommand, fail, new_app
from factcheck.errors import FactcheckError

app = new_app(
    "Write a commented sources.toml and a CSV template to fill in.", no_args_is_help=False
)


# fmt: off
@app.command(cls=OneLineCommand)
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to write into (made if missing).", metavar="DIR")] = Path("."),
    debug: DebugOption = False,
) -> None:
    """Write DIR/sources.toml and DIR/data/my-figures.csv; never overwrites a file (exit 2)."""
    # fmt: on
    from factcheck.sources.starter import write_starter

    try:
        written = write_starter(directory)
    except FactcheckError as error:
        fail(error, debug)
    for path in written:
        sys.stdout.write(f"wrote {path}\n")
    sys.stdout.write(f"next: edit them, then run: factcheck sources check --sources {written[0]}\n")
