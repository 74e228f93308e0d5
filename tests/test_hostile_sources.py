"""Hostile and unlucky input to the local sources (issue 14): values that are not finite
numbers, configurations that reach outside their folder or nest too deeply, and
errors that would echo a file's contents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli import app
from factcheck.errors import ConfigError
from factcheck.normalise.entities import EntityResolver
from factcheck.sources import SourceSpec, TableSource, load_config, load_sources, load_table
from factcheck.sources.tables import scan_table

US_SPENDING = "The United States spent $916 billion on its military in 2023."


def cli(tmp_path: Path, sources: Path, text: str = US_SPENDING, *extra: str) -> Result:
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    args = [str(article), "--sources", str(sources), "--published", "2024-06-01",
            "--cache-dir", str(tmp_path / "cache"), *extra]  # fmt: skip
    return CliRunner().invoke(app, args)


def assert_one_line_error(result: Result, *names: str) -> str:
    """Exit 2 with exactly one line on stderr, naming each of `names`; returns the line."""
    assert result.exit_code == 2, (result.exception, result.stderr)
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("factcheck: error: ")
    for name in names:
        assert name in line
    return line


LONG = "entity,metric,period,value,unit\nX,m,2022,1,USD\nX,m,2023,{value},USD\n"


NOT_FINITE = ["1e999", "-1e999", "1" + "0" * 400, "1" + ",000" * 103, "NaN", "inf"]


@pytest.mark.parametrize("value", NOT_FINITE)
@pytest.mark.parametrize("read", [load_table, scan_table], ids=["load", "scan"])
def test_a_table_value_that_is_not_finite_is_rejected_at_load(
    tmp_path: Path, value: str, read: Callable[[SourceSpec, EntityResolver], TableSource]
) -> None:
    (tmp_path / "t.csv").write_text(LONG.format(value=f'"{value}"'), encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "t"\nkind = "table"\npath = "t.csv"\n', encoding="utf-8"
    )
    spec = load_config(tmp_path / "sources.toml").sources[0]
    with pytest.raises(ConfigError) as caught:
        read(spec, EntityResolver())
    assert (caught.value.path, caught.value.line) == (str(tmp_path / "t.csv"), 3)
    assert caught.value.problem.startswith("column 'value' is not a")
    assert value not in caught.value.message


def test_a_wide_table_value_that_is_not_finite_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "w.csv").write_text("Entity,Year,Spend\nX,2022,1\nX,2023,1e999\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "w"\nkind = "table"\npath = "w.csv"\nformat = "wide"\n'
        '[source.columns]\nentity = "Entity"\nperiod = "Year"\n'
        '[source.columns.values]\n"spend" = {column = "Spend", unit = "USD"}\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path / "sources.toml")
    with pytest.raises(ConfigError) as caught:
        load_sources(config, EntityResolver(), lazy=True)
    assert (caught.value.line, caught.value.problem) == (
        3,
        "column 'Spend' is not a finite number",
    )


NESTED = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [("table", "spread", "nan"), ("table", "spread", "inf"), ("claimreview", "threshold", "nan")],
)
def test_numeric_local_settings_must_be_finite(
    tmp_path: Path, kind: str, key: str, value: str
) -> None:
    (tmp_path / "data").write_text("", encoding="utf-8")
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nname = "s"\nkind = "{kind}"\npath = "data"\n{key} = {value}\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.path == str(path)
    assert f"key '{key}': expected " in caught.value.problem


SECRET = "root:x:0:0:SECRET-FIRST-LINE:/root:/bin/bash\n"


def _config(tmp_path: Path, path: str, extra: str = "") -> Path:
    folder = tmp_path / "conf"
    folder.mkdir(exist_ok=True)
    toml = folder / "sources.toml"
    toml.write_text(
        f'[[source]]\nname = "t"\nkind = "table"\npath = "{path}"\n{extra}\n', encoding="utf-8"
    )
    return toml


def _outside(tmp_path: Path, text: str = LONG.format(value=2)) -> Path:
    target = tmp_path / "outside.csv"
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("path", ["../outside.csv", "sub/../../outside.csv", "link/outside.csv"])
def test_a_relative_path_may_not_leave_the_folder(tmp_path: Path, path: str) -> None:
    _outside(tmp_path)
    toml = _config(tmp_path, path)
    (tmp_path / "conf" / "link").symlink_to(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(toml)
    assert caught.value.path == str(toml)
    assert f"key 'path': {path} is outside the folder of sources.toml" in caught.value.problem
    assert "allow_outside = true" in caught.value.problem


def test_allow_outside_and_absolute_paths_are_read(tmp_path: Path) -> None:
    target = _outside(tmp_path)
    for path, extra in (("../outside.csv", "allow_outside = true"), (str(target), "")):
        (spec,) = load_config(_config(tmp_path, path, extra)).sources
        assert load_table(spec, EntityResolver()).records == 2


def test_allow_outside_must_be_a_boolean(tmp_path: Path) -> None:
    _outside(tmp_path)
    with pytest.raises(ConfigError, match="key 'allow_outside': expected true or false"):
        load_config(_config(tmp_path, "../outside.csv", 'allow_outside = "yes"'))


def test_a_file_outside_is_never_read_through_the_cli(nlp: Language, tmp_path: Path) -> None:
    _outside(tmp_path, SECRET)
    toml = _config(tmp_path, "../outside.csv")
    line = assert_one_line_error(cli(tmp_path, toml), str(toml), "outside the folder")
    assert "secret" not in line.casefold()


CONTENTS = [
    ("table", SECRET),  # a header that is not a table's
    ("table", "entity,metric,period,value,unit\nX,m,2023,SECRET-CELL,%\n"),
    ("table", "entity,metric,period,value,unit\nX,m,SECRET-CELL,1,%\n"),
    ("table", "entity,metric,period,value,unit\nSECRET,m,2023,1,%\nSECRET,m,2023,2,%\n"),
    ("events", "subject,relation,object,date\nX,SECRET-CELL,Y,2023-01-01\n"),
    ("events", "subject,relation,object,date\nX,said,Y,SECRET-CELL\n"),
    ("claimreview", '{"SECRET": '),
]


@pytest.mark.parametrize(("kind", "text"), CONTENTS)
def test_errors_never_echo_file_contents(
    nlp: Language, tmp_path: Path, kind: str, text: str
) -> None:
    target = _outside(tmp_path, text)
    toml = _config(tmp_path, str(target))
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"table"', f'"{kind}"'), encoding="utf-8"
    )
    line = assert_one_line_error(cli(tmp_path, toml), str(target))
    assert "secret" not in line.casefold()


def test_wide_columns_given_as_a_string(nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "w.csv").write_text("Entity,Year\n", encoding="utf-8")
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[source]]\nname = "w"\nkind = "table"\npath = "w.csv"\nformat = "wide"\n'
        'columns = "Entity,Year"\n',
        encoding="utf-8",
    )
    assert_one_line_error(cli(tmp_path, toml), str(toml), "key 'columns'")


def test_a_claimreview_file_nested_100000_deep(nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "reviews.json").write_text(NESTED, encoding="utf-8")
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[source]]\nname = "r"\nkind = "claimreview"\npath = "reviews.json"\n', encoding="utf-8"
    )
    assert_one_line_error(
        cli(tmp_path, toml), str(tmp_path / "reviews.json"), "invalid JSON: nested too deeply"
    )


def test_a_sources_toml_nested_100000_deep(nlp: Language, tmp_path: Path) -> None:
    toml = tmp_path / "sources.toml"
    toml.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert_one_line_error(cli(tmp_path, toml), str(toml), "invalid TOML: nested too deeply")
