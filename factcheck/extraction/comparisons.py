"""Comparison claims: 'X spends more than Y', 'twice as much as Y', 'less than half of Y's'."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from factcheck.extraction.drafts import Sentence, build_claim, subject_and_scope
from factcheck.extraction.lang import en
from factcheck.extraction.syntax import clause_subject, clause_tokens, governing_verb
from factcheck.normalise.numbers import parse_quantity
from factcheck.normalise.words import stems
from factcheck.records import Claim, ClaimType, Quantity

MORE, LESS = en.MORE.words, en.LESS.words
COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
# "twice as much as": the ratio a multiplier word states, and the step it is rounded to.
MULTIPLIERS = {"twice": 2.0, "double": 2.0, "thrice": 3.0, "half": 0.5}
TIMES_WORDS = {"two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "ten": 10.0}


def comparison_claims(ctx: Sentence) -> Iterator[Claim]:
    if not ctx.stems & {"than", "as"}:
        return
    for token in ctx.tokens:
        if token.lower_ not in {"than", "as"} or token.dep_ != "prep":
            continue
        other = next((c for c in token.children if c.dep_ == "pobj"), None)
        if other is None:  # "more from Mexico than from China"
            other = next(
                (
                    p
                    for c in token.children
                    if c.dep_ == "prep"
                    for p in c.children
                    if p.dep_ == "pobj"
                ),
                None,
            )
        if other is None or not ctx.named(other):
            continue
        claim = _comparison(ctx, token, other)
        if claim is not None:
            yield claim


def _comparison(ctx: Sentence, marker: Token, other: Token) -> Claim | None:
    degree = _degree(marker)
    if degree is None:
        return None
    word, direction, ratio = degree
    verb = governing_verb(marker)
    holder = clause_subject(verb)
    if holder is None:
        return None
    subject, _ = subject_and_scope(ctx, _owner(ctx, holder))
    target, _ = subject_and_scope(ctx, other)
    words = [s for t in clause_tokens(verb) for s in stems(t.lemma_)]
    found = ctx.lexicon.metric_near([words, sorted(ctx.stems)], None)
    if subject is None or target is None or found is None or subject == target:
        return None
    time, date_span = ctx.time_of(verb)
    return build_claim(
        ctx,
        ClaimType.COMPARISON,
        verb,
        [holder, word, other, date_span],
        subject=subject,
        object=target,
        predicate=found[0],
        direction=direction,
        quantity=ratio,
        time=time,
        checkworthiness=0.9 if found[1] == 0 else 0.8,
    )


def _owner(ctx: Sentence, holder: Token) -> Token:
    """'US military spending is higher than ...': the US, not the spending."""
    if ctx.named(holder):
        return holder
    for child in holder.children:
        if child.dep_ in {"poss", "compound", "nmod"} and ctx.named(child):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and ctx.named(pobj):
                return pobj
    return holder


def _degree(marker: Token) -> tuple[Token, str, Quantity | None] | None:
    """The comparative word, its direction and any stated ratio ('twice as much as')."""
    if marker.lower_ == "than":
        word = _comparative_word(marker)
        if word is None:
            return None
        direction = "down" if word.lower_ in LESS else "up"
        return word, direction, _gap(word)
    # "as much as": the first "as" (an advmod of "much"), the multiplier before it
    first = marker.head if marker.head.lower_ in {"much", "many", "large", "big", "high"} else None
    if first is None:
        return None
    ratio = _ratio(first)
    if ratio is None:
        return None
    direction = "up" if ratio > 1 else "down"
    at_least = any(t.lower_ in {"more", "over"} for t in first.subtree if t.i < first.i)
    return (
        first,
        direction,
        Quantity(
            value=ratio, unit="x", lower=ratio if at_least else None, approximate=not at_least
        ),
    )


def _comparative_word(marker: Token) -> Token | None:
    """'longer than', 'more phones than', 'spends more on defence than'."""
    head = marker.head
    if head.tag_ in COMPARATIVE_TAGS or head.lower_ in MORE | LESS:
        return head
    for place in (head, governing_verb(marker)):
        found = next(
            (c for c in place.children if c.tag_ in COMPARATIVE_TAGS or c.lower_ in MORE | LESS),
            None,
        )
        if found is not None:
            return found
    return None


def _gap(word: Token) -> Quantity | None:
    """The size of a stated difference: the '3 kilometres' of '3 kilometres longer'."""
    measure = next((c for c in word.children if c.dep_ == "npadvmod"), None)
    if measure is None:
        return None
    tokens = list(measure.subtree)
    return parse_quantity(word.doc[tokens[0].i : tokens[-1].i + 1].text)


def _ratio(word: Token) -> float | None:
    for token in word.subtree:
        if token.i >= word.i:
            break
        if token.lower_ in MULTIPLIERS:
            return MULTIPLIERS[token.lower_]
        if token.lower_ == "times":
            number = token.doc[token.i - 1]
            value = TIMES_WORDS.get(number.lower_)
            if value is None and number.like_num:
                try:
                    value = float(number.text.replace(",", ""))
                except ValueError:
                    return None
            return value
    return None
