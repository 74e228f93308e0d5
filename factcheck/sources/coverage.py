"""What each configured source covers: metrics, entities, years and rows.

For `factcheck sources list`, and for the report's one-line note when claims
are unverified because no source covers them. Local files are read with the csv
module and only counted, never indexed, so a table of tens of thousands of rows
is described in a few tens of milliseconds. HTTP kinds cover what their
configuration declares and are asked on demand, so they have no counts.

Nothing here prints; a source whose file cannot be read is described with its
`problem` instead of raising, so one bad file does not hide the others.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from factcheck.records import CheckedClaim, Report, Verdict
from factcheck.sources.config import SourcesConfig, SourceSpec
from factcheck.sources.kinds import REGISTRY

# How an unverified claim's explanation begins when no source covers its metric or
# entity ("no source covers population for Chile, 2008"); matched ignoring case.
NO_SOURCE_PREFIXES = ("no source covers", "no configured source covers")
ADD_YOUR_OWN = "Add your own: README 'Reference sources'."
EXAMPLES = 3  # entity names shown beside the count
NOTE_METRICS = 6  # metrics named per source in the note before "and N more"
NOTE_TOPICS = 6  # sources named in the note before "and N more"


@dataclass(frozen=True)
class SourceCoverage:
    """One configured source. Counts are None when unknown: asked on demand (HTTP kinds),
    not applicable, or the file could not be read (`problem` says why)."""

    name: str
    kind: str
    title: str | None
    enabled: bool
    metrics: tuple[str, ...] = ()  # metrics, or relations for events, in a stable order
    indicators: tuple[str, ...] = ()  # worldbank: the code of each metric, same order
    entities: int | None = None
    examples: tuple[str, ...] = ()  # the first few entity names, in file order
    years: tuple[int, int] | None = None  # first and last year of the data
    rows: int | None = None
    on_demand: bool = False  # an HTTP source: asked per claim, everything it has
    description: str | None = None  # the source's own `description`, if it has one
    problem: str | None = None


@dataclass(frozen=True)
class Coverage:
    """Every configured source, in configuration order."""

    sources: tuple[SourceCoverage, ...]
    builtin: bool = False  # the packaged default sources, not the user's own

    @property
    def enabled(self) -> tuple[SourceCoverage, ...]:
        return tuple(source for source in self.sources if source.enabled)


def describe_sources(config: SourcesConfig, *, builtin: bool = False) -> Coverage:
    return Coverage(tuple(describe_source(spec) for spec in config.sources), builtin)


def describe_source(spec: SourceSpec) -> SourceCoverage:
    """What `spec` covers; a disabled local source is described from its configuration."""
    base = SourceCoverage(
        name=spec.name,
        kind=spec.kind,
        title=spec.title,
        enabled=spec.enabled,
        metrics=tuple(spec.metrics),
        description=_text_option(spec, "description"),
    )
    if not REGISTRY[spec.kind].local:
        return _http(spec, base)
    if not spec.enabled or spec.path is None:
        return base
    try:
        if spec.kind == "table":
            tally = _table(spec, spec.path)
        elif spec.kind == "events":
            tally = _events(spec.path)
        else:
            return _reviews(spec.path, base)
    except _Unreadable as error:
        return _with(base, problem=str(error))
    found = _names(tally.metrics)
    if spec.kind == "events":  # relations are matched ignoring case and spacing
        found = tuple(dict.fromkeys(" ".join(name.casefold().split()) for name in found))
    entities = _names(tally.entities)
    return _with(
        base,
        metrics=_ordered(found, tuple(spec.metrics if spec.kind == "table" else ())),
        entities=len(entities),
        examples=entities[:EXAMPLES],
        years=tally.years(),
        rows=tally.rows,
    )


def lacks_source(checked: CheckedClaim) -> bool:
    """Unverified because no source covers the claim's metric or entity."""
    explanation = checked.explanation.lstrip().casefold()
    return checked.verdict is Verdict.UNVERIFIED and explanation.startswith(NO_SOURCE_PREFIXES)


def needs_note(report: Report) -> bool:
    return any(lacks_source(checked) for checked in report.claims)


def coverage_note(coverage: Coverage) -> str | None:
    """One sentence on what the enabled sources cover and where to read about adding one.

    E.g. "Built-in sources cover population, GDP, inflation (1960-2024); NATO
    accessions and summits (1949-2025). Add your own: README 'Reference sources'."
    None when no enabled source has anything to name.
    """
    topics = list(dict.fromkeys(t for source in coverage.enabled for t in _short_topics(source)))
    if not topics:
        return None
    who = "Built-in sources cover" if coverage.builtin else "The configured sources cover"
    named = ", ".join(topics[:NOTE_TOPICS])
    more = len(topics) - NOTE_TOPICS
    listed = f"{named} and {more} more" if more > 0 else named
    return f"{who} {listed} ('factcheck sources list'). {ADD_YOUR_OWN}"


def _short_topics(source: SourceCoverage) -> list[str]:
    """A source in a few words for the one-line note: its description, else its title
    (events), else its metrics; nothing for a source with nothing to name."""
    if source_topic(source) is None:
        return []
    if source.description:
        return [source.description]
    if source.kind == "events" and source.title:
        return [source.title]
    return _metric_list(source.metrics, limit=None).split(", ")


def source_topic(source: SourceCoverage) -> str | None:
    """A few words for what one source covers, with its years: its own `description`;
    else for events the title; else its metrics, a metric that only extends another
    ("GDP per capita" after "GDP") left out. None when there is nothing to name."""
    if source.description:
        topic = source.description
    elif source.kind == "events" and source.title:
        topic = source.title
    else:
        topic = _metric_list(source.metrics)
    if not topic:
        return None
    if source.on_demand:
        return f"{topic} (asked online)"
    years = format_years(source.years)
    return f"{topic} ({years})" if years and years not in topic else topic


def format_years(years: tuple[int, int] | None) -> str:
    if years is None:
        return ""
    first, last = years
    return str(first) if first == last else f"{first}-{last}"


# --- reading ---------------------------------------------------------------------------------


class _Unreadable(Exception):
    """A data file that cannot be described (the run itself reports it as a ConfigError)."""


@dataclass
class _Tally:
    """Distinct raw cells as found (cleaned once at the end: a table has few distinct
    entities, metrics and periods but many rows)."""

    rows: int = 0
    entities: dict[str, None] = field(default_factory=dict)  # insertion-ordered sets
    metrics: dict[str, None] = field(default_factory=dict)
    periods: set[str] = field(default_factory=set)

    def add(self, entity: str, metric: str, period: str) -> None:
        self.rows += 1
        self.entities[entity] = None
        self.metrics[metric] = None
        self.periods.add(period)

    def years(self) -> tuple[int, int] | None:
        heads = {period.strip()[:4] for period in self.periods}
        years = sorted(int(head) for head in heads if len(head) == 4 and head.isdigit())
        return (years[0], years[-1]) if years else None


def _table(spec: SourceSpec, path: Path) -> _Tally:
    tally = _Tally()
    if spec.options.get("format", "long") != "wide":
        with _rows(path, ("entity", "metric", "period")) as (columns, _, rows):
            entity, named, period = columns
            for cells in rows:
                tally.add(cells[entity], cells[named], cells[period])
        return tally
    layout: Mapping[str, Any] = spec.options.get("columns", {})
    values: Mapping[str, Mapping[str, str]] = layout.get("values", {})
    wanted = (str(layout.get("entity", "")), str(layout.get("period", "")))
    value_columns = tuple(str(entry.get("column", "")) for entry in values.values())
    with _rows(path, (*wanted, *value_columns)) as (columns, _, rows):
        entity, period, *value_indexes = columns
        measured = tuple(zip(values, value_indexes, strict=True))
        for cells in rows:
            for metric, index in measured:
                if cells[index].strip():
                    tally.add(cells[entity], metric, cells[period])
    return tally


def _events(path: Path) -> _Tally:
    tally = _Tally()
    with _rows(path, ("subject", "relation", "date"), ("end_date",)) as (columns, extra, rows):
        (subject, relation, start), (end,) = columns, extra
        for cells in rows:
            tally.add(cells[subject], cells[relation], cells[start])
            if end is not None:
                tally.periods.add(cells[end])
    return tally


def _reviews(path: Path, base: SourceCoverage) -> SourceCoverage:
    """A ClaimReview file: how many reviews it holds (a list, or one object)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return _with(base, problem=f"{path}: cannot be read ({error.__class__.__name__})")
    items = data if isinstance(data, list) else [data]
    reviews = sum(1 for item in items if isinstance(item, dict) and "claimReviewed" in item)
    return _with(base, rows=reviews)


@contextmanager
def _rows(
    path: Path, required: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[tuple[list[int], list[int | None], Iterator[list[str]]]]:
    """The indexes of the required and optional columns (None: absent), and the non-blank
    rows as read (cells unstripped), padded to the header's width."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip().casefold() for name in next(reader, [])]
            missing = [name for name in required if name.casefold() not in header]
            if missing:
                raise _Unreadable(f"{path}: missing column(s) {', '.join(missing)}")
            width = len(header)
            rows = (
                cells if len(cells) >= width else cells + [""] * (width - len(cells))
                for cells in reader
                if any(cells)
            )
            yield (
                [header.index(name.casefold()) for name in required],
                [header.index(name) if name in header else None for name in optional],
                rows,
            )
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise _Unreadable(f"{path}: cannot be read ({error.__class__.__name__})") from None


# --- HTTP kinds and helpers ------------------------------------------------------------------


def _http(spec: SourceSpec, base: SourceCoverage) -> SourceCoverage:
    if spec.kind == "worldbank":
        raw = spec.options.get("indicators", {})
        indicators = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        return _with(
            base,
            metrics=tuple(indicators),
            indicators=tuple(indicators.values()),
            on_demand=True,
        )
    if spec.kind == "wikidata":
        from factcheck.lexicon import MEMBER_OF
        from factcheck.sources import wikidata  # httpx: only for a configured HTTP source

        raw = spec.options.get("properties", {})
        built_in = (MEMBER_OF, *wikidata.BUILT_IN_PROPERTIES, wikidata.INCEPTION)
        extra = tuple(str(name) for name in raw) if isinstance(raw, dict) else ()
        relations = (*built_in, *extra, wikidata.POPULATION)
        return _with(base, metrics=tuple(dict.fromkeys(relations)), on_demand=True)
    return _with(base, metrics=(), on_demand=True)  # fact-check search: any claim's sentence


def _names(found: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cleaned for raw in found if (cleaned := raw.strip())))


def _ordered(found: Sequence[str], declared: Sequence[str]) -> tuple[str, ...]:
    """The metrics found in the data: those the configuration declares first, in its order."""
    first = [metric for metric in declared if metric in found]
    return (*first, *(metric for metric in found if metric not in first))


def _metric_list(metrics: Sequence[str], limit: int | None = NOTE_METRICS) -> str:
    shown = [
        metric
        for metric in metrics
        if not any(
            other != metric and metric.casefold().startswith(other.casefold() + " ")
            for other in metrics
        )
    ]
    if limit is not None and len(shown) > limit:
        return ", ".join(shown[:limit]) + f" and {len(shown) - limit} more"
    return ", ".join(shown)


def _text_option(spec: SourceSpec, key: str) -> str | None:
    value = spec.options.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _with(base: SourceCoverage, **changes: Any) -> SourceCoverage:
    return replace(base, **changes)
