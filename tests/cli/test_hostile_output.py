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

import html
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli.check import app
from factcheck.cli.evaluate import app as eval_app
from factcheck.cli.sources import app as sources_app
from factcheck.reporting import validate_report
from tests.conftest import ROOT, Write

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


# --- 2. standard output and error that are not UTF-8 ----------------------------------------

# Runs factcheck's entry point once per argument list (one per line of standard input,
# fields separated by tabs) in this interpreter, whose streams the environment set up.
# After each run: a NUL, the exit code and a NUL on both streams, written as bytes.
DRIVER = """
import sys
import traceback
from factcheck.cli import main

sys.stderr.write(sys.stdout.encoding + "\\n")
for line in sys.stdin.read().splitlines():
    sys.argv = ["factcheck", *line.split("\\t")]
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code
    except Exception:  # the crash this test is about: its traceback goes to stderr
        traceback.print_exc()
        code = 99
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
        stream.buffer.write(b"\\0%d\\0" % code)
        stream.buffer.flush()
"""
# name -> (environment, the codec its standard output uses)
ENVIRONMENTS = {
    "latin-1": ({"PYTHONIOENCODING": "latin-1"}, "iso8859-1"),
    "C locale": ({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, "ascii"),
}
_LOCALE = ("PYTHONIOENCODING", "PYTHONUTF8", "PYTHONCOERCECLOCALE", "LC_ALL", "LC_CTYPE", "LANG")
RUNS = {
    "table": [],
    "article": ["--show", "article"],
    "markdown": ["--format", "markdown"],
    "json": ["--format", "json"],
    "jsonl": ["--format", "jsonl"],
    "claimreview": ["--format", "claimreview"],
    "html": ["--format", "html"],
}


@dataclass(frozen=True)
class Run:
    code: int
    stdout: bytes
    stderr: bytes


def run_driver(env_name: str, runs: Sequence[Sequence[str]]) -> tuple[str, list[Run]]:
    extra, _ = ENVIRONMENTS[env_name]
    env = {k: v for k, v in os.environ.items() if k not in _LOCALE + _AMBIENT}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input="\n".join("\t".join(run) for run in runs).encode(),
        capture_output=True,
        cwd=ROOT,
        env=env | extra | {"COLUMNS": "100"},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    encoding, _, stderr = done.stderr.partition(b"\n")
    outs, errs = done.stdout.split(b"\0")[:-1], stderr.split(b"\0")[:-1]
    codes = outs[1::2]
    assert len(codes) == len(runs) and errs[1::2] == codes, done.stderr
    found = [
        Run(int(code), out, err) for code, out, err in zip(codes, outs[::2], errs[::2], strict=True)
    ]
    return encoding.decode(), found


@pytest.fixture(scope="module", params=list(ENVIRONMENTS))
def foreign(request: pytest.FixtureRequest, files: Files) -> tuple[str, dict[str, Run]]:
    """Every format (and an error) checked once in an environment whose streams are not UTF-8."""
    base = [str(files.article), "--sources", str(files.sources)]
    runs = [[*base, *args] for args in RUNS.values()] + [
        ["missing ✓ é.txt"],
        [*base, "--format", "✓"],
    ]
    encoding, found = run_driver(request.param, runs)
    codec = ENVIRONMENTS[request.param][1]
    assert encoding.lower().replace("_", "-") in {codec, "latin-1", "ansi-x3.4-1968"}, encoding
    return codec, dict(zip([*RUNS, "missing", "usage"], found, strict=True))


@pytest.fixture(scope="module")
def native(nlp: Language, files: Files) -> dict[str, str]:
    """The machine-readable formats as a UTF-8 stream gets them."""
    base = [str(files.article), "--sources", str(files.sources)]
    return {
        name: invoke([*base, *RUNS[name]]).stdout
        for name in ("json", "jsonl", "claimreview", "html")
    }


def decoded(codec: str, run: Run) -> str:
    assert b"Traceback" not in run.stderr and b"UnicodeEncodeError" not in run.stderr, run.stderr
    return run.stdout.decode(codec)  # strict: only what the stream can hold


@pytest.mark.parametrize("name", ["json", "jsonl", "claimreview"])
def test_json_formats_keep_their_values_as_ascii(
    foreign: tuple[str, dict[str, Run]], native: dict[str, str], name: str
) -> None:
    codec, runs = foreign
    assert runs[name].code == 1  # the disputed claim fails the default gate
    text = decoded(codec, runs[name])
    assert text.isascii()
    parse = (
        json.loads if name != "jsonl" else lambda t: [json.loads(line) for line in t.splitlines()]
    )
    assert parse(text) == parse(native[name])
    assert "France\\u2019s population" in text


def test_html_keeps_its_page_with_character_references(
    foreign: tuple[str, dict[str, Run]], native: dict[str, str]
) -> None:
    codec, runs = foreign
    text = decoded(codec, runs["html"])
    assert text.isascii() and "&#10003;" in text  # ✓
    assert html.unescape(text) == html.unescape(native["html"])


def test_table_markdown_and_article_use_ascii_signs(foreign: tuple[str, dict[str, Run]]) -> None:
    codec, runs = foreign
    article = decoded(codec, runs["article"])
    assert "France's population reached 68.2 million in 2023 [#1 + supported]" in article
    assert "[#2 x disputed]" in article
    assert "**+ supported**" in decoded(codec, runs["markdown"])
    table = decoded(codec, runs["table"])
    dot = "|" if codec == "ascii" else "·"  # Latin-1 has the middle dot
    assert f"1 supported, 1 disputed, 0 unverified {dot} published 2024-03-01" in table
    assert "France's population" in table
    assert all(runs[name].code == 1 for name in ("table", "article", "markdown"))
    if codec == "ascii":
        assert article.isascii() and 'La "France" - + e' in article
    else:
        assert "La «France» - + é" in article  # Latin-1 has these; only the signs change


def test_errors_are_one_line_on_a_foreign_stream(foreign: tuple[str, dict[str, Run]]) -> None:
    codec, runs = foreign
    missing, usage = runs["missing"], runs["usage"]
    assert (missing.code, usage.code, missing.stdout, usage.stdout) == (2, 2, b"", b"")
    line = one_error_line(missing.stderr.decode(codec))
    assert line.endswith(": no such file") and "missing" in line
    assert "'--format'" in one_error_line(usage.stderr.decode(codec))


# --- 3. usage errors --------------------------------------------------------------------------

# arguments (after the article) | a word the line must name
USAGE_ERRORS = [
    pytest.param(["--format", "nope"], "nope", id="format"),
    pytest.param(["--fail-on", "maybe"], "maybe", id="fail-on"),
    pytest.param(["--published", "notadate"], "notadate", id="published"),
    pytest.param(["--published", "0000-01-01"], "0000-01-01", id="published-year-0"),
    pytest.param(["--published", "10000-01-01"], "10000-01-01", id="published-year-10000"),
    pytest.param(["--min-checkworthiness", "2"], "--min-checkworthiness", id="checkworthiness"),
    pytest.param(["--show", "everything"], "everything", id="show"),
    pytest.param(["--no-such-option"], "--no-such-option", id="unknown-option"),
    pytest.param(["--quiet", "--format", "json"], "--quiet", id="quiet-json"),
    pytest.param(["--offline", "--refresh"], "--offline", id="offline-refresh"),
    pytest.param(["--url", "javascript:alert(1)"], "javascript:alert(1)", id="url-javascript"),
    pytest.param(["--url", "news.example.org/a"], "news.example.org/a", id="url-relative"),
]


@pytest.mark.parametrize(("args", "named"), USAGE_ERRORS)
def test_usage_error_is_one_line(files: Files, args: list[str], named: str) -> None:
    result = invoke([str(files.article), *args])
    expect_exit(result, 2)
    assert result.stdout == ""
    assert named in one_error_line(result.stderr)


@pytest.mark.parametrize(
    ("command", "args"),
    [
        pytest.param(app, [], id="no-article"),
        pytest.param(eval_app, ["--format", "nope", "gold"], id="eval-format"),
        pytest.param(sources_app, ["list", "--bad"], id="sources-list-option"),
        pytest.param(sources_app, ["check", "--timeout", "soon"], id="sources-check-timeout"),
    ],
)
def test_usage_errors_of_every_command_are_one_line(command: Any, args: list[str]) -> None:
    result = invoke(args, command)
    expect_exit(result, 2)
    one_error_line(result.stderr)


def test_usage_error_of_the_installed_command(files: Files) -> None:
    """The console script, as a shell runs it: the model never loads for a usage error."""
    factcheck = Path(sys.executable).with_name("factcheck")
    env = {k: v for k, v in os.environ.items() if k not in _AMBIENT} | {"COLUMNS": "80"}
    done = subprocess.run(
        [str(factcheck), str(files.article), "--format", "nope"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "'nope' is not one of" in one_error_line(done.stderr)


# --- 4. ClaimReview for a web page -------------------------------------------------------------


def test_claimreview_keeps_only_web_urls_and_escapes_markup(nlp: Language, files: Files) -> None:
    result = invoke(
        [str(files.article), "--sources", str(files.sources), "--format", "claimreview"]
    )
    expect_exit(result, 1)
    assert not set("<>&") & set(result.stdout)
    assert "javascript" not in result.stdout
    reviews = json.loads(result.stdout)
    assert [review["reviewRating"]["alternateName"] for review in reviews] == ["True", "False"]
    assert reviews[0]["claimReviewed"] == SUPPORTED
    for review in reviews:
        assert review["author"] == {"@type": "Organization", "name": PUBLISHER_NAME}
        assert "url" not in review and "appearance" not in review["itemReviewed"]


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script"
        if self._inside:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def test_claimreview_stays_inside_its_script_block(
    nlp: Language, files: Files, write: Write
) -> None:
    """The output pasted into a page is one script block holding all of it, with the same values."""
    url = "https://news.example.org/2024/03/pop?a=1&b=<2>"
    result = invoke(
        [
            str(files.article),
            "--sources",
            str(files.sources),
            "--format",
            "claimreview",
            "--url",
            url,
        ]
    )
    expect_exit(result, 1)
    page = f'<html><head><script type="application/ld+json">{result.stdout}</script></head></html>'
    parser = _Scripts()
    parser.feed(page)
    assert parser.scripts == [result.stdout]
    reviews = json.loads(parser.scripts[0])
    assert {review["itemReviewed"]["appearance"]["url"] for review in reviews} == {url}
    assert {review["author"]["name"] for review in reviews} == {PUBLISHER_NAME}


def test_html_report_drops_a_script_url(nlp: Language, files: Files) -> None:
    result = invoke([str(files.article), "--sources", str(files.sources), "--format", "html"])
    expect_exit(result, 1)
    assert 'href="javascript' not in result.stdout.lower()


def test_jsonl_keeps_each_claim_on_one_line_for_every_reader(nlp: Language, write: Write) -> None:
    """U+2028, U+2029 and NEL end a line for str.splitlines(); inside JSON they are escaped."""
    path = write(
        "breaks.txt", "Le pays\u2028France’s population reached 68.2 million in 2023,\x85 up.\n"
    )
    result = invoke([str(path), "--format", "jsonl", "--published", "2024-01-01"])
    expect_exit(result, 0)
    lines = result.stdout.splitlines()
    assert len(lines) == result.stdout.count("\n") >= 1
    sentences = [json.loads(line)["sentence"] for line in lines]
    assert any("\u2028" in sentence or "\x85" in sentence for sentence in sentences), sentences
