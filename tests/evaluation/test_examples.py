"""The example articles outside defence, checked against the built-in sources.

`examples/economy-roundup-2023.txt` (an economy round-up of 2023, published
2024-03-28) and `examples/brics-enlargement-2024.txt` (the enlarged BRICS before
the Kazan summit, published 2024-10-21) use real figures from `claims/world/`,
with three claims in each deliberately wrong (planted errors) and a few that no
built-in source covers. Each checkable claim has its expected verdict below, the
verdict a careful fact-checker reaches from the built-in data, not the tool's
output. Where the article gives no year, the year is the one the story is about,
and never one whose figures were not yet published on the publication date.

A claim is located by a key substring of the article (it occurs exactly once)
and compared by overlap, as in `tests/data/corpus/README.md`. A reported claim
is about a key when its figure (`quantity.text`, found in the claim's text)
overlaps the key, or, for a claim without a figure, when its span does: a claim
whose span runs over several figures is thus compared on the figure it checked.

Each run goes through typer's CliRunner in this process, so the spaCy model that
the session fixture `nlp` loads is shared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli.check import app
from factcheck.exitcodes import ExitCode
from tests.cli.test_check import expect_exit, parse_report
from tests.conftest import ROOT

# Environment variables that change what the CLI does; every run clears them.
_AMBIENT = ("FACTCHECK_SOURCES", "NO_COLOR", "FORCE_COLOR", "COLUMNS")


@dataclass(frozen=True)
class Expected:
    key: str  # occurs exactly once in the article
    verdict: str
    entity: str | None = None  # the entity (or event subject) of the row the verdict rests on
    # A known miss: why the tool does not reach the verdict yet. It must then leave the
    # claim unverified (or unreported), never give the opposite verdict.
    miss: str = ""


@dataclass(frozen=True)
class Correction:
    """A planted error put right: `old` becomes `new`, which the data supports."""

    old: str
    new: str
    entity: str
    miss: str = ""  # as for `Expected`


@dataclass(frozen=True)
class Example:
    name: str
    published: str  # also the date of the article's dateline
    claims: tuple[Expected, ...]
    opinions: tuple[str, ...]  # opinion sentences: no claim may be reported in them
    corrections: tuple[Correction, ...]

    @property
    def relative_path(self) -> str:
        return f"examples/{self.name}.txt"

    @property
    def text(self) -> str:
        return (ROOT / self.relative_path).read_text(encoding="utf-8")

    def __str__(self) -> str:
        return self.name


S, D, U = "supported", "disputed", "unverified"

ECONOMY = Example(
    name="economy-roundup-2023",
    published="2024-03-28",
    claims=(
        # Germany's GDP in 2023 (4.46 trillion USD) ranks third among countries, after
        # the United States and China.
        Expected("the world's third-largest economy", S, "Germany"),
        Expected("about $4.5 trillion", S, "Germany"),  # GDP 2023: 4.46 trillion USD
        Expected("Japan's $4.2 trillion", S, "Japan"),  # GDP 2023: 4.21 trillion USD
        Expected("shrank by 0.3% in 2023", S, "Germany"),  # real GDP growth 2023: -0.3%
        # Planted: Japan's population is 124.5 million (2023), not about 87 million.
        Expected("population fell to about 87 million", D, "Japan"),
        Expected(
            "managed growth of 1.5%",
            S,
            "Japan",
            miss="the small model parses 'while Japan ... managed growth' into the first clause",
        ),  # real GDP growth 2023: 1.5%
        Expected("said Katrin Vogel", U),  # a quote no source records
        Expected("rose 5.9% in 2023", S, "Germany"),  # inflation 2023: 5.9464%
        Expected("after 6.9% the year before", S, "Germany"),  # inflation 2022: 6.8726%
        Expected("averaged 5.8%", S, "Euro area"),  # inflation 2023: 5.7843%
        Expected(
            "adopted the euro on 1 January 2023",
            S,
            "Croatia",
            miss="'adopt the euro' is not yet a membership verb",
        ),  # euro area: 2023-01-01
        Expected(
            "prices there climbed 7.9%",
            S,
            "Croatia",
            miss="'prices climbed' does not name inflation; another clause names unemployment",
        ),  # inflation 2023: 7.9413%
        Expected("unemployment eased to 6.1%", S, "Croatia"),  # unemployment 2023: 6.1%
        Expected("home to about 68 million people", S, "United Kingdom"),  # 2023: 68.49 m
        Expected("inflation of 6.8%", S, "United Kingdom"),  # inflation 2023: 6.794%
        Expected(
            "growth of just 0.4%",
            S,
            "United Kingdom",
            miss="a verbless 'and growth of just 0.4%' gets no clause of its own",
        ),  # real GDP growth 2023: 0.4%
        # Planted: Poland joined the EU on 1 May 2004 (it entered Schengen in 2007).
        Expected("joined the European Union in 2007", D, "Poland"),
        Expected("slow to 11.5%", S, "Poland"),  # inflation 2023: 11.5289%
        Expected("from 14.4% in 2022", S, "Poland"),  # inflation 2022: 14.4295%
        # Planted: Italy's GDP per capita in 2023 is 38,228 USD, not about 48,000.
        Expected("GDP per capita climbed to about $48,000", D, "Italy"),
        Expected("jobless rate, at 12.2%", S, "Spain"),  # unemployment 2023: 12.2%
        Expected("deposit rate at a record 4%", U),  # no source has interest rates
        Expected("German exports fell 1.4% last year", U),  # no source has trade
        Expected("Vogel said", U),
    ),
    opinions=(
        "The reshuffle owes more to a weak yen than to German vigour.",
        "For households, prices were the bigger story.",
    ),
    corrections=(
        Correction("fell to about 87 million", "fell to about 125 million", "Japan"),
        Correction("European Union in 2007", "European Union in 2004", "Poland"),
        Correction("about $48,000 last year", "about $38,000 last year", "Italy"),
    ),
)

BRICS = Example(
    name="brics-enlargement-2024",
    published="2024-10-21",
    claims=(
        Expected("sit down in Kazan on Tuesday", U),  # no source has BRICS summits
        # Egypt, Ethiopia, Iran and the UAE: members of BRICS from 2024-01-01.
        Expected(
            "joined the group on 1 January", S, "Egypt", miss="'the group' is not resolved to BRICS"
        ),
        # Planted: Ethiopia has 128.7 million people (2023), not about 90 million.
        Expected("about 90 million people", D, "Ethiopia"),
        Expected(
            "Egypt some 115 million",
            S,
            "Egypt",
            miss="the gapped second half of a list takes no metric",
        ),  # 114.5 m (2023), 116.5 m (2024)
        # Planted: South Africa joined BRICS in 2010 (2010-12-24), not 2013.
        Expected(
            "South Africa, which joined in 2013",
            D,
            "South Africa",
            miss="'joined' with no object names no organisation",
        ),
        Expected("shrank to about $396 billion", S, "Egypt"),  # GDP 2023: 395.9 billion USD
        Expected("rose almost 34%", S, "Egypt"),  # inflation 2023: 33.8848%
        Expected("lost more than a third of its value", U),  # no source has exchange rates
        Expected("recorded inflation of 44.6%", S, "Iran"),  # inflation 2023: 44.5792%
        Expected("GDP per capita of about $48,000", S, "United Arab Emirates"),  # 2023: 48,091
        Expected("about $17.8 trillion", S, "China"),  # GDP 2023: 17.79 trillion USD
        # India's population (1.45 billion in 2024, 1.44 in 2023) is the largest.
        Expected(
            "world's most populous country",
            S,
            "India",
            miss="a superlative in an apposition is not read as a ranking",
        ),
        Expected(
            "more than 1.4 billion people",
            S,
            "India",
            miss="'with N people' in an apposition is not bound to India",
        ),
        Expected("exceeded $3 trillion", S, "India"),  # GDP 2023: 3.55 trillion USD
        # Planted: Russia's GDP in 2023 is 2.02 trillion USD, not about 1.4 trillion.
        Expected("worth about $1.4 trillion", D, "Russia"),
        Expected("said Thandiwe Mokoena", U),
        Expected("invited at the Johannesburg summit last year", U),  # no source has it
        Expected("has yet to say whether it will take up its seat", U),
    ),
    opinions=(
        "The newcomers add weight in people more than in money.",
        "Their economies are another matter.",
    ),
    corrections=(
        Correction("about 90 million people", "more than 125 million people", "Ethiopia"),
        Correction(
            "which joined in 2013",
            "which joined in 2010",
            "South Africa",
            miss="'joined' with no object names no organisation",
        ),
        Correction("worth about $1.4 trillion", "worth about $2 trillion", "Russia"),
    ),
)

EXAMPLES = (ECONOMY, BRICS)


# --- helpers ---------------------------------------------------------------------------------


def invoke(args: Sequence[str]) -> Result:
    """Run the CLI in this process, from the repository root, with the default sources."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        for name in _AMBIENT:
            patch.delenv(name, raising=False)
        return CliRunner().invoke(app, list(args))


def locate(text: str, fragment: str) -> tuple[int, int]:
    assert text.count(fragment) == 1, f"{fragment!r} must occur exactly once in the article"
    start = text.index(fragment)
    return start, start + len(fragment)


def anchor(claim: Mapping[str, Any]) -> tuple[int, int]:
    """The span a claim is about: its figure when it has one, else the whole claim."""
    quantity = claim.get("quantity")
    figure = quantity.get("text") if isinstance(quantity, Mapping) else None
    if figure:
        at = claim["text"].rfind(figure)
        if at >= 0:
            start = claim["start"] + at
            return start, start + len(figure)
    return claim["start"], claim["end"]


def overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def claims_about(report: Mapping[str, Any], span: tuple[int, int]) -> list[dict[str, Any]]:
    return [claim for claim in report["claims"] if overlaps(anchor(claim), span)]


def evidence_entities(claim: Mapping[str, Any]) -> set[str]:
    records = [item.get("record") or {} for item in claim["evidence"]]
    return {str(record.get("entity") or record.get("subject")) for record in records}


def describe(claims: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    return [(claim["text"], claim["verdict"], claim["explanation"]) for claim in claims]


def check_key(report: Mapping[str, Any], text: str, expected: Expected) -> None:
    """The claims about `expected.key` give its verdict, resting on its entity's row."""
    found = claims_about(report, locate(text, expected.key))
    detail = f"{expected.key!r}: expected {expected.verdict}; got {describe(found)}"
    if expected.miss:
        opposite = {S: D, D: S}[expected.verdict]
        assert not any(claim["verdict"] == opposite for claim in found), detail
        return
    if expected.verdict == U:
        assert all(claim["verdict"] == U for claim in found), detail
        return
    assert any(claim["verdict"] == expected.verdict for claim in found), detail
    if expected.verdict == S:
        assert not any(claim["verdict"] == D for claim in found), detail
    right = [claim for claim in found if claim["verdict"] == expected.verdict]
    assert any(expected.entity in evidence_entities(claim) for claim in right), (
        f"{detail}; the evidence should name {expected.entity}"
    )


@dataclass(frozen=True)
class Run:
    result: Result
    report: dict[str, Any]


@pytest.fixture(scope="module")
def runs(nlp: Language) -> dict[str, Run]:
    """Each example checked once, as `factcheck ARTICLE --published DATE --format json`."""
    checked = {}
    for example in EXAMPLES:
        args = [example.relative_path, "--published", example.published, "--format", "json"]
        result = invoke(args)
        assert result.exit_code in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr
        checked[example.name] = Run(result, parse_report(result.stdout))
    return checked


each_example = pytest.mark.parametrize("example", EXAMPLES, ids=str)


# --- the data the tests rely on ----------------------------------------------------------------


@each_example
def test_every_key_occurs_once_and_each_article_has_planted_errors(example: Example) -> None:
    text = example.text
    for fragment in [e.key for e in example.claims] + list(example.opinions):
        locate(text, fragment)
    for correction in example.corrections:
        locate(text, correction.old)
    verdicts = [e.verdict for e in example.claims]
    assert verdicts.count(D) == len(example.corrections) >= 2
    assert verdicts.count(U) >= 2 and verdicts.count(S) >= 8
    assert all(e.entity for e in example.claims if e.verdict != U)


# --- verdicts ------------------------------------------------------------------------------------


def _cases() -> list[Any]:
    return [
        pytest.param(example, expected, id=f"{example.name}:{expected.key}")
        for example in EXAMPLES
        for expected in example.claims
    ]


@pytest.mark.parametrize(("example", "expected"), _cases())
def test_claim_verdict(runs: dict[str, Run], example: Example, expected: Expected) -> None:
    check_key(runs[example.name].report, example.text, expected)


@each_example
def test_only_the_planted_errors_are_disputed(runs: dict[str, Run], example: Example) -> None:
    text = example.text
    planted = [locate(text, e.key) for e in example.claims if e.verdict == D]
    disputed = [c for c in runs[example.name].report["claims"] if c["verdict"] == D]
    false_alarms = [c for c in disputed if not any(overlaps(anchor(c), s) for s in planted)]
    assert describe(false_alarms) == []


@each_example
def test_no_claim_inside_an_opinion(runs: dict[str, Run], example: Example) -> None:
    claims = runs[example.name].report["claims"]
    for opinion in example.opinions:
        span = locate(example.text, opinion)
        inside = [c for c in claims if overlaps((c["start"], c["end"]), span)]
        assert describe(inside) == [], opinion


@each_example
def test_offsets_index_the_article(runs: dict[str, Run], example: Example) -> None:
    text = example.text
    claims = runs[example.name].report["claims"]
    assert claims
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"], claim


# --- exit codes ----------------------------------------------------------------------------------


@each_example
def test_a_planted_error_fails_the_default_gate(runs: dict[str, Run], example: Example) -> None:
    run = runs[example.name]
    expect_exit(run.result, ExitCode.GATE_FAILED)
    assert run.report["summary"]["disputed"] >= 1


@each_example
def test_fail_on_unverified_fails_too(nlp: Language, example: Example) -> None:
    args = [example.relative_path, "--published", example.published, "--quiet"]
    expect_exit(invoke([*args, "--fail-on", "unverified"]), ExitCode.GATE_FAILED)


@each_example
def test_the_dateline_gives_the_date_and_fail_on_never_passes(
    nlp: Language, example: Example
) -> None:
    result = invoke([example.relative_path, "--format", "json", "--fail-on", "never"])
    expect_exit(result, ExitCode.OK)
    article = parse_report(result.stdout)["article"]
    assert (article["published"], article["published_source"]) == (example.published, "dateline")


@each_example
def test_the_corrected_article_passes_the_gate(
    nlp: Language, example: Example, tmp_path: Path
) -> None:
    """With the planted errors put right, nothing is disputed and each correction is supported."""
    text = example.text
    for correction in example.corrections:
        text = text.replace(correction.old, correction.new, 1)
    path = tmp_path / f"{example.name}.txt"
    path.write_text(text, encoding="utf-8")
    result = invoke([str(path), "--published", example.published, "--format", "json"])
    report = parse_report(result.stdout)
    disputed = [c for c in report["claims"] if c["verdict"] == D]
    assert describe(disputed) == []
    expect_exit(result, ExitCode.OK)
    for correction in example.corrections:
        check_key(report, text, Expected(correction.new, S, correction.entity, correction.miss))
