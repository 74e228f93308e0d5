"""Tests for the matching stage: claims built by hand, sources read by the real loaders.

No spaCy model here: every Claim is written out as extraction would produce it,
and the sources are small CSV/TOML/JSON files loaded with `load_config` and
`load_sources`, so the indexes and entity keys are the ones the tool really uses.
"""

from __future__ import annotations

import calendar
import json
import textwrap
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from factcheck.lexicon import HELD_IN, MEMBER_OF, SAID
from factcheck.matching import Matcher, Outcome
from factcheck.matching.events import (
    check_held,
    check_membership,
    check_statement,
    same_person,
)
from factcheck.matching.meaning import MeaningReader, best_review
from factcheck.matching.numbers import (
    _half_unit,
    _sign_unstated,
    accepted,
    check_change,
    check_quantity,
    check_ranking,
)
from factcheck.matching.policy import settle
from factcheck.normalise.entities import EntityResolver
from factcheck.records import (
    CheckedClaim,
    Claim,
    ClaimType,
    Modality,
    Quantity,
    TableRow,
    TimeSpan,
    Verdict,
)
from factcheck.sources import LoadedSources, SourcesConfig, load_config, load_sources

PUBLISHED = date(2023, 7, 4)

SOURCES_TOML = """
[aliases]
"United States" = ["US", "U.S.", "USA", "America"]
"Chicago" = ["the Windy City"]

[[source]]
name = "city-budgets"
kind = "table"
path = "data/budgets.csv"
title = "City of Chicago annual appropriation ordinances"
url = "https://example.org/chicago/budget"
[source.metrics]
"city budget" = ["annual budget", "budget"]

[[source]]
name = "population"
kind = "table"
path = "data/population.csv"
title = "World Population Prospects"
url = "https://example.org/wpp"
[source.metrics]
"population" = ["inhabitants", "number of people"]

[[source]]
name = "companies"
kind = "table"
path = "data/companies.csv"
[source.metrics]
"revenue" = ["sales", "turnover"]

[[source]]
name = "prices"
kind = "table"
path = "data/prices.csv"
[source.metrics]
"inflation rate" = ["inflation", "consumer price inflation"]

[[source]]
name = "league"
kind = "table"
path = "data/league.csv"
[source.metrics]
"league points" = ["points"]

[[source]]
name = "events"
kind = "events"
path = "data/events.csv"
title = "Dated events"

[[source]]
name = "fact-checks"
kind = "claimreview"
path = "data/factchecks.json"
"""

BUDGETS_CSV = """
entity,metric,period,value,unit,url
Chicago,city budget,2022,16700000000,USD,
Chicago,city budget,2023,16400000000,USD,https://example.org/chicago/budget-2023
Chicago,city budget,2024,16770000000,USD,
"""

# The aggregate rows ("World", "European Union") share the metric with countries.
POPULATION_CSV = """
entity,metric,period,value,unit
United States,population,2023,334900000,
Germany,population,2022,83800000,
Germany,population,2023,84400000,
Germany,population,2024,84600000,
France,population,2023,68200000,
Italy,population,2022,59000000,
Italy,population,2023,58800000,
European Union,population,2023,448400000,
World,population,2023,8000000000,
"""

COMPANIES_CSV = """
entity,metric,period,value,unit
Siemens,revenue,2022,72000000000,EUR
Siemens,revenue,2023,77800000000,EUR
Apple,revenue,2023,383300000000,USD
"""

PRICES_CSV = """
entity,metric,period,value,unit
United Kingdom,inflation rate,2022,9.1,%
United Kingdom,inflation rate,2023,7.3,%
United Kingdom,inflation rate,2023-09,6.7,%
United Kingdom,inflation rate,2023-10,4.6,%
United Kingdom,inflation rate,2023-11-15,3.9,%
"""

# Premier League 2011-12: City and United level on 89 points.
LEAGUE_CSV = """
entity,metric,period,value,unit
Manchester City,league points,2012,89,
Manchester United,league points,2012,89,
Arsenal,league points,2012,70,
Tottenham Hotspur,league points,2012,69,
"""

DRAGHI = (
    "Within our mandate, the ECB is ready to do whatever it takes to preserve the euro. "
    "And believe me, it will be enough."
)

EVENTS_CSV = f"""
subject,relation,object,date,end_date,place,url
Croatia,member of,eurozone,2023-01-01,,,https://example.org/croatia-euro
Summer Olympics,held in,Paris 2024 Olympics,2024-07-26,2024-08-11,Paris,
Summer Olympics,held in,Tokyo 2020 Olympics,2021-07-23,2021-08-08,Tokyo,
mayoral election,held in,Chicago mayoral election,2023-04-04,,Chicago,
mayoral election,held in,Houston mayoral election,2023-11-07,,Houston,
G20 summit,held in,2023 G20 New Delhi summit,2023-09-09,2023-09-10,New Delhi,
Mario Draghi,said,"{DRAGHI}",2012-07-26,,London,
Christine Lagarde,said,"We are not here to close spreads",2020-03-12,,Frankfurt,
"""

REVIEWS = [
    {
        "@type": "ClaimReview",
        "claimReviewed": "Chicago's mayor said murders in the city fell by 50 percent in 2023",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "url": "https://example.org/review/chicago-murders",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "datePublished": "2024-01-10",
    },
    {
        "claimReviewed": "Siemens plans to cut 5,000 jobs in Germany",
        "reviewRating": {"alternateName": "Needs context"},
    },
    {
        # Deliberately contradicts the budget table: the table must win.
        "claimReviewed": "Chicago's city budget was 16.4 billion dollars in 2023",
        "reviewRating": {"alternateName": "False"},
    },
]


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> SourcesConfig:
    root = tmp_path_factory.mktemp("matching")
    files = {
        "data/budgets.csv": BUDGETS_CSV,
        "data/population.csv": POPULATION_CSV,
        "data/companies.csv": COMPANIES_CSV,
        "data/prices.csv": PRICES_CSV,
        "data/league.csv": LEAGUE_CSV,
        "data/events.csv": EVENTS_CSV,
        "data/factchecks.json": json.dumps(REVIEWS),
        "sources.toml": SOURCES_TOML,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_config(root / "sources.toml")


@pytest.fixture(scope="module")
def resolver(config: SourcesConfig) -> EntityResolver:
    return EntityResolver(config.aliases)


@pytest.fixture(scope="module")
def sources(config: SourcesConfig, resolver: EntityResolver) -> LoadedSources:
    return load_sources(config, resolver)


@pytest.fixture(scope="module")
def matcher(sources: LoadedSources, resolver: EntityResolver, nlp: Language) -> Matcher:
    return Matcher(sources, resolver, PUBLISHED, MeaningReader(nlp, resolver))


def test_fixture_sources_load(sources: LoadedSources) -> None:
    assert [status.status for status in sources.statuses] == ["ok"] * 7
    assert (len(sources.tables), len(sources.events), len(sources.reviews)) == (5, 1, 1)


# --- helpers ----------------------------------------------------------------------------------


def year(number: int) -> TimeSpan:
    return TimeSpan(date(number, 1, 1), date(number, 12, 31), f"in {number}")


def month(number: int, which: int) -> TimeSpan:
    last = calendar.monthrange(number, which)[1]
    start = date(number, which, 1)
    return TimeSpan(start, date(number, which, last), f"in {start:%B %Y}")


def day(number: int, which: int, dom: int) -> TimeSpan:
    when = date(number, which, dom)
    return TimeSpan(when, when, f"on {dom} {when:%B %Y}")


def qty(
    value: float,
    unit: str | None = None,
    precision: float = 0.0,
    *,
    lower: float | None = None,
    upper: float | None = None,
    text: str = "",
) -> Quantity:
    return Quantity(
        value=value,
        unit=unit,
        lower=lower,
        upper=upper,
        approximate=lower is not None and upper is not None,
        precision=precision,
        text=text,
    )


def make(kind: ClaimType, sentence: str = "A sentence.", **fields: Any) -> Claim:
    return Claim(
        id="c1",
        text=sentence,
        sentence=sentence,
        start=0,
        end=len(sentence),
        type=kind,
        **fields,
    )


def quantity_claim(
    subject: str | None,
    predicate: str | None,
    quantity: Quantity | None,
    time: TimeSpan | None = None,
    **fields: Any,
) -> Claim:
    return make(
        ClaimType.QUANTITY,
        subject=subject,
        predicate=predicate,
        quantity=quantity,
        time=time,
        **fields,
    )


# --- numbers.accepted ---------------------------------------------------------------------------

TRILLION = 1e12

ACCEPTED = [
    # stated precision: "1.3 trillion" stands for [1.25, 1.35] trillion
    (qty(1.3e12, "USD", 1e11), 1.264e12, True),
    (qty(1.3e12, "USD", 1e11), 2.4e12, False),
    (qty(1.3e12, "USD", 1e11), 1.2e12, False),
    (qty(1.3e12, "USD", 1e11), 1.25e12, True),
    (qty(1.3e12, "USD", 1e11), 1.35e12, True),
    (qty(1.3e12, "USD", 1e11), 1.351e12, False),
    (qty(16.4e9, "USD", 1e8), 16.44e9, True),
    (qty(16.4e9, "USD", 1e8), 16.46e9, False),
    (qty(12, None, 0.0), 12.0, True),  # exact count: no slack beyond float noise
    (qty(12, None, 0.0), 12.01, False),
    # approximation bounds ("about 1.3 trillion")
    (qty(1.3e12, "USD", 1e11, lower=1.235e12, upper=1.365e12), 1.24e12, True),
    (qty(1.3e12, "USD", 1e11, lower=1.235e12, upper=1.365e12), 1.36e12, True),
    (qty(1.3e12, "USD", 1e11, lower=1.235e12, upper=1.365e12), 1.2e12, False),
    (qty(1.3e12, "USD", 1e11, lower=1.235e12, upper=1.365e12), 1.4e12, False),
    # one-sided bounds: "more than 5 billion", "up to 100"; bounds win over precision
    (qty(5e9, "EUR", 1e9, lower=5e9), 5e9, True),
    (qty(5e9, "EUR", 1e9, lower=5e9), 9e14, True),
    (qty(5e9, "EUR", 1e9, lower=5e9), 4.9e9, False),
    (qty(100, None, 1.0, upper=100), 0.0, True),
    (qty(100, None, 1.0, upper=100), -5.0, True),
    (qty(100, None, 1.0, upper=100), 100.4, False),
    # a round count reaches at most 10% either side ("4 million" is not 3.51 million) ...
    (qty(4e6, None, 1e6), 3.61e6, True),
    (qty(4e6, None, 1e6), 3.51e6, False),
    (qty(4e6, None, 1e6), 4.41e6, False),
    # ... but a percentage keeps its rounding ("up 1%" is 0.5-1.5%)
    (qty(1, "%", 1.0), 0.6, True),
    (qty(1, "%", 1.0), 1.6, False),
]


@pytest.mark.parametrize(("quantity", "value", "expected"), ACCEPTED)
def test_accepted(quantity: Quantity, value: float, expected: bool) -> None:
    assert accepted(quantity).holds(value) is expected


@pytest.mark.parametrize(
    ("quantity", "tolerance"),
    [
        (qty(1.3e12, "USD", 1e11), 5e10),
        (qty(1.3e12, "USD", 1e11, lower=1.2e12, upper=1.4e12), 1e11),
        (qty(5e9, "EUR", 1e9, lower=5e9), float("inf")),
    ],
)
def test_accepted_tolerance(quantity: Quantity, tolerance: float) -> None:
    assert accepted(quantity).tolerance == pytest.approx(tolerance)


# --- check_quantity ---------------------------------------------------------------------------

B = 1e9
M = 1e6

QUANTITY_CASES = [
    # (id, claim, expected verdict or None, expected period of the evidence)
    (
        "stated-year-agrees",
        quantity_claim("Chicago", "city budget", qty(16.4 * B, "USD", 1e8), year(2023)),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "stated-year-disagrees",
        quantity_claim("Chicago", "city budget", qty(17 * B, "USD", 1e9), year(2023)),
        Verdict.DISPUTED,
        "2023",
    ),
    (
        "metric-phrase-and-alias",
        quantity_claim("the Windy City", "annual budget", qty(16.7 * B, "USD", 1e8), year(2022)),
        Verdict.SUPPORTED,
        "2022",
    ),
    (
        "no-row-for-year",
        quantity_claim("Chicago", "city budget", qty(16.4 * B, "USD", 1e8), year(2019)),
        None,
        None,
    ),
    (
        "other-metric",
        quantity_claim("Chicago", "road length", qty(16.4 * B, "USD", 1e8), year(2023)),
        None,
        None,
    ),
    (
        "other-unit",
        quantity_claim("Chicago", "city budget", qty(16.4 * B, "km", 1e8), year(2023)),
        None,
        None,
    ),
    (
        "other-currency-is-not-disputed",
        quantity_claim("Siemens", "revenue", qty(77.8 * B, "USD", 1e8), year(2023)),
        None,
        None,
    ),
    (
        "other-currency-plain-figure",
        quantity_claim("Chicago", "city budget", qty(16.4 * B, "EUR", 1e8), year(2023)),
        None,
        None,
    ),
    (
        "other-entity",
        quantity_claim("Houston", "city budget", qty(16.4 * B, "USD", 1e8), year(2023)),
        None,
        None,
    ),
    (
        "same-currency",
        quantity_claim("Siemens", "sales", qty(77.8 * B, "EUR", 1e8), year(2023)),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "month-row",
        quantity_claim("UK", "inflation", qty(6.7, "%", 0.1), month(2023, 9)),
        Verdict.SUPPORTED,
        "2023-09",
    ),
    (
        "month-row-disagrees",
        quantity_claim("UK", "inflation", qty(7.3, "%", 0.1), month(2023, 9)),
        Verdict.DISPUTED,
        "2023-09",
    ),
    (
        "month-without-row-falls-back-to-year",
        quantity_claim("UK", "inflation", qty(7.3, "%", 0.1), month(2023, 12)),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "year-uses-year-row-not-months",
        quantity_claim("UK", "inflation", qty(6.7, "%", 0.1), year(2023)),
        Verdict.DISPUTED,
        "2023",
    ),
    (
        "exact-date-row",
        quantity_claim("Britain", "inflation rate", qty(3.9, "%", 0.1), day(2023, 11, 15)),
        Verdict.SUPPORTED,
        "2023-11-15",
    ),
    (
        "no-time-latest-begun-year",
        quantity_claim("Germany", "population", qty(84.4 * M, None, 1e5)),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "no-time-not-a-later-period",
        quantity_claim("Germany", "population", qty(84.6 * M, None, 1e5)),
        Verdict.DISPUTED,
        "2023",
    ),
    (
        "no-time-later-months-ignored",
        quantity_claim("UK", "inflation", qty(7.3, "%", 0.1)),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "no-time-budget",
        quantity_claim("Chicago", "city budget", qty(16.4 * B, "USD", 1e8)),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "demonym-americans",
        quantity_claim("Americans", "population", qty(334.9 * M, None, 1e5), year(2023)),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "demonym-germans",
        quantity_claim("Germans", "number of people", qty(83.8 * M, None, 1e5), year(2022)),
        Verdict.SUPPORTED,
        "2022",
    ),
    (
        "demonym-french-disagrees",
        quantity_claim("French", "population", qty(70 * M, None, 1e6), year(2023)),
        Verdict.DISPUTED,
        "2023",
    ),
    (
        "subject-from-context-single-entity-table",
        quantity_claim(
            "the city",
            "city budget",
            qty(16.4 * B, "USD", 1e8),
            year(2023),
            subject_from_context=True,
        ),
        Verdict.SUPPORTED,
        "2023",
    ),
    (
        "subject-from-context-single-entity-disagrees",
        quantity_claim(
            "the city", "budget", qty(18 * B, "USD", 1e9), year(2024), subject_from_context=True
        ),
        Verdict.DISPUTED,
        "2024",
    ),
    (
        "subject-in-text-no-single-entity-rule",
        quantity_claim("the city", "city budget", qty(16.4 * B, "USD", 1e8), year(2023)),
        None,
        None,
    ),
    (
        "subject-from-context-many-entities",
        quantity_claim(
            "the company",
            "revenue",
            qty(77.8 * B, "EUR", 1e8),
            year(2023),
            subject_from_context=True,
        ),
        None,
        None,
    ),
    (
        "subject-from-context-period-without-row",
        quantity_claim(
            "the city",
            "city budget",
            qty(16.4 * B, "USD", 1e8),
            year(2019),
            subject_from_context=True,
        ),
        None,
        None,
    ),
    ("no-quantity", quantity_claim("Chicago", "city budget", None, year(2023)), None, None),
    (
        "no-predicate",
        quantity_claim("Chicago", None, qty(16.4 * B, "USD", 1e8), year(2023)),
        None,
        None,
    ),
    (
        "no-subject",
        quantity_claim(None, "city budget", qty(16.4 * B, "USD", 1e8), year(2023)),
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("claim", "verdict", "period"),
    [
        pytest.param(claim, verdict, period, id=name)
        for name, claim, verdict, period in QUANTITY_CASES
    ],
)
def test_check_quantity(
    sources: LoadedSources,
    resolver: EntityResolver,
    claim: Claim,
    verdict: Verdict | None,
    period: str | None,
) -> None:
    outcome = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    if verdict is None:
        assert outcome is None
        return
    assert outcome is not None
    assert outcome.verdict is verdict
    assert [evidence.record["period"] for evidence in outcome.evidence] == [period]


def test_quantity_evidence_and_explanation(
    sources: LoadedSources, resolver: EntityResolver
) -> None:
    claim = quantity_claim(
        "Chicago", "city budget", qty(16.4 * B, "USD", 1e8, text="$16.4bn"), year(2023)
    )
    outcome = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    (evidence,) = outcome.evidence
    assert evidence.reference_value == 16_400_000_000
    assert evidence.unit == "USD"
    assert evidence.tolerance == pytest.approx(5e7)
    assert evidence.source == "city-budgets"
    assert evidence.title == "City of Chicago annual appropriation ordinances"
    assert evidence.url == "https://example.org/chicago/budget-2023"  # the row's own URL
    assert evidence.record["entity"] == "Chicago"
    assert evidence.record["line"] == 3
    assert evidence.summary == "16.4 billion USD (Chicago, 2023)"
    assert outcome.explanation == (
        "city-budgets gives 16.4 billion USD for Chicago in 2023, which agrees with the stated "
        "$16.4bn."
    )


@pytest.mark.parametrize(
    ("claim", "fragments"),
    [
        (
            quantity_claim("Chicago", "city budget", qty(17 * B, "USD", 1e9), year(2023)),
            ("16.4 billion USD", "Chicago", "2023", "not the stated 17 billion USD"),
        ),
        (
            quantity_claim("UK", "inflation", qty(7.3, "%", 0.1, text="7.3%"), month(2023, 9)),
            ("6.7%", "United Kingdom", "2023-09", "not the stated 7.3%"),
        ),
        (
            quantity_claim("Germany", "population", qty(84.6 * M, None, 1e5)),
            ("84.4 million", "Germany", "2023"),
        ),
    ],
)
def test_disputed_explanation_gives_reference_value(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim, fragments: tuple[str, ...]
) -> None:
    outcome = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None and outcome.verdict is Verdict.DISPUTED
    for fragment in fragments:
        assert fragment in outcome.explanation
    assert outcome.evidence[0].reference_value is not None


def test_evidence_from_a_row_without_url_uses_the_source_url(
    sources: LoadedSources, resolver: EntityResolver
) -> None:
    claim = quantity_claim("Chicago", "city budget", qty(16.7 * B, "USD", 1e8), year(2022))
    outcome = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    assert outcome.evidence[0].url == "https://example.org/chicago/budget"


@pytest.mark.parametrize(
    ("modality", "came_true"),
    [(Modality.PREDICTION, True), (Modality.ASSERTED, False), (Modality.REPORTED, False)],
)
def test_quantity_prediction_that_came_true(
    sources: LoadedSources, resolver: EntityResolver, modality: Modality, came_true: bool
) -> None:
    claim = quantity_claim(
        "Chicago", "city budget", qty(16.77 * B, "USD", 1e7), year(2024), modality=modality
    )
    outcome = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None and outcome.verdict is Verdict.SUPPORTED
    assert ("the prediction came true" in outcome.explanation) is came_true


def test_undated_claim_is_not_checked_against_only_later_periods(
    sources: LoadedSources, resolver: EntityResolver
) -> None:
    # The budget table starts in 2022; an article of 2021 says nothing about 2024.
    claim = quantity_claim("Chicago", "city budget", qty(12 * B, "USD", 1e9))
    assert check_quantity(claim, sources.tables, resolver, date(2021, 6, 1)) is None


# --- check_change ------------------------------------------------------------------------------


def change_claim(
    subject: str,
    predicate: str,
    quantity: Quantity,
    direction: str,
    time: TimeSpan | None = None,
) -> Claim:
    return make(
        ClaimType.CHANGE,
        subject=subject,
        predicate=predicate,
        quantity=quantity,
        direction=direction,
        time=time,
    )


# Siemens revenue 72.0 -> 77.8 bn EUR: +8.06%. Italy's population 59.0 -> 58.8 m: -0.34%.
CHANGE_CASES = [
    ("rose-8-percent", change_claim("Siemens", "revenue", qty(8, "%", 1), "up", year(2023)), True),
    (
        "rose-10-percent",
        change_claim("Siemens", "revenue", qty(10, "%", 1), "up", year(2023)),
        False,
    ),
    (
        "rose-8.1-percent",
        change_claim("Siemens", "sales", qty(8.1, "%", 0.1), "up", year(2023)),
        True,
    ),
    (
        "rose-7.0-percent",
        change_claim("Siemens", "sales", qty(7.0, "%", 0.1), "up", year(2023)),
        False,
    ),
    (
        "rose-more-than-5",
        change_claim("Siemens", "revenue", qty(5, "%", 1, lower=5), "up", year(2023)),
        True,
    ),
    (
        "rose-more-than-10",
        change_claim("Siemens", "revenue", qty(10, "%", 1, lower=10), "up", year(2023)),
        False,
    ),
    (
        "rose-by-amount",
        change_claim("Siemens", "revenue", qty(5.8 * B, "EUR", 1e8), "up", year(2023)),
        True,
    ),
    (
        "rose-by-wrong-amount",
        change_claim("Siemens", "revenue", qty(7 * B, "EUR", 1e9), "up", year(2023)),
        False,
    ),
    ("no-time-latest", change_claim("Siemens", "revenue", qty(8, "%", 1), "up"), True),
    (
        "fell-0.3-percent",
        change_claim("Italy", "population", qty(0.3, "%", 0.1), "down", year(2023)),
        True,
    ),
    (
        "fell-1-percent",
        change_claim("Italy", "population", qty(1, "%", 1), "down", year(2023)),
        False,
    ),
    (
        "rose-when-it-fell",
        change_claim("Italy", "population", qty(0.3, "%", 0.1), "up", year(2023)),
        False,
    ),
    (
        "fell-more-than-0.2",
        change_claim("Italy", "population", qty(0.2, "%", 0.1, lower=0.2), "down", year(2023)),
        True,
    ),
    (
        "fell-more-than-1",
        change_claim("Italy", "population", qty(1, "%", 1, lower=1), "down", year(2023)),
        False,
    ),
    (
        "fell-by-people",
        change_claim("Italians", "population", qty(200_000, None, 1e5), "down", year(2023)),
        True,
    ),
]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [pytest.param(claim, supported, id=name) for name, claim, supported in CHANGE_CASES],
)
def test_check_change(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim, supported: bool
) -> None:
    outcome = check_change(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    assert outcome.verdict is (Verdict.SUPPORTED if supported else Verdict.DISPUTED)
    assert [evidence.record["period"] for evidence in outcome.evidence] == ["2022", "2023"]


@pytest.mark.parametrize("stated", [8.0, 7.9])
def test_a_change_within_the_rounding_of_the_tables_figures_is_not_disputed(
    sources: LoadedSources, resolver: EntityResolver, stated: float
) -> None:
    # From 72,000,000,000 (rounded: its trailing zeros) to 77,800,000,000 is 8.06% as
    # written, 7.95-8.16% as the rounding allows.
    claim = change_claim("Siemens", "sales", qty(stated, "%", 0.1), "up", year(2023))
    outcome = check_change(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    assert outcome.verdict is Verdict.UNVERIFIED
    assert "rounded" in outcome.explanation


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param(
            change_claim("Siemens", "revenue", qty(8, "%", 1), "up", year(2022)), id="first-period"
        ),
        pytest.param(
            change_claim("Apple", "revenue", qty(3, "%", 1), "down", year(2023)), id="one-period"
        ),
        pytest.param(
            change_claim("Siemens", "revenue", qty(8, "%", 1), "up", year(2019)), id="no-period"
        ),
        pytest.param(
            change_claim("Siemens", "net income", qty(8, "%", 1), "up", year(2023)),
            id="other-metric",
        ),
        pytest.param(
            change_claim("Bosch", "revenue", qty(8, "%", 1), "up", year(2023)), id="other-entity"
        ),
    ],
)
def test_check_change_without_two_periods(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim
) -> None:
    assert check_change(claim, sources.tables, resolver, PUBLISHED) is None


@pytest.mark.parametrize(
    ("claim", "fragments"),
    [
        (
            change_claim("Siemens", "revenue", qty(10, "%", 1, text="10%"), "up", year(2023)),
            ("+8.1%", "Siemens", "from 2022 to 2023", "does not match the stated 10%"),
        ),
        (
            change_claim(
                "Italy", "population", qty(0.3, "%", 0.1, text="0.3%"), "down", year(2023)
            ),
            ("-0.3%", "Italy", "agrees with the stated 0.3%"),
        ),
    ],
)
def test_change_explanation(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim, fragments: tuple[str, ...]
) -> None:
    outcome = check_change(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    for fragment in fragments:
        assert fragment in outcome.explanation
    before, now = outcome.evidence
    assert before.reference_value is not None and now.reference_value is not None


@pytest.mark.parametrize(
    "quantity",
    [
        pytest.param(qty(0.3, "%", 0.1, lower=0.25, upper=0.35), id="about-0.3"),
        pytest.param(qty(1, "%", 1, upper=1), id="up-to-1"),
        pytest.param(qty(0.3, "%", 0.1, lower=0.2, upper=0.4), id="between-0.2-and-0.4"),
    ],
)
def test_fall_with_two_sided_or_upper_bound(
    sources: LoadedSources, resolver: EntityResolver, quantity: Quantity
) -> None:
    claim = change_claim("Italy", "population", quantity, "down", year(2023))
    outcome = check_change(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None and outcome.verdict is Verdict.SUPPORTED


def test_monthly_change_is_not_computed_against_an_annual_row(
    sources: LoadedSources, resolver: EntityResolver
) -> None:
    # UK inflation has 2023 (annual, 7.3%) and 2023-09 (6.7%) but no August row.
    claim = change_claim("UK", "inflation", qty(0.6, "pp", 0.1), "down", month(2023, 9))
    assert check_change(claim, sources.tables, resolver, PUBLISHED) is None


# --- check_ranking ----------------------------------------------------------------------------


def rank_claim(subject: str, predicate: str, rank: int, time: TimeSpan | None = None) -> Claim:
    return make(ClaimType.RANKING, subject=subject, predicate=predicate, rank=rank, time=time)


RANKING_CASES = [
    # population 2023, countries only: US, Germany, France, Italy (World and EU left out)
    ("country-2nd", rank_claim("Germany", "population", 2), Verdict.SUPPORTED, "2nd of 4"),
    (
        "country-2nd-dated",
        rank_claim("Germany", "population", 2, year(2023)),
        Verdict.SUPPORTED,
        "2nd of 4",
    ),
    ("demonym-2nd", rank_claim("Germans", "population", 2), Verdict.SUPPORTED, "2nd of 4"),
    ("alias-1st", rank_claim("America", "population", 1), Verdict.SUPPORTED, "1st of 4"),
    ("country-4th", rank_claim("Italy", "population", 4), Verdict.SUPPORTED, "4th of 4"),
    (
        "country-wrong-rank",
        rank_claim("France", "population", 1),
        Verdict.DISPUTED,
        "ranks France 3rd of 4 in 2023; 1st is United States",
    ),
    (
        "country-wrong-rank-2",
        rank_claim("Italy", "inhabitants", 2),
        Verdict.DISPUTED,
        "4th of 4 in 2023; 2nd is Germany",
    ),
    # an aggregate subject ranks among every entity of the metric
    ("aggregate-2nd", rank_claim("European Union", "population", 2), Verdict.SUPPORTED, "2nd of 6"),
    # ties share ranks: City and United both 89 points
    ("tie-1st", rank_claim("Manchester City", "points", 1), Verdict.SUPPORTED, "1st of 4"),
    ("tie-2nd", rank_claim("Manchester City", "points", 2), Verdict.SUPPORTED, "2nd of 4"),
    ("tie-other-1st", rank_claim("Manchester United", "points", 1), Verdict.SUPPORTED, "1st"),
    ("after-tie-3rd", rank_claim("Arsenal", "league points", 3), Verdict.SUPPORTED, "3rd of 4"),
    (
        "after-tie-wrong",
        rank_claim("Arsenal", "league points", 2),
        Verdict.DISPUTED,
        "ranks Arsenal 3rd of 4 in 2012; 2nd is Manchester United",
    ),
    (
        "last-claims-first",
        rank_claim("Tottenham Hotspur", "points", 1, year(2012)),
        Verdict.DISPUTED,
        "1st is Manchester City",
    ),
]


@pytest.mark.parametrize(
    ("claim", "verdict", "fragment"),
    [pytest.param(claim, verdict, text, id=name) for name, claim, verdict, text in RANKING_CASES],
)
def test_check_ranking(
    sources: LoadedSources,
    resolver: EntityResolver,
    claim: Claim,
    verdict: Verdict,
    fragment: str,
) -> None:
    outcome = check_ranking(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    assert outcome.verdict is verdict
    assert fragment in outcome.explanation
    assert 1 <= len(outcome.evidence) <= 3


def test_ranking_evidence_lists_the_leaders(
    sources: LoadedSources, resolver: EntityResolver
) -> None:
    outcome = check_ranking(
        rank_claim("France", "population", 1), sources.tables, resolver, PUBLISHED
    )
    assert outcome is not None
    assert [evidence.record["entity"] for evidence in outcome.evidence] == [
        "United States",
        "Germany",
        "France",
    ]


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param(rank_claim("Spain", "population", 1), id="entity-not-in-table"),
        pytest.param(rank_claim("Germany", "gdp", 1), id="other-metric"),
        pytest.param(rank_claim("Germany", "population", 1, year(2019)), id="other-period"),
        pytest.param(
            make(ClaimType.RANKING, subject="Germany", predicate="population"), id="no-rank"
        ),
    ],
)
def test_check_ranking_not_covered(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim
) -> None:
    assert check_ranking(claim, sources.tables, resolver, PUBLISHED) is None


# --- events: membership -----------------------------------------------------------------------


def event_claim(
    subject: str | None,
    predicate: str,
    obj: str | None = None,
    time: TimeSpan | None = None,
    **fields: Any,
) -> Claim:
    return make(
        ClaimType.EVENT, subject=subject, predicate=predicate, object=obj, time=time, **fields
    )


MEMBERSHIP_CASES = [
    (
        "joined-in-stated-year",
        event_claim("Croatia", MEMBER_OF, "the eurozone", year(2023)),
        PUBLISHED,
        Verdict.SUPPORTED,
        ("Croatia member of eurozone", "on 1 January 2023"),
    ),
    (
        "joined-in-stated-month",
        event_claim("Croatia", MEMBER_OF, "Eurozone", month(2023, 1)),
        PUBLISHED,
        Verdict.SUPPORTED,
        ("1 January 2023",),
    ),
    (
        "joined-no-date",
        event_claim("Croatia", MEMBER_OF, "the eurozone"),
        PUBLISHED,
        Verdict.SUPPORTED,
        ("1 January 2023",),
    ),
    (
        "joined-in-wrong-year",
        event_claim("Croatia", MEMBER_OF, "the eurozone", year(2022)),
        PUBLISHED,
        Verdict.DISPUTED,
        ("on 1 January 2023", "not in 2022"),
    ),
    (
        "has-not-joined",
        event_claim("Croatia", MEMBER_OF, "the eurozone", negated=True),
        PUBLISHED,
        Verdict.DISPUTED,
        ("records Croatia member of eurozone on 1 January 2023",),
    ),
    (
        "prediction-came-true",
        event_claim("Croatia", MEMBER_OF, "the eurozone", modality=Modality.PREDICTION),
        date(2022, 7, 12),
        Verdict.SUPPORTED,
        ("it happened as predicted, on 1 January 2023",),
    ),
    (
        "asserted-after-the-fact",
        event_claim("Croatia", MEMBER_OF, "the eurozone"),
        date(2022, 7, 12),
        Verdict.SUPPORTED,
        ("on 1 January 2023",),
    ),
]


@pytest.mark.parametrize(
    ("claim", "published", "verdict", "fragments"),
    [pytest.param(*case[1:], id=case[0]) for case in MEMBERSHIP_CASES],
)
def test_check_membership(
    sources: LoadedSources,
    resolver: EntityResolver,
    claim: Claim,
    published: date,
    verdict: Verdict,
    fragments: tuple[str, ...],
) -> None:
    outcome = check_membership(claim, sources.events, resolver, published)
    assert outcome is not None
    assert outcome.verdict is verdict
    for fragment in fragments:
        assert fragment in outcome.explanation
    (evidence,) = outcome.evidence
    assert evidence.record["date"] == "2023-01-01"
    assert evidence.url == "https://example.org/croatia-euro"
    assert evidence.summary == "Croatia joined eurozone on 1 January 2023"


def test_asserted_membership_does_not_claim_a_prediction(
    sources: LoadedSources, resolver: EntityResolver
) -> None:
    claim = event_claim("Croatia", MEMBER_OF, "the eurozone")
    outcome = check_membership(claim, sources.events, resolver, date(2022, 7, 12))
    assert outcome is not None and "predicted" not in outcome.explanation


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param(event_claim("Bulgaria", MEMBER_OF, "the eurozone"), id="other-subject"),
        pytest.param(event_claim("Croatia", MEMBER_OF, "Schengen Area"), id="other-object"),
        pytest.param(event_claim("Croatia", "signed", "the eurozone"), id="other-relation"),
        pytest.param(event_claim(None, MEMBER_OF, "the eurozone"), id="no-subject"),
        pytest.param(event_claim("Croatia", MEMBER_OF, None), id="no-object"),
    ],
)
def test_membership_not_covered(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim
) -> None:
    assert check_membership(claim, sources.events, resolver, PUBLISHED) is None


def test_negated_membership_with_another_year_is_not_disputed(
    sources: LoadedSources, resolver: EntityResolver
) -> None:
    # "Croatia did not join the eurozone in 2022": true, it joined on 1 January 2023.
    claim = event_claim("Croatia", MEMBER_OF, "the eurozone", year(2022), negated=True)
    outcome = check_membership(claim, sources.events, resolver, PUBLISHED)
    assert outcome is None or outcome.verdict is not Verdict.DISPUTED


# --- events: held in --------------------------------------------------------------------------


def held_claim(subject: str, place: str, time: TimeSpan | None = None, **fields: Any) -> Claim:
    return event_claim(subject, HELD_IN, place=place, time=time, **fields)


HELD_CASES = [
    (
        "place-and-date",
        held_claim("the Summer Olympics", "Paris", month(2024, 7)),
        Verdict.SUPPORTED,
        "26 July 2024 to 11 August 2024",
    ),
    (
        "place-and-day-inside",
        held_claim("Summer Olympics", "Paris", day(2024, 8, 1)),
        Verdict.SUPPORTED,
        "Paris",
    ),
    (
        "place-no-date",
        held_claim("Summer Olympics", "Tokyo"),
        Verdict.SUPPORTED,
        "23 July 2021 to 8 August 2021",
    ),
    (
        "election-city",
        held_claim("mayoral election", "Chicago", month(2023, 4)),
        Verdict.SUPPORTED,
        "4 April 2023",
    ),
    (
        "election-other-city",
        held_claim("mayoral election", "Houston", month(2023, 11)),
        Verdict.SUPPORTED,
        "7 November 2023",
    ),
    (
        "date-matches-city-differs",
        held_claim("Summer Olympics", "Lyon", year(2024)),
        Verdict.DISPUTED,
        "records Summer Olympics in Paris on 26 July 2024 to 11 August 2024, not in Lyon",
    ),
    (
        "date-of-another-edition",
        held_claim("Summer Olympics", "Paris", year(2021)),
        Verdict.DISPUTED,
        "in Tokyo on 23 July 2021 to 8 August 2021, not in Paris",
    ),
    (
        # one G20 summit recorded: the name alone identifies it (two Olympics would not)
        "only-recorded-edition-other-city",
        held_claim("G20 summit", "Mumbai"),
        Verdict.DISPUTED,
        "in New Delhi on 9-10 September 2023, not in Mumbai",
    ),
    (
        "only-recorded-edition-other-date",
        held_claim("G20 summit", "New Delhi", month(2023, 3)),
        Verdict.DISPUTED,
        "in New Delhi on 9-10 September 2023, not",
    ),
    (
        "election-wrong-city",
        held_claim("mayoral election", "Houston", month(2023, 4)),
        Verdict.DISPUTED,
        "in Chicago on 4 April 2023, not in Houston",
    ),
]


@pytest.mark.parametrize(
    ("claim", "verdict", "fragment"),
    [pytest.param(claim, verdict, text, id=name) for name, claim, verdict, text in HELD_CASES],
)
def test_check_held(
    sources: LoadedSources,
    resolver: EntityResolver,
    claim: Claim,
    verdict: Verdict,
    fragment: str,
) -> None:
    outcome = check_held(claim, sources.events, resolver, PUBLISHED)
    assert outcome is not None
    assert outcome.verdict is verdict
    assert fragment in outcome.explanation
    assert len(outcome.evidence) == 1 and outcome.evidence[0].record["place"] is not None


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param(held_claim("Summer Olympics", "London"), id="no-date-other-city"),
        pytest.param(held_claim("Summer Olympics", "Paris", year(2016)), id="no-edition-that-year"),
        pytest.param(held_claim("Winter Olympics", "Paris", year(2024)), id="other-subject"),
        # another place and another date: maybe an edition the table does not record
        pytest.param(held_claim("G20 summit", "Rome", year(2021)), id="unrecorded-edition"),
    ],
)
def test_held_not_covered(sources: LoadedSources, resolver: EntityResolver, claim: Claim) -> None:
    assert check_held(claim, sources.events, resolver, PUBLISHED) is None


def test_held_prediction_came_true(sources: LoadedSources, resolver: EntityResolver) -> None:
    claim = held_claim("Summer Olympics", "Paris", year(2024), modality=Modality.PREDICTION)
    outcome = check_held(claim, sources.events, resolver, PUBLISHED)
    assert outcome is not None and outcome.verdict is Verdict.SUPPORTED
    assert "it happened as predicted, on 26 July 2024 to 11 August 2024" in outcome.explanation


# --- events: statements -----------------------------------------------------------------------


def quote_claim(subject: str, words: str, time: TimeSpan | None = None) -> Claim:
    return make(ClaimType.QUOTE, subject=subject, predicate=SAID, object=words, time=time)


WHATEVER = "the ECB is ready to do whatever it takes to preserve the euro"

STATEMENT_CASES = [
    (
        "speaker-with-title",
        quote_claim("ECB President Mario Draghi", WHATEVER, year(2012)),
        Verdict.SUPPORTED,
        "records Mario Draghi saying so on 26 July 2012",
    ),
    (
        "surname-only",
        quote_claim("Draghi", "whatever it takes to preserve the euro"),
        Verdict.SUPPORTED,
        "Mario Draghi",
    ),
    (
        "possessive",
        quote_claim("Mr Draghi's", WHATEVER, month(2012, 7)),
        Verdict.SUPPORTED,
        "26 July 2012",
    ),
    (
        "other-person-same-words",
        quote_claim("Christine Lagarde", WHATEVER),
        Verdict.DISPUTED,
        "attributes the statement to Mario Draghi (26 July 2012), not to Christine Lagarde",
    ),
    (
        "other-person-lagarde-words",
        quote_claim("Mario Draghi", "We are not here to close spreads", year(2020)),
        Verdict.DISPUTED,
        "attributes the statement to Christine Lagarde (12 March 2020)",
    ),
    (
        "same-person-wrong-year",
        quote_claim("Mario Draghi", WHATEVER, year(2015)),
        Verdict.DISPUTED,
        "26 July 2012",
    ),
]


@pytest.mark.parametrize(
    ("claim", "verdict", "fragment"),
    [pytest.param(claim, verdict, text, id=name) for name, claim, verdict, text in STATEMENT_CASES],
)
def test_check_statement(
    sources: LoadedSources,
    resolver: EntityResolver,
    claim: Claim,
    verdict: Verdict,
    fragment: str,
) -> None:
    outcome = check_statement(claim, sources.events, resolver, PUBLISHED)
    assert outcome is not None
    assert outcome.verdict is verdict
    assert fragment in outcome.explanation
    (evidence,) = outcome.evidence
    assert evidence.record["relation"] == SAID


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param(
            quote_claim("Mario Draghi", "inflation will return to two percent next spring"),
            id="unrelated-words",
        ),
        pytest.param(
            quote_claim("Christine Lagarde", "interest rates will stay high for longer"),
            id="unrelated-words-other-speaker",
        ),
        pytest.param(make(ClaimType.QUOTE, subject="Mario Draghi", predicate=SAID), id="no-words"),
    ],
)
def test_statement_not_covered(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim
) -> None:
    assert check_statement(claim, sources.events, resolver, PUBLISHED) is None


# --- Matcher --------------------------------------------------------------------------------


def test_check_builds_checked_claim_from_outcome(
    matcher: Matcher, sources: LoadedSources, resolver: EntityResolver
) -> None:
    claim = quantity_claim("Chicago", "city budget", qty(17 * B, "USD", 1e9), year(2023))
    checked = matcher.check(claim)
    expected = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    assert isinstance(checked, CheckedClaim) and isinstance(expected, Outcome)
    assert checked.claim is claim
    assert (checked.verdict, checked.confidence, checked.explanation, checked.evidence) == (
        expected.verdict,
        expected.confidence,
        expected.explanation,
        expected.evidence,
    )
    assert checked.verdict is Verdict.DISPUTED and 0 < checked.confidence <= 1


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        pytest.param(
            quantity_claim("Chicago", "city budget", qty(16.4 * B, "USD", 1e8), year(2023)),
            Verdict.SUPPORTED,
            id="quantity",
        ),
        pytest.param(
            change_claim("Siemens", "revenue", qty(8, "%", 1), "up", year(2023)),
            Verdict.SUPPORTED,
            id="change",
        ),
        pytest.param(rank_claim("France", "population", 1), Verdict.DISPUTED, id="ranking"),
        pytest.param(
            event_claim("Croatia", MEMBER_OF, "the eurozone", year(2022)),
            Verdict.DISPUTED,
            id="membership",
        ),
        pytest.param(
            held_claim("Summer Olympics", "Lyon", year(2024)), Verdict.DISPUTED, id="held-in"
        ),
        pytest.param(quote_claim("Draghi", WHATEVER), Verdict.SUPPORTED, id="statement"),
    ],
)
def test_check_dispatches_by_type_and_relation(
    matcher: Matcher, claim: Claim, verdict: Verdict
) -> None:
    checked = matcher.check(claim)
    assert checked.verdict is verdict
    assert checked.evidence


def test_structured_source_wins_over_review(matcher: Matcher) -> None:
    # A review rated "False" matches the sentence, but the budget table covers the claim.
    sentence = "Chicago's city budget was 16.4 billion dollars in 2023."
    claim = make(
        ClaimType.QUANTITY,
        sentence,
        subject="Chicago",
        predicate="city budget",
        quantity=qty(16.4 * B, "USD", 1e8),
        time=year(2023),
    )
    checked = matcher.check(claim)
    assert checked.verdict is Verdict.SUPPORTED
    assert checked.evidence[0].source == "city-budgets"


def test_review_fallback_disputes(matcher: Matcher) -> None:
    sentence = "Chicago's mayor said murders in the city fell by 50 percent in 2023."
    claim = make(
        ClaimType.QUOTE,
        sentence,
        subject="Chicago's mayor",
        predicate=SAID,
        object="murders in the city fell by 50 percent",
        time=year(2023),
    )
    checked = matcher.check(claim)
    assert checked.verdict is Verdict.DISPUTED
    assert checked.explanation == (
        "A published fact-check rated a matching claim 'False' by Example Checks."
    )
    assert 0 < checked.confidence <= 0.8
    (evidence,) = checked.evidence
    assert evidence.source == "fact-checks"
    assert evidence.url == "https://example.org/review/chicago-murders"
    assert evidence.record["rating"] == "False"
    assert evidence.record["claimReviewed"] == REVIEWS[0]["claimReviewed"]
    assert evidence.reference_value is None


def test_review_without_verdict_leaves_claim_unverified(matcher: Matcher) -> None:
    sentence = "Siemens plans to cut 5,000 jobs in Germany."
    claim = make(ClaimType.EVENT, sentence, subject="Siemens", predicate="cut", object="5,000 jobs")
    assert matcher.reader is not None
    found = best_review(matcher.sources.reviews[0], sentence, matcher.reader)
    assert found is not None  # it does match
    checked = matcher.check(claim)
    assert checked.verdict is Verdict.UNVERIFIED
    assert (checked.confidence, checked.evidence) == (0.0, ())


@pytest.mark.parametrize(
    ("claim", "explanation"),
    [
        pytest.param(
            quantity_claim("Portugal", "unemployment rate", qty(6.5, "%", 0.1), year(2023)),
            "No configured source covers unemployment rate for Portugal, 2023.",
            id="metric-subject-time",
        ),
        pytest.param(
            quantity_claim("Chicago", "city budget", qty(16.4 * B, "EUR", 1e8), year(2023)),
            "No configured source covers city budget for Chicago, 2023.",
            id="currency-mismatch",
        ),
        pytest.param(
            event_claim("Bulgaria", MEMBER_OF, "the eurozone"),
            "No configured source covers member of about Bulgaria.",
            id="relation-subject",
        ),
        pytest.param(
            make(ClaimType.RANKING, "It is the biggest."),
            "No configured source covers ranking (the text does not say whose).",
            id="bare-type",
        ),
    ],
)
def test_unverified_explanation_names_what_is_missing(
    matcher: Matcher, claim: Claim, explanation: str
) -> None:
    checked = matcher.check(claim)
    assert checked.verdict is Verdict.UNVERIFIED
    assert checked.explanation == explanation
    assert (checked.confidence, checked.evidence) == (0.0, ())


def test_check_all_keeps_order(matcher: Matcher) -> None:
    claims = [
        rank_claim("Germany", "population", 2),
        event_claim("Bulgaria", MEMBER_OF, "the eurozone"),
        held_claim("Summer Olympics", "Lyon", year(2024)),
    ]
    checked = matcher.check_all(claims)
    assert [c.claim for c in checked] == claims
    assert [c.verdict for c in checked] == [
        Verdict.SUPPORTED,
        Verdict.UNVERIFIED,
        Verdict.DISPUTED,
    ]


@pytest.mark.parametrize(
    ("claim", "period"),
    [
        pytest.param(
            quantity_claim(
                "the city", "city budget", qty(16.4 * B, "USD", 1e8), subject_from_context=True
            ),
            "2023",
            id="no-time-latest-begun",
        ),
        pytest.param(
            quantity_claim(
                "the country",
                "inflation",
                qty(6.7, "%", 0.1),
                month(2023, 9),
                subject_from_context=True,
            ),
            "2023-09",
            id="month-before-year",
        ),
    ],
)
def test_single_entity_rule_follows_the_period_rules(
    sources: LoadedSources, resolver: EntityResolver, claim: Claim, period: str
) -> None:
    outcome = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None and outcome.verdict is Verdict.SUPPORTED
    assert outcome.evidence[0].record["period"] == period


@pytest.mark.parametrize(
    ("time", "verdict"),
    [(year(2024), Verdict.SUPPORTED), (year(2020), Verdict.DISPUTED)],
)
def test_held_with_a_date_and_no_place_checks_the_date(
    sources: LoadedSources, resolver: EntityResolver, time: TimeSpan, verdict: Verdict
) -> None:
    claim = event_claim("Summer Olympics", HELD_IN, time=time)
    outcome = check_held(claim, sources.events, resolver, PUBLISHED)
    assert outcome is not None
    assert outcome.verdict is verdict
    assert "26 July" in outcome.explanation


@pytest.mark.parametrize(
    ("checkworthiness", "verdict"),
    [(0.45, Verdict.UNVERIFIED), (0.48, Verdict.DISPUTED), (0.9, Verdict.DISPUTED)],
)
def test_a_figure_tied_to_its_metric_only_by_another_sentence_is_never_disputed(
    sources: LoadedSources, resolver: EntityResolver, checkworthiness: float, verdict: Verdict
) -> None:
    claim = quantity_claim(
        "the city",
        "budget",
        qty(18 * B, "USD", 1e9),
        year(2024),
        subject_from_context=True,
        checkworthiness=checkworthiness,
    )
    outcome = check_quantity(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    assert settle(claim, outcome).verdict is verdict
    assert outcome.evidence and outcome.evidence[0].reference_value is not None


@pytest.mark.parametrize(
    ("subject", "rank", "verdict", "fragment"),
    [
        ("Italy", 1, Verdict.SUPPORTED, "ranks Italy 1st of 4"),  # the smallest population
        ("United States", 1, Verdict.DISPUTED, "1st is Italy"),
        ("France", 2, Verdict.SUPPORTED, "ranks France 2nd of 4"),
    ],
)
def test_a_low_end_superlative_ranks_from_the_smallest(
    sources: LoadedSources,
    resolver: EntityResolver,
    subject: str,
    rank: int,
    verdict: Verdict,
    fragment: str,
) -> None:
    claim = replace(rank_claim(subject, "population", rank), direction="down")
    outcome = check_ranking(claim, sources.tables, resolver, PUBLISHED)
    assert outcome is not None
    assert (outcome.verdict, fragment in outcome.explanation) == (verdict, True), outcome


@pytest.mark.parametrize(
    ("claimed", "recorded", "same"),
    [
        ("French President Emmanuel Macron", "Emmanuel Macron", True),  # the surname
        ("Lula", "Luiz Inácio Lula da Silva", True),  # every word of a one-word name
        ("Macron", "Jens Stoltenberg", False),
        ("Marina Silva", "Luiz Inácio Lula da Silva", True),  # the surname, as before
        ("Marina", "Luiz Inácio Lula da Silva", False),
    ],
)
def test_same_person(claimed: str, recorded: str, same: bool) -> None:
    assert same_person(claimed, recorded) is same


@pytest.mark.parametrize(
    ("direction", "metric", "unverified"),
    [
        (None, "change in robbery", True),  # "..., and robbery 0.3%": no sign given
        ("down", "change in robbery", False),  # "robbery fell 0.3%": the sign is given
        (None, "inflation", False),  # "inflation was 2%" says prices rose
    ],
)
def test_a_gapped_rate_without_its_sign_is_not_disputed(
    direction: str | None, metric: str, unverified: bool
) -> None:
    claim = replace(
        quantity_claim("United States", metric, qty(0.3, "%", 0.1), year(2023)),
        direction=direction,
    )
    row = TableRow("United States", metric, "2023", -0.3, "%")
    assert claim.quantity is not None
    assert _sign_unstated(claim, claim.quantity, row) is unverified


@pytest.mark.parametrize(
    ("value", "half"),
    [(223.2, 0.05), (214_000_000.0, 107_000.0), (105.0, 0.0), (100.0, 0.0), (0.0, 0.0)],
)
def test_the_rounding_a_table_value_carries(value: float, half: float) -> None:
    assert _half_unit(value) == pytest.approx(half)
