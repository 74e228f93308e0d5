"""Relations a newsroom declares: one object per subject, and claims checked by date alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import ConfigError
from factcheck.matching.events import check_held, check_membership
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, ClaimType, TimeSpan, Verdict
from factcheck.sources import LoadedSources, load_config, load_sources

EVENTS = """subject,relation,object,date,end_date,place,url,note
Ada Lovelace,elected in,Northfield,2024-07-04,,Northfield,https://example.org/results,
Ada Lovelace,visited,Lisbon,2024-05-02,,Lisbon,https://example.org/diary,
Ada Lovelace,sworn in,Prime Minister,2024-07-05,,London,https://example.org/oath,
"""

TOML = """
[[source]]
name = "people"
kind = "events"
path = "events.csv"
[source.relations."elected in"]
verbs = ["win", "retain"]
single = true
[source.relations."visited"]
verbs = ["visit"]
[source.relations."sworn in"]
verbs = ["swear"]
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedSources, EntityResolver]:
    folder = tmp_path_factory.mktemp("relations")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    (folder / "sources.toml").write_text(TOML, encoding="utf-8")
    resolver = EntityResolver()
    return load_sources(load_config(folder / "sources.toml"), resolver), resolver


def event(relation: str, obj: str | None, time: TimeSpan | None = None) -> Claim:
    return Claim(
        id="c1", text="t", sentence="t", start=0, end=1, type=ClaimType.EVENT,
        subject="Ada Lovelace", predicate=relation, object=obj, time=time,
    )  # fmt: skip


def day(value: str) -> TimeSpan:
    parsed = date.fromisoformat(value)
    return TimeSpan(parsed, parsed, value)


@pytest.mark.parametrize(
    ("claim", "verdict", "says"),
    [
        (event("elected in", "Northfield"), Verdict.SUPPORTED, "Northfield"),
        (event("elected in", "Southport"), Verdict.DISPUTED, "Northfield"),  # one seat only
        (event("visited", "Porto"), None, None),  # visiting Lisbon does not rule out Porto
        (event("sworn in", None, day("2024-07-05")), Verdict.SUPPORTED, "5 July 2024"),
        (event("sworn in", None, day("2024-07-12")), Verdict.DISPUTED, "5 July 2024"),
        (event("sworn in", None), None, None),  # neither object nor date: nothing to check
    ],
)
def test_single_relations_and_dated_claims(
    loaded: tuple[LoadedSources, EntityResolver],
    claim: Claim,
    verdict: Verdict | None,
    says: str | None,
) -> None:
    sources, resolver = loaded
    outcome = check_membership(claim, sources.events, resolver, date(2024, 7, 10))
    if verdict is None:
        assert outcome is None
        return
    assert outcome is not None and outcome.verdict is verdict
    assert says is not None and says in outcome.explanation


def test_single_must_be_true_or_false(tmp_path: Path) -> None:
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(TOML.replace("single = true", 'single = "yes"'))
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "sources.toml")
    assert "key 'relations.\"elected in\".single': expected true or false" in raised.value.problem


def test_held_checks_nothing_without_rows(loaded: tuple[LoadedSources, EntityResolver]) -> None:
    sources, resolver = loaded
    claim = Claim(
        id="c1", text="t", sentence="t", start=0, end=1, type=ClaimType.EVENT,
        subject="World Health Assembly", predicate="held in", object="Geneva", place="Geneva",
    )  # fmt: skip
    assert check_held(claim, sources.events, resolver, date(2024, 7, 10)) is None
