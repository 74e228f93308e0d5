"""Exit codes: the one place that says what each means and when the gate fails."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum

from factcheck.records import Report, Verdict


class ExitCode(IntEnum):
    OK = 0  # the gate passed
    GATE_FAILED = 1  # a claim with a failing verdict (see --fail-on)
    ERROR = 2  # usage, input or configuration error


class FailOn(StrEnum):
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"
    NEVER = "never"


FAILING_VERDICTS = {
    FailOn.DISPUTED: frozenset({Verdict.DISPUTED}),
    FailOn.UNVERIFIED: frozenset({Verdict.DISPUTED, Verdict.UNVERIFIED}),
    FailOn.NEVER: frozenset(),
}


def gate(report: Report, fail_on: FailOn) -> ExitCode:
    failing = FAILING_VERDICTS[fail_on]
    if any(checked.verdict in failing for checked in report.claims):
        return ExitCode.GATE_FAILED
    return ExitCode.OK


def gate_counts(counts: Mapping[str, int], fail_on: FailOn) -> ExitCode:
    """The gate from a report's verdict counts (its JSON `summary`), as `gate` gives it."""
    if any(counts.get(verdict.value, 0) for verdict in FAILING_VERDICTS[fail_on]):
        return ExitCode.GATE_FAILED
    return ExitCode.OK
