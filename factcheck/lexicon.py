"""The words that name relations and metrics, shared by extraction and sources.

The built-in relations cover what news text checks most often: membership,
meetings held somewhere, statements and deployments. A source's
`[source.relations]` table adds verbs to these (or defines new relations);
`merge_relations` does the merge so both extraction and matching see the
same vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RelationSpec:
    """How text expresses a relation between a subject and an object.

    `verbs` have the subject first ("Finland joined NATO"); `inverse_verbs`
    have the object first ("NATO admitted Finland"). `nouns` name the event
    itself ("accession", "summit") for sentences without a main verb.
    """

    name: str
    verbs: tuple[str, ...] = ()
    inverse_verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    # One object per subject (elected in one constituency, headquartered in one city):
    # a claim naming another object than the recorded one is then disputed.
    single: bool = False

    def merged(self, other: RelationSpec) -> RelationSpec:
        return RelationSpec(
            name=self.name,
            verbs=_union(self.verbs, other.verbs),
            inverse_verbs=_union(self.inverse_verbs, other.inverse_verbs),
            nouns=_union(self.nouns, other.nouns),
            single=self.single or other.single,
        )


MEMBER_OF = "member of"
HELD_IN = "held in"
SAID = "said"
DEPLOYED_TO = "deployed to"

DEFAULT_RELATIONS: Mapping[str, RelationSpec] = {
    MEMBER_OF: RelationSpec(
        MEMBER_OF,
        verbs=("join", "accede", "enter"),
        inverse_verbs=("absorb", "admit", "accept", "welcome", "induct"),
        nouns=("accession", "membership", "member"),
    ),
    HELD_IN: RelationSpec(
        HELD_IN,
        verbs=("hold", "convene", "meet", "take"),
        inverse_verbs=("host",),
        nouns=(
            "summit",
            "meeting",
            "conference",
            "election",
            "games",
            "olympics",
            "championship",
            "rally",
            "congress",
            "convention",
            "assembly",
            "talks",
            "ceremony",
            "festival",
            "tournament",
            "final",
            "cop",
        ),
    ),
    SAID: RelationSpec(
        SAID,
        verbs=(
            "say",
            "assert",
            "state",
            "declare",
            "announce",
            "claim",
            "tell",
            "warn",
            "call",
            "describe",
            "argue",
            "insist",
            "admit",
            "add",
        ),
    ),
    DEPLOYED_TO: RelationSpec(
        DEPLOYED_TO,
        verbs=("deploy", "station", "send", "position", "base", "move"),
        nouns=("deployment", "stationing"),
    ),
}


def merge_relations(
    extra: Mapping[str, RelationSpec], base: Mapping[str, RelationSpec] = DEFAULT_RELATIONS
) -> dict[str, RelationSpec]:
    """Return `base` with `extra` merged in: same-named relations gain verbs."""
    merged = dict(base)
    for name, spec in extra.items():
        merged[name] = merged[name].merged(spec) if name in merged else spec
    return merged


def _union(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))
