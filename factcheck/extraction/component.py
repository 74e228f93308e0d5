"""The extractor as spaCy pipeline components.

`factcheck_claims` writes the claims to `doc._.claims` (typed records) and
`doc.spans["claims"]` (labelled by claim type), so any spaCy pipeline can use
it with `nlp.add_pipe("factcheck_claims")`. `factcheck_paragraphs` makes blank
lines sentence boundaries, since headlines and datelines end without a full
stop; it must run before the parser.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from factcheck.extraction.context import ExtractionLexicon
from factcheck.extraction.drafts import DATELINE
from factcheck.extraction.extractor import extract_claims
from factcheck.normalise.dates import front_matter
from factcheck.normalise.entities import EntityResolver


def _ensure_extensions() -> None:
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)


class ClaimsComponent:
    def __init__(
        self, lexicon: ExtractionLexicon | None = None, resolver: EntityResolver | None = None
    ) -> None:
        _ensure_extensions()
        self.lexicon = lexicon or ExtractionLexicon()
        self.resolver = resolver or EntityResolver()

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published or date.today()
        body_start = front_matter(doc.text)[1]
        claims = extract_claims(doc, published, self.lexicon, self.resolver, body_start)
        doc._.claims = claims
        spans = [
            doc.char_span(c.start, c.end, label=c.type.value, alignment_mode="expand")
            for c in claims
        ]
        doc.spans["claims"] = [span for span in spans if span is not None]
        return doc


def make_claims_component(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent()


def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line starts a sentence; a dateline opening a paragraph is a sentence of
    its own ("WASHINGTON, 8 February 2024 — "), never split inside and never part of
    the first claim."""
    for token in doc:
        previous = doc[token.i - 1] if token.i else None
        starts = previous is None or (previous.is_space and "\n" in previous.text)
        if token.is_space or not starts:
            continue
        if previous is not None:
            token.is_sent_start = True
        _keep_dateline_whole(doc, token)
    return doc


def _keep_dateline_whole(doc: Doc, first: Token) -> None:
    found = DATELINE.match(doc.text, first.idx)
    if found is None:
        return
    after = doc.char_span(first.idx, found.end(), alignment_mode="expand")
    if after is None or after.end >= len(doc):
        return
    for token in doc[first.i + 1 : after.end]:
        token.is_sent_start = False
    doc[after.end].is_sent_start = True


def register() -> None:
    """Register both factories (idempotent; entry points call this on import too)."""
    _ensure_extensions()
    if not Language.has_factory("factcheck_claims"):
        Language.factory("factcheck_claims")(make_claims_component)
    if not Language.has_factory("factcheck_paragraphs"):
        Language.component("factcheck_paragraphs")(paragraph_boundaries)


register()
