"""The extractor as spaCy pipeline components.

`factcheck_claims` writes the claims to `doc._.claims` (typed records) and
`doc.spans["claims"]` (labelled by claim type), so any spaCy pipeline can use
it with `nlp.add_pipe("factcheck_claims", config={...})`. Its config (see
`make_claims_component`) carries the lexicon as plain values or the path of a
sources.toml, and may carry the publication date. `factcheck_paragraphs` makes
blank lines sentence boundaries, since headlines and datelines end without a
full stop; it must run before the parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from factcheck import component_config
from factcheck.extraction.context import ExtractionLexicon
from factcheck.extraction.drafts import DATELINE
from factcheck.extraction.extractor import extract_claims
from factcheck.normalise.dates import front_matter
from factcheck.normalise.entities import EntityResolver

# spaCy's SENT_START values.
SENTENCE_START, NOT_SENTENCE_START = 1, -1
# A full stop, question or exclamation mark followed by a space: "1.3" is no sentence end.
SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+\S")
# The first visible character of the text or of a line: where a paragraph, a headline
# or a dateline begins.
LINE_START = re.compile(r"\A(?=\S)|\n\s*(?=\S)")
# Where the parser may end a sentence: a stretch of text between two of these is
# at least one sentence.
MAY_END = re.compile(r"[.!?][\"'’”)]*\s|\n")
# No sentence in prose runs to 200 tokens (the gold sets' longest has 111); a
# stretch longer than that is a list, a table flattened into text or a
# machine-made run-on, and each extractor's work grows with the square of a
# sentence's figures, so it is cut into parts the parser takes as sentences.
MAX_SENTENCE_TOKENS = 200
LONG_STRETCH_CHARS = MAX_SENTENCE_TOKENS * 2  # no 200 tokens fit in fewer characters
# Where a long stretch is best cut: after a clause's punctuation or before a conjunction.
CUT_AFTER = frozenset({",", ";", ":", "—", "–"})
CUT_BEFORE = frozenset({"and", "but", "or", "while", "whereas"})


def _ensure_extensions() -> None:
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Doc.has_extension("cut_sentences"):
        # Character offsets where a run-on stretch was cut (see MAX_SENTENCE_TOKENS).
        Doc.set_extension("cut_sentences", default=())


# What extraction reads of the parse, and what the component writes.
REQUIRES = [
    "doc.sents", "doc.ents", "token.dep", "token.head", "token.lemma", "token.pos",
    "token.tag", "token.ent_type", "token.ent_iob",
]  # fmt: skip
ASSIGNS = ["doc._.claims", "doc.spans"]
NO_DATE = (
    "factcheck_claims needs the publication date, to read relative dates"
    " ('next week', 'last year'): set doc._.published to a datetime.date before the"
    " component runs, or give the pipe a default with config={'published': 'YYYY-MM-DD'}"
)


class ClaimsComponent:
    def __init__(
        self,
        lexicon: ExtractionLexicon | None = None,
        resolver: EntityResolver | None = None,
        published: date | None = None,
    ) -> None:
        _ensure_extensions()
        self.lexicon = lexicon or ExtractionLexicon()
        self.resolver = resolver or EntityResolver()
        self.published = published  # for Docs whose own `_.published` is not set

    def __call__(self, doc: Doc) -> Doc:
        # A report must be the same tomorrow, so the date is never the clock's.
        published = doc._.published or self.published
        if not isinstance(published, date):
            raise ValueError(NO_DATE)
        body_start = front_matter(doc.text)[1]
        claims = extract_claims(doc, published, self.lexicon, self.resolver, body_start)
        doc._.claims = claims
        spans = [
            doc.char_span(c.start, c.end, label=c.type.value, alignment_mode="expand")
            for c in claims
        ]
        doc.spans["claims"] = [span for span in spans if span is not None]
        return doc


DEFAULT_CONFIG: dict[str, Any] = {
    "sources": None,
    "metrics": {},
    "metric_units": {},
    "relations": {},
    "aliases": {},
    "published": None,
}


def make_claims_component(
    nlp: Language,
    name: str,
    sources: str | None,
    metrics: Mapping[str, list[str]],
    metric_units: Mapping[str, list[str]],
    relations: Mapping[str, Mapping[str, Any]],
    aliases: Mapping[str, list[str]],
    published: str | None,
) -> ClaimsComponent:
    """The claims component for this config.

    - `sources`: the path of a sources.toml whose metrics, units, relations and
      aliases the extractor uses (None: none, only the language's own);
    - `metrics` (metric -> phrases), `metric_units` (metric -> units), `relations`
      (name -> verbs, inverse_verbs, nouns, single) and `aliases` (name -> other
      names): added to those of `sources`, winning per name;
    - `published`: the publication date (YYYY-MM-DD) of a Doc that does not set
      `doc._.published` itself.
    """
    given: dict[str, Mapping[str, Any]] = {"metrics": metrics, "metric_units": metric_units}
    given |= {"relations": relations, "aliases": aliases}
    values = component_config.merged(
        component_config.config_from_file(sources) if sources else {}, given
    )
    return ClaimsComponent(
        component_config.lexicon_of(values["metrics"], values["metric_units"], values["relations"]),
        component_config.resolver_of(values["aliases"]),
        _iso_date(published),
    )


def _iso_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"factcheck_claims: published={value!r} is not a date in YYYY-MM-DD form"
        ) from None


def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break starts a sentence; a line with no full stop inside (a headline, a
    caption) is one sentence; a dateline opening a paragraph is a sentence of its own
    ("WASHINGTON, 8 February 2024 — "), never split inside and never part of the
    first claim."""
    text = doc.text  # built from the tokens on every access: read it once
    starts: dict[int, int] = {}
    # Only the line starts are visited, and the boundaries are written in one array:
    # before the parser, each `token.is_sent_start = ...` scans the whole document.
    for found in LINE_START.finditer(text):
        span = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
        if span is None:
            continue
        if span.start:
            starts[span.start] = SENTENCE_START
        starts.update(_headline_whole(doc, text, span.start))
        starts.update(_dateline_boundaries(doc, text, span.start))
    cuts = _run_on_cuts(doc, text)
    if cuts:
        starts.update(dict.fromkeys(cuts, SENTENCE_START))
        doc._.cut_sentences = tuple(doc[i].idx for i in cuts)
    if starts:
        marks = doc.to_array([SENT_START]).view("int64")  # spaCy stores -1 as uint64
        for index, mark in starts.items():
            marks[index] = mark
        doc.from_array([SENT_START], cast(Ints2d, marks.view("uint64")))
    return doc


def _run_on_cuts(doc: Doc, text: str) -> list[int]:
    """Token indices where stretches of more than MAX_SENTENCE_TOKENS tokens with
    no possible sentence end are cut. Only long stretches of text are looked at
    token by token, so prose costs one pass of a regular expression."""
    cuts: list[int] = []
    begin = 0
    for found in (*MAY_END.finditer(text), None):
        end = found.end() if found else len(text)
        if end - begin > LONG_STRETCH_CHARS:
            span = doc.char_span(begin, end, alignment_mode="expand")
            if span is not None and len(span) > MAX_SENTENCE_TOKENS:
                cuts += _cuts_in(doc, span.start, span.end)
        begin = end
    return cuts


def _cuts_in(doc: Doc, start: int, end: int) -> list[int]:
    cuts: list[int] = []
    while end - start > MAX_SENTENCE_TOKENS:
        limit = start + MAX_SENTENCE_TOKENS
        cut = next(
            (
                i
                for i in range(limit, start + MAX_SENTENCE_TOKENS // 2, -1)
                if doc[i - 1].text in CUT_AFTER or doc[i].lower_ in CUT_BEFORE
            ),
            limit,
        )
        cuts.append(cut)
        start = cut
    return cuts


def _headline_whole(doc: Doc, text: str, first: int) -> dict[int, int]:
    """'EU-China summit, 7 December 2023': the parser may split a line that has no verb;
    a line without a sentence end inside it is kept whole."""
    start = doc[first].idx
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    if SENTENCE_END.search(text, start, stop):
        return {}
    span = doc.char_span(start, stop, alignment_mode="expand")
    if span is None or len(span) < 2:
        return {}
    return dict.fromkeys(range(first + 1, span.end), NOT_SENTENCE_START)


def _dateline_boundaries(doc: Doc, text: str, first: int) -> dict[int, int]:
    found = DATELINE.match(text, doc[first].idx)
    if found is None:
        return {}
    after = doc.char_span(doc[first].idx, found.end(), alignment_mode="expand")
    if after is None or after.end >= len(doc):
        return {}
    inside = dict.fromkeys(range(first + 1, after.end), NOT_SENTENCE_START)
    return {**inside, after.end: SENTENCE_START}


def register() -> None:
    """Register both factories (idempotent; entry points call this on import too)."""
    _ensure_extensions()
    if not Language.has_factory("factcheck_claims"):
        Language.factory(
            "factcheck_claims", default_config=DEFAULT_CONFIG, requires=REQUIRES, assigns=ASSIGNS
        )(make_claims_component)
    if not Language.has_factory("factcheck_paragraphs"):
        Language.component(
            "factcheck_paragraphs", assigns=["token.is_sent_start", "doc._.cut_sentences"]
        )(paragraph_boundaries)


register()
