"""Quantity, ranking and change claims: the numbers a sentence states."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from factcheck.extraction.drafts import Sentence, build_claim, is_named, subject_and_scope
from factcheck.extraction.syntax import clause_subject, entity_at, governing_verb
from factcheck.normalise.numbers import QuantityMatch, find_quantities
from factcheck.records import Claim, ClaimType, Quantity

UP_VERBS = frozenset(
    {"rise", "increase", "grow", "climb", "jump", "surge", "soar", "double", "triple"}
)
DOWN_VERBS = frozenset({"fall", "drop", "decline", "decrease", "shrink", "slip", "plunge", "halve"})
FACTOR_VERBS = {"double": 100.0, "triple": 200.0, "halve": -50.0}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "top": 1,
}  # fmt: skip
SUPERLATIVES = frozenset(
    {"largest", "biggest", "highest", "greatest", "most", "top", "leading", "richest"}
)
QUANTITY_KINDS = frozenset({"money", "percent", "points", "measure", "fraction"})


def quantity_claims(ctx: Sentence) -> Iterator[Claim]:
    doc = ctx.sent.doc
    offset = ctx.sent.start_char
    for match in find_quantities(ctx.sent.text):
        span = doc.char_span(offset + match.start, offset + match.end, alignment_mode="expand")
        if span is None or ctx.in_attribution(span.root):
            continue
        claim = _quantity_claim(ctx, match, span)
        if claim is not None:
            yield claim


def _quantity_claim(ctx: Sentence, match: QuantityMatch, span: Span) -> Claim | None:
    quantity = match.quantity
    metric = ctx.lexicon.metric_in(set(ctx.stems), quantity.unit)
    if match.kind not in QUANTITY_KINDS and metric is None:
        return None  # a bare count ("the two sides") is not worth checking without a metric
    verb = governing_verb(span.root)
    change = _change(verb, span)
    holder = _holder(ctx, span, verb)
    subject, scope = subject_and_scope(ctx, holder)
    if subject is None and metric is None:
        return None
    time, date_span = ctx.time_of(span.root)
    kind, direction = ClaimType.QUANTITY, None
    if change is not None:
        kind = ClaimType.CHANGE if change[1] else ClaimType.QUANTITY
        direction = change[0]
    return build_claim(
        ctx,
        kind,
        verb,
        [holder, span, date_span],
        subject=subject,
        scope=scope,
        predicate=metric,
        quantity=_with_text(quantity, span.text),
        time=time,
        direction=direction,
    )


def _with_text(quantity: Quantity, text: str) -> Quantity:
    return quantity if quantity.text else Quantity(**{**quantity.__dict__, "text": text})


def _change(verb: Token, span: Span) -> tuple[str, bool] | None:
    """(direction, is_a_change_amount) when the number sits on a verb of change.

    "rose by 8%" and "rose 8%" state the size of the change; "fell to 2%"
    states the new level, which is checked like any quantity.
    """
    lemma = verb.lemma_.lower()
    if lemma not in UP_VERBS | DOWN_VERBS:
        return None
    direction = "up" if lemma in UP_VERBS else "down"
    head = span.root.head
    if head.dep_ == "prep" and head.lower_ in {"to", "at"}:
        return direction, False
    return direction, True


def _holder(ctx: Sentence, span: Span, verb: Token) -> Token | None:
    """The token naming whose quantity this is."""
    subject = clause_subject(verb)
    candidates = [subject] if subject is not None else []
    candidates += [t for t in span.root.head.children if t.dep_ == "poss"]
    for candidate in candidates:
        owner = _owner_of_noun(ctx, candidate)
        if owner is not None:
            return owner
    return _nearest_entity(ctx, span)


def _owner_of_noun(ctx: Sentence, token: Token) -> Token | None:
    """'the defense expenditure of NATO member states' -> 'states'; 'US spending' -> 'US'."""
    if is_named(token) or ctx.discourse.resolve(token) is not None:
        return token
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ in {"compound", "amod"} and is_named(child)):
            return child
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "in", "by"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (is_named(pobj) or _has_named_compound(pobj)):
                    return pobj
    return None


def _has_named_compound(token: Token) -> bool:
    return any(c.dep_ == "compound" and is_named(c) for c in token.children)


def _nearest_entity(ctx: Sentence, span: Span) -> Token | None:
    before = [
        ent
        for ent in ctx.sent.ents
        if ent.label_ in {"GPE", "ORG", "NORP"}
        and ent.end <= span.start
        and not ctx.in_attribution(ent.root)
    ]
    return before[-1].root if before else None


def ranking_claims(ctx: Sentence) -> Iterator[Claim]:
    for token in ctx.sent:
        rank = _rank_at(token)
        if rank is None:
            continue
        verb = governing_verb(token)
        holder = clause_subject(verb)
        owner = _owner_of_noun(ctx, holder) if holder is not None else None
        subject, _ = subject_and_scope(ctx, owner)
        if subject is None or (entity_at(owner or token) is None and owner is None):
            continue
        time, date_span = ctx.time_of(token)
        yield build_claim(
            ctx,
            ClaimType.RANKING,
            verb,
            [holder, verb, token, date_span if date_span and date_span.start > token.i else None],
            subject=subject,
            predicate=ctx.lexicon.metric_in(set(ctx.stems), None),
            rank=rank,
            scope=_scope(verb),
            time=time,
        )


def _rank_at(token: Token) -> int | None:
    """'rank first', 'the largest', 'second-largest', 'the third biggest'."""
    word = token.lower_
    if word in ORDINALS and token.head.lemma_ == "rank":
        return ORDINALS[word]
    if word in SUPERLATIVES and (token.tag_ == "JJS" or word in {"top", "leading"}):
        previous = token.doc[token.i - 2] if token.i >= 2 else None
        if token.i >= 1 and token.doc[token.i - 1].text == "-" and previous is not None:
            return ORDINALS.get(previous.lower_, 1)
        if token.i >= 1 and token.doc[token.i - 1].lower_ in ORDINALS:
            return ORDINALS[token.doc[token.i - 1].lower_]
        return (
            1
            if any(c.lower_ == "the" for c in token.head.children) or token.dep_ == "attr"
            else None
        )
    return None


def _scope(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"among", "in", "within"}:
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                return " ".join(t.text for t in pobj[0].subtree if t.pos_ != "DET")
    return None
