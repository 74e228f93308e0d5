"""The fast routes of extraction agree with the plain definitions they replaced.

`entities_in`, `entity_at`, `clause_tokens` and the paragraph component were
rewritten to cost what a sentence costs, not what the document costs; each is
checked here against the plain definition it replaced, on every article of the
gold sets and on texts built to hit the edges.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Token

from factcheck.extraction.component import paragraph_boundaries
from factcheck.extraction.context import Discourse
from factcheck.extraction.syntax import (
    ENTITY_LABELS,
    clause_tokens,
    entities_in,
    entity_at,
    governing_verb,
)
from factcheck.normalise.entities import EntityResolver
from tests.conftest import DATA

ARTICLES = sorted(DATA.glob("*/*/article.txt")) + sorted((DATA / "articles").glob("*.txt"))
EDGES = [
    "VILNIUS, July 4, 2023 (Reuters) — NATO leaders met.\nSweden joined.",
    "  Indented lead without a break. Then more.\n\n\nWASHINGTON — The US spent $916 billion.",
    "\n\nStarts with blank lines.\nEnds with one.\n",
    "Apple Inc. reported revenue of $383 billion, down from $394 billion.",
]


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES] + EDGES
    return list(nlp.pipe(texts))


def _tokens(docs: list[Doc]) -> Iterator[Token]:
    for doc in docs:
        yield from doc


def test_the_gold_articles_are_found() -> None:
    assert len(ARTICLES) >= 16


def test_entities_in_a_sentence_are_spacys(docs: list[Doc]) -> None:
    sentences = [sent for doc in docs for sent in doc.sents]
    assert sum(len(sent.ents) for sent in sentences) > 500
    for sent in sentences:
        assert [(e.start, e.end, e.label_) for e in entities_in(sent)] == [
            (e.start, e.end, e.label_) for e in sent.ents
        ]


def test_entities_in_a_span_cut_across_an_entity(docs: list[Doc]) -> None:
    doc = docs[0]
    for ent in list(doc.ents)[:40]:
        cut = doc[ent.start + 1 : ent.end + 3] if len(ent) > 1 else doc[ent.start : ent.end]
        assert [(e.start, e.end) for e in entities_in(cut)] == [(e.start, e.end) for e in cut.ents]


def test_entity_at_a_token_is_the_entity_around_it(docs: list[Doc]) -> None:
    for token in _tokens(docs):
        found = entity_at(token)
        around = [e for e in token.doc.ents if e.start <= token.i < e.end]
        if found is None:
            assert not around or around[0].label_ not in ENTITY_LABELS
            continue
        assert (found.start, found.end, found.label_) == (
            around[0].start,
            around[0].end,
            around[0].label_,
        )


def test_clause_tokens_are_those_the_verb_governs(docs: list[Doc]) -> None:
    checked = 0
    for token in _tokens(docs):
        expected = [t for t in token.subtree if governing_verb(t) == token or t == token]
        assert clause_tokens(token) == expected
        checked += 1
    assert checked > 3000


def _boundaries_token_by_token(doc: Doc) -> list[int]:
    """The plain definition: a token after a line break starts a sentence."""
    marks = []
    for token in doc:
        previous = doc[token.i - 1] if token.i else None
        after_break = previous is not None and previous.is_space and "\n" in previous.text
        marks.append(1 if after_break and not token.is_space else 0)
    return marks


def test_every_line_starts_a_sentence(nlp: Language) -> None:
    for text in [path.read_text(encoding="utf-8") for path in ARTICLES[:6]] + EDGES:
        doc = paragraph_boundaries(nlp.make_doc(text))
        expected = _boundaries_token_by_token(doc)
        starts = [1 if token.is_sent_start and token.i else 0 for token in doc]
        for index, wanted in enumerate(expected):
            if wanted:
                assert starts[index] == 1, (text[:40], doc[index].text)


def test_a_dateline_is_a_sentence_of_its_own(nlp: Language) -> None:
    doc = paragraph_boundaries(nlp.make_doc(EDGES[0]))
    after = next(t for t in doc if t.text == "NATO")
    assert after.i > 5
    assert not any(t.is_sent_start for t in doc[1 : after.i])
    assert after.is_sent_start
    assert next(t for t in doc if t.text == "Sweden").is_sent_start


def _salient_by_recount(
    mentions: list[tuple[str, str]], topics: list[tuple[str, str]], kinds: frozenset[str]
) -> str | None:
    """The definition: topics count double, the latest entry breaks ties."""
    weights: dict[str, tuple[int, int]] = {}
    entries = [(name, 1) for kind, name in mentions if kind in kinds]
    entries += [(name, 2) for kind, name in topics if kind in kinds]
    for order, (name, weight) in enumerate(entries):
        weights[name] = (weights.get(name, (0, 0))[0] + weight, order)
    return max(weights, key=lambda name: weights[name]) if weights else None


ENTRY = st.tuples(st.sampled_from(["country", "person", "place"]), st.sampled_from("ABCDE"))


@given(st.lists(st.tuples(st.booleans(), ENTRY), max_size=40), st.data())
def test_salience_tallied_as_read_is_the_recount(
    steps: list[tuple[bool, tuple[str, str]]], data: st.DataObject
) -> None:
    discourse = Discourse(EntityResolver())
    kinds = frozenset({"country", "place"})
    for is_topic, entry in steps:
        (discourse.topics if is_topic else discourse.mentions).append(entry)
        if data.draw(st.booleans()):  # asked at random points, as claims are built
            expected = _salient_by_recount(discourse.mentions, discourse.topics, kinds)
            assert discourse.salient(kinds) == expected
    assert discourse.salient(kinds) == _salient_by_recount(
        discourse.mentions, discourse.topics, kinds
    )


@pytest.mark.parametrize(
    "headline",
    [
        "EU-China summit, 7 December 2023",
        "Finland, NATO's 31st member since April 2023",
        "Record harvest: 58 million tonnes of wheat, up 12%",
    ],
)
def test_a_line_without_a_full_stop_stays_one_sentence(nlp: Language, headline: str) -> None:
    doc = nlp(f"{headline}\n\nThe ministers met. They spoke at length.\n")
    first = next(iter(doc.sents))
    assert first.text.strip() == headline
    assert len([s for s in doc.sents if s.text.strip()]) == 3
