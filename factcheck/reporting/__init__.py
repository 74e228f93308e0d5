"""Reporting: a `Report` as JSON for scripts, or as a rich table for people.

`render(reports, fmt, ...)` chooses the format. `render_terminal` is loaded on
first use so that JSON output and `--help` never import rich (start-up time is
benchmarked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.reporting.json_report import (
    load_schema,
    render_json,
    report_to_dict,
    validate_report,
)
from factcheck.reporting.render import Format, Show, print_tables, render, stream_kind

if TYPE_CHECKING:
    from factcheck.reporting.terminal import render_terminal

__all__ = [
    "Format",
    "Show",
    "load_schema",
    "print_tables",
    "render",
    "render_json",
    "render_terminal",
    "report_to_dict",
    "stream_kind",
    "validate_report",
]


def __getattr__(name: str) -> Any:
    if name == "render_terminal":
        from factcheck.reporting.terminal import render_terminal

        return render_terminal
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
