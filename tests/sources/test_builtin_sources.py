"""Another article on the built-in sources' domain, written for this project, and altered copies.

The example article is one case; this one states other facts the built-in
knowledge base holds (summits, accessions, spending, rankings, the border),
one of them wrong on purpose (Finland did not join in 2022).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from spacy.language import Language

from factcheck.pipeline import Checker, packaged_sources
from factcheck.reading import read_article
from factcheck.records import CheckedClaim, ClaimType, Report, Verdict
from factcheck.reporting import report_to_dict, validate_report
from tests.conftest import DATA

ARTICLE = DATA / "articles" / "nato-anniversary-2024.txt"

Pick = Callable[[CheckedClaim], bool]


def about(
    predicate: str,
    subject: str | None = None,
    place: str | None = None,
    kind: ClaimType | None = None,
) -> Pick:
    def pick(checked: CheckedClaim) -> bool:
        claim = checked.claim
        return (
            claim.predicate == predicate
            and (kind is None or claim.type is kind)
            and (subject is None or claim.subject == subject)
            and (place is None or claim.place == place)
        )

    return pick


@pytest.fixture(scope="module")
def checker(nlp: Language) -> Checker:
    return Checker.from_path(nlp, packaged_sources())


def check(checker: Checker, text: str | None = None) -> Report:
    article = read_article(str(ARTICLE))
    report = checker.check(replace(article, text=text) if text else article)
    validate_report(report_to_dict(report))
    return report


def verdict_of(report: Report, pick: Pick) -> tuple[Verdict, str]:
    found = [c for c in report.claims if pick(c)]
    assert found, [(c.claim.predicate, c.claim.subject, c.claim.place) for c in report.claims]
    return found[0].verdict, found[0].explanation


def test_the_dateline_dates_the_article(checker: Checker) -> None:
    report = check(checker)
    assert (report.article.published.isoformat(), report.article.published_source.value) == (
        "2024-07-09",
        "dateline",
    )


@pytest.mark.parametrize(
    ("pick", "verdict", "says"),
    [
        (about("held in", place="Vilnius"), Verdict.SUPPORTED, "11-12 July 2023"),
        (about("held in", place="Madrid"), Verdict.SUPPORTED, "29-30 June 2022"),
        (about("member of", "Sweden"), Verdict.SUPPORTED, "7 March 2024"),
        (about("member of", "Finland"), Verdict.DISPUTED, "4 April 2023, not 2022"),
        (about("member of", "North Macedonia"), Verdict.SUPPORTED, "27 March 2020"),
        (about("defence expenditure", "United States"), Verdict.SUPPORTED, "860 billion"),
        (
            about("defence expenditure share of GDP", "Poland", kind=ClaimType.QUANTITY),
            Verdict.SUPPORTED,
            "3.9%",
        ),
        (
            about("defence expenditure share of GDP", "Poland", kind=ClaimType.RANKING),
            Verdict.SUPPORTED,
            "1st of 30",
        ),
        (
            about("defence expenditure", "Germany", kind=ClaimType.RANKING),
            Verdict.SUPPORTED,
            "2nd of 19",
        ),
        (about("border with Russia length", "Finland"), Verdict.SUPPORTED, "1,340 km"),
    ],
)
def test_claims_on_the_builtin_sources(
    checker: Checker, pick: Pick, verdict: Verdict, says: str
) -> None:
    found, explanation = verdict_of(check(checker), pick)
    assert found is verdict
    assert says in explanation


def test_the_opinion_is_not_a_claim(checker: Checker) -> None:
    report = check(checker)
    opinion = report.article.text.index("Critics say")
    assert all(c.claim.end <= opinion for c in report.claims)


@pytest.mark.parametrize(
    ("old", "new", "pick", "says"),
    [
        ("held in Vilnius", "held in Riga", about("held in", place="Riga"), "Vilnius"),
        (
            "Germany ranked second",
            "France ranked second",
            about("defence expenditure", "France"),
            "Germany",
        ),
        (
            "about 1,340 kilometres",
            "about 2,000 kilometres",
            about("border with Russia length"),
            "1,340",
        ),
        (
            "North Macedonia joined the alliance in 2020",
            "North Macedonia joined the alliance in 2012",
            about("member of", "North Macedonia"),
            "27 March 2020",
        ),
    ],
)
def test_altered_copies_are_disputed(
    checker: Checker, old: str, new: str, pick: Pick, says: str
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    assert old in text
    found, explanation = verdict_of(check(checker, text.replace(old, new)), pick)
    assert found is Verdict.DISPUTED
    assert says in explanation


@pytest.mark.parametrize(
    ("sentence", "verdict", "says"),
    [
        (
            "US military spending was more than ten times as much as Germany's in 2023.",
            Verdict.SUPPORTED,
            "860 billion",
        ),
        ("Germany spent more than France on defence in 2023.", Verdict.SUPPORTED, "56.6 billion"),
        ("Germany spent less than France on defence in 2023.", Verdict.DISPUTED, "56.6 billion"),
        ("Poland spends twice as much as Germany on defence.", Verdict.DISPUTED, "0.43 times"),
        (
            "The United States spent about $790 billion more on defence than Germany in 2023.",
            Verdict.SUPPORTED,
            "68.1 billion",
        ),
        (
            "The United States spent about $500 billion more on defence than Germany in 2023.",
            Verdict.DISPUTED,
            "68.1 billion",
        ),
    ],
)
def test_comparisons_are_computed_from_the_tables(
    checker: Checker, sentence: str, verdict: Verdict, says: str
) -> None:
    report = check(checker, sentence)
    (claim,) = [c for c in report.claims if c.claim.type is ClaimType.COMPARISON]
    assert claim.verdict is verdict
    assert says in claim.explanation


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        # the membership ran 1973-2020: "joined" names its first day, not any day of it
        ("Britain joined the European Union in 1985.", Verdict.DISPUTED),
        ("Britain joined the European Union in 1973.", Verdict.SUPPORTED),
        ("Croatia joined the European Union in 2013.", Verdict.SUPPORTED),
        ("Croatia joined the European Union in 2007.", Verdict.DISPUTED),
    ],
)
def test_joining_is_checked_against_the_first_day(
    checker: Checker, sentence: str, verdict: Verdict
) -> None:
    report = check(checker, f"EU enlargement\n\n{sentence}\n")
    found, explanation = verdict_of(report, lambda c: c.claim.predicate == "member of")
    assert found is verdict, explanation
