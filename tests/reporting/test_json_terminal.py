"""Reporting: JSON report and schema, and the rich terminal rendering.

Reports are built by hand here (no spaCy): one claim of every type and every
verdict, with evidence with and without reference values.
"""

from __future__ import annotations

import copy
import io
import json
import math
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from rich.console import Console

from factcheck import SCHEMA_VERSION
from factcheck.records import (
    Article,
    CheckedClaim,
    Claim,
    ClaimType,
    Evidence,
    Modality,
    PublishedSource,
    Quantity,
    Report,
    SourceState,
    SourceStatus,
    TimeSpan,
    Verdict,
)
from factcheck.reporting import (
    load_schema,
    render_json,
    render_terminal,
    report_to_dict,
    validate_report,
)
from factcheck.reporting.terminal import summary_line
from tests.conftest import ROOT

ARTICLE_TEXT = (
    "VILNIUS, July 4 - NATO leaders will meet in Vilnius next week. "
    "Allies will spend 1.3 trillion US dollars on defence in 2023. "
    "The United States ranks first in military spending. "
    "Spending rose by 8% last year. "
    'Macron said NATO was "brain dead" in 2019. '
    "NATO absorbed Finland in April. "
    "Sweden is expected to join. "
    "Total spending is 2.4 trillion dollars [sic]. "
)
SHA = "a" * 64


def claim(text: str, type_: ClaimType, ident: str, **fields: Any) -> Claim:
    start = ARTICLE_TEXT.index(text)
    return Claim(
        id=ident,
        text=text,
        sentence=text,
        start=start,
        end=start + len(text),
        type=type_,
        **fields,
    )


NATO_TABLE = Evidence(
    source="nato-defence-expenditure",
    title="Defence Expenditure of NATO Countries (2014-2023)",
    url="https://www.nato.int/nato_static_fl2014/assets/pdf/2023/7/pdf/230707-def-exp-2023-en.pdf",
    record={"entity": "NATO", "metric": "defence expenditure", "period": "2023", "value": 1.264e12},
    reference_value=1.264e12,
    unit="USD",
    tolerance=5e10,
    summary="1.26 trillion USD (2023)",
)
SUMMIT = Evidence(
    source="nato-events",
    title=None,
    url="https://www.nato.int/cps/en/natohq/events_216014.htm",
    record={"subject": "NATO", "relation": "summit held in", "object": "Vilnius", "line": 12},
    summary="11-12 July 2023, Vilnius",
)
FINLAND = Evidence(
    source="nato-events",
    title="NATO member countries",
    url=None,
    record={"subject": "Finland", "relation": "member of", "object": "NATO", "note": None},
    summary="4 April 2023",
)
MACRON = Evidence(
    source="published-fact-checks",
    title="Emmanuel Macron warns Europe: NATO is becoming brain-dead",
    url="https://www.economist.com/europe/2019/11/07/emmanuel-macron-warns-europe-nato-is-becoming-brain-dead",
    record={"rating": "True"},
)

CHECKED = (
    CheckedClaim(
        claim(
            "NATO leaders will meet in Vilnius next week",
            ClaimType.EVENT,
            "c1",
            subject="NATO",
            predicate="summit held in",
            place="Vilnius",
            modality=Modality.PREDICTION,
            time=TimeSpan(date(2023, 7, 10), date(2023, 7, 16), "next week"),
        ),
        Verdict.SUPPORTED,
        0.9,
        "The summit was held in Vilnius on 11-12 July 2023.",
        (SUMMIT,),
    ),
    CheckedClaim(
        claim(
            "Allies will spend 1.3 trillion US dollars on defence in 2023",
            ClaimType.QUANTITY,
            "c2",
            subject="NATO",
            predicate="defence expenditure",
            quantity=Quantity(1.3e12, "USD", precision=1e11, text="1.3 trillion US dollars"),
            time=TimeSpan(date(2023, 1, 1), date(2023, 12, 31), "in 2023"),
            checkworthiness=0.95,
        ),
        Verdict.SUPPORTED,
        0.85,
        "NATO reports 1.26 trillion USD for 2023, which rounds to 1.3 trillion.",
        (NATO_TABLE,),
    ),
    CheckedClaim(
        claim(
            "The United States ranks first in military spending",
            ClaimType.RANKING,
            "c3",
            subject="United States",
            predicate="defence expenditure",
            rank=1,
            scope="NATO",
        ),
        Verdict.SUPPORTED,
        0.8,
        "The United States has the largest defence expenditure in NATO in 2023.",
        (replace(NATO_TABLE, summary="1st of 31 (2023)"),),
    ),
    CheckedClaim(
        claim(
            "Spending rose by 8% last year",
            ClaimType.CHANGE,
            "c4",
            predicate="defence expenditure",
            direction="up",
            quantity=Quantity(8.0, "%", lower=8.0, upper=math.inf, approximate=True, text="8%"),
            time=TimeSpan(date(2022, 1, 1), None, "last year"),
        ),
        Verdict.UNVERIFIED,
        0.3,
        "No source covers the change in spending in 2022.",
    ),
    CheckedClaim(
        claim(
            'Macron said NATO was "brain dead"',
            ClaimType.QUOTE,
            "c5",
            subject="Emmanuel Macron",
            object="NATO was brain dead",
            modality=Modality.REPORTED,
            attribution="Macron",
        ),
        Verdict.SUPPORTED,
        0.75,
        "Macron told The Economist on 7 November 2019 that NATO was becoming brain-dead.",
        (MACRON,),
    ),
    CheckedClaim(
        claim(
            "NATO absorbed Finland in April",
            ClaimType.EVENT,
            "c6",
            subject="Finland",
            predicate="member of",
            object="NATO",
            time=TimeSpan(None, None, "in April"),
        ),
        Verdict.SUPPORTED,
        1.0,
        "Finland joined NATO on 4 April 2023.",
        (FINLAND,),
    ),
    CheckedClaim(
        claim(
            "Sweden is expected to join",
            ClaimType.EVENT,
            "c7",
            subject="Sweden",
            predicate="member of",
            object="NATO",
            modality=Modality.PREDICTION,
            negated=False,
        ),
        Verdict.UNVERIFIED,
        0.5,
        "No source says when Sweden joined.",
    ),
    CheckedClaim(
        claim(
            "Total spending is 2.4 trillion dollars [sic]",
            ClaimType.COMPARISON,
            "c8",
            subject="NATO",
            object="Russia",
            direction="up",
            predicate="defence expenditure",
            quantity=Quantity(2.4e12, "USD", precision=1e11, text="2.4 trillion dollars"),
        ),
        Verdict.DISPUTED,
        0.9,
        "NATO reports 1.26 trillion USD for 2023, not 2.4 trillion.",
        (replace(NATO_TABLE, reference_value=math.nan), SUMMIT),
    ),
)

SOURCES = (
    SourceStatus("nato-defence-expenditure", "table", SourceState.OK, records=40),
    SourceStatus("nato-events", "events", SourceState.OK, records=80),
    SourceStatus("published-fact-checks", "claimreview", SourceState.OK, records=3),
    SourceStatus("worldbank", "http", SourceState.DISABLED, "no network access (--offline)"),
    SourceStatus(
        "broken", "table", SourceState.ERROR, "claims/broken.csv:4: value 'x' is not a number"
    ),
)

REPORT = Report(
    article=Article(
        path="examples/nato-vilnius-2023.txt",
        text=ARTICLE_TEXT,
        sha256=SHA,
        published=date(2023, 7, 4),
        published_source=PublishedSource.OPTION,
        warnings=("invalid UTF-8 at byte 12 replaced",),
    ),
    claims=CHECKED,
    sources=SOURCES,
    tool_version="0.1.0",
    schema_version=SCHEMA_VERSION,
    options={
        "model": "en_core_web_sm",
        "fail_on": "disputed",
        "min_checkworthiness": "0",
        "sources": "sources.toml",
    },
)
EMPTY = replace(REPORT, claims=(), sources=())


def reported() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_json(REPORT))
    return data


# ---------------------------------------------------------------- JSON report


def test_sample_covers_every_type_and_verdict() -> None:
    assert {checked.claim.type for checked in CHECKED} == set(ClaimType)
    assert {checked.verdict for checked in CHECKED} == set(Verdict)
    assert all(ARTICLE_TEXT[c.claim.start : c.claim.end] == c.claim.text for c in CHECKED)


@pytest.mark.parametrize("report", [REPORT, EMPTY], ids=["sample", "empty"])
def test_rendered_json_validates(report: Report) -> None:
    validate_report(json.loads(render_json(report)))


def test_render_json_is_deterministic_and_formatted() -> None:
    text = render_json(REPORT)
    shuffled = replace(
        REPORT,
        claims=tuple(reversed(CHECKED)),
        options=dict(reversed(list(REPORT.options.items()))),
    )
    assert render_json(REPORT) == text == render_json(shuffled)
    assert text.endswith("}\n")
    assert text.startswith('{\n  "schema_version"')
    assert "NaN" not in text and "Infinity" not in text


def test_claims_in_document_order() -> None:
    data = json.loads(render_json(replace(REPORT, claims=tuple(reversed(CHECKED)))))
    starts = [item["start"] for item in data["claims"]]
    assert starts == sorted(starts)
    assert [item["id"] for item in data["claims"]] == [f"c{n}" for n in range(1, 9)]


@pytest.mark.parametrize(
    ("key", "expected"),
    [("claims", 8), ("supported", 5), ("disputed", 1), ("unverified", 2)],
)
def test_summary_counts(key: str, expected: int) -> None:
    assert reported()["summary"][key] == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("schema_version",), SCHEMA_VERSION),
        (("tool",), {"name": "factcheck", "version": "0.1.0"}),
        (("article", "published"), "2023-07-04"),
        (("article", "published_source"), "option"),
        (("article", "characters"), len(ARTICLE_TEXT)),
        (("article", "warnings"), ["invalid UTF-8 at byte 12 replaced"]),
        (("claims", 0, "time"), {"start": "2023-07-10", "end": "2023-07-16", "text": "next week"}),
        (("claims", 0, "modality"), "prediction"),
        (("claims", 1, "quantity", "value"), 1.3e12),
        (("claims", 1, "quantity", "precision"), 1e11),
        (("claims", 1, "evidence", 0, "reference_value"), 1.264e12),
        (("claims", 1, "evidence", 0, "tolerance"), 5e10),
        (("claims", 2, "rank"), 1),
        (("claims", 3, "direction"), "up"),
        (("claims", 3, "quantity", "upper"), None),  # infinite bound -> no bound
        (("claims", 3, "time", "end"), None),
        (("claims", 3, "evidence"), []),
        (("claims", 4, "attribution"), "Macron"),
        (("claims", 4, "evidence", 0, "reference_value"), None),
        (("claims", 5, "evidence", 0, "record", "note"), None),
        (("claims", 7, "evidence", 0, "reference_value"), None),  # NaN -> null
        (("claims", 7, "verdict"), "disputed"),
        (("sources", 3, "status"), "disabled"),
        (
            ("options",),
            {
                "fail_on": "disputed",
                "min_checkworthiness": "0",
                "model": "en_core_web_sm",
                "sources": "sources.toml",
            },
        ),
    ],
)
def test_report_fields(path: tuple[str | int, ...], expected: object) -> None:
    value: Any = reported()
    for step in path:
        value = value[step]
    assert value == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [("value", math.nan), ("value", math.inf), ("precision", math.nan)],
)
def test_non_finite_required_number_is_refused(field: str, value: float) -> None:
    quantity = CHECKED[1].claim.quantity
    assert quantity is not None
    changes: dict[str, Any] = {field: value}
    bad_quantity = replace(quantity, **changes)
    bad = replace(
        REPORT,
        claims=(replace(CHECKED[1], claim=replace(CHECKED[1].claim, quantity=bad_quantity)),),
    )
    with pytest.raises(ValueError, match=rf"claim c2 quantity {field}"):
        render_json(bad)


def test_non_finite_confidence_is_refused() -> None:
    bad = replace(REPORT, claims=(replace(CHECKED[0], confidence=math.nan),))
    with pytest.raises(ValueError, match="claim c1 confidence"):
        report_to_dict(bad)


def _drop(*path: str | int) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


def _set(value: object, *path: str | int) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (_drop("summary"), "$"),
        (_drop("options"), "$"),
        (_drop("article", "sha256"), "$.article"),
        (_drop("claims", 0, "evidence"), "$.claims[0]"),
        (_drop("claims", 1, "quantity", "precision"), "$.claims[1].quantity"),
        (_drop("claims", 1, "evidence", 0, "tolerance"), "$.claims[1].evidence[0]"),
        (_drop("sources", 0, "status"), "$.sources[0]"),
        (_set("maybe", "claims", 0, "verdict"), "$.claims[0].verdict"),
        (_set("opinion", "claims", 0, "type"), "$.claims[0].type"),
        (_set("certain", "claims", 0, "modality"), "$.claims[0].modality"),
        (_set("sideways", "claims", 3, "direction"), "$.claims[3].direction"),
        (_set(1.5, "claims", 0, "confidence"), "$.claims[0].confidence"),
        (_set("high", "claims", 0, "confidence"), "$.claims[0].confidence"),
        (_set(-1, "claims", 0, "start"), "$.claims[0].start"),
        (_set(0, "claims", 2, "rank"), "$.claims[2].rank"),
        (_set("4 July 2023", "article", "published"), "$.article.published"),
        (_set("2023-02-30", "article", "published"), "$.article.published"),
        (_set("yesterday", "article", "published_source"), "$.article.published_source"),
        (_set("broken", "sources", 0, "status"), "$.sources[0].status"),
        (
            _set(True, "claims", 0, "evidence", 0, "record", "line"),
            "$.claims[0].evidence[0].record.line",
        ),
        (_set(1, "options", "max_claims"), "$.options"),
        (_set("sometimes", "options", "fail_on"), "$.options.fail_on"),
        (_set("2.0.0", "schema_version"), "$.schema_version"),
        (_set("other", "tool", "name"), "$.tool.name"),
        (_set(None, "claims", 1, "quantity", "value"), "$.claims[1].quantity.value"),
        (_set("x", "extra"), "$"),
        (_set("x", "claims", 0, "extra"), "$.claims[0]"),
        (_set("x", "claims", 1, "quantity", "extra"), "$.claims[1].quantity"),
        (_set("x", "claims", 0, "time", "extra"), "$.claims[0].time"),
        (_set("x", "claims", 0, "evidence", 0, "extra"), "$.claims[0].evidence[0]"),
        (_set(0, "summary", "extra"), "$.summary"),
        (_set("x", "sources", 0, "extra"), "$.sources[0]"),
        (_set("x", "article", "extra"), "$.article"),
    ],
)
def test_invalid_report_fails_validation(
    mutate: Callable[[dict[str, Any]], None], where: str
) -> None:
    data = reported()
    mutate(data)
    with pytest.raises(ValueError, match=re.escape(f"{where}:")):
        validate_report(data)


def test_validation_lists_every_error() -> None:
    data = reported()
    data["claims"][0]["verdict"] = "maybe"
    data["sources"][1]["records"] = -1
    del data["tool"]["version"]
    with pytest.raises(ValueError) as raised:
        validate_report(data)
    message = str(raised.value)
    for where in ("$.claims[0].verdict:", "$.sources[1].records:", "$.tool:"):
        assert where in message
    assert message.count("\n  - ") == 3


def test_schema_is_valid_and_versioned() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA_VERSION in schema["$id"]
    assert schema["$defs"]["report"]["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def _object_schemas(node: object) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [found for item in node for found in _object_schemas(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if "properties" in node else []
    return own + [found for value in node.values() for found in _object_schemas(value)]


def test_schema_objects_require_every_key_and_forbid_others() -> None:
    objects = _object_schemas(load_schema())
    # report, tool, options, article, quantity, time, evidence, claim, binding, ...
    assert len(objects) == 12
    for schema in objects:
        assert schema["additionalProperties"] is False
        assert sorted(schema["required"]) == sorted(schema["properties"])


def _property_names(node: object) -> set[str]:
    if isinstance(node, list):
        return {name for item in node for name in _property_names(item)}
    if not isinstance(node, dict):
        return set()
    own = set(node.get("properties", {}))
    return own | {name for value in node.values() for name in _property_names(value)}


def test_readme_documents_every_field_of_the_report() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## JSON report", 1)[1].split("\n## ", 1)[0]
    names = _property_names(load_schema())
    assert {"options", "min_checkworthiness", "tolerance", "subject_source"} <= names
    missing = sorted(name for name in names if f"`{name}`" not in section)
    assert not missing, f"README's JSON report section does not mention {missing}"


def test_load_schema_returns_a_fresh_copy() -> None:
    load_schema()["$defs"].clear()
    validate_report(reported())
    assert load_schema()["$defs"]


def test_several_articles_validate_as_an_array_of_reports() -> None:
    """`factcheck a.md b.md --format json` writes an array: the schema's other form."""
    several = [reported(), json.loads(render_json(EMPTY))]
    validate_report(several)
    broken = copy.deepcopy(several)
    broken[1]["claims"] = [{"id": "c1"}]
    with pytest.raises(ValueError, match=re.escape("$[1].claims[0]:")):
        validate_report(broken)
    with pytest.raises(ValueError, match="is too short"):
        validate_report([reported()])  # one article gives the object itself, never an array


def test_tolerances_are_rounded() -> None:
    noisy = replace(NATO_TABLE, tolerance=(5.95 - 5.85) / 2)
    checked = replace(CHECKED[0], evidence=(noisy,))
    data = json.loads(render_json(replace(REPORT, claims=(checked,))))
    assert data["claims"][0]["evidence"][0]["tolerance"] == 0.05
    assert '"tolerance": 0.05,' in render_json(replace(REPORT, claims=(checked,)))


def test_validate_accepts_deep_copies_untouched() -> None:
    data = reported()
    before = copy.deepcopy(data)
    validate_report(data)
    assert data == before


# ------------------------------------------------------------------ terminal

VERDICT_WORD = re.compile(r"\b(supported|disputed|unverified)\b")
# SGR parameters that set a colour: 30-38/40-48 (standard, 256, truecolor) and 90-97/100-107.
COLOUR_CODE = re.compile(r"^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$")


def render(report: Report = REPORT, *, width: int = 120, **console_options: Any) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, **console_options)
    render_terminal(report, console)
    return buffer.getvalue()


def colour_codes(output: str) -> list[str]:
    params = [p for seq in re.findall(r"\x1b\[([0-9;]*)m", output) for p in seq.split(";")]
    return [p for p in params if COLOUR_CODE.match(p)]


def test_summary_line() -> None:
    assert summary_line(REPORT) == (
        "8 claims: 5 supported, 1 disputed, 2 unverified · published 2023-07-04 (option)"
        " · sources: 3 ok, 1 disabled, 1 error"
    )


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (replace(REPORT, claims=CHECKED[:1], sources=SOURCES[:1]), "1 claim: 1 supported"),
        (EMPTY, "0 claims: 0 supported, 0 disputed, 0 unverified"),
        (EMPTY, "sources: none"),
        (replace(REPORT, sources=SOURCES[3:]), "sources: 1 disabled, 1 error"),
    ],
)
def test_summary_line_variants(report: Report, expected: str) -> None:
    assert expected in summary_line(report)


def rows(output: str) -> dict[int, list[str]]:
    """Each claim's lines by its number: its row and the lines under it, up to the next."""
    found: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in output.splitlines():
        row = re.match(r"^\s*(\d+)  (?:supported|disputed|unverified)\b", line)
        if row:
            current = found.setdefault(int(row.group(1)), [])
        elif not line.startswith(" " * 5):
            current = None  # source problems, coverage: no claim's lines
        if current is not None:
            current.append(line)
    return found


@pytest.mark.parametrize("width", [160, 120, 100, 80, 60, 40])
def test_terminal_fits_its_width_one_line_per_undisputed_claim(width: int) -> None:
    output = render(width=width, force_terminal=True, color_system=None)
    lines = output.splitlines()
    assert lines[0].startswith("8 claims:")
    assert all(len(line) <= width for line in lines), output
    assert not any(line.endswith(" ") for line in lines)
    entries = rows(output)
    assert list(entries) == list(range(1, len(CHECKED) + 1))
    for number, checked in enumerate(CHECKED, start=1):
        entry = entries[number]
        assert re.match(rf"^\s*{number}\s+{checked.verdict.value}\b", entry[0])
        if checked.verdict is Verdict.DISPUTED:
            flat = " ".join(" ".join(entry).split())
            for expected in ("reference: 1.26 trillion USD (2023)", "source:", "why: NATO"):
                assert expected in flat, f"{expected!r} at width {width}"
        else:
            assert len(entry) == 1, entry  # nothing repeated: no "reference: —"


def test_terminal_at_80_columns_line_count() -> None:
    """Seven undisputed claims take a line each; the disputed one its claim, reference,
    source and reason (the reason wrapped once at 80 columns)."""
    output = render(width=80, force_terminal=True, color_system=None)
    entries = rows(output)
    assert [len(entries[n]) for n in range(1, 9)] == [1, 1, 1, 1, 1, 1, 1, 4]
    assert entries[8][1:] == [
        "               reference: 1.26 trillion USD (2023)",
        "               source: nato-defence-expenditure, nato-events",
        "               why: NATO reports 1.26 trillion USD for 2023, not 2.4 trillion.",
    ]


def test_a_long_claim_is_cut_in_the_middle_at_a_terminal() -> None:
    text = "The government of the small island nation said on Tuesday that its debt reached 9.5% in 2023"
    long = replace(CHECKED[1], claim=replace(CHECKED[1].claim, text=text))
    report = replace(REPORT, claims=(long,))
    output = render(report, width=60, force_terminal=True, color_system=None)
    row = rows(output)[1]
    assert len(row) == 1 and len(row[0]) <= 60
    assert row[0].endswith("9.5% in 2023")  # the figure stays
    assert " … " in row[0] and "The government" in row[0]


def test_piped_output_is_whole_unpadded_lines() -> None:
    long = replace(CHECKED[7], explanation="because " * 30 + "it is wrong.")
    report = replace(REPORT, claims=(*CHECKED[:7], long))
    output = render(report, width=40, force_terminal=False)
    lines = output.splitlines()
    assert not any(line.endswith(" ") for line in lines), output
    assert lines[0] == summary_line(report)
    entries = rows(output)
    for number, checked in enumerate(CHECKED, start=1):
        assert entries[number][0].endswith(checked.claim.text)  # whole, on its own row
    assert entries[8][-1].endswith("because it is wrong.")
    assert max(len(line) for line in lines) > 200  # nothing wrapped at the width
    assert "…" not in output


@pytest.mark.parametrize("width", [120, 60, 40])
def test_terminal_shows_disputed_evidence_and_problems(width: int) -> None:
    output = render(width=width, force_terminal=True, color_system=None)
    flat = " ".join(output.split())
    for expected in (
        "reference: 1.26 trillion USD (2023)",
        "source: nato-defence-expenditure, nato-events",
        "why: NATO reports 1.26 trillion USD for 2023, not 2.4 trillion.",
        "worldbank (http) disabled: no network access (--offline)",
        "broken (table) error: claims/broken.csv:4: value 'x' is not a number",
        "warning: invalid UTF-8 at byte 12 replaced",
    ):
        assert expected in flat, f"{expected!r} at width {width}"


def test_only_disputed_claims_get_details() -> None:
    output = render()
    assert output.count("reference:") == output.count("why:") == 1
    assert "—" not in output  # no empty reference or source for unverified claims
    assert "No source covers the change" not in output


def test_claim_text_is_not_markup() -> None:
    assert "[sic]" in render(width=120)


def test_empty_report_renders_without_table() -> None:
    output = render(EMPTY)
    assert output.startswith("0 claims")
    assert "verdict" not in output


@pytest.mark.parametrize("width", [120, 40])
def test_no_color_option_drops_colours(width: int) -> None:
    output = render(width=width, force_terminal=True, color_system="truecolor", no_color=True)
    assert "\x1b[" in output  # still styled (bold), only without colour
    assert colour_codes(output) == []
    assert VERDICT_WORD.search(output)


def test_no_color_environment_drops_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    output = render(force_terminal=True)
    assert colour_codes(output) == []


def test_plain_file_output_has_no_escape_codes() -> None:
    assert "\x1b[" not in render(force_terminal=False)


def test_colours_present_when_forced() -> None:
    output = render(force_terminal=True, color_system="standard")
    assert {"31", "32", "33"} <= set(colour_codes(output))  # red, green, yellow


@pytest.mark.slow
def test_importing_reporting_stays_light() -> None:
    code = (
        "import sys, factcheck.reporting as r; r.render_json;"
        "print(sorted(m for m in ('rich', 'jsonschema') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


LONG_WORDS = replace(
    CHECKED[7],
    claim=replace(CHECKED[7].claim, text="x" * 70),
    evidence=(replace(NATO_TABLE, source="s" * 70, summary="y" * 70),),
)


@pytest.mark.parametrize("width", [120, 100, 60, 40, 20])
def test_verdicts_survive_long_words_and_many_rows(width: int) -> None:
    report = replace(REPORT, claims=(LONG_WORDS, *CHECKED * 13))
    output = render(report, width=width, force_terminal=True, color_system=None)
    assert list(rows(output)) == list(range(1, 106))
    assert all(len(line) <= width for line in output.splitlines())
