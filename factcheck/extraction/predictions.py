"""Predictions no other claim covers: 'UNHCR expects the number to keep rising'.

A forecast is a claim the article makes, and an editor wants it listed, though no
source can settle it yet: it is reported as an event with the predicted verb as
its predicate and the prediction modality, and stays unverified. A prediction
with a figure ('expects sales to grow by 3%') is already a figure claim, and one
with a known relation ('is expected to be held in Belém') an event claim: those
are not reported twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from factcheck.extraction.drafts import Sentence, build_claim
from factcheck.extraction.lang import en
from factcheck.extraction.syntax import clause_subject
from factcheck.records import Claim, ClaimType

PREDICTED = frozenset({"xcomp", "ccomp"})


def prediction_claims(ctx: Sentence, made: Sequence[Claim]) -> Iterator[Claim]:
    for token in ctx.tokens:
        if token.pos_ != "VERB" or token.lemma_ not in en.FORECAST_VERBS:
            continue
        predicted = next(
            (c for c in token.children if c.dep_ in PREDICTED and c.pos_ in {"VERB", "AUX"}), None
        )
        if predicted is None or ctx.in_attribution(token) or _covered(token, predicted, made):
            continue
        who = _who(token, predicted)
        name = ctx.name_of(who) if who is not None else None
        if who is None or (name is None and who.pos_ not in {"NOUN", "PROPN", "NUM"}):
            continue
        yield build_claim(
            ctx,
            ClaimType.EVENT,
            predicted,
            [*_auxiliaries(token), token, predicted.right_edge],
            subject=name or who.text,
            subject_from_context=name is not None and not ctx.named(who),
            predicate=predicted.lemma_.lower(),
            checkworthiness=0.3,
        )


def _who(forecast: Token, predicted: Token) -> Token | None:
    """Whom the prediction is about: the predicted clause's subject ('expects the number to
    keep rising'), else the forecast's passive subject ('2024 is expected to be warmer')."""
    own = clause_subject(predicted)
    if own is not None and own != predicted:
        return own
    passive = next((c for c in forecast.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive
    return next((c for c in forecast.children if c.dep_ == "dobj"), None)


def _auxiliaries(forecast: Token) -> list[Token]:
    """'is expected': the auxiliary that opens the claim's text."""
    return [c for c in forecast.children if c.dep_ in {"auxpass", "aux"} and c.i < forecast.i]


def _covered(forecast: Token, predicted: Token, made: Sequence[Claim]) -> bool:
    start = forecast.idx
    end = predicted.right_edge.idx + len(predicted.right_edge.text)
    return any(claim.start < end and start < claim.end for claim in made)
