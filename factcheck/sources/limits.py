"""What an HTTP source may cost a run, and what a hostile answer may not do.

A source's `Budget` bounds its wall time (a deadline for the requests one
article needs, after which no request starts and none in flight continues) and the size of each
answer. `decode_json` accepts only strict JSON whose numbers are finite floats,
so no verdict can rest on NaN, an infinity or a value no float can hold.
`without_credentials` is what a request keeps when a redirect takes it to
another origin.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

DEFAULT_DEADLINE = 60.0  # seconds per source per article
DEFAULT_MAX_BYTES = 10_000_000  # per answer, decoded
MAX_REDIRECTS = 5
# Headers and query parameters that carry credentials by convention, whatever the kind.
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-goog-api-key", "x-api-key"}
)
CREDENTIAL_PARAMS = frozenset({"key", "api_key", "apikey", "access_token", "token"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class UnfitJSON(ValueError):
    """Valid-looking JSON that no source answer may contain."""


@dataclass(frozen=True)
class Budget:
    """One source's limits for one article; `ends` is event-loop time (`inf`: no deadline)."""

    seconds: float = math.inf
    ends: float = math.inf
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def starting_now(cls, seconds: float, max_bytes: int) -> Budget:
        return cls(seconds, asyncio.get_running_loop().time() + seconds, max_bytes)

    def left(self) -> float:
        """Seconds until the deadline (negative once it has passed)."""
        return self.ends - asyncio.get_running_loop().time()

    def describe(self) -> str:
        return f"deadline of {self.seconds:g} s"


def decode_json(text: str) -> Any:
    """Strict JSON with finite numbers; raises ValueError (UnfitJSON) or RecursionError.

    Python's json module accepts NaN and Infinity, reads 1e999 as infinity and
    keeps integers too large for any float; each would reach the matcher as a
    reference value.
    """
    return json.loads(
        text, parse_constant=_no_constant, parse_float=_finite_float, parse_int=_float_sized_int
    )


def finite(value: float) -> bool:
    """Whether an int or float is a number a verdict may rest on (an int may overflow)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def cache_file_limit(max_bytes: int) -> int:
    """The largest cache file that can hold an answer within `max_bytes`: JSON writes
    a character as at most six (`\\u0000`), and the URL and timestamp take a little."""
    return max_bytes * 6 + 65_536


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def without_credentials(
    url: httpx.URL, headers: Mapping[str, str], secrets: Sequence[str]
) -> tuple[httpx.URL, dict[str, str]]:
    """The URL and headers with every credential removed: the conventional headers and
    parameters, and any other whose value holds one of `secrets`."""

    def holds_secret(value: str) -> bool:
        return any(secret and secret in value for secret in secrets)

    kept_headers = {
        name: value
        for name, value in headers.items()
        if name.casefold() not in CREDENTIAL_HEADERS and not holds_secret(value)
    }
    found = url.params.multi_items()
    params = tuple(
        (name, value)
        for name, value in found
        if name.casefold() not in CREDENTIAL_PARAMS and not holds_secret(value)
    )
    if len(params) < len(found):
        url = url.copy_with(params=httpx.QueryParams(params))
    return url, kept_headers


def declared_too_long(length: str | None, max_bytes: int) -> bool:
    """Whether a Content-Length header announces more than `max_bytes`."""
    if not length or not (length.isascii() and length.isdigit()):
        return False
    return len(length) > 18 or int(length) > max_bytes  # int() refuses 4300+ digits


def _no_constant(name: str) -> Any:
    raise UnfitJSON(f"{name} is not a finite number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnfitJSON(f"{_short(text)} is not a finite number")
    return value


def _float_sized_int(text: str) -> int:
    value = int(text)
    if not finite(value):
        raise UnfitJSON(f"an integer of {len(text)} digits is too large for a number")
    return value


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:20]}…"
