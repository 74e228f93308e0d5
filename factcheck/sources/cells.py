"""Reading the cells of a data file: CSV rows, numbers, periods, units and metric phrases.

Shared by tables (`tables`, `table_scan`) and events files. `read_csv` yields rows
and raises ConfigError naming the file and line; `read_grid` reads the whole file
for the scan and returns None wherever `read_csv` would raise, so that the
loader words the problem.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress
from operator import itemgetter
from pathlib import Path

from factcheck.errors import ConfigError, E

LONG_COLUMNS = ("entity", "metric", "period", "value", "unit")

NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+")
# A value written with its unit ("5.9%", "$1,200", "25,000 km"): the unit must be the row's.
_WITH_UNIT = re.compile(
    rf"(?P<before>US\$|[$€£])?\s*(?P<number>{NUMBER.pattern})\s*(?P<after>[^\d\s.,].*)?"
)
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNIT_ALIASES: Mapping[str, str] = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "percent": "%",
    "per cent": "%",
    "pct": "%",
}
# UK spelling is the canonical form; both sides of a comparison are folded.
_SPELLINGS: Mapping[str, str] = {
    "defense": "defence",
    "offense": "offence",
    "license": "licence",
    "labor": "labour",
    "program": "programme",
    "center": "centre",
    "meter": "metre",
    "kilometer": "kilometre",
    "liter": "litre",
}
_NON_WORD = re.compile(r"[^\w%]+")


def fold_phrase(text: str) -> str:
    """Casefold, drop punctuation, and fold UK/US spelling and plurals word by word."""
    words = _NON_WORD.sub(" ", text.casefold()).split()
    return " ".join(_fold_word(word) for word in words)


def read_csv(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (file line, {casefolded column: stripped cell}) for each non-blank row.

    The header is required and column names match case-insensitively. A row
    with more cells than the header is an error: it is almost always a number
    with thousands commas that was not quoted.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                header = next(reader, None)
                if header is None:
                    raise ConfigError(str(path), E.EMPTY_TABLE)
                columns = [name.strip().casefold() for name in header]
                _check_header(path, columns, required)
                for cells in reader:
                    if not "".join(cells).strip():  # every cell blank
                        continue
                    if len(cells) > len(columns):
                        raise ConfigError(
                            str(path),
                            E.ROW_WIDTH,
                            cells=len(cells),
                            columns=len(columns),
                            line=reader.line_num,
                        )
                    cells += [""] * (len(columns) - len(cells))
                    yield reader.line_num, dict(zip(columns, map(str.strip, cells), strict=True))
            except csv.Error as exc:
                raise ConfigError(
                    str(path), E.INVALID_CSV, line=reader.line_num, detail=exc
                ) from None
    except FileNotFoundError:
        raise ConfigError(str(path), E.FILE_NOT_FOUND) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), E.NOT_UTF8_DATA, reason=exc.reason) from None


def parse_number(path: Path, column: str, text: str, line: int, unit: str | None = None) -> float:
    """A finite number, allowing thousands commas and surrounding spaces.

    With the row's `unit`, the cell may carry that unit ("5.9%" in a table of %): a
    spreadsheet's formatting is not an error, but a unit other than the row's is.
    `1e999` or 400 digits would be read as infinity, a value every claim agrees with.
    """
    cleaned = text.strip()
    if unit is not None and not NUMBER.fullmatch(cleaned):
        cleaned = _strip_unit(path, column, cleaned, line, unit)
    if not NUMBER.fullmatch(cleaned):
        raise ConfigError(str(path), E.NOT_A_NUMBER, line=line, column=column)
    value = float(cleaned.replace(",", ""))
    if not math.isfinite(value):
        raise ConfigError(str(path), E.NOT_FINITE, line=line, column=column)
    return value


def _strip_unit(path: Path, column: str, text: str, line: int, unit: str) -> str:
    """The number of a cell written with a unit, once the unit is found to be `unit`."""
    found = _WITH_UNIT.fullmatch(text)
    if found is None or (found["before"] and found["after"]):
        return text  # not a number with one unit: the caller says so
    written = normalise_unit(found["before"] or found["after"] or "")
    if written.casefold() != unit.casefold():
        expected = f"the row's unit is '{unit}'" if unit else "the row's unit is empty (a count)"
        raise ConfigError(
            str(path), E.VALUE_UNIT, line=line, column=column, written=written, expected=expected
        )
    return str(found["number"])


def parse_period(path: Path, column: str, text: str, line: int) -> str:
    """A year (2023), a month (2023-07) or a date (2023-07-04), returned as written."""
    period = text.strip()
    if _YEAR.fullmatch(period) or _MONTH.fullmatch(period):
        return period
    if DATE.fullmatch(period):
        try:
            date.fromisoformat(period)
        except ValueError:
            pass
        else:
            return period
    raise ConfigError(
        str(path),
        E.NOT_A_PERIOD,
        column=column,
        line=line,
    )


def normalise_unit(unit: str) -> str:
    """Currency symbols become ISO codes and "percent" becomes "%"; "" = plain count."""
    cleaned = unit.strip()
    return _UNIT_ALIASES.get(cleaned.casefold(), cleaned)


def wide_entity(name: str, code: str) -> str:
    """Prefer the ISO-3 code; aggregates such as OWID_WRL keep their name."""
    if len(code) == 3 and code.isalpha():
        return code.upper()
    return name


def _check_header(path: Path, columns: Sequence[str], required: Sequence[str]) -> None:
    missing = [name for name in dict.fromkeys(required) if name not in columns]
    if not missing:
        return
    names = ", ".join(f"'{name}'" for name in missing)
    plural = "s" if len(missing) > 1 else ""
    count = f"{len(columns)} column{'s' if len(columns) != 1 else ''}"
    names = f"column{plural} {names}"
    raise ConfigError(str(path), E.MISSING_COLUMNS, line=1, names=names, count=count)


def _fold_word(word: str) -> str:
    word = _SPELLINGS.get(word, word)
    if word.endswith("ization"):
        word = word[: -len("ization")] + "isation"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return _SPELLINGS.get(word[:-1], word[:-1])
    return word


@dataclass(frozen=True)
class Grid:
    """A CSV file as the csv module reads it: the columns named as `read_csv` names them
    (stripped, casefolded) and the non-blank rows, padded to the header's width."""

    columns: tuple[str, ...]
    rows: list[list[str]]
    lines: list[int]  # the file line each row ends on, as `read_csv` gives it

    def column(self, name: str) -> list[str]:
        """Each row's cell in column `name`, stripped as `read_csv` strips it."""
        return list(map(str.strip, map(itemgetter(self.columns.index(name)), self.rows)))


def read_grid(path: Path, required: Sequence[str]) -> Grid | None:
    """The file with the columns `required`, or None where `read_csv` would raise.

    None too when the header names a column twice (`read_csv` keeps the last, this
    would take the first): the caller hands the file to its loader, which says what is
    wrong or reads it.
    """
    found: list[list[str]] = []
    ends: list[int] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            for cells in reader:
                found.append(cells)
                ends.append(reader.line_num)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if header is None:
        return None
    columns = tuple(name.strip().casefold() for name in header)
    if len(set(columns)) < len(columns) or any(name not in columns for name in required):
        return None
    filled = list(map(str.strip, map("".join, found)))  # blank rows are skipped
    rows, lines = list(compress(found, filled)), list(compress(ends, filled))
    width = len(columns)
    if rows and max(map(len, rows)) > width:
        return None
    if rows and min(map(len, rows)) < width:
        rows = [cells + [""] * (width - len(cells)) for cells in rows]
    return Grid(columns, rows, lines)


def valid(check: Callable[[str], object], texts: Iterable[str]) -> bool:
    """Whether `check` accepts every text without a ConfigError."""
    try:
        for text in texts:
            check(text)
    except ConfigError:
        return False
    return True
