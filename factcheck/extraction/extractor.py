"""Run every claim builder over a parsed article, in document order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from factcheck.extraction.comparisons import comparison_claims
from factcheck.extraction.context import PERSON, Discourse, ExtractionLexicon
from factcheck.extraction.drafts import Sentence
from factcheck.extraction.events import event_claims
from factcheck.extraction.predictions import prediction_claims
from factcheck.extraction.quantities import quantity_claims
from factcheck.extraction.rankings import ranking_claims
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, ClaimType

BUILDERS = (quantity_claims, ranking_claims, comparison_claims, event_claims)


def extract_claims(
    doc: Doc,
    published: date,
    lexicon: ExtractionLexicon,
    resolver: EntityResolver,
    body_start: int = 0,
) -> list[Claim]:
    """The checkable claims in `doc`, numbered c1, c2, ... in document order.

    Text before `body_start` (front matter) is metadata, not prose: it is
    skipped.
    """
    discourse = Discourse(resolver)
    found: list[Claim] = []
    for sent in doc.sents:
        if sent.start_char < body_start:
            continue
        ctx = Sentence.read(sent, published, lexicon, discourse)
        in_sentence = len(found)
        for builder in BUILDERS:
            built = list(builder(ctx))
            found.extend(built)
            discourse.metrics.extend(c.predicate for c in built if c.predicate and c.quantity)
            # A speaker is a person even when the model did not tag the name ("Modi said"),
            # and the one a following "he" or "she" most likely means.
            speakers = [
                (PERSON, c.subject) for c in built if c.type is ClaimType.QUOTE and c.subject
            ]
            discourse.mentions.extend(speakers)
            discourse.topics.extend(speakers)
        found.extend(prediction_claims(ctx, found[in_sentence:]))
        discourse.observe(sent, ctx.stems, ctx.entities, ctx.ignored)
    ordered = sorted(_distinct(found), key=lambda c: (c.start, c.end, c.type.value))
    return [replace(claim, id=f"c{index}") for index, claim in enumerate(ordered, start=1)]


def _distinct(claims: Iterable[Claim]) -> list[Claim]:
    """Drop repeats: the same kind of claim over the same text found by two routes."""
    seen: set[tuple[int, int, str, str | None]] = set()
    kept = []
    for claim in claims:
        key = (claim.start, claim.end, claim.type.value, claim.predicate)
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept
