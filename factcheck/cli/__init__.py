"""The command line: the only place that prints, and the only place that exits.

One module per command, each a thin layer over library calls:

- `check.py`: `factcheck ARTICLE...`, the default command;
- `batch.py`: `factcheck batch INPUT...` (the batch itself is `factcheck.batch`);
- `evaluate.py`: `factcheck eval GOLD`;
- `init.py`: `factcheck init [DIR]`;
- `sources.py`: `factcheck sources list|check`;
- `shared.py`: one-line usage errors, option types, exit on error, writing output.

Library errors (FactcheckError) become one line on stderr and exit code 2;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import importlib
import sys

# The first argument names a subcommand; anything else (an article path, `-`, an option)
# goes to `factcheck ARTICLE...`. A module is imported only when its command runs, so
# `--help` stays instant. An article literally named `batch`, `eval` or `sources` is
# reached as `./batch`.
SUBCOMMANDS: dict[str, str] = {
    "batch": "factcheck.cli.batch",
    "eval": "factcheck.cli.evaluate",
    "init": "factcheck.cli.init",
    "sources": "factcheck.cli.sources",
}
DEFAULT = "factcheck.cli.check"


def main() -> None:
    """Console-script entry point: runs the command the first argument names."""
    name = sys.argv[1] if len(sys.argv) > 1 else None
    if name in SUBCOMMANDS:
        app = importlib.import_module(SUBCOMMANDS[name]).app
        app(args=sys.argv[2:], prog_name=f"factcheck {name}")
        return
    importlib.import_module(DEFAULT).app()
