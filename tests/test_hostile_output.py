"""Hostile and unlucky input at the command line, and output that survives it (issue 14).

- publication dates at both ends of the calendar (years 1 and 9999);
- standard output and error that are not UTF-8, for every output format;
- bad option values: one line on standard error, exit code 2;
- ClaimReview JSON-LD that is safe to paste into a web page.

Most runs go through typer's CliRunner in this process and share the session's
spaCy model. The encoding tests need an interpreter whose streams really are
Latin-1 or ASCII, so they start one process per environment, which runs the
real entry point (`factcheck.cli.main`) once per format: the model loads once
per environment, not once per format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli import app
from factcheck.reporting import validate_report
from tests.conftest import Write

PUBLISHER_NAME = "Desk </script><script>alert(1)</script> & <co> ✓"
SOURCES = f"""
[publisher]
name = "{PUBLISHER_NAME}"
url = "javascript:alert(1)"

[[source]]
name = "populations"
kind = "table"
path = "population.csv"
title = "Populations — é"
[source.metrics]
"population" = ["population", "inhabitants"]
"""
TABLE = """entity,metric,period,value,unit
France,population,2023,68170000,
Germany,population,2023,84400000,
"""
# One claim supported and one disputed, both with a curly apostrophe; a line of signs,
# accents, CJK and an emoji flag; a front-matter URL that would run a script.
ARTICLE = """---
date: 2024-03-01
url: javascript:alert(1)
---
La «France» — ✓ é 中文 🇫🇷.
France’s population reached 68.2 million in 2023.
Germany’s population reached 99 million in 2023.
"""
SUPPORTED = "France’s population reached 68.2 million in 2023"
_AMBIENT = ("FACTCHECK_SOURCES", "NO_COLOR", "FORCE_COLOR", "COLUMNS")


@dataclass(frozen=True)
class Files:
    article: Path
    sources: Path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "sources.toml").write_text(SOURCES, encoding="utf-8")
    (folder / "population.csv").write_text(TABLE, encoding="utf-8")
    (folder / "article.md").write_text(ARTICLE, encoding="utf-8")
    return Files(folder / "article.md", folder / "sources.toml")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _AMBIENT:
        monkeypatch.delenv(name, raising=False)


def invoke(args: Sequence[str], command: Any = app) -> Result:
    return CliRunner().invoke(command, list(args))


def expect_exit(result: Result, code: int) -> None:
    assert result.exit_code == code, f"stderr:\n{result.stderr}\nexception: {result.exception!r}"


def one_error_line(stderr: str) -> str:
    """The single line an error may print; no traceback, no usage box."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("factcheck: error: "), stderr
    assert "Traceback" not in stderr and "╭" not in stderr and "│" not in stderr
    return lines[0]


# --- 1. dates at the ends of the calendar --------------------------------------------------

# Each date word moves from the publication date: past December, last and next year,
# next week, "the year before", plus years no sentence could mean ("in 9999").
EDGE_ARTICLE = (
    "The NATO summit was held in Vilnius in December. France's population was 68 million "
    "last year, after 67 million the year before, and will reach 70 million next year. "
    "Finland joined NATO in April. Sweden will join next week. In 9999, Germany's population "
    "was 84 million. In the year 1, it was 2 million.\n"
)


def check_edge(args: Sequence[str]) -> dict[str, Any]:
    result = invoke([*args, "--format", "json", "--fail-on", "never"])
    expect_exit(result, 0)
    report: dict[str, Any] = json.loads(result.stdout)
    validate_report(report)
    text = report["article"]["characters"]
    assert all(0 <= claim["start"] <= claim["end"] <= text for claim in report["claims"])
    return report


@pytest.mark.parametrize("published", ["0001-01-01", "0001-12-31", "9999-01-01", "9999-12-31"])
def test_publication_date_at_the_ends_of_the_calendar(
    nlp: Language, write: Write, published: str
) -> None:
    path = write("edge.txt", EDGE_ARTICLE)
    report = check_edge([str(path), "--published", published])
    assert report["article"]["published"] == published
    assert report["claims"], "the dates must be read next to claims for the test to mean anything"


@pytest.mark.parametrize("declared", ["0001-01-01", "9999-12-31"])
def test_front_matter_date_at_the_ends_of_the_calendar(
    nlp: Language, write: Write, declared: str
) -> None:
    path = write("edge.md", f"---\ndate: {declared}\n---\n{EDGE_ARTICLE}")
    report = check_edge([str(path)])
    assert (report["article"]["published"], report["article"]["published_source"]) == (
        declared,
        "front-matter",
    )
