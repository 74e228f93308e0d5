"""Polite, fault-tolerant JSON requests for the HTTP source kinds.

One `Fetcher` per run wraps one shared httpx.AsyncClient. It bounds
concurrency per host, retries connection errors, timeouts, 429 and 5xx with
exponential backoff and jitter (honouring Retry-After, within a total wait
budget), shares one request among callers asking for the same URL, and reads
and writes the response cache. Failures surface as `FetchError` with a message
that is safe to show: it never holds a secret.

Each source asks through its own view of the fetcher (`within`), which holds
the source's `Budget`: past its deadline no request starts and none in flight
continues (`OutOfTime`), and an answer is streamed and dropped as soon as it
passes the size cap. Redirects are followed here rather than by httpx, so that
a redirect to another origin loses the request's credentials (httpx strips
only `Authorization`, not an API key header), and at most `MAX_REDIRECTS` are
followed. A cached answer that no longer decodes or validates is a miss: it is
asked again and replaced. A host that keeps failing is given up on for the rest
of the run (`Breakers`): its later requests fail at once with `HostDown`.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from factcheck.sources.breaker import Breakers
from factcheck.sources.cache import ResponseCache, cache_key
from factcheck.sources.limits import (
    MAX_REDIRECTS,
    Budget,
    cache_file_limit,
    declared_too_long,
    decode_json,
    origin,
    without_credentials,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
PROJECT_URL = "https://github.com/newsroom-factcheck/factcheck"


class FetchError(Exception):
    """A request failed for good; the message names what happened, never a secret."""


class OutOfTime(FetchError):
    """The source's deadline passed before this request could be made or finish."""


class HostDown(FetchError):
    """Not asked: the host failed too many times in a row earlier in this run."""


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
    network: int = 0  # requests sent, retries and redirects included
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
    budget: Budget = field(default_factory=Budget)
    stats: FetchStats = field(default_factory=FetchStats)
    breakers: Breakers = field(default_factory=Breakers)
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

    def within(self, budget: Budget) -> Fetcher:
        """This fetcher (same client, cache, host limits, breakers and statistics) for one
        source."""
        return replace(self, budget=budget)

    def scrub(self, message: str) -> str:
        """`message` with every secret replaced by ***."""
        for secret in self.secrets:
            if secret:
                message = message.replace(secret, "***")
        return message

    async def _get(
        self,
        url: str,
        key: str,
        headers: dict[str, str],
        ttl: float,
        validate: Callable[[Any], None],
    ) -> Reply:
        if self.cache is not None and not self.refresh:
            hit = self._cached(key, url, ttl, validate)
            if hit is not None:
                self.stats.cached += 1
                return hit
        if self.offline:
            raise CacheMiss(url)
        text, content_type = await self._download(url, headers)
        data = _decode(text, url, content_type)
        try:
            validate(data)
        except FetchError as exc:
            raise FetchError(self.scrub(f"{exc} ({_where(url)})")) from None
        if self.cache is not None:
            self.cache.put(key, url, text)
        return Reply(data, cached=False)

    def _cached(
        self, key: str, url: str, ttl: float, validate: Callable[[Any], None]
    ) -> Reply | None:
        """The cached answer, or None when there is none or it no longer reads as a valid
        answer (a corrupt or hostile entry is asked again and replaced, not kept failing)."""
        assert self.cache is not None
        hit = self.cache.get(key, ttl, max_file_bytes=cache_file_limit(self.budget.max_bytes))
        if hit is None or hit.url != url or len(hit.body) > self.budget.max_bytes:
            return None
        try:
            data = _decode(hit.body, url, "application/json")
            validate(data)
        except FetchError:
            return None
        return Reply(data, cached=True)

    async def _download(self, url: str, headers: Mapping[str, str]) -> tuple[str, str]:
        waited = 0.0
        attempt = 0
        problem = ""
        host = urlsplit(url).netloc
        while True:
            try:
                problem, retry_after, reply = await self._attempt(url, headers)
            except HostDown:
                if not attempt:
                    raise
                # Asked before the host went down: the failure is what it answered then.
                raise self._gave_up(problem, attempt, url) from None
            if reply is not None:
                return reply
            delay = self.policy.delay(attempt, retry_after)
            # An open breaker ends the retries now rather than after a wasted wait.
            out_of_tries = attempt >= self.policy.retries or self.breakers.is_open(host)
            if out_of_tries or waited + delay > self.policy.max_wait:
                raise self._gave_up(problem, attempt + 1, url)
            if delay >= self.budget.left():
                late = f"{self.budget.describe()} reached after {problem}"
                raise OutOfTime(self.scrub(f"{late} ({_where(url)})"))
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
            # Checked after the wait for a slot: the host may have gone down meanwhile.
            self._refuse_if_down(url)
            left = self.budget.left()
            if left <= 0:
                late = f"not asked: the source's {self.budget.describe()} was reached"
                raise OutOfTime(self.scrub(f"{late} ({_where(url)})"))
            limit = min(self.total_timeout, left)
            try:
                return await asyncio.wait_for(self._exchange(url, headers), limit)
            except TimeoutError as exc:
                if limit < self.total_timeout:  # the source's deadline, not the request's
                    late = f"{self.budget.describe()} reached waiting for the response"
                    raise OutOfTime(self.scrub(f"{late} ({_where(url)})")) from None
                self.breakers.failed(host)
                return _timeout_problem(exc), None, None
            except httpx.TimeoutException as exc:
                self.breakers.failed(host)
                return _timeout_problem(exc), None, None
            except httpx.TransportError as exc:
                self.breakers.failed(host)
                return f"connection failed: {_reason(exc)}", None, None
            except httpx.HTTPError as exc:  # an answer that cannot be decoded (bad gzip)
                problem = f"unreadable answer: {_reason(exc)}"
                raise FetchError(self.scrub(f"{problem} ({_where(url)})")) from None

    async def _exchange(
        self, url: str, headers: Mapping[str, str]
    ) -> tuple[str, float | None, tuple[str, str] | None]:
        """The request, following redirects; the credentials stay behind at another origin."""
        target, sent = httpx.URL(url), dict(headers)
        host = urlsplit(url).netloc
        for _ in range(MAX_REDIRECTS + 1):
            self.stats.network += 1
            async with self.client.stream("GET", target, headers=sent) as response:
                if response.status_code >= 500:
                    self.breakers.failed(host)
                else:  # any other answer, a 404 or a 429 included, shows the host is up
                    self.breakers.answered(host)
                if response.is_redirect:
                    following = self._redirect(response, url)
                    if origin(following) != origin(target):
                        following, sent = without_credentials(following, sent, self.secrets)
                    target = following
                    continue
                if response.status_code in RETRY_STATUSES:
                    return _status_problem(response), _retry_after(response), None
                if response.status_code >= 400:
                    raise FetchError(self.scrub(f"{_status_problem(response)} ({_where(url)})"))
                text = await self._read(response, url)
                return "", None, (text, response.headers.get("content-type", ""))
        raise FetchError(self.scrub(f"more than {MAX_REDIRECTS} redirects ({_where(url)})"))

    def _gave_up(self, problem: str, attempts: int, url: str) -> FetchError:
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        return FetchError(self.scrub(f"{problem}{tries} ({_where(url)})"))

    def _refuse_if_down(self, url: str) -> None:
        host = urlsplit(url).netloc
        if self.breakers.is_open(host):
            failed = f"not asked: {host} failed {self.breakers.threshold} times in a row"
            raise HostDown(self.scrub(f"{failed} ({_where(url)})"))

    def _redirect(self, response: httpx.Response, url: str) -> httpx.URL:
        following: httpx.URL | None
        try:
            following = response.url.join(response.headers["location"])
        except (httpx.InvalidURL, ValueError):
            following = None
        if following is None or following.scheme not in ("http", "https") or not following.host:
            raise FetchError(self.scrub(f"redirected to an invalid address ({_where(url)})"))
        return following

    async def _read(self, response: httpx.Response, url: str) -> str:
        """The body, decoded; a FetchError as soon as it passes the size cap."""
        cap = self.budget.max_bytes
        too_big = f"answer larger than {cap:,} bytes (max_response_bytes) ({_where(url)})"
        if declared_too_long(response.headers.get("content-length"), cap):
            raise FetchError(self.scrub(too_big))
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(self.scrub(too_big))
            chunks.append(chunk)
        return b"".join(chunks).decode(response.encoding or "utf-8", errors="replace")


def _decode(text: str, url: str, content_type: str) -> Any:
    if "html" in content_type.casefold() or text.lstrip()[:1] == "<":
        raise FetchError(f"expected JSON, got an HTML or XML page ({_where(url)})")
    try:
        return decode_json(text)
    except RecursionError:
        raise FetchError(f"malformed JSON: nested too deeply ({_where(url)})") from None
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


def _reason(exc: httpx.HTTPError) -> str:
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
