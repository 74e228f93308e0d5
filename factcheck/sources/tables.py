"""`kind = "table"`: numeric reference data, one value per entity, metric and period.

Two layouts are read. A long CSV has one value per row
(`entity,metric,period,value,unit[,url,note]`, any column order, extra columns
ignored). A wide table (Our World in Data style) has one column per metric and
is described by `[source.columns]` in `sources.toml`.

Rows are indexed at load time because lookups run once per claim.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import ConfigError
from factcheck.records import TableRow
from factcheck.sources.config import SourceSpec

if TYPE_CHECKING:
    from factcheck.normalise.entities import EntityResolver

LONG_COLUMNS = ("entity", "metric", "period", "value", "unit")

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+")
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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


@dataclass(frozen=True)
class TableSource:
    """The rows of one table source and the indexes over them.

    `entity_keys[i]` is the resolver key of `rows[i].entity`, computed once.
    """

    spec: SourceSpec
    rows: tuple[TableRow, ...]
    entity_keys: tuple[str, ...] = field(repr=False, compare=False)
    _by_entity: dict[tuple[str, str], list[TableRow]] = field(init=False, repr=False, compare=False)
    _by_period: dict[tuple[str, str], list[TableRow]] = field(init=False, repr=False, compare=False)
    _phrases: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_entity: dict[tuple[str, str], list[TableRow]] = {}
        by_period: dict[tuple[str, str], list[TableRow]] = {}
        for row, key in zip(self.rows, self.entity_keys, strict=True):
            metric = fold_phrase(row.metric)
            by_entity.setdefault((key, metric), []).append(row)
            by_period.setdefault((metric, row.period), []).append(row)
        for rows in by_entity.values():
            rows.sort(key=lambda row: row.period)
        object.__setattr__(self, "_by_entity", by_entity)
        object.__setattr__(self, "_by_period", by_period)
        object.__setattr__(self, "_phrases", _phrase_index(self.spec, self.rows))

    def lookup(self, entity_key: str, metric: str, period: str | None = None) -> list[TableRow]:
        """Rows for an entity and metric, sorted by period.

        `period=None` returns every period. Otherwise rows of exactly that
        period; only when there are none does a coarser request fall back to the
        finer rows inside it (a year to its months or dates, a month to its
        dates), so that "in 2023" can be checked against monthly data but an
        annual figure is never compared with a monthly one when both exist. A
        finer request never matches a coarser row.
        """
        rows = self._by_entity.get((entity_key, fold_phrase(metric)), [])
        if period is None:
            return list(rows)
        exact = [row for row in rows if row.period == period]
        if exact or _DATE.fullmatch(period):
            return exact
        return [row for row in rows if row.period.startswith(period + "-")]

    def rows_for(self, metric: str, period: str) -> list[TableRow]:
        """Every entity's rows for a metric and exact period (for rankings)."""
        return list(self._by_period.get((fold_phrase(metric), period), []))

    def periods(self, entity_key: str, metric: str) -> list[str]:
        rows = self._by_entity.get((entity_key, fold_phrase(metric)), [])
        return sorted({row.period for row in rows})

    def metric_for(self, phrase: str) -> str | None:
        """The metric a text phrase names ("defense spending" -> "defence expenditure").

        Matching ignores case, punctuation, UK/US spelling and plural endings.
        """
        return self._phrases.get(fold_phrase(phrase))


def load_table(spec: SourceSpec, resolver: EntityResolver) -> TableSource:
    if spec.path is None:
        raise ConfigError(spec.name, "table source has no path")
    if spec.options.get("format", "long") == "wide":
        rows = _wide_rows(spec, spec.path, spec.options["columns"])
    else:
        rows = _long_rows(spec, spec.path)
    keys = tuple(resolver.key(row.entity) for row in rows)
    _check_duplicates(spec.path, rows, keys)
    return TableSource(spec=spec, rows=rows, entity_keys=keys)


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
                    raise ConfigError(str(path), "empty file: a header row is required")
                columns = [name.strip().casefold() for name in header]
                _check_header(path, columns, required)
                for cells in reader:
                    if not any(cell.strip() for cell in cells):
                        continue
                    if len(cells) > len(columns):
                        raise ConfigError(
                            str(path),
                            f"row has {len(cells)} cells but the header has {len(columns)} "
                            "(quote values that contain commas)",
                            line=reader.line_num,
                        )
                    cells += [""] * (len(columns) - len(cells))
                    yield (
                        reader.line_num,
                        {name: cell.strip() for name, cell in zip(columns, cells, strict=True)},
                    )
            except csv.Error as exc:
                raise ConfigError(str(path), f"invalid CSV: {exc}", line=reader.line_num) from None
    except FileNotFoundError:
        raise ConfigError(str(path), "file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not UTF-8 text ({exc.reason})") from None


def parse_number(path: Path, column: str, text: str, line: int) -> float:
    """A number, allowing thousands commas and surrounding spaces."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        raise ConfigError(str(path), f"column '{column}': '{text}' is not a number", line=line)
    return float(cleaned.replace(",", ""))


def parse_period(path: Path, column: str, text: str, line: int) -> str:
    """A year (2023), a month (2023-07) or a date (2023-07-04), returned as written."""
    period = text.strip()
    if _YEAR.fullmatch(period) or _MONTH.fullmatch(period):
        return period
    if _DATE.fullmatch(period):
        try:
            date.fromisoformat(period)
        except ValueError:
            pass
        else:
            return period
    raise ConfigError(
        str(path),
        f"column '{column}': '{text}' is not a year (2023), a month (2023-07) "
        "or a date (2023-07-04)",
        line=line,
    )


def normalise_unit(unit: str) -> str:
    """Currency symbols become ISO codes and "percent" becomes "%"; "" = plain count."""
    cleaned = unit.strip()
    return _UNIT_ALIASES.get(cleaned.casefold(), cleaned)


def _long_rows(spec: SourceSpec, path: Path) -> tuple[TableRow, ...]:
    rows = []
    for line, cells in read_csv(path, LONG_COLUMNS):
        for column in ("entity", "metric"):
            if not cells[column]:
                raise ConfigError(str(path), f"column '{column}' is empty", line=line)
        rows.append(
            TableRow(
                entity=cells["entity"],
                metric=cells["metric"],
                period=parse_period(path, "period", cells["period"], line),
                value=parse_number(path, "value", cells["value"], line),
                unit=normalise_unit(cells["unit"]),
                url=cells.get("url") or None,
                note=cells.get("note") or None,
                line=line,
                source=spec.name,
            )
        )
    return tuple(rows)


def _wide_rows(spec: SourceSpec, path: Path, columns: Mapping[str, Any]) -> tuple[TableRow, ...]:
    """One row per entity, period and metric column that has a value."""
    values: Mapping[str, Mapping[str, str]] = columns["values"]
    keys = ("entity", "period", "code", "url", "note")
    named = {key: columns[key].casefold() for key in keys if key in columns}
    required = [*named.values(), *(entry["column"].casefold() for entry in values.values())]
    rows = []
    for line, cells in read_csv(path, required):
        code = cells[named["code"]] if "code" in named else ""
        entity = _wide_entity(cells[named["entity"]], code)
        if not entity:
            raise ConfigError(str(path), f"column '{columns['entity']}' is empty", line=line)
        period = parse_period(path, columns["period"], cells[named["period"]], line)
        for metric, entry in values.items():
            cell = cells[entry["column"].casefold()]
            if not cell:
                continue  # an empty cell in a wide table means no data
            rows.append(
                TableRow(
                    entity=entity,
                    metric=metric,
                    period=period,
                    value=parse_number(path, entry["column"], cell, line),
                    unit=normalise_unit(entry.get("unit", "")),
                    url=_optional_cell(cells, named, "url"),
                    note=_optional_cell(cells, named, "note"),
                    line=line,
                    source=spec.name,
                )
            )
    return tuple(rows)


def _optional_cell(cells: Mapping[str, str], named: Mapping[str, str], key: str) -> str | None:
    return cells[named[key]] or None if key in named else None


def _wide_entity(name: str, code: str) -> str:
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
    raise ConfigError(
        str(path),
        f"missing column{plural} {names} (header has: {', '.join(columns)})",
        line=1,
    )


def _check_duplicates(path: Path, rows: Sequence[TableRow], keys: Sequence[str]) -> None:
    """Two values for the same fact would make a verdict depend on row order."""
    seen: dict[tuple[str, str, str, str], int] = {}
    for row, key in zip(rows, keys, strict=True):
        identity = (key, fold_phrase(row.metric), row.period, row.unit)
        if identity in seen:
            raise ConfigError(
                str(path),
                f"duplicate value for {row.entity}, {row.metric}, {row.period} "
                f"(also line {seen[identity]})",
                line=row.line,
            )
        seen[identity] = row.line


def _phrase_index(spec: SourceSpec, rows: Sequence[TableRow]) -> dict[str, str]:
    phrases = {fold_phrase(row.metric): row.metric for row in rows}
    for metric, names in spec.metrics.items():
        for name in (metric, *names):
            phrases[fold_phrase(name)] = metric
    return phrases


def _fold_word(word: str) -> str:
    word = _SPELLINGS.get(word, word)
    if word.endswith("ization"):
        word = word[: -len("ization")] + "isation"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return _SPELLINGS.get(word[:-1], word[:-1])
    return word
