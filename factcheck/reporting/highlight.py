"""The article cut into plain text and claim spans, for reports that show the article.

Claims may overlap (a quote that contains a figure). A highlight cannot, so a
claim that starts inside an earlier one is highlighted from where the earlier
one ends; a claim left with nothing to highlight is listed by `hidden_claims`
so that every report can still show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.records import CheckedClaim, Report, Verdict
from factcheck.reporting.json_report import claims_in_order

# A sign next to every verdict word, so that no report relies on colour alone.
VERDICT_ICONS: dict[Verdict, str] = {
    Verdict.SUPPORTED: "✓",
    Verdict.DISPUTED: "✗",
    Verdict.UNVERIFIED: "?",
}


def verdict_label(verdict: Verdict) -> str:
    """E.g. "✓ supported"."""
    return f"{VERDICT_ICONS[verdict]} {verdict.value}"


@dataclass(frozen=True)
class Segment:
    """`text[start:end]` of the article; `claim` is set when that text is a claim."""

    start: int
    end: int
    claim: CheckedClaim | None = None
    number: int = 0  # the claim's position in document order, from 1


def segments(report: Report) -> tuple[Segment, ...]:
    """The whole article as consecutive segments, claims highlighted, in document order."""
    text = report.article.text
    found: list[Segment] = []
    cursor = 0
    for number, checked in enumerate(claims_in_order(report), start=1):
        start = max(checked.claim.start, cursor)
        end = min(checked.claim.end, len(text))
        if start >= end:
            continue
        if start > cursor:
            found.append(Segment(cursor, start))
        found.append(Segment(start, end, checked, number))
        cursor = end
    if cursor < len(text):
        found.append(Segment(cursor, len(text)))
    return tuple(found)


def hidden_claims(report: Report) -> tuple[tuple[int, CheckedClaim], ...]:
    """Claims (with their numbers) that have no highlight of their own in `segments`."""
    shown = {segment.number for segment in segments(report) if segment.claim is not None}
    return tuple(
        (number, checked)
        for number, checked in enumerate(claims_in_order(report), start=1)
        if number not in shown
    )
