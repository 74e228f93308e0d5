"""Reference sources: `sources.toml` and the data files it names.

`load_config` validates the configuration; `load_sources` reads every enabled
local source and reports one status per configured source. Problems in the
user's data files raise ConfigError: they are not transient, so they are not
turned into an "error" status.

`load_sources(..., lazy=True)`, which a run uses, checks every table and events
file as thoroughly (same errors, same messages) but builds rows only when a
claim first asks for a metric or relation the file has, and for a table only the
series it asks for: a run on a NATO story builds none of the 29,000 rows of world
statistics (see `sources.tables`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.records import SourceState, SourceStatus
from factcheck.sources.claimreview import ReviewSource, load_reviews
from factcheck.sources.config import SourcesConfig, SourceSpec, load_config
from factcheck.sources.events import EventSource, load_events, scan_events
from factcheck.sources.kinds import HTTP_KINDS, KINDS, LOCAL_KINDS, REGISTRY
from factcheck.sources.tables import TableSource, fold_phrase, load_table, scan_table

if TYPE_CHECKING:
    from factcheck.normalise.entities import EntityResolver

__all__ = [
    "HTTP_KINDS",
    "KINDS",
    "LOCAL_KINDS",
    "EventSource",
    "LoadedSources",
    "ReviewSource",
    "SourceSpec",
    "SourcesConfig",
    "TableSource",
    "fold_phrase",
    "load_config",
    "load_events",
    "load_reviews",
    "load_sources",
    "load_table",
    "scan_events",
    "scan_table",
]


@dataclass(frozen=True)
class LoadedSources:
    tables: tuple[TableSource, ...]
    events: tuple[EventSource, ...]
    reviews: tuple[ReviewSource, ...]
    statuses: tuple[SourceStatus, ...]  # one per configured source, in config order

    def metric_for(self, phrase: str) -> str | None:
        """The metric a phrase names, asking each table in config order."""
        for table in self.tables:
            metric = table.metric_for(phrase)
            if metric is not None:
                return metric
        return None


def load_sources(
    config: SourcesConfig, resolver: EntityResolver, *, lazy: bool = False
) -> LoadedSources:
    """Every enabled local source, and one status per configured source.

    `lazy`: tables and events files are checked and counted now but their rows are
    built when first needed (`scan_table`, `scan_events`); the statuses are the same.
    Without it (`factcheck sources check`, tests) every row is built and checked now.
    """
    tables: list[TableSource] = []
    events: list[EventSource] = []
    reviews: list[ReviewSource] = []
    statuses: list[SourceStatus] = []
    relations = config.relations()
    for spec in config.sources:
        load = REGISTRY[spec.kind].load
        if not spec.enabled:
            statuses.append(_disabled(spec, "enabled = false in sources.toml"))
        elif load is None:  # an HTTP kind: `remote.merge_remote` replaces this status
            statuses.append(_disabled(spec, f"kind '{spec.kind}' is not available in this version"))
        else:
            source = load(spec, resolver, relations, lazy)
            if isinstance(source, TableSource):
                tables.append(source)
            elif isinstance(source, EventSource):
                events.append(source)
            else:
                reviews.append(source)
            statuses.append(_ok(spec, source.records))
    return LoadedSources(tuple(tables), tuple(events), tuple(reviews), tuple(statuses))


def _ok(spec: SourceSpec, records: int) -> SourceStatus:
    return SourceStatus(name=spec.name, kind=spec.kind, status=SourceState.OK, records=records)


def _disabled(spec: SourceSpec, detail: str) -> SourceStatus:
    return SourceStatus(name=spec.name, kind=spec.kind, status=SourceState.DISABLED, detail=detail)
