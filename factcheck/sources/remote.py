"""Prefetch from the HTTP sources exactly what an article's claims need.

`fetch_remote` runs after extraction: every enabled HTTP source plans its
queries from the claims, all queries of all sources run concurrently on one
shared client, and the answers become in-memory `TableSource`, `EventSource`
and `ReviewSource` objects, so matching treats them like local files.

A failing source never stops the run: it gets status "error" with what
happened, a one-line warning, and the claims only it could check are listed in
`unchecked` with the reason. Whatever an answer raises (a FetchError, or
anything a hostile body provokes that the checks missed) fails that source's
queries, never the run; only interruptions propagate. Each source runs within
its own `Budget` (`deadline`, `max_response_bytes` in sources.toml).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import httpx

from factcheck.errors import ConfigError, E
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, SourceState, SourceStatus
from factcheck.sources import LoadedSources
from factcheck.sources.cache import ResponseCache, default_cache_dir
from factcheck.sources.claimreview import ReviewSource
from factcheck.sources.config import SourcesConfig, SourceSpec
from factcheck.sources.events import EventSource
from factcheck.sources.fetching import (
    CacheMiss,
    Fetcher,
    FetchError,
    HostDown,
    OutOfTime,
    RetryPolicy,
    user_agent,
)
from factcheck.sources.kinds import REGISTRY, http_kind
from factcheck.sources.limits import Budget
from factcheck.sources.remote_kinds import Built, Query, Row, deadline, max_bytes
from factcheck.sources.remote_options import RemoteOptions
from factcheck.sources.tables import TableSource

__all__ = [
    "Probe",
    "RemoteOptions",
    "RemoteResult",
    "check_specs",
    "fetch_remote",
    "merge_remote",
    "probe_sources",
]

OFFLINE_MISS = "offline: no cached response"
_Named = TypeVar("_Named", TableSource, EventSource, ReviewSource)


@dataclass(frozen=True)
class RemoteResult:
    tables: tuple[TableSource, ...] = ()
    events: tuple[EventSource, ...] = ()
    reviews: tuple[ReviewSource, ...] = ()
    statuses: tuple[SourceStatus, ...] = ()  # one per HTTP source, in config order
    warnings: tuple[str, ...] = ()
    unchecked: Mapping[str, str] = field(default_factory=dict)  # claim id -> why
    requests: int = 0  # sent over the network, retries included
    cached: int = 0  # answered from the cache


@dataclass(frozen=True)
class Probe:
    name: str
    kind: str
    status: SourceState
    detail: str
    latency_ms: float | None = None


def http_specs(config: SourcesConfig) -> list[SourceSpec]:
    return [spec for spec in config.sources if not REGISTRY[spec.kind].local and spec.enabled]


def check_specs(config: SourcesConfig) -> None:
    """Raise ConfigError for a malformed HTTP source (called when sources are loaded).

    The error names the configuration file, then the source and key.
    """
    for spec in http_specs(config):
        try:
            http_kind(spec.kind).check(spec)
        except ConfigError as error:
            raise ConfigError(str(config.path), E.INVALID_CONFIG, problems=error.message) from None


def disabled_reason(spec: SourceSpec) -> str | None:
    """Why an enabled HTTP source cannot run at all, before any request."""
    return http_kind(spec.kind).unavailable(spec)


def fetch_remote(
    config: SourcesConfig,
    claims: Sequence[Claim],
    resolver: EntityResolver,
    options: RemoteOptions,
) -> RemoteResult:
    specs = http_specs(config)
    if not specs:
        return RemoteResult()
    return asyncio.run(_fetch_all(specs, claims, resolver, options))


def probe_sources(config: SourcesConfig, options: RemoteOptions) -> list[Probe]:
    """Reachability and latency of each enabled HTTP source (never cached)."""
    specs = http_specs(config)
    if not specs:
        return []
    return asyncio.run(_probe_all(specs, options))


# --- running ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    built: tuple[Built, ...]
    status: SourceStatus
    warning: str | None
    unchecked: Mapping[str, str]


async def _fetch_all(
    specs: Sequence[SourceSpec],
    claims: Sequence[Claim],
    resolver: EntityResolver,
    options: RemoteOptions,
) -> RemoteResult:
    async with _client(options) as client:
        fetcher = _fetcher(client, specs, options)
        outcomes = await asyncio.gather(
            *(_source(spec, claims, resolver, fetcher) for spec in specs)
        )
    built = [item for outcome in outcomes for item in outcome.built]
    unchecked: dict[str, str] = {}
    for outcome in outcomes:
        for claim_id, reason in outcome.unchecked.items():
            unchecked.setdefault(claim_id, reason)
    return RemoteResult(
        tables=tuple(item for item in built if isinstance(item, TableSource)),
        events=tuple(item for item in built if isinstance(item, EventSource)),
        reviews=tuple(item for item in built if isinstance(item, ReviewSource)),
        statuses=tuple(outcome.status for outcome in outcomes),
        warnings=tuple(outcome.warning for outcome in outcomes if outcome.warning),
        unchecked=unchecked,
        requests=fetcher.stats.network,
        cached=fetcher.stats.cached,
    )


async def _source(
    spec: SourceSpec, claims: Sequence[Claim], resolver: EntityResolver, fetcher: Fetcher
) -> _Outcome:
    kind = http_kind(spec.kind)
    reason = disabled_reason(spec)
    queries = kind.plan(spec, claims, resolver)
    if reason is not None:
        return _Outcome((), _status(spec, SourceState.DISABLED, reason), None, {})
    budgeted = fetcher.within(_budget(spec))
    results = await asyncio.gather(
        *(kind.run(spec, query, budgeted, resolver) for query in queries), return_exceptions=True
    )
    rows: list[Row] = []
    failures: list[tuple[Query, FetchError]] = []
    misses: list[Query] = []
    for query, result in zip(queries, results, strict=True):
        if isinstance(result, CacheMiss):
            misses.append(query)
        elif isinstance(result, FetchError):
            failures.append((query, result))
        elif isinstance(result, Exception):
            failures.append((query, _unreadable(result, fetcher)))
        elif isinstance(result, BaseException):
            raise result  # an interruption, not an answer
        else:
            rows.extend(result)
    try:
        built = kind.build(spec, rows, resolver)
    except Exception as exc:  # rows no check foresaw: no verdict rests on them
        failure = _unreadable(exc, fetcher)
        return _judge(spec, (), 0, len(queries), [(query, failure) for query in queries], [])
    records = sum(_size(item) for item in built)
    return _judge(spec, built, records, len(queries), failures, misses)


def _budget(spec: SourceSpec) -> Budget:
    return Budget.starting_now(deadline(spec), max_bytes(spec))


def _unreadable(exc: Exception, fetcher: Fetcher) -> FetchError:
    """A FetchError for what an answer provoked (RecursionError, OverflowError, ...)."""
    text = (str(exc).splitlines() or [""])[0][:200]
    detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return FetchError(fetcher.scrub(f"unreadable answer ({detail})"))


def _judge(
    spec: SourceSpec,
    built: tuple[Built, ...],
    records: int,
    asked: int,
    failures: Sequence[tuple[Query, FetchError]],
    misses: Sequence[Query],
) -> _Outcome:
    unchecked = {
        claim_id: f"{spec.name} failed: {error}"
        for query, error in failures
        for claim_id in query.claim_ids
    }
    unchecked.update(
        (claim_id, f"{spec.name}: {OFFLINE_MISS}")
        for query in misses
        for claim_id in query.claim_ids
    )
    if failures:
        errors = [error for _, error in failures]
        detail = _failure_detail(spec, asked, errors)
        skipped = sum(1 for error in errors if isinstance(error, HostDown))
        status = SourceStatus(spec.name, spec.kind, SourceState.ERROR, detail, records, skipped)
        return _Outcome(built, status, f"source '{spec.name}': {detail}", unchecked)
    if misses and len(misses) == asked:
        return _Outcome(built, _status(spec, SourceState.DISABLED, OFFLINE_MISS), None, unchecked)
    detail = f"offline: {len(misses)} of {asked} requests not cached" if misses else ""
    if not asked:
        detail = "no claims for this source"
    return _Outcome(
        built, SourceStatus(spec.name, spec.kind, SourceState.OK, detail, records), None, unchecked
    )


def _failure_detail(spec: SourceSpec, asked: int, errors: Sequence[FetchError]) -> str:
    """The first failure, or the deadline when it cut any request short."""
    late = [error for error in errors if isinstance(error, OutOfTime)]
    if late:
        return (
            f"deadline of {deadline(spec):g} s reached: "
            f"{len(late)} of {asked} requests not completed"
        )
    failed = [error for error in errors if not isinstance(error, HostDown)]
    skipped = len(errors) - len(failed)
    if not failed:  # another source sharing the host found it down
        count = f"{skipped} of {asked} requests skipped: " if asked > 1 else ""
        return f"{count}{errors[0]}"
    down = f" ({skipped} skipped: the host was down)" if skipped else ""
    count = f"{len(errors)} of {asked} requests failed{down}: " if asked > 1 else ""
    return f"{count}{failed[0]}"


async def _probe_all(specs: Sequence[SourceSpec], options: RemoteOptions) -> list[Probe]:
    probing = replace(options, offline=False, refresh=True, use_cache=False)
    async with _client(probing) as client:
        fetcher = _fetcher(client, specs, probing)
        return list(await asyncio.gather(*(_probe(spec, fetcher) for spec in specs)))


async def _probe(spec: SourceSpec, fetcher: Fetcher) -> Probe:
    reason = disabled_reason(spec)
    if reason is not None:
        return Probe(spec.name, spec.kind, SourceState.DISABLED, reason)
    start = time.perf_counter()
    try:
        detail = await http_kind(spec.kind).probe(spec, fetcher.within(_budget(spec)))
    except FetchError as exc:
        return Probe(spec.name, spec.kind, SourceState.ERROR, str(exc), _since(start))
    except Exception as exc:  # whatever the answer provoked: the probe failed, not the command
        return Probe(
            spec.name, spec.kind, SourceState.ERROR, str(_unreadable(exc, fetcher)), _since(start)
        )
    return Probe(spec.name, spec.kind, SourceState.OK, detail, _since(start))


def _client(options: RemoteOptions) -> httpx.AsyncClient:
    timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
    limits = httpx.Limits(max_connections=max(options.per_host * 4, 10))
    return httpx.AsyncClient(
        timeout=timeout,
        limits=limits,
        headers={"User-Agent": user_agent()},
        transport=options.transport,
        follow_redirects=False,  # the Fetcher follows them, without credentials elsewhere
    )


def _fetcher(
    client: httpx.AsyncClient, specs: Sequence[SourceSpec], options: RemoteOptions
) -> Fetcher:
    cache = None
    if options.use_cache:
        cache = ResponseCache(options.cache_dir or default_cache_dir())
    policy = RetryPolicy(
        retries=options.retries,
        backoff=options.backoff,
        backoff_cap=options.backoff_cap,
        max_wait=options.max_wait,
        sleep=options.sleep,
    )
    secrets = [key for spec in specs if (key := http_kind(spec.kind).secret(spec))]
    return Fetcher(
        client,
        cache,
        policy,
        offline=options.offline,
        refresh=options.refresh,
        per_host=options.per_host,
        total_timeout=options.total_timeout,
        secrets=secrets,
    )


def _status(spec: SourceSpec, status: SourceState, detail: str) -> SourceStatus:
    return SourceStatus(name=spec.name, kind=spec.kind, status=status, detail=detail)


def _size(item: Built) -> int:
    if isinstance(item, ReviewSource):
        return len(item.reviews)
    return len(item.rows)


def _since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def merge_remote(
    config: SourcesConfig, local: LoadedSources, result: RemoteResult
) -> LoadedSources:
    """Local and remote sources together, in config order; HTTP statuses replace placeholders."""
    order = {spec.name: number for number, spec in enumerate(config.sources)}

    def ranked(items: Sequence[_Named]) -> tuple[_Named, ...]:
        return tuple(sorted(items, key=lambda item: order.get(item.spec.name, len(order))))

    remote_status = {status.name: status for status in result.statuses}
    return LoadedSources(
        tables=ranked([*local.tables, *result.tables]),
        events=ranked([*local.events, *result.events]),
        reviews=ranked([*local.reviews, *result.reviews]),
        statuses=tuple(remote_status.get(status.name, status) for status in local.statuses),
    )
