"""The per-sentence state every claim builder reads, and the claim draft they return."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import MINYEAR, date

from dateutil.relativedelta import relativedelta
from spacy.tokens import Span, Token

from factcheck.extraction.context import (
    COUNTRY,
    ORGANISATION,
    REPORTING_VERBS,
    Discourse,
    ExtractionLexicon,
    about_the_world,
    split_group,
)
from factcheck.extraction.lang import en
from factcheck.extraction.syntax import (
    SUBJECT_DEPS,
    TreeDistances,
    attribution,
    clause_subject,
    clause_tokens,
    dates_for,
    entities_in,
    entity_at,
    entity_name,
    governing_verb,
    inside,
    is_negated,
    is_prediction,
    open_ended,
)
from factcheck.lexicon import HELD_IN, SAID
from factcheck.normalise.dates import resolve_date
from factcheck.normalise.words import WORLD, stems
from factcheck.records import Binding, Bound, Claim, ClaimType, Modality, SlotBinding, TimeSpan


@dataclass(frozen=True)
class Sentence:
    """One sentence with what the builders need to know around it."""

    sent: Span
    published: date
    lexicon: ExtractionLexicon
    discourse: Discourse
    attribution: str | None
    ignored: tuple[tuple[int, int], ...]  # token ranges of the attribution and the dateline
    stems: frozenset[str]
    # The sentence's tokens, made once: spaCy builds a new Token object on every
    # access, and each builder walks the whole sentence.
    tokens: tuple[Token, ...] = ()
    text: str = ""  # likewise: `Span.text` joins the tokens again on every access
    entities: tuple[Span, ...] = ()
    # Each figure asks for its verb's clause several times; built once per verb.
    _clauses: dict[int, tuple[Token, ...]] = field(default_factory=dict, compare=False, repr=False)
    _named: dict[int, bool] = field(default_factory=dict, compare=False, repr=False)
    memo: dict[tuple[str, int], bool] = field(default_factory=dict, compare=False, repr=False)
    tree: TreeDistances = field(default_factory=TreeDistances, compare=False, repr=False)

    def clause(self, verb: Token) -> tuple[Token, ...]:
        """`syntax.clause_tokens(verb)`, cached for the sentence."""
        found = self._clauses.get(verb.i)
        if found is None:
            found = self._clauses[verb.i] = tuple(clause_tokens(verb))
        return found

    @classmethod
    def read(
        cls, sent: Span, published: date, lexicon: ExtractionLexicon, discourse: Discourse
    ) -> Sentence:
        text, tokens = sent.text, tuple(sent)
        found = attribution(tokens)
        ignored = tuple(r for r in (found[1] if found else None, dateline(sent, text)) if r)
        return cls(
            sent=sent,
            published=published,
            lexicon=lexicon,
            discourse=discourse,
            attribution=found[0] if found else None,
            ignored=ignored,
            stems=frozenset(stems(text)),
            tokens=tokens,
            text=text,
            entities=tuple(entities_in(sent, tokens)),
        )

    def time_of(
        self, anchor: Token, rivals: Sequence[Token] = (), *, figure: bool = False
    ) -> tuple[TimeSpan | None, Span | None]:
        """The date of the clause around `anchor`; future-leaning when it is a prediction.

        For a figure, an open-ended date ("the steepest rise since 2009") or the
        start of a comparison ("up 126% from the previous year") is not its period.
        """
        verb = governing_verb(anchor)
        future = is_prediction(verb)
        # spaCy sometimes marks a non-date as DATE ("Manchester early on"): take the
        # closest expression that resolves.
        for span in dates_for(self.entities, anchor, self.ignored, rivals, self.tree):
            # "1104 points" with "1104" tagged a date: the figure's own number
            own = anchor in span or (span.root.head == anchor and all(t.like_num for t in span))
            if figure and (open_ended(span) or is_baseline(span) or own):
                continue  # "since 2009", "from 2019"; or the figure's own number
            time = self._year_before(span) or resolve_date(
                span.text, self.published, prefer_future=future
            )
            if time is None:
                continue
            if not future and verb.tag_ in PAST_TAGS:
                time = _in_the_past(time, self.published)
            if time is None:
                continue
            return time, span
        return None, None

    def _year_before(self, span: Span) -> TimeSpan | None:
        """'rose 5.9% in 2023, after 6.9% the year before': the year before the one the
        sentence is about, not before publication."""
        if not en.YEAR_BEFORE.fullmatch(span.text.lower()):
            return None
        for other in reversed([e for e in self.entities if e.label_ == "DATE" and e != span]):
            year = en.YEAR.search(other.text)  # "in 2023", "at the end of 2023"
            if year is not None:
                before = int(year.group()) - 1
                return TimeSpan(date(before, 1, 1), date(before, 12, 31), span.text)
        return None

    def name_of(self, token: Token) -> str | None:
        """An entity name for `token`, resolving anaphors through the discourse.

        A name the sources know ("the alliance" as an alias of NATO) wins over
        the discourse's guess.
        """
        name = self._whole_name(token, entity_name(token))
        if name and token.pos_ != "PRON" and self.discourse.resolver.is_known(name):
            return name
        known_modifier = self._known_modifier(token)
        if known_modifier is not None:
            return known_modifier
        resolved = self._antecedent_here(token) or self.discourse.resolve(token)
        if resolved is not None:
            return resolved
        if about_the_world(token):
            return WORLD
        if token.pos_ == "PRON":
            return None
        return name or None

    def _antecedent_here(self, token: Token) -> str | None:
        """'The United Arab Emirates is the exception: ... it': 'it' and 'its' name the
        last country or organisation named earlier in their own sentence, if any."""
        if token.lower_ not in {"it", "its"}:
            return None
        kind = self.discourse.kind
        before = [
            ent
            for ent in self.entities
            if ent.end <= token.i
            and kind(ent) in {COUNTRY, ORGANISATION}
            and ent.label_ != "NORP"
            and not self.in_attribution(ent.root)
        ]
        return self._whole_name(before[-1].root, entity_name(before[-1].root)) if before else None

    def _whole_name(self, token: Token, name: str) -> str:
        """A country's whole name where the tagger cut it or ran it on: 'Trinidad and
        Tobago', 'Saint Vincent and the Grenadines', not 'Trinidad'; 'Bahrain', not
        'Bahrain GDP' or 'Bosnia and Herzegovina ended 2013'."""
        known = self.discourse.resolver.is_known
        ent = entity_at(token)
        if not name or ent is None or known(name):
            return name
        doc = token.doc
        joins = {"and", "&"}
        joined = ent[-1].lower_ in joins or (ent.end < len(doc) and doc[ent.end].lower_ in joins)
        for stop in range(min(ent.end + 4, len(doc)), ent.end, -1):
            longer = doc[ent.start : stop].text  # never `doc.text`: it walks the whole document
            if joined and known(longer):
                return longer
        words = name.split()
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]), words[cut:]
            loose = all(w[0].islower() or w[0].isdigit() for w in tail)
            if known(head) and (loose or self.lexicon.only_metric_words(stems(" ".join(tail)))):
                return head
        return name

    def _known_modifier(self, token: Token) -> str | None:
        """'India's Chandrayaan-3 spacecraft' is Chandrayaan-3 when the sources know that
        name: the thing a generic noun is named by, before the owner it belongs to."""
        if token.pos_ != "NOUN" or token.lemma_.lower() in self.lexicon.relations[HELD_IN].nouns:
            return None  # "the EU-China summit" is named by all its words, not by "China"
        known = self.discourse.resolver.is_known
        for dep in ("compound", "poss"):
            for child in (c for c in token.children if c.dep_ == dep):
                name = entity_name(child)
                if known(name):
                    return name
        return None

    def named(self, token: Token) -> bool:
        """A named entity, or a word the sources know as one ("Gaming" as a segment).
        Asked many times per figure, so remembered per token for the sentence."""
        found = self._named.get(token.i)
        if found is None:
            known = self.discourse.resolver.is_known
            found = self._named[token.i] = (
                is_named(token)
                or known(token.text)
                or known(entity_name(token))
                or self._known_modifier(token) is not None
            )
        return found

    def in_attribution(self, token: Token) -> bool:
        """In 'according to ...' or the dateline: where a claim's own words are not."""
        return inside(token.i, self.ignored)


def build_claim(
    ctx: Sentence,
    kind: ClaimType,
    verb: Token,
    tokens: list[Token | Span | None],
    **fields: object,
) -> Claim:
    """A claim spanning `tokens`, with modality, negation and attribution from the clause."""
    present = [t for t in tokens if t is not None]
    start = min(_start(t) for t in present)
    end = max(_end(t) for t in present)
    doc = verb.doc
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    speaker = ctx.attribution or (None if kind is ClaimType.QUOTE else reported_by(ctx, verb))
    modality = Modality.ASSERTED
    if kind is not ClaimType.QUOTE and is_prediction(verb):
        modality = Modality.PREDICTION
    elif speaker is not None:
        modality = Modality.REPORTED
    claim = Claim(
        id="",
        checkworthiness=_event_worthiness(kind, fields),
        text=doc[start:end].text,
        sentence=ctx.text,
        start=start_char,
        end=end_char,
        type=kind,
        modality=modality,
        attribution=speaker,
        negated=kind is not ClaimType.QUOTE and is_negated(verb),
    )
    claim = replace(claim, **fields)  # type: ignore[arg-type]
    return claim if claim.binding is not None else replace(claim, binding=_binding(claim))


def _binding(claim: Claim) -> Binding:
    """For claims whose extractor records no evidence of its own (events, quotes, rankings,
    comparisons): what the claim's fields say about where each slot came from."""
    subject = Bound.DISCOURSE if claim.subject_from_context else Bound.CLAUSE
    time = SlotBinding(Bound.CLAUSE, claim.time.text) if claim.time else None
    return Binding(
        subject=SlotBinding(subject if claim.subject else Bound.NONE, claim.subject),
        metric=SlotBinding(Bound.CLAUSE if claim.predicate else Bound.NONE, claim.predicate),
        time=time or SlotBinding(Bound.DEFAULT),
    )


PAST_TAGS = frozenset({"VBD", "VBN"})


def is_baseline(date_span: Span) -> bool:
    """'from the previous year', 'than in 2022', 'on the year before', 'from the 1993 census
    figure': a comparison's start."""
    head = date_span.root.head
    if date_span.root.dep_ in {"nummod", "compound", "amod"} and head.pos_ == "NOUN":
        head = head.head  # the year of "the 1993 census figure": where the figure stands
    return head.lower_ in {"from", "than", "on", "over"} and head.dep_ == "prep"


def _in_the_past(time: TimeSpan, published: date) -> TimeSpan | None:
    """'was held in December', written in March: last December, not next.

    Only a date written without its year moves; the move is one year back. In year 1
    there is no year before (datetime stops at year 1): None, the date cannot be placed,
    rather than a future date for a past event.
    """
    if time.start is None or time.start <= published or re.search(r"\d{4}", time.text):
        return time
    if time.start.year <= MINYEAR:
        return None
    back = relativedelta(years=-1)
    end = time.end + back if time.end else None
    return TimeSpan(time.start + back, end, time.text)


def _event_worthiness(kind: ClaimType, fields: dict[str, object]) -> float:
    """Events and quotes: dated or placed ones are easier to check (README, Check-worthiness).

    Builders of figures pass their own score, which replaces this one.
    """
    if kind is ClaimType.QUOTE:
        return 0.7
    return 0.8 if fields.get("time") or fields.get("place") else 0.6


def reported_by(ctx: Sentence, verb: Token) -> str | None:
    """The speaker when the clause is reported speech: 'the IEA said that emissions rose'."""
    said = ctx.lexicon.relations.get(SAID)
    verbs = set(said.verbs) | REPORTING_VERBS if said else REPORTING_VERBS
    current = verb
    for _ in range(4):
        if current.dep_ != "ccomp" or current.head == current:
            return None
        current = current.head
        if current.lemma_.lower() in verbs:
            speaker = clause_subject(current)
            return entity_name(speaker) if speaker is not None else None
    return None


def _start(item: Token | Span) -> int:
    """Where an item starts; a subject starts with its whole phrase, so that the claim
    reads 'the defense expenditure of NATO member states will reach ...', not 'states ...'."""
    if isinstance(item, Span):
        return item.start
    subject = next((t for t in item.ancestors if t.dep_ in SUBJECT_DEPS), None)
    if item.dep_ in SUBJECT_DEPS:
        subject = item
    return subject.left_edge.i if subject is not None else item.i


def _end(item: Token | Span) -> int:
    return item.i + 1 if isinstance(item, Token) else item.end


def subject_and_scope(ctx: Sentence, token: Token | None) -> tuple[str | None, str | None]:
    if token is None:
        return None, None
    name = ctx.name_of(token)
    if name is None:
        return None, None
    return split_group(name)


NUMERIC_ENTITIES = frozenset(
    {"CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"}
)


def is_named(token: Token) -> bool:
    """A name: a named entity, or a proper noun that is not a number ('Thirty countries')."""
    if token.like_num or token.ent_type_ in NUMERIC_ENTITIES:
        return False
    return entity_at(token) is not None or token.pos_ == "PROPN"


DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,}(?:,[^—–\n]{0,40}?)?\s*(?:\(\w[\w ]*\)\s*)?[—–-]\s")


def dateline(sent: Span, text: str) -> tuple[int, int] | None:
    """'VILNIUS, July 4, 2023 (Reuters) — ': the token range of a dateline opening a sentence
    (`text` is the sentence's)."""
    found = DATELINE.match(text)
    if found is None:
        return None
    stop = sent.start_char + found.end()
    end = sent.doc.char_span(sent.start_char, stop, alignment_mode="expand")
    return (sent.start, end.end) if end is not None else None
