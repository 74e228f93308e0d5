"""Checking chunks on a Dask cluster: a running scheduler, or a local cluster.

Each worker loads the model once, through a worker plugin, and keeps one
`Checker` per settings, so batches with different sources can share a cluster.
At most `in_flight` chunks are submitted at a time and their results are taken
in input order. When a worker dies, the scheduler sends its chunks to another
worker (Dask's `allowed_failures`, 3 by default). After that a chunk's articles
become error records; no article is dropped and none is written twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from distributed import Client, Future, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin
from distributed.scheduler import KilledWorker

from factcheck.batch.engines import Chunk, Engine, died
from factcheck.batch.worker import ChunkResult, Settings, check_chunk, checker_for
from factcheck.errors import E, FactcheckError

if TYPE_CHECKING:
    from distributed import Worker

LOCAL = "local Dask cluster"


class ModelPlugin(WorkerPlugin):
    """Loads the model and sources on each worker as it joins, before any article."""

    idempotent = True  # a second batch with the same settings reuses the loaded model

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Worker) -> None:
        # A failure is reported by the first chunk, as a one-line error for the user.
        with contextlib.suppress(FactcheckError):
            checker_for(self.settings)


def plugin_name(settings: Settings) -> str:
    return "factcheck-" + hashlib.sha256(pickle.dumps(settings)).hexdigest()[:16]


class DaskEngine(Engine):
    def __init__(
        self,
        settings: Settings,
        scheduler: str | None = None,
        workers: int = 2,
        in_flight: int | None = None,
    ) -> None:
        self.settings = settings
        self.where = scheduler or LOCAL
        self.cluster: LocalCluster | None = None
        try:
            if scheduler is None:
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,  # spaCy parses on one core; one model per worker
                    processes=True,
                    dashboard_address=":0",  # any free port: never a clash with another cluster
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
            else:
                self.client = Client(scheduler)  # waits distributed.comm.timeouts.connect
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise FactcheckError(self.where, E.NO_SCHEDULER, reason=exc) from None
        try:
            self.client.register_plugin(ModelPlugin(settings), name=plugin_name(settings))
        except Exception as exc:  # e.g. factcheck is not installed on a worker
            self.close()
            raise FactcheckError(self.where, E.WORKER_CANNOT_LOAD, reason=repr(exc)) from None
        threads = sum(self.client.nthreads().values())
        self.in_flight = in_flight or max(2, 2 * threads)

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        window: deque[tuple[Future[ChunkResult], Chunk]] = deque()
        for chunk in chunks:
            future = self.client.submit(check_chunk, self.settings, chunk, pure=False)
            window.append((future, chunk))
            if len(window) >= self.in_flight:
                yield self._wait(*window.popleft())
        while window:
            yield self._wait(*window.popleft())

    def _wait(self, future: Future[ChunkResult], chunk: Chunk) -> ChunkResult:
        try:
            return future.result()
        except KilledWorker:
            return died(chunk, "Dask workers died while checking it, each time it was retried")
        except FactcheckError:
            raise
        except Exception as exc:  # the scheduler went away, a task could not be sent
            raise FactcheckError(self.where, E.CLUSTER_FAILED, reason=repr(exc)) from None
        finally:
            future.release()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
