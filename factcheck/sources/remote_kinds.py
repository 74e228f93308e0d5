"""What every HTTP source kind shares: the query record and option checks.

A kind plans the queries its claims need (`plan`), runs each against a
`Fetcher` (`run`), builds an in-memory local source from the rows (`build`),
and answers a cheap reachability probe (`probe`). Queries remember which
claims they serve, so a failed query leaves exactly those claims unverified.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ConfigError, E
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, EventRow, Review, TableRow
from factcheck.sources.claimreview import ReviewSource
from factcheck.sources.config import SourceSpec
from factcheck.sources.events import EventSource
from factcheck.sources.fetching import Fetcher
from factcheck.sources.limits import DEFAULT_DEADLINE, DEFAULT_MAX_BYTES
from factcheck.sources.options import METADATA_KEYS
from factcheck.sources.tables import TableSource

DEFAULT_TTL = 86400.0  # one day

Row = TableRow | EventRow | Review
Built = TableSource | EventSource | ReviewSource


@dataclass(frozen=True)
class Query:
    """One unit of remote work; `key` identifies it, `claim_ids` are the claims it serves."""

    key: tuple[str, ...]
    claim_ids: tuple[str, ...]


def _nothing(spec: SourceSpec) -> str | None:
    return None


@dataclass(frozen=True)
class Kind:
    """The operations of one HTTP source kind (see `kinds.REGISTRY` for all kinds)."""

    name: str
    check: Callable[[SourceSpec], None]  # raises ConfigError
    plan: Callable[[SourceSpec, Sequence[Claim], EntityResolver], list[Query]]
    run: Callable[[SourceSpec, Query, Fetcher, EntityResolver], Awaitable[list[Row]]]
    build: Callable[[SourceSpec, Sequence[Row], EntityResolver], tuple[Built, ...]]
    probe: Callable[[SourceSpec, Fetcher], Awaitable[str]]  # a one-line description
    # Why an enabled source cannot run at all, before any request (a missing API key).
    unavailable: Callable[[SourceSpec], str | None] = _nothing
    # A credential to scrub from every message, cache entry and redirect.
    secret: Callable[[SourceSpec], str | None] = _nothing


def group(pairs: Sequence[tuple[tuple[str, ...], str]]) -> list[Query]:
    """Merge (key, claim id) pairs into one query per key, in first-seen order."""
    claims: dict[tuple[str, ...], list[str]] = {}
    for key, claim_id in pairs:
        ids = claims.setdefault(key, [])
        if claim_id not in ids:
            ids.append(claim_id)
    return [Query(key, tuple(ids)) for key, ids in claims.items()]


def ttl(spec: SourceSpec) -> float:
    return float(spec.options.get("cache_ttl", DEFAULT_TTL))


def deadline(spec: SourceSpec) -> float:
    """Seconds the source may take for one article, all its requests together."""
    return float(spec.options.get("deadline", DEFAULT_DEADLINE))


def max_bytes(spec: SourceSpec) -> int:
    """The largest answer the source may send, decoded."""
    return int(spec.options.get("max_response_bytes", DEFAULT_MAX_BYTES))


def string_option(spec: SourceSpec, key: str, default: str) -> str:
    value = spec.options.get(key, default)
    return value if isinstance(value, str) else default


COMMON_KEYS = frozenset({"cache_ttl", "deadline", "max_response_bytes"})


def check_common(spec: SourceSpec, allowed: set[str], problems: list[str]) -> None:
    """Unknown keys and the settings every HTTP kind has; `problems` collects
    "key 'x': problem" lines."""
    for key in spec.options:
        if key not in allowed | METADATA_KEYS | COMMON_KEYS:
            problems.append(f"key '{key}': unknown key for kind '{spec.kind}'")
    check_number(spec, "cache_ttl", "seconds (a number >= 0)", lambda v: v >= 0, problems)
    check_number(spec, "deadline", "seconds (a number > 0)", lambda v: v > 0, problems)
    check_number(
        spec, "max_response_bytes", "bytes (a whole number > 0)", lambda v: v > 0, problems,
        whole=True,
    )  # fmt: skip


def check_number(
    spec: SourceSpec,
    key: str,
    expected: str,
    accept: Callable[[float], bool],
    problems: list[str],
    *,
    whole: bool = False,
) -> None:
    """A numeric setting, if present: a finite number (`whole`: an integer) that `accept`s.

    NaN compares false with everything, so a range check alone would let it through.
    """
    if key not in spec.options:
        return
    value = spec.options[key]
    kinds = int if whole else int | float
    if isinstance(value, bool) or not isinstance(value, kinds):
        fine = False
    else:
        fine = math.isfinite(value) and accept(value)
    if not fine:
        problems.append(f"key '{key}': expected {expected}, got {value!r}")


def check_url(spec: SourceSpec, key: str, problems: list[str]) -> None:
    value = spec.options.get(key)
    if value is None:
        return
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        problems.append(f"key '{key}': expected an http:// or https:// URL")


def raise_problems(spec: SourceSpec, problems: Sequence[str]) -> None:
    if problems:
        raise ConfigError(f"source '{spec.name}'", E.INVALID_CONFIG, problems="; ".join(problems))


def string_table(spec: SourceSpec, key: str, problems: list[str]) -> Mapping[str, str]:
    raw: Any = spec.options.get(key, {})
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        problems.append(f"key '{key}': expected a table of name = \"code\"")
        return {}
    return raw
