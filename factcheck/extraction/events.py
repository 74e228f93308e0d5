"""Event claims: membership, meetings held somewhere, deployments and statements."""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from spacy.tokens import Span, Token

from factcheck.extraction.context import ORGANISATION
from factcheck.extraction.drafts import Sentence, build_claim, is_named, subject_and_scope
from factcheck.extraction.syntax import (
    clause_subject,
    entity_at,
    entity_name,
    governing_verb,
    strip_determiner,
)
from factcheck.lexicon import DEPLOYED_TO, HELD_IN, MEMBER_OF, SAID
from factcheck.records import Claim, ClaimType

PLACE_PREPS = frozenset({"in", "at", "to", "into", "across"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# spaCy sometimes tags a city as part of a DATE ("Manchester early on"); months never are places.
CALENDAR = frozenset(name.lower() for name in (*calendar.month_name[1:], *calendar.day_name))
QUOTE_MARKS = "\"'“”‘’"


def event_claims(ctx: Sentence) -> Iterator[Claim]:
    verbs = ctx.lexicon.verbs
    for token in ctx.tokens:
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            relation, inverse = verbs[token.lemma_.lower()]
            claim = _verb_event(ctx, token, relation, inverse)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in ctx.lexicon.deployment_nouns:
            claim = _deployment_noun(ctx, token)
        elif token.lemma_ == "become":
            claim = _became_member(ctx, token)
        elif token.lemma_ == "member" and token.dep_ == "appos":
            claim = _appositive_member(ctx, token)
        elif token.lemma_.lower() in ctx.lexicon.relations[HELD_IN].nouns:
            claim = _meeting_noun(ctx, token)
        else:
            continue
        if claim is not None:
            yield claim


def _verb_event(ctx: Sentence, verb: Token, relation: str, inverse: bool) -> Claim | None:
    if relation == SAID:
        return _statement(ctx, verb)
    if relation == HELD_IN:
        return _held_in(ctx, verb, inverse)
    if relation == DEPLOYED_TO:
        return _deployment(ctx, verb)
    return _membership(ctx, verb, relation, inverse)


def _object_of(verb: Token) -> Token | None:
    """The verb's object: a named direct object, else a named prepositional one, else any."""
    direct = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd"}]
    named = [c for c in direct if is_named(c)]
    for child in verb.children:
        if child.dep_ == "prep":
            named += [p for p in child.children if p.dep_ == "pobj" and is_named(p)]
    found = named or direct
    return found[0] if found else None


def _membership(ctx: Sentence, verb: Token, relation: str, inverse: bool) -> Claim | None:
    if verb.lemma_ == "admit" and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "admitted that ..." is a statement, not an admission
    subject_token, object_token = clause_subject(verb), _object_of(verb)
    if inverse:
        subject_token, object_token = object_token, subject_token
    if subject_token is None or not _named_or_anaphor(ctx, subject_token):
        return None
    return _joined(ctx, verb, relation, subject_token, object_token)


def _joined(
    ctx: Sentence, verb: Token, relation: str, member_token: Token, org_token: Token | None
) -> Claim | None:
    """A membership-like claim: `member_token` joined the organisation `org_token` names."""
    member, _ = subject_and_scope(ctx, member_token)
    organisation = _organisation(ctx, org_token, verb, relation)
    time, date_span = ctx.time_of(verb)
    # Other relations may be checked by their date alone ("will be sworn in on Sunday").
    dated_only = relation != MEMBER_OF and organisation is None and time is not None
    if member is None or organisation == member or (organisation is None and not dated_only):
        return None
    return build_claim(
        ctx,
        ClaimType.EVENT,
        verb,
        [member_token, verb, org_token, date_span],
        subject=member,
        predicate=relation,
        object=organisation,
        time=time,
    )


def _named_or_anaphor(ctx: Sentence, token: Token) -> bool:
    return ctx.named(token) or ctx.discourse.resolve(token) is not None


def _organisation(
    ctx: Sentence, token: Token | None, verb: Token, relation: str = MEMBER_OF
) -> str | None:
    """The organisation joined; 'Sweden is expected to join' borrows the last one named.

    Only membership borrows: for other relations an object must be named.
    """
    if token is not None and _named_or_anaphor(ctx, token):
        return subject_and_scope(ctx, token)[0]
    if relation != MEMBER_OF:
        return None
    before = [e for e in ctx.entities if e.label_ == "ORG" and e.end <= verb.i]
    if before:
        return strip_determiner(before[-1].text)
    return ctx.discourse.last_mentioned(ORGANISATION)


def _became_member(ctx: Sentence, verb: Token) -> Claim | None:
    """'Finland became a member of NATO', 'Sweden became NATO's 32nd member'."""
    attr = next((c for c in verb.children if c.dep_ == "attr" and c.lemma_ == "member"), None)
    subject_token = clause_subject(verb)
    if attr is None or subject_token is None:
        return None
    return _joined(ctx, verb, MEMBER_OF, subject_token, _organisation_of(attr))


def _appositive_member(ctx: Sentence, noun: Token) -> Claim | None:
    """'Finland, NATO's 31st member since April 2023', 'Croatia, a member of the EU':
    an apposition states the membership without a verb. Both sides must be named here:
    'Jane Doe, a member of the committee' borrows no organisation from earlier text."""
    member_token, org_token = noun.head, _organisation_of(noun)
    if org_token is None or not ctx.named(member_token) or not ctx.named(org_token):
        return None
    return _joined(ctx, noun, MEMBER_OF, member_token, org_token)


def _organisation_of(member: Token) -> Token | None:
    """'NATO's member', 'a member of NATO': the token naming the organisation."""
    org_token = next((c for c in member.children if c.dep_ == "poss"), None)
    for prep in (c for c in member.children if c.dep_ == "prep" and c.lower_ == "of"):
        org_token = next((c for c in prep.children if c.dep_ == "pobj"), org_token)
    return org_token


def _place(token: Token) -> tuple[str, Token] | None:
    """The place a verb or noun is located in: 'in the Lithuanian capital Vilnius' -> Vilnius."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            named = [t for t in pobj.subtree if t.ent_type_ in PLACE_LABELS | {"ORG"}]
            named = [t for t in named if t.dep_ in {"appos", "pobj", "compound"} or t == pobj]
            target = named[-1] if named else pobj
            if is_named(target) or (target.pos_ == "PROPN" and target.lower_ not in CALENDAR):
                return strip_determiner(_entity_text(target)), pobj
    return None


def _entity_text(token: Token) -> str:
    ent = entity_at(token)
    return ent.text if ent is not None else token.text


def _held_in(ctx: Sentence, verb: Token, inverse: bool) -> Claim | None:
    """'The summit will be held in Vilnius', 'the summit, held in Dubai in December',
    'Labour held its rally in Manchester', 'Vilnius hosts the summit', 'the election was
    held on 4 July' (a date without a place is still checkable)."""
    found = _meeting(ctx, verb, inverse)
    if found is None:
        return None
    event, name, place = found
    time, date_span = ctx.time_of(verb)
    if place is None and time is None:
        return None
    return build_claim(
        ctx,
        ClaimType.EVENT,
        verb,
        [event, verb, place[1] if place else None, date_span],
        subject=name,
        predicate=HELD_IN,
        object=place[0] if place else None,
        place=place[0] if place else None,
        time=time,
    )


def _meeting(
    ctx: Sentence, verb: Token, inverse: bool
) -> tuple[Token, str, tuple[str, Token] | None] | None:
    """The event noun, its name and where it was held."""
    nouns = set(ctx.lexicon.relations[HELD_IN].nouns)
    if inverse:  # "Vilnius hosts the summit"
        host, event = clause_subject(verb), _object_of(verb)
        if host is None or event is None or not is_named(host):
            return None
        if ctx.discourse.full_name(_entity_text(host)) is not None:
            return None  # "Kishida hosted the summit": a person named earlier, not a place
        place: tuple[str, Token] | None = (strip_determiner(_entity_text(host)), host)
    else:
        subject = clause_subject(verb)
        if subject is None and verb.dep_ == "acl":
            subject = verb.head  # "the summit, held in Dubai"
        if verb.lemma_ == "take" and not any(c.lemma_ == "place" for c in verb.children):
            return None  # "took place" is a meeting; "took part" is not
        event, owner = subject, None
        obj = _object_of(verb)
        if obj is not None and obj.lemma_.lower() in nouns:
            event, owner = obj, subject  # "Labour held its victory rally"
        elif event is not None and event.lemma_.lower() not in nouns:
            # "Health ministers met in Geneva for the World Health Assembly"
            event = next(
                (
                    p
                    for c in verb.subtree  # "for" may hang from the place: "Geneva for ..."
                    if c.dep_ == "prep" and c.lower_ in {"for", "at"} and governing_verb(c) == verb
                    for p in c.children
                    if p.dep_ == "pobj" and p.lemma_.lower() in nouns
                ),
                event,
            )
        place = _place(verb)
        if event is None:
            return None
    if event.lemma_.lower() not in nouns:
        return None
    return event, _event_name(ctx, event, owner if not inverse else None), place


def _verbless(ctx: Sentence) -> bool:
    """A headline or a caption: 'NATO summit in Vilnius on 11-12 July 2023'."""
    return not any(t.pos_ in {"VERB", "AUX"} for t in ctx.tokens)


def _meeting_noun(ctx: Sentence, event: Token) -> Claim | None:
    """An event noun that says where (and when) it was held without a verb: heading a
    headline ('NATO summit in Vilnius on 11-12 July 2023') or anywhere in a sentence
    ('watched from the BRICS summit in Johannesburg').

    Only a place introduced by a preposition counts: in 'Vilnius summit' the
    modifier may be the place or the organiser, and the text does not say which.
    Inside a sentence the noun must carry its own place, and only a date inside
    its own phrase dates it: the sentence's other dates belong to its verbs.
    """
    headline = _verbless(ctx)
    if headline and event.head != event and event.head.head != event.head:
        return None  # the noun must head the headline (or hang from its head)
    place = _place(event)
    if not headline and (place is None or _held_by_a_verb(ctx, event)):
        return None
    time, date_span = ctx.time_of(event)
    if not headline and date_span is not None and not event.is_ancestor(date_span.root):
        time, date_span = None, None
    if place is None and time is None:
        return None
    return build_claim(
        ctx,
        ClaimType.EVENT,
        event,
        [_phrase(event), date_span],
        subject=_event_name(ctx, event, None),
        predicate=HELD_IN,
        object=place[0] if place else None,
        place=place[0] if place else None,
        time=time,
    )


def _phrase(noun: Token) -> Span:
    """The noun's phrase as a span, without trailing spaces or punctuation. A span, not a
    token: a token inside a subject would stretch the claim over the whole subject."""
    words = [t for t in noun.subtree if not (t.is_space or t.is_punct)]
    return noun.doc[words[0].i : words[-1].i + 1]


def _held_by_a_verb(ctx: Sentence, event: Token) -> bool:
    """'The summit was held in Vilnius': the verb's own claim covers the noun."""
    verb = governing_verb(event)
    return ctx.lexicon.verbs.get(verb.lemma_.lower(), ("", False))[0] == HELD_IN


def _event_name(ctx: Sentence, event: Token, owner: Token | None) -> str:
    """'its victory rally' held by Labour -> 'Labour victory rally'."""
    name = subject_and_scope(ctx, event)[0] or event.text
    has_pronoun = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in event.children)
    if owner is not None and has_pronoun:
        return f"{subject_and_scope(ctx, owner)[0] or owner.text} {name}"
    return name


def _deployment(ctx: Sentence, verb: Token) -> Claim | None:
    """'Russia deployed nuclear weapons in Belarus'."""
    subject_token, forces = clause_subject(verb), _object_of(verb)
    found = _place(verb) or (_place(forces) if forces is not None else None)
    return _deployed(ctx, verb, subject_token, forces, found, [subject_token, verb])


def _deployment_noun(ctx: Sentence, noun: Token) -> Claim | None:
    """'the deployment of nuclear forces in Belarus' (by the possessor up the tree)."""
    forces = next(
        (p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children),
        None,
    )
    return _deployed(ctx, noun, _possessor(noun), forces, _place(noun), [noun])


def _deployed(
    ctx: Sentence,
    anchor: Token,
    owner: Token | None,
    forces: Token | None,
    found: tuple[str, Token] | None,
    tokens: list[Token | None],
) -> Claim | None:
    """A deployment claim once its owner, its forces and its place are known."""
    if owner is None or forces is None or found is None:
        return None
    subject, _ = subject_and_scope(ctx, owner)
    if subject is None:
        return None
    time, date_span = ctx.time_of(anchor)
    return build_claim(
        ctx,
        ClaimType.EVENT,
        anchor,
        [*tokens, forces, found[1], date_span],
        subject=subject,
        predicate=DEPLOYED_TO,
        object=_bare(forces),
        place=found[0],
        time=time,
    )


def _possessor(noun: Token) -> Token | None:
    current = noun
    for _ in range(5):
        poss = next((c for c in current.children if c.dep_ == "poss" and is_named(c)), None)
        if poss is not None:
            return poss
        if current.head == current:
            return None
        current = current.head
    return None


def _bare(token: Token) -> str:
    words = [t.text for t in token.subtree if t.i <= token.i and t.pos_ not in {"DET", "PRON"}]
    return " ".join(words)


def _statement(ctx: Sentence, verb: Token) -> Claim | None:
    """'X said/asserted/told Y that ...' with a named speaker."""
    content = next((c for c in verb.children if c.dep_ in {"ccomp", "dobj"} and _clausal(c)), None)
    speaker = clause_subject(verb)
    if content is None or speaker is None:
        return None
    name = _speaker(ctx, speaker)
    if name is None:
        return None
    tokens = [t for t in content.subtree if not (t.dep_ == "mark" and t.i == content.left_edge.i)]
    said = verb.doc[tokens[0].i : tokens[-1].i + 1].text.strip(QUOTE_MARKS + " ")
    time, date_span = ctx.time_of(verb)
    if date_span is not None and date_span.start >= content.left_edge.i:
        time, date_span = None, None  # a date inside the quote is not the date of saying it
    return build_claim(
        ctx,
        ClaimType.QUOTE,
        verb,
        [speaker, verb, verb.doc[tokens[0].i : tokens[-1].i + 1]],
        subject=name,
        subject_from_context=speaker.pos_ == "PRON",
        predicate=SAID,
        object=said.replace("“", "").replace("”", "").replace('"', ""),
        time=time,
    )


def _speaker(ctx: Sentence, token: Token) -> str | None:
    """A named speaker: 'Emmanuel Macron', 'its CFO, Colette Kress', or 'he' for the last person."""
    if token.pos_ == "PRON":
        return ctx.discourse.resolve(token)
    candidates = [token, *(c for c in token.children if c.dep_ == "appos")]
    for candidate in candidates:
        ent = entity_at(candidate)
        if ent is not None and ent.label_ in SPEAKER_LABELS:
            return strip_determiner(ent.text)
    # The model does not always tag a person ("Modi said that ..."): a proper noun that
    # says something is a speaker too; an earlier full name ("Narendra Modi") wins.
    if token.pos_ == "PROPN" and is_named(token):
        name = entity_name(token)
        return ctx.discourse.full_name(name) or name
    return None


def _clausal(token: Token) -> bool:
    return token.dep_ == "ccomp" or any(t.text in QUOTE_MARKS for t in token.subtree)
