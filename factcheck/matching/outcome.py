"""What a single check concludes, before it is attached to its claim."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.records import Evidence, Verdict


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    confidence: float
    explanation: str
    evidence: tuple[Evidence, ...] = ()
