"""`factcheck sources list|check`: the configured reference sources, and whether they answer."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.cli.shared import (
    DebugOption,
    OneLineCommand,
    SourcesOption,
    fail,
    new_app,
    say,
)
from factcheck.errors import FactcheckError
from factcheck.exitcodes import ExitCode

if TYPE_CHECKING:
    from factcheck.sources.config import SourcesConfig
    from factcheck.sources.coverage import SourceCoverage
    from factcheck.sources.lint import SourceWarning

app = new_app("List the configured reference sources, or check that they answer.")

Row = tuple[str, ...]


@app.command("list", cls=OneLineCommand)
def sources_list(sources: SourcesOption = None, debug: DebugOption = False) -> None:
    """Each configured source: kind, whether it is enabled (and why not), and what it covers
    (metrics, entities, years, rows; HTTP sources are asked on demand)."""
    from factcheck.pipeline import find_sources
    from factcheck.sources import load_config
    from factcheck.sources.coverage import describe_sources

    try:
        config = load_config(find_sources(sources))
        rows = _states(config)
        coverage = describe_sources(config)
    except FactcheckError as error:
        fail(error, debug)
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else []
    for row, source in zip(rows, coverage.sources, strict=True):
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        sys.stdout.write("  ".join([*cells, row[3]]).rstrip() + "\n")
        for line in _coverage_lines(source):
            sys.stdout.write(f"    {line}\n")


def _states(config: SourcesConfig) -> list[Row]:
    """Name, kind, enabled or disabled, and why not, for each source."""
    from factcheck.sources import HTTP_KINDS

    rows: list[Row] = []
    for spec in config.sources:
        state, why = "enabled", ""
        if not spec.enabled:
            state, why = "disabled", "enabled = false in sources.toml"
        elif spec.kind in HTTP_KINDS:
            from factcheck.sources.remote import check_specs, disabled_reason

            check_specs(config)
            reason = disabled_reason(spec)
            state, why = ("disabled", reason) if reason else (state, why)
        rows.append((spec.name, spec.kind, state, why))
    return rows


def _coverage_lines(source: SourceCoverage) -> list[str]:
    """The lines under a source in `sources list`: title, metrics, entities, years, rows."""
    from factcheck.sources.coverage import format_years

    lines = [source.title] if source.title else []
    if source.problem:
        return [*lines, f"problem: {source.problem}"]
    named = "relations" if source.kind in {"events", "wikidata"} else "metrics"
    metrics = list(source.metrics)
    if source.indicators:  # worldbank: each metric's indicator code
        codes = zip(metrics, source.indicators, strict=True)
        metrics = [f"{metric} ({code})" for metric, code in codes]
    if metrics:
        lines.append(f"{named}: {', '.join(metrics)}")
    if source.on_demand:
        return [*lines, "entities, years, rows: asked on demand"]
    if source.entities is not None:
        more = ", ..." if source.entities > len(source.examples) else ""
        examples = f" ({', '.join(source.examples)}{more})" if source.examples else ""
        lines.append(f"entities: {source.entities:,}{examples}")
    counts = [f"years: {format_years(source.years)}"] if source.years else []
    noun = "fact-checks" if source.kind == "claimreview" else "rows"
    counts += [f"{noun}: {source.rows:,}"] if source.rows is not None else []
    return [*lines, "; ".join(counts)] if counts else lines


# fmt: off
@app.command("check", cls=OneLineCommand)
def sources_check(
    sources: SourcesOption = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each HTTP source.", metavar="SECONDS")] = 10.0,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on a warning too.")] = False,
    debug: DebugOption = False,
) -> None:
    """Load each local source (row counts) and ask each HTTP source a small question (latency).

    Warns about data no claim can reach: unknown entities, metrics no phrase names,
    units no figure is read in, repeated rows. Exits 1 when a source fails to answer,
    or, with --strict, on a warning.
    """
    # fmt: on
    try:
        rows, warnings = _probe(sources, timeout)
    except FactcheckError as error:
        fail(error, debug)
    _print_rows(("source", "kind", "status", "latency", "detail"), rows)
    for warning in warnings:
        say(f"factcheck: warning: {warning}")
    if any(row[2] == "error" for row in rows) or (strict and warnings):
        raise typer.Exit(ExitCode.GATE_FAILED)


def _probe(sources: str | None, timeout: float) -> tuple[list[Row], list[SourceWarning]]:
    """One row per source: local ones loaded (rows), HTTP ones asked (latency); and the
    warnings on local tables."""
    from factcheck.normalise.entities import EntityResolver
    from factcheck.pipeline import find_sources, lexicon_for
    from factcheck.sources import load_config, load_sources
    from factcheck.sources.lint import lint_tables
    from factcheck.sources.remote import RemoteOptions, check_specs, probe_sources

    config = load_config(find_sources(sources))
    check_specs(config)
    resolver = EntityResolver(config.aliases)
    loaded = load_sources(config, resolver)
    warnings = lint_tables(loaded.tables, resolver, lexicon_for(config, loaded).metrics)
    options = RemoteOptions(
        read_timeout=timeout, connect_timeout=timeout, total_timeout=timeout, retries=0
    )
    probes = {probe.name: probe for probe in probe_sources(config, options)}
    rows: list[Row] = []
    for status in loaded.statuses:
        probe = probes.get(status.name)
        if probe is not None:
            latency = f"{probe.latency_ms:.0f} ms" if probe.latency_ms is not None else ""
            rows.append((probe.name, probe.kind, probe.status, latency, probe.detail))
        else:
            detail = f"{status.records} rows" if status.status == "ok" else status.detail
            rows.append((status.name, status.kind, status.status, "", detail))
    return rows, warnings


def _print_rows(header: Row, rows: list[Row]) -> None:
    table = [header, *rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for row in table:
        cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        sys.stdout.write("  ".join(cells).rstrip() + "\n")
