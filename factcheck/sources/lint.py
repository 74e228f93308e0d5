"""What `factcheck sources check` warns about: data that loads but that claims cannot reach.

A table can be valid CSV and still never check a claim: an entity the resolver
does not know ("Deutschland") matches only a claim that writes it so; a metric
no claim phrase names (a typo in the CSV, or in `[source.metrics]`) is never
looked up; a unit no figure is read in ("tonnes" where claims give "t") is never
compared. None of these is an error, since a newsroom's own names may be
deliberate, so they are warnings, in file order, for the user to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import pycountry
from rapidfuzz import fuzz, process

from factcheck.matching.numbers import COUNT_UNITS
from factcheck.normalise import numbers
from factcheck.normalise.entities import EntityResolver
from factcheck.sources.tables import TableSource, fold_phrase

SHOWN = 5  # names listed in one warning before "and N more"
_NEAR = 85  # rapidfuzz WRatio from which a name is offered as "did you mean"


@dataclass(frozen=True)
class SourceWarning:
    path: str  # the data file
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: source '{self.source}': {self.message}"


def lint_tables(
    tables: Sequence[TableSource], resolver: EntityResolver, metric_names: Iterable[str]
) -> list[SourceWarning]:
    """Warnings for local tables; `metric_names` are the metrics claims are reported
    with (the extraction lexicon's: the sources' declared metrics and the language's)."""
    names = tuple(dict.fromkeys(metric_names))
    warnings: list[SourceWarning] = []
    for table in tables:
        found = [
            *_entities(table, resolver),
            *_unreached(table, names),
            *_undeclared_rows(table),
            *_units(table),
            *_repeats(table),
        ]
        path = str(table.spec.path)
        warnings.extend(SourceWarning(path, table.spec.name, message) for message in found)
    return warnings


def _entities(table: TableSource, resolver: EntityResolver) -> list[str]:
    first: dict[str, int] = {}
    for row in table.rows:
        first.setdefault(row.entity, row.line)
    unknown = [(name, line) for name, line in first.items() if not resolver.is_known(name)]
    if not unknown:
        return []
    shown = ", ".join(f"'{name}' (line {line})" for name, line in unknown[:SHOWN])
    more = f" and {len(unknown) - SHOWN} more" if len(unknown) > SHOWN else ""
    which = "entity is" if len(unknown) == 1 else "entities are"
    return [
        f"{len(unknown)} {which} neither a country nor an [aliases] name, so a claim "
        f"matches only the name as written: {shown}{more}"
    ]


def _unreached(table: TableSource, names: Sequence[str]) -> list[str]:
    """Metrics in the rows that no claim's metric leads to (`TableSource.metric_for`)."""
    reached = {table.metric_for(name) for name in names}
    lines = _first_lines(table)
    return [
        f"metric '{metric}' (line {lines[metric]}) is named by no phrase a claim can use, "
        f"so its rows are never compared{_near(metric, [*table.spec.metrics, *names])}; "
        "declare it under [source.metrics] with the phrases that name it"
        for metric in table.metric_units
        if metric not in reached
    ]


def _undeclared_rows(table: TableSource) -> list[str]:
    """Metrics declared in `[source.metrics]` that no row has: claims find nothing there."""
    present = {fold_phrase(metric) for metric in table.metric_units}
    return [
        f"metric '{metric}' in [source.metrics] has no rows in the file"
        f"{_near(metric, list(table.metric_units))}"
        for metric in table.spec.metrics
        if fold_phrase(metric) not in present
    ]


def _units(table: TableSource) -> list[str]:
    return [
        f"unit '{unit}' (metric '{metric}') is not one a claim's figure is read in, so "
        "those rows are never compared (use an ISO currency code, %, pp, a unit such as "
        "km, km2, t or MW, or leave it empty for a count)"
        for metric, units in table.metric_units.items()
        for unit in sorted(units)
        if not comparable(unit)
    ]


def _repeats(table: TableSource) -> list[str]:
    return [
        f"line {repeat.line} repeats line {repeat.first} (same entity, metric, period, "
        "unit and value); it is read once"
        for repeat in table.repeats
    ]


def comparable(unit: str) -> bool:
    """Whether a claim's figure can carry `unit` (`matching.numbers.compatible` compares
    them ignoring case); empty and count words match figures without a unit."""
    folded = unit.casefold()
    if not unit or folded in COUNT_UNITS or folded in _claim_units():
        return True
    return len(unit) == 3 and unit.isupper() and pycountry.currencies.get(alpha_3=unit) is not None


@cache
def _claim_units() -> frozenset[str]:
    """Every unit other than a currency that figures in text are read in."""
    tables = (
        numbers._PERCENT_AND_POINTS,
        numbers._MEASURE_WORDS,
        numbers._MEASURE_ABBREVIATIONS,
    )
    return frozenset(unit.casefold() for table in tables for unit in table.values())


def _first_lines(table: TableSource) -> dict[str, int]:
    lines: dict[str, int] = {}
    for row in table.rows:
        lines.setdefault(row.metric, row.line)
    return lines


def _near(name: str, choices: Sequence[str]) -> str:
    others = [choice for choice in dict.fromkeys(choices) if choice != name]
    found = process.extractOne(name, others, scorer=fuzz.WRatio, score_cutoff=_NEAR)
    return f" (did you mean '{found[0]}'?)" if found else ""
