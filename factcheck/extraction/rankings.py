"""Ranking claims: 'ranks first', 'the largest', 'second-largest', 'topped the table'."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from factcheck.extraction.context import AREA, COUNTRY, ORGANISATION, WORLD_WORDS
from factcheck.extraction.drafts import Sentence, build_claim, subject_and_scope
from factcheck.extraction.lang import en
from factcheck.extraction.quantities import checkworthiness, owner_of_noun
from factcheck.extraction.syntax import clause_subject, clause_tokens, governing_verb
from factcheck.normalise.dates import resolve_date
from factcheck.normalise.words import WORLD, stems
from factcheck.records import AMONG_PERIODS, Claim, ClaimType

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "top": 1,
}  # fmt: skip
RANK_VERBS, TOPPING_VERBS = en.RANK_VERBS.words, en.TOPPING_VERBS.words
LEAGUE_TABLES, NOT_RANKS = en.LEAGUE_TABLES.words, en.NOT_RANKS.words
SUPERLATIVES, LOW_END = en.SUPERLATIVES.words, en.LOW_END.words
RANK_WORDS = frozenset({*ORDINALS, *SUPERLATIVES, "top"})
PERIOD_NOUNS = frozenset({"year", "month", "quarter", "decade", "season", "week", "day"})
PERIOD_OWNERS = frozenset({COUNTRY, ORGANISATION, AREA})
PLACES = frozenset({"GPE", "LOC"})


def ranking_claims(ctx: Sentence) -> Iterator[Claim]:
    for token in ctx.tokens:
        rank = _rank_at(token)
        if rank is None:
            continue
        verb = governing_verb(token)
        if verb.dep_ == "amod":  # "highest-grossing": a participle inside the noun phrase
            verb = governing_verb(verb.head)
        holder = clause_subject(verb)
        if holder is None:
            continue
        if _ranks_a_period(ctx, holder, token):
            claim = _period_ranking(ctx, token, verb, holder, rank)
            if claim is not None:
                yield claim
            continue
        ranked_noun = token.head if token.head.pos_ in {"NOUN", "PROPN"} else token
        apposed = ranked_noun == holder
        if apposed:
            # "Germany's largest lender, Deutsche Bank, said ...": the ranked one is the
            # subject's apposition; unnamed ("Japan's biggest carmaker reported"), no one.
            holder = next((c for c in holder.children if c.dep_ == "appos" and ctx.named(c)), None)
            if holder is None:
                continue
        owner = owner_of_noun(ctx, holder) or (holder if holder.pos_ == "NOUN" else None)
        subject, _ = subject_and_scope(ctx, owner)
        found = ctx.lexicon.metric_near(
            [[s for t in clause_tokens(verb) for s in stems(t.lemma_)], sorted(ctx.stems)],
            None,
            frozenset(stems(ranked_noun.lemma_)),
        )
        # "Germany ranked second" borrows the last figure's metric; a bare superlative
        # ("the most delightful surprise") names no metric, so it borrows none.
        if found is None and ctx.discourse.metrics and token.lower_ in ORDINALS:
            found = (
                ctx.discourse.metrics[-1],
                2,
            )  # "Germany ranked second": by the last figure's metric
        if subject is None or found is None or (apposed and found[1] > 0):
            continue  # an apposition ranks by what its own clause names, not the sentence
        metric, level = found
        time, date_span = ctx.time_of(token)
        yield build_claim(
            ctx,
            ClaimType.RANKING,
            verb,
            [
                holder,
                verb,
                token.right_edge if token.pos_ == "VERB" else token,  # "topped the medal table"
                date_span if date_span and date_span.start > token.i else None,
            ],
            subject=subject,
            predicate=metric,
            checkworthiness=checkworthiness(level + 1, False),
            rank=rank,
            direction="down" if _low_end(token) else None,
            scope=_scope(verb),
            time=time,
        )


def _ranks_a_period(ctx: Sentence, holder: Token, token: Token) -> bool:
    """'2023 was the warmest year on record': a date ranked among the periods of a series."""
    return token.head.lemma_.lower() in PERIOD_NOUNS and _date_of(ctx, holder) is not None


def _place_of(noun: Token, verb: Token) -> Token | None:
    """'the coldest year on record in Norway': the named place the series belongs to."""
    for head in (noun, verb):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
            named = [p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ in PLACES]
            if named:
                return named[0]
    return None


def _date_of(ctx: Sentence, token: Token) -> Span | None:
    return next(
        (e for e in ctx.entities if e.label_ == "DATE" and e.start <= token.i < e.end), None
    )


def _period_ranking(
    ctx: Sentence, token: Token, verb: Token, holder: Token, rank: int
) -> Claim | None:
    """The period's rank in its series: of the owner named ('Germany's wettest year'),
    else of the world ('the warmest year on record globally'), else of the entity the
    article is about."""
    noun = token.head
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) or _place_of(noun, verb)
    subject = subject_and_scope(ctx, owner)[0] if owner is not None else None
    if subject is None:
        world = any(t.lower_ in WORLD_WORDS and not t.ent_type_ for t in ctx.tokens)
        subject = WORLD if world else ctx.discourse.salient(PERIOD_OWNERS)
    found = ctx.lexicon.metric_near(
        [[s for t in clause_tokens(verb) for s in stems(t.lemma_)], sorted(ctx.stems)],
        None,
        frozenset(stems(token.lower_)),
    )
    period = _date_of(ctx, holder)
    # spaCy's date entities run over their neighbours ("that 2023"): the holder alone then.
    time = None if period is None else resolve_date(period.text, ctx.published)
    if period is not None and time is None:
        period, time = holder.doc[holder.i : holder.i + 1], resolve_date(holder.text, ctx.published)
    if subject is None or found is None or time is None:
        return None
    metric, level = found
    return build_claim(
        ctx,
        ClaimType.RANKING,
        verb,
        [period, verb, noun.right_edge if noun.right_edge.i > noun.i else noun],
        subject=subject,
        subject_from_context=owner is None,
        predicate=metric,
        checkworthiness=checkworthiness(level + 1, owner is None),
        rank=rank,
        direction="down" if _low_end(token) else None,
        scope=AMONG_PERIODS,
        time=time,
    )


def _low_end(token: Token) -> bool:
    """'the lowest', 'the third-smallest' (the rank is read at the superlative)."""
    return token.lower_ in LOW_END


def _best_selling(token: Token) -> bool:
    """'best-selling' ranks by sales, though 'best' alone judges ('the best way')."""
    doc = token.doc
    return (
        token.lower_ == "best"
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].lower_ == "selling"
    )


def _rank_at(token: Token) -> int | None:
    """'rank first', 'finished second', 'was third', 'the largest', 'second-largest'."""
    word = token.lower_
    if word not in RANK_WORDS and token.tag_ not in {"JJS", "RBS"} and token.pos_ != "VERB":
        return None  # most tokens: asked first, as the rest walks the tree
    head = token.head
    if word in ORDINALS and word != "top":
        if head.lemma_ in RANK_VERBS or (head.lemma_ == "be" and token.dep_ in {"attr", "acomp"}):
            return ORDINALS[word]
        return None
    if word == "top" and head.lemma_ in {"spot", "place", "position"}:
        return 1
    if token.pos_ == "VERB" and token.lemma_ in TOPPING_VERBS:
        table = next((c for c in token.children if c.dep_ == "dobj"), None)
        if table is not None and table.lemma_ in LEAGUE_TABLES:
            return 1  # "topped the medal table", "led the rankings"
    superlative = (
        word in SUPERLATIVES
        or (token.tag_ == "JJS" and word not in NOT_RANKS)
        or _best_selling(token)
    )
    if superlative and (token.tag_ in {"JJS", "RBS"} or word in {"top", "leading"}):
        previous = token.doc[token.i - 1] if token.i >= 1 else None
        if previous is not None and previous.text == "-" and token.i >= 2:
            return ORDINALS.get(token.doc[token.i - 2].lower_, 1)
        if previous is not None and previous.lower_ in ORDINALS:
            return ORDINALS[previous.lower_]
        # "the most populous country", "the highest-grossing film": the superlative
        # modifies a modifier, and the noun ranked is the one that modifier belongs to.
        compound = head.dep_ == "amod" and head.pos_ in {"ADJ", "VERB"}
        noun = head.head if compound or (head.pos_ == "ADJ" and word == "most") else head
        # "Germany's wettest year", "Walmart was the world's largest company", "Rotterdam,
        # Europe's largest port": the possessor's series, when the ranked noun is said of
        # someone ("through the world's longest tunnel" ranks no one the clause names)
        said_of = noun.dep_ in {"attr", "appos"} or noun.lemma_.lower() in PERIOD_NOUNS
        definite = any(
            c.lower_ in {"the", "its", "their"} or (said_of and c.dep_ == "poss")
            for c in noun.children
        )
        return 1 if definite or token.dep_ == "attr" else None
    return None


def _scope(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"among", "in", "within"}:
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                return " ".join(t.text for t in pobj[0].subtree if t.pos_ != "DET")
    return None
