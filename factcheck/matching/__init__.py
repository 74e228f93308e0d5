"""Matching: give every claim a verdict from the sources that cover it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from factcheck.lexicon import DEPLOYED_TO, HELD_IN, SAID
from factcheck.matching.events import (
    check_deployment,
    check_held,
    check_membership,
    check_statement,
)
from factcheck.matching.meaning import MeaningReader, best_review
from factcheck.matching.numbers import (
    check_change,
    check_comparison,
    check_quantity,
    check_ranking,
    periods_of,
)
from factcheck.matching.outcome import Outcome
from factcheck.matching.policy import settle, unsettled
from factcheck.normalise.entities import EntityResolver
from factcheck.normalise.words import WORLD
from factcheck.records import CheckedClaim, Claim, ClaimType, Evidence, Modality, Verdict
from factcheck.sources import LoadedSources

__all__ = ["Matcher", "Outcome"]


@dataclass(frozen=True)
class Matcher:
    sources: LoadedSources
    resolver: EntityResolver
    published: date
    # Reads sentences for published fact-checks; without one, reviews are not consulted.
    reader: MeaningReader | None = None

    def check(self, claim: Claim) -> CheckedClaim:
        outcome = self._structured(claim) or self._reviewed(claim) or self._unverified(claim)
        return CheckedClaim(
            claim=claim,
            verdict=outcome.verdict,
            confidence=outcome.confidence,
            explanation=outcome.explanation,
            evidence=outcome.evidence,
        )

    def check_all(self, claims: Sequence[Claim]) -> tuple[CheckedClaim, ...]:
        return tuple(self.check(claim) for claim in claims)

    def _structured(self, claim: Claim) -> Outcome | None:
        check = self._checker(claim)
        if check is None:
            return None
        outcome = check(claim) or self._worldwide(claim, check)
        return settle(claim, outcome) if outcome is not None else None

    def _worldwide(self, claim: Claim, check: Callable[[Claim], Outcome | None]) -> Outcome | None:
        """A figure whose text names no one may be a world figure ("Sales of electric cars
        rose by 35%"): tried only when the entity guessed from context has no data, and
        then able to support the claim but never to dispute it."""
        figure = claim.type in {ClaimType.QUANTITY, ClaimType.CHANGE}
        if not (figure and claim.subject_from_context) or claim.subject == WORLD:
            return None
        if claim.subject is None or self.resolver.is_unwritten_code(claim.subject):
            return None  # whose it is may be the one the text calls "SA": not the world's
        outcome = check(replace(claim, subject=WORLD))
        if outcome is None or outcome.verdict is not Verdict.DISPUTED:
            return outcome
        return unsettled(outcome, "the text does not say whose figure this is")

    def _checker(self, claim: Claim) -> Callable[[Claim], Outcome | None] | None:
        tables, events = self.sources.tables, self.sources.events
        numeric = {
            ClaimType.QUANTITY: check_quantity,
            ClaimType.CHANGE: check_change,
            ClaimType.RANKING: check_ranking,
            ClaimType.COMPARISON: check_comparison,
        }
        if claim.type in numeric:
            table_check = numeric[claim.type]
            return lambda c: table_check(c, tables, self.resolver, self.published)
        by_relation = {HELD_IN: check_held, DEPLOYED_TO: check_deployment, SAID: check_statement}
        event_check = by_relation.get(claim.predicate or "", check_membership)
        return lambda c: event_check(c, events, self.resolver, self.published)

    def _reviewed(self, claim: Claim) -> Outcome | None:
        """A published fact-check of the same claim, matched by meaning."""
        if self.reader is None:
            return None
        for source in self.sources.reviews:
            found = best_review(source, claim.sentence, self.reader)
            if found is None:
                continue
            review, score = found
            if review.verdict is None:
                continue  # a rating such as "Needs context" settles nothing
            evidence = Evidence(
                source=source.spec.name,
                title=source.spec.title,
                url=review.url,
                record={
                    "claimReviewed": review.claim_reviewed,
                    "rating": review.rating,
                    "author": review.author,
                    "datePublished": review.date_published,
                },
                summary=f"rated {review.rating!r}: {review.claim_reviewed}",
            )
            return Outcome(
                review.verdict,
                round(0.8 * score, 3),
                f"A published fact-check rated a matching claim {review.rating!r}"
                f"{' by ' + review.author if review.author else ''}.",
                (evidence,),
            )
        return None

    def _unverified(self, claim: Claim) -> Outcome:
        return Outcome(Verdict.UNVERIFIED, 0.0, uncovered(claim))


def uncovered(claim: Claim) -> str:
    """What no source covers: 'No configured source covers population for Chile, 2008.'"""
    what = claim.predicate or claim.type.value
    if claim.type is ClaimType.EVENT and claim.modality is Modality.PREDICTION:
        about = f" about {claim.subject}" if claim.subject else ""
        return f"A prediction{about}: no configured source records it."
    if claim.type not in {ClaimType.QUANTITY, ClaimType.CHANGE, ClaimType.RANKING}:
        about = f" about {claim.subject}" if claim.subject else ""
        return f"No configured source covers {what}{about}."
    whose = f" for {claim.subject}" if claim.subject else " (the text does not say whose)"
    periods = periods_of(claim)
    when = f", {periods[-1]}" if periods else ""
    return f"No configured source covers {what}{whose}{when}."
