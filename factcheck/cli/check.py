"""`factcheck ARTICLE...`: check articles and write their reports.

Heavy imports (spaCy, rich) happen inside the command so that `--help` and
`--version` stay instant.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck import __version__
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
    write_output,
)
from factcheck.errors import FactcheckError
from factcheck.exitcodes import ExitCode, FailOn, gate
from factcheck.reading import MAX_CHARS
from factcheck.records import Report
from factcheck.reporting.render import Format, Show

if TYPE_CHECKING:
    from factcheck.sources.config import SourcesConfig
    from factcheck.sources.coverage import Coverage
    from factcheck.sources.remote_options import RemoteOptions

app = new_app(
    "Find the checkable claims in a news article and check them against reference sources."
)

ALSO = (
    "Also: factcheck batch INPUT... (many articles); factcheck eval GOLD (measure on "
    "annotated articles); factcheck sources list|check."
)


@dataclass(frozen=True)
class Presentation:
    """How the reports are written: everything `check` needs after the checking."""

    output_format: Format
    output: Path | None
    show: Show = Show.CLAIMS
    quiet: bool = False
    url: str | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(ExitCode.OK)


# fmt: off
@app.command(cls=OneLineCommand, epilog=ALSO)
def check(
    article: Annotated[list[str], typer.Argument(help="Article text or Markdown files, or - for standard input; several are checked in turn and the exit code is the worst.", metavar="ARTICLE")],
    sources: SourcesOption = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD; anchors 'next week', 'last year'.", metavar="YYYY-MM-DD")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="Report format: table, json, html (one page), claimreview (schema.org JSON-LD), markdown, jsonl.", metavar="FORMAT")] = Format.TABLE,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report to this file instead of standard output.", metavar="FILE")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The article's public URL, for claimreview and html (default: url in the front matter).", metavar="URL")] = None,
    show: Annotated[Show, typer.Option("--show", help="Table format: the claims table, or the article with its claims marked.")] = Show.CLAIMS,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Table format: print only the summary line.")] = False,
    fail_on: FailOnOption = FailOn.DISPUTED,
    min_checkworthiness: Annotated[float, typer.Option("--min-checkworthiness", min=0.0, max=1.0, help="Report only claims whose check-worthiness (0-1, see README) is at least this.", metavar="X")] = 0.0,
    model: ModelOption = None,
    offline: OfflineOption = False,
    refresh: RefreshOption = False,
    cache_dir: CacheDirOption = None,
    strict_sources: Annotated[bool, typer.Option("--strict-sources", help="Exit 2 when a source fails instead of warning.")] = False,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Refuse an article longer than this many characters.", metavar="N")] = MAX_CHARS,
    debug: DebugOption = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Check each ARTICLE and report which claims are supported, disputed or unverified."""
    # fmt: on
    how = Presentation(output_format, output, show, quiet, url)
    _check_usage(article, how)
    try:
        with spinner(how):
            reports, config = _run(article, sources, parse_date(published), model, fail_on, remote_options(offline, refresh, cache_dir), min_checkworthiness, max_chars)  # fmt: skip
        _source_warnings(reports, strict_sources)
        _emit(reports, how, config)
    except FactcheckError as error:
        fail(error, debug)
    raise typer.Exit(max(gate(report, fail_on) for report in reports))


def _check_usage(articles: list[str], how: Presentation) -> None:
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


def spinner(how: Presentation) -> AbstractContextManager[object]:
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
    article_paths: list[str],
    sources: str | None,
    published: date | None,
    model: str | None,
    fail_on: FailOn,
    remote: RemoteOptions,
    min_checkworthiness: float,
    max_chars: int,
) -> tuple[list[Report], SourcesConfig]:
    """The reports, and the one sources configuration they were checked against."""
    from factcheck.nlp import load_pipeline, model_name
    from factcheck.pipeline import Checker, find_sources
    from factcheck.reading import read_article, refuse_long
    from factcheck.sources import load_config

    # Every article is read before the model loads, so a bad path fails at once.
    articles = [read_article(path, published=published) for path in article_paths]
    for article in articles:
        refuse_long(article, max_chars)
    for article in articles:
        for warning in article.warnings:
            say(f"factcheck: warning: {article.path}: {warning}")
    sources_path = find_sources(sources)
    name = model_name(model)
    options = report_options(fail_on, name, sources_path, min_checkworthiness)
    nlp = load_pipeline(name)
    config = load_config(sources_path)
    checker = Checker(nlp, config, options, remote, min_checkworthiness)
    return [checker.check(article) for article in articles], config


def _emit(reports: list[Report], how: Presentation, config: SourcesConfig) -> None:
    from factcheck.reporting import print_tables, render, stream_kind

    coverage = _coverage(reports, how, config)
    if how.output_format is Format.TABLE and how.output is None:
        from rich.console import Console

        print_tables(reports, Console(), show=how.show, quiet=how.quiet, coverage=coverage)
        return
    text = render(
        reports,
        how.output_format,
        url=how.url,
        publisher=config.publisher,
        show=how.show,
        quiet=how.quiet,
        coverage=coverage,
    )
    write_output(text, how.output, stream_kind(how.output_format))


def _coverage(reports: list[Report], how: Presentation, config: SourcesConfig) -> Coverage | None:
    """What the sources cover, for the table when a claim is unverified for want of a source."""
    from factcheck.sources.coverage import describe_sources, needs_note

    if how.output_format is not Format.TABLE or how.quiet:
        return None
    if not any(needs_note(report) for report in reports):
        return None
    from factcheck.pipeline import packaged_sources

    builtin = config.path.resolve() == packaged_sources().resolve()
    return describe_sources(config, builtin=builtin)


def _source_warnings(reports: list[Report], strict: bool) -> None:
    """One line per failed source; with --strict-sources the first failure is an error."""
    from factcheck.errors import ConfigError

    failed = dict.fromkeys(
        (status.name, status.detail)
        for report in reports
        for status in report.sources
        if status.status == "error"
    )
    if strict and failed:
        name, detail = next(iter(failed))
        raise ConfigError(f"source '{name}'", detail)
    for name, detail in failed:
        say(f"factcheck: warning: source '{name}': {detail}")
