"""Helpers over spaCy's dependency parse shared by the claim extractors.

They answer the questions every extractor asks of a clause: what is its
verb, who is its subject, is it negated or a prediction, who is it
attributed to, and which date expression belongs to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Span, Token

from factcheck.extraction.lang import en

ENTITY_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PREDICTION_VERBS, FUTURE_AUX = en.PREDICTION_VERBS.words, en.FUTURE_AUXILIARIES.words
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
TIME_ADJECTIVES = en.TIME_ADJECTIVES.words
CLAUSE_POS = frozenset({"VERB", "AUX"})
NOUN_MODIFIERS = frozenset({"amod", "compound"})


def governing_verb(token: Token) -> Token:
    """The verb (or the root) whose clause contains `token`."""
    current = token
    # Inline, not `_heads_a_clause`: this runs for nearly every token the extractors ask
    # about, and `dep_` is read only for verbs.
    while (
        current.pos_ not in CLAUSE_POS or current.dep_ in NOUN_MODIFIERS
    ) and current.head != current:
        current = current.head
    return current


def _heads_a_clause(token: Token) -> bool:
    """A verb, but not a participle modifying a noun ("operating margin")."""
    return token.pos_ in CLAUSE_POS and token.dep_ not in NOUN_MODIFIERS


def clause_subject(verb: Token) -> Token | None:
    """The subject of `verb`, borrowed from the governing verb for xcomp/conj chains.

    "Sweden is expected to join": the subject of "join" is the passive
    subject of "expected"; "NATO broke ... and began to deploy": the subject
    of "deploy" is the subject of "broke".
    """
    current = verb
    for _ in range(4):
        here = current.i
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # The closest: a dateline ("LONDON, 5 July —") can parse as a second subject.
            return _antecedent(min(subjects, key=lambda s: abs(s.i - here)))
        if current.dep_ in {"xcomp", "conj", "advcl", "acomp"} and current.head != current:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "..., after revealing debts of 14bn euros"
        else:
            return None
    return None


def _antecedent(subject: Token) -> Token:
    """'Intel, which joined ...': the relative pronoun stands for the noun it modifies."""
    clause = subject.head
    if subject.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl":
        return clause.head
    return subject


def clause_tokens(verb: Token) -> list[Token]:
    """The tokens of `verb`'s own clause, without the clauses embedded in it: those
    whose governing verb is `verb`, found by descending from it and stopping at
    every other verb (cheaper than asking each token of the subtree)."""
    if governing_verb(verb) != verb:
        return [verb]
    found, stack = [verb], list(verb.children)
    while stack:
        token = stack.pop()
        # "operating margin": a participle modifying a noun is no clause of its own
        if not _heads_a_clause(token):
            found.append(token)
            stack.extend(token.children)
    return sorted(found, key=lambda t: t.i)


def _dates_clause(date: Span, verb: Token) -> bool:
    """A date belongs to `verb`'s clause or to a clause above it, never to a sibling clause.

    In "Starmer will become prime minister today, and the election is expected
    by 2029", 2029 dates the expectation, not Starmer becoming prime minister.
    """
    owner = governing_verb(date.root)
    return owner == verb or owner.is_ancestor(verb)


def tree_distance(first: Token, second: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    up = {t.i: depth for depth, t in enumerate([first, *first.ancestors])}
    for depth, token in enumerate([second, *second.ancestors]):
        if token.i in up:
            return depth + up[token.i]
    return len(up) + depth + 1


class TreeDistances:
    """Edges between tokens of one sentence's tree, one walk per origin.

    Asking `tree_distance` pair by pair climbs the ancestors each time, and a
    long coordination ("... and ... and ...") makes the tree as deep as the
    sentence is long; comparing every date with every rival figure made a
    sentence of n figures cost n^4. Walking once per origin and keeping each
    date's two nearest rivals keeps it at n^2 lookups.
    """

    def __init__(self) -> None:
        self._from: dict[int, dict[int, int]] = {}
        self._nearest: dict[tuple[int, tuple[int, ...]], list[tuple[int, int]]] = {}

    def __call__(self, origin: Token, other: Token) -> int:
        found = self._from.get(origin.i)
        if found is None:
            found = self._from[origin.i] = _walk(origin)
        return found.get(other.i, len(found) + 1)

    def nearest_other(
        self, origin: Token, rivals: Sequence[Token], key: tuple[int, ...], mine: Token
    ) -> int | None:
        """Edges from `origin` to the closest of `rivals` (whose indices are `key`)
        other than `mine`."""
        two = self._nearest.get((origin.i, key))
        if two is None:
            two = sorted((self(origin, r), r.i) for r in rivals)[:2]
            self._nearest[(origin.i, key)] = two
        return next((edges for edges, i in two if i != mine.i), None)


def _walk(origin: Token) -> dict[int, int]:
    found = {origin.i: 0}
    frontier = [origin]
    while frontier:
        following: list[Token] = []
        for token in frontier:
            step = found[token.i] + 1
            for near in (token.head, *token.children):
                if near.i not in found:
                    found[near.i] = step
                    following.append(near)
        frontier = following
    return found


def verb_chain(verb: Token) -> Iterator[Token]:
    """`verb` and the verbs it hangs from through xcomp/conj (for modality)."""
    current = verb
    yield current
    for _ in range(3):
        if current.dep_ not in {"xcomp", "conj", "ccomp"} or current.head == current:
            return
        current = current.head
        yield current


def is_prediction(verb: Token) -> bool:
    for link in verb_chain(verb):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in link.children):
            return True
        if link.lemma_ in PREDICTION_VERBS and link != verb:
            return True
        if link.lemma_ in {"expect", "forecast", "project", "predict"} and link.tag_ == "VBN":
            return True
    return False


def is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for link in verb_chain(verb) for c in link.children)


def attribution(sent: Iterable[Token]) -> tuple[str, tuple[int, int]] | None:
    """'According to X' (or 'X reported/estimated that'): the source and its token range."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            if to.lower_ != "to":
                continue
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                continue
            tokens = list(objects[0].subtree)
            start, end = tokens[0].i, tokens[-1].i + 1
            words = [t for t in token.doc[start:end] if t.ent_type_ != "DATE" and t.dep_ != "prep"]
            text = " ".join(t.text for t in _before_prep(words))
            return text, (token.i, end)
    return None


def _before_prep(tokens: list[Token]) -> list[Token]:
    """Drop a trailing prepositional phrase ("reports on the 3rd" -> "reports")."""
    for index, token in enumerate(tokens):
        if token.pos_ == "ADP":
            return tokens[:index]
    return tokens


def noun_phrase(token: Token) -> str:
    """A compact name for a noun: its compounds, possessives and flat names, no determiners."""
    parts = [
        t
        for t in token.subtree
        if (t.i <= token.i and t.dep_ in {"compound", "amod", "poss", "nmod", "flat"}) or t == token
    ]
    keep = [t for t in parts if t.ent_type_ != "DATE" and t.pos_ not in {"DET", "PRON"}]
    keep = [
        t
        for t in keep
        if t.tag_ != "POS" and t.lower_ not in TIME_ADJECTIVES and (t == token or not t.like_num)
    ]
    left = _left_edge(token, keep)
    run = [
        t
        for t in token.doc[left : token.i + 1]
        if t.pos_ not in {"DET", "PRON"} and t.tag_ != "POS" and t.ent_type_ != "DATE"
    ]
    # Keep the text's own spacing ("blue-chip index", not "blue - chip index"), with a
    # space where a dropped token stood ("Kishida's cabinet" -> "Kishida cabinet").
    pieces = [
        t.text + (t.whitespace_ or (" " if i + 1 < len(run) and run[i + 1].i != t.i + 1 else ""))
        for i, t in enumerate(run)
    ]
    return "".join(pieces).strip()


def _left_edge(head: Token, tokens: Iterable[Token]) -> int:
    """Keep the contiguous run of modifiers that ends at `head`."""
    indices = sorted({t.i for t in tokens})
    edge = head.i
    for index in reversed(indices):
        between = head.doc[index + 1 : edge]
        if all(t.tag_ == "POS" or t.text == "-" for t in between):
            edge = min(edge, index)
    return edge


def entity_at(token: Token) -> Span | None:
    if token.ent_type_ not in ENTITY_LABELS:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def entities_in(span: Span, tokens: Sequence[Token] | None = None) -> list[Span]:
    """The entities wholly inside `span`, like `span.ents`; `tokens` are the span's own
    when the caller has them already.

    Walks only the span's tokens: spaCy's `Span.ents` scans every entity of the
    document, which makes each sentence cost as much as the whole article.
    """
    doc = span.doc
    found: list[Span] = []
    start, label = -1, ""
    for token in tokens if tokens is not None else span:
        iob = token.ent_iob_
        if start >= 0 and iob != "I":
            found.append(Span(doc, start, token.i, label=label))
            start = -1
        if iob == "B":
            start, label = token.i, token.ent_type_
    if start >= 0 and (span.end == len(doc) or doc[span.end].ent_iob_ != "I"):
        found.append(Span(doc, start, span.end, label=label))
    return found


def entity_name(token: Token) -> str:
    """The named entity a token belongs to, or the noun phrase it heads."""
    hyphenated = _hyphenated_name(token)
    if hyphenated is not None:
        return hyphenated
    ent = entity_at(token)
    if ent is not None:
        return strip_determiner(ent.text)
    return strip_determiner(noun_phrase(token))


def _hyphenated_name(token: Token) -> str | None:
    """'Ratcliffe-on-Soar', 'Stratford-upon-Avon': a place name the tokenizer split at its
    hyphens. Only names joined by a lowercase word: 'Russia-Ukraine' is two names."""
    if token.pos_ != "PROPN":
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and not doc[start - 1].whitespace_:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_:
        end += 1
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    run = doc[start:end]
    joined_by_word = any(t.is_lower and t.is_alpha for t in run)
    if len(run) < 3 or "-" not in run.text or not joined_by_word:
        return None
    return run.text


def strip_determiner(text: str) -> str:
    """'the Department of Space's' -> 'Department of Space': a name without its article or
    possessive ending, which spaCy's entity spans sometimes include."""
    for ending in ("'s", "’s"):
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)]
    lowered = text.lower()
    for determiner in ("the ", "a ", "an ", "its ", "their ", "his ", "her ", "our "):
        if lowered.startswith(determiner):
            return text[len(determiner) :]
    return text


Ranges = Sequence[tuple[int, int]]


def inside(index: int, ranges: Ranges) -> bool:
    return any(start <= index < end for start, end in ranges)


def dates_in(entities: Sequence[Span], exclude: Ranges = ()) -> list[Span]:
    return [ent for ent in entities if ent.label_ == "DATE" and not inside(ent.start, exclude)]


def dates_for(
    entities: Sequence[Span],
    anchor: Token,
    exclude: Ranges = (),
    rivals: Sequence[Token] = (),
    tree: TreeDistances | None = None,
) -> list[Span]:
    """The date expressions that belong to `anchor`, closest in the tree first.

    A date closer to a rival anchor (another figure in the same sentence) is
    that figure's date: in "126 medals, up from 113 in Tokyo three years
    ago", "three years ago" dates the 113, not the 126.
    """
    distance = tree or TreeDistances()
    verb = governing_verb(anchor)
    owned: list[Span] = []
    key = tuple(r.i for r in rivals)
    for d in dates_in(entities, exclude):
        rival = distance.nearest_other(d.root, rivals, key, anchor)
        if rival is not None and distance(d.root, anchor) > rival:
            continue
        if _dates_clause(d, verb) or (anchor != verb and anchor.is_ancestor(d.root)):
            owned.append(d)
    return sorted(owned, key=lambda d: (open_ended(d), distance(d.root, anchor)))


def open_ended(date: Span) -> bool:
    """'since 2009', 'before 2020': a bound in time, a weaker date than 'in 2023'."""
    before = date.doc[date.start - 1] if date.start > 0 else None
    words = {date[0].lower_, before.lower_ if before is not None else ""}
    return bool(words & {"since", "before", "after", "until", "from"})
