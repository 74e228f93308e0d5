"""The statistical-claims benchmark's scoring, on hand-written rows (no model loaded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.statclaims import (
    DISPUTED,
    MISATTRIBUTED,
    NO_CLAIM,
    OK,
    SUPPORTED,
    WRONG_METRIC,
    WRONG_SUBJECT,
    WRONG_VALUE,
    Found,
    Outcome,
    Row,
    SameEntity,
    VerdictCase,
    expected_verdict,
    load_world,
    names_property,
    normalised_name,
    number_spans,
    overlaps,
    parse_row,
    same_value,
    score_row,
    stated_interval,
    stated_year,
    summarise,
    summarise_verdicts,
    verdict_case,
)
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, ClaimType, Quantity

TEXT = "Chile has a population of 16.5 million, and its capital holds 6 million."
SPAN = (26, 38)  # "16.5 million"


@pytest.fixture(scope="module")
def same() -> SameEntity:
    return SameEntity(EntityResolver())


def row(label: str = "Y", prop: str = "population", country: str = "Chile") -> Row:
    return Row(label, TEXT, country, prop, 16_500_000.0, *SPAN)


def claim(
    value: float | None = 16_500_000.0,
    subject: str | None = "Chile",
    metric: str | None = "population",
    span: tuple[int, int] = SPAN,
    verdict: str | None = "unverified",
) -> Found:
    return Found(
        spans=(span,),
        value=value,
        subject=subject,
        metrics=(metric,) if metric else (),
        verdict=verdict,
        low=None if value is None else value - 50_000,
        high=None if value is None else value + 50_000,
    )


def test_the_span_is_the_number() -> None:
    assert TEXT[SPAN[0] : SPAN[1]] == "16.5 million"
    assert row().number_text == "16.5 million"


def test_parse_row_reads_every_field() -> None:
    parsed = parse_row(
        {
            "label": "N",
            "text": TEXT,
            "country": "Chile",
            "property": "population",
            "claimed": 6000000,
            "kb_value": 17000000,
            "num_start": 62,
            "num_end": 71,
        }
    )
    assert parsed == Row("N", TEXT, "Chile", "population", 6_000_000.0, 62, 71)
    assert not parsed.positive
    assert parsed.number_text == "6 million"


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        (((26, 38),), True),
        (((20, 27),), True),  # touches the first character
        (((37, 45),), True),
        (((0, 26),), False),  # ends where the number starts
        (((38, 50),), False),
        (((0, 5), (30, 31)), True),
        ((), False),
    ],
)
def test_overlaps(spans: tuple[tuple[int, int], ...], expected: bool) -> None:
    assert overlaps(spans, *SPAN) is expected


@pytest.mark.parametrize(
    ("claimed", "value", "expected"),
    [
        (16_500_000.0, 16_500_000.0, True),
        (15_000_000_000_000.0, 14_991_300_000_000.0, True),  # the set rounds to 3 digits
        (200.0, 201.0, True),  # exactly 0.5%
        (200.0, 201.2, False),
        (16_500_000.0, 16.5, False),  # scale lost
        (7.9, -7.9, False),
        (0.0, 0.0, True),
        (0.0, 0.001, False),
    ],
)
def test_same_value(claimed: float, value: float, expected: bool) -> None:
    assert same_value(claimed, value) is expected


@pytest.mark.parametrize(
    ("prop", "metric", "expected"),
    [
        ("population", "population", True),
        ("population", "total population", True),
        ("population", "number of inhabitants", True),
        ("population", "population density", False),
        ("population", "population growth rate", False),
        ("population", "area", False),
        ("gdp_nominal", "GDP", True),
        ("gdp_nominal", "gross domestic product", True),
        ("gdp_nominal", "GDP per capita", False),
        ("gdp_nominal", "defence expenditure", False),
        ("cpi_inflation_rate", "inflation", True),
        ("cpi_inflation_rate", "consumer price inflation", True),
        ("consumer_price_index", "Consumer Price Index", True),
        ("consumer_price_index", "price", False),
        ("gni_per_capita_in_ppp_dollars", "GNI per capita", True),
        ("gni_per_capita_in_ppp_dollars", "gross national income per capita", True),
        ("gni_per_capita_in_ppp_dollars", "GDP per capita", False),
        ("gni_per_capita_in_ppp_dollars", "health expenditure per capita", False),
        ("gni_in_ppp_dollars", "GNI", True),
        ("gni_in_ppp_dollars", "GNI per capita", False),
        ("gni_in_ppp_dollars", "GDP, PPP", False),
        ("fertility_rate", "fertility rate", True),
        ("fertility_rate", "births per woman", True),
        ("diesel_price_liter", "pump price for diesel fuel", True),
        ("diesel_price_liter", "price", False),
        ("population", "unpopular", False),  # word prefixes, not substrings
    ],
)
def test_names_property(prop: str, metric: str, expected: bool) -> None:
    assert names_property(prop, [metric]) is expected


def test_names_property_with_any_of_several_metrics() -> None:
    assert names_property("population", ["price", "population"])
    assert not names_property("population", [])


def test_normalised_name() -> None:
    assert normalised_name("St. Lucia") == normalised_name("Saint Lucia") == "saint lucia"
    assert normalised_name("the Gambia") == "gambia"
    assert normalised_name("Bosnia & Herzegovina") == "bosnia and herzegovina"
    assert normalised_name("São Tomé") == "sao tome"


@pytest.mark.parametrize(
    ("subject", "country", "expected"),
    [
        ("Chile", "Chile", True),
        ("Saint Lucia", "St. Lucia", True),
        ("St. Lucia", "St. Lucia", True),
        ("the Republic of Korea", "South Korea", True),
        ("South Korea", "Korea", True),  # the set's label for the Republic of Korea
        ("Bosnia and Herzegovina", "Bosnia", True),
        ("Bosnia", "Bosnia", True),
        ("Kosovo", "Kosovo", True),  # no ISO country: compared as text
        ("the United States", "United States", True),
        ("Chilean", "Chile", True),  # a demonym names its country
        ("Argentina", "Chile", False),
        ("Trinidad", "Trinidad and Tobago", False),
        ("Pump price", "Canada", False),
        ("Northern Ireland", "United Kingdom of Great Britain", False),
    ],
)
def test_same_entity(same: SameEntity, subject: str, country: str, expected: bool) -> None:
    assert same(subject, country) is expected


def test_a_right_claim_succeeds(same: SameEntity) -> None:
    outcome = score_row(row(), [claim()], same)
    assert outcome.kind == OK
    assert outcome.claim == claim()


def test_no_claim_at_all(same: SameEntity) -> None:
    outcome = score_row(row(), [], same)
    assert (outcome.kind, outcome.shape) == (NO_CLAIM, "no figure claimed in the sentence")


def test_a_claim_elsewhere_is_not_over_the_number(same: SameEntity) -> None:
    elsewhere = claim(value=6_000_000.0, span=(62, 71))
    outcome = score_row(row(), [elsewhere], same)
    assert (outcome.kind, outcome.shape) == (NO_CLAIM, "claims, none over the number")


def test_a_claim_without_a_value_does_not_count(same: SameEntity) -> None:
    assert score_row(row(), [claim(value=None)], same).kind == NO_CLAIM


def test_wrong_value_and_its_shape(same: SameEntity) -> None:
    outcome = score_row(row(), [claim(value=16.5)], same)
    assert (outcome.kind, outcome.shape) == (WRONG_VALUE, "scale off by 1e-6")
    assert score_row(row(), [claim(value=17_100_000.0)], same).shape == "another number"


def test_wrong_or_missing_subject(same: SameEntity) -> None:
    outcome = score_row(row(), [claim(subject="Argentina")], same)
    assert (outcome.kind, outcome.shape) == (WRONG_SUBJECT, "another subject")
    outcome = score_row(row(), [claim(subject=None)], same)
    assert (outcome.kind, outcome.shape) == (WRONG_SUBJECT, "no subject")


def test_metric_not_naming_the_property(same: SameEntity) -> None:
    outcome = score_row(row(), [claim(metric="area")], same)
    assert (outcome.kind, outcome.shape) == (WRONG_METRIC, "metric 'area'")
    assert score_row(row(), [claim(metric=None)], same).shape == "no metric"


def test_the_first_failing_check_is_reported(same: SameEntity) -> None:
    """Wrong subject and metric both: the subject comes first."""
    outcome = score_row(row(), [claim(subject="Peru", metric="area")], same)
    assert outcome.kind == WRONG_SUBJECT


def test_one_right_claim_among_wrong_ones_succeeds(same: SameEntity) -> None:
    found = [claim(subject="Peru"), claim(value=16.5), claim()]
    assert score_row(row(), found, same).kind == OK


def test_an_n_row_is_misattributed_only_when_all_three_match(same: SameEntity) -> None:
    negative = row(label="N")
    assert score_row(negative, [claim()], same).kind == MISATTRIBUTED
    assert score_row(negative, [claim(subject="Santiago")], same).kind == OK
    assert score_row(negative, [claim(metric="urban population growth")], same).kind == OK
    assert score_row(negative, [claim(value=16.6e6)], same).kind == OK
    assert score_row(negative, [], same).kind == OK


def test_summarise_counts_rates_and_kinds() -> None:
    rows = [row(), row(), row(prop="gdp_nominal"), row(label="N"), row(label="N")]
    outcomes = [
        Outcome(OK, ""),
        Outcome(NO_CLAIM, "no figure claimed in the sentence"),
        Outcome(WRONG_METRIC, "metric 'price'"),
        Outcome(MISATTRIBUTED, "metric 'population'"),
        Outcome(OK, ""),
    ]
    summary = summarise(rows, outcomes)
    assert (summary.rows, summary.y_rows, summary.n_rows) == (5, 3, 2)
    assert summary.y_rate == pytest.approx(1 / 3)
    assert summary.n_rate == pytest.approx(0.5)
    assert summary.errors == {NO_CLAIM: 1, WRONG_METRIC: 1}
    assert summary.by_property == {"gdp_nominal": (0, 1), "population": (1, 2)}
    assert summary.shapes[(MISATTRIBUTED, "metric 'population'")] == 1


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("In 2011 the population of Peru was 29.4 million.", "29.4 million", 2011),
        ("The population of Peru was 29.4 million.", "29.4 million", None),
        ("Peru counted 2013 births in 1990 and 2011 ... 2 in 2012.", "2 in", 2012),
        ("Peru's 2008-09 survey found 28.2 million people.", "28.2", 2008),
        ("The economy was worth 2013 billion dollars.", "2013", None),  # the figure itself
        ("Peru had 29,400,000 people in 2012.", "29,400,000", 2012),  # no year inside it
        # a year followed by a comma is still a year, and the nearest one
        ("Peru had 27 million people in July 2000, up from the 1993 count.", "27 million", 2000),
    ],
)
def test_stated_year(text: str, number: str, expected: int | None) -> None:
    start = text.index(number)
    assert stated_year(text, start, start + len(number)) == expected


@pytest.mark.parametrize(
    ("written", "claimed", "expected"),
    [
        ("177.1 million", 177_100_000.0, (177_050_000.0, 177_150_000.0)),
        ("29,928,987", 29_928_987.0, (29_928_986.5, 29_928_987.5)),
        ("6.834", 6.834, (6.8335, 6.8345)),
        ("13 million", 13_000_000.0, (12_500_000.0, 13_500_000.0)),
    ],
)
def test_stated_interval(written: str, claimed: float, expected: tuple[float, float]) -> None:
    low, high = stated_interval(written, claimed)
    assert low == pytest.approx(expected[0])
    assert high == pytest.approx(expected[1])


@pytest.mark.parametrize(
    ("claimed", "reference", "expected"),
    [
        (100.0, 100.4, SUPPORTED),
        (100.0, 95.0, None),  # outside the tolerance, within 10%: either verdict
        (100.0, 120.0, DISPUTED),
        (100.0, 80.0, DISPUTED),
    ],
)
def test_expected_verdict(claimed: float, reference: float, expected: str | None) -> None:
    assert expected_verdict(claimed, reference, 99.5, 100.5) == expected


def test_verdict_case_uses_the_tools_interval_for_a_right_claim() -> None:
    right = claim(verdict=SUPPORTED)  # accepts 16.45-16.55 million
    case = verdict_case(0, row(), Outcome(OK, "", right), 16_540_000.0, 2011)
    assert (case.expected, case.got) == (SUPPORTED, SUPPORTED)
    # without a right claim the figure's written precision decides (16.45-16.55 too)
    case = verdict_case(0, row(), Outcome(NO_CLAIM, "", None), 16_540_000.0, 2011)
    assert (case.expected, case.got) == (SUPPORTED, "no claim")
    case = verdict_case(0, row(), Outcome(WRONG_SUBJECT, "", right), 20_000_000.0, 2011)
    assert (case.expected, case.got) == (DISPUTED, "no claim")
    assert case.off == pytest.approx(0.175)


def test_summarise_verdicts_counts_agreement_and_far_off_support() -> None:
    cases = [
        VerdictCase(0, 2011, 100.0, SUPPORTED, SUPPORTED, 0.001),
        VerdictCase(1, 2011, 100.0, DISPUTED, DISPUTED, 0.3),
        VerdictCase(2, 2011, 100.0, DISPUTED, SUPPORTED, 0.3),
        VerdictCase(3, 2011, 100.0, SUPPORTED, "unverified", 0.0),
        VerdictCase(4, 2011, 100.0, None, SUPPORTED, 0.05),
    ]
    summary = summarise_verdicts(cases)
    assert (summary.covered, summary.scored, summary.agreeing) == (5, 4, 2)
    assert summary.agreement == pytest.approx(0.5)
    assert summary.supported_far_off == 1
    assert summary.table["disputed"] == {"disputed": 1, "supported": 1}
    assert summary.table["either"] == {"supported": 1}


def _write_world(folder: Path) -> None:
    header = "entity,metric,period,value,unit,url,note\n"
    folder.mkdir()
    (folder / "population.csv").write_text(
        header + "Chile,population,2011,17000000,persons,,\nKorea Rep.,population,2011,1,,,\n",
        encoding="utf-8",
    )
    (folder / "gdp.csv").write_text(
        header
        + "South Korea,GDP,2011,1200000000000,USD,,\n"
        + "South Korea,GDP per capita,2011,24000,USD,,\n",
        encoding="utf-8",
    )
    (folder / "inflation.csv").write_text(
        header + "Chile,inflation,2011,3.3,%,,\nChile,inflation,2011-07,9.9,%,,\n",
        encoding="utf-8",
    )


def test_load_world(tmp_path: Path, same: SameEntity) -> None:
    assert load_world(tmp_path / "absent", same) is None
    folder = tmp_path / "world"
    _write_world(folder)
    world = load_world(folder, same)
    assert world == {
        ("population", "CHL", 2011): 17_000_000.0,
        ("gdp_nominal", "KOR", 2011): 1_200_000_000_000.0,  # not the per-capita row
        ("cpi_inflation_rate", "CHL", 2011): 3.3,  # yearly periods only
    }


def _claim_record(text: str, start: int, end: int, written: str) -> Claim:
    quantity = Quantity(value=100.0, unit=None, text=written)
    return Claim("c1", text[start:end], text, start, end, ClaimType.QUANTITY, quantity=quantity)


def test_number_spans_find_the_figure_not_a_longer_number() -> None:
    text = "In 1005 the index (2005 = 100) stood at 100.5, not 100."
    record = _claim_record(text, 0, len(text), "100")
    assert number_spans(record, text) == ((26, 29), (51, 54))


def test_number_spans_fall_back_to_the_claims_span() -> None:
    text = "Prices rose by a hundred percent."
    record = _claim_record(text, 0, 32, "100%")
    assert number_spans(record, text) == ((0, 32),)
