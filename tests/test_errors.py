"""The catalogue of user-facing errors: codes, the README's table, and codes at the command line."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from factcheck.errors import ConfigError, E, FactcheckError, InputError
from tests.cli.test_check import invoke
from tests.conftest import ROOT, Write

README_ROW = re.compile(r"^\| (E\d{3}) \| `(\w+)` \| (.*) \|$", re.MULTILINE)


def test_codes_are_unique_and_well_formed() -> None:
    codes = [entry.code for entry in E]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"E\d{3}", code) for code in codes)


def test_the_readme_lists_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = [
        (code, name, text.replace("\\|", "|")) for code, name, text in README_ROW.findall(readme)
    ]
    assert listed == [(entry.code, entry.name, entry.value.template) for entry in E]


def test_every_entry_is_raised_somewhere() -> None:
    library = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "factcheck").rglob("*.py")
    )
    unused = [entry.name for entry in E if f"E.{entry.name}" not in library]
    assert unused == []


def test_an_error_survives_pickling_with_its_code() -> None:
    # Batch workers send errors between processes.
    error = ConfigError("data.csv", E.NOT_A_NUMBER, line=7, column="value")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ConfigError
    assert (copy.code, copy.message) == ("E112", "data.csv:7: column 'value' is not a number")


def test_fields_fill_the_template() -> None:
    error = InputError("story.txt", E.TOO_LONG, length=2_500_000, limit=2_000_000)
    assert isinstance(error, FactcheckError)
    assert error.message.startswith(
        "story.txt: 2,500,000 characters, more than the limit of 2,000,000"
    )


def _code(*arguments: str) -> str:
    result = invoke(arguments)
    assert result.exit_code == 2, (result.stderr, result.exception)
    (line,) = result.stderr.splitlines()
    found = re.match(r"factcheck: error (E\d{3}): ", line)
    assert found, line
    return found.group(1)


@pytest.mark.parametrize(
    ("files", "arguments", "code"),
    [
        ({}, ["missing.txt"], "E001"),
        ({"empty.txt": ""}, ["empty.txt"], "E005"),
        ({"story.txt": "Prices rose 3% in 2023."}, ["story.txt", "--sources", "none.toml"], "E101"),
        (
            {"story.txt": "x", "bad.toml": "[[source]\n"},
            ["story.txt", "--sources", "bad.toml"],
            "E106",
        ),
        ({"story.txt": "x"}, ["story.txt", "--published", "soon"], "E401"),
        ({"story.txt": "x"}, ["story.txt", "--format", "nope"], "E401"),
        (
            {
                "story.txt": "Prices rose 3% in 2023.",
                "s.toml": '[[source]]\nname = "t"\nkind = "table"\npath = "t.csv"\n',
                "t.csv": "entity,metric,period,value,unit\nFrance,inflation,2023,three,percent\n",
            },
            ["story.txt", "--sources", "s.toml"],
            "E112",
        ),
    ],
)
def test_the_command_line_reports_the_code(
    files: dict[str, str],
    arguments: list[str],
    code: str,
    write: Write,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, text in files.items():
        write(name, text)
    monkeypatch.chdir(tmp_path)
    assert _code(*arguments) == code
