"""Headlines and captions without a verb, checked end to end against two domains' sources.

"G7 summit in Hiroshima, 19-21 May 2023" states where and when an event was
held, and "Finland, NATO's 31st member since April 2023" a membership, as
plainly as a sentence does; altered copies (another city, another month,
another year) must turn disputed, as the same sentence with a verb does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.pipeline import Checker, packaged_sources
from factcheck.records import Article, ClaimType, PublishedSource, Verdict
from tests.conftest import CORPUS

JAPAN = CORPUS / "defence-japan-sipri-2023" / "sources.toml"
BODY = "\n\nLeaders met for three days. The talks ended with a joint statement.\n"


def verdicts(nlp: Language, sources: Path, headline: str, published: date) -> list[Verdict]:
    checker = Checker.from_path(nlp, sources)
    article = Article(
        path="headline.txt",
        text=headline + BODY,
        sha256="-",
        published=published,
        published_source=PublishedSource.OPTION,
        warnings=(),
    )
    report = checker.check(article)
    return [
        c.verdict
        for c in report.claims
        if c.claim.type is ClaimType.EVENT and c.claim.end <= len(headline)
    ]


@pytest.mark.parametrize(
    ("sources", "headline", "expected"),
    [
        (JAPAN, "G7 summit in Hiroshima, 19-21 May 2023", Verdict.SUPPORTED),
        (JAPAN, "G7 summit in Osaka, 19-21 May 2023", Verdict.DISPUTED),
        (JAPAN, "G7 summit in Hiroshima, 19-21 June 2023", Verdict.DISPUTED),
        (None, "NATO summit in Vilnius on 11-12 July 2023", Verdict.SUPPORTED),
        (None, "NATO summit in Riga on 11-12 July 2023", Verdict.DISPUTED),
        (None, "NATO summit, 11-12 July 2023", Verdict.SUPPORTED),
        (None, "Finland, NATO's 31st member since April 2023", Verdict.SUPPORTED),
        (None, "Finland, NATO's 31st member since April 2022", Verdict.DISPUTED),
        (None, "Sweden, a member of NATO since 2022", Verdict.DISPUTED),
    ],
)
def test_a_verbless_headline_is_checked(
    nlp: Language, sources: Path | None, headline: str, expected: Verdict
) -> None:
    found = verdicts(nlp, sources or packaged_sources(), headline, date(2023, 7, 30))
    assert found == [expected]
