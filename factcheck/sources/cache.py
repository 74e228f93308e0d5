"""An on-disk cache of HTTP response bodies for the HTTP source kinds.

One small JSON file per request, named by a hash of method, URL and body.
Requests never carry secrets in their URL or body (API keys travel in
headers), so neither the key nor the files can leak one. Writes go through a
temporary file and `os.replace`, so a crash or a concurrent run never leaves a
half-written entry. Anything that is not a well-formed record (not JSON, nested
too deeply, a wrong type, a timestamp that is not a finite time in the past, a
file larger than the caller allows) reads as a miss, so the answer is asked
again and the entry replaced.

A plain file cache rather than hishel: `--offline` needs "answer only from
the cache, and say when there is no answer", the TTL is per source rather than
per response header, and the key must be ours (without secrets); hishel's
HTTP-semantics cache fits none of these without working around it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE_VERSION = 1


@dataclass(frozen=True)
class CachedBody:
    url: str
    body: str
    stored: float  # seconds since the epoch


def default_cache_dir() -> Path:
    """The user's cache directory for factcheck (XDG on Linux, ~/Library/Caches on macOS)."""
    from platformdirs import user_cache_dir  # deferred: only HTTP sources need it

    return Path(user_cache_dir("factcheck", appauthor=False)) / "http"


def cache_key(method: str, url: str, body: bytes = b"") -> str:
    digest = hashlib.sha256()
    for part in (str(CACHE_VERSION).encode(), method.upper().encode(), url.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@dataclass(frozen=True)
class ResponseCache:
    directory: Path
    clock: Callable[[], float] = time.time

    def get(self, key: str, ttl: float, max_file_bytes: int | None = None) -> CachedBody | None:
        """The stored body if it is younger than `ttl` seconds, else None.

        A file larger than `max_file_bytes` is not read.
        """
        path = self._path(key)
        try:
            if max_file_bytes is not None and path.stat().st_size > max_file_bytes:
                return None
            entry = _record(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, RecursionError):
            return None
        if entry is None or not 0 <= self.clock() - entry.stored <= ttl:
            return None  # a time in the future (or NaN) would otherwise never expire
        return entry

    def put(self, key: str, url: str, body: str) -> bool:
        """Store a body; False when the cache directory cannot be written (not fatal)."""
        path = self._path(key)
        record = {"url": url, "body": body, "stored": self.clock()}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(record, stream)
            os.replace(temporary, path)
        except OSError:
            return False
        return True

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"


def _record(data: object) -> CachedBody | None:
    if not isinstance(data, dict):
        return None
    url, body, stored = data.get("url"), data.get("body"), data.get("stored")
    if not isinstance(url, str) or not isinstance(body, str):
        return None
    if isinstance(stored, bool) or not isinstance(stored, int | float):
        return None
    try:
        when = float(stored)
    except OverflowError:
        return None
    return CachedBody(url, body, when) if math.isfinite(when) else None
