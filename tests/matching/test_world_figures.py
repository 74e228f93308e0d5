"""Figures whose text names no one: the world is tried, and may support but never dispute."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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


GROWTH = """entity,metric,period,value,unit,url,note
Mexico,GDP growth,2023,3.2,%,https://example.org/gdp,
Mexico,GDP growth,2022,3.9,%,https://example.org/gdp,
"""


@pytest.mark.parametrize(("stated", "verdict"), [(3.2, Verdict.SUPPORTED), (5.0, Verdict.DISPUTED)])
def test_a_change_against_a_table_of_rates_is_checked_as_the_rate(
    tmp_path: Path, stated: float, verdict: Verdict
) -> None:
    (tmp_path / "gdp.csv").write_text(GROWTH, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "gdp"\nkind = "table"\npath = "gdp.csv"\n', encoding="utf-8"
    )
    resolver = EntityResolver()
    matcher = Matcher(
        load_sources(load_config(tmp_path / "sources.toml"), resolver), resolver, date(2024, 2, 8)
    )
    claim = Claim(
        id="c1", text="t", sentence="t", start=0, end=1, type=ClaimType.CHANGE, subject="Mexico",
        predicate="GDP growth", quantity=Quantity(stated, "%", precision=0.1), direction="up",
        time=TimeSpan(date(2023, 1, 1), date(2023, 12, 31), "in 2023"),
    )  # fmt: skip
    checked = matcher.check(claim)
    assert checked.verdict is verdict
    assert "3.2%" in checked.explanation
