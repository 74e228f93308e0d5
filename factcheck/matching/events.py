"""Verdicts for events: membership, meetings, deployments and statements."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from rapidfuzz import fuzz

from factcheck.lexicon import DEFAULT_RELATIONS, DEPLOYED_TO, HELD_IN, SAID
from factcheck.matching.evidence import describe_event, event_evidence, format_range
from factcheck.matching.outcome import Outcome
from factcheck.normalise.entities import EntityResolver
from factcheck.normalise.words import stem, stems
from factcheck.records import Claim, EventRow, Modality, TimeSpan, Verdict
from factcheck.sources.events import EventSource

# How alike a quoted statement must be to a recorded one (0-100, rapidfuzz).
STATEMENT_SIMILARITY = 75.0


def _rows(
    sources: Sequence[EventSource], relation: str, **keys: str | None
) -> list[tuple[EventSource, EventRow]]:
    return [(s, row) for s in sources for row in s.find(relation, **keys)]


def overlaps(time: TimeSpan | None, row: EventRow) -> bool:
    if time is None or time.start is None or time.end is None or row.date is None:
        return True
    end = row.end_date or row.date
    return row.date <= time.end and end >= time.start


def _joining(claim: Claim, row: EventRow, source: EventSource) -> EventRow:
    """'Britain joined the EU in 1985' is about the day it joined, not any day of the
    membership: a claim worded with the relation's verb ("join", "accede") is checked
    against the row's start date only."""
    spec = source.spec.relations.get(row.relation) or DEFAULT_RELATIONS.get(row.relation)
    if row.end_date is None or spec is None:
        return row
    roots = {verb.removesuffix("e") for verb in spec.verbs}
    words = re.findall(r"[a-z]+", claim.text.lower())
    endings = {"", "e", "s", "es", "d", "ed", "ing"}
    worded = any(w.startswith(r) and w[len(r) :] in endings for w in words for r in roots)
    return replace(row, end_date=None) if worded else row


def _happened(claim: Claim, row: EventRow, published: date) -> str:
    when = format_range(row.date, row.end_date or row.date)
    if claim.modality is Modality.PREDICTION and row.date and row.date >= published:
        return f"it happened as predicted, on {when}"
    return f"on {when}"


def check_membership(
    claim: Claim, sources: Sequence[EventSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    if claim.subject is None or claim.predicate is None:
        return None
    subject_key = resolver.key(claim.subject)
    if claim.object is None:  # "Modi will be sworn in on Sunday": only the date can be checked
        found = _rows(sources, claim.predicate, subject_key=subject_key)
        return _check_date_only(claim, found, published) if claim.time else None
    found = _rows(
        sources, claim.predicate, subject_key=subject_key, object_key=resolver.key(claim.object)
    )
    if not found:
        return _another_object(claim, claim.predicate, claim.object, sources, subject_key)
    source, row = found[0]
    evidence = (event_evidence(source.spec, row),)
    what = f"{row.subject} {row.relation} {row.object}"
    if claim.negated and claim.time is not None and not overlaps(claim.time, row):
        return Outcome(
            Verdict.SUPPORTED,
            0.7,
            f"{source.spec.name} records {what} on "
            f"{format_range(row.date, row.end_date or row.date)}, not {claim.time.text}.",
            evidence,
        )
    if claim.negated:
        return Outcome(
            Verdict.DISPUTED,
            0.8,
            f"{source.spec.name} records {what} {_happened(claim, row, published)}.",
            evidence,
        )
    if overlaps(claim.time, _joining(claim, row, source)):
        return Outcome(
            Verdict.SUPPORTED,
            0.85,
            f"{source.spec.name} records {what} {_happened(claim, row, published)}.",
            evidence,
        )
    stated = claim.time.text if claim.time else ""
    return Outcome(
        Verdict.DISPUTED,
        0.85,
        f"{source.spec.name} records {what} on "
        f"{format_range(row.date, row.end_date or row.date)}, not {stated}.",
        evidence,
    )


def _another_object(
    claim: Claim, relation: str, claimed: str, sources: Sequence[EventSource], subject_key: str
) -> Outcome | None:
    """For a relation with one object per subject, a record naming another one disputes."""
    for source in sources:
        spec = source.spec.relations.get(relation)
        rows = source.find(relation, subject_key=subject_key)
        if spec is None or not spec.single or not rows or claim.negated:
            continue
        row = rows[0]
        return Outcome(
            Verdict.DISPUTED,
            0.8,
            f"{source.spec.name} records {describe_event(row)}, not {claimed}.",
            (event_evidence(source.spec, row),),
        )
    return None


def check_held(
    claim: Claim, sources: Sequence[EventSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    if claim.subject is None:
        return None
    named = _rows(sources, HELD_IN, subject_key=resolver.key(claim.subject))
    found = named or _same_event(claim, _rows(sources, HELD_IN))
    place = resolver.key(claim.place) if claim.place else None
    if place is None:
        return _check_date_only(claim, found, published)
    in_time = [(s, r) for s, r in found if overlaps(claim.time, r)]
    same_place = [(s, r) for s, r in in_time if place in _place_keys(r, resolver)]
    if same_place:
        source, row = same_place[0]
        return Outcome(
            Verdict.SUPPORTED,
            0.85,
            f"{source.spec.name} records {row.subject} in {row.place or row.object} "
            f"{_happened(claim, row, published)}.",
            (event_evidence(source.spec, row),),
        )
    if not in_time and len(named) == 1 and place in _place_keys(named[0][1], resolver):
        # The one event recorded by that name, in the claimed place, on other days: the
        # text dates it wrongly. (Another place and another date may be an edition the
        # sources do not record, so that stays unverified.)
        stated = claim.time.text if claim.time else "then"
        return _meeting_disputed(*named[0], stated, 0.8)
    # Without a date we cannot tell which meeting the text means, unless the sources
    # record only one event by that name ("the BRICS summit" aliased to the 15th).
    if not in_time or (claim.time is None and len(named) != 1):
        return None
    return _meeting_disputed(*in_time[0], f"in {claim.place}", 0.85)


def _meeting_disputed(
    source: EventSource, row: EventRow, stated: str, confidence: float
) -> Outcome:
    return Outcome(
        Verdict.DISPUTED,
        confidence,
        f"{source.spec.name} records {row.subject} in {row.place or row.object} on "
        f"{format_range(row.date, row.end_date or row.date)}, not {stated}.",
        (event_evidence(source.spec, row),),
    )


def _same_event(
    claim: Claim, rows: Sequence[tuple[EventSource, EventRow]]
) -> list[tuple[EventSource, EventRow]]:
    """Events named differently but held at the claimed time: 'the general election' on
    4 July 2024 is the '2024 United Kingdom general election'. Without a date, no guess."""
    if claim.subject is None or claim.time is None or claim.time.start is None:
        return []
    words = set(stems(claim.subject))
    names = {stem(w) for w in claim.subject.split() if w[:1].isupper()}
    scored = [
        (len(words & set(stems(row.subject))), source, row)
        for source, row in rows
        if overlaps(claim.time, row) and names <= _named_in(row)
    ]
    best = max((score for score, _, _ in scored), default=0)
    return [(source, row) for score, source, row in scored if best and score == best]


def _named_in(row: EventRow) -> set[str]:
    """Words a differently named mention may still use: 'Paris Olympics' for the 2024 Games."""
    return set(stems(" ".join(filter(None, (row.subject, row.object, row.place)))))


def _check_date_only(
    claim: Claim, found: Sequence[tuple[EventSource, EventRow]], published: date
) -> Outcome | None:
    """'The election was held on 4 July': only the date can agree or not."""
    if not found or claim.time is None:
        return None
    in_time = [(s, r) for s, r in found if overlaps(claim.time, r)]
    source, row = (in_time or list(found))[0]
    when = format_range(row.date, row.end_date or row.date)
    verdict = Verdict.SUPPORTED if in_time else Verdict.DISPUTED
    stated = "" if in_time else f", not {claim.time.text}"
    return Outcome(
        verdict,
        0.8,
        f"{source.spec.name} records {row.subject} on {when}{stated}.",
        (event_evidence(source.spec, row),),
    )


def _place_keys(row: EventRow, resolver: EntityResolver) -> set[str]:
    return {resolver.key(name) for name in (row.place, row.object) if name}


def check_deployment(
    claim: Claim, sources: Sequence[EventSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    if claim.subject is None or claim.place is None:
        return None
    place = resolver.key(claim.place)
    found = [
        (s, r)
        for s, r in _rows(sources, DEPLOYED_TO, subject_key=resolver.key(claim.subject))
        if place in _place_keys(r, resolver) and overlaps(claim.time, r)
    ]
    if not found:
        return None
    source, row = found[0]
    return Outcome(
        Verdict.SUPPORTED,
        0.8,
        f"{source.spec.name} records {row.subject} deploying {row.object} to {row.place} "
        f"{_happened(claim, row, published)}.",
        tuple(event_evidence(s.spec, r) for s, r in found[:3]),
    )


def similarity(first: str, second: str) -> float:
    return float(fuzz.token_set_ratio(" ".join(stems(first)), " ".join(stems(second))))


def same_person(claimed: str, recorded: str) -> bool:
    """'French President Emmanuel Macron' names 'Emmanuel Macron' (the surname matches);
    'Lula' names 'Luiz Inácio Lula da Silva' (every word of the name is in the record)."""
    claimed_words = set(stems(claimed))
    recorded_words = stems(recorded)
    if not recorded_words:
        return False
    return recorded_words[-1] in claimed_words or (
        bool(claimed_words) and claimed_words <= set(recorded_words)
    )


def check_statement(
    claim: Claim, sources: Sequence[EventSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    if claim.subject is None or claim.object is None:
        return None
    scored = sorted(
        (
            (similarity(claim.object, row.object), source, row)
            for source, row in _rows(sources, SAID)
        ),
        key=lambda item: -item[0],
    )
    alike = [(s, r) for score, s, r in scored if score >= STATEMENT_SIMILARITY]
    if not alike:
        return None
    by_speaker = [(s, r) for s, r in alike if same_person(claim.subject, r.subject)]
    if by_speaker:
        source, row = by_speaker[0]
        verdict = Verdict.SUPPORTED if overlaps(claim.time, row) else Verdict.DISPUTED
        when = format_range(row.date, row.end_date or row.date)
        return Outcome(
            verdict,
            0.8,
            f"{source.spec.name} records {row.subject} saying so on {when}.",
            (event_evidence(source.spec, row),),
        )
    source, row = alike[0]
    return Outcome(
        Verdict.DISPUTED,
        0.8,
        f"{source.spec.name} attributes the statement to {row.subject} "
        f"({format_range(row.date, row.date)}), not to {claim.subject}.",
        (event_evidence(source.spec, row),),
    )
