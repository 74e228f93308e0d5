"""End-to-end tests of the `factcheck` command line, with the real spaCy model.

Most runs go through typer's CliRunner in this process, so the model that the
session fixture `nlp` loads is shared (`load_pipeline` is cached); only the
tests marked `slow` start a `factcheck` process of their own.

Golden report: `tests/data/golden/nato-vilnius-2023.json` is the JSON report of

    factcheck examples/nato-vilnius-2023.txt --published 2023-07-04 --format json

run from the repository root (`article.path` normalised to that relative path).
When extraction or matching changes the report on purpose, review the
difference the failing test shows, then rewrite the file with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_check.py -k golden
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli.check import app
from factcheck.pipeline import packaged_sources
from factcheck.reporting import validate_report
from factcheck.sources import load_config
from tests.conftest import DATA, EXAMPLE, ROOT

PUBLISHED = "2023-07-04"
EXAMPLE_REL = EXAMPLE.relative_to(ROOT).as_posix()
GOLDEN = DATA / "golden" / "nato-vilnius-2023.json"
VERDICTS = ("supported", "disputed", "unverified")
# The sentences of the example that are opinion, not checkable fact.
OPINIONS = (
    "For the United States, this not only reduces the burden of its economic investment in "
    "European defense, but also allows the military-industrial interest groups in the United "
    "States to make a lot of money through conflicts.",
    "Previously, the two sides established some mechanisms to manage and control the risk of "
    "conflict during the years of getting along, but now, Russia and NATO not only lack such "
    "mechanisms, but also lack basic mutual trust, which is very dangerous.",
)
# Environment variables that change what the CLI does; every run sets them itself.
_AMBIENT = ("FACTCHECK_SOURCES", "NO_COLOR", "FORCE_COLOR", "COLUMNS")


# --- helpers ---------------------------------------------------------------------------------


def invoke(
    args: Sequence[str], *, stdin: bytes | None = None, env: Mapping[str, str | None] | None = None
) -> Result:
    """Run the CLI in this process; stdout and stderr are kept apart (click >= 8.2)."""
    return CliRunner().invoke(app, list(args), input=stdin, env=dict(env or {}))


def expect_exit(result: Result, code: int) -> None:
    detail = f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    assert result.exit_code == code, detail


def parse_report(text: str) -> dict[str, Any]:
    """The JSON report in `text`, checked against the packaged schema."""
    report: dict[str, Any] = json.loads(text)
    validate_report(report)
    return report


def check_json(args: Sequence[str], code: int = 0, **kwargs: Any) -> dict[str, Any]:
    """Run with `--format json`, expect exit `code`, return the validated report."""
    result = invoke([*args, "--format", "json"], **kwargs)
    expect_exit(result, code)
    return parse_report(result.stdout)


def field(data: Mapping[str, Any], dotted: str) -> Any:
    value: Any = data
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def matches(data: Mapping[str, Any], where: Mapping[str, Any]) -> bool:
    return all(field(data, key) == wanted for key, wanted in where.items())


def claims_where(report: Mapping[str, Any], where: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = [claim for claim in report["claims"] if matches(claim, where)]
    assert found, f"no claim with {where}; claims: {[c['text'] for c in report['claims']]}"
    return found


def assert_offsets(report: Mapping[str, Any], text: str) -> None:
    for claim in report["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"], claim


class Contains:
    """Equal to any string that contains `part` (for `where` tables)."""

    def __init__(self, part: str) -> None:
        self.part = part

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and self.part in other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Contains({self.part!r})"


def write(path: Path, content: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    return str(path)


def altered_copy(text: str, old: str, new: str, target: Path) -> Path:
    assert old in text, f"{old!r} is not in the example any more"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _AMBIENT:
        monkeypatch.delenv(name, raising=False)


@dataclass(frozen=True)
class ExampleRun:
    result: Result
    report: dict[str, Any]


@pytest.fixture(scope="module")
def example_run(nlp: Language) -> Iterator[ExampleRun]:
    """The example checked once, as the acceptance command runs it from the repository root."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        for name in _AMBIENT:
            patch.delenv(name, raising=False)
        result = invoke([EXAMPLE_REL, "--published", PUBLISHED, "--format", "json"])
    expect_exit(result, 0)
    yield ExampleRun(result, parse_report(result.stdout))


@pytest.fixture(scope="module")
def example_report(example_run: ExampleRun) -> dict[str, Any]:
    return example_run.report


# --- 1. acceptance on the example --------------------------------------------------------------

NEAR_1_26_TRILLION = pytest.approx(1.264e12, rel=0.01)

# where (claim fields) | acceptable verdicts | fields one evidence item has when supported
ACCEPTANCE = [
    pytest.param(
        {"type": "event", "predicate": "held in", "place": "Vilnius"},
        {"supported"},
        {"record.date": "2023-07-11", "record.end_date": "2023-07-12", "record.place": "Vilnius"},
        id="vilnius-summit",
    ),
    pytest.param(
        {
            "type": "quantity",
            "subject": "NATO",
            "quantity.value": pytest.approx(1.3e12),
            "quantity.unit": "USD",
        },
        {"supported"},
        {"reference_value": NEAR_1_26_TRILLION},
        id="1.3-trillion",
    ),
    pytest.param(
        {"type": "ranking", "subject": "United States", "rank": 1},
        {"supported"},
        {"record.entity": "United States"},
        id="us-ranks-first",
    ),
    pytest.param(
        {"type": "quote", "subject": "Emmanuel Macron", "text": Contains("brain dead")},
        {"supported"},
        {"record.subject": "Emmanuel Macron"},
        id="macron-brain-dead",
    ),
    pytest.param(
        {"type": "event", "subject": "Finland", "predicate": "member of", "object": "NATO"},
        {"supported"},
        {"record.date": "2023-04-04"},
        id="nato-absorbed-finland",
    ),
    pytest.param(
        {"subject": "Sweden", "predicate": "member of", "modality": "prediction"},
        {"supported", "unverified"},
        {"record.date": "2024-03-07"},
        id="sweden-expected-to-join",
    ),
    pytest.param(
        {"type": "event", "predicate": "deployed to", "place": "Belarus"},
        {"supported"},
        {"record.place": "Belarus"},
        id="nuclear-forces-belarus",
    ),
]


@pytest.mark.parametrize(("where", "verdicts", "evidence"), ACCEPTANCE)
def test_example_claim(
    example_report: dict[str, Any],
    where: dict[str, Any],
    verdicts: set[str],
    evidence: dict[str, Any],
) -> None:
    found = claims_where(example_report, where)
    assert any(claim["verdict"] in verdicts for claim in found), found
    for claim in found:
        if claim["verdict"] == "supported":
            assert any(matches(item, evidence) for item in claim["evidence"]), claim


def test_example_passes_the_default_gate(example_run: ExampleRun) -> None:
    assert example_run.result.exit_code == 0
    assert example_run.report["summary"]["disputed"] == 0


@pytest.mark.parametrize("opinion", OPINIONS, ids=["make-a-lot-of-money", "very-dangerous"])
def test_no_claim_inside_an_opinion(
    example_report: dict[str, Any], example_text: str, opinion: str
) -> None:
    start = example_text.index(opinion)
    end = start + len(opinion)
    inside = [c for c in example_report["claims"] if c["start"] < end and c["end"] > start]
    assert inside == []


def test_example_offsets_index_the_article(
    example_report: dict[str, Any], example_text: str
) -> None:
    assert example_report["claims"]
    assert_offsets(example_report, example_text)


def test_example_report_header(example_report: dict[str, Any]) -> None:
    article = example_report["article"]
    assert article["path"] == EXAMPLE_REL
    assert (article["published"], article["published_source"]) == (PUBLISHED, "option")
    assert article["characters"] == len(EXAMPLE.read_text(encoding="utf-8"))
    summary = example_report["summary"]
    assert summary["claims"] == len(example_report["claims"])
    assert summary == {"claims": summary["claims"]} | {
        verdict: sum(c["verdict"] == verdict for c in example_report["claims"])
        for verdict in VERDICTS
    }
    starts = [claim["start"] for claim in example_report["claims"]]
    assert starts == sorted(starts), "claims are not in document order"


# --- 2. altered copies become disputed -----------------------------------------------------------

# old text | new text | where (the altered claim) | evidence fields | the explanation names
ALTERED = [
    pytest.param(
        "capital Vilnius next week",
        "capital Riga next week",
        {"predicate": "held in", "subject": "NATO summit"},
        {"record.place": "Vilnius"},
        "Vilnius",
        id="wrong-city",
    ),
    pytest.param(
        "the Lithuanian capital Vilnius",
        "the Latvian capital Riga",
        {"predicate": "held in", "subject": "NATO summit"},
        {"record.place": "Vilnius"},
        "Vilnius",
        id="wrong-city-and-country",
    ),
    pytest.param(
        "1.3 trillion",
        "2.4 trillion",
        {"type": "quantity", "subject": "NATO", "quantity.value": pytest.approx(2.4e12)},
        {"reference_value": NEAR_1_26_TRILLION},
        "1.26 trillion",
        id="wrong-total",
    ),
    pytest.param(
        "military expenditure of the United States will",
        "military expenditure of Germany will",
        {"type": "ranking", "subject": "Germany"},
        {"record.entity": "United States"},
        "United States",
        id="wrong-rank",
    ),
    pytest.param(
        "French President Emmanuel Macron",
        "German Chancellor Olaf Scholz",
        {"type": "quote", "text": Contains("brain dead")},
        {"record.subject": "Emmanuel Macron"},
        "Emmanuel Macron",
        id="wrong-quote-author",
    ),
]


@pytest.mark.parametrize(("old", "new", "where", "evidence", "named"), ALTERED)
def test_altered_claim_is_disputed(
    nlp: Language,
    example_text: str,
    tmp_path: Path,
    old: str,
    new: str,
    where: dict[str, Any],
    evidence: dict[str, Any],
    named: str,
) -> None:
    article = altered_copy(example_text, old, new, tmp_path / "altered.txt")
    args = [str(article), "--published", PUBLISHED]
    report = check_json(args, code=1)
    assert_offsets(report, article.read_text(encoding="utf-8"))
    disputed = [c for c in claims_where(report, where) if c["verdict"] == "disputed"]
    assert disputed, claims_where(report, where)
    claim = disputed[0]
    assert any(matches(item, evidence) for item in claim["evidence"]), claim["evidence"]
    assert named in claim["explanation"]
    never = check_json([*args, "--fail-on", "never"], code=0)
    assert never["claims"] == report["claims"]


# --- 3. exit codes and the gate ------------------------------------------------------------------

GATE_FAILS_ON: dict[str, set[str]] = {
    "disputed": {"disputed"},
    "unverified": {"disputed", "unverified"},
    "never": set(),
}


@pytest.mark.parametrize("fail_on", list(GATE_FAILS_ON))
def test_fail_on(example_report: dict[str, Any], fail_on: str) -> None:
    failing = any(c["verdict"] in GATE_FAILS_ON[fail_on] for c in example_report["claims"])
    args = [str(EXAMPLE), "--published", PUBLISHED, "--fail-on", fail_on]
    report = check_json(args, code=1 if failing else 0)
    assert report["options"]["fail_on"] == fail_on


# --- 4. errors: exit 2 and one line on stderr ----------------------------------------------------


def _sources_with_csv(tmp: Path, csv: str) -> str:
    """A sources.toml with one table source reading `csv` (saved as spending.csv)."""
    write(tmp / "cfg" / "spending.csv", csv)
    toml = '[[source]]\nname = "spending"\nkind = "table"\npath = "spending.csv"\n'
    return write(tmp / "cfg" / "sources.toml", toml)


ErrorCase = Callable[[Path], tuple[list[str], list[str]]]
HEADER = "entity,metric,period,value,unit\n"
NOT_A_NUMBER = "NATO,defence expenditure,2023,lots,USD\n"

# argv (files made in the tmp dir) | what the one line must name (case-insensitive)
ERROR_CASES: list[Any] = [
    pytest.param(
        lambda t: ([str(t / "missing.txt")], ["missing.txt", "no such"]), id="missing-file"
    ),
    pytest.param(lambda t: ([str(t)], [t.name, "directory"]), id="directory"),
    pytest.param(lambda t: ([write(t / "empty.txt", b"")], ["empty.txt", "empty"]), id="empty"),
    pytest.param(
        lambda t: ([write(t / "blank.txt", b" \n\t\r\n  \n")], ["blank.txt", "empty"]),
        id="whitespace-only",
    ),
    pytest.param(
        lambda t: (
            [write(t / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)],
            ["image.png", "binary"],
        ),
        id="binary",
    ),
    pytest.param(
        lambda t: (
            [str(EXAMPLE), "--sources", write(t / "sources.toml", '[aliases\n"US" = ["USA"]\n')],
            ["sources.toml", "toml"],
        ),
        id="malformed-toml",
    ),
    pytest.param(
        lambda t: (
            [
                str(EXAMPLE),
                "--sources",
                _sources_with_csv(
                    t, "entity,metric,period,unit\nNATO,defence expenditure,2023,USD\n"
                ),
            ],
            ["spending.csv", "value"],
        ),
        id="csv-missing-column",
    ),
    pytest.param(
        lambda t: (
            [
                str(EXAMPLE),
                "--sources",
                _sources_with_csv(
                    t,
                    HEADER + "NATO,defence expenditure,2022,1.1e12,USD\n" + NOT_A_NUMBER,
                ),
            ],
            ["spending.csv:3", "column 'value' is not a number"],
        ),
        id="csv-not-a-number",
    ),
    pytest.param(
        lambda t: ([str(EXAMPLE), "--sources", str(t / "nope.toml")], ["nope.toml", "no such"]),
        id="missing-sources",
    ),
    pytest.param(
        lambda t: ([str(EXAMPLE), "--sources", str(t)], [t.name, "directory"]),
        id="sources-is-a-directory",
    ),
    pytest.param(
        lambda t: (
            [str(EXAMPLE), "--model", "no_such_model_xyz"],
            ["no_such_model_xyz", "pip install"],
        ),
        id="unknown-model",
    ),
    pytest.param(
        lambda t: ([str(EXAMPLE), "--output", str(t / "no-dir" / "report.json")], ["report.json"]),
        id="output-unwritable",
    ),
]


@pytest.mark.parametrize("make", ERROR_CASES)
@pytest.mark.parametrize("output_format", ["table", "json"])
def test_error_is_one_line_and_exit_2(tmp_path: Path, make: ErrorCase, output_format: str) -> None:
    args, named = make(tmp_path)
    result = invoke([*args, "--published", PUBLISHED, "--format", output_format])
    expect_exit(result, 2)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in named:
        assert needle.lower() in lines[0].lower(), (needle, lines[0])


# option | value | what the usage error names
USAGE_ERRORS = [
    pytest.param("--published", "notadate", "notadate", id="published-not-a-date"),
    pytest.param("--published", "2023-02-30", "2023-02-30", id="published-no-such-day"),
    pytest.param("--fail-on", "sometimes", "sometimes", id="bad-fail-on"),
    pytest.param("--format", "xml", "xml", id="bad-format"),
]


@pytest.mark.parametrize(("option", "value", "named"), USAGE_ERRORS)
def test_usage_error_exits_2(option: str, value: str, named: str) -> None:
    result = invoke([str(EXAMPLE), option, value])
    expect_exit(result, 2)
    assert result.stdout == ""
    assert named in result.stderr
    assert "Traceback" not in result.stderr


def test_recoverable_encoding_warns_and_reports(nlp: Language, tmp_path: Path) -> None:
    # 0x93 and 0x94 are cp1252's curly quotes and never valid UTF-8 on their own.
    raw = b"French President Emmanuel Macron asserted that NATO is \x93brain dead\x94.\n"
    article = write(tmp_path / "cp1252.txt", raw)
    result = invoke([article, "--published", PUBLISHED, "--format", "json"])
    expect_exit(result, 0)
    report = parse_report(result.stdout)  # the warning did not leak into stdout
    assert "warning" in result.stderr and "cp1252.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert report["article"]["warnings"]
    assert_offsets(report, raw.decode("cp1252"))


def test_debug_shows_the_traceback_and_keeps_exit_code_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    result = invoke([missing, "--debug"])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert "InputError" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == f"factcheck: error: {missing}: no such file"


@pytest.mark.slow
def test_debug_prints_a_traceback(tmp_path: Path) -> None:
    factcheck = Path(sys.executable).with_name("factcheck")
    done = subprocess.run(
        [str(factcheck), "missing.txt", "--debug"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"COLUMNS": "120"},
    )
    assert done.returncode == 2
    assert "Traceback" in done.stderr
    assert "missing.txt" in done.stderr


# --- 5. standard input ---------------------------------------------------------------------------


def test_article_from_stdin(example_report: dict[str, Any]) -> None:
    raw = EXAMPLE.read_bytes()
    report = check_json(["-", "--published", PUBLISHED], stdin=raw)
    assert report["article"]["path"] == "-"
    assert report["article"]["sha256"] == example_report["article"]["sha256"]
    assert report["claims"] == example_report["claims"]


# --- 6. output streams, --output, determinism ----------------------------------------------------


def test_json_goes_alone_to_stdout(example_run: ExampleRun) -> None:
    assert example_run.result.stderr == ""
    assert json.loads(example_run.result.stdout) == example_run.report


def test_same_bytes_every_run(example_run: ExampleRun) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        again = invoke([EXAMPLE_REL, "--published", PUBLISHED, "--format", "json"])
    expect_exit(again, 0)
    assert again.stdout == example_run.result.stdout


def test_no_timestamps(example_run: ExampleRun) -> None:
    text = example_run.result.stdout
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text)
    assert date.today().isoformat() not in text


@pytest.mark.parametrize("output_format", ["json", "table"])
def test_output_file(
    example_run: ExampleRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / f"report.{output_format}"
    args = [EXAMPLE_REL, "--published", PUBLISHED, "--format", output_format]
    result = invoke([*args, "--output", str(target)], env={"FORCE_COLOR": "1"})
    expect_exit(result, 0)
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    if output_format == "json":
        assert written == example_run.result.stdout
        parse_report(written)
    else:
        assert "\x1b[" not in written, "a report file must not contain terminal codes"
        assert "claims:" in written


# --- 7. which sources.toml is used ---------------------------------------------------------------


def _named_sources(directory: Path, name: str) -> Path:
    write(directory / "table.csv", HEADER + "NATO,defence expenditure,2023,1264126000000,USD\n")
    toml = f'[[source]]\nname = "{name}"\nkind = "table"\npath = "table.csv"\n'
    return Path(write(directory / "sources.toml", toml))


# which places hold a sources.toml | the source names the report lists ("default": packaged)
SOURCES_PRECEDENCE = [
    pytest.param({"option", "env", "cwd"}, "from-option", id="option-beats-all"),
    pytest.param({"option", "cwd"}, "from-option", id="option-beats-cwd"),
    pytest.param({"env", "cwd"}, "from-env", id="env-beats-cwd"),
    pytest.param({"env"}, "from-env", id="env-beats-default"),
    pytest.param({"cwd"}, "from-cwd", id="cwd-beats-default"),
    pytest.param(set(), "default", id="packaged-default"),
]


@pytest.mark.parametrize(("present", "expected"), SOURCES_PRECEDENCE)
def test_sources_precedence(
    nlp: Language,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    present: set[str],
    expected: str,
) -> None:
    article = write(tmp_path / "article.txt", "NATO first absorbed Finland.\n")
    work = tmp_path / "work"
    work.mkdir()
    args = [article, "--published", PUBLISHED]
    if "option" in present:
        args += ["--sources", str(_named_sources(tmp_path / "option", "from-option"))]
    if "env" in present:
        monkeypatch.setenv("FACTCHECK_SOURCES", str(_named_sources(tmp_path / "env", "from-env")))
    if "cwd" in present:
        _named_sources(work, "from-cwd")
    monkeypatch.chdir(work)
    report = check_json(args)
    names = [source["name"] for source in report["sources"]]
    if expected == "default":
        assert names == [spec.name for spec in load_config(packaged_sources()).sources]
    else:
        assert names == [expected]


# --- 8. which publication date anchors the article ----------------------------------------------

FRONT_MATTER = "---\ntitle: Test article\ndate: 2023-06-01\n---\n"
DATELINE = "VILNIUS, July 2, 2023 (Reuters)\n\n"
BODY = "NATO first absorbed Finland, and then Sweden is expected to join in the near future.\n"

# --published | front matter | dateline | expected date | expected source ("today": the system date)
PUBLICATION_DATES = [
    pytest.param("2023-07-04", True, True, "2023-07-04", "option", id="option-beats-all"),
    pytest.param(None, True, True, "2023-06-01", "front-matter", id="front-matter-beats-dateline"),
    pytest.param(None, False, True, "2023-07-02", "dateline", id="dateline-beats-today"),
    pytest.param(None, False, False, "today", "today", id="today"),
]


@pytest.mark.parametrize(
    ("published", "front", "dateline", "expected", "source"), PUBLICATION_DATES
)
def test_publication_date_precedence(
    nlp: Language,
    tmp_path: Path,
    published: str | None,
    front: bool,
    dateline: bool,
    expected: str,
    source: str,
) -> None:
    text = (FRONT_MATTER if front else "") + (DATELINE if dateline else "") + BODY
    # The verdicts depend on the date, so the gate is kept out of this test.
    args = [write(tmp_path / "dated.txt", text), "--fail-on", "never"]
    if published:
        args += ["--published", published]
    report = check_json(args)
    if expected == "today":
        expected = date.today().isoformat()
    assert (report["article"]["published"], report["article"]["published_source"]) == (
        expected,
        source,
    )
    assert_offsets(report, text)


# --- 9. the table for people ---------------------------------------------------------------------

_ROW = re.compile(r"^\s*(\d+)\s+(supported|disputed|unverified)\b", re.MULTILINE)
_SUMMARY = re.compile(r"(\d+) claims?: (\d+) supported, (\d+) disputed, (\d+) unverified")
# SGR parameters that set a colour (foreground or background, 8/16/256/true colour).
_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


@dataclass(frozen=True)
class DisputedArticle:
    path: str
    report: dict[str, Any]


@pytest.fixture(scope="module")
def disputed_article(
    nlp: Language, example_text: str, tmp_path_factory: pytest.TempPathFactory
) -> DisputedArticle:
    """The wrong-city copy: its claims carry every verdict the example has, and a disputed one."""
    target = tmp_path_factory.mktemp("terminal") / "wrong-city.txt"
    path = str(altered_copy(example_text, "capital Vilnius", "capital Riga", target))
    with pytest.MonkeyPatch.context() as patch:
        for name in _AMBIENT:
            patch.delenv(name, raising=False)
        report = check_json([path, "--published", PUBLISHED], code=1)
    return DisputedArticle(path, report)


def table_output(article: DisputedArticle, env: Mapping[str, str | None]) -> str:
    result = invoke([article.path, "--published", PUBLISHED], env={"TERM": "xterm-256color", **env})
    expect_exit(result, 1)
    return result.stdout


@pytest.mark.parametrize("columns", [40, 60, 100, 160])
def test_table_rows_and_summary(disputed_article: DisputedArticle, columns: int) -> None:
    output = table_output(disputed_article, {"COLUMNS": str(columns), "NO_COLOR": "1"})
    report = disputed_article.report
    summary = _SUMMARY.search(" ".join(output.split()))
    assert summary, output
    counts = dict(zip(("claims", *VERDICTS), map(int, summary.groups()), strict=True))
    assert counts == report["summary"]
    rows = [(int(number), verdict) for number, verdict in _ROW.findall(output)]
    expected = [(n, claim["verdict"]) for n, claim in enumerate(report["claims"], start=1)]
    assert rows == expected, output
    assert {"supported", "disputed"} <= {verdict for _, verdict in rows}
    widest = max(len(line) for line in output.splitlines())
    assert widest <= columns, output


# environment | colour codes expected | any escape code allowed
COLOUR_CASES = [
    pytest.param({"NO_COLOR": "1"}, False, False, id="no-color-pipe"),
    pytest.param({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, True, id="no-color-terminal"),
    pytest.param({"FORCE_COLOR": "1"}, True, True, id="colour-terminal"),
    pytest.param({}, False, False, id="pipe"),
]


@pytest.mark.parametrize(("env", "coloured", "escapes"), COLOUR_CASES)
def test_colour(
    disputed_article: DisputedArticle, env: dict[str, str], coloured: bool, escapes: bool
) -> None:
    output = table_output(disputed_article, {"COLUMNS": "120", **env})
    assert bool(_COLOUR.search(output)) is coloured, repr(output[:400])
    if not escapes:
        assert "\x1b[" not in output
    assert "disputed" in output


# --- 10. the golden report ----------------------------------------------------------------------


def normalised(report: Mapping[str, Any]) -> dict[str, Any]:
    return {**report, "article": {**report["article"], "path": EXAMPLE_REL}}


def test_golden_report(example_report: dict[str, Any]) -> None:
    current = normalised(example_report)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", "utf-8")
    golden = parse_report(GOLDEN.read_text(encoding="utf-8"))
    assert current == golden, "the report changed; see the module docstring to update it"


@pytest.mark.slow
def test_cli_script_matches_in_process_run(example_run: ExampleRun) -> None:
    """`python cli.py` in its own process gives the bytes the in-process runs give."""
    env = {k: v for k, v in os.environ.items() if k not in _AMBIENT}
    done = subprocess.run(
        [sys.executable, "cli.py", EXAMPLE_REL, "--published", PUBLISHED, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout == example_run.result.stdout


@pytest.mark.parametrize("threshold", [0.0, 0.65, 0.85, 1.0])
def test_min_checkworthiness_keeps_only_claims_at_or_above(
    example_report: dict[str, Any], threshold: float
) -> None:
    filtered = check_json(
        [str(EXAMPLE), "--published", PUBLISHED, "--min-checkworthiness", str(threshold)]
    )
    expected = [c["text"] for c in example_report["claims"] if c["checkworthiness"] >= threshold]
    assert [c["text"] for c in filtered["claims"]] == expected
    if threshold >= 0.85:  # the filter must drop something for the test to mean anything
        assert len(expected) < len(example_report["claims"])


def test_min_checkworthiness_outside_0_to_1_is_a_usage_error() -> None:
    expect_exit(invoke([str(EXAMPLE), "--min-checkworthiness", "1.5"]), 2)


def check_with_table(
    folder: Path, table: tuple[str, str], sources: str, sentence: str, *options: str
) -> Result:
    """Check a one-sentence article against one table source written to `folder`."""
    (folder / table[0]).write_text(table[1], encoding="utf-8")
    (folder / "sources.toml").write_text(sources, encoding="utf-8")
    article = folder / "article.txt"
    article.write_text(sentence + "\n", encoding="utf-8")
    return invoke(
        [str(article), "--sources", str(folder / "sources.toml"), "--published", "2024-02-01",
         "--format", "json", *options]
    )  # fmt: skip


POPULATIONS = """entity,metric,period,value,unit,url,note
Iceland,population,2023,387758,,https://www.statice.is/,Statistics Iceland
Malta,population,2023,542051,,https://nso.gov.mt/,National Statistics Office Malta
Luxembourg,population,2023,660809,,https://statistiques.public.lu/,STATEC
"""


def table_sources(path: str, metric: str, aliases: list[str]) -> str:
    """A sources.toml with one table source for one metric."""
    phrases = ", ".join(f'"{alias}"' for alias in aliases)
    return (
        f'[[source]]\nname = "{Path(path).stem}"\nkind = "table"\npath = "{path}"\n'
        f'[source.metrics]\n"{metric}" = [{phrases}]\n'
    )


POPULATION_SOURCES = table_sources("pop.csv", "population", ["populous", "population"])


@pytest.mark.parametrize(
    ("state", "verdict", "code"),
    [("Iceland", "supported", 0), ("Luxembourg", "disputed", 1)],
)
def test_the_smallest_is_ranked_from_the_bottom(
    tmp_path: Path, state: str, verdict: str, code: int
) -> None:
    sentence = f"{state} had the smallest population of the three in 2023."
    result = check_with_table(tmp_path, ("pop.csv", POPULATIONS), POPULATION_SOURCES, sentence)
    expect_exit(result, code)
    claims = parse_report(result.stdout)["claims"]
    assert [(c["type"], c["direction"], c["verdict"]) for c in claims] == [
        ("ranking", "down", verdict)
    ]


RAINFALL = """entity,metric,period,value,unit,url,note
Germany,annual rainfall,2020,710,mm,https://www.dwd.de/,Deutscher Wetterdienst
Germany,annual rainfall,2021,805,mm,https://www.dwd.de/,Deutscher Wetterdienst
Germany,annual rainfall,2022,670,mm,https://www.dwd.de/,Deutscher Wetterdienst
Germany,annual rainfall,2023,958,mm,https://www.dwd.de/,Deutscher Wetterdienst
"""
RAINFALL_SOURCES = table_sources("rain.csv", "annual rainfall", ["wettest", "driest"])


@pytest.mark.parametrize(
    ("sentence", "verdict", "fragment"),
    [
        ("2023 was Germany's wettest year on record.", "supported", "rain ranks 2023 1st of the 4"),
        ("2021 was Germany's wettest year on record.", "disputed", "1st is 2023"),
        ("2022 was Germany's driest year on record.", "supported", "ranks 2022 1st of the 4"),
        ("2020 was Germany's driest year on record.", "disputed", "1st is 2022"),
    ],
)
def test_a_year_is_ranked_among_the_years_on_record(
    tmp_path: Path, sentence: str, verdict: str, fragment: str
) -> None:
    result = check_with_table(
        tmp_path, ("rain.csv", RAINFALL), RAINFALL_SOURCES, sentence, "--fail-on", "never"
    )
    expect_exit(result, 0)
    [claim] = parse_report(result.stdout)["claims"]
    assert (claim["type"], claim["scope"], claim["verdict"]) == ("ranking", "on record", verdict)
    assert fragment in claim["explanation"]
