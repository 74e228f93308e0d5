"""What the extractor knows besides the sentence: vocabulary and discourse.

`ExtractionLexicon` carries the words that name metrics and relations
(built-in defaults merged with the configured sources). `Discourse` keeps the
entities mentioned so far, so that "the country", "the alliance" or "it" in a
later sentence resolve to the entity the text named earlier.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from factcheck.extraction.syntax import entity_at, strip_determiner
from factcheck.lexicon import DEFAULT_RELATIONS, RelationSpec

# Words whose spelling differs between British and American English, and
# suffixes that separate a noun from its verb ("spending" -> "spend").
_SPELLING = {"defence": "defense", "programme": "program", "labour": "labor"}
_WORD = re.compile(r"[a-z0-9%]+")

GROUP_WORDS = ("member states", "member countries", "members", "allies", "countries", "nations")
COUNTRY_NOUNS = frozenset({"country", "nation", "state", "kingdom", "republic"})
ORG_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "alliance",
        "organisation",
        "organization",
        "bank",
        "club",
        "party",
    }
)
PRONOUNS = frozenset({"it", "its", "they", "their"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})


def stem(word: str) -> str:
    """A crude stem that lets "spending", "spent" and "spend" meet."""
    word = _SPELLING.get(word.lower(), word.lower())
    for suffix in ("ings", "ing", "ures", "ure", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _WORD.findall(text.lower()))


@dataclass(frozen=True)
class ExtractionLexicon:
    relations: Mapping[str, RelationSpec] = field(default_factory=lambda: dict(DEFAULT_RELATIONS))
    metrics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    metric_units: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def verbs(self) -> dict[str, tuple[str, bool]]:
        """Verb lemma -> (relation, inverse?)."""
        table: dict[str, tuple[str, bool]] = {}
        for name, spec in self.relations.items():
            for verb in spec.verbs:
                table.setdefault(verb, (name, False))
            for verb in spec.inverse_verbs:
                table.setdefault(verb, (name, True))
        return table

    def metric_in(self, sent_stems: set[str], unit: str | None) -> str | None:
        """The configured metric the clause names, preferring one measured in `unit`."""
        best: tuple[int, int, str] | None = None
        for metric, phrases in sorted(self.metrics.items()):
            for phrase in (metric, *phrases):
                words = stems(phrase)
                if not words or not set(words) <= sent_stems:
                    continue
                fits = int(unit is None or unit in self.metric_units.get(metric, frozenset({unit})))
                score = (fits, len(words), metric)
                if best is None or score[:2] > best[:2]:
                    best = score
        return best[2] if best and best[0] else None


@dataclass
class Discourse:
    """Entities mentioned so far in the article, most recent last.

    Mutable on purpose and private to one extraction run: it is the memory of
    the text read so far, never shared between stages.
    """

    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)

    def observe(self, sent: Span) -> None:
        for ent in sent.ents:
            name = strip_determiner(ent.text)
            if ent.label_ == "GPE":
                self.countries.append(name)
            elif ent.label_ == "ORG":
                self.organisations.append(name)
            elif ent.label_ == "PERSON":
                self.people.append(name)
        for token in sent:
            subject = entity_at(token) if token.dep_ in {"nsubj", "nsubjpass"} else None
            if subject is not None:
                self.subjects.append(strip_determiner(subject.text))

    def resolve(self, token: Token) -> str | None:
        """The entity an anaphor ("the country", "it", "he") refers to, if any."""
        word = token.lower_
        if word in PRONOUNS:
            return _last(self.subjects)
        if word in PERSON_PRONOUNS:
            return _last(self.people)
        has_definite = any(c.lower_ in {"the", "this"} for c in token.children)
        if has_definite and token.lemma_.lower() in COUNTRY_NOUNS:
            return _last(self.countries)
        if has_definite and token.lemma_.lower() in ORG_NOUNS:
            return _last(self.organisations)
        return None


def _last(names: list[str]) -> str | None:
    return names[-1] if names else None


def split_group(name: str) -> tuple[str, str | None]:
    """'NATO member states' -> ('NATO', 'member states')."""
    lowered = name.lower()
    for group in GROUP_WORDS:
        if lowered.endswith(" " + group) and len(name) > len(group) + 1:
            return name[: -len(group) - 1].strip(), group
    return name, None
