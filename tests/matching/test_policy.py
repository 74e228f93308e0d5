"""The verdict policy (`factcheck/matching/policy.py`), row by row of its docstring's table.

Claims are built by hand with the binding extraction would record, so each row says
only what the policy decides: whether a disagreement with the claim stays a dispute,
or becomes unverified with the reason the text gave too little to dispute it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from factcheck.matching.outcome import Outcome
from factcheck.matching.policy import (
    DISPUTE_FLOOR,
    UNSETTLED,
    WHY,
    dispute_blocker,
    settle,
    within_spread,
)
from factcheck.records import (
    Binding,
    Bound,
    Claim,
    ClaimType,
    Evidence,
    Quantity,
    SlotBinding,
    Verdict,
)

SUBJECT, METRIC, TIME = WHY["subject"], WHY["metric"], WHY["time"]


def figure(
    subject: Bound = Bound.CLAUSE,
    metric: Bound = Bound.CLAUSE,
    time: Bound = Bound.CLAUSE,
    *,
    kind: ClaimType = ClaimType.QUANTITY,
    checkworthiness: float = 0.9,
) -> Claim:
    """'Chile's unemployment rate was 8.7% in 2023', bound as given."""
    return Claim(
        id="c1",
        text="Chile's unemployment rate was 8.7% in 2023",
        sentence="Chile's unemployment rate was 8.7% in 2023.",
        start=0,
        end=42,
        type=kind,
        subject="Chile",
        predicate="unemployment rate",
        quantity=Quantity(8.7, "%", text="8.7%"),
        checkworthiness=checkworthiness,
        binding=Binding(
            subject=SlotBinding(subject, "Chile"),
            metric=SlotBinding(metric, "unemployment rate"),
            time=SlotBinding(time, "2023" if time is not Bound.DEFAULT else None),
        ),
    )


DISPUTED = Outcome(
    verdict=Verdict.DISPUTED,
    confidence=0.9,
    explanation="The claim says 8.7%; the table gives 8.9% for Chile (2023).",
    evidence=(Evidence("ilo", "ILO unemployment", None, {"value": 8.9}, 8.9, "%"),),
)

# (claim, the reason a disagreement is no dispute; None: the dispute stands)
POLICY = [
    # subject: the figure's clause, a reference to a name, or the sole topic -> disputed
    pytest.param(figure(subject=Bound.CLAUSE), None, id="subject-clause"),
    pytest.param(figure(subject=Bound.REFERENCE), None, id="subject-reference"),
    pytest.param(figure(subject=Bound.TOPIC), None, id="subject-topic"),
    # anywhere else -> unverified
    pytest.param(figure(subject=Bound.SENTENCE), SUBJECT, id="subject-sentence"),
    pytest.param(figure(subject=Bound.DISCOURSE), SUBJECT, id="subject-discourse"),
    pytest.param(figure(subject=Bound.NONE), SUBJECT, id="subject-none"),
    # metric: the clause or the sentence -> disputed; another sentence -> unverified
    pytest.param(figure(metric=Bound.CLAUSE), None, id="metric-clause"),
    pytest.param(figure(metric=Bound.SENTENCE), None, id="metric-sentence"),
    pytest.param(figure(metric=Bound.DISCOURSE), METRIC, id="metric-discourse"),
    pytest.param(figure(metric=Bound.NONE), METRIC, id="metric-none"),
    # time: the text, or none at all (the latest period) -> disputed; unbound -> unverified
    pytest.param(figure(time=Bound.CLAUSE), None, id="time-clause"),
    pytest.param(figure(time=Bound.SENTENCE), None, id="time-sentence"),
    pytest.param(figure(time=Bound.DEFAULT), None, id="time-default"),
    pytest.param(figure(time=Bound.NONE), TIME, id="time-none"),
    pytest.param(figure(time=Bound.DISCOURSE), TIME, id="time-discourse"),
    # check-worthiness: below the floor the metric is tied only through another sentence
    pytest.param(figure(checkworthiness=DISPUTE_FLOOR - 0.01), METRIC, id="below-floor"),
    pytest.param(figure(checkworthiness=DISPUTE_FLOOR), None, id="at-floor"),
    # the first loose slot gives the reason: subject, then metric, then time
    pytest.param(figure(Bound.DISCOURSE, Bound.DISCOURSE, Bound.NONE), SUBJECT, id="subject-first"),
    pytest.param(figure(metric=Bound.DISCOURSE, time=Bound.NONE), METRIC, id="metric-before-time"),
    # changes are figures too
    pytest.param(figure(Bound.DISCOURSE, kind=ClaimType.CHANGE), SUBJECT, id="change-loose"),
    pytest.param(figure(kind=ClaimType.CHANGE), None, id="change-firm"),
    # rankings, comparisons, events: checked on what their own clause names, never blocked
    *(
        pytest.param(
            figure(Bound.DISCOURSE, Bound.DISCOURSE, Bound.NONE, kind=kind, checkworthiness=0.1),
            None,
            id=f"{kind.value}-not-blocked",
        )
        for kind in (ClaimType.RANKING, ClaimType.COMPARISON, ClaimType.EVENT)
    ),
    # a figure made by hand, with no binding evidence: nothing to weigh
    pytest.param(replace(figure(), binding=None), None, id="no-binding"),
]


@pytest.mark.parametrize(("claim", "reason"), POLICY)
def test_dispute_blocker(claim: Claim, reason: str | None) -> None:
    assert dispute_blocker(claim) == reason


@pytest.mark.parametrize(("claim", "reason"), POLICY)
def test_settle_a_disagreement(claim: Claim, reason: str | None) -> None:
    settled = settle(claim, DISPUTED)
    if reason is None:
        assert settled == DISPUTED
        return
    assert settled.verdict is Verdict.UNVERIFIED
    assert settled.confidence == UNSETTLED
    assert settled.explanation == (
        "The claim says 8.7%; the table gives 8.9% for Chile (2023)"
        f"; but {reason}, so it is not disputed."
    )
    assert settled.evidence == DISPUTED.evidence  # the reference is still shown


LOOSE = figure(Bound.DISCOURSE, Bound.DISCOURSE, Bound.NONE, checkworthiness=0.1)


@pytest.mark.parametrize(
    "outcome",
    [
        pytest.param(Outcome(Verdict.SUPPORTED, 0.9, "Matches the table."), id="supported"),
        pytest.param(Outcome(Verdict.UNVERIFIED, 0.2, "No source covers it."), id="unverified"),
    ],
)
@pytest.mark.parametrize(
    "claim", [pytest.param(LOOSE, id="loose"), pytest.param(figure(), id="firm")]
)
def test_settle_changes_only_disputes(outcome: Outcome, claim: Claim) -> None:
    """Agreement supports a claim however loosely it is bound; nothing else is touched."""
    assert settle(claim, outcome) is outcome


@pytest.mark.parametrize(
    ("stated", "reference", "spread", "within"),
    [
        pytest.param(125.0, 100.0, 0.25, True, id="at-the-upper-edge"),
        pytest.param(75.0, 100.0, 0.25, True, id="at-the-lower-edge"),
        pytest.param(125.001, 100.0, 0.25, False, id="just-above"),
        pytest.param(74.999, 100.0, 0.25, False, id="just-below"),
        pytest.param(100.0, 100.0, 0.25, True, id="equal"),
        pytest.param(100.0, 100.0, 0.0, False, id="no-spread-declared"),
        pytest.param(100.0, 100.0, -0.25, False, id="negative-spread"),
        pytest.param(-125.0, -100.0, 0.25, True, id="negative-reference"),
        pytest.param(-75.0, -100.0, 0.25, True, id="negative-reference-other-side"),
        pytest.param(-126.0, -100.0, 0.25, False, id="negative-reference-outside"),
        pytest.param(0.0, 0.0, 0.25, True, id="zero-reference-equal"),
        pytest.param(0.1, 0.0, 0.25, False, id="zero-reference-differs"),
    ],
)
def test_within_spread(stated: float, reference: float, spread: float, within: bool) -> None:
    assert within_spread(stated, reference, spread) is within
