"""The JSON report: a `Report` as plain data, its schema, and validation.

The output is a contract with scripts, so every key is written explicitly
(never `dataclasses.asdict`, which would leak any new record field into the
format unannounced) and the schema in `schema.json` requires all of them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from factcheck.records import (
    Article,
    Binding,
    CheckedClaim,
    Claim,
    Evidence,
    Quantity,
    Report,
    SourceStatus,
    TimeSpan,
    Verdict,
)

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

TOOL_NAME = "factcheck"
OPTION_KEYS = ("fail_on", "min_checkworthiness", "model", "sources")
_SCHEMA_FILE = "schema.json"
# Far below any stated figure's precision, far above a float's last-digit noise.
_TOLERANCE_DIGITS = 12


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data, in the shape `schema.json` describes."""
    return {
        "schema_version": report.schema_version,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "article": _article(report.article),
        "claims": [_claim(checked) for checked in claims_in_order(report)],
        "summary": summary_counts(report),
        "sources": [_source(status) for status in report.sources],
        "options": _options(report.options),
    }


def render_json(report: Report) -> str:
    """The report as JSON text: the same report always gives the same bytes."""
    # allow_nan=False is the last guard: NaN and Infinity are not JSON.
    text = json.dumps(report_to_dict(report), indent=2, ensure_ascii=False, allow_nan=False)
    return text + "\n"


def claims_in_order(report: Report) -> tuple[CheckedClaim, ...]:
    """The claims in document order (stable for claims at the same offsets)."""
    return tuple(
        sorted(report.claims, key=lambda checked: (checked.claim.start, checked.claim.end))
    )


def summary_counts(report: Report) -> dict[str, int]:
    counts = {"claims": len(report.claims)}
    counts.update({verdict.value: report.count(verdict) for verdict in Verdict})
    return counts


def load_schema() -> dict[str, Any]:
    """The packaged report schema (a fresh copy: callers may change it freely)."""
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded


def validate_report(data: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> None:
    """Raise `ValueError` naming every place where `data` breaks the schema: `data` is one
    report, or the array of reports that several articles give."""
    found = (leaf for error in _validator().iter_errors(data) for leaf in _leaf_errors(error))
    errors = sorted({f"{error.json_path}: {error.message}" for error in found})
    if errors:
        listing = "\n".join(f"  - {error}" for error in errors)
        raise ValueError(f"report does not match the report schema:\n{listing}")


@cache
def _schema_text() -> str:
    return resources.files("factcheck.reporting").joinpath(_SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def _validator() -> Validator:
    # jsonschema is imported here, not at module level, because only tests and
    # explicit validation need it and it is slow to import (start-up is benchmarked).
    from jsonschema import Draft202012Validator

    validator: Validator = Draft202012Validator(
        load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return validator


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """The errors inside an `anyOf` that say what is wrong, rather than the `anyOf` itself.

    An `anyOf` of an object and null only reports "not valid under any of the
    given schemas" at the object; the useful errors are in its context. The
    branches that merely fail on the type of the whole value say nothing new.
    """
    deeper = [
        inner
        for inner in error.context or ()
        if not (inner.validator == "type" and inner.absolute_path == error.absolute_path)
    ]
    if not deeper:
        yield error
        return
    for inner in deeper:
        yield from _leaf_errors(inner)


def _options(options: Mapping[str, str]) -> dict[str, str | None]:
    """Every option the schema names, null when the report's maker gave none (a report
    made through the library rather than the command line), in a fixed order."""
    return {key: options.get(key) for key in OPTION_KEYS}


def _article(article: Article) -> dict[str, Any]:
    return {
        "path": article.path,
        "sha256": article.sha256,
        "published": article.published.isoformat(),
        "published_source": article.published_source.value,
        "characters": len(article.text),
        "warnings": list(article.warnings),
        "url": article.url,
        "title": article.title,
    }


def _claim(checked: CheckedClaim) -> dict[str, Any]:
    claim = checked.claim
    where = f"claim {claim.id}"
    return {
        "id": claim.id,
        "text": claim.text,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "type": claim.type.value,
        "subject": claim.subject,
        "subject_source": _subject_source(claim),
        "predicate": claim.predicate,
        "object": claim.object,
        "quantity": _quantity(claim.quantity, where) if claim.quantity else None,
        "time": _time(claim.time) if claim.time else None,
        "place": claim.place,
        "modality": claim.modality.value,
        "attribution": claim.attribution,
        "negated": claim.negated,
        "rank": claim.rank,
        "direction": claim.direction,
        "scope": claim.scope,
        "checkworthiness": _finite(claim.checkworthiness, f"{where} checkworthiness"),
        "binding": _binding(claim.binding) if claim.binding else None,
        "verdict": checked.verdict.value,
        "confidence": _finite(checked.confidence, f"{where} confidence"),
        "explanation": checked.explanation,
        "evidence": [_evidence(item) for item in checked.evidence],
    }


def _quantity(quantity: Quantity, where: str) -> dict[str, Any]:
    return {
        "value": _finite(quantity.value, f"{where} quantity value"),
        "unit": quantity.unit,
        # An infinite bound means "no bound on that side", which JSON spells null.
        "lower": _finite_or_none(quantity.lower),
        "upper": _finite_or_none(quantity.upper),
        "approximate": quantity.approximate,
        "precision": _finite(quantity.precision, f"{where} quantity precision"),
        "text": quantity.text,
    }


def _time(span: TimeSpan) -> dict[str, Any]:
    return {"start": _iso(span.start), "end": _iso(span.end), "text": span.text}


def _binding(binding: Binding) -> dict[str, Any]:
    slots = {"subject": binding.subject, "metric": binding.metric, "time": binding.time}
    return {name: {"from": slot.how.value, "text": slot.text} for name, slot in slots.items()}


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "source": evidence.source,
        "title": evidence.title,
        "url": evidence.url,
        "record": {key: _record_value(value) for key, value in evidence.record.items()},
        "reference_value": _finite_or_none(evidence.reference_value),
        "unit": evidence.unit,
        "tolerance": _rounded(_finite_or_none(evidence.tolerance)),
        "summary": evidence.summary,
    }


def _source(status: SourceStatus) -> dict[str, Any]:
    return {
        "name": status.name,
        "kind": status.kind,
        "status": status.status,
        "detail": status.detail,
        "records": status.records,
        "skipped": status.skipped,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _record_value(value: str | float | None) -> str | float | None:
    return value if isinstance(value, str) else _finite_or_none(value)


def _finite_or_none(number: float | None) -> float | None:
    return number if number is not None and math.isfinite(number) else None


def _rounded(number: float | None) -> float | None:
    """`number` to 12 significant digits: half the interval 5.85-5.95 is computed as
    0.050000000000000266, float noise no reader of the report should have to see."""
    return float(f"{number:.{_TOLERANCE_DIGITS}g}") if number is not None else None


def _finite(number: float, what: str) -> float:
    # A required number that is NaN or infinite is a bug upstream; failing here
    # names it instead of writing a report that no JSON parser accepts.
    if not math.isfinite(number):
        raise ValueError(f"{what} is {number!r}; a report holds only finite numbers")
    return number


def _subject_source(claim: Claim) -> str | None:
    """Whether the subject is named in the claim's sentence or taken from earlier text."""
    if claim.subject is None:
        return None
    return "context" if claim.subject_from_context else "text"
