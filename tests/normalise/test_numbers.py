"""Tests for the number and quantity normaliser (factcheck.normalise.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.normalise.numbers import find_quantities, parse_quantity

NBSP, NNBSP = "\u00a0", "\u202f"

# text, value, unit, lower, upper, approximate, precision
PARSED: list[tuple[str, float, str | None, float | None, float | None, bool, float]] = [
    # digits, separators, decimals
    ("32", 32, None, None, None, False, 1),
    ("1,340", 1340, None, None, None, False, 10),
    ("12,000", 12000, None, None, None, False, 1000),
    ("816 000", 816000, None, None, None, False, 1000),
    (f"816{NNBSP}000", 816000, None, None, None, False, 1000),
    (f"816{NBSP}000", 816000, None, None, None, False, 1000),
    ("1,264,126.5", 1264126.5, None, None, None, False, 0.1),
    ("0.5", 0.5, None, None, None, False, 0.1),
    ("2", 2, None, None, None, False, 1),
    ("0", 0, None, None, None, False, 1),
    # negatives
    ("-3.2%", -3.2, "%", None, None, False, 0.1),
    ("−3.2%", -3.2, "%", None, None, False, 0.1),
    ("minus 4", -4, None, None, None, False, 1),
    ("negative 2%", -2, "%", None, None, False, 1),
    ("-$5bn", -5e9, "USD", None, None, False, 1e9),
    # scale words and abbreviations
    ("1.3 trillion", 1.3e12, None, None, None, False, 1e11),
    ("1.5 million", 1.5e6, None, None, None, False, 1e5),
    ("3 thousand", 3000, None, None, None, False, 1000),
    ("5k", 5000, None, None, None, False, 1000),
    ("5M", 5e6, None, None, None, False, 1e6),
    ("7mn", 7e6, None, None, None, False, 1e6),
    # South Asian scale words
    ("615 crore rupees", 6.15e9, "INR", None, None, False, 1e7),
    ("Rs 40 crore", 4e8, "INR", None, None, False, 1e7),
    ("Rs. 1,200", 1200, "INR", None, None, False, 100),
    ("₹2.5 lakh", 2.5e5, "INR", None, None, False, 1e4),
    ("₹45 lakh crore", 4.5e13, "INR", None, None, False, 1e12),
    ("3 lakhs", 3e5, None, None, None, False, 1e5),
    ("7 mln", 7e6, None, None, None, False, 1e6),
    ("4bln", 4e9, None, None, None, False, 1e9),
    ("2trn", 2e12, None, None, None, False, 1e12),
    # money: symbols, codes and names before or after
    ("$860bn", 8.6e11, "USD", None, None, False, 1e9),
    ("$1.26 tn", 1.26e12, "USD", None, None, False, 1e10),
    ("$1.26tn", 1.26e12, "USD", None, None, False, 1e10),
    ("$860,000 m", 8.6e11, "USD", None, None, False, 1e6),
    ("US$1.3 trillion", 1.3e12, "USD", None, None, False, 1e11),
    ("1.3 trillion US dollars", 1.3e12, "USD", None, None, False, 1e11),
    ("1.3 trillion U.S. dollars", 1.3e12, "USD", None, None, False, 1e11),
    ("5 billion US dollars", 5e9, "USD", None, None, False, 1e9),
    ("500 dollars", 500, "USD", None, None, False, 100),
    ("USD 5bn", 5e9, "USD", None, None, False, 1e9),
    ("5bn USD", 5e9, "USD", None, None, False, 1e9),
    ("€45bn", 4.5e10, "EUR", None, None, False, 1e9),
    ("€45m", 4.5e7, "EUR", None, None, False, 1e6),
    ("45 billion euros", 4.5e10, "EUR", None, None, False, 1e9),
    ("EUR 12.5m", 1.25e7, "EUR", None, None, False, 1e5),
    ("£5m", 5e6, "GBP", None, None, False, 1e6),
    ("5m pounds", 5e6, "GBP", None, None, False, 1e6),
    ("3 billion pounds sterling", 3e9, "GBP", None, None, False, 1e9),
    ("300m sterling", 3e8, "GBP", None, None, False, 1e6),
    ("GBP 7", 7, "GBP", None, None, False, 1),
    ("¥1.2 trillion", 1.2e12, "JPY", None, None, False, 1e11),
    ("500 billion yen", 5e11, "JPY", None, None, False, 1e9),
    ("20 billion yuan", 2e10, "CNY", None, None, False, 1e9),
    ("20 billion renminbi", 2e10, "CNY", None, None, False, 1e9),
    ("CNY 3bn", 3e9, "CNY", None, None, False, 1e9),
    ("CHF 3m", 3e6, "CHF", None, None, False, 1e6),
    ("KZT 300bn", 3e11, "KZT", None, None, False, 1e9),  # via pycountry
    ("300bn KZT", 3e11, "KZT", None, None, False, 1e9),
    ("A$5bn", 5e9, "AUD", None, None, False, 1e9),
    ("$5b", 5e9, "USD", None, None, False, 1e9),
    ("$5k", 5000, "USD", None, None, False, 1000),
    # percent and points
    ("2%", 2, "%", None, None, False, 1),
    ("2.45%", 2.45, "%", None, None, False, 0.01),
    ("2 %", 2, "%", None, None, False, 1),
    ("8.3 per cent", 8.3, "%", None, None, False, 0.1),
    ("8.3 percent", 8.3, "%", None, None, False, 0.1),
    ("2 percentage points", 2, "pp", None, None, False, 1),
    ("0.5 percentage point", 0.5, "pp", None, None, False, 0.1),
    ("25 basis points", 25, "bp", None, None, False, 1),
    # measures
    ("1,340-kilometre", 1340, "km", None, None, False, 10),
    ("1,340 kilometres", 1340, "km", None, None, False, 10),
    ("1,340 kilometers", 1340, "km", None, None, False, 10),
    ("1,340 km", 1340, "km", None, None, False, 10),
    ("1,340km", 1340, "km", None, None, False, 10),
    ("830 miles", 830, "mi", None, None, False, 10),
    ("5m", 5, "m", None, None, False, 1),
    ("100 metres", 100, "m", None, None, False, 100),
    ("5 kg", 5, "kg", None, None, False, 1),
    ("3 tonnes", 3, "t", None, None, False, 1),
    ("3t", 3, "t", None, None, False, 1),
    ("3 tons", 3, "t", None, None, False, 1),
    ("1.2 million tonnes", 1.2e6, "t", None, None, False, 1e5),
    ("600 MW", 600, "MW", None, None, False, 100),
    ("1.6GW", 1.6, "GW", None, None, False, 0.1),
    ("35 TWh", 35, "TWh", None, None, False, 1),
    ("5-year", 5, "year", None, None, False, 1),
    ("two-day", 2, "day", None, None, False, 1),
    ("338,000 square kilometres", 338000, "km2", None, None, False, 1000),
    # number words
    ("two", 2, None, None, None, False, 1),
    ("one", 1, None, None, None, False, 1),
    ("twenty-five", 25, None, None, None, False, 1),
    ("twenty five", 25, None, None, None, False, 1),
    ("twenty", 20, None, None, None, False, 10),
    ("three hundred", 300, None, None, None, False, 100),
    ("three hundred and twelve", 312, None, None, None, False, 1),
    ("a hundred", 100, None, None, None, False, 100),
    ("a dozen", 12, None, None, None, False, 1),
    ("two dozen", 24, None, None, None, False, 1),
    ("half a dozen", 6, None, None, None, False, 1),
    ("a million", 1e6, None, None, None, False, 1e6),
    ("a hundred thousand", 1e5, None, None, None, False, 1e5),
    ("half a million", 5e5, None, None, None, False, 5e5),
    ("one and a half million", 1.5e6, None, None, None, False, 5e5),
    ("two and a half", 2.5, None, None, None, False, 0.5),
    ("two million", 2e6, None, None, None, False, 1e6),
    ("two percent", 2, "%", None, None, False, 1),
    ("five per cent", 5, "%", None, None, False, 1),
    ("two billion dollars", 2e9, "USD", None, None, False, 1e9),
    ("a billion euros", 1e9, "EUR", None, None, False, 1e9),
    # fractions
    ("a third", 1 / 3, None, None, None, False, 0),
    ("a third of", 1 / 3, None, None, None, False, 0),
    ("one third", 1 / 3, None, None, None, False, 0),
    ("one-third", 1 / 3, None, None, None, False, 0),
    ("two-thirds", 2 / 3, None, None, None, False, 0),
    ("two thirds", 2 / 3, None, None, None, False, 0),
    ("three quarters", 0.75, None, None, None, False, 0),
    ("a quarter of", 0.25, None, None, None, False, 0),
    ("half of", 0.5, None, None, None, False, 0),
    ("a half", 0.5, None, None, None, False, 0),
    ("a fifth", 0.2, None, None, None, False, 0),
    # approximation words: value ± max(precision / 2, 5%)
    ("about 40", 40, None, 35, 45, True, 10),
    ("around 2%", 2, "%", 1.5, 2.5, True, 1),
    ("roughly 1.3 trillion", 1.3e12, None, 1.235e12, 1.365e12, True, 1e11),
    ("approximately 816", 816, None, 775.2, 856.8, True, 1),
    ("some 40", 40, None, 35, 45, True, 10),
    ("an estimated 1.3 trillion US dollars", 1.3e12, "USD", 1.235e12, 1.365e12, True, 1e11),
    ("circa 312", 312, None, 296.4, 327.6, True, 1),
    ("c. 312", 312, None, 296.4, 327.6, True, 1),
    ("~5%", 5, "%", 4.5, 5.5, True, 1),
    ("about a third", 1 / 3, None, 1 / 3 * 0.95, 1 / 3 * 1.05, True, 0),
    ("50 or so", 50, None, 45, 55, True, 10),
    # nearly: [0.9 v, v]; just over: [v, 1.1 v]
    ("nearly 40", 40, None, 36, 40, True, 10),
    ("almost 2%", 2, "%", 1.8, 2, True, 1),
    ("close to $1bn", 1e9, "USD", 9e8, 1e9, True, 1e9),
    ("just under 1,000", 1000, None, 900, 1000, True, 1000),
    ("nearly a third", 1 / 3, None, 0.3, 1 / 3, True, 0),
    ("nearly -5%", -5, "%", -5, -4.5, True, 1),
    ("just over 40", 40, None, 40, 44, True, 10),
    # direction words: one-sided bounds, not approximate
    ("more than 30", 30, None, 30, None, False, 10),
    ("More than 30", 30, None, 30, None, False, 10),
    ("over $1bn", 1e9, "USD", 1e9, None, False, 1e9),
    ("above 2%", 2, "%", 2, None, False, 1),
    ("exceeding 5 million", 5e6, None, 5e6, None, False, 1e6),
    ("upwards of 500", 500, None, 500, None, False, 100),
    ("at least 2%", 2, "%", 2, None, False, 1),
    ("40-plus", 40, None, 40, None, False, 10),
    ("1,000 or more", 1000, None, 1000, None, False, 1000),
    ("up to 300", 300, None, None, 300, False, 100),
    ("at most 5", 5, None, None, 5, False, 1),
    ("less than 1%", 1, "%", None, 1, False, 1),
    ("under 5", 5, None, None, 5, False, 1),
    ("below 2 percent", 2, "%", None, 2, False, 1),
    ("fewer than 300", 300, None, None, 300, False, 100),
    ("no more than 4", 4, None, None, 4, False, 1),
    # ranges: the midpoint, the ends as bounds
    ("10-15%", 12.5, "%", 10, 15, False, 1),
    ("10–15%", 12.5, "%", 10, 15, False, 1),
    ("10%-15%", 12.5, "%", 10, 15, False, 1),
    ("10 to 15 per cent", 12.5, "%", 10, 15, False, 1),
    ("between 3 and 4 million", 3.5e6, None, 3e6, 4e6, False, 1e6),
    ("between 2% and 3%", 2.5, "%", 2, 3, False, 1),
    ("$3-4bn", 3.5e9, "USD", 3e9, 4e9, False, 1e9),
    ("$3bn-$4bn", 3.5e9, "USD", 3e9, 4e9, False, 1e9),
    ("3bn-4bn dollars", 3.5e9, "USD", 3e9, 4e9, False, 1e9),
    ("two to three million", 2.5e6, None, 2e6, 3e6, False, 1e6),
    ("300 to 400 troops", 350, None, 300, 400, False, 100),
    ("about 10-15%", 12.5, "%", 10, 15, True, 1),
]


@pytest.mark.parametrize(
    ("text", "value", "unit", "lower", "upper", "approximate", "precision"), PARSED
)
def test_parse_quantity(
    text: str,
    value: float,
    unit: str | None,
    lower: float | None,
    upper: float | None,
    approximate: bool,
    precision: float,
) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(value, rel=1e-9)
    assert quantity.unit == unit
    assert quantity.lower == (None if lower is None else pytest.approx(lower, rel=1e-9))
    assert quantity.upper == (None if upper is None else pytest.approx(upper, rel=1e-9))
    assert quantity.approximate is approximate
    assert quantity.precision == pytest.approx(precision, rel=1e-9)


NOT_QUANTITIES = [
    "2023",
    "in 1949",
    "around 2000",
    "2012-13",
    "2014-2023",
    "between 2014 and 2023",
    "3rd",
    "on the 3rd",
    "31st",
    "first",
    "the third largest",
    "4 April 2023",
    "July 11-12",
    "11-12 July",
    "the 4th of July",
    "10:30",
    "5pm",
    "10 am",
    "12/05/2023",
    "24/7",
    "G7",
    "Covid-19",
    "F-35",
    "Boeing 737",
    "the Boeing 737",
    "Article 5",
    "No. 10",
    "#12",
    "+44 20 7946 0958",
    "007",
    "the 1990s",
    "5G",
    "v1.2.3",
    "One of the main topics",
    "no one",
    "the one who",
    "one-off",
    "a",
    "an",
    "a lot of money",
    "dozens",
    "dozens of ships",
    "hundreds of people",
    "thousands",
    "tens of thousands",
    "millions of dollars",
    "some analysts",
    "more than doubled",
    "a third term",
    "half-hearted",
    "the second half",
    "5-2",
    "centuries-old",
    "",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []
    assert parse_quantity(text) is None


# sentence, the expressions found in order
SPANS: list[tuple[str, list[str]]] = [
    (
        "NATO member states will reach 1.3 trillion US dollars in 2023.",
        ["1.3 trillion US dollars"],
    ),
    ("One of the main topics.", []),
    ("According to Russian media reports on the 3rd, it rose.", []),
    ("the two sides established some mechanisms", ["two"]),
    ("Both countries have abandoned centuries-old traditions.", []),
    ("The border is 1,340 kilometres long.", ["1,340 kilometres"]),
    ("a 1,340-kilometre border", ["1,340-kilometre"]),
    ("a 5-year plan", ["5-year"]),
    ("The US spent $860bn, about 68% of the total.", ["$860bn", "about 68%"]),
    ("Spending rose 2 percentage points to 2.45%.", ["2 percentage points", "2.45%"]),
    ("It grew by a third in 2023.", ["a third"]),
    ("a quarter of members and half of them", ["a quarter", "half"]),
    ("from 10 to 15 per cent", ["10", "15 per cent"]),
    ("between 3 and 4 million people", ["between 3 and 4 million"]),
    ("Sweden joined on 7 March 2024, the 32nd member.", []),
    ("The summit on July 11-12 in Vilnius drew 40 leaders.", ["40"]),
    ("At 10:30 on 4 April 2023, Finland became member 31.", ["31"]),
    ("G7 leaders and Covid-19 and F-35 jets", []),
    ("Only one country said no one would.", ["one"]),
    ("They ordered 20 Boeing 737 jets.", ["20"]),
    ("Room 101, Windows 10 and the iPhone 15 cost 5 dollars", ["5 dollars"]),
    ("US$5bn and €45bn, or 5 billion US dollars", ["US$5bn", "€45bn", "5 billion US dollars"]),
    ("a loss of -3.2% after gains of 10-15%", ["-3.2%", "10-15%"]),
    ("(-3.2%)", ["-3.2%"]),
    ("nearly 40, more than 30, up to 10", ["nearly 40", "more than 30", "up to 10"]),
    ("It won 5-2 and scored 3 goals.", ["3"]),
    ("In 2023, 12,000 troops and 816 000 civilians", ["12,000", "816 000"]),
    ("the 2012-13 season had 38 games", ["38"]),
    ("twenty-five members, a dozen envoys", ["twenty-five", "a dozen"]),
]


@pytest.mark.parametrize(("text", "expressions"), SPANS)
def test_find_quantities_spans(text: str, expressions: list[str]) -> None:
    found = find_quantities(text)
    assert [text[m.start : m.end] for m in found] == expressions
    for match in found:
        assert match.quantity.text == text[match.start : match.end]


KINDS = [
    ("$860bn", "money"),
    ("2%", "percent"),
    ("2 percentage points", "points"),
    ("1,340 km", "measure"),
    ("32 members", "count"),
    ("a third", "fraction"),
    ("two-thirds", "fraction"),
    ("10-15%", "percent"),
    ("$3-4bn", "money"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_kinds(text: str, kind: str) -> None:
    found = find_quantities(text)
    assert found
    assert found[0].kind == kind


def test_offsets_are_relative_to_the_text_given() -> None:
    text = "Spending will reach 1.3 trillion US dollars in 2023."
    [match] = find_quantities(text)
    assert (match.start, match.end) == (20, 43)


# --- property tests: render values in many surface forms and read them back --------------

# (template, unit, power of ten). {v} plain digits, {c} comma thousands, {s} narrow spaces;
# what follows "|" is context, not part of the expression.
FORMS: list[tuple[str, str | None, int]] = [
    ("{v} million", None, 6),
    ("{c} thousand", None, 3),
    ("${v}bn", "USD", 9),
    ("${v} bn", "USD", 9),
    ("US${v} tn", "USD", 12),
    ("{c} US dollars", "USD", 0),
    ("{v} billion US dollars", "USD", 9),
    ("USD {c}", "USD", 0),
    ("{c} USD", "USD", 0),
    ("€{v}m", "EUR", 6),
    ("{v} trillion euros", "EUR", 12),
    ("{c} euros", "EUR", 0),
    ("£{v}k", "GBP", 3),
    ("{v} billion pounds", "GBP", 9),
    ("¥{v}bn", "JPY", 9),
    ("{v} billion yuan", "CNY", 9),
    ("{v}%", "%", 0),
    ("{v} per cent", "%", 0),
    ("{v} percent", "%", 0),
    ("{v} percentage points", "pp", 0),
    ("{c} km", "km", 0),
    ("{c}-kilometre", "km", 0),
    ("{s} kilometres", "km", 0),
    ("{c} tonnes", "t", 0),
    ("{c}| troops", None, 0),
    ("{s}| people", None, 0),
]

integers = st.integers(min_value=0, max_value=999_999)
decimals = st.one_of(st.just(""), st.integers(min_value=0, max_value=999).map(str))


def _render(template: str, whole: int, fraction: str) -> str:
    tail = f".{fraction}" if fraction else ""
    return template.replace("|", "").format(
        v=f"{whole}{tail}",
        c=f"{whole:,}{tail}",
        s=f"{whole:,}".replace(",", NNBSP) + tail,
    )


@settings(max_examples=300, deadline=None)
@given(form=st.sampled_from(FORMS), whole=integers, fraction=decimals)
def test_rendered_values_read_back(
    form: tuple[str, str | None, int], whole: int, fraction: str
) -> None:
    template, unit, power = form
    text = _render(template, whole, fraction)
    expected = float(Decimal(f"{whole}.{fraction or 0}").scaleb(power))
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert quantity.value == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert quantity.unit == unit
    assert quantity.text == _render(template.partition("|")[0], whole, fraction)
    assert quantity.precision > 0


@settings(max_examples=200, deadline=None)
@given(form=st.sampled_from(FORMS), whole=integers, fraction=decimals)
def test_negative_values_read_back(
    form: tuple[str, str | None, int], whole: int, fraction: str
) -> None:
    template, unit, power = form
    text = "-" + _render(template, whole, fraction)
    expected = -float(Decimal(f"{whole}.{fraction or 0}").scaleb(power))
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert quantity.value == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert quantity.unit == unit


@settings(max_examples=200, deadline=None)
@given(whole=integers, fraction=decimals, word=st.sampled_from(["about", "around", "roughly"]))
def test_approximation_bounds_contain_the_value(whole: int, fraction: str, word: str) -> None:
    text = _render(f"{word} ${{v}}bn", whole, fraction)
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.approximate
    assert quantity.lower is not None and quantity.upper is not None
    assert quantity.lower <= quantity.value <= quantity.upper
    margin = max(quantity.precision / 2, 0.05 * quantity.value)
    assert quantity.upper - quantity.value == pytest.approx(margin, rel=1e-9, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    low=st.integers(min_value=0, max_value=9_999),
    width=st.integers(min_value=1, max_value=9_999),
    template=st.sampled_from(["{a}-{b}%", "{a} to {b} per cent", "between {a} and {b}%"]),
)
def test_ranges_give_midpoint_and_ends(low: int, width: int, template: str) -> None:
    high = low + width
    quantity = parse_quantity(template.format(a=low, b=high))
    assert quantity is not None
    assert quantity.unit == "%"
    assert (quantity.lower, quantity.upper) == (low, high)
    assert quantity.value == pytest.approx((low + high) / 2)


ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(number: int, *, british: bool) -> str:
    """English words for 0..999: "three hundred and twelve", "forty-two"."""
    hundreds, rest = divmod(number, 100)
    parts = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest or not hundreds:
        tens, ones = divmod(rest, 10)
        spelled = ONES[rest] if rest < 20 else TENS[tens] + (f"-{ONES[ones]}" if ones else "")
        parts.append(("and " if hundreds and british else "") + spelled)
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=999),
    british=st.booleans(),
    scale=st.sampled_from([("", 1), (" thousand", 10**3), (" million", 10**6)]),
    suffix=st.sampled_from([("", None), (" percent", "%"), (" euros", "EUR")]),
)
def test_number_words_read_back(
    number: int,
    british: bool,
    scale: tuple[str, int],
    suffix: tuple[str, str | None],
) -> None:
    text = _spell(number, british=british) + scale[0] + suffix[0]
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert quantity.value == number * scale[1]
    assert quantity.unit == suffix[1]
    assert quantity.text == text


_SNIPPETS = [
    "1,340", "2023", "-", "%", "$", "€", "bn", "m", "about", "nearly", "more than", "up to",
    "between", "and", "to", "from", "a", "third", "half", "one", "two", "twenty", "hundred",
    "million", "per cent", "US dollars", "July", "3rd", "G", "7", ":", "/", ".", ",", "(", "15",
    "0.5", "816 000", "km", "-kilometre", "of", "Boeing", "No.", "+", "dozen",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from(_SNIPPETS), max_size=12),
    gaps=st.lists(st.sampled_from(["", " ", "  ", "\n"]), min_size=12, max_size=12),
)
def test_matches_are_ordered_and_match_their_text(parts: list[str], gaps: list[str]) -> None:
    text = "".join(part + gap for part, gap in zip(parts, gaps, strict=False))
    found = find_quantities(text)
    previous_end = 0
    for match in found:
        assert previous_end <= match.start < match.end <= len(text)
        assert match.quantity.text == text[match.start : match.end]
        assert match.kind in {"money", "percent", "points", "measure", "count", "fraction"}
        previous_end = match.end


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("shipments fell by about 14% to 226.6 million", ["about 14%", "226.6 million"]),
        ("receipts fell by 9% to $4.44 trillion", ["9%", "$4.44 trillion"]),
        ("between 10 to 15 million", ["10 to 15 million"]),
        ("$3 to 4 billion", ["$3 to 4 billion"]),
    ],
)
def test_a_rate_and_a_level_are_two_figures_not_a_range(text: str, spans: list[str]) -> None:
    assert [text[m.start : m.end] for m in find_quantities(text)] == spans
