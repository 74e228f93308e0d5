"""`factcheck eval GOLD`: precision, recall and verdict accuracy on annotated articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck.cli.shared import DebugOption, ModelOption, OneLineCommand, fail, new_app
from factcheck.errors import FactcheckError
from factcheck.reporting.render import Format

app = new_app(
    "Measure claim detection and verdicts against annotated articles (see README).",
    no_args_is_help=False,
)

_COLUMNS = (
    "type",
    "gold",
    "found",
    "recall",
    "precision",
    "verdicts",
    "disputed",
    "alarms",
)


# fmt: off
@app.command(cls=OneLineCommand)
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of annotated articles: one sub-folder each with article.txt, sources.toml and expected.json.")],
    output_format: Annotated[Format, typer.Option("--format", help="Report format: table or json.")] = Format.TABLE,
    model: ModelOption = None,
    debug: DebugOption = False,
) -> None:
    """Print precision, recall and verdict accuracy of factcheck on annotated articles."""
    # fmt: on
    from factcheck.evaluation import evaluate_article, load_gold, summarise
    from factcheck.nlp import load_pipeline, model_name

    try:
        nlp = load_pipeline(model_name(model))
        results = [evaluate_article(article, nlp) for article in load_gold(gold)]
    except FactcheckError as error:
        fail(error, debug)
    summary = summarise(results)
    if output_format is Format.JSON:
        sys.stdout.write(json.dumps(summary, indent=2, sort_keys=True) + "\n")
        return
    _print_scores(summary)


def _print_scores(summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    claims = summary["all"]["gold_claims"]
    table = Table(title=f"{summary['articles']} articles, {claims} annotated claims")
    for column in _COLUMNS:
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, scores in [("all", summary["all"]), *summary["by_type"].items()]:
        table.add_row(
            name, str(scores["gold_claims"]), str(scores["reported"]), f"{scores['recall']:.3f}",
            f"{scores['precision']:.3f}", f"{scores['verdict_accuracy']:.3f}",
            f"{scores['disputed_caught']}/{scores['disputed_gold']}", str(scores["false_alarms"]),
        )  # fmt: skip
    Console().print(table)
