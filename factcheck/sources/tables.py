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
for (`table_scan.Series`).

The scan (`table_scan`) checks every cell as `load_table` does, and hands any file
it finds anything wrong with to `load_table`, which words the error. Reading cells
(CSV rows, numbers, periods, units, metric phrases) is `cells`, which events files
share.

A precompiled index was the alternative: it would need a build step for every
user's own CSV, and could go stale.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from factcheck.errors import ConfigError, E
from factcheck.records import TableRow
from factcheck.sources.cells import (
    DATE,
    LONG_COLUMNS,
    fold_phrase,
    normalise_unit,
    parse_number,
    parse_period,
    read_csv,
    wide_entity,
)
from factcheck.sources.config import SourceSpec
from factcheck.sources.table_scan import Series, TableSummary, check_long, check_wide

if TYPE_CHECKING:
    from factcheck.normalise.entities import EntityResolver

__all__ = ["Repeat", "TableSource", "TableSummary", "fold_phrase", "load_table", "scan_table"]


@dataclass(frozen=True)
class Repeat:
    """A row that states a fact (same value) an earlier row states: read once."""

    line: int
    first: int  # the line of the row it repeats


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
        """Whether the rows are indexed (a scanned table's, into series: see `Series`)."""
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
        if exact or DATE.fullmatch(period):
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
        raise ConfigError(spec.name, E.NO_PATH, kind="table")
    if spec.options.get("format", "long") == "wide":
        checked = check_wide(spec.path, spec.options["columns"], resolver)
    else:
        checked = check_long(spec.path, resolver)
    if checked is None:
        return load_table(spec, resolver)
    return TableSource.deferred(spec, checked.summary, lambda: Series(checked, spec.name))


def _read_rows(
    spec: SourceSpec, resolver: EntityResolver
) -> tuple[tuple[TableRow, ...], tuple[str, ...], tuple[Repeat, ...]]:
    if spec.path is None:
        raise ConfigError(spec.name, E.NO_PATH, kind="table")
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


def _long_rows(spec: SourceSpec, path: Path) -> tuple[TableRow, ...]:
    rows = []
    periods: dict[str, str] = {}  # parsed once per distinct cell: a table has few
    units: dict[str, str] = {}
    for line, cells in read_csv(path, LONG_COLUMNS):
        for column in ("entity", "metric"):
            if not cells[column]:
                raise ConfigError(str(path), E.EMPTY_CELL, line=line, column=column)
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
        entity = wide_entity(cells[named["entity"]], code)
        if not entity:
            raise ConfigError(str(path), E.EMPTY_CELL, line=line, column=columns["entity"])
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
            raise ConfigError(str(path), E.DUPLICATE_ROW, line=row.line, first=first.line)
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
