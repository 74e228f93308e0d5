"""A batch from start to end: inputs -> chunks -> an engine -> the output, and a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from factcheck.batch.engines import Chunk, Engine
from factcheck.batch.inputs import Entry, Item, load
from factcheck.batch.output import Record, Writer, record_of
from factcheck.exitcodes import ExitCode, FailOn, gate_counts
from factcheck.reading import MAX_CHARS
from factcheck.records import Verdict

# Articles per task: enough for `nlp.pipe` to batch well and for one question to
# the HTTP sources to cover many claims; few enough that a dead worker costs little.
CHUNK_SIZE = 16


@dataclass
class Summary:
    """Every article in the output, counted: this run's and, when resuming, earlier ones."""

    fail_on: FailOn = FailOn.DISPUTED
    keep_going: bool = False  # failed articles do not make the exit code 2
    articles: int = 0
    failed: int = 0
    resumed: int = 0  # already in the output from an earlier run
    duplicates: int = 0  # ids given again in the input, checked once
    verdicts: Counter[str] = field(default_factory=Counter)
    worst_gate: ExitCode = ExitCode.OK
    peak_mb: dict[str, float] = field(default_factory=dict)  # worker -> peak memory

    def add(self, record: Record) -> None:
        self.articles += 1
        if record.error is not None or record.counts is None:
            self.failed += 1
            return
        for verdict in Verdict:
            self.verdicts[verdict.value] += record.counts.get(verdict.value, 0)
        self.worst_gate = max(self.worst_gate, gate_counts(record.counts, self.fail_on))

    @property
    def exit_code(self) -> ExitCode:
        if self.failed and not self.keep_going:
            return ExitCode.ERROR
        return self.worst_gate


def _ignore(_: object) -> None:
    pass


def run_batch(
    items: Iterable[Item],
    engine: Engine,
    writer: Writer,
    *,
    published: date | None = None,
    max_chars: int = MAX_CHARS,
    summary: Summary | None = None,
    chunk_size: int = CHUNK_SIZE,
    warn: Callable[[str], None] = _ignore,
    advance: Callable[[int], None] = _ignore,
) -> Summary:
    """Check every item not already in `writer`'s output and write each result in input order.

    `warn` gets one line per warning (reading, a failing source, a repeated id);
    `advance` is told of each item dealt with, for a progress bar. A problem that
    is not one article's (the model, the sources, the cluster) raises FactcheckError.
    """
    summary = summary or Summary()
    for record in writer.done:
        summary.add(record)
        summary.resumed += 1
    done = {record.id for record in writer.done}
    entries = _entries(items, done, (published, max_chars), summary, warn, advance)
    warned: set[tuple[str, str]] = set()
    for result in engine.run(_chunks(entries, chunk_size)):
        if result.fatal is not None:
            raise result.fatal
        if result.peak_mb is not None:
            summary.peak_mb[result.worker] = max(
                summary.peak_mb.get(result.worker, 0.0), result.peak_mb
            )
        for checked in result.results:
            writer.write(checked)
            summary.add(record_of(checked))
            for name, detail in checked.source_errors:
                if (name, detail) not in warned:
                    warned.add((name, detail))
                    warn(f"source '{name}': {detail}")
            advance(1)
    return summary


def _entries(
    items: Iterable[Item],
    done: set[str],
    reading: tuple[date | None, int],  # --published, --max-chars
    summary: Summary,
    warn: Callable[[str], None],
    advance: Callable[[int], None],
) -> Iterator[Entry]:
    """The items not yet done, read; an id given twice is checked once."""
    seen = set(done)
    for item in items:
        if item.id in seen:
            if item.id not in done:
                summary.duplicates += 1
                warn(f"{item.id}: this id was given before; it is checked once")
            advance(1)
            continue
        seen.add(item.id)
        entry, warnings = load(item, *reading)
        for warning in warnings:
            warn(warning)
        yield entry


def _chunks(entries: Iterator[Entry], size: int) -> Iterator[Chunk]:
    while chunk := tuple(islice(entries, size)):
        yield chunk
