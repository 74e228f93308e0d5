"""The verdict policy, in one place: when a disagreement may be called a dispute.

A false alarm costs an editor more than a miss, so a claim is disputed only when
the text ties the figure to its subject, metric and time firmly enough that the
reference row is about what the claim says:

| slot    | a disagreement is a dispute when bound from (`records.Bound`)        |
|---------|----------------------------------------------------------------------|
| subject | the figure's clause (a list's own name: "Labour £11m"), with no other |
|         | name between them; a reference ("it", "the party") to a named entity; |
|         | or, when the clause names no one else, the only entity of its kind   |
|         | the article has named ("Only $7.5 billion was available")             |
| metric  | the figure's clause, or its sentence when the figure's clause names  |
|         | nothing else ("..., and Italy's stood at X")                          |
| time    | the text, or no time at all (the latest period before publication);  |
|         | not when a year in the figure's clause was left unbound               |

Anything else (a subject borrowed from earlier text while the clause names someone
else, "the OECD average of 4.9%"; a name elsewhere in the sentence) is unverified,
with the reason. So is a figure whose metric the text names only in another sentence
(check-worthiness below `DISPUTE_FLOOR`). These rules apply to figures (quantities and
changes), whose extractor records its binding evidence; rankings, comparisons and
events are checked on what their own clause names. A figure that names no one,
checked as a world figure, is never disputed. Checks keep their own arithmetic
(tolerances below); this module only decides whether a disagreement they found stands.
"""

from __future__ import annotations

from dataclasses import replace

from factcheck.matching.outcome import Outcome
from factcheck.records import Bound, Claim, ClaimType, Verdict

# Below this check-worthiness the text ties a figure to its metric only through another
# sentence: agreement still supports it, but disagreement is no proof it is wrong.
DISPUTE_FLOOR = 0.46
# "twice as much as" is rounded speech: a ratio within 10% of the stated one agrees.
RATIO_TOLERANCE = 0.1
# A count or a sum stands for every value that rounds to it, but never for one more than
# 10% away ("4 million" does not support 3.51 million); percentages keep their rounding.
ROUNDING_REACH = 0.1
# A table value's trailing zeros ("214000000") stand for rounding, but for at most this
# share of the value: a change computed from two rounded values is as loose.
ROUNDED_SHARE = 0.0005


# A table's `spread` (sources.toml) is how far other agencies' estimates of its figures
# may lie from its own (a census count against a mid-year estimate, a GDP at another
# exchange rate). A stated figure outside its precision but within the spread is close
# enough that a disagreement proves nothing: unverified, not disputed.
def within_spread(stated: float, reference: float, spread: float) -> bool:
    return spread > 0 and abs(stated - reference) <= spread * abs(reference)


# How sure each kind of check is when it settles a claim.
CONFIDENCE = {"value": 0.9, "change": 0.85, "rank": 0.85, "periods": 0.8, "comparison": 0.85}
# The confidence of a disagreement that the policy does not let stand.
UNSETTLED = 0.3

# The claim types whose extractor records where each slot was bound.
BOUND_BY_EVIDENCE = frozenset({ClaimType.QUANTITY, ClaimType.CHANGE})
FIRM = {
    "subject": frozenset({Bound.CLAUSE, Bound.REFERENCE, Bound.TOPIC}),
    "metric": frozenset({Bound.CLAUSE, Bound.SENTENCE}),
    "time": frozenset({Bound.CLAUSE, Bound.SENTENCE, Bound.DEFAULT}),
}
WHY = {
    "subject": "the text does not say in this clause whose figure this is",
    "metric": "the text names the metric only in another sentence",
    "time": "the text gives the figure's period only in another sentence",
}


def dispute_blocker(claim: Claim) -> str | None:
    """Why a disagreement with `claim` is no proof it is wrong; None when it is."""
    if claim.type not in BOUND_BY_EVIDENCE:
        return None  # events, rankings, comparisons: their checks compare what the clause names
    if claim.checkworthiness < DISPUTE_FLOOR:
        return WHY["metric"]
    binding = claim.binding
    if binding is None:
        return None  # a claim made by hand, not by extraction
    for slot in ("subject", "metric", "time"):
        if getattr(binding, slot).how not in FIRM[slot]:
            return WHY[slot]
    return None


def settle(claim: Claim, outcome: Outcome) -> Outcome:
    """A dispute stands only on evidence bound from the claim's own clause."""
    if outcome.verdict is not Verdict.DISPUTED:
        return outcome
    reason = dispute_blocker(claim)
    if reason is None:
        return outcome
    return unsettled(outcome, reason)


def unsettled(outcome: Outcome, reason: str) -> Outcome:
    return replace(
        outcome,
        verdict=Verdict.UNVERIFIED,
        confidence=UNSETTLED,
        explanation=f"{outcome.explanation.rstrip('.')}; but {reason}, so it is not disputed.",
    )
