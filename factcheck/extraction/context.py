"""What the extractor knows besides the sentence: vocabulary and discourse.

`ExtractionLexicon` carries the words that name metrics and relations
(built-in defaults merged with the configured sources). `Discourse` keeps the
entities mentioned so far, so that "the country", "the alliance" or "it" in a
later sentence resolve to the entity the text named earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Span, Token

from factcheck.extraction.lang import en
from factcheck.extraction.syntax import entity_at, strip_determiner
from factcheck.lexicon import DEFAULT_RELATIONS, DEPLOYED_TO, RelationSpec
from factcheck.normalise.entities import EntityResolver
from factcheck.normalise.words import WORLD, stems

# Words whose spelling differs between British and American English, and
# suffixes that separate a noun from its verb ("spending" -> "spend").

GROUP_WORDS = ("member states", "member countries", "members", "allies", "countries", "nations")
COUNTRY_NOUNS, ORG_NOUNS = en.COUNTRY_NOUNS.words, en.ORG_NOUNS.words
PRONOUNS = frozenset({"it", "its", "they", "their"})
MEMO_SIZE = 4096  # metric lookups remembered per lexicon
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})


@dataclass(frozen=True)
class ExtractionLexicon:
    relations: Mapping[str, RelationSpec] = field(default_factory=lambda: dict(DEFAULT_RELATIONS))
    metrics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    metric_units: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Metrics some configured source declares: on a tie with a built-in metric they win,
    # being the more specific name ("defence budget" over "budget").
    sourced: frozenset[str] = frozenset()
    # The language's metrics a source names, by one of its phrases ("GDP growth" for a
    # table's "real GDP growth"), mapped to the source's metric.
    covered: Mapping[str, str] = field(default_factory=dict)
    _memo: dict[
        tuple[frozenset[str], str | None, frozenset[str], bool | None, frozenset[str]],
        tuple[str, frozenset[str]] | None,
    ] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def with_builtin_metrics(
        cls,
        relations: Mapping[str, RelationSpec],
        metrics: Mapping[str, tuple[str, ...]],
        metric_units: Mapping[str, frozenset[str]],
    ) -> ExtractionLexicon:
        """The sources' metrics merged with the language's own (`lang/en.py`), so that a
        figure is reported with its metric whether or not a source covers it."""
        merged = {name: tuple(phrases) for name, phrases in metrics.items()}
        units = dict(metric_units)
        for rule in en.METRICS:
            merged[rule.name] = tuple(dict.fromkeys([*merged.get(rule.name, ()), *rule.phrases]))
            units.setdefault(rule.name, rule.units)
        return cls(relations, merged, units, frozenset(metrics), _covered(metrics))

    def accepts(self, metric: str, unit: str | None) -> bool:
        """Whether `metric` may be measured in `unit`: None is any unit (a change in per
        cent says nothing of the metric's own), `en.COUNT` a plain count."""
        units = self.metric_units.get(metric)
        if units is None or unit is None:
            return True
        if unit == en.COUNT and metric in self.sourced:
            # A source's count may be of anything its rows count ("vehicles", "seats"), but
            # not a share or a sum of money.
            return not all(u in {"%", "pp"} or (len(u) == 3 and u.isupper()) for u in units)
        return en.accepts(units, unit)

    # Built once per lexicon, not per sentence: extraction asks for them on every token.
    @cached_property
    def verbs(self) -> Mapping[str, tuple[str, bool]]:
        """Verb lemma -> (relation, inverse?)."""
        table: dict[str, tuple[str, bool]] = {}
        for name, spec in self.relations.items():
            for verb in spec.verbs:
                table.setdefault(verb, (name, False))
            for verb in spec.inverse_verbs:
                table.setdefault(verb, (name, True))
        return table

    @cached_property
    def deployment_nouns(self) -> frozenset[str]:
        spec = self.relations.get(DEPLOYED_TO)
        return frozenset(spec.nouns) if spec else frozenset()

    @cached_property
    def _phrases(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """(metric, stems of one phrase naming it), for every phrase, metrics sorted."""
        return tuple(
            (metric, frozenset(stems(phrase)))
            for metric, phrases in sorted(self.metrics.items())
            for phrase in (metric, *phrases)
            if stems(phrase)
        )

    def metric_in(
        self,
        words: Iterable[str],
        unit: str | None,
        focus: frozenset[str] = frozenset(),
        sourced: bool | None = None,
    ) -> str | None:
        """The configured metric these words name, preferring one measured in `unit`.

        A phrase containing a `focus` word wins ("the highest share" names the
        share-of-GDP metric), then the longest matching phrase ("defence
        expenditure share of GDP" over "defence expenditure"); a metric never
        measured in `unit` is not a candidate at all.
        """
        found = self._best_phrase(frozenset(words), unit, focus, sourced)
        return found[0] if found else None

    def _best_phrase(
        self,
        present: frozenset[str],
        unit: str | None,
        focus: frozenset[str],
        sourced: bool | None,
        within: frozenset[str] = frozenset(),
    ) -> tuple[str, frozenset[str]] | None:
        """`metric_in` with the stems of the phrase that won; with `within`, only phrases
        holding all of those words and more. Remembered: every figure of a sentence asks
        the same of the sentence's words."""
        key = (present, unit, focus, sourced, within)
        if key not in self._memo:
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = self._best_phrase_uncached(present, unit, focus, sourced, within)
        return self._memo[key]

    def _best_phrase_uncached(
        self,
        present: frozenset[str],
        unit: str | None,
        focus: frozenset[str],
        sourced: bool | None,
        within: frozenset[str],
    ) -> tuple[str, frozenset[str]] | None:
        best: tuple[bool, int, bool, str] | None = None
        stems_of_best: frozenset[str] = frozenset()
        for metric, phrase_stems in self._phrases_with(present):
            # The cheap set test first: most phrases sharing a word are not all present.
            if not phrase_stems <= present or (within and not within < phrase_stems):
                continue
            if sourced is not None and (metric in self.sourced) is not sourced:
                continue
            if not self.accepts(metric, unit):
                continue
            score = (bool(phrase_stems & focus), len(phrase_stems), metric in self.sourced, metric)
            if best is None or score[:3] > best[:3]:
                best, stems_of_best = score, phrase_stems
        return (best[3], stems_of_best) if best else None

    @cached_property
    def _phrase_index(self) -> Mapping[str, tuple[int, ...]]:
        """Stem -> positions in `_phrases` of the phrases containing it."""
        index: dict[str, list[int]] = {}
        for position, (_, phrase_stems) in enumerate(self._phrases):
            for word in phrase_stems:
                index.setdefault(word, []).append(position)
        return {word: tuple(positions) for word, positions in index.items()}

    def _phrases_with(self, present: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
        """The phrases sharing a word with `present`, in `_phrases` order (ties go to the
        first): asked per figure and per level, so not a scan of every phrase."""
        positions = {p for word in present for p in self._phrase_index.get(word, ())}
        return [self._phrases[p] for p in sorted(positions)]

    @cached_property
    def _metric_words(self) -> frozenset[str]:
        return frozenset(word for _, phrase_stems in self._phrases for word in phrase_stems)

    def only_metric_words(self, words: Sequence[str]) -> bool:
        """Whether every word is a word of some metric's phrase ("GDP", "Consumer")."""
        return bool(words) and all(word in self._metric_words for word in words)

    def names_metric(self, text: str, metric: str) -> bool:
        """Whether `text` is only words of the metric's own phrases."""
        words = {w for phrase in (metric, *self.metrics.get(metric, ())) for w in stems(phrase)}
        return bool(stems(text)) and set(stems(text)) <= words

    def metric_near(
        self,
        levels: Iterable[Iterable[str]],
        unit: str | None,
        focus: frozenset[str] = frozenset(),
        sourced: bool | None = None,
    ) -> tuple[str, int] | None:
        """The metric named closest to a figure, and how far: 0 its own noun, 1 its clause...
        `sourced` True or False: only among the sources' metrics, or only the language's."""
        sets = [frozenset(words) for words in levels]
        for level, words in enumerate(sets):
            found = self._best_phrase(words, unit, focus, sourced)
            if found is None:
                continue
            # "1 million homes were for sale": the clause's "homes for sale" says more than
            # the figure's own "homes", and is about the same thing.
            wider = sets[level + 1] if level == 0 and len(sets) > 1 else frozenset()
            refined = self._best_phrase(wider, unit, focus, sourced, within=found[1])
            return (refined or found)[0], level
        return None


def _covered(metrics: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    by_phrase = {
        " ".join(stems(phrase)): metric
        for metric, phrases in sorted(metrics.items())
        for phrase in (metric, *phrases)
    }
    return {
        rule.name: by_phrase[" ".join(stems(rule.name))]
        for rule in en.METRICS
        if " ".join(stems(rule.name)) in by_phrase
    }


COUNTRY, ORGANISATION, PERSON, AREA, PLACE = "country", "organisation", "person", "area", "place"
WORLD_WORDS = en.WORLD_WORDS.words


def about_the_world(token: Token) -> bool:
    """'World military expenditure', 'global emissions', 'cases worldwide'."""
    return any(t.lower_ in WORLD_WORDS and not t.ent_type_ for t in token.subtree)


REPORTING_VERBS = en.REPORTING_VERBS.words


@dataclass
class _Salience:
    """Running weights of the entities of some kinds in a Discourse's mentions and topics:
    a mention counts 1 and a topic 2; the last place of each in its history breaks ties."""

    read_to: list[int] = field(default_factory=lambda: [0, 0])  # positions in each history
    counts: list[int] = field(default_factory=lambda: [0, 0])  # entries of `kinds` in each
    weights: dict[str, int] = field(default_factory=dict)
    last: tuple[dict[str, int], dict[str, int]] = field(default_factory=lambda: ({}, {}))

    def read(
        self, mentions: list[tuple[str, str]], topics: list[tuple[str, str]], kinds: frozenset[str]
    ) -> None:
        for side, (history, weight) in enumerate(((mentions, 1), (topics, 2))):
            for kind, name in history[self.read_to[side] :]:
                if kind in kinds:
                    self.weights[name] = self.weights.get(name, 0) + weight
                    self.last[side][name] = self.counts[side]
                    self.counts[side] += 1
            self.read_to[side] = len(history)

    def leader(self) -> str | None:
        def rank(name: str) -> tuple[int, int]:
            if name in self.last[1]:  # topics come after every mention
                return self.weights[name], self.counts[0] + self.last[1][name]
            return self.weights[name], self.last[0][name]

        return max(self.weights, key=rank) if self.weights else None


@dataclass
class Discourse:
    """Entities mentioned so far in the article, most recent last.

    Mutable on purpose and private to one extraction run: it is the memory of
    the text read so far, never shared between stages. `topics` holds the
    entity each sentence was mainly about (its subject, or the subject's
    possessor), which is what "the company" or "it" usually points back to.
    Kinds come from the entity resolver rather than spaCy's labels, which
    often call a company a GPE.
    """

    resolver: EntityResolver
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (kind, name)
    topics: list[tuple[str, str]] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)  # metrics claims named, in order
    previous_stems: frozenset[str] = frozenset()  # the words of the sentence before
    _salience: dict[frozenset[str], _Salience] = field(default_factory=dict, repr=False)
    _kinds: dict[str, set[str]] = field(default_factory=dict, repr=False)  # kind -> keys seen
    _kinds_read: list[int] = field(default_factory=lambda: [0, 0], repr=False)

    def kind(self, ent: Span) -> str | None:
        if ent.label_ == "PERSON":
            return PERSON
        name = strip_determiner(ent.text)
        if ent.label_ == "LOC":
            return PLACE
        if ent.label_ in {"GPE", "ORG", "NORP"}:
            # Not by spaCy's label alone: the small model often calls a company a GPE.
            return COUNTRY if self.resolver.is_country(name) else ORGANISATION
        return None

    def observe(
        self,
        sent: Span,
        words: frozenset[str],
        entities: Sequence[Span],
        skip: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Remember a sentence's entities (except those in `skip`: attribution, dateline)
        and its word stems, which the extractor has already computed."""
        self.previous_stems = words
        for ent in entities:
            kind = self.kind(ent)
            outside = not any(start <= ent.start < end for start, end in skip)
            if kind is not None and ent.label_ != "NORP" and outside:
                self.mentions.append((kind, _name(ent)))
        topic = _topic(sent)
        kind = self.kind(topic) if topic is not None else None
        if topic is not None and kind is not None:
            self.topics.append((kind, _name(topic)))
        elif words & WORLD_WORDS:
            self.topics.append((AREA, WORLD))  # "cases worldwide rose": the world is the topic

    def last_mentioned(self, kind: str) -> str | None:
        return next((name for k, name in reversed(self.mentions) if k == kind), None)

    def latest(self, kinds: frozenset[str] | None = None) -> str | None:
        """The most recent topic of one of `kinds`, else the most recent such mention."""
        for history in (self.topics, self.mentions):
            for kind, name in reversed(history):
                if kinds is None or kind in kinds:
                    return name
        return None

    def full_name(self, name: str) -> str | None:
        """'Narendra Modi' for 'Modi', when the article named the person in full before."""
        last = name.split()[-1]
        people = [n for kind, n in self.mentions if kind == PERSON and n.split()[-1] == last]
        return people[-1] if people else None

    def salient(self, kinds: frozenset[str]) -> str | None:
        """The entity the article has been about most: topics count double, recency breaks
        ties (a topic being more recent than any mention). Tallied as the article is read,
        not recounted per claim: a recount makes a long document quadratic."""
        tally = self._salience.setdefault(kinds, _Salience())
        tally.read(self.mentions, self.topics, kinds)
        return tally.leader()

    def sole(self, name: str) -> bool:
        """Whether `name` is the only entity of its kind the article has named so far
        (the only country, say): a figure that names no one is then unambiguously its.
        Tallied as the article is read, like `salient`."""
        for history, side in ((self.mentions, 0), (self.topics, 1)):
            for kind, seen in history[self._kinds_read[side] :]:
                self._kinds.setdefault(kind, set()).add(self.resolver.key(seen))
            self._kinds_read[side] = len(history)
        key = self.resolver.key(name)
        kinds = [keys for keys in self._kinds.values() if key in keys]
        return bool(kinds) and all(keys == {key} for keys in kinds)

    def resolve(self, token: Token) -> str | None:
        """The entity an anaphor ("the country", "it", "he") refers to, if any."""
        word = token.lower_
        if word in PRONOUNS:
            return self.latest(frozenset({ORGANISATION, COUNTRY}))
        if word in PERSON_PRONOUNS:
            return self.latest(frozenset({PERSON}))
        if token.pos_ == "PROPN" or entity_at(token) is not None or _named_by_compound(token):
            return None  # "the Samajwadi Party", "the Congress party" name themselves
        if not any(c.lower_ in {"the", "this", "its"} for c in token.children):
            return None
        lemma = token.lemma_.lower()
        if lemma in COUNTRY_NOUNS:
            return self.latest(frozenset({COUNTRY}))
        if lemma in ORG_NOUNS:
            return self.latest(frozenset({ORGANISATION}))
        return None


def _name(ent: Span) -> str:
    """ "Narendra Modi's" -> "Narendra Modi"."""
    name = strip_determiner(ent.text)
    for ending in ("'s", "’s"):
        name = name.removesuffix(ending)
    return name


def _named_by_compound(token: Token) -> bool:
    return any(
        c.dep_ in {"compound", "amod"} and (c.pos_ == "PROPN" or entity_at(c) is not None)
        for c in token.children
    )


def _topic(sent: Span) -> Span | None:
    """The entity a sentence is about: its main subject or that subject's possessor.

    For "X said/reported that ...", the reported clause's subject: the
    speaker is the source of the sentence, not its topic.
    """
    root = sent.root
    if root.lemma_ in REPORTING_VERBS:
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    for token in (subject, *(c for c in subject.children if c.dep_ == "poss")):
        ent = entity_at(token)
        if ent is not None and ent.label_ in {"GPE", "ORG", "PERSON", "NORP"}:
            return ent
    return None


def split_group(name: str) -> tuple[str, str | None]:
    """'NATO member states' -> ('NATO', 'member states')."""
    lowered = name.lower()
    for group in GROUP_WORDS:
        if lowered.endswith(" " + group) and len(name) > len(group) + 1:
            return name[: -len(group) - 1].strip(), group
    return name, None
