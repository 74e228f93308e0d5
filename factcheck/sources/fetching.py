"""Polite, fault-tolerant JSON requests for the HTTP source kinds.

One `Fetcher` per run wraps one shared httpx.AsyncClient. It bounds
concurrency per host, retries connection errors, timeouts, 429 and 5xx with
exponential backoff and jitter (honouring Retry-After, within a total wait
budget), shares one request among callers asking for the same URL, and reads
and writes the response cache. Failures surface as `FetchError` with a message
that is safe to show: it never holds a secret.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from factcheck.sources.cache import ResponseCache, cache_key

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
PROJECT_URL = "https://github.com/newsroom-factcheck/factcheck"


class FetchError(Exception):
    """A request failed for good; the message names what happened, never a secret."""


class CacheMiss(Exception):
    """Offline, and the cache holds no answer for this request."""


def user_agent() -> str:
    """Wikimedia's policy asks for client/version (contact) library/version."""
    from factcheck import __version__

    return f"factcheck/{__version__} ({PROJECT_URL}) httpx/{httpx.__version__}"


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 3
    backoff: float = 0.5  # first delay, doubled each attempt
    backoff_cap: float = 8.0
    max_wait: float = 30.0  # total seconds a request may spend waiting to retry
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        ceiling = min(self.backoff_cap, self.backoff * 2**attempt)
        return float(ceiling * random.uniform(0.5, 1.0))  # jitter spreads clients apart


@dataclass(frozen=True)
class Reply:
    """A successful answer and whether it came from the cache."""

    data: Any
    cached: bool


@dataclass
class FetchStats:
    network: int = 0  # requests sent, retries included
    cached: int = 0


@dataclass
class Fetcher:
    client: httpx.AsyncClient
    cache: ResponseCache | None
    policy: RetryPolicy
    offline: bool = False
    refresh: bool = False
    per_host: int = 4
    total_timeout: float = 60.0
    secrets: Sequence[str] = ()
    stats: FetchStats = field(default_factory=FetchStats)
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict, repr=False)
    _inflight: dict[str, asyncio.Task[Reply]] = field(default_factory=dict, repr=False)

    async def get_json(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        ttl: float,
        validate: Callable[[Any], None] = lambda data: None,
    ) -> Reply:
        """GET `url` with `params` and decode JSON; `validate` raises FetchError on a bad body.

        Only bodies that decode and validate are cached, so a transient error
        answered with HTTP 200 is asked again next time.
        """
        full = f"{url}?{urlencode(sorted((params or {}).items()))}" if params else url
        key = cache_key("GET", full)
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._get(full, key, dict(headers or {}), ttl, validate))
            self._inflight[key] = task
        return await asyncio.shield(task)

    async def _get(
        self,
        url: str,
        key: str,
        headers: dict[str, str],
        ttl: float,
        validate: Callable[[Any], None],
    ) -> Reply:
        if self.cache is not None and not self.refresh:
            hit = self.cache.get(key, ttl)
            if hit is not None:
                self.stats.cached += 1
                return Reply(_decode(hit.body, url, "application/json"), cached=True)
        if self.offline:
            raise CacheMiss(url)
        text, content_type = await self._download(url, headers)
        data = _decode(text, url, content_type)
        try:
            validate(data)
        except FetchError as exc:
            raise FetchError(self._scrub(f"{exc} ({_where(url)})")) from None
        if self.cache is not None:
            self.cache.put(key, url, text)
        return Reply(data, cached=False)

    async def _download(self, url: str, headers: Mapping[str, str]) -> tuple[str, str]:
        waited = 0.0
        attempt = 0
        while True:
            problem, retry_after, reply = await self._attempt(url, headers)
            if reply is not None:
                return reply
            delay = self.policy.delay(attempt, retry_after)
            if attempt >= self.policy.retries or waited + delay > self.policy.max_wait:
                tries = f" after {attempt + 1} attempts" if attempt else ""
                raise FetchError(self._scrub(f"{problem}{tries} ({_where(url)})"))
            await self.policy.sleep(delay)
            waited += delay
            attempt += 1

    async def _attempt(
        self, url: str, headers: Mapping[str, str]
    ) -> tuple[str, float | None, tuple[str, str] | None]:
        """One try: (problem, Retry-After seconds, None) to retry, or ("", None, reply)."""
        host = urlsplit(url).netloc
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self.per_host))
        async with semaphore:
            self.stats.network += 1
            try:
                response = await asyncio.wait_for(
                    self.client.get(url, headers=headers), self.total_timeout
                )
            except (TimeoutError, httpx.TimeoutException) as exc:
                return _timeout_problem(exc), None, None
            except httpx.TransportError as exc:
                return f"connection failed: {_reason(exc)}", None, None
        if response.status_code in RETRY_STATUSES:
            return _status_problem(response), _retry_after(response), None
        if response.status_code >= 400:
            raise FetchError(self._scrub(f"{_status_problem(response)} ({_where(url)})"))
        return "", None, (response.text, response.headers.get("content-type", ""))

    def _scrub(self, message: str) -> str:
        for secret in self.secrets:
            if secret:
                message = message.replace(secret, "***")
        return message


def _decode(text: str, url: str, content_type: str) -> Any:
    if "html" in content_type.casefold() or text.lstrip()[:1] == "<":
        raise FetchError(f"expected JSON, got an HTML or XML page ({_where(url)})")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise FetchError(f"malformed JSON: {exc} ({_where(url)})") from None


def _where(url: str) -> str:
    """Scheme, host and path: enough to say where, short enough for one line."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _status_problem(response: httpx.Response) -> str:
    phrase = response.reason_phrase or ""
    return f"HTTP {response.status_code}{' ' + phrase if phrase else ''}"


def _timeout_problem(exc: BaseException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(exc, httpx.PoolTimeout):
        return "timed out waiting for a connection"
    return "timed out waiting for the response"


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0]


def _retry_after(response: httpx.Response) -> float | None:
    """Retry-After in seconds, from either form the header may take."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
