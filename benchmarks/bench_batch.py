"""`factcheck batch` throughput against bare `nlp.pipe`, at equal processes, in one run.

The articles are the gold sets' and the examples' (34 real news articles, about 7,000
words), repeated to `--articles`. Three set-ups, each timed against its own baseline
with the same number of processes, the same chunks and the same window of chunks in
flight:

    one process:   SerialEngine               vs  nlp.pipe in this process
    2 processes:   PoolEngine(2)              vs  a spawned pool of 2 running nlp.pipe
    Dask, 2:       DaskEngine on LocalCluster vs  the same tasks as nlp.pipe on a LocalCluster

Workers are started and their models loaded before the clock starts (start-up is
printed apart), so the figures are the rate at which a long batch goes through.
The factcheck side does everything a batch does: reading, extraction, matching,
the JSON report and writing it (to /dev/null). Each pair runs `--runs` times,
alternately, and the medians are compared. Peak memory is each worker process's
own peak resident memory (VmHWM on Linux), the largest over the workers.

Targets: factcheck at least 0.9x bare nlp.pipe at equal processes; 2 processes at
least 1.6x one process on 2 cores.
Usage: python benchmarks/bench_batch.py [--articles N] [--runs N] [--chunk-size N]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the workers import `benchmarks.bench_batch`
    sys.path.insert(0, str(ROOT))
TARGET_RATIO = 0.9
TARGET_SCALING = 1.6
_BARE: dict[str, Any] = {}  # the bare model, one per process


@dataclass(frozen=True)
class Timing:
    seconds: float
    peak_mb: float


# --- bare spaCy, the baseline -------------------------------------------------------------------


def _bare_load(model: str) -> None:
    import spacy

    _BARE["nlp"] = spacy.load(model)


def _bare_chunk(model: str, texts: Sequence[str]) -> tuple[int, float]:
    """Parse `texts` with bare spaCy; the number of docs and this process's peak memory."""
    if "nlp" not in _BARE:
        _bare_load(model)
    docs = list(_BARE["nlp"].pipe(texts))
    return len(docs), _peak_mb()


def _peak_mb() -> float:
    from factcheck.batch.worker import peak_memory_mb

    peak = peak_memory_mb()
    assert peak is not None
    return peak


def _windowed(
    chunks: Sequence[Sequence[str]], submit: Callable[[Sequence[str]], Any], in_flight: int
) -> list[tuple[int, float]]:
    """Results in order with at most `in_flight` chunks submitted, as the batch engines do."""
    window: deque[Any] = deque()
    results = []
    for chunk in chunks:
        window.append(submit(chunk))
        if len(window) >= in_flight:
            results.append(window.popleft().result())
    results.extend(future.result() for future in window)
    return results


def bare_serial(model: str, chunks: Sequence[Sequence[str]]) -> Timing:
    if "nlp" not in _BARE:
        _bare_load(model)
    start = time.perf_counter()
    for chunk in chunks:
        _bare_chunk(model, chunk)
    return Timing(time.perf_counter() - start, _peak_mb())


def bare_pool(model: str, chunks: Sequence[Sequence[str]], workers: int) -> Timing:
    with ProcessPoolExecutor(
        workers, mp_context=get_context("spawn"), initializer=_bare_load, initargs=(model,)
    ) as pool:
        _warm(lambda texts: pool.submit(_bare_chunk, model, texts), chunks, workers)
        start = time.perf_counter()
        results = _windowed(
            chunks, lambda texts: pool.submit(_bare_chunk, model, texts), 2 * workers
        )
        seconds = time.perf_counter() - start
    return Timing(seconds, max(peak for _, peak in results))


def bare_dask(model: str, chunks: Sequence[Sequence[str]], workers: int) -> Timing:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip

        def submit(texts: Sequence[str]) -> Future[tuple[int, float]]:
            return client.submit(_bare_chunk, model, list(texts), pure=False)  # type: ignore[no-any-return]

        _warm(submit, chunks, workers)
        start = time.perf_counter()
        results = _windowed(chunks, submit, 2 * workers)
        seconds = time.perf_counter() - start
    return Timing(seconds, max(peak for _, peak in results))


def _warm(
    submit: Callable[[Sequence[str]], Any], chunks: Sequence[Sequence[str]], workers: int
) -> None:
    """Every worker started and its model loaded before the clock starts."""
    for future in [submit(chunks[0][:1]) for _ in range(4 * workers)]:
        future.result()


# --- factcheck batch ---------------------------------------------------------------------------


def factcheck_run(engine: Any, items: Sequence[Any], chunk_size: int) -> Timing:
    from factcheck.batch.output import StreamWriter
    from factcheck.batch.runner import run_batch

    with open(os.devnull, "w", encoding="utf-8") as sink:
        start = time.perf_counter()
        summary = run_batch(items, engine, StreamWriter(sink), chunk_size=chunk_size)
        seconds = time.perf_counter() - start
    assert summary.articles == len(items) and not summary.failed, summary
    return Timing(seconds, max(summary.peak_mb.values()))


def factcheck_engine(kind: str, settings: Any, workers: int) -> Any:
    from factcheck.batch.engines import PoolEngine, SerialEngine

    if kind == "serial":
        return SerialEngine(settings)
    if kind == "pool":
        return PoolEngine(settings, workers)
    from factcheck.batch.dask_engine import DaskEngine

    return DaskEngine(settings, None, workers)


def warm_engine(engine: Any, items: Sequence[Any], workers: int) -> None:
    from factcheck.batch.inputs import load
    from factcheck.batch.runner import _chunks

    entries = [load(item, None)[0] for item in items[:1]] * (4 * workers)
    for _ in engine.run(_chunks(iter(entries), 1)):
        pass


# --- the run ------------------------------------------------------------------------------


def articles(count: int) -> list[tuple[str, str]]:
    paths = sorted(ROOT.glob("tests/data/*/*/article.txt")) + sorted(ROOT.glob("examples/*.txt"))
    named = [(path.parent.name if path.stem == "article" else path.stem, path) for path in paths]
    texts = [(name, path.read_text(encoding="utf-8")) for name, path in named]
    return [(f"{texts[i % len(texts)][0]}-{i}", texts[i % len(texts)][1]) for i in range(count)]


@dataclass(frozen=True)
class Measured:
    ours: Timing  # medians of the seconds, largest peak
    bare: Timing
    startup: float


def measure(
    kind: str, workers: int, settings: Any, items: Sequence[Any], chunk_size: int, runs: int,
    bare: Callable[[], Timing],
) -> Measured:  # fmt: skip
    started = time.perf_counter()
    with factcheck_engine(kind, settings, workers) as engine:
        warm_engine(engine, items, workers)
        startup = time.perf_counter() - started
        ours, base = [], []
        for _ in range(runs):  # alternately, so that the machine's noise hits both
            base.append(bare())
            ours.append(factcheck_run(engine, items, chunk_size))
    return Measured(_summary(ours), _summary(base), startup)


def _summary(timings: Sequence[Timing]) -> Timing:
    return Timing(statistics.median(t.seconds for t in timings), max(t.peak_mb for t in timings))


def report(name: str, measured: Measured, articles: int, words: int) -> None:
    ours, bare = measured.ours.seconds, measured.bare.seconds
    print(f"{name}:")
    print(f"  factcheck batch  {articles / ours:6.2f} articles/s {words / ours:8,.0f} words/s")
    print(f"  bare nlp.pipe    {articles / bare:6.2f} articles/s {words / bare:8,.0f} words/s")
    print(f"  ratio {bare / ours:.2f}x (target >= {TARGET_RATIO})")
    print(
        f"  peak memory per worker: factcheck {measured.ours.peak_mb:.0f} MB, bare"
        f" {measured.bare.peak_mb:.0f} MB; start-up (workers, models) {measured.startup:.1f} s"
    )


def stage_split(settings: Any, items: Sequence[Any], chunk_size: int) -> dict[str, float]:
    """Seconds of each stage in one process: what caps the ratio to bare spaCy."""
    from factcheck.batch.inputs import load
    from factcheck.batch.worker import checker_for
    from factcheck.parsing import parse_many
    from factcheck.reporting import render_json

    checker = checker_for(settings)
    articles = [entry.article for entry in (load(item, None)[0] for item in items) if entry.article]
    clock = dict.fromkeys(("parse", "extract", "judge", "report"), 0.0)
    for first in range(0, len(articles), chunk_size):
        chunk = articles[first : first + chunk_size]
        mark = time.perf_counter()
        parsed = parse_many(checker.nlp, [(article.text, article.published) for article in chunk])
        mark = _lap(clock, "parse", mark)
        extracted = [checker.extract(a, p) for a, p in zip(chunk, parsed, strict=True)]
        mark = _lap(clock, "extract", mark)
        reports = [checker.judge(*one) for one in extracted]
        mark = _lap(clock, "judge", mark)
        for report in reports:
            render_json(report)
        _lap(clock, "report", mark)
    return clock


def _lap(clock: dict[str, float], stage: str, mark: float) -> float:
    now = time.perf_counter()
    clock[stage] += now - mark
    return now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=204)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chunk-size", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from factcheck.batch.inputs import Item
    from factcheck.cli.batch import _settings
    from factcheck.exitcodes import FailOn
    from factcheck.sources.remote_options import RemoteOptions

    settings = _settings(None, None, FailOn.NEVER, 0.0, RemoteOptions(offline=True), False)
    corpus = articles(args.articles)
    words = sum(len(text.split()) for _, text in corpus)
    items = [Item(id=key, text=text) for key, text in corpus]
    size = args.chunk_size
    chunks = [[text for _, text in corpus[i : i + size]] for i in range(0, len(corpus), size)]
    print(f"model {settings.model}; {len(corpus)} articles, {words:,} words; chunks of {size}")
    print(f"runs: {args.runs}; load average at start: {os.getloadavg()[0]:.1f}")
    model, n = settings.model, args.workers
    setups: list[tuple[str, str, int, Callable[[], Timing]]] = [
        ("one process (this one; memory is the whole process)", "serial", 1,
         lambda: bare_serial(model, chunks)),
        (f"{n} processes", "pool", n, lambda: bare_pool(model, chunks, n)),
        (f"Dask LocalCluster, {n} workers", "dask", n, lambda: bare_dask(model, chunks, n)),
    ]  # fmt: skip
    rates: dict[str, float] = {}
    for name, kind, workers, bare in setups:
        measured = measure(kind, workers, settings, items, size, args.runs, bare)
        report(name, measured, len(corpus), words)
        rates[kind] = len(corpus) / measured.ours.seconds
    split = stage_split(settings, items, size)
    shares = ", ".join(
        f"{stage} {seconds / split['parse']:.0%}" for stage, seconds in split.items()
    )
    print(f"one process, each stage against the parse: {shares}")
    print(f"{n} processes against one: {rates['pool'] / rates['serial']:.2f}x", end=" ")
    print(f"(target >= {TARGET_SCALING}); Dask against one: {rates['dask'] / rates['serial']:.2f}x")
    print(
        f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores: above 2, others share them)"
    )


if __name__ == "__main__":
    # Through the module, not __main__: a function of __main__ would be sent to the Dask
    # workers by value, with this process's loaded model in its globals.
    from benchmarks import bench_batch

    bench_batch.main()
