"""What the configured sources cover: the library, `factcheck sources list`, and the
terminal report's one-line note when claims are unverified for want of a source."""

from __future__ import annotations

import io
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from factcheck.cli.sources import app as sources_app
from factcheck.pipeline import packaged_sources
from factcheck.records import (
    Article,
    CheckedClaim,
    Claim,
    ClaimType,
    PublishedSource,
    Report,
    SourceState,
    SourceStatus,
    Verdict,
)
from factcheck.reporting.terminal import coverage_line, render_article, render_terminal
from factcheck.sources import load_config
from factcheck.sources.coverage import (
    ADD_YOUR_OWN,
    Coverage,
    SourceCoverage,
    coverage_note,
    describe_source,
    describe_sources,
    lacks_source,
    needs_note,
    source_topic,
)

LONG = """entity,metric,period,value,unit,url
World,population,2023,8061876001,,https://data.worldbank.org/indicator/SP.POP.TOTL
Chile,population,1960,7696212,,
,,,,,
Chile,GDP,2023,335533331888,USD,
Chile,GDP per capita,2023-06,17067,USD,
Germany,population,2024,83510950,,
"""
WIDE = """country,code,year,pop,gdp
World,OWID_WRL,1990,5327231000,
Chile,CHL,1990,13274000,33113000000
Chile,CHL,2022,19603000,
"""
EVENTS = """subject,relation,object,date,end_date,place
Finland,member of,NATO,2023-04-04,,
NATO summit,Held In,Vilnius,2023-07-11,2027-07-12,Vilnius
Sweden,member of,NATO,2024-03-07,,
"""
REVIEWS = """[
  {"@type": "ClaimReview", "claimReviewed": "A", "reviewRating": {"alternateName": "True"}},
  {"@type": "ClaimReview", "claimReviewed": "B", "reviewRating": {"alternateName": "False"}}
]"""
SOURCES = """
[[source]]
name = "world"
kind = "table"
path = "world.csv"
title = "World statistics"
[source.metrics]
"GDP" = ["gross domestic product"]
"population" = ["inhabitants"]

[[source]]
name = "owid"
kind = "table"
path = "wide.csv"
format = "wide"
[source.columns]
entity = "country"
code = "code"
period = "year"
[source.columns.values]
"population" = {column = "pop"}
"GDP" = {column = "gdp", unit = "USD"}

[[source]]
name = "events"
kind = "events"
path = "events.csv"
title = "Memberships and summits"
[source.relations."held in"]
verbs = ["hold"]

[[source]]
name = "reviews"
kind = "claimreview"
path = "reviews.json"

[[source]]
name = "world-bank"
kind = "worldbank"
[source.indicators]
"inflation" = "FP.CPI.TOTL.ZG"
"GDP growth" = "NY.GDP.MKTP.KD.ZG"

[[source]]
name = "wikidata"
kind = "wikidata"
[source.properties]
"head of state" = "P35"

[[source]]
name = "google"
kind = "factcheck_api"

[[source]]
name = "later"
kind = "table"
path = "not-yet.csv"
enabled = false
description = "unemployment"
[source.metrics]
"unemployment rate" = ["jobless rate"]
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    for name, text in (
        ("world.csv", LONG),
        ("wide.csv", WIDE),
        ("events.csv", EVENTS),
        ("reviews.json", REVIEWS),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    return path


def by_name(path: Path) -> dict[str, SourceCoverage]:
    return {source.name: source for source in describe_sources(load_config(path)).sources}


# --- the library -----------------------------------------------------------------------------


def test_long_table(sources: Path) -> None:
    world = by_name(sources)["world"]
    assert world == SourceCoverage(
        name="world",
        kind="table",
        title="World statistics",
        enabled=True,
        metrics=("GDP", "population", "GDP per capita"),  # declared first, then file order
        entities=3,
        examples=("World", "Chile", "Germany"),
        years=(1960, 2024),
        rows=5,  # the blank row is not one
    )


def test_wide_table_counts_values_not_lines(sources: Path) -> None:
    owid = by_name(sources)["owid"]
    assert (owid.metrics, owid.entities, owid.examples) == (
        ("population", "GDP"),
        2,
        ("World", "Chile"),
    )
    assert (owid.years, owid.rows) == ((1990, 2022), 4)


def test_events_relations_and_end_dates(sources: Path) -> None:
    events = by_name(sources)["events"]
    assert events.metrics == ("member of", "held in")
    assert (events.entities, events.examples) == (3, ("Finland", "NATO summit", "Sweden"))
    assert (events.years, events.rows) == ((2023, 2027), 3)


def test_claimreview_counts_reviews(sources: Path) -> None:
    reviews = by_name(sources)["reviews"]
    assert (reviews.rows, reviews.entities, reviews.years, reviews.metrics) == (2, None, None, ())


def test_http_kinds_are_on_demand(sources: Path) -> None:
    found = by_name(sources)
    world_bank, wikidata, google = found["world-bank"], found["wikidata"], found["google"]
    assert world_bank.metrics == ("inflation", "GDP growth")
    assert world_bank.indicators == ("FP.CPI.TOTL.ZG", "NY.GDP.MKTP.KD.ZG")
    assert "member of" in wikidata.metrics and "head of state" in wikidata.metrics
    for source in (world_bank, wikidata, google):
        assert source.on_demand
        assert (source.entities, source.years, source.rows) == (None, None, None)


def test_disabled_source_is_described_from_its_configuration(sources: Path) -> None:
    later = by_name(sources)["later"]
    assert (later.enabled, later.metrics, later.rows, later.problem) == (
        False,
        ("unemployment rate",),
        None,
        None,
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("entity,metric,value\nChile,GDP,1\n", "missing column(s) period"),
        (b"entity,metric,period\nCh\xfcle,GDP,2023\n", "cannot be read (UnicodeDecodeError)"),
    ],
)
def test_an_unreadable_table_is_a_problem_not_an_error(
    tmp_path: Path, sources: Path, content: str | bytes, problem: str
) -> None:
    target = tmp_path / "world.csv"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    world = by_name(sources)["world"]
    assert world.problem is not None and world.problem.endswith(problem)
    assert str(target) in world.problem
    assert by_name(sources)["owid"].problem is None  # the others are still described


def test_built_in_sources_are_described_deterministically() -> None:
    config = load_config(packaged_sources())
    first = describe_sources(config, builtin=True)
    assert first == describe_sources(config, builtin=True)
    assert [source.name for source in first.sources] == [spec.name for spec in config.sources]
    for source in first.enabled:
        assert source.problem is None, source
        if source.kind in {"table", "events"}:
            assert source.rows and source.entities and source.years and source.metrics


def test_a_large_table_is_quick(tmp_path: Path) -> None:
    lines = ["entity,metric,period,value,unit,url,note"]
    lines += [
        f"Country {n},{metric},{year},{n * year}.5,,https://example.org/{n},"
        for n in range(217)
        for metric in ("population", "GDP", "inflation")
        for year in range(1960, 2037)
    ]  # 50,127 rows
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text(
        '[[source]]\nname = "big"\nkind = "table"\npath = "big.csv"\n', encoding="utf-8"
    )
    (spec,) = load_config(tmp_path / "s.toml").sources
    started = time.perf_counter()
    big = describe_source(spec)
    assert time.perf_counter() - started < 1.0
    assert (big.rows, big.entities, big.years) == (50127, 217, (1960, 2036))


# --- the note --------------------------------------------------------------------------------


def test_note_names_metrics_years_and_the_readme(sources: Path) -> None:
    note = coverage_note(describe_sources(load_config(sources), builtin=True))
    assert note == (
        "Built-in sources cover GDP, population, Memberships and summits, inflation, "
        "GDP growth, member of and 4 more ('factcheck sources list'). " + ADD_YOUR_OWN
    )
    assert ADD_YOUR_OWN == "Add your own: README 'Reference sources'."


def test_note_for_the_users_own_sources(sources: Path) -> None:
    note = coverage_note(describe_sources(load_config(sources)))
    assert note is not None and note.startswith("The configured sources cover GDP, population")


@pytest.mark.parametrize(
    ("source", "topic"),
    [
        (SourceCoverage("a", "table", None, True, ("GDP",), years=(2023, 2023)), "GDP (2023)"),
        (
            SourceCoverage("a", "table", "T", True, ("GDP", "GDP per capita", "area")),
            "GDP, area",
        ),
        (
            SourceCoverage("a", "table", None, True, tuple("abcdefgh"), years=(1960, 2024)),
            "a, b, c, d, e, f and 2 more (1960-2024)",
        ),
        (
            SourceCoverage(
                "a", "table", None, True, ("x",), years=(2014, 2023), description="NATO spending"
            ),
            "NATO spending (2014-2023)",
        ),
        (
            SourceCoverage(
                "a", "events", "NATO summits (2014-2023)", True, ("held in",), years=(2014, 2023)
            ),
            "NATO summits (2014-2023)",
        ),
        (SourceCoverage("a", "claimreview", "Fact checks", True, rows=3), None),
        (SourceCoverage("a", "factcheck_api", None, True, on_demand=True), None),
    ],
)
def test_source_topic(source: SourceCoverage, topic: str | None) -> None:
    assert source_topic(source) == topic


def test_no_note_without_anything_to_name() -> None:
    assert coverage_note(Coverage(())) is None
    reviews = SourceCoverage("r", "claimreview", "Fact checks", True, rows=3)
    assert coverage_note(Coverage((reviews,), builtin=True)) is None


# --- which claims call for it ----------------------------------------------------------------

ARTICLE = Article(
    path="a.txt",
    text="Chile had 7.7 million people in 2008. NATO spent $1.3 trillion in 2023.",
    sha256="0" * 64,
    published=date(2024, 6, 1),
    published_source=PublishedSource.OPTION,
)


def checked(text: str, verdict: Verdict, explanation: str) -> CheckedClaim:
    start = ARTICLE.text.index(text)
    claim = Claim(
        id=text[:8],
        text=text,
        sentence=text,
        start=start,
        end=start + len(text),
        type=ClaimType.QUANTITY,
    )
    return CheckedClaim(claim, verdict, 0.0, explanation)


UNCOVERED = checked(
    "Chile had 7.7 million people in 2008",
    Verdict.UNVERIFIED,
    "No configured source covers population for Chile, 2008.",
)
SUPPORTED = checked(
    "NATO spent $1.3 trillion in 2023",
    Verdict.SUPPORTED,
    "nato gives 1.26 trillion USD for NATO in 2023, which agrees with the stated $1.3 trillion.",
)


@pytest.mark.parametrize(
    ("claim", "lacking"),
    [
        (UNCOVERED, True),
        (replace(UNCOVERED, explanation="no source covers population for Chile, 2008"), True),
        (
            replace(UNCOVERED, explanation="No configured source covers x (wb failed: HTTP 503)."),
            True,
        ),
        (replace(UNCOVERED, explanation="world gives 5 for Chile, not 7.7, but ..."), False),
        (replace(UNCOVERED, verdict=Verdict.DISPUTED), False),
        (SUPPORTED, False),
    ],
)
def test_lacks_source(claim: CheckedClaim, lacking: bool) -> None:
    assert lacks_source(claim) is lacking


def report(*claims: CheckedClaim) -> Report:
    return Report(
        article=ARTICLE,
        claims=claims,
        sources=(SourceStatus("world", "table", SourceState.OK, records=5),),
        tool_version="0",
        schema_version="0",
    )


# --- the terminal report, at 80 columns ------------------------------------------------------


def render(result: Report, coverage: Coverage | None, *, article: bool = False) -> str:
    buffer = io.StringIO()
    # A terminal: piped output is never wrapped (see tests/reporting/test_json_terminal.py).
    console = Console(file=buffer, width=80, force_terminal=True, color_system=None)
    (render_article if article else render_terminal)(result, console, coverage)
    return buffer.getvalue()


@pytest.mark.parametrize("article", [False, True])
def test_terminal_note_after_the_claims(sources: Path, article: bool) -> None:
    coverage = describe_sources(load_config(sources), builtin=True)
    output = render(report(SUPPORTED, UNCOVERED), coverage, article=article)
    lines = output.splitlines()
    assert all(len(line) <= 80 for line in lines)
    flat = " ".join(output.split())
    note = coverage_note(coverage)
    assert note is not None and flat.endswith(note)
    assert flat.count("Built-in sources cover") == 1
    start = next(n for n, line in enumerate(lines) if line.startswith("Built-in sources cover"))
    assert "Chile had 7.7 million people in 2008" in " ".join(" ".join(lines[:start]).split())


@pytest.mark.parametrize(
    ("claims", "with_coverage"),
    [((SUPPORTED,), True), ((SUPPORTED, UNCOVERED), False), ((), True)],
)
def test_no_terminal_note(
    sources: Path, claims: tuple[CheckedClaim, ...], with_coverage: bool
) -> None:
    coverage = describe_sources(load_config(sources), builtin=True) if with_coverage else None
    result = report(*claims)
    assert "sources cover" not in render(result, coverage)
    assert coverage_line(result, coverage) is None
    assert needs_note(result) is (UNCOVERED in claims)


# --- factcheck sources list ------------------------------------------------------------------


def test_sources_list_shows_coverage(sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOOGLE_FACTCHECK_API_KEY", raising=False)
    result = CliRunner().invoke(sources_app, ["list", "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert lines[:5] == [
        "world table enabled",
        "World statistics",
        "metrics: GDP, population, GDP per capita",
        "entities: 3 (World, Chile, Germany)",
        "years: 1960-2024; rows: 5",
    ]
    for expected in (
        "metrics: population, GDP",
        "entities: 2 (World, Chile)",
        "years: 1990-2022; rows: 4",
        "relations: member of, held in",
        "fact-checks: 2",
        "metrics: inflation (FP.CPI.TOTL.ZG), GDP growth (NY.GDP.MKTP.KD.ZG)",
        "entities, years, rows: asked on demand",
        "google factcheck_api disabled no API key: set GOOGLE_FACTCHECK_API_KEY",
        "later table disabled enabled = false in sources.toml",
        "metrics: unemployment rate",
    ):
        assert expected in lines, expected
    # the source lines' columns line up
    starts = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert len({line.index(" table ") for line in starts if " table " in line}) == 1


def test_sources_list_shows_a_problem_and_goes_on(sources: Path, tmp_path: Path) -> None:
    (tmp_path / "world.csv").write_text("entity,value\nChile,1\n", encoding="utf-8")
    result = CliRunner().invoke(sources_app, ["list", "--sources", str(sources)])
    assert result.exit_code == 0
    assert "problem:" in result.stdout and "missing column(s) metric, period" in result.stdout
    assert "relations: member of, held in" in result.stdout


def test_sources_list_is_stable_for_the_built_in_sources() -> None:
    runs = [
        CliRunner().invoke(sources_app, ["list", "--sources", str(packaged_sources())])
        for _ in range(2)
    ]
    assert runs[0].exit_code == 0
    assert runs[0].stdout == runs[1].stdout
    assert "years:" in runs[0].stdout and "entities:" in runs[0].stdout
