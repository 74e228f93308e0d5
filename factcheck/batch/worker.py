"""Checking one chunk of articles, in whichever process runs it.

The same function runs in the batch's own process, in a process pool and on Dask
workers, so every engine gives the same bytes for an article. Each process builds
one `Checker` per settings (the model loads once), parses a chunk through
`nlp.pipe`, asks the HTTP sources once for all the chunk's claims (the answers
land in the shared cache), then judges each article alone: its report is the one
`factcheck ARTICLE --format json` gives.

Nothing here raises for one article: a failure becomes that article's error. A
problem with the settings themselves (no model, a broken sources.toml on the
worker) is returned as `fatal`, for the run to raise where it started.
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from factcheck.batch.inputs import Entry
from factcheck.errors import FactcheckError
from factcheck.exitcodes import FailOn
from factcheck.pipeline import Checker
from factcheck.records import Article, Claim, Report
from factcheck.reporting import render_json
from factcheck.reporting.json_report import summary_counts
from factcheck.sources.remote_options import RemoteOptions

_T = TypeVar("_T")
# ru_maxrss is in kilobytes on Linux and in bytes on macOS.
_MAXRSS_PER_MB = 2**20 if sys.platform == "darwin" else 2**10


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to check articles as `factcheck ARTICLE` would."""

    sources: str  # absolute path of sources.toml, valid on every worker
    model: str
    options: tuple[tuple[str, str], ...]  # the report's `options`
    fail_on: FailOn = FailOn.DISPUTED
    min_checkworthiness: float = 0.0
    remote: RemoteOptions = field(default_factory=RemoteOptions)
    strict_sources: bool = False


@dataclass(frozen=True)
class Result:
    """One article's outcome: its JSON report, or why there is none."""

    id: str
    url: str | None
    report: str | None = None  # exactly the bytes of `--format json`
    counts: Mapping[str, int] | None = None  # the report's `summary`
    error: str | None = None
    source_errors: tuple[tuple[str, str], ...] = ()  # (source, detail), for warnings


@dataclass(frozen=True)
class ChunkResult:
    results: tuple[Result, ...]
    worker: str  # host:pid
    peak_mb: float | None  # the worker's peak resident memory so far
    fatal: FactcheckError | None = None


def check_chunk(settings: Settings, chunk: Sequence[Entry]) -> ChunkResult:
    """Check the articles of `chunk`; entries that failed to read pass through as errors."""
    try:
        checker = checker_for(settings)
    except FactcheckError as error:
        return ChunkResult((), worker_name(), peak_memory_mb(), error)
    articles = [entry.article for entry in chunk if entry.article is not None]
    outcomes = iter(check_articles(checker, settings, articles))
    results = tuple(
        _result(entry, next(outcomes), settings)
        if entry.article is not None
        else Result(entry.id, entry.url, error=entry.error)
        for entry in chunk
    )
    return ChunkResult(results, worker_name(), peak_memory_mb())


@functools.cache
def checker_for(settings: Settings) -> Checker:
    """One checker per process and settings; `load_pipeline` loads each model once."""
    from factcheck.nlp import load_pipeline

    return Checker.from_path(
        load_pipeline(settings.model),
        Path(settings.sources),
        dict(settings.options),
        replace(settings.remote, refresh=False),  # the chunk's prefetch did the refreshing
        settings.min_checkworthiness,
    )


def check_articles(
    checker: Checker, settings: Settings, articles: Sequence[Article]
) -> list[Report | str]:
    """Each article's report, or the error that stopped it ("path: problem")."""
    found = _extract_all(checker, articles)
    claims = [claim for one in found if not isinstance(one, str) for claim in one[1]]
    _prefetch(checker, settings.remote, claims)
    return [
        _guarded(article, functools.partial(checker.judge, *one))
        if not isinstance(one, str)
        else one
        for article, one in zip(articles, found, strict=True)
    ]


_Extracted = tuple[Article, tuple[Claim, ...]]


def _extract_all(checker: Checker, articles: Sequence[Article]) -> list[_Extracted | str]:
    try:
        parsed = checker.parse_many(articles)
    except Exception:
        # One article broke the shared parse: parse each alone, so only that one fails.
        return [
            _guarded(article, functools.partial(_extract_alone, checker, article))
            for article in articles
        ]
    return [
        _guarded(article, functools.partial(checker.extract, article, one))
        for article, one in zip(articles, parsed, strict=True)
    ]


def _extract_alone(checker: Checker, article: Article) -> _Extracted:
    return checker.extract(article, checker.parse(article))


def _prefetch(checker: Checker, remote: RemoteOptions, claims: Sequence[Claim]) -> None:
    """Ask the HTTP sources once for every claim of the chunk, filling the shared cache.

    Each article is then judged on its own (so its report is the single-article
    one), and its own questions are answered from the cache. Offline or without
    a cache there is nothing to share, and a failure here is only a cold cache:
    judging asks again and reports it per article.
    """
    if not checker.has_http or not claims or remote.offline or not remote.use_cache:
        return
    from factcheck.sources.remote import fetch_remote

    with contextlib.suppress(Exception):  # judging asks again and reports the failure
        fetch_remote(checker.config, claims, checker.resolver, remote)


def _guarded(article: Article, work: Callable[[], _T]) -> _T | str:
    """`work()`, or the article's error: one broken article never stops its chunk."""
    try:
        return work()
    except FactcheckError as error:
        return f"{article.path}: {error.problem}"
    except Exception as error:
        return f"{article.path}: internal error while checking ({type(error).__name__}: {error})"


def _result(entry: Entry, outcome: Report | str, settings: Settings) -> Result:
    if isinstance(outcome, str):
        return Result(entry.id, entry.url, error=outcome)
    failed = tuple(
        dict.fromkeys((s.name, s.detail) for s in outcome.sources if s.status == "error")
    )
    if failed and settings.strict_sources:
        name, detail = failed[0]
        return Result(entry.id, entry.url, error=f"source '{name}': {detail}")
    try:
        text = render_json(outcome)
    except ValueError as error:  # a non-finite number: a bug upstream, never a verdict
        return Result(entry.id, entry.url, error=f"{outcome.article.path}: {error}")
    return Result(entry.id, entry.url, text, summary_counts(outcome), source_errors=failed)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_memory_mb() -> float | None:
    """This process's peak resident memory. On Linux, VmHWM of /proc/self/status:
    `ru_maxrss` survives exec, so a spawned worker would report its parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / _MAXRSS_PER_MB
