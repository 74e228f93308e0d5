"""Where chunks of articles are checked: this process, or a pool of processes.

Every engine takes the chunks in input order and gives their results back in the
same order, keeping a bounded number of chunks in flight: the output is written in
input order whatever the engine, and memory stays flat however long the batch.
The Dask engine is in `dask_engine.py`, so that Dask is imported only when used.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType

from factcheck.batch.inputs import Entry
from factcheck.batch.worker import (
    ChunkResult,
    Result,
    Settings,
    check_chunk,
    checker_for,
    worker_name,
)
from factcheck.errors import FactcheckError

Chunk = tuple[Entry, ...]
# How often a chunk may be in a worker that dies before its articles become errors.
MAX_ATTEMPTS = 3


class Engine:
    """Checks chunks; a context manager that starts and stops its workers."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop the workers (nothing to do for an engine without any)."""


class SerialEngine(Engine):
    """One process: this one."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield check_chunk(self.settings, chunk)


def died(chunk: Chunk, how: str) -> ChunkResult:
    """A chunk whose workers kept dying: each of its articles becomes an error."""
    results = tuple(Result(entry.id, entry.url, error=f"{_where(entry)}: {how}") for entry in chunk)
    return ChunkResult(results, worker_name(), None)


def _where(entry: Entry) -> str:
    return entry.article.path if entry.article is not None else entry.id


@dataclass
class _Pending:
    future: Future[ChunkResult]
    chunk: Chunk
    attempts: int = 1


class PoolEngine(Engine):
    """N worker processes, each loading the model once (spawned, never forked: a fork
    of a process holding threads or a loaded model is not safe everywhere)."""

    def __init__(self, settings: Settings, workers: int, in_flight: int | None = None) -> None:
        self.settings = settings
        self.workers = workers
        self.in_flight = in_flight or 2 * workers
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(self.settings,),
        )

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        window: deque[_Pending] = deque()
        for chunk in chunks:
            window.append(_Pending(self._submit(chunk), chunk))
            if len(window) >= self.in_flight:
                yield self._next(window)
        while window:
            yield self._next(window)

    def _submit(self, chunk: Chunk) -> Future[ChunkResult]:
        try:
            return self._executor.submit(check_chunk, self.settings, chunk)
        except BrokenProcessPool as broken:  # found out when waiting, where it is handled
            failed: Future[ChunkResult] = Future()
            failed.set_exception(broken)
            return failed

    def _next(self, window: deque[_Pending]) -> ChunkResult:
        while True:
            head = window[0]
            try:
                result = head.future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): the pool is gone with every
                # chunk in it. Start a new one and send the unfinished chunks again.
                self._restart(window)
                if head.attempts > MAX_ATTEMPTS:
                    window.popleft()
                    return died(
                        head.chunk, f"a worker process died while checking it, {MAX_ATTEMPTS} times"
                    )
                continue
            window.popleft()
            return result

    def _restart(self, window: deque[_Pending]) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()
        window[0].attempts += 1
        for pending in window:
            finished = pending.future.done() and not pending.future.cancelled()
            if finished and pending.future.exception() is None:
                continue  # done before the pool broke: its result stands
            if pending.attempts <= MAX_ATTEMPTS:
                pending.future = self._submit(pending.chunk)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _warm(settings: Settings) -> None:
    """Load the model when the worker starts; a failure is reported by its first chunk."""
    with contextlib.suppress(FactcheckError):
        checker_for(settings)
