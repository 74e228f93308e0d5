"""Choosing a report's format: one call from reports to the text a format writes.

The command line decides only where the text goes. Every renderer is imported on
first use, so JSON output never imports rich (start-up time is benchmarked).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from factcheck.reporting.streams import Kind

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.records import Report
    from factcheck.sources.config import Publisher
    from factcheck.sources.coverage import Coverage

# A report written to a file is as wide as a wide terminal, without colour.
FILE_WIDTH = 120


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


# How each format is written to a stream that is not UTF-8 (see streams.py).
_KINDS = {
    Format.JSON: Kind.JSON,
    Format.JSONL: Kind.JSON,
    Format.CLAIMREVIEW: Kind.JSON,
    Format.HTML: Kind.HTML,
}


def stream_kind(fmt: Format) -> Kind:
    return _KINDS.get(fmt, Kind.TEXT)


def render(
    reports: Sequence[Report],
    fmt: Format,
    *,
    url: str | None = None,
    publisher: Publisher | None = None,
    show: Show = Show.CLAIMS,
    quiet: bool = False,
    coverage: Coverage | None = None,
) -> str:
    """`reports` in `fmt`; one report keeps its single-article shape.

    `url` and `publisher` are for claimreview and html; `show`, `quiet` and
    `coverage` for the table, which is rendered as for a file.
    """
    if fmt is Format.TABLE:
        return _table_text(reports, show, quiet, coverage)
    if fmt is Format.JSON:
        return _json(reports)
    if fmt is Format.HTML:
        return _html(reports[0], url)
    if fmt is Format.CLAIMREVIEW:
        return _claimreview(reports, url, publisher)
    if fmt is Format.MARKDOWN:
        from factcheck.reporting.markdown import render_markdown

        return "\n".join(render_markdown(report) for report in reports)
    from factcheck.reporting.jsonl import render_jsonl

    return "".join(render_jsonl(report) for report in reports)


def print_tables(
    reports: Sequence[Report],
    console: Console,
    *,
    show: Show = Show.CLAIMS,
    quiet: bool = False,
    coverage: Coverage | None = None,
) -> None:
    """The table format onto a live console (a terminal's colours and width)."""
    from rich.text import Text

    from factcheck.reporting.terminal import (
        render_article,
        render_quiet,
        render_terminal,
    )

    several = len(reports) > 1
    for number, report in enumerate(reports):
        if several and quiet:
            console.print(Text(f"{report.article.path}: "), end="", soft_wrap=True)
        elif several:
            heading = ("\n" if number else "") + report.article.path
            console.print(Text(heading, style="bold underline"))
        if quiet:
            render_quiet(report, console)
        elif show is Show.ARTICLE:
            render_article(report, console, coverage)
        else:
            render_terminal(report, console, coverage)


def _table_text(
    reports: Sequence[Report], show: Show, quiet: bool, coverage: Coverage | None
) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=FILE_WIDTH, color_system=None)
    print_tables(reports, console, show=show, quiet=quiet, coverage=coverage)
    return buffer.getvalue()


def _json(reports: Sequence[Report]) -> str:
    from factcheck.reporting.json_report import render_json, report_to_dict

    if len(reports) == 1:
        return render_json(reports[0])
    data = [report_to_dict(report) for report in reports]
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _html(report: Report, url: str | None) -> str:
    from factcheck.reporting.claimreview import article_url
    from factcheck.reporting.html import render_html

    return render_html(report, article_url=article_url(report.article, url))


def _claimreview(reports: Sequence[Report], url: str | None, publisher: Publisher | None) -> str:
    from factcheck.reporting.claimreview import (
        article_url,
        claim_reviews,
        render_claimreview,
    )

    reviews = [
        review
        for report in reports
        for review in claim_reviews(
            report, url=article_url(report.article, url), publisher=publisher
        )
    ]
    return render_claimreview(reviews)
