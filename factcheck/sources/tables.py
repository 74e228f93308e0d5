"""`kind = "table"`: numeric reference data, one value per entity, metric and period.

Two layouts are read. A long CSV has one value per row
(`entity,metric,period,value,unit[,url,note]`, any column order, extra columns
ignored). A wide table (Our World in Data style) has one column per metric and
is described by `[source.columns]` in `sources.toml`.

A table is indexed because lookups run once per claim, but a run builds only
what its claims ask for, so that tens of thousands of rows (the built-in
`claims/world/`) do not slow it (issue 10). `load_table` reads, checks and
indexes every row at once (`factcheck sources check`, libraries). `scan_table`,
which a run uses, reads the file once and learns what the run needs before any
claim is checked: the row count (the source's status), each metric and its units
(the extraction lexicon, `metric_for`). It keeps the checked columns, not rows:
the first claim that asks for a metric the file has groups their positions into
series (entity and metric), and a `TableRow` is built only for the series asked
for (`_Series`).

The scan checks every cell as `load_table` does, but over whole columns with
C-level passes (`map`, `zip`, `set`) and in Python only per distinct entity,
metric, period and unit. On the 31,000 table rows of the built-in sources
(2-core development machine) it takes ~0.12 s, most of it the csv module's,
against ~0.36 s for `load_table`; grouping all of them into series takes
~0.04 s more. It does not word the problems it finds: whenever anything is
wrong or merely unusual (a column named twice, two spellings of one metric), it
hands the file to `load_table`, which raises the usual error with file and line,
or returns the table loaded. So a bad file fails the run at once with the same
message whether or not a claim needed it.

A precompiled index was the alternative: it would need a build step for every
user's own CSV, and could go stale.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, compress, repeat
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from factcheck.errors import ConfigError
from factcheck.records import TableRow
from factcheck.sources.config import SourceSpec

if TYPE_CHECKING:
    from factcheck.normalise.entities import EntityResolver

LONG_COLUMNS = ("entity", "metric", "period", "value", "unit")

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+")
# A value written with its unit ("5.9%", "$1,200", "25,000 km"): the unit must be the row's.
_WITH_UNIT = re.compile(
    rf"(?P<before>US\$|[$€£])?\s*(?P<number>{_NUMBER.pattern})\s*(?P<after>[^\d\s.,].*)?"
)
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
_T = TypeVar("_T")


@dataclass(frozen=True)
class Repeat:
    """A row that states a fact (same value) an earlier row states: read once."""

    line: int
    first: int  # the line of the row it repeats


@dataclass(frozen=True)
class TableSummary:
    """What a run needs to know of a table before any claim asks it anything."""

    records: int  # rows, as `load_table` would build them
    metric_units: Mapping[str, frozenset[str]]  # each metric in the file: its units; file order


class _Rows(Protocol):
    """What a table asks of its rows; metrics are folded (`fold_phrase`)."""

    @property
    def rows(self) -> tuple[TableRow, ...]: ...

    @property
    def entity_keys(self) -> tuple[str, ...]: ...

    def series(self, entity_key: str, metric: str) -> Sequence[TableRow]:
        """An entity's rows of a metric, sorted by period (stably: file order within one)."""
        ...

    def at(self, metric: str, period: str) -> Sequence[TableRow]:
        """Every entity's rows of a metric for one exact period, in file order."""
        ...


@dataclass(frozen=True)
class _Index:
    """Rows in hand and the indexes over them.

    `entity_keys[i]` is the resolver key of `rows[i].entity`, computed once.
    """

    rows: tuple[TableRow, ...]
    entity_keys: tuple[str, ...]
    by_entity: Mapping[tuple[str, str], list[TableRow]]
    by_period: Mapping[tuple[str, str], list[TableRow]]

    def series(self, entity_key: str, metric: str) -> Sequence[TableRow]:
        return self.by_entity.get((entity_key, metric), ())

    def at(self, metric: str, period: str) -> Sequence[TableRow]:
        return self.by_period.get((metric, period), ())

    @classmethod
    def of(cls, rows: tuple[TableRow, ...], entity_keys: tuple[str, ...]) -> _Index:
        by_entity: dict[tuple[str, str], list[TableRow]] = {}
        by_period: dict[tuple[str, str], list[TableRow]] = {}
        folded: dict[str, str] = {}  # a table has few metrics but many rows
        for row, key in zip(rows, entity_keys, strict=True):
            metric = folded.get(row.metric)
            if metric is None:
                metric = folded[row.metric] = fold_phrase(row.metric)
            by_entity.setdefault((key, metric), []).append(row)
            by_period.setdefault((metric, row.period), []).append(row)
        for found in by_entity.values():
            found.sort(key=lambda row: row.period)
        return cls(rows, entity_keys, by_entity, by_period)


class TableSource:
    """One table source: what it covers at once, its rows and indexes when first needed.

    Made from rows (`load_table`, the HTTP kinds) it indexes them at once; made by
    `scan_table` it indexes its checked columns the first time `rows`,
    `entity_keys` or a lookup for a metric the file has needs them. Indexing
    twice (two threads at once) would build the same index twice and keep
    either, so there is no lock.
    """

    spec: SourceSpec
    summary: TableSummary
    _phrases: Mapping[str, str]  # folded phrase -> metric, for `metric_for`
    _folded: frozenset[str]  # the folded metrics the file has
    _load: Callable[[], _Rows]
    _index: _Rows | None
    repeats: tuple[Repeat, ...]

    def __init__(
        self,
        spec: SourceSpec,
        rows: Sequence[TableRow],
        entity_keys: Sequence[str],
        repeats: Sequence[Repeat] = (),
    ) -> None:
        """A table of rows in hand; `entity_keys[i]` is the resolver key of `rows[i].entity`.

        `repeats`: the file's rows left out because they repeat a row kept.
        """
        held, keys = tuple(rows), tuple(entity_keys)
        if len(held) != len(keys):
            raise ValueError(f"{len(held)} rows but {len(keys)} entity keys")
        if not all(math.isfinite(row.value) for row in held):
            raise ValueError(f"source '{spec.name}': a row's value is not a finite number")
        units: dict[str, set[str]] = {}
        for row in held:
            units.setdefault(row.metric, set()).add(row.unit)
        summary = TableSummary(len(held), {metric: frozenset(u) for metric, u in units.items()})
        by_last_use = list(dict.fromkeys(reversed([row.metric for row in held])))[::-1]
        index = _Index.of(held, keys)
        self._start(spec, summary, lambda: index, by_last_use)
        self._index = index
        self.repeats = tuple(repeats)

    @classmethod
    def deferred(
        cls, spec: SourceSpec, summary: TableSummary, load: Callable[[], _Rows]
    ) -> TableSource:
        """A table that knows its summary and indexes its rows with `load` when first needed.

        The summary's metrics must fold to distinct phrases (`scan_table` sees to it), so
        that the phrase index is the one the rows would give.
        """
        table = cls.__new__(cls)
        table._start(spec, summary, load, summary.metric_units)
        return table

    def _start(
        self,
        spec: SourceSpec,
        summary: TableSummary,
        load: Callable[[], _Rows],
        metrics: Iterable[str],
    ) -> None:
        self.spec = spec
        self.summary = summary
        self._phrases = _phrase_index(spec, metrics)
        self._folded = frozenset(fold_phrase(metric) for metric in summary.metric_units)
        self._load = load
        self._index = None
        self.repeats = ()

    def __repr__(self) -> str:
        state = "loaded" if self.loaded else "not loaded"
        return f"TableSource({self.spec.name!r}, {self.records} rows, {state})"

    @property
    def records(self) -> int:
        return self.summary.records

    @property
    def metric_units(self) -> Mapping[str, frozenset[str]]:
        """Each metric the rows have, in file order, with the units its rows are in."""
        return self.summary.metric_units

    @property
    def loaded(self) -> bool:
        """Whether the rows are indexed (a scanned table's, into series: see `_Series`)."""
        return self._index is not None

    @property
    def rows(self) -> tuple[TableRow, ...]:
        return self._indexed().rows

    @property
    def entity_keys(self) -> tuple[str, ...]:
        return self._indexed().entity_keys

    def lookup(self, entity_key: str, metric: str, period: str | None = None) -> list[TableRow]:
        """Rows for an entity and metric, sorted by period.

        `period=None` returns every period. Otherwise rows of exactly that
        period; only when there are none does a coarser request fall back to the
        finer rows inside it (a year to its months or dates, a month to its
        dates), so that "in 2023" can be checked against monthly data but an
        annual figure is never compared with a monthly one when both exist. A
        finer request never matches a coarser row.
        """
        folded = fold_phrase(metric)
        if folded not in self._folded:
            return []  # a metric only declared: nothing to read
        rows = self._indexed().series(entity_key, folded)
        if period is None:
            return list(rows)
        exact = [row for row in rows if row.period == period]
        if exact or _DATE.fullmatch(period):
            return exact
        return [row for row in rows if row.period.startswith(period + "-")]

    def rows_for(self, metric: str, period: str) -> list[TableRow]:
        """Every entity's rows for a metric and exact period (for rankings)."""
        folded = fold_phrase(metric)
        if folded not in self._folded:
            return []
        return list(self._indexed().at(folded, period))

    def periods(self, entity_key: str, metric: str) -> list[str]:
        folded = fold_phrase(metric)
        if folded not in self._folded:
            return []
        return sorted({row.period for row in self._indexed().series(entity_key, folded)})

    def metric_for(self, phrase: str) -> str | None:
        """The metric a text phrase names ("defense spending" -> "defence expenditure").

        Matching ignores case, punctuation, UK/US spelling and plural endings.
        """
        return self._phrases.get(fold_phrase(phrase))

    def _indexed(self) -> _Rows:
        if self._index is None:
            self._index = self._load()
        return self._index


def load_table(spec: SourceSpec, resolver: EntityResolver) -> TableSource:
    """Read, check and index every row now (`factcheck sources check`, tests, libraries)."""
    return TableSource(spec, *_read_rows(spec, resolver))


def scan_table(spec: SourceSpec, resolver: EntityResolver) -> TableSource:
    """Check the file now and build its rows when claims first ask for them.

    Raises what `load_table` raises, with the same message: a file the scan
    finds anything wrong with is handed to `load_table`. The checked columns are
    kept (a few hundred bytes a row, a fraction of a `TableRow`), so the rows are
    those of the file as scanned, whatever happens to it during the run.
    """
    if spec.path is None:
        raise ConfigError(spec.name, "table source has no path")
    if spec.options.get("format", "long") == "wide":
        checked = _check_wide(spec.path, spec.options["columns"], resolver)
    else:
        checked = _check_long(spec.path, resolver)
    if checked is None:
        return load_table(spec, resolver)
    return TableSource.deferred(spec, checked.summary, lambda: _Series(checked, spec.name))


def _read_rows(
    spec: SourceSpec, resolver: EntityResolver
) -> tuple[tuple[TableRow, ...], tuple[str, ...], tuple[Repeat, ...]]:
    if spec.path is None:
        raise ConfigError(spec.name, "table source has no path")
    if spec.options.get("format", "long") == "wide":
        rows = _wide_rows(spec, spec.path, spec.options["columns"])
    else:
        rows = _long_rows(spec, spec.path)
    known: dict[str, str] = {}  # few entities, many rows
    keys = tuple(
        known.get(row.entity) or known.setdefault(row.entity, resolver.key(row.entity))
        for row in rows
    )
    return _drop_repeats(spec.path, rows, keys)


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
                    if not "".join(cells).strip():  # every cell blank
                        continue
                    if len(cells) > len(columns):
                        raise ConfigError(
                            str(path),
                            f"row has {len(cells)} cells but the header has {len(columns)} "
                            "(quote values that contain commas)",
                            line=reader.line_num,
                        )
                    cells += [""] * (len(columns) - len(cells))
                    yield reader.line_num, dict(zip(columns, map(str.strip, cells), strict=True))
            except csv.Error as exc:
                raise ConfigError(str(path), f"invalid CSV: {exc}", line=reader.line_num) from None
    except FileNotFoundError:
        raise ConfigError(str(path), "file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not UTF-8 text ({exc.reason})") from None


def parse_number(path: Path, column: str, text: str, line: int, unit: str | None = None) -> float:
    """A finite number, allowing thousands commas and surrounding spaces.

    With the row's `unit`, the cell may carry that unit ("5.9%" in a table of %): a
    spreadsheet's formatting is not an error, but a unit other than the row's is.
    `1e999` or 400 digits would be read as infinity, a value every claim agrees with.
    """
    cleaned = text.strip()
    if unit is not None and not _NUMBER.fullmatch(cleaned):
        cleaned = _strip_unit(path, column, cleaned, line, unit)
    if not _NUMBER.fullmatch(cleaned):
        raise ConfigError(str(path), f"column '{column}' is not a number", line=line)
    value = float(cleaned.replace(",", ""))
    if not math.isfinite(value):
        raise ConfigError(str(path), f"column '{column}' is not a finite number", line=line)
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
            str(path), f"column '{column}' is in '{written}' but {expected}", line=line
        )
    return str(found["number"])


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
        f"column '{column}' is not a year (2023), a month (2023-07) or a date (2023-07-04)",
        line=line,
    )


def normalise_unit(unit: str) -> str:
    """Currency symbols become ISO codes and "percent" becomes "%"; "" = plain count."""
    cleaned = unit.strip()
    return _UNIT_ALIASES.get(cleaned.casefold(), cleaned)


def _long_rows(spec: SourceSpec, path: Path) -> tuple[TableRow, ...]:
    rows = []
    periods: dict[str, str] = {}  # parsed once per distinct cell: a table has few
    units: dict[str, str] = {}
    for line, cells in read_csv(path, LONG_COLUMNS):
        for column in ("entity", "metric"):
            if not cells[column]:
                raise ConfigError(str(path), f"column '{column}' is empty", line=line)
        period = periods.get(cells["period"])
        if period is None:
            period = periods[cells["period"]] = parse_period(path, "period", cells["period"], line)
        unit = units.get(cells["unit"])
        if unit is None:
            unit = units[cells["unit"]] = normalise_unit(cells["unit"])
        rows.append(
            TableRow(
                entity=cells["entity"],
                metric=cells["metric"],
                period=period,
                value=parse_number(path, "value", cells["value"], line, unit),
                unit=unit,
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
            unit = normalise_unit(entry.get("unit", ""))
            rows.append(
                TableRow(
                    entity=entity,
                    metric=metric,
                    period=period,
                    value=parse_number(path, entry["column"], cell, line, unit),
                    unit=unit,
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
        f"missing column{plural} {names} "
        f"(the header has {len(columns)} column{'s' if len(columns) != 1 else ''})",
        line=1,
    )


def _drop_repeats(
    path: Path, rows: Sequence[TableRow], keys: Sequence[str]
) -> tuple[tuple[TableRow, ...], tuple[str, ...], tuple[Repeat, ...]]:
    """The rows with each fact once, and the lines that only repeated one.

    Two different values for the same fact would make a verdict depend on row
    order: an error. The same value twice (a pasted block) is harmless: read once,
    and `factcheck sources check` warns.
    """
    seen: dict[tuple[str, str, str, str], TableRow] = {}
    folded = {metric: fold_phrase(metric) for metric in {row.metric for row in rows}}
    kept: list[int] = []
    repeats: list[Repeat] = []
    for position, (row, key) in enumerate(zip(rows, keys, strict=True)):
        identity = (key, folded[row.metric], row.period, row.unit)
        first = seen.setdefault(identity, row)
        if first is row:
            kept.append(position)
        elif first.value == row.value:
            repeats.append(Repeat(row.line, first.line))
        else:
            raise ConfigError(
                str(path),
                f"duplicate value: the same entity, metric, period and unit as line {first.line}",
                line=row.line,
            )
    if not repeats:
        return tuple(rows), tuple(keys), ()
    return tuple(rows[i] for i in kept), tuple(keys[i] for i in kept), tuple(repeats)


def _phrase_index(spec: SourceSpec, metrics: Iterable[str]) -> dict[str, str]:
    """The metrics as found (the last spelling of a folded phrase wins), then as declared."""
    phrases = {fold_phrase(metric): metric for metric in metrics}
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


# --- the scan: check every cell without building rows ------------------------------------


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


@dataclass(frozen=True)
class _Columns:
    """The rows `_long_rows` or `_wide_rows` would build, column by column (one value
    each, in row order), every cell checked as they check it."""

    entities: list[str]
    metrics: list[str]
    periods: list[str]
    values: list[str]  # as written: "1,234.5"
    units: list[str]  # normalised
    urls: list[str] | None  # None: the file has no such column
    notes: list[str] | None
    lines: list[int]
    keys: Mapping[str, str]  # entity -> resolver key
    summary: TableSummary


class _Series:
    """A table's checked columns, grouped into series; each row built when first asked for.

    A claim asks for a few series (an entity's metric over the years), a ranking for
    one metric and period across entities: building every `TableRow` of a table of
    thousands would cost more than the claims' whole check. Row positions are grouped
    by (entity key, metric) at once, by (metric, period) on the first ranking, and
    each row is built once, as `_long_rows` or `_wide_rows` builds it.
    """

    def __init__(self, columns: _Columns, source: str) -> None:
        self._columns = columns
        self._source = source
        self._keys = tuple(map(columns.keys.__getitem__, columns.entities))
        folded = {metric: fold_phrase(metric) for metric in dict.fromkeys(columns.metrics)}
        self._metrics = list(map(folded.__getitem__, columns.metrics))
        series: dict[tuple[str, str], list[int]] = {}
        for position, group in enumerate(zip(self._keys, self._metrics, strict=True)):
            series.setdefault(group, []).append(position)
        for positions in series.values():
            positions.sort(key=columns.periods.__getitem__)  # stable: file order within one
        self._series = series
        self._at: dict[tuple[str, str], list[int]] | None = None
        self._built: list[TableRow | None] = [None] * len(self._keys)

    @property
    def rows(self) -> tuple[TableRow, ...]:
        """Every row, built column-wise in one pass (rows built before are kept)."""
        if None in self._built:
            columns, height = self._columns, len(self._keys)
            fresh = map(
                _table_row,
                columns.entities,
                columns.metrics,
                columns.periods,
                map(float, map(methodcaller("replace", ",", ""), columns.values)),
                columns.units,
                columns.urls or repeat("", height),
                columns.notes or repeat("", height),
                columns.lines,
                repeat(self._source, height),
            )
            self._built = [old or new for old, new in zip(self._built, fresh, strict=True)]
        return tuple(row for row in self._built if row is not None)

    @property
    def entity_keys(self) -> tuple[str, ...]:
        return self._keys

    def series(self, entity_key: str, metric: str) -> Sequence[TableRow]:
        return list(map(self._row, self._series.get((entity_key, metric), ())))

    def at(self, metric: str, period: str) -> Sequence[TableRow]:
        if self._at is None:
            at: dict[tuple[str, str], list[int]] = {}
            periods = self._columns.periods
            for position, group in enumerate(zip(self._metrics, periods, strict=True)):
                at.setdefault(group, []).append(position)
            self._at = at
        return list(map(self._row, self._at.get((metric, period), ())))

    def _row(self, position: int) -> TableRow:
        row = self._built[position]
        if row is None:
            columns = self._columns
            row = self._built[position] = _table_row(
                columns.entities[position],
                columns.metrics[position],
                columns.periods[position],
                float(columns.values[position].replace(",", "")),
                columns.units[position],
                columns.urls[position] if columns.urls else "",
                columns.notes[position] if columns.notes else "",
                columns.lines[position],
                self._source,
            )
        return row


def _table_row(
    entity: str,
    metric: str,
    period: str,
    value: float,
    unit: str,
    url: str,
    note: str,
    line: int,
    source: str,
) -> TableRow:
    """The row `_long_rows` builds from these cells (an empty url or note is None)."""
    return TableRow(
        entity=entity,
        metric=metric,
        period=period,
        value=value,
        unit=unit,
        url=url or None,
        note=note or None,
        line=line,
        source=source,
    )


def _check_long(path: Path, resolver: EntityResolver) -> _Columns | None:
    """The columns of the rows `_long_rows` would build; None if it would raise (or the
    file is unusual)."""
    grid = read_grid(path, LONG_COLUMNS)
    if grid is None:
        return None
    entities, metrics, periods, values, raw_units = (grid.column(name) for name in LONG_COLUMNS)
    if "" in entities or "" in metrics or not all(map(_NUMBER.fullmatch, values)):
        return None
    if not _finite(values):
        return None
    if not valid(lambda period: parse_period(path, "period", period, 0), set(periods)):
        return None
    normalised = {unit: normalise_unit(unit) for unit in set(raw_units)}
    units = list(map(normalised.__getitem__, raw_units))
    keys = {entity: resolver.key(entity) for entity in dict.fromkeys(entities)}
    summary = _summary(keys, entities, metrics, periods, units)
    if summary is None:
        return None
    urls, notes = (grid.column(name) if name in grid.columns else None for name in ("url", "note"))
    return _Columns(
        entities, metrics, periods, values, units, urls, notes, grid.lines, keys, summary
    )


def _check_wide(path: Path, layout: Mapping[str, Any], resolver: EntityResolver) -> _Columns | None:
    """The columns of the rows `_wide_rows` would build; None if it would raise (or the
    file is unusual).

    Its rows run row by row, then metric by metric within a row, skipping empty
    cells; the file's columns are interleaved in that order with C-level passes.
    """
    values: Mapping[str, Mapping[str, str]] = layout["values"]
    roles = ("entity", "period", "code", "url", "note")
    named = {role: layout[role].casefold() for role in roles if role in layout}
    required = [*named.values(), *(entry["column"].casefold() for entry in values.values())]
    grid = read_grid(path, required)
    if grid is None:
        return None
    height, width = len(grid.rows), len(values)
    codes = grid.column(named["code"]) if "code" in named else [""] * height
    names = list(zip(grid.column(named["entity"]), codes, strict=True))
    entity_of = {pair: _wide_entity(*pair) for pair in set(names)}
    periods = grid.column(named["period"])
    if not all(entity_of.values()) or not valid(
        lambda period: parse_period(path, "period", period, 0), set(periods)
    ):
        return None
    by_metric = [grid.column(entry["column"].casefold()) for entry in values.values()]
    cells = list(chain.from_iterable(zip(*by_metric, strict=True)))  # row by row
    filled = list(map(bool, cells))
    found = list(compress(cells, filled))
    if not all(map(_NUMBER.fullmatch, found)) or not _finite(found):
        return None
    units = tuple(normalise_unit(entry.get("unit", "")) for entry in values.values())

    def spread(column: Sequence[_T]) -> list[_T]:
        """A value per row, repeated for each metric of the row, where a cell is filled."""
        return list(compress(chain.from_iterable(zip(*repeat(column, width), strict=True)), filled))

    def cycle(per_metric: tuple[str, ...]) -> list[str]:
        """A value per metric, repeated for each row, where a cell is filled."""
        return list(compress(chain.from_iterable(repeat(per_metric, height)), filled))

    entities = spread(list(map(entity_of.__getitem__, names)))
    metrics, flat_periods, flat_units = cycle(tuple(values)), spread(periods), cycle(units)
    keys = {entity: resolver.key(entity) for entity in dict.fromkeys(entities)}
    summary = _summary(keys, entities, metrics, flat_periods, flat_units)
    if summary is None:
        return None
    urls, notes = (
        spread(grid.column(named[role])) if role in named else None for role in ("url", "note")
    )
    return _Columns(
        entities,
        metrics,
        flat_periods,
        found,
        flat_units,
        urls,
        notes,
        spread(grid.lines),
        keys,
        summary,
    )


def _finite(cells: Sequence[str]) -> bool:
    """Whether number cells (each matching `_NUMBER`) are all finite as floats.

    Only an exponent or a cell of hundreds of digits can overflow, so the common
    table, with neither, is cleared by a few C-level passes instead of a float each.
    """
    joined = "".join(cells)
    if "e" not in joined and "E" not in joined and max(map(len, cells), default=0) < 300:
        return True
    return all(math.isfinite(float(cell.replace(",", ""))) for cell in cells)


def _summary(
    keys: Mapping[str, str],
    entities: Sequence[str],
    metrics: Sequence[str],
    periods: Sequence[str],
    units: Sequence[str],
) -> TableSummary | None:
    """The summary of the rows these columns hold, one value each (in row order); None
    when two rows state one fact (`_drop_repeats` says which) or two spellings of
    a metric fold to the same phrase (rare: the rows then decide `metric_for`). `keys`
    holds each entity's resolver key."""
    folded = {metric: fold_phrase(metric) for metric in dict.fromkeys(metrics)}
    if len(set(folded.values())) < len(folded):
        return None
    facts = zip(
        map(keys.__getitem__, entities),
        map(folded.__getitem__, metrics),
        periods,
        units,
        strict=True,
    )
    if len(set(facts)) < len(entities):
        return None
    found: dict[str, set[str]] = {}
    for metric, unit in dict.fromkeys(zip(metrics, units, strict=True)):
        found.setdefault(metric, set()).add(unit)
    return TableSummary(len(entities), {metric: frozenset(u) for metric, u in found.items()})
