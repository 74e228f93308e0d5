"""`factcheck batch INPUT...`: the command over the batch library (factcheck/batch/)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcheck.batch.engines import Engine, PoolEngine, SerialEngine
from factcheck.batch.inputs import DEFAULT_GLOBS, count, discover
from factcheck.batch.output import DirWriter, JsonlWriter, StreamWriter, Writer
from factcheck.batch.runner import CHUNK_SIZE, Summary, run_batch
from factcheck.batch.worker import Settings
from factcheck.cli.shared import (
    CacheDirOption,
    DebugOption,
    FailOnOption,
    ModelOption,
    OfflineOption,
    OneLineCommand,
    RefreshOption,
    SourcesOption,
    fail,
    new_app,
    parse_date,
    remote_options,
    report_options,
    say,
)
from factcheck.errors import FactcheckError
from factcheck.exitcodes import ExitCode, FailOn
from factcheck.reading import MAX_CHARS
from factcheck.records import Verdict
from factcheck.sources.remote_options import RemoteOptions

app = new_app("Check many articles: JSON Lines out, on many processes or a Dask cluster.")


class EngineName(StrEnum):
    PROCESSES = "processes"
    DASK = "dask"


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# fmt: off
@app.command(cls=OneLineCommand)
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Article files, directories (searched recursively), JSON Lines files (*.jsonl) of {id, text or path, published, url}, or - for JSON Lines on standard input.", metavar="INPUT")],
    globs: Annotated[list[str] | None, typer.Option("--glob", help="File names to take from directories (repeatable; default: *.txt and *.md).", metavar="PATTERN")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write the JSON Lines to this file instead of standard output.", metavar="FILE")] = None,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", help="Write one JSON report per article, and index.jsonl, into this folder.", metavar="DIR")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip the ids already in --output or --output-dir and append the rest.")] = False,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Articles that could not be checked do not make the exit code 2.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes (or local Dask workers) to run; default: the cores.", metavar="N")] = None,
    engine: Annotated[EngineName | None, typer.Option("--engine", help="processes (default) or dask (a local Dask cluster, or --scheduler).")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Run on this Dask scheduler, e.g. tcp://HOST:8786.", metavar="ADDRESS")] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Articles per task (parsed together through nlp.pipe).", metavar="N")] = CHUNK_SIZE,
    sources: SourcesOption = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for articles that give none in their record.", metavar="YYYY-MM-DD")] = None,
    fail_on: FailOnOption = FailOn.DISPUTED,
    min_checkworthiness: Annotated[float, typer.Option("--min-checkworthiness", min=0.0, max=1.0, help="Report only claims whose check-worthiness is at least this.", metavar="X")] = 0.0,
    model: ModelOption = None,
    offline: OfflineOption = False,
    refresh: RefreshOption = False,
    cache_dir: CacheDirOption = None,
    strict_sources: Annotated[bool, typer.Option("--strict-sources", help="An article whose sources failed becomes an error record.")] = False,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="An article longer than this many characters becomes an error record.", metavar="N")] = MAX_CHARS,
    debug: DebugOption = False,
) -> None:
    """Check every article in INPUT... and write one JSON Lines record per article, in input order."""
    # fmt: on
    chosen = _engine_name(engine, scheduler, output, output_dir, resume)
    remote = remote_options(offline, refresh, cache_dir)
    found = list(globs or DEFAULT_GLOBS)
    when = parse_date(published)  # before any worker starts
    summary = Summary(fail_on, keep_going)
    try:
        settings = _settings(sources, model, fail_on, min_checkworthiness, remote, strict_sources)
        writer = _writer(output, output_dir, resume)
        try:
            with _start(chosen, settings, workers or _cores(), scheduler) as running, _reporter(inputs, found) as (warn, advance):
                run_batch(discover(inputs, found), running, writer, published=when, max_chars=max_chars, summary=summary, chunk_size=chunk_size, warn=warn, advance=advance)
        finally:
            writer.close()
    except FactcheckError as error:
        fail(error, debug)
    except KeyboardInterrupt:
        written = f"interrupted after {summary.articles} articles"
        say(f"factcheck: error: {written}; run again with --resume to continue")
        raise typer.Exit(ExitCode.ERROR) from None
    if not summary.articles:
        say(f"factcheck: error: {' '.join(inputs)}: no articles found")
        raise typer.Exit(ExitCode.ERROR)
    for line in summary_lines(summary):
        say(f"factcheck: batch: {line}")
    raise typer.Exit(summary.exit_code)


def _engine_name(
    engine: EngineName | None, scheduler: str | None, output: Path | None, output_dir: Path | None, resume: bool
) -> EngineName:
    if output is not None and output_dir is not None:
        raise typer.BadParameter("give --output or --output-dir, not both")
    if resume and output is None and output_dir is None:
        raise typer.BadParameter("--resume continues an output: give --output FILE or --output-dir DIR")
    if scheduler is not None and engine is EngineName.PROCESSES:
        raise typer.BadParameter("--scheduler runs on Dask: drop --engine processes")
    return EngineName.DASK if scheduler is not None else engine or EngineName.PROCESSES


def _settings(
    sources: str | None, model: str | None, fail_on: FailOn, min_checkworthiness: float,
    remote: RemoteOptions, strict_sources: bool,
) -> Settings:
    """What each worker needs; the report's `options` are those of `factcheck ARTICLE`."""
    from factcheck.nlp import model_name
    from factcheck.pipeline import find_sources
    from factcheck.sources import load_config

    path = find_sources(sources)
    load_config(path)  # a broken sources.toml stops the batch here, before any worker starts
    name = model_name(model)
    options = report_options(fail_on, name, path, min_checkworthiness)
    # abspath, not resolve: the name in the report is the one the user gave, not a link's target.
    return Settings(
        os.path.abspath(path), name, tuple(sorted(options.items())), fail_on,
        min_checkworthiness, remote, strict_sources,
    )


def _writer(output: Path | None, output_dir: Path | None, resume: bool) -> Writer:
    if output_dir is not None:
        return DirWriter(output_dir, resume)
    if output is not None:
        return JsonlWriter(output, resume)
    return StreamWriter(sys.stdout)


def _start(engine: EngineName, settings: Settings, workers: int, scheduler: str | None) -> Engine:
    if engine is EngineName.DASK:
        from factcheck.batch.dask_engine import DaskEngine

        return DaskEngine(settings, scheduler, workers)
    if workers == 1:
        return SerialEngine(settings)
    return PoolEngine(settings, workers)


Reporter = tuple[Callable[[str], None], Callable[[int], None]]


@contextmanager
def _reporter(inputs: Sequence[str], globs: Sequence[str]) -> Iterator[Reporter]:
    """Warnings on stderr; at a terminal, also a progress bar (done, articles/s, time left)."""
    if not sys.stderr.isatty():
        yield (lambda line: say(f"factcheck: warning: {line}")), (lambda _: None)
        return
    from factcheck.batch.progress import progress_bar

    with progress_bar(count(inputs, globs)) as (console, advance):
        yield (lambda line: console.print(f"factcheck: warning: {line}", markup=False, highlight=False)), advance


def summary_lines(summary: Summary) -> list[str]:
    earlier = f" ({summary.resumed} from an earlier run)" if summary.resumed else ""
    verdicts = ", ".join(f"{summary.verdicts[verdict.value]} {verdict.value}" for verdict in Verdict)
    lines = [
        f"{summary.articles} articles{earlier}, {summary.failed} failed; "
        f"{sum(summary.verdicts.values())} claims: {verdicts}; exit code {summary.exit_code.value}"
    ]
    if summary.peak_mb:
        workers = len(summary.peak_mb)
        low, high = f"{min(summary.peak_mb.values()):.0f}", f"{max(summary.peak_mb.values()):.0f}"
        lines.append(
            f"{workers} worker process{'es' if workers != 1 else ''}; peak memory per worker "
            f"{low if low == high else f'{low}-{high}'} MB"
        )
    return lines
