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


@dataclass(frozen=True)
class Unit:
    """A stretch of the article that overlapping claims cover together, or plain text.

    "the world's third-largest" inside "the world's third-largest economy, with output
    worth $4.5 trillion": a mark placed after the first claim would split the phrase, so
    the marks of all the claims of a unit go after its whole text.
    """

    start: int
    end: int
    pieces: tuple[Segment, ...]  # the highlights inside, in order; none for plain text
    claims: tuple[tuple[int, CheckedClaim], ...] = ()  # with their numbers

    @property
    def single(self) -> bool:
        """One claim, alone over its own text."""
        return len(self.claims) == 1 and len(self.pieces) == 1


def units(report: Report) -> tuple[Unit, ...]:
    """The whole article as consecutive units, in document order."""
    spans: list[tuple[int, int, list[tuple[int, CheckedClaim]]]] = []
    length = len(report.article.text)
    for number, checked in enumerate(claims_in_order(report), start=1):
        start, end = min(checked.claim.start, length), min(checked.claim.end, length)
        if spans and start < spans[-1][1]:
            first, last, members = spans[-1]
            spans[-1] = (first, max(last, end), [*members, (number, checked)])
        elif start < end:
            spans.append((start, end, [(number, checked)]))
    pieces = [segment for segment in segments(report) if segment.claim is not None]
    found: list[Unit] = []
    cursor = 0
    for start, end, members in spans:
        if start > cursor:
            found.append(Unit(cursor, start, ()))
        inside = tuple(piece for piece in pieces if start <= piece.start < end)
        found.append(Unit(start, end, inside, tuple(members)))
        cursor = end
    if cursor < length:
        found.append(Unit(cursor, length, ()))
    return tuple(found)
