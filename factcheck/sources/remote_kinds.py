"""What every HTTP source kind shares: the query record and option checks.

A kind plans the queries its claims need (`plan`), runs each against a
`Fetcher` (`run`), builds an in-memory local source from the rows (`build`),
and answers a cheap reachability probe (`probe`). Queries remember which
claims they serve, so a failed query leaves exactly those claims unverified.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ConfigError
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, EventRow, Review, TableRow
from factcheck.sources.claimreview import ReviewSource
from factcheck.sources.config import SourceSpec
from factcheck.sources.events import EventSource
from factcheck.sources.fetching import Fetcher
from factcheck.sources.tables import TableSource

DEFAULT_TTL = 86400.0  # one day

Row = TableRow | EventRow | Review
Built = TableSource | EventSource | ReviewSource


@dataclass(frozen=True)
class Query:
    """One unit of remote work; `key` identifies it, `claim_ids` are the claims it serves."""

    key: tuple[str, ...]
    claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    """The four operations of one HTTP source kind."""

    name: str
    check: Callable[[SourceSpec], None]  # raises ConfigError
    plan: Callable[[SourceSpec, Sequence[Claim], EntityResolver], list[Query]]
    run: Callable[[SourceSpec, Query, Fetcher, EntityResolver], Awaitable[list[Row]]]
    build: Callable[[SourceSpec, Sequence[Row], EntityResolver], tuple[Built, ...]]
    probe: Callable[[SourceSpec, Fetcher], Awaitable[str]]  # a one-line description


def group(pairs: Sequence[tuple[tuple[str, ...], str]]) -> list[Query]:
    """Merge (key, claim id) pairs into one query per key, in first-seen order."""
    claims: dict[tuple[str, ...], list[str]] = {}
    for key, claim_id in pairs:
        ids = claims.setdefault(key, [])
        if claim_id not in ids:
            ids.append(claim_id)
    return [Query(key, tuple(ids)) for key, ids in claims.items()]


def ttl(spec: SourceSpec) -> float:
    value = spec.options.get("cache_ttl", DEFAULT_TTL)
    return float(value)


def string_option(spec: SourceSpec, key: str, default: str) -> str:
    value = spec.options.get(key, default)
    return value if isinstance(value, str) else default


def check_common(spec: SourceSpec, allowed: set[str], problems: list[str]) -> None:
    """Unknown keys and `cache_ttl`; `problems` collects "key 'x': problem" lines."""
    metadata = {"description", "publisher", "license", "retrieved", "note"}
    for key in spec.options:
        if key not in allowed | metadata | {"cache_ttl"}:
            problems.append(f"key '{key}': unknown key for kind '{spec.kind}'")
    value = spec.options.get("cache_ttl", DEFAULT_TTL)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        problems.append(f"key 'cache_ttl': expected seconds (a number >= 0), got {value!r}")


def check_url(spec: SourceSpec, key: str, problems: list[str]) -> None:
    value = spec.options.get(key)
    if value is None:
        return
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        problems.append(f"key '{key}': expected an http:// or https:// URL")


def raise_problems(spec: SourceSpec, problems: Sequence[str]) -> None:
    if problems:
        raise ConfigError(f"source '{spec.name}'", "; ".join(problems))


def string_table(spec: SourceSpec, key: str, problems: list[str]) -> Mapping[str, str]:
    raw: Any = spec.options.get(key, {})
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        problems.append(f"key '{key}': expected a table of name = \"code\"")
        return {}
    return raw
