"""Issue 13: `factcheck init` starts a sources file; `factcheck sources check` warns about
data that loads but that no claim can reach, and accepts values written with their unit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from factcheck.cli.init import app as init_app
from factcheck.cli.sources import app as sources_app

HEADER = "entity,metric,period,value,unit\n"
SOURCES = """
[[source]]
name = "figures"
kind = "table"
path = "figures.csv"
[source.metrics]
"inflation" = ["consumer price inflation"]
"""


def check(folder: Path, *options: str) -> Result:
    arguments = ["check", "--sources", str(folder / "sources.toml"), *options]
    return CliRunner().invoke(sources_app, arguments)


def table(folder: Path, rows: str, sources: str = SOURCES) -> Path:
    (folder / "sources.toml").write_text(sources, encoding="utf-8")
    (folder / "figures.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder


def warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("factcheck: warning:")]


def test_init_writes_files_that_pass_a_strict_check(tmp_path: Path) -> None:
    made = CliRunner().invoke(init_app, [str(tmp_path / "desk")])
    assert made.exit_code == 0, made.stderr
    assert (
        (tmp_path / "desk" / "data" / "my-figures.csv")
        .read_text(encoding="utf-8")
        .startswith("entity,metric,period,value,unit,url,note\n")
    )
    toml = (tmp_path / "desk" / "sources.toml").read_text(encoding="utf-8")
    assert "# enabled = false" in toml and '"growth", "inflation" or "change"' in toml
    checked = check(tmp_path / "desk", "--strict")
    assert checked.exit_code == 0, checked.stderr
    assert checked.stderr == ""
    assert "my-figures  table  ok               1 rows" in checked.stdout


def test_init_through_the_entry_point_in_the_working_folder(tmp_path: Path) -> None:
    factcheck = Path(sys.executable).parent / "factcheck"
    done = subprocess.run(
        [str(factcheck), "init"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "my-figures.csv",
        "sources.toml",
    ]


@pytest.mark.parametrize("existing", ["sources.toml", "data/my-figures.csv"])
def test_init_never_overwrites(tmp_path: Path, existing: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / existing).write_text("ours\n", encoding="utf-8")
    result = CliRunner().invoke(init_app, [str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error E125: {tmp_path / existing}: already exists "
        "(factcheck init never overwrites a file)\n"
    )
    assert (tmp_path / existing).read_text(encoding="utf-8") == "ours\n"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [Path(existing).name]


WARNED = {
    "unknown entity": (
        "Deutschland,inflation,2023,5.9,%\n",
        "1 entity is neither a country nor an [aliases] name, so a claim matches only the "
        "name as written: 'Deutschland' (line 2)",
    ),
    "misspelt metric": (
        "Germany,inflaton,2023,5.9,%\n",
        "metric 'inflaton' (line 2) is named by no phrase a claim can use, so its rows are "
        "never compared (did you mean 'inflation'?); declare it under [source.metrics] with "
        "the phrases that name it",
        "metric 'inflation' in [source.metrics] has no rows in the file (did you mean 'inflaton'?)",
    ),
    "unit no figure has": (
        "Germany,inflation,2023,5.9,%\nGermany,emissions,2023,672,tonnes\n",
        "unit 'tonnes' (metric 'emissions') is not one a claim's figure is read in, so those "
        "rows are never compared (use an ISO currency code, %, pp, a unit such as km, km2, t "
        "or MW, or leave it empty for a count)",
    ),
    "repeated row": (
        "Germany,inflation,2023,5.9,%\nGermany,inflation,2023,5.9,%\n",
        "line 3 repeats line 2 (same entity, metric, period, unit and value); it is read once",
    ),
}


@pytest.mark.parametrize("case", WARNED.values(), ids=WARNED.keys())
def test_check_warns_and_strict_fails(tmp_path: Path, case: tuple[str, ...]) -> None:
    rows, *expected = case
    folder = table(tmp_path, rows)
    result = check(folder)
    assert result.exit_code == 0, result.stderr
    prefix = f"factcheck: warning: {folder / 'figures.csv'}: source 'figures': "
    assert warnings(result) == [prefix + message for message in expected]
    assert check(folder, "--strict").exit_code == 1


def test_a_declared_metric_without_rows_is_warned(tmp_path: Path) -> None:
    sources = SOURCES + '"defence spending" = ["military spending"]\n'
    result = check(table(tmp_path, "Germany,inflation,2023,5.9,%\n", sources))
    assert [line.split("source 'figures': ")[1] for line in warnings(result)] == [
        "metric 'defence spending' in [source.metrics] has no rows in the file"
    ]


def test_a_clean_table_has_no_warning(tmp_path: Path) -> None:
    rows = "Germany,inflation,2023,5.9,%\nFrance,inflation,2023,4.9,%\n"
    result = check(table(tmp_path, rows), "--strict")
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("value", "unit"),
    [("5.9%", "%"), ("5.9 %", "%"), ("5.9 per cent", "%"), ("$1,200", "USD"), ("300 km", "km")],
)
def test_a_value_may_carry_the_rows_unit(tmp_path: Path, value: str, unit: str) -> None:
    result = check(table(tmp_path, f'Germany,inflation,2023,"{value}",{unit}\n'))
    assert result.exit_code == 0, result.stderr
    assert "figures  table  ok               1 rows" in result.stdout


@pytest.mark.parametrize(
    ("value", "unit", "code", "problem"),
    [
        ("5.9%", "USD", "E124", "column 'value' is in '%' but the row's unit is 'USD'"),
        ("5.9%", "", "E124", "column 'value' is in '%' but the row's unit is empty (a count)"),
        ("$5 USD", "USD", "E112", "column 'value' is not a number"),
    ],
)
def test_a_value_in_another_unit_is_an_error(
    tmp_path: Path, value: str, unit: str, code: str, problem: str
) -> None:
    folder = table(tmp_path, f"Germany,inflation,2023,{value},{unit}\n")
    result = check(folder)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error {code}: {folder / 'figures.csv'}:2: {problem}\n"


def test_two_values_for_one_fact_are_still_an_error(tmp_path: Path) -> None:
    folder = table(tmp_path, "Germany,inflation,2023,5.9,%\nDEU,inflation,2023,6.0,%\n")
    result = check(folder)
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error E117: {folder / 'figures.csv'}:3: duplicate value: the same entity, "
        "metric, period and unit as line 2\n"
    )
