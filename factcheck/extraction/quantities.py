"""Quantity and change claims: the numbers a sentence states."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from factcheck.extraction.context import (
    AREA,
    COUNTRY,
    ORGANISATION,
    PRONOUNS,
    REPORTING_VERBS,
    WORLD_WORDS,
    about_the_world,
    split_group,
)
from factcheck.extraction.drafts import (
    Sentence,
    build_claim,
    is_baseline,
    is_named,
    subject_and_scope,
)
from factcheck.extraction.lang import en
from factcheck.extraction.syntax import (
    SUBJECT_DEPS,
    clause_subject,
    entity_at,
    entity_name,
    governing_verb,
    open_ended,
)
from factcheck.normalise.dates import resolve_date
from factcheck.normalise.numbers import QuantityMatch, find_quantities
from factcheck.normalise.words import WORLD, stems
from factcheck.records import Binding, Bound, Claim, ClaimType, Quantity, SlotBinding, TimeSpan

EARLIER = "earlier"
UP_VERBS, DOWN_VERBS = en.UP_VERBS.words, en.DOWN_VERBS.words
UP_NOUNS, DOWN_NOUNS = en.UP_NOUNS.words, en.DOWN_NOUNS.words
UP_COMPARATIVES, DOWN_COMPARATIVES = en.UP_COMPARATIVES.words, en.DOWN_COMPARATIVES.words
# Verbs whose 'up' or 'down' is the figure's movement ("went up 5%", "came down 3%").
MOVING_VERBS = frozenset({"go", "come", "move", "edge", "tick", "creep", "shoot", "be"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
LISTED_WORDS = 3  # "aggravated assault": an item's words before its figure
# How the parser attaches a gapped list item's noun ("..., and robbery 0.3%"): to the
# verb of the first item, as a conjunct or an unlabelled dependent.
GAPPED_DEPS = frozenset({"conj", "dep", "appos"})
PER = re.compile(r"\bper\s*\Z", re.IGNORECASE)  # the words just before a figure
QUANTITY_KINDS = frozenset({"money", "percent", "points", "measure", "fraction"})


def quantity_claims(ctx: Sentence) -> Iterator[Claim]:
    doc = ctx.sent.doc
    offset = ctx.sent.start_char
    spans: list[tuple[QuantityMatch, Span]] = []
    for match in find_quantities(ctx.text):
        span = doc.char_span(offset + match.start, offset + match.end, alignment_mode="expand")
        if span is None or ctx.in_attribution(span.root) or _part_of_a_date(ctx, span):
            continue
        if match.kind == "count" and ctx.text[match.end : match.end + 1] == "-":
            continue  # "zero-dose children", "a two-day visit": a modifier, not a count
        if ctx.text[: match.start].rstrip().endswith("="):
            continue  # "Consumer price index (2005 = 100)": an index's base, not a figure
        if _denominator(span) or PER.search(ctx.text, 0, match.start):
            continue  # "240 of the 543 seats", "5.7 per 100,000 people": a base, no figure
        if match.quantity.unit not in {"%", "pp"} and _difference(span):
            continue  # "3 kilometres longer than ...": a gap between two values (comparisons.py)
        spans.append((match, span))
    roots = [span.root for _, span in spans]
    made: list[Claim] = []
    for match, span in spans:
        claim = _quantity_claim(ctx, match, span, roots)
        if claim is not None and _clashes(claim, made):
            claim = _reattributed(ctx, claim, span, made)
        if claim is not None:
            made.append(claim)
            yield claim


def _key(claim: Claim) -> tuple[object, ...]:
    unit = claim.quantity.unit if claim.quantity else None
    return claim.subject, claim.predicate, unit, claim.time, claim.type, claim.direction


def _clashes(claim: Claim, made: list[Claim]) -> bool:
    """Two different values for one entity's metric in one sentence: one is misattributed."""
    return any(_key(other) == _key(claim) for other in made)


def _reattributed(ctx: Sentence, claim: Claim, span: Span, made: list[Claim]) -> Claim | None:
    """'India had 26%, followed by Indonesia with 10%': the entity named since the last figure."""
    last_end = max(other.end for other in made)
    doc = span.doc
    between = [
        t
        for t in doc[ctx.sent.start : span.start]
        if t.idx >= last_end and ctx.named(t) and not ctx.in_attribution(t)
    ]
    name = ctx.name_of(between[-1]) if between else None
    if name is None:
        return None  # no better candidate: leave the figure out rather than misattribute it
    subject = split_group(name)[0]
    # The name just before its figure in a list ("Labour £11m") is that figure's own.
    bound = (
        replace(claim.binding, subject=SlotBinding(Bound.CLAUSE, subject))
        if claim.binding
        else None
    )
    return replace(claim, subject=subject, subject_from_context=False, binding=bound)


def _difference(span: Span) -> bool:
    """The '3 kilometres' of '3 kilometres longer than X': measures a comparative."""
    anchor = span.root.head if span.root.dep_ in {"nummod", "quantmod", "compound"} else span.root
    # The parser hangs the measure on the comparative as npadvmod, or, with a unit
    # symbol ("0.17 °C warmer"), as a compound of it.
    for candidate in (anchor, span.root):
        if candidate.dep_ in {"npadvmod", "compound"} and candidate.head.tag_ in {"JJR", "RBR"}:
            return True
    return False


def _denominator(span: Span) -> bool:
    """The '543' of '240 of the 543 seats'."""
    anchor = span.root.head if span.root.dep_ in {"nummod", "quantmod"} else span.root
    of = anchor.head
    return of.lower_ == "of" and (of.head.like_num or of.head.ent_type_ == "CARDINAL")


def _part_of_a_date(ctx: Sentence, span: Span) -> bool:
    """'three years ago' is a date, not a duration of three years; but '141,927,279' or
    '3.15', which the tagger sometimes calls a date, are no date without a word or a year,
    and 'life expectancy of 84.5 years' is a duration: no date the words resolve to."""
    if not all(t.ent_type_ in {"DATE", "TIME"} for t in span):
        return False
    if any(en.YEAR.fullmatch(t.text) for t in span):
        return True
    dated = span.doc[span.start : span.end + 2]
    if not any(t.lemma_.lower() in en.DATE_WORDS for t in dated if t.ent_type_):
        return False
    if not re.search(r"\d\.\d", span.text):
        return True  # "two years after the census", "3 years ago"
    # "84.5 years": a fraction of a year is a measure, unless the words name a date
    ent = next((e for e in ctx.entities if e.start <= span.start and span.end <= e.end), None)
    return ent is None or resolve_date(ent.text, ctx.published) is not None


def _levels(span: Span, verb: Token, ctx: Sentence) -> list[list[str]]:
    """Words around a figure, nearest first: its noun, its clause, its sentence, and the
    sentence before when the figure's clause is about "it" ("In cash terms, it passed
    €3,100 billion" after "Public debt stood at 110.6% of GDP")."""
    head = span.root.head if span.root.dep_ in {"nummod", "quantmod", "amod"} else span.root
    own = [t for t in head.subtree if t.i <= head.i and not t.is_punct] + list(span)
    own += _valued_object(span) + _listed_before(span)
    subject = clause_subject(verb)
    anaphoric = subject is not None and subject.pos_ == "PRON"
    return [
        [s for t in own for s in stems(t.text)],
        [s for t in ctx.clause(verb) for s in {*stems(t.lemma_), *stems(t.text)}],
        sorted(ctx.stems),
        sorted(ctx.discourse.previous_stems) if anaphoric else [],
    ]


def _listed_before(span: Span) -> list[Token]:
    """The words just before a figure, back to a punctuation mark or a function word: in
    'rape fell 9.4%, aggravated assault 4.8% and robbery 0.3%' each item's own noun names
    its metric, where the parser leaves the gapped items outside any clause."""
    found: list[Token] = []
    before = span.doc[span.start - 1] if span.start else None
    if before is None or before.dep_ not in GAPPED_DEPS:
        return found  # "Existing-home sales slipped 1%": a clause, not a gapped item
    for token in reversed(span.doc[max(span.start - LISTED_WORDS, 0) : span.start]):
        if not token.is_alpha or token.is_stop:
            break
        found.append(token)
    return found


def _measures_a_gap(verb: Token) -> bool:
    subject = clause_subject(verb)
    return subject is not None and subject.lemma_.lower() in en.GAP_NOUNS


def _valued_object(span: Span) -> list[Token]:
    """'put the global average at 14.98 °C', 'estimated the population at 8 billion': the
    object a figure after 'at' values is as much the figure's own noun as its head."""
    at = span.root.head
    if at.lower_ != "at" or at.dep_ != "prep" or at.head.pos_ != "VERB":
        return []
    obj = next((c for c in at.head.children if c.dep_ == "dobj"), None)
    return [t for t in obj.subtree if not t.is_punct] if obj is not None else []


def _quantity_claim(
    ctx: Sentence, match: QuantityMatch, span: Span, rivals: list[Token]
) -> Claim | None:
    verb = governing_verb(span.root)
    quantity = _verb_bounds(verb, span, match.quantity)
    change = _change(verb, span)
    # A change in per cent says nothing about the unit the metric is measured in.
    unit = None if change and change[1] and quantity.unit in {"%", "pp"} else quantity.unit
    if unit is None and quantity.unit is None:
        unit = en.COUNT
    found = _metric(ctx, _levels(span, verb, ctx), span, unit)
    metric, level = found if found else (None, 4)
    if level >= 2 and _measures_a_gap(verb):
        return None  # "the margin exceeded 2 °C": a difference, and its metric is not named
    if match.kind not in QUANTITY_KINDS and not _countable(match, level):
        return None  # "the two sides", "under the age of five": counts nobody keeps
    holder, where = _holder(ctx, span, verb)
    subject, scope = subject_and_scope(ctx, holder)
    national_metric = metric is not None and en.national(metric)
    if holder is not None and national_metric and _reporter(holder, verb):
        # "Statistics Norway reported that unemployment was 3.6%": the agency is the
        # source; the country its name gives, or else the one the text is about (with
        # neither, the reporter stays: a figure is reported even when unsure whose).
        country = _country_in(ctx, subject)
        if country is not None:
            subject, scope, where = country, None, Bound.SENTENCE
        elif ctx.discourse.salient(NATIONAL) is not None:
            subject, scope, holder = None, None, None
    # A real name stays even when a metric phrase contains it ("World military spending").
    named = subject == WORLD or (subject is not None and ctx.discourse.resolver.is_known(subject))
    if subject and metric and not named and ctx.lexicon.names_metric(subject, metric):
        subject = None  # "Turnout was 52.7%": the metric itself, not whose it is
    from_context = subject is None or (holder is not None and not ctx.named(holder))
    named_by = subject is not None  # the holder names the subject, not the discourse
    if subject is None and metric is not None:
        # "Turnout was 52.7%": a country's figure is the country's the text is about,
        # however often it has named a party or a company.
        national = ctx.discourse.salient(NATIONAL) if en.national(metric) else None
        subject = national or ctx.discourse.salient(frozenset({COUNTRY, ORGANISATION, AREA}))
    if subject is None:
        return None
    time, date_span = ctx.time_of(span.root, rivals, figure=True)
    if time is None:
        time, date_span = _year_modifier(ctx, span, verb)
    kind = ClaimType.CHANGE if change is not None and change[1] else ClaimType.QUANTITY
    growth = en.growth_of(metric) if kind is ClaimType.CHANGE and metric else None
    if growth is not None and quantity.unit == "%" and not _nominal(ctx, span, verb):
        metric = ctx.lexicon.covered.get(growth, growth)  # "GDP rose by 1.7%": real growth
    binding = Binding(
        subject=_subject_binding(ctx, holder if named_by else None, where, span, verb, subject),
        metric=_metric_binding(ctx, level, metric, span, verb, holder),
        time=_time_binding(ctx, date_span, span, verb, rivals)
        if not change or change[0] != EARLIER
        else SlotBinding(Bound.DEFAULT),  # "down from 112.9%": the period before the latest
    )
    if change and not change[1] and date_span is None and verb.tag_ in PRESENT_TAGS:
        # "The deposit rate falls to 3.75% from 4%": a level reached now, after the
        # latest figure a source may hold; that figure cannot dispute it.
        binding = replace(binding, time=SlotBinding(Bound.NONE))
    return build_claim(
        ctx,
        kind,
        verb,
        [holder if holder is not None and _within(holder, ctx.sent) else None, span, date_span],
        subject=subject,
        subject_from_context=from_context,
        scope=scope,
        predicate=metric,
        checkworthiness=checkworthiness(level, from_context),
        quantity=quantity if quantity.text else replace(quantity, text=span.text),
        time=time,
        direction=change[0] if change else None,
        binding=binding,
    )


# How far from a figure its metric was named (`_metric`'s levels) as binding evidence.
METRIC_LEVELS = {0: Bound.CLAUSE, 1: Bound.CLAUSE, 2: Bound.SENTENCE, 3: Bound.DISCOURSE}


def _metric_binding(
    ctx: Sentence, level: int, metric: str | None, span: Span, verb: Token, holder: Token | None
) -> SlotBinding:
    """A metric named elsewhere in the sentence binds a figure whose clause says nothing
    else ("..., and Italy's stood at 173.7%"), not one whose clause names its own thing
    ("3.5 billion people had no safely managed toilet, ... 419 million defecated in the
    open")."""
    how = METRIC_LEVELS.get(level, Bound.NONE)
    if how is Bound.SENTENCE and not _elliptical(ctx, span, verb, holder):
        how = Bound.NONE
    return SlotBinding(how, metric)


def _elliptical(ctx: Sentence, span: Span, verb: Token, holder: Token | None) -> bool:
    """Whether the figure's clause names nothing but its subject and the figure."""
    subject = set(holder.subtree) if holder is not None and _within(holder, ctx.sent) else set()
    own = {span.root.head} | set(span)
    return not any(t.pos_ == "NOUN" and t not in own and t not in subject for t in ctx.clause(verb))


def _in_clause(ctx: Sentence, token: Token, span: Span, verb: Token) -> bool:
    return token in ctx.clause(verb) or token in span.root.head.subtree


def _subject_binding(
    ctx: Sentence, holder: Token | None, where: Bound, span: Span, verb: Token, subject: str
) -> SlotBinding:
    if holder is None or not _within(holder, ctx.sent):
        sole = ctx.discourse.sole(subject) and not any(
            t not in span and _rival(ctx, t) for t in _clause_and_figure(ctx, span, verb)
        )
        return SlotBinding(Bound.TOPIC if sole else Bound.DISCOURSE, subject)
    if holder.lower_ in WORLD_WORDS:
        return SlotBinding(Bound.CLAUSE, subject)  # "Worldwide, ...": named by the clause
    if not ctx.named(holder):
        return SlotBinding(Bound.REFERENCE, holder.text)  # "it", "the country"
    if where is Bound.CLAUSE and _contested(ctx, holder, span):
        return SlotBinding(Bound.SENTENCE, subject)
    return SlotBinding(where, subject)


def _nominal(ctx: Sentence, span: Span, verb: Token) -> bool:
    """'nominal GDP rose by 12%': the current-price figure, not real growth."""
    return any(t.lower_ == "nominal" for t in _clause_and_figure(ctx, span, verb))


def _reporter(holder: Token, verb: Token) -> bool:
    """Whether `holder` is who reports the figure: the subject of a reporting verb whose
    clause holds the figure's ('Statistics Canada said the rate rose to 5.8%')."""
    report = holder.head
    return (
        holder.dep_ in SUBJECT_DEPS
        and report != verb
        and report.lemma_ in REPORTING_VERBS
        and report.is_ancestor(verb)
    )


def _country_in(ctx: Sentence, name: str | None) -> str | None:
    """The one country a reporter's name names ('Statistics Norway', 'the Bank of Japan')."""
    resolver = ctx.discourse.resolver
    countries = {key for _, _, key in resolver.mentions(name or "") if resolver.is_country(key)}
    return resolver.display(countries.pop()) if len(countries) == 1 else None


def _contested(ctx: Sentence, holder: Token, span: Span) -> bool:
    """Another name between the subject and its figure ("Germany's economy shrank by 0.3%,
    while Japan ... managed growth of 1.5%"): a parse that skips it may have taken the
    wrong clause's subject, so the binding is only as good as the sentence's."""
    own = set(holder.subtree) | {holder.head}
    return any(
        holder.i < ent.start and ent.end <= span.start and ent.root not in own
        for ent in _owner_entities(ctx)
    )


def _year_modifier(ctx: Sentence, span: Span, verb: Token) -> tuple[TimeSpan | None, Span | None]:
    """'an estimated 2014 population of 26 million', 'its 2023 budget of $5 billion': a year
    modifying a noun of the figure's clause, which the tagger takes for a number."""
    for token in ctx.clause(verb):
        if token in span or not en.YEAR.fullmatch(token.text) or token.head.pos_ != "NOUN":
            continue
        if token.dep_ in {"nummod", "compound", "amod"} and not is_baseline(
            token.doc[token.i : token.i + 1]
        ):
            year = int(token.text)
            when = TimeSpan(date(year, 1, 1), date(year, 12, 31), token.text)
            return when, token.doc[token.i : token.i + 1]
    return None, None


def _nearer_another(when: Span, span: Span, rivals: list[Token]) -> bool:
    """'Turnout was 52.7%, down from 67.3% in 2019': 2019 is the other figure's."""
    mine = abs(when.root.i - span.root.i)
    return any(abs(when.root.i - r.i) < mine for r in rivals if r not in span)


def _clause_and_figure(ctx: Sentence, span: Span, verb: Token) -> list[Token]:
    return [*ctx.clause(verb), *span.root.head.subtree]


def _bare_word(token: Token) -> bool:
    """Not part of a longer name ('the World Bank'): the tagger may still call the word
    itself an entity ('Worldwide' as a PERSON)."""
    ent = entity_at(token)
    return ent is None or len(ent) == 1


def _rival(ctx: Sentence, token: Token) -> bool:
    """A name in the figure's clause that could be whose figure it is ('the OECD average')."""
    if token.lower_ in WORLD_WORDS and _bare_word(token):
        return True  # "worldwide": the world's figure, not the article's country's
    if not token.ent_type_ and token.pos_ not in {"PROPN", "NOUN"}:
        return False  # a verb, a determiner, a number: never anyone's name
    if ctx.in_attribution(token) or token.ent_type_ not in {"GPE", "ORG", "NORP", "LOC", ""}:
        return False
    if token.lemma_.lower() in en.GROUP_NOUNS and any(
        c.dep_ in {"amod", "compound"} for c in token.children
    ):
        return True  # "93% of people in high-income countries": a group, not the topic
    owner_like = token.ent_type_ != "" or ctx.discourse.resolver.is_known(token.text)
    return owner_like and not _names_metric(ctx, token)


def _time_binding(
    ctx: Sentence, date_span: Span | None, span: Span, verb: Token, rivals: list[Token]
) -> SlotBinding:
    if date_span is None:
        # "Bosnia and Herzegovina ended 2013 with a population of 3,829,307": a date the
        # figure was not tied to may still be its period; the latest is then only a guess.
        clause = set(ctx.clause(verb))
        dates = [
            e for e in ctx.entities
            if e.label_ == "DATE" and e.root in clause and en.YEAR.search(e.text)
            and not open_ended(e) and not ctx.in_attribution(e.root)
            and not _nearer_another(e, span, rivals)
        ]  # fmt: skip
        if dates:
            return SlotBinding(Bound.NONE, dates[0].text)
        # A year the tagger took for a number ("in its 2014 estimate") is as telling.
        years = [
            t for t in ctx.clause(verb)
            if en.YEAR.fullmatch(t.text) and t not in span and t.ent_type_ != "DATE"
            and not any(r.i == t.i for r in rivals)
        ]  # fmt: skip
        if years:
            return SlotBinding(Bound.NONE, years[0].text)
        # "A year earlier, violent crime had fallen 1.7% and murders 6.1%": the date the
        # sentence gives another figure may be this one's too; the latest is no default.
        earlier = [e for e in ctx.entities if en.YEAR_BEFORE.fullmatch(e.text.lower())]
        return SlotBinding(Bound.NONE, earlier[0].text) if earlier else SlotBinding(Bound.DEFAULT)
    if en.YEAR_BEFORE.fullmatch(date_span.text.lower()) and not _year_in(ctx, date_span):
        # "A year earlier": before the period the text is about, which this sentence does
        # not name; counted from publication it is only a guess.
        return SlotBinding(Bound.DISCOURSE, date_span.text)
    how = Bound.CLAUSE if _in_clause(ctx, date_span.root, span, verb) else Bound.SENTENCE
    return SlotBinding(how, date_span.text)


def _year_in(ctx: Sentence, besides: Span) -> bool:
    return any(e.label_ == "DATE" and e != besides and en.YEAR.search(e.text) for e in ctx.entities)


def _within(token: Token, sent: Span) -> bool:
    return sent.start <= token.i < sent.end  # `token.sent` would walk the sentence again


def _running_metric(ctx: Sentence, unit: str | None) -> tuple[str, int] | None:
    """'Canada came third, with $401.1 billion': the metric the text has been giving figures
    for, when it is measured in this unit. A guess, so at the level that is never disputed."""
    for metric in reversed(ctx.discourse.metrics[-3:]):
        if unit is None or ctx.lexicon.accepts(metric, unit):
            return metric, 3
    return None


def _metric(
    ctx: Sentence, levels: list[list[str]], span: Span, unit: str | None
) -> tuple[str, int] | None:
    """The metric a figure is a value of, and how far from it the text names it.

    The nearest naming wins, a source's own vocabulary (the more specific) on a tie
    with the language's (`lang/en.py`); then the noun a count counts; then a language
    metric named elsewhere in the sentence; then the metric the text has been giving
    figures for; then one the sentence before names, for a figure about "it".
    """
    lexicon = ctx.lexicon
    if _counts_inhabitants(span):
        return lexicon.covered.get("population", "population"), 0
    sourced = lexicon.metric_near(levels, unit, sourced=True)
    # Nothing is nearer than the figure's own noun: then the language's metrics can wait.
    nearest = sourced is not None and sourced[1] == 0
    builtin = None if nearest else lexicon.metric_near(levels[:3], unit, sourced=False)
    nearer = builtin is not None and (sourced is None or builtin[1] < sourced[1])
    if builtin is not None and nearer and builtin[0] in lexicon.covered and builtin[1] <= 1:
        # "Germany's economy shrank by 0.3%" is GDP growth, which a source covers, though
        # the sentence elsewhere names another source's "population"
        return lexicon.covered[builtin[0]], builtin[1]
    if sourced is not None and nearer and builtin is not None and builtin[1] <= 1:
        # "prices there climbed 7.9%" in a sentence that elsewhere names unemployment: the
        # source's metric may be right, but the figure's own words name another
        return sourced[0], max(sourced[1], 3)
    if sourced is not None:
        return sourced
    if builtin is not None and builtin[1] <= 1:
        return builtin
    own = _own_noun(span)
    return sourced or own or builtin or _running_metric(ctx, unit) or _borrowed(ctx, levels, unit)


def _borrowed(ctx: Sentence, levels: list[list[str]], unit: str | None) -> tuple[str, int] | None:
    """A metric only the sentence before names, for a figure about "it" (level 3)."""
    found = ctx.lexicon.metric_in(levels[3], unit) if len(levels) > 3 else None
    return (found, 3) if found is not None else None


NATIONAL = frozenset({COUNTRY, AREA})
OWNER_TYPES = frozenset({"GPE", "ORG", "NORP"})


def _counts_inhabitants(span: Span) -> bool:
    """'Ethiopia has about 120 million people', 'Britain, home to 68 million people'."""
    noun = span.root.head
    if span.root.dep_ != "nummod" or noun.lemma_.lower() not in en.POPULATION_NOUNS:
        return False
    verb = noun.head.head if noun.head.lower_ == "to" else noun.head
    return verb.lemma_.lower() in en.POPULATION_VERBS and noun.dep_ in {"dobj", "pobj"}


def _own_noun(span: Span) -> tuple[str, int] | None:
    """'1.2 million job vacancies', '26 seats': a count's own noun names what it counts,
    whether or not any lexicon knows the word (level 0: the figure's own noun)."""
    noun = span.root.head
    if span.root.dep_ != "nummod" or noun.pos_ != "NOUN" or noun in span:
        return None
    if noun.lemma_.lower() in en.NOT_A_METRIC or noun.ent_type_ in {"DATE", "TIME"}:
        return None
    words = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"] + [noun]
    return " ".join(w.lower_ for w in words), 0


def _countable(match: QuantityMatch, level: int) -> bool:
    """A count is checkable when a metric is named near it: in its sentence, or for a
    figure about "it"/"that", in the sentence before.

    Counts written as words ("five", "three doses") are usually description,
    not data: they need their own noun to name the metric.
    """
    written_in_digits = any(ch.isdigit() for ch in match.quantity.text)
    return level == 0 or (level <= 3 and written_in_digits)


def checkworthiness(level: int, from_context: bool) -> float:
    """How firmly the text ties the figure to a metric and an entity (documented in the README).

    1.0 when the figure's own noun names the metric; 0.9 for its clause; 0.6
    for elsewhere in the sentence; 0.4 with no metric. Borrowing the entity
    from earlier sentences multiplies by 0.8.
    """
    base = {0: 1.0, 1: 0.9, 2: 0.6, 3: 0.45}.get(level, 0.4)
    return round(base * (0.8 if from_context else 1.0), 2)


def _verb_bounds(verb: Token, span: Span, quantity: Quantity) -> Quantity:
    """'passed $33 trillion' is a lower bound; 'nears $1.7 trillion' an upper one."""
    if quantity.lower is not None or quantity.upper is not None:
        return quantity
    if span.root.head != verb and span.root.head.head != verb:
        return quantity
    lemma = verb.lemma_.lower()
    if lemma in en.AT_LEAST_VERBS:
        return replace(quantity, lower=quantity.value)
    if lemma in en.AT_MOST_VERBS:
        return replace(quantity, lower=quantity.value * 0.9, upper=quantity.value, approximate=True)
    return quantity


def _change(verb: Token, span: Span) -> tuple[str, bool] | None:
    """(direction, is_a_change_amount) when the figure states a change.

    "rose by 8%", "rose 8%", "up 126%" and "23% larger than" state the size
    of a change; "fell to 2%" states the new level, checked like any figure.
    """
    marker = _comparative(span)
    if marker is not None:
        return marker, marker != EARLIER
    anchor = span.root.head if span.root.dep_ in {"nummod", "quantmod"} else span.root
    noun = anchor.head.head if anchor.head.lower_ == "of" else None
    money = span.root.ent_type_ == "MONEY" or any(t.ent_type_ == "MONEY" for t in span)
    if noun is not None and money and noun.lemma_.lower() in en.AMOUNT_NOUNS:
        return None  # "a net loss of $2.2 billion": how much was lost, not a fall
    if noun is not None and noun.lemma_.lower() in UP_NOUNS | DOWN_NOUNS:
        return ("up" if noun.lemma_.lower() in UP_NOUNS else "down"), True
    lemma = verb.lemma_.lower()
    if lemma not in UP_VERBS | DOWN_VERBS:
        return None
    if any(c.dep_ in {"acomp", "oprd"} for c in verb.children) or _in_subject(span, verb):
        return None  # "fell ill"; "10.8 million people fell ill": the figure is who, not how much
    direction = "up" if lemma in UP_VERBS else "down"
    preposition = _written_preposition(span) or _level_preposition(anchor)
    if preposition == "from":
        return EARLIER, False  # "fell to 1.25 million from 1.32 million": the old level
    if preposition in {"to", "at"}:
        return direction, False  # "fell to 2%", "to an annual rate of 3.78 million": the level
    return direction, True


def _written_preposition(span: Span) -> str | None:
    """'from' or 'to' just before the figure as written: 'rose from 10.3% to 10.8%' is
    parsed with 10.3% inside 10.8% and 10.8% under 'from', so the words decide."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before.lower_ if before is not None and before.lower_ in {"from", "to"} else None


def _level_preposition(anchor: Token) -> str | None:
    """The preposition a figure hangs on, through 'a rate of' ('to an annual rate of 3.78
    million' -> 'to')."""
    head = anchor.head
    if head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.head.dep_ == "prep":
        head = head.head.head
    return head.lower_ if head.dep_ == "prep" else None


def _in_subject(span: Span, verb: Token) -> bool:
    """Whether the figure sits in the verb's subject ('10.8 million people fell ...')."""
    child = span.root
    while child.head != verb and child.head != child:
        child = child.head
    return child.head == verb and child.dep_ in {"nsubj", "nsubjpass"}


def _comparative(span: Span) -> str | None:
    """'up 126%', '23% larger than', '9% lower'; 'up from 113' is where a change started."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    turning = UP_COMPARATIVES | DOWN_COMPARATIVES
    if before is not None and before.lower_ == "from" and doc[before.i - 1].lower_ in turning:
        return EARLIER
    after = doc[span.end] if span.end < len(doc) else None
    for word in (before, after):
        if word is None or (word.dep_ == "prt" and word.head.lemma_ not in MOVING_VERBS):
            continue  # "makes up almost half", "set up": a phrasal verb, not a change
        if word.lower_ in UP_COMPARATIVES and (word == before or _has_than(word)):
            return "up"
        if word.lower_ in DOWN_COMPARATIVES and (word == before or _has_than(word)):
            return "down"
    return None


def _has_than(word: Token) -> bool:
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return following is not None and following.lower_ in {"than", "from", "on", "year"}


def _holder(ctx: Sentence, span: Span, verb: Token) -> tuple[Token | None, Bound]:
    """The token naming whose quantity this is, and whether the figure's clause or only its
    sentence names it."""
    anchor = span.root.head if span.root.dep_ in {"nummod", "quantmod"} else span.root
    attached = anchor.head
    if attached.lower_ in {"with", "at", "on"} and ctx.named(attached.head):
        # "followed by Indonesia with 10%", "the Trinamool Congress with 29"
        return attached.head, Bound.CLAUSE
    before = span.doc[attached.i - 1] if attached.i > 0 else None
    if attached.lower_ == "with" and before is not None and before.ent_type_ in OWNER_TYPES:
        # "ahead of Germany with 392,100", though the parser hangs "with" on the verb
        return before, Bound.CLAUSE
    own = [t for t in span.root.children if t.dep_ in {"nmod", "poss"} and ctx.named(t)]
    if own and not ctx.in_attribution(own[0]):
        return own[0], Bound.CLAUSE  # "Labour £11m" in a list after "The Conservatives spent £16m"
    subject = clause_subject(verb)
    if subject is not None and verb.lemma_ in en.ESTIMATE_VERBS:
        estimate = _estimated(ctx, span, verb, subject)
        if estimate is not None:
            return estimate
    candidates = [subject] if subject is not None else []
    candidates += [t for t in span.root.head.children if t.dep_ == "poss"]
    if span.root.dep_ == "nummod":
        candidates.append(span.root.head)  # "1.2 million vacancies in Britain"
    for candidate in candidates:
        owner = owner_of_noun(ctx, candidate)
        if owner is not None:
            return owner, Bound.CLAUSE
    nearest = _nearest_entity(ctx, span)
    if nearest is None:
        # "Worldwide, about 1.3 billion people travelled abroad": the world's figure
        world = [t for t in ctx.clause(verb) if t.lower_ in WORLD_WORDS and _bare_word(t)]
        return (world[0], Bound.CLAUSE) if world else (None, Bound.SENTENCE)
    # "In the United States, sales rose by 40%": a name in the clause, if not its subject
    inside = _in_clause(ctx, nearest, span, verb)
    return nearest, Bound.CLAUSE if inside else Bound.SENTENCE


def _estimated(
    ctx: Sentence, span: Span, verb: Token, estimator: Token
) -> tuple[Token | None, Bound] | None:
    """Whose figure an estimate is: the named owner of what was estimated ('put the damage
    in Turkey at ...'; 'put its revenue at ...': the estimator's own), else a name the
    sentence gives before the figure other than the estimator; None when neither."""
    for thing in (c for c in verb.children if c.dep_ in {"dobj", "attr"}):
        if any(c.dep_ == "poss" and c.lower_ in PRONOUNS for c in thing.children):
            return estimator, Bound.CLAUSE
        owner = owner_of_noun(ctx, thing)
        if owner is not None and ctx.named(owner):
            # Sources key estimates by either (the damage in Turkey; the WMO's global
            # temperature): whose it is stays a sentence-level guess that cannot dispute.
            return owner, Bound.SENTENCE
    nearest = _nearest_entity(ctx, span)
    if nearest is not None and nearest not in estimator.subtree:
        return nearest, Bound.SENTENCE
    return None


def owner_of_noun(ctx: Sentence, token: Token, depth: int = 0) -> Token | None:
    """'the defense expenditure of NATO member states' -> 'states'; 'US spending' -> 'US';
    'the value for the fertility rate in Namibia' -> 'Namibia'."""
    if ctx.discourse.resolve(token) is not None:
        return token  # "the party", "it"
    metric = _names_metric(ctx, token)
    if not metric and ctx.named(token):
        return token  # not "GDP in Peru": a metric that happens to be a proper noun
    if about_the_world(token):
        return token
    # "the value for Pump price ... in Lithuania": a name the resolver knows beats a
    # capitalised word the tagger took for one.
    first = None
    for child in token.children:
        for owner in _owners(ctx, child, metric, depth):
            if ctx.discourse.resolver.is_known(entity_name(owner) or owner.text):
                return owner
            first = first or owner
    return first


def _owners(ctx: Sentence, child: Token, metric: bool, depth: int) -> Iterator[Token]:
    """The owners one modifier of a noun may name."""
    if child.dep_ == "poss" and child.lower_ == "whose" and child.head.head.dep_ == "relcl":
        antecedent = child.head.head.head
        if ctx.named(antecedent):
            yield antecedent  # "Japan, whose population fell": Japan
        return
    possessor = child.dep_ == "poss" and (ctx.named(child) or ctx.discourse.resolve(child))
    modifier = child.dep_ in {"compound", "amod", "nmod"} and ctx.named(child) and not metric
    if possessor or modifier:
        yield child
    elif child.dep_ == "prep" and child.lower_ in en.OWNER_PREPOSITIONS:
        for pobj in child.children:
            if pobj.dep_ != "pobj":
                continue
            if depth < 2 and _names_metric(ctx, pobj):
                owner = owner_of_noun(ctx, pobj, depth + 1)
                if owner is not None:
                    yield owner
            elif is_named(pobj) or _has_named_compound(pobj) or ctx.discourse.resolve(pobj):
                yield pobj  # "inflation in Peru", "inflation in the country"
            elif ctx.named(pobj):
                yield pobj  # "across the euro area": a name the sources know


def _names_metric(ctx: Sentence, token: Token) -> bool:
    """'GDP', 'the Fertility rate', 'Gross Domestic Product': a metric, though capitalised;
    not 'the FAO Food Price Index' or 'the Bharatiya Janata Party', which are names."""
    found = ctx.memo.get(("names_metric", token.i))
    if found is None:
        found = ctx.memo[("names_metric", token.i)] = _names_a_metric(ctx, token)
    return found


def _names_a_metric(ctx: Sentence, token: Token) -> bool:
    phrase = [c for c in token.lefts if c.dep_ in {"compound", "amod"}] + [token]
    known = ctx.discourse.resolver.is_known
    if known(" ".join(t.text for t in phrase)):
        return False  # "the euro area" is a name, though "area" is a metric
    if any(entity_at(t) is not None or known(t.text) for t in phrase):
        return False  # "Services revenue": a segment the sources know by name
    return ctx.lexicon.metric_in(stems(" ".join(t.text for t in phrase)), None) is not None


def _has_named_compound(token: Token) -> bool:
    return any(c.dep_ == "compound" and is_named(c) for c in token.children)


def _nearest_entity(ctx: Sentence, span: Span) -> Token | None:
    before = [ent for ent in _owner_entities(ctx) if ent.end <= span.start]
    return before[-1].root if before else None


def _owner_entities(ctx: Sentence) -> list[Span]:
    """The sentence's names that could own a figure: not 'Western' (a NORP naming no
    country), not the agent of a passive ('estimated by the United Nations')."""
    resolver = ctx.discourse.resolver
    return [
        ent
        for ent in ctx.entities
        if ent.label_ in {"GPE", "ORG", "NORP", "LOC"}
        and (ent.label_ != "NORP" or resolver.from_demonym(ent.text) or resolver.is_known(ent.text))
        and (ent.label_ != "LOC" or resolver.is_known(ent.text))
        and ent.root.head.dep_ != "agent"
        and not ctx.in_attribution(ent.root)
    ]
