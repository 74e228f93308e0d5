"""The spinner's stage messages, through the CLI.

The spinner only runs when standard error is a terminal, which it never is under
CliRunner, so the tests say it is one and record what the spinner is told
instead of letting rich draw it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck.cli.check as check_command
from factcheck.cli.check import app
from factcheck.nlp import model_name
from tests.conftest import DEFAULT_SOURCES, EXAMPLE, Write

PUBLISHED = "2023-07-04"


@pytest.fixture
def spinner_lines(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line the spinner shows, its first included."""
    lines: list[str] = []

    @contextmanager
    def status(message: str) -> Iterator[check_command.Say]:
        lines.append(message)
        yield lines.append

    monkeypatch.setattr(check_command, "at_terminal", lambda: True)
    monkeypatch.setattr(check_command, "_status", status)
    return lines


def run(*args: str | Path) -> str:
    arguments = [*map(str, args), "--published", PUBLISHED, "--sources", str(DEFAULT_SOURCES)]
    result = CliRunner().invoke(app, [*arguments, "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_spinner_names_each_stage_with_its_count(spinner_lines: list[str]) -> None:
    claims = len(json.loads(run(EXAMPLE, "--format", "json"))["claims"])
    assert spinner_lines == []  # no spinner over a machine-readable format
    run(EXAMPLE)
    words = len(EXAMPLE.read_text(encoding="utf-8").split())
    assert claims > 1
    assert spinner_lines == [
        "Starting…",
        "Reading 1 article…",
        f"Loading the model {model_name()}…",
        f"Parsing {words:,} words…",
        f"Checking {claims} claims…",
    ]


def test_with_several_articles_each_stage_names_its_article(
    spinner_lines: list[str], write: Write
) -> None:
    first = write("a.txt", "Kenya joined the East African Community in 2000.\n")
    second = write("b.txt", "Nothing here can be checked.\n")
    run(first, second)
    assert spinner_lines[1:3] == ["Reading 2 articles…", f"Loading the model {model_name()}…"]
    assert spinner_lines[3:] == [
        f"{first}: Parsing 8 words…",
        f"{first}: Checking 1 claim…",
        f"{second}: Parsing 5 words…",
        f"{second}: Checking 0 claims…",
    ]


def test_quiet_shows_no_spinner(spinner_lines: list[str]) -> None:
    run(EXAMPLE, "--quiet")
    assert spinner_lines == []
