"""Whether two sentences state the same claim, read by the same pipeline.

A published fact-check words its claim in its own way ("Norway has a coastline
of roughly 25,000 kilometres") and an article in another ("Norway's coastline
runs for about 25,000 km"). Characters say little about that; what the parse
says does. Both texts are parsed by the article's own spaCy pipeline and reduced
to what a claim is made of:

- the named entities, as the resolver names them ("Nato", "NATO" and
  "the North Atlantic Treaty Organization" are one; "French" is France);
- the figures, normalised by value and unit ("$1.3tn" = "1.3 trillion US dollars");
- the years;
- the content words, lemmatised, spelling folded, and a relation's words folded
  into the relation ("joined" = "became a member of" = "absorbed", inversely);
- whether the statement is negated.

A different figure, a different year or a negation on one side only means a
different claim, however alike the rest: no match (a rating of one claim must
never settle another). Otherwise the score weighs how much of the review's
entities and words the article's sentence states (see `agreement`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factcheck.extraction.lang import en
from factcheck.matching.events import same_person
from factcheck.normalise.entities import EntityResolver
from factcheck.normalise.numbers import find_quantities
from factcheck.records import Review
from factcheck.sources.claimreview import ReviewSource
from factcheck.sources.tables import fold_phrase

ENTITY_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV"})
# Verbs that carry tense or voice, not the claim: "has a coastline" = "the coastline".
LIGHT_LEMMAS = frozenset({"be", "have", "do", "get", "make", "say", "claim", "state"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "nor", "neither", "none"})
# How much each part of a claim counts, where the review states it.
WEIGHTS = {"entities": 0.4, "words": 0.35, "figures": 0.15, "years": 0.1}
# Texts a reader remembers (the oldest are forgotten first).
MEMORY = 10_000
# Figures within this share of each other are the same figure written differently.
FIGURE_TOLERANCE = 0.02


@dataclass(frozen=True)
class Meaning:
    entities: frozenset[str]
    people: frozenset[str]  # the PERSON names as written, matched by surname
    figures: frozenset[tuple[str, float]]
    years: frozenset[int]
    terms: frozenset[tuple[str, str]]  # each content word: (lemma, form), both folded
    negated: bool

    def words(self, vocabulary: Mapping[str, str]) -> frozenset[str]:
        """The content words, with a relation's words as the relation's token."""
        return frozenset(
            vocabulary.get(lemma) or vocabulary.get(form) or lemma for lemma, form in self.terms
        )


@dataclass
class MeaningReader:
    """Reads texts into `Meaning`s with one pipeline; each text is parsed once."""

    nlp: Language
    resolver: EntityResolver

    def __post_init__(self) -> None:
        self._read: dict[str, Meaning] = {}

    def read(self, text: str) -> Meaning:
        return self.read_all([text])[0]

    def read_all(self, texts: Iterable[str]) -> list[Meaning]:
        wanted = list(texts)
        new = list(dict.fromkeys(t for t in wanted if t not in self._read))
        read = dict(zip(new, map(self._meaning, self.nlp.pipe(new)), strict=True))
        found = [self._read.get(text) or read[text] for text in wanted]
        # Reviews come back for every claim; a batch's sentences must not pile up.
        while len(self._read) + len(read) > MEMORY and self._read:
            del self._read[next(iter(self._read))]
        self._read.update(read)
        return found

    def _meaning(self, doc: Doc) -> Meaning:
        return meaning_of(doc, self.resolver)


def best_review(
    source: ReviewSource, claim_text: str, reader: MeaningReader
) -> tuple[Review, float] | None:
    """The source's review closest in meaning to `claim_text`, with its score in 0..1;
    None when none reaches the source's threshold (ties: the first in the file)."""
    if not claim_text.strip() or not source.reviews:
        return None
    texts = [claim_text, *(review.claim_reviewed for review in source.reviews)]
    claim, *reviewed = reader.read_all(texts)
    scores = [agreement(claim, meaning, source.vocabulary) for meaning in reviewed]
    best = max(range(len(scores)), key=lambda number: (scores[number], -number))
    if scores[best] < source.threshold:
        return None
    return source.reviews[best], round(scores[best], 3)


def meaning_of(doc: Doc, resolver: EntityResolver) -> Meaning:
    figures = find_quantities(doc.text)
    in_figure = {i for m in figures for i in range(m.start, m.end)}
    names = [e for e in doc.ents if e.label_ in ENTITY_LABELS and e.start_char not in in_figure]
    named = {t.i for e in names for t in e}
    return Meaning(
        entities=frozenset(_entity_key(e, resolver) for e in names if e.label_ != "PERSON"),
        people=frozenset(e.text for e in names if e.label_ == "PERSON"),
        figures=frozenset((m.quantity.unit or "", m.quantity.value) for m in figures),
        years=frozenset(_years(doc.ents)),
        terms=frozenset(
            (fold_phrase(t.lemma_), fold_phrase(t.text))
            for t in doc
            if t.pos_ in CONTENT_POS and t.i not in named and not _not_content(t, in_figure)
        ),
        negated=any(t.dep_ == "neg" or t.lower_ in NEGATIONS for t in doc),
    )


def agreement(claim: Meaning, review: Meaning, vocabulary: Mapping[str, str]) -> float:
    """How far the article's sentence states the review's claim, in 0..1; 0 when the
    two contradict each other (figure, year or negation). `vocabulary` folds a
    relation's words into one token (see `relation_vocabulary`)."""
    if claim.negated != review.negated or not _same_figures(claim, review):
        return 0.0
    if claim.years and review.years and not claim.years & review.years:
        return 0.0
    entities = _entity_share(claim, review)
    if entities == 0.0:
        return 0.0  # about someone else
    parts = {
        "entities": entities,
        "words": _share(review.words(vocabulary), claim.words(vocabulary)),
    }
    if review.figures:
        parts["figures"] = 1.0
    if review.years:
        parts["years"] = 1.0 if claim.years else 0.5
    weight = sum(WEIGHTS[name] for name in parts)
    return sum(WEIGHTS[name] * value for name, value in parts.items()) / weight


def _same_figures(claim: Meaning, review: Meaning) -> bool:
    """Every figure of the review is one of the sentence's."""
    return all(
        any(unit == u and _close(value, v) for u, v in claim.figures)
        for unit, value in review.figures
    )


def _close(first: float, second: float) -> bool:
    return abs(first - second) <= FIGURE_TOLERANCE * max(abs(first), abs(second))


def _entity_share(claim: Meaning, review: Meaning) -> float:
    stated = len(review.entities & claim.entities) + sum(
        any(same_person(mine, theirs) for mine in claim.people) for theirs in review.people
    )
    total = len(review.entities) + len(review.people)
    if total == 0:
        return 1.0 if not (claim.entities or claim.people) else 0.5
    return stated / total


def _share(wanted: frozenset[str], found: frozenset[str]) -> float:
    return len(wanted & found) / len(wanted) if wanted else 1.0


def _entity_key(entity: Span, resolver: EntityResolver) -> str:
    text = entity.text
    if entity.label_ == "NORP":
        text = resolver.from_demonym(text) or text
    if text.lower().startswith("the "):
        text = text[4:]
    return resolver.key(text)


def _years(entities: Iterable[Span]) -> Iterable[int]:
    for entity in entities:
        if entity.label_ == "DATE":
            yield from (int(found) for found in en.YEAR.findall(entity.text))


def _not_content(token: Token, in_figure: set[int]) -> bool:
    return (
        token.is_stop
        or token.like_num
        or token.idx in in_figure
        or token.lemma_.lower() in LIGHT_LEMMAS
        or token.ent_type_ == "DATE"
    )
