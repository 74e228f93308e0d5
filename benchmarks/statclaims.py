"""Statistical claims in real web text: is each figure found with its value, country and metric?

Scores the development set of issue 9 (`../shared/benchmarks/statclaims/dev.jsonl`:
2,612 web sentences from a 2014 crawl, each naming a country, a statistic and
the character span of one number; read its README). Every sentence is checked
on its own by `Checker.check`, as `factcheck` checks an article, with the
repository's sources.toml and a fixed publication date. Nothing is tuned on
this file; the script only measures.

    Y rows: success when a reported claim's number lies over the span, its value
            equals `claimed` (0.5% relative), its subject is the row's country
            (through the project's entity resolver, else normalised names) and its
            metric names the property (keywords per property, see PROPERTY_WORDS).
            A failure is put down to the first of: no claim over the number, wrong
            value, wrong or missing subject, metric not naming the property.
    N rows: misattributed when a claim over the span gives that value to that
            country as that property (all three match).
    Verdicts (issue 10): Y rows about population, nominal GDP or inflation whose
            stated year the World Bank tables in claims/world/ cover. A figure
            within the tool's tolerance of the World Bank value should be
            supported, one more than 10% off disputed; no supported figure may be
            more than 10% off.

The data is for evaluation only: it is read from where it lies and never copied
into this repository.

Usage: python benchmarks/statclaims.py [--jsonl PATH] [--limit N] [--show-errors K]
                                       [--world DIR] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.normalise.entities import EntityResolver
    from factcheck.records import Claim, Report

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "statclaims" / "dev.jsonl"
DEFAULT_WORLD = ROOT / "claims" / "world"
SOURCES = ROOT / "sources.toml"
# The sentences come from a 2014 crawl: a fixed date keeps relative dates ("last
# year") and "the latest figure" deterministic between runs.
PUBLISHED = date(2014, 12, 31)
SEED = 13

Y_TARGET = 0.90
N_TARGET = 0.05
VERDICT_TARGET = 0.9

VALUE_TOLERANCE = 0.005  # relative: the set's `claimed` is sometimes rounded (3 digits)
DISPUTE_MARGIN = 0.10  # issue 10: a figure this far off the World Bank value is wrong

OK = "ok"
NO_CLAIM = "no claim over the number"
WRONG_VALUE = "wrong value"
WRONG_SUBJECT = "wrong or missing subject"
WRONG_METRIC = "metric does not name the property"
MISATTRIBUTED = "misattributed"
Y_KINDS = (NO_CLAIM, WRONG_VALUE, WRONG_SUBJECT, WRONG_METRIC)

SUPPORTED, DISPUTED = "supported", "disputed"

# What a claim's metric must say to name a property: any one of the phrases, as
# word prefixes in the casefolded metric ("popul" covers "population", "populous").
PROPERTY_WORDS: Mapping[str, tuple[str, ...]] = {
    "population": ("popul", "inhabitant", "people", "resident"),
    "cpi_inflation_rate": ("inflation", "consumer price", "cpi"),
    "consumer_price_index": ("consumer price index", "cpi", "inflation"),
    "gdp_nominal": ("gdp", "gross domestic product", "economy", "output"),
    "fertility_rate": (
        "fertility",
        "births per woman",
        "children per woman",
        "birth rate",
        "birthrate",
    ),
    "gni_per_capita_in_ppp_dollars": (
        "gni",
        "gross national income",
        "national income",
        "income per",
        "per capita income",
    ),
    "gni_in_ppp_dollars": ("gni", "gross national income", "national income"),
    "diesel_price_liter": ("diesel", "fuel price", "pump price"),
}
# Words that make a metric another statistic even though it holds one of the above:
# the set's N rows are mostly "GDP per capita, PPP" and "health expenditure per
# capita" sentences labelled against GNI, so "per capita" alone names nothing, and a
# per-person figure is not a country total.
PER_PERSON = ("per capita", "per head", "per person", "per inhabitant")
PROPERTY_EXCLUDES: Mapping[str, tuple[str, ...]] = {
    "population": (*PER_PERSON, "growth", "density"),
    "gdp_nominal": (*PER_PERSON, "growth"),
    "gni_in_ppp_dollars": (*PER_PERSON, "gdp", "gross domestic"),
    "gni_per_capita_in_ppp_dollars": ("gdp", "gross domestic"),
}

# Issue 10's World Bank tables: file in claims/world/ and the metric names that may
# hold the series there (the first that is present wins).
WORLD_SERIES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "population": ("population.csv", ("population",)),
    "gdp_nominal": ("gdp.csv", ("gdp", "gdp (current us$)", "gross domestic product")),
    "cpi_inflation_rate": ("inflation.csv", ("inflation", "consumer price inflation")),
}

# The set's country labels that no name rule reaches ("Korea" is the Republic of
# Korea in these rows; the others are short or truncated forms).
LABEL_NAMES: Mapping[str, str] = {
    "Bosnia": "Bosnia and Herzegovina",
    "Macedonia": "North Macedonia",
    "Korea": "South Korea",
    "United Kingdom of Great Britain": "United Kingdom",
}

_YEAR = re.compile(r"(?<![\d.,])(?:19[6-9]\d|20[0-4]\d)(?!\d|,\d|\.\d)")
_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_SAINT = re.compile(r"\bst\.?\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]")


# --- Records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str  # "Y" or "N"
    text: str
    country: str
    prop: str
    claimed: float
    num_start: int
    num_end: int

    @property
    def positive(self) -> bool:
        return self.label == "Y"

    @property
    def number_text(self) -> str:
        return self.text[self.num_start : self.num_end]


@dataclass(frozen=True)
class Found:
    """One claim the tool reported, reduced to what scoring reads."""

    spans: tuple[tuple[int, int], ...]  # where its number may stand in the sentence
    value: float | None
    unit: str | None = None
    subject: str | None = None
    metrics: tuple[str, ...] = ()  # the metric phrase(s) the claim carries
    verdict: str | None = None
    low: float | None = None  # the values the tool accepts for the stated figure
    high: float | None = None
    text: str = ""
    time: str | None = None


@dataclass(frozen=True)
class Outcome:
    kind: str  # OK, one of Y_KINDS, or MISATTRIBUTED
    shape: str  # a finer description of a failure, for grouping
    claim: Found | None = None  # the claim the outcome is about, if any


@dataclass(frozen=True)
class VerdictCase:
    """A Y row the World Bank tables cover, with the verdict it should and did get."""

    index: int
    year: int
    reference: float
    expected: str | None  # SUPPORTED, DISPUTED, or None between the tolerance and 10%
    got: str  # the verdict of the matching claim, or "no claim"
    off: float  # |claimed - reference| / |reference|


@dataclass
class Summary:
    rows: int = 0
    y_rows: int = 0
    n_rows: int = 0
    y_ok: int = 0
    n_misattributed: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    shapes: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_property: dict[str, tuple[int, int]] = field(default_factory=dict)  # Y ok, Y rows

    @property
    def y_rate(self) -> float:
        return self.y_ok / self.y_rows if self.y_rows else 0.0

    @property
    def n_rate(self) -> float:
        return self.n_misattributed / self.n_rows if self.n_rows else 0.0


# --- Pure scoring ----------------------------------------------------------------------------


def parse_row(data: Mapping[str, Any]) -> Row:
    return Row(
        label=str(data["label"]),
        text=str(data["text"]),
        country=str(data["country"]),
        prop=str(data["property"]),
        claimed=float(data["claimed"]),
        num_start=int(data["num_start"]),
        num_end=int(data["num_end"]),
    )


def overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def same_value(claimed: float, value: float, tolerance: float = VALUE_TOLERANCE) -> bool:
    """Equal within a relative tolerance (exactly, for zero)."""
    if claimed == 0:
        return value == 0
    return abs(value - claimed) <= tolerance * abs(claimed) * (1 + 1e-9)


def _folded(text: str) -> str:
    form = unicodedata.normalize("NFKD", text)
    form = "".join(c for c in form if not unicodedata.combining(c)).casefold()
    return " ".join(form.replace("-", " ").split())


def _has_word_prefix(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}", text) is not None


def names_property(prop: str, metrics: Iterable[str]) -> bool:
    """Whether any of a claim's metric phrases names the property."""
    words = PROPERTY_WORDS.get(prop, (prop.replace("_", " "),))
    excludes = PROPERTY_EXCLUDES.get(prop, ())
    for metric in metrics:
        form = _folded(metric)
        if any(_has_word_prefix(form, word) for word in excludes):
            continue
        if any(_has_word_prefix(form, word) for word in words):
            return True
    return False


def normalised_name(name: str) -> str:
    """A name compared as text: unaccented, casefolded, "St." as "Saint", no punctuation,
    no leading "the"."""
    form = _SAINT.sub("saint ", _folded(name))
    form = _NON_WORD.sub(" ", form.replace("&", " and "))
    words = form.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def name_forms(name: str) -> tuple[str, ...]:
    """The forms of a country label worth resolving: as written, with "St." spelt out,
    and the set's own label mapping."""
    forms = [name, _SAINT.sub("Saint ", name)]
    if name in LABEL_NAMES:
        forms.append(LABEL_NAMES[name])
    return tuple(dict.fromkeys(forms))


class SameEntity:
    """Whether a claim's subject names a row's country: the project's resolver first
    (aliases, ISO names, demonyms), normalised text when the resolver knows neither."""

    def __init__(self, resolver: EntityResolver) -> None:
        self.resolver = resolver

    def key(self, name: str) -> str | None:
        """The resolver's key for a known entity (a country or an alias), else None."""
        for form in name_forms(name):
            if self.resolver.is_known(form):
                return self.resolver.key(form)
            for word in (form, form.removesuffix("s")):
                code = self.resolver.from_demonym(word)
                if code is not None:
                    return code
        return None

    def __call__(self, subject: str, country: str) -> bool:
        left, right = self.key(subject), self.key(country)
        if left is not None and right is not None:
            return left == right
        targets = {normalised_name(form) for form in name_forms(country)}
        return normalised_name(subject) in targets


def _value_shape(claimed: float, value: float | None) -> str:
    if value is None or claimed == 0 or value == 0:
        return "another number"
    ratio = math.log10(abs(value / claimed))
    if abs(ratio - round(ratio)) < 0.01 and round(ratio) % 3 == 0 and round(ratio) != 0:
        return f"scale off by 1e{round(ratio)}"
    if (value < 0) != (claimed < 0):
        return "sign"
    return "another number"


def score_row(row: Row, found: Sequence[Found], same_entity: Callable[[str, str], bool]) -> Outcome:
    """The outcome of one row, given the claims the tool reported in its sentence.

    For a Y row the failure is the first check that no claim over the number
    passes, in the order value, subject, metric, so each row counts once."""
    over = [
        f for f in found if f.value is not None and overlaps(f.spans, row.num_start, row.num_end)
    ]
    valued = [f for f in over if f.value is not None and same_value(row.claimed, f.value)]
    placed = [f for f in valued if f.subject and same_entity(f.subject, row.country)]
    named = [f for f in placed if names_property(row.prop, f.metrics)]
    if not row.positive:
        if named:
            return Outcome(MISATTRIBUTED, _misattribution_shape(placed), named[0])
        return Outcome(OK, "", over[0] if over else None)
    if named:
        return Outcome(OK, "", named[0])
    if placed:
        claim = placed[0]
        shape = "no metric" if not claim.metrics else f"metric {claim.metrics[0]!r}"
        return Outcome(WRONG_METRIC, shape, claim)
    if valued:
        claim = valued[0]
        return Outcome(
            WRONG_SUBJECT, "no subject" if not claim.subject else "another subject", claim
        )
    if over:
        return Outcome(WRONG_VALUE, _value_shape(row.claimed, over[0].value), over[0])
    numbers = [f for f in found if f.value is not None]
    shape = "no figure claimed in the sentence" if not numbers else "claims, none over the number"
    return Outcome(NO_CLAIM, shape, None)


def _misattribution_shape(placed: Sequence[Found]) -> str:
    return f"metric {placed[0].metrics[0]!r}" if placed and placed[0].metrics else "metric"


def summarise(rows: Sequence[Row], outcomes: Sequence[Outcome]) -> Summary:
    summary = Summary(rows=len(rows))
    per_property: dict[str, list[int]] = {}
    for row, outcome in zip(rows, outcomes, strict=True):
        if row.positive:
            summary.y_rows += 1
            tally = per_property.setdefault(row.prop, [0, 0])
            tally[1] += 1
            if outcome.kind == OK:
                summary.y_ok += 1
                tally[0] += 1
            else:
                summary.errors[outcome.kind] += 1
                summary.shapes[(outcome.kind, outcome.shape)] += 1
        else:
            summary.n_rows += 1
            if outcome.kind == MISATTRIBUTED:
                summary.n_misattributed += 1
                summary.shapes[(outcome.kind, outcome.shape)] += 1
    summary.by_property = {prop: (ok, n) for prop, (ok, n) in sorted(per_property.items())}
    return summary


def stated_year(text: str, start: int, end: int) -> int | None:
    """The year the sentence states for the figure at [start, end): the nearest year
    written outside the figure itself ("2010-11" gives 2010)."""
    best: tuple[int, int] | None = None
    for found in _YEAR.finditer(text):
        if found.start() < end and start < found.end():
            continue
        distance = found.start() - end if found.start() >= end else start - found.end()
        if best is None or distance < best[0]:
            best = (distance, int(found.group()))
    return best[1] if best else None


def stated_interval(number_text: str, claimed: float) -> tuple[float, float]:
    """The values a figure stands for at the precision it was written with ("177.1
    million" -> 177.05-177.15 million), for rows where the tool reported no interval."""
    found = _FIRST_NUMBER.search(number_text)
    if found is None:
        return claimed, claimed
    written = float(found.group().replace(",", ""))
    decimals = len(found.group(1) or "")
    scale = claimed / written if written else 1.0
    half = 0.5 * 10.0**-decimals * abs(scale)
    return claimed - half, claimed + half


def expected_verdict(claimed: float, reference: float, low: float, high: float) -> str | None:
    """Supported when the reference lies in the figure's accepted interval, disputed when
    the figure is more than 10% off it, None in between (either is defensible)."""
    if low <= reference <= high:
        return SUPPORTED
    if reference and abs(claimed - reference) / abs(reference) > DISPUTE_MARGIN:
        return DISPUTED
    return None


def verdict_case(
    index: int,
    row: Row,
    outcome: Outcome,
    reference: float,
    year: int,
) -> VerdictCase:
    claim = outcome.claim if outcome.kind == OK else None
    if claim is not None and claim.low is not None and claim.high is not None:
        low, high = claim.low, claim.high
    else:
        low, high = stated_interval(row.number_text, row.claimed)
    off = abs(row.claimed - reference) / abs(reference) if reference else math.inf
    return VerdictCase(
        index=index,
        year=year,
        reference=reference,
        expected=expected_verdict(row.claimed, reference, low, high),
        got=(claim.verdict or "none") if claim is not None else "no claim",
        off=off,
    )


@dataclass(frozen=True)
class VerdictSummary:
    covered: int  # rows the tables cover
    scored: int  # of those, rows with an expected verdict
    agreeing: int
    supported_far_off: int  # supported although more than 10% off: must be 0
    table: Mapping[str, Mapping[str, int]]  # expected -> got -> rows

    @property
    def agreement(self) -> float:
        return self.agreeing / self.scored if self.scored else 0.0


def summarise_verdicts(cases: Sequence[VerdictCase]) -> VerdictSummary:
    table: dict[str, Counter[str]] = {}
    for case in cases:
        table.setdefault(case.expected or "either", Counter())[case.got] += 1
    scored = [c for c in cases if c.expected is not None]
    return VerdictSummary(
        covered=len(cases),
        scored=len(scored),
        agreeing=sum(c.got == c.expected for c in scored),
        supported_far_off=sum(c.got == SUPPORTED and c.off > DISPUTE_MARGIN for c in cases),
        table={k: dict(sorted(v.items())) for k, v in sorted(table.items())},
    )


# --- Reading the data and running the tool ---------------------------------------------------


def load_rows(path: Path, limit: int | None) -> list[Row]:
    with path.open(encoding="utf-8") as lines:
        rows = [parse_row(json.loads(line)) for line in lines if line.strip()]
    if limit is None or limit >= len(rows):
        return rows
    # The file runs property by property: a seeded sample (kept in file order) makes
    # a quick run a fair, repeatable one.
    picked = sorted(random.Random(SEED).sample(range(len(rows)), limit))
    return [rows[i] for i in picked]


def number_spans(claim: Claim, text: str) -> tuple[tuple[int, int], ...]:
    """Where a claim's number stands: the quantity's own offsets if the record has them,
    else each place its text occurs inside the claim, else the claim's whole span."""
    quantity = claim.quantity
    start, end = getattr(quantity, "start", None), getattr(quantity, "end", None)
    if isinstance(start, int) and isinstance(end, int):
        return ((start, end),)
    written = quantity.text if quantity is not None else ""
    if written:
        found = [
            (m.start(), m.end())
            for m in re.finditer(_written_pattern(written), text)
            if m.start() < claim.end and claim.start < m.end()
        ]
        if found:
            return tuple(found)
    return ((claim.start, claim.end),)


def _written_pattern(written: str) -> str:
    """A figure as written, not inside a longer number ("100" is not in "1005")."""
    before = r"(?<![\d.,])" if written[0].isdigit() else ""
    after = r"(?![\d]|[.,]\d)" if written[-1].isdigit() else ""
    return before + re.escape(written) + after


def _metrics(claim: Claim) -> tuple[str, ...]:
    """The claim's metric: a `metric` field if the record grows one, and its predicate."""
    names = [getattr(claim, "metric", None), claim.predicate]
    return tuple(dict.fromkeys(n for n in names if isinstance(n, str) and n))


def reduce_report(report: Report, text: str) -> list[Found]:
    from factcheck.matching.numbers import accepted

    found: list[Found] = []
    for checked in report.claims:
        claim = checked.claim
        quantity = claim.quantity
        low = high = None
        if quantity is not None:
            interval = accepted(quantity)
            low, high = interval.lower, interval.upper
        found.append(
            Found(
                spans=number_spans(claim, text),
                value=quantity.value if quantity is not None else None,
                unit=quantity.unit if quantity is not None else None,
                subject=claim.subject,
                metrics=_metrics(claim),
                verdict=str(checked.verdict),
                low=low,
                high=high,
                text=claim.text,
                time=claim.time.text if claim.time is not None else None,
            )
        )
    return found


def run_tool(rows: Sequence[Row]) -> tuple[list[list[Found]], EntityResolver, float]:
    """The claims of each row's sentence, the checker's resolver, and the seconds spent
    checking (model loading excluded).

    Each sentence goes through `Checker.check`, the path `factcheck` itself takes, so
    the figures are the tool's as a user runs it (matching included)."""
    from factcheck.nlp import load_pipeline, model_name
    from factcheck.pipeline import Checker
    from factcheck.records import Article, PublishedSource

    checker = Checker.from_path(load_pipeline(model_name()), SOURCES)
    started = time.perf_counter()
    found = []
    for row in rows:
        article = Article("-", row.text, "", PUBLISHED, PublishedSource.OPTION)
        found.append(reduce_report(checker.check(article), row.text))
    return found, checker.resolver, time.perf_counter() - started


def load_world(folder: Path, same: SameEntity) -> dict[tuple[str, str, int], float] | None:
    """(property, entity key, year) -> World Bank value; None when the tables are absent."""
    paths = {prop: folder / name for prop, (name, _) in WORLD_SERIES.items()}
    if not all(path.is_file() for path in paths.values()):
        return None
    series: dict[tuple[str, str, int], float] = {}
    for prop, path in paths.items():
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
        metrics = {str(r.get("metric", "")).casefold() for r in records}
        wanted = next((m for m in WORLD_SERIES[prop][1] if m in metrics), None)
        if wanted is None and len(metrics) == 1:
            wanted = next(iter(metrics))
        for record in records:
            if str(record.get("metric", "")).casefold() != wanted:
                continue
            period = str(record.get("period", ""))
            key = same.key(str(record.get("entity", "")))
            if key is None or not period[:4].isdigit() or len(period) != 4:
                continue
            try:
                series[(prop, key, int(period))] = float(record["value"])
            except (TypeError, ValueError):
                continue
    return series


def verdict_cases(
    rows: Sequence[Row],
    outcomes: Sequence[Outcome],
    world: Mapping[tuple[str, str, int], float],
    same: SameEntity,
) -> list[VerdictCase]:
    cases = []
    for index, (row, outcome) in enumerate(zip(rows, outcomes, strict=True)):
        if not row.positive or row.prop not in WORLD_SERIES:
            continue
        year = stated_year(row.text, row.num_start, row.num_end)
        key = same.key(row.country)
        if year is None or key is None or (row.prop, key, year) not in world:
            continue
        cases.append(verdict_case(index, row, outcome, world[(row.prop, key, year)], year))
    return cases


# --- Reporting -------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole if whole else 0.0:.3f}"


def describe(found: Found) -> dict[str, Any]:
    return {
        "value": found.value,
        "unit": found.unit,
        "subject": found.subject,
        "metric": found.metrics[0] if found.metrics else None,
        "time": found.time,
        "verdict": found.verdict,
        "claim": found.text,
    }


def examples(
    rows: Sequence[Row],
    outcomes: Sequence[Outcome],
    found: Sequence[Sequence[Found]],
    per_kind: int,
) -> dict[str, list[dict[str, Any]]]:
    """Up to `per_kind` rows per failure kind, spread evenly through the file."""
    by_kind: dict[str, list[int]] = {}
    for index, (row, outcome) in enumerate(zip(rows, outcomes, strict=True)):
        failed = outcome.kind != OK
        if failed and (row.positive or outcome.kind == MISATTRIBUTED):
            by_kind.setdefault(outcome.kind, []).append(index)
    picked: dict[str, list[dict[str, Any]]] = {}
    for kind in (*Y_KINDS, MISATTRIBUTED):
        indices = by_kind.get(kind, [])
        if not indices or per_kind <= 0:
            continue
        step = len(indices) / min(per_kind, len(indices))
        chosen = [indices[int(i * step)] for i in range(min(per_kind, len(indices)))]
        picked[kind] = [
            {
                "label": rows[i].label,
                "text": rows[i].text,
                "country": rows[i].country,
                "property": rows[i].prop,
                "claimed": rows[i].claimed,
                "number": rows[i].number_text,
                "shape": outcomes[i].shape,
                "claims": [describe(f) for f in found[i] if f.value is not None],
            }
            for i in chosen
        ]
    return picked


def as_json(
    summary: Summary,
    verdicts: VerdictSummary | None,
    shown: Mapping[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    return {
        "rows": summary.rows,
        "y": {
            "rows": summary.y_rows,
            "ok": summary.y_ok,
            "rate": round(summary.y_rate, 4),
            "target": Y_TARGET,
            "errors": {kind: summary.errors[kind] for kind in Y_KINDS},
            "by_property": {
                prop: {"ok": ok, "rows": n} for prop, (ok, n) in summary.by_property.items()
            },
        },
        "n": {
            "rows": summary.n_rows,
            "misattributed": summary.n_misattributed,
            "rate": round(summary.n_rate, 4),
            "target": N_TARGET,
        },
        "shapes": [
            {"kind": kind, "shape": shape, "rows": n}
            for (kind, shape), n in sorted(summary.shapes.items(), key=lambda s: (-s[1], s[0]))
        ],
        "verdicts": None
        if verdicts is None
        else {
            "covered": verdicts.covered,
            "scored": verdicts.scored,
            "agreeing": verdicts.agreeing,
            "agreement": round(verdicts.agreement, 4),
            "target": VERDICT_TARGET,
            "supported_far_off": verdicts.supported_far_off,
            "table": verdicts.table,
        },
        "examples": shown,
    }


def report_lines(
    summary: Summary,
    verdicts: VerdictSummary | None,
    shown: Mapping[str, list[dict[str, Any]]],
    top_shapes: int = 12,
) -> list[str]:
    lines = [
        f"Y rows, figure found with value, country and metric: "
        f"{_ratio(summary.y_ok, summary.y_rows)} (target >= {Y_TARGET:.2f})",
        f"N rows misattributed: {_ratio(summary.n_misattributed, summary.n_rows)} "
        f"(target <= {N_TARGET:.2f})",
        "Y failures by kind (the first check that fails):",
    ]
    lines += [f"  {kind:<36}{summary.errors[kind]:>6}" for kind in Y_KINDS]
    lines.append("Y rate by property:")
    lines += [f"  {prop:<36}{_ratio(ok, n):>20}" for prop, (ok, n) in summary.by_property.items()]
    lines.append(f"failure shapes (top {top_shapes}):")
    ranked = sorted(summary.shapes.items(), key=lambda s: (-s[1], s[0]))[:top_shapes]
    lines += [f"  {n:>5}  {kind}: {shape}" for (kind, shape), n in ranked]
    lines += verdict_lines(verdicts)
    for kind, items in shown.items():
        lines.append(f"examples: {kind}")
        for item in items:
            lines.append(
                f"  [{item['label']}] {item['text']}\n"
                f"      want {item['country']} / {item['property']} = {item['claimed']:g} "
                f"at {item['number']!r} ({item['shape'] or 'misattributed'})"
            )
            if not item["claims"]:
                lines.append("      got no figure")
            for claim in item["claims"]:
                unit = f" {claim['unit']}" if claim["unit"] else ""
                lines.append(
                    f"      got {claim['value']:g}{unit} subject={claim['subject']!r} "
                    f"metric={claim['metric']!r} time={claim['time']!r} {claim['verdict']}"
                )
    return lines


def verdict_lines(verdicts: VerdictSummary | None) -> list[str]:
    if verdicts is None:
        return ["verdicts (issue 10): world tables not present; verdict agreement skipped"]
    lines = [
        f"verdicts (issue 10): {verdicts.covered} Y rows on population, GDP or inflation "
        f"in a year the World Bank tables cover; {verdicts.scored} with an expected verdict",
        f"  agreement: {_ratio(verdicts.agreeing, verdicts.scored)} "
        f"(target >= {VERDICT_TARGET:.2f})",
        f"  supported but more than 10% off: {verdicts.supported_far_off} (must be 0)",
    ]
    for expected, got in verdicts.table.items():
        spread = ", ".join(f"{verdict} {n}" for verdict, n in got.items())
        lines.append(f"  expected {expected}: {spread}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_DATA, metavar="PATH")
    parser.add_argument("--limit", type=int, default=None, help="a seeded sample of N rows")
    parser.add_argument("--show-errors", type=int, default=0, metavar="K")
    parser.add_argument("--world", type=Path, default=DEFAULT_WORLD, metavar="DIR")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    rows = load_rows(args.jsonl, args.limit)
    found, resolver, checking = run_tool(rows)
    same = SameEntity(resolver)
    outcomes = [score_row(row, claims, same) for row, claims in zip(rows, found, strict=True)]
    summary = summarise(rows, outcomes)
    world = load_world(args.world, same)
    verdicts = (
        None if world is None else summarise_verdicts(verdict_cases(rows, outcomes, world, same))
    )
    shown = examples(rows, outcomes, found, args.show_errors)
    total = time.perf_counter() - started
    timing = (
        f"time: {total:.1f} s in all (load + check); {checking:.1f} s checking "
        f"{len(rows)} sentences"
    )
    if args.json:
        print(json.dumps(as_json(summary, verdicts, shown), indent=2, sort_keys=True))
        print(timing, file=sys.stderr)
        return
    print(
        f"data: {args.jsonl}; rows: {summary.rows} (Y {summary.y_rows}, N {summary.n_rows}); "
        f"sources: {SOURCES.name}; published: {PUBLISHED.isoformat()}"
    )
    print("\n".join(report_lines(summary, verdicts, shown)))
    print(timing)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
