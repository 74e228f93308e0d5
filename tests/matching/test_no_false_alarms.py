"""Shapes of real news that the built-in sources once disputed wrongly.

Each sentence below is written for this test after a shape found in real 2004-2005
news (the realnews pool): with the built-in sources, each gave a disputed verdict
on a claim the text does not make. The claim must now be reported, with the right
reading, and not disputed.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from factcheck.pipeline import Checker
from factcheck.records import Article, CheckedClaim, ClaimType, PublishedSource, Verdict
from tests.conftest import DEFAULT_SOURCES

PUBLISHED = date(2005, 6, 1)


@pytest.fixture(scope="module")
def checker(nlp: Language) -> Checker:
    return Checker.from_path(nlp, DEFAULT_SOURCES)


def claim_over(checker: Checker, text: str, figure: str) -> CheckedClaim:
    report = checker.check(Article("news.txt", text, "-", PUBLISHED, PublishedSource.OPTION))
    at = text.index(figure)
    found = [c for c in report.claims if c.claim.quantity and c.claim.start <= at < c.claim.end]
    assert found, f"no figure claim over {figure!r}: {[c.claim.text for c in report.claims]}"
    return found[0]


def test_a_percentage_rise_of_gdp_is_real_growth_not_the_dollar_series(checker: Checker) -> None:
    # The current-dollar series rose 12.5% in 2004 (exchange rates); real growth was 1.2%.
    text = "Germany is Europe's largest economy. Its gross domestic product rose by 1.7% in 2004."
    checked = claim_over(checker, text, "1.7%")
    assert (checked.claim.type, checked.claim.predicate) == (ClaimType.CHANGE, "real GDP growth")
    assert checked.verdict is not Verdict.DISPUTED


def test_a_change_within_the_spread_of_the_levels_is_not_disputed(checker: Checker) -> None:
    # world-gdp: +12.5% for Germany from 2003 to 2004; its levels are known to 5%.
    checked = claim_over(checker, "Germany's nominal GDP rose by 12% in 2004.", "12%")
    assert checked.claim.predicate == "GDP"
    assert checked.verdict is Verdict.UNVERIFIED
    assert "not disputed" in checked.explanation


def test_a_fraction_is_never_a_count(checker: Checker) -> None:
    text = "In Bethnal Green, the Bangladeshi population makes up almost half the electorate."
    checked = claim_over(checker, text, "almost half")
    assert checked.claim.type is ClaimType.QUANTITY  # 'makes up' is no rise
    assert checked.verdict is Verdict.UNVERIFIED
    assert checked.evidence == ()


def test_a_two_letter_code_prose_does_not_write_names_no_country(checker: Checker) -> None:
    # "SA" is Saudi Arabia's ISO code; this article is about South Africa.
    text = (
        "SA unveils budget for the poor\n\n"
        "The finance minister said inflation fell to 4.3% in 2004.\n"
    )
    checked = claim_over(checker, text, "4.3%")
    assert checked.verdict is Verdict.UNVERIFIED
    assert all("Saudi Arabia" not in e.summary for e in checked.evidence)


def test_a_statistics_office_is_not_whose_figure_it_is(checker: Checker) -> None:
    text = "Statistics Canada said the unemployment rate rose to 7.2% in 2004."
    checked = claim_over(checker, text, "7.2%")
    assert checked.claim.subject == "Canada"
