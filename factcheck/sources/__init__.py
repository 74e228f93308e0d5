"""Reference sources: `sources.toml` and the data files it names.

`load_config` validates the configuration; `load_sources` reads every enabled
local source and reports one status per configured source. Problems in the
user's data files raise ConfigError: they are not transient, so they are not
turned into an "error" status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.records import SourceStatus
from factcheck.sources.claimreview import ReviewSource, load_reviews
from factcheck.sources.config import (
    HTTP_KINDS,
    KINDS,
    LOCAL_KINDS,
    SourcesConfig,
    SourceSpec,
    load_config,
)
from factcheck.sources.events import EventSource, load_events
from factcheck.sources.tables import TableSource, fold_phrase, load_table

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


def load_sources(config: SourcesConfig, resolver: EntityResolver) -> LoadedSources:
    tables: list[TableSource] = []
    events: list[EventSource] = []
    reviews: list[ReviewSource] = []
    statuses: list[SourceStatus] = []
    relations = config.relations()
    for spec in config.sources:
        if not spec.enabled:
            statuses.append(_disabled(spec, "enabled = false in sources.toml"))
        elif spec.kind == "table":
            tables.append(load_table(spec, resolver))
            statuses.append(_ok(spec, len(tables[-1].rows)))
        elif spec.kind == "events":
            events.append(load_events(spec, resolver, relations))
            statuses.append(_ok(spec, len(events[-1].rows)))
        elif spec.kind == "claimreview":
            reviews.append(load_reviews(spec))
            statuses.append(_ok(spec, len(reviews[-1].reviews)))
        else:
            statuses.append(_disabled(spec, f"kind '{spec.kind}' is not available in this version"))
    return LoadedSources(tuple(tables), tuple(events), tuple(reviews), tuple(statuses))


def _ok(spec: SourceSpec, records: int) -> SourceStatus:
    return SourceStatus(name=spec.name, kind=spec.kind, status="ok", records=records)


def _disabled(spec: SourceSpec, detail: str) -> SourceStatus:
    return SourceStatus(name=spec.name, kind=spec.kind, status="disabled", detail=detail)
