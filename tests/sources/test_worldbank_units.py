"""The World Bank kind takes each row's unit from the indicator's name, not its code.

Inflation (FP.CPI.TOTL.ZG) and real GDP growth (NY.GDP.MKTP.KD.ZG) are annual
percentage changes: their rows are in %, so "inflation was 7.9%" and "the economy
grew 2.3%" can be checked. Unit tests use httpx.MockTransport; the end-to-end
ones run the Checker against World Bank shaped JSON from a real local server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from spacy.language import Language

from factcheck.normalise.entities import EntityResolver
from factcheck.pipeline import Checker
from factcheck.records import (
    Article,
    CheckedClaim,
    Claim,
    ClaimType,
    PublishedSource,
    Quantity,
    TimeSpan,
    Verdict,
)
from factcheck.sources import load_config
from factcheck.sources.remote import RemoteOptions, RemoteResult, check_specs, fetch_remote
from factcheck.sources.worldbank import unit_of
from tests.httpserver import ReplayServer, Reply, Seen

INFLATION = "FP.CPI.TOTL.ZG"
GROWTH = "NY.GDP.MKTP.KD.ZG"
# The names the API gives (`indicator.value` of every row).
NAMES = {
    INFLATION: "Inflation, consumer prices (annual %)",
    GROWTH: "GDP growth (annual %)",
    "NY.GDP.MKTP.CD": "GDP (current US$)",
    "SP.POP.TOTL": "Population, total",
    "FP.CPI.TOTL": "Consumer price index (2010 = 100)",
}
COUNTRIES = {"DEU": ("DE", "Germany"), "USA": ("US", "United States")}
# Fixture values, World Bank shaped (Germany's 2022 inflation is 6.87 in the WDI).
SERIES: Mapping[tuple[str, str], Mapping[str, float | None]] = {
    ("DEU", INFLATION): {"2021": 3.07, "2022": 6.87, "2023": 5.95},
    ("DEU", GROWTH): {"2021": 3.67, "2022": 1.81, "2023": -0.27},
    ("USA", GROWTH): {"2022": 2.51, "2023": 2.89, "2024": None},
    ("DEU", "FP.CPI.TOTL"): {"2022": 124.6},
    ("DEU", "SP.POP.TOTL"): {"2022": 83797985},
}
SOURCES = """
[[source]]
name = "world-bank"
kind = "worldbank"
base_url = "{url}/v2"

[source.indicators]
"inflation" = "FP.CPI.TOTL.ZG"
"GDP growth" = "NY.GDP.MKTP.KD.ZG"
"consumer price index" = "FP.CPI.TOTL"
"population" = "SP.POP.TOTL"

[source.metrics]
"inflation" = ["consumer price inflation", "inflation rate"]
"GDP growth" = ["economic growth", "economy grew", "economy shrank"]
"""


@pytest.mark.parametrize(
    ("code", "name", "unit"),
    [
        (INFLATION, "Inflation, consumer prices (annual %)", "%"),
        (GROWTH, "GDP growth (annual %)", "%"),
        ("NY.GDP.PCAP.KD.ZG", "GDP per capita growth (annual %)", "%"),
        ("MS.MIL.XPND.GD.ZS", "Military expenditure (% of GDP)", "%"),
        (
            "SL.UEM.TOTL.ZS",
            "Unemployment, total (% of total labor force) (modeled ILO estimate)",
            "%",
        ),
        ("NY.GDP.MKTP.CD", "GDP (current US$)", "USD"),
        ("NY.GDP.MKTP.KD", "GDP (constant 2015 US$)", "USD"),
        ("MS.MIL.XPND.CD", "Military expenditure (current USD)", "USD"),
        ("NE.EXP.GNFS.CD", "Exports of goods and services (BoP, current US$)", "USD"),
        ("NY.GDP.PCAP.PP.CD", "GDP per capita, PPP (current international $)", "international $"),
        ("MS.MIL.XPND.CN", "Military expenditure (current LCU)", "LCU"),
        ("SP.POP.TOTL", "Population, total", ""),
        ("SP.DYN.LE00.IN", "Life expectancy at birth, total (years)", "year"),
        ("AG.SRF.TOTL.K2", "Surface area (sq. km)", "km2"),
        ("AG.LND.TOTL.K2", "Land area (sq. km)", "km2"),
        # An index is not a count: a unit no stated figure has, so nothing matches it.
        ("FP.CPI.TOTL", "Consumer price index (2010 = 100)", "2010 = 100"),
        ("EN.ATM.CO2E.KT", "CO2 emissions (kt)", "kt"),
    ],
)
def test_unit_from_the_indicator_name(code: str, name: str, unit: str) -> None:
    assert unit_of(code, name) == unit


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        (INFLATION, "%"),
        (GROWTH, "%"),
        ("MS.MIL.XPND.GD.ZS", "%"),
        ("NY.GDP.MKTP.CD", "USD"),
        ("NY.GDP.MKTP.KD", "USD"),
        ("NY.GDP.PCAP.PP.CD", "international $"),
        ("MS.MIL.XPND.CN", "LCU"),
        ("SP.POP.TOTL", ""),
    ],
)
@pytest.mark.parametrize("name", [None, "", "  "])
def test_without_a_name_the_code_suffix_decides(code: str, unit: str, name: str | None) -> None:
    assert unit_of(code, name) == unit


def test_the_name_wins_over_the_suffix() -> None:
    assert unit_of("XX.ODD.CD", "Odd series (% of GDP)") == "%"
    assert unit_of("NY.GDP.MKTP.KD.ZG", "Population, total") == ""


# --- MockTransport: rows get the unit the answer names -----------------------------------


def wb_row(
    code: str, indicator: str, year: str, value: float | None, named: bool
) -> dict[str, Any]:
    alpha2, country = COUNTRIES[code]
    row: dict[str, Any] = {
        "country": {"id": alpha2, "value": country},
        "countryiso3code": code,
        "date": year,
        "value": value,
        "unit": "",
        "obs_status": "",
        "decimal": 1,
    }
    if named:
        row["indicator"] = {"id": indicator, "value": NAMES[indicator]}
    return row


def wb_body(path: str, query: Mapping[str, str], named: bool = True) -> list[Any]:
    parts = path.rstrip("/").split("/")
    code, indicator = parts[-3].upper(), parts[-1]
    wanted = query.get("date", "")
    first, _, last = wanted.partition(":")
    years = {str(y) for y in range(int(first), int(last or first) + 1)} if wanted else None
    series = SERIES.get((code, indicator), {})
    rows = [
        wb_row(code, indicator, year, value, named)
        for year, value in sorted(series.items(), reverse=True)
        if years is None or year in years
    ]
    meta = {"page": 1, "pages": 1, "per_page": 1000, "total": len(rows), "sourceid": "2"}
    return [meta, rows or None]


def write_sources(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES.format(url=url), encoding="utf-8")
    return path


def figure(predicate: str, value: float, year: int, unit: str | None = "%") -> Claim:
    return Claim(
        id=f"{predicate}{value}{year}",
        text=f"{predicate} was {value}",
        sentence=f"{predicate} in Germany was {value} in {year}.",
        start=0,
        end=10,
        type=ClaimType.QUANTITY,
        subject="Germany",
        predicate=predicate,
        quantity=Quantity(value, unit, precision=0.1),
        time=TimeSpan(date(year, 1, 1), date(year, 12, 31), str(year)),
    )


def fetched(tmp_path: Path, claims: list[Claim], named: bool = True) -> RemoteResult:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=wb_body(request.url.path, request.url.params, named))

    config = load_config(write_sources(tmp_path, "http://wb.test"))
    check_specs(config)
    options = RemoteOptions(
        cache_dir=tmp_path / "cache", retries=0, transport=httpx.MockTransport(handler)
    )
    return fetch_remote(config, claims, EntityResolver(config.aliases), options)


@pytest.mark.parametrize("named", [True, False])
def test_growth_and_inflation_rows_are_percentages(tmp_path: Path, named: bool) -> None:
    claims = [figure("inflation", 6.9, 2022), figure("GDP growth", 1.8, 2022)]
    (table,) = fetched(tmp_path, claims, named).tables
    rows = {(row.metric, row.period): row for row in table.rows}
    assert rows["inflation", "2022"].value == 6.87
    assert {row.unit for row in table.rows} == {"%"}
    note = rows["inflation", "2022"].note
    if named:
        assert note == f"World Bank indicator {INFLATION} (Inflation, consumer prices (annual %))"
    else:
        assert note == f"World Bank indicator {INFLATION}"


def test_population_is_a_count_and_an_index_is_not(tmp_path: Path) -> None:
    claims = [
        figure("population", 83.8e6, 2022, unit=None),
        figure("consumer price index", 124.6, 2022, unit=None),
    ]
    (table,) = fetched(tmp_path, claims).tables
    units = {row.metric: row.unit for row in table.rows}
    assert units == {"population": "", "consumer price index": "2010 = 100"}


# --- end to end: the Checker against a local World Bank ----------------------------------


def serve(seen: Seen) -> Reply:
    if "/indicator/" not in seen.path:
        return Reply(404, "<html>Not Found</html>", "text/html")
    return Reply(body=json.dumps(wb_body(seen.path, seen.query)))


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    running = ReplayServer(serve)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def checker(nlp: Language, server: ReplayServer, tmp_path: Path) -> Checker:
    remote = RemoteOptions(cache_dir=tmp_path / "cache", retries=0)
    return Checker.from_path(nlp, write_sources(tmp_path, server.url), remote=remote)


def checked(checker: Checker, text: str) -> CheckedClaim:
    article = Article(
        path="article.txt",
        text=text,
        sha256="0" * 64,
        published=date(2024, 6, 1),
        published_source=PublishedSource.OPTION,
    )
    (claim,) = checker.check(article).claims
    return claim


@pytest.mark.parametrize(
    ("text", "verdict", "value"),
    [
        ("Inflation in Germany was 6.9% in 2022.", Verdict.SUPPORTED, 6.87),
        ("Inflation in Germany was 9.9% in 2022.", Verdict.DISPUTED, 6.87),
        ("Germany's inflation rate was 5.9% in 2023.", Verdict.SUPPORTED, 5.95),
        ("Germany's economy grew 1.8% in 2022.", Verdict.SUPPORTED, 1.81),
        ("Germany's economy grew 4.5% in 2022.", Verdict.DISPUTED, 1.81),
        ("The US economy grew 2.9% in 2023.", Verdict.SUPPORTED, 2.89),
    ],
)
def test_percent_claims_get_verdicts(
    checker: Checker, text: str, verdict: Verdict, value: float
) -> None:
    result = checked(checker, text)
    assert result.verdict is verdict, result.explanation
    (evidence, *_) = result.evidence
    assert evidence.source == "world-bank"
    assert (evidence.reference_value, evidence.unit) == (value, "%")
    assert evidence.url is not None and "/v2/country/" in evidence.url
