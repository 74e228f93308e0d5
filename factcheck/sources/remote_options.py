"""Options for the HTTP sources, kept apart from remote.py so that the CLI can
build them without importing httpx."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class RemoteOptions:
    offline: bool = False
    refresh: bool = False
    cache_dir: Path | None = None  # None: the user's cache directory
    use_cache: bool = True
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # per request, so a slow trickle of bytes ends too
    per_host: int = 4
    retries: int = 3
    backoff: float = 0.5
    backoff_cap: float = 8.0
    max_wait: float = 30.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    transport: httpx.AsyncBaseTransport | None = None  # tests: httpx.MockTransport
