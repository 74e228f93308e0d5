"""Figures whose text names no one: the world is tried, and may support but never dispute."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.matching import Matcher
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, ClaimType, Quantity, TimeSpan, Verdict
from factcheck.sources import LoadedSources, load_config, load_sources

TABLE = """entity,metric,period,value,unit,url,note
World,electric car sales,2023,13800000,,https://example.org/ev,
World,electric car sales,2022,10220000,,https://example.org/ev,
China,electric car sales,2023,8100000,,https://example.org/ev,
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    folder = tmp_path_factory.mktemp("world")
    (folder / "ev.csv").write_text(TABLE, encoding="utf-8")
    (folder / "sources.toml").write_text(
        '[[source]]\nname = "ev"\nkind = "table"\npath = "ev.csv"\n', encoding="utf-8"
    )
    resolver = EntityResolver()
    sources: LoadedSources = load_sources(load_config(folder / "sources.toml"), resolver)
    return Matcher(sources, resolver, date(2024, 4, 23))


def figure(kind: ClaimType, value: float, unit: str | None, from_context: bool) -> Claim:
    return Claim(
        id="c1", text="t", sentence="t", start=0, end=1, type=kind,
        subject="China", subject_from_context=from_context, predicate="electric car sales",
        quantity=Quantity(value, unit, precision=1.0), direction="up",
        time=TimeSpan(date(2023, 1, 1), date(2023, 12, 31), "in 2023"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "value", "unit", "from_context", "verdict", "says"),
    [
        # China has no 2022 row: the change can only be the world's, and it agrees
        (ClaimType.CHANGE, 35, "%", True, Verdict.SUPPORTED, "World"),
        # the world's change disagrees: the text never said whose figure it was
        (ClaimType.CHANGE, 80, "%", True, Verdict.UNVERIFIED, "not disputed"),
        # a subject the text names is never swapped for the world
        (ClaimType.CHANGE, 35, "%", False, Verdict.UNVERIFIED, "No configured source"),
        # China's own figure is checked first when it exists
        (ClaimType.QUANTITY, 8_100_000, None, True, Verdict.SUPPORTED, "China"),
    ],
)
def test_world_figures(
    matcher: Matcher,
    kind: ClaimType,
    value: float,
    unit: str | None,
    from_context: bool,
    verdict: Verdict,
    says: str,
) -> None:
    checked = matcher.check(figure(kind, value, unit, from_context))
    assert checked.verdict is verdict
    assert says in checked.explanation
