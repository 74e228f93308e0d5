"""The report's `options`: what shaped it, written the same way by every command.

`factcheck ARTICLE` and `factcheck batch` both build them here, so that an article
checked either way gives the same report, byte for byte.
"""

from __future__ import annotations

import os
from pathlib import Path

BUILTIN_SOURCES = "built-in"
_LOCAL_SOURCES = "sources.toml"


def report_options(
    *, fail_on: str, model: str, sources: str, min_checkworthiness: float = 0.0
) -> dict[str, str]:
    """The `options` record of a report; `sources` as `sources_option` names it."""
    return {
        "fail_on": fail_on,
        "min_checkworthiness": f"{min_checkworthiness:g}",
        "model": model,
        "sources": sources,
    }


def sources_option(path: Path, *, builtin: bool, cwd: Path | None = None) -> str:
    """How the report names the sources file used: as the user gave it, `sources.toml`
    for the one in the working folder, or `built-in` for the packaged sources.

    The packaged file's absolute path differs from one installation to the next, and
    the report of the same article with the same sources must not.
    """
    if path == (cwd or Path.cwd()) / _LOCAL_SOURCES:
        return _LOCAL_SOURCES
    if builtin and path.is_absolute():
        return BUILTIN_SOURCES
    return os.fspath(path)
