"""Every source kind, local and HTTP, in one registry.

A kind says whether it reads a file of the user's (`local`: `path` is then
required and must exist) or asks a service; which keys it takes and how they are
checked; and how a source of it is loaded. Local kinds are loaded with the
configuration; HTTP kinds plan, fetch and build per article (`remote_kinds.Kind`).
Their modules import httpx, which a run without HTTP sources should not pay for,
so `http` imports them only when asked.

A new kind is one entry in `REGISTRY`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from factcheck.sources.options import (
    CLAIMREVIEW_OPTIONS,
    TABLE_OPTIONS,
    Report,
    check_claimreview,
    check_table,
)

if TYPE_CHECKING:
    from factcheck.lexicon import RelationSpec
    from factcheck.normalise.entities import EntityResolver
    from factcheck.sources.claimreview import ReviewSource
    from factcheck.sources.config import SourceSpec
    from factcheck.sources.events import EventSource
    from factcheck.sources.remote_kinds import Kind
    from factcheck.sources.tables import TableSource

    LocalSource: TypeAlias = "TableSource | EventSource | ReviewSource"
    # spec, resolver, every configured relation, lazy (rows built when first asked for)
    Loader: TypeAlias = Callable[
        [SourceSpec, EntityResolver, Mapping[str, RelationSpec], bool], LocalSource
    ]


@dataclass(frozen=True)
class SourceKind:
    name: str
    local: bool
    # Local kinds: the keys they take beyond the common ones, and their check.
    # HTTP kinds check their own keys when loaded (`remote.check_specs`).
    options: frozenset[str] = frozenset()
    check: Callable[[Mapping[str, Any], Report], None] | None = None
    load: Loader | None = None  # local kinds
    http: Callable[[], Kind] | None = None  # HTTP kinds


def _table(
    spec: SourceSpec, resolver: EntityResolver, _: Mapping[str, RelationSpec], lazy: bool
) -> TableSource:
    from factcheck.sources.tables import load_table, scan_table

    return (scan_table if lazy else load_table)(spec, resolver)


def _events(
    spec: SourceSpec,
    resolver: EntityResolver,
    relations: Mapping[str, RelationSpec],
    lazy: bool,
) -> EventSource:
    from factcheck.sources.events import load_events, scan_events

    return (scan_events if lazy else load_events)(spec, resolver, relations)


def _claimreview(
    spec: SourceSpec, _: EntityResolver, __: Mapping[str, RelationSpec], ___: bool
) -> ReviewSource:
    from factcheck.sources.claimreview import load_reviews

    return load_reviews(spec)


def _worldbank() -> Kind:
    from factcheck.sources import worldbank

    return worldbank.KIND


def _wikidata() -> Kind:
    from factcheck.sources import wikidata

    return wikidata.KIND


def _factcheck_api() -> Kind:
    from factcheck.sources import factcheck_api

    return factcheck_api.KIND


REGISTRY: Mapping[str, SourceKind] = {
    kind.name: kind
    for kind in (
        SourceKind("table", True, TABLE_OPTIONS, check_table, _table),
        SourceKind("events", True, load=_events),
        SourceKind("claimreview", True, CLAIMREVIEW_OPTIONS, check_claimreview, _claimreview),
        SourceKind("worldbank", False, http=_worldbank),
        SourceKind("wikidata", False, http=_wikidata),
        SourceKind("factcheck_api", False, http=_factcheck_api),
    )
}
LOCAL_KINDS = tuple(name for name, kind in REGISTRY.items() if kind.local)
HTTP_KINDS = tuple(name for name, kind in REGISTRY.items() if not kind.local)
KINDS = tuple(REGISTRY)


def http_kind(name: str) -> Kind:
    """The HTTP kind `name` (a KeyError for a local or unknown one)."""
    http = REGISTRY[name].http
    if http is None:
        raise KeyError(name)
    return http()
