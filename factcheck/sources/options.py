"""Checks of the keys a local source kind takes beyond the common ones.

Each check appends "key 'x': problem" lines through `report`; `config` prefixes
them with the source. Local kinds are checked strictly so that a typo
("metric", "treshold") is an error rather than a silently ignored option.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

Report = Callable[[str, str], None]

# Descriptive keys any source may carry; they are kept in `options` untouched.
METADATA_KEYS = frozenset({"description", "publisher", "license", "retrieved", "note"})
TABLE_OPTIONS = frozenset({"format", "columns", "spread", "latest"})
CLAIMREVIEW_OPTIONS = frozenset({"threshold"})
_TABLE_FORMATS = ("long", "wide")
_WIDE_COLUMN_KEYS = frozenset({"entity", "period", "code", "url", "note", "values"})


def check_table(options: Mapping[str, Any], report: Report) -> None:
    _check_format(options, report)
    if "spread" in options:
        spread = options["spread"]
        if not is_number(spread) or not 0 <= spread < 1:
            report("spread", f"expected a share from 0 to below 1, got {show(spread)}")
    if options.get("latest", "begun") not in {"begun", "ended"}:
        report("latest", f"expected 'begun' or 'ended', got {show(options['latest'])}")


def check_claimreview(options: Mapping[str, Any], report: Report) -> None:
    if "threshold" in options:
        threshold = options["threshold"]
        if not is_number(threshold) or not 0 <= threshold <= 1:
            report("threshold", f"expected a number from 0 to 1, got {show(threshold)}")


def _check_format(options: Mapping[str, Any], report: Report) -> None:
    table_format = options.get("format", "long")
    if table_format not in _TABLE_FORMATS:
        report("format", f"unknown format {show(table_format)} (expected: long, wide)")
        return
    columns = options.get("columns")
    if table_format == "long":
        if columns is not None:
            report("columns", 'only used with format = "wide"')
        return
    if not isinstance(columns, dict):
        report("columns", 'format = "wide" needs a [source.columns] table')
        return
    for key in columns:
        if key not in _WIDE_COLUMN_KEYS:
            report(f"columns.{key}", "unknown key")
    for key in ("entity", "period", "code", "url", "note"):
        if key in columns and not (isinstance(columns[key], str) and columns[key]):
            report(f"columns.{key}", "expected a column name")
    for key in ("entity", "period"):
        if key not in columns:
            report(f"columns.{key}", "missing (the column holding the " + key + ")")
    _check_wide_values(columns.get("values"), report)


def _check_wide_values(values: object, report: Report) -> None:
    if not isinstance(values, dict) or not values:
        report("columns.values", "expected a table of metric = {column = ..., unit = ...}")
        return
    for metric, entry in values.items():
        key = f'columns.values."{metric}"'
        if not isinstance(entry, dict):
            report(key, "expected {column = ..., unit = ...}")
            continue
        if not (isinstance(entry.get("column"), str) and entry["column"]):
            report(key, "missing 'column' (the header of the value column)")
        if not isinstance(entry.get("unit", ""), str):
            report(key, "'unit' must be a string")
        for extra in entry.keys() - {"column", "unit"}:
            report(key, f"unknown key '{extra}'")


def is_number(value: object) -> bool:
    """A finite int or float: NaN passes every range check by comparing false."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def show(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)
