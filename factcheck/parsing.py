"""Parsing an article in time linear in its length and in bounded memory.

Between reading and extraction: the text is handed to spaCy as it is, except
that

- a long run of characters with no space in it (a base64 blob, a row of
  punctuation, thousands of brackets) is blanked with spaces of the same length
  before tokenising: spaCy's tokenizer peels such a run one character at a
  time, in time that grows with the square of its length, and nothing in it
  is prose;
- a text longer than CHUNK_CHARS is parsed in parts cut at paragraph
  boundaries, through `nlp.pipe`, and the parts are joined into one Doc: the
  parser's memory grows with the longest part, not with the article, and no
  part reaches spaCy's `max_length`.

Each Doc carries its publication date (`doc._.published`) before the pipeline
runs, so a `factcheck_claims` component in it reads its claims' dates from
that. A long text's parts run through the components before the claims
component; the claims component, and any after it, run once over the joined
Doc, so extraction sees the whole article as one.

Blanking and cutting keep every character offset: the Doc's text has the
article's length, character for character outside the blanked runs, so a
claim's offsets point into the article as read. What was blanked or cut is
said in the warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from factcheck.extraction.component import MAX_SENTENCE_TOKENS

# A word, a number with its unit or a URL fits in this; a longer run with no
# space is not prose. Tokenising 1,000 characters of punctuation costs about a
# tenth of a second, 4,000 characters two seconds.
MAX_RUN = 1_000
# A shorter run made mostly of punctuation is machine output too ("!!!!", a row of
# brackets), and the punctuation is what costs the tokenizer time.
MAX_PUNCTUATION_RUN = 100
NO_SPACE_RUN = re.compile(rf"\S{{{MAX_PUNCTUATION_RUN + 1},}}")
# Below spaCy's max_length (1,000,000) by far: parsing 50,000 characters takes a
# few hundred megabytes.
CHUNK_CHARS = 50_000
# Where a part may end, best first: a blank line, a line break, a sentence end, a space.
CUT_POINTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]\s+"))
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Parsed:
    doc: Doc
    warnings: tuple[str, ...] = ()


def parse(nlp: Language, text: str, published: date, part_chars: int = CHUNK_CHARS) -> Parsed:
    """The parsed Doc of `text` (the article's length, offsets kept) and what was done to it."""
    masked, blanked = blank_runs(text)
    parts = list(split_parts(masked, part_chars))
    if len(parts) == 1:
        doc = nlp(dated(nlp.make_doc(parts[0]), published))
        return Parsed(doc, _warnings(blanked, list(doc._.cut_sentences)))
    whole = whole_doc_pipes(nlp)
    docs, cuts, offset = [], [], 0
    for part in nlp.pipe(parts, batch_size=1, disable=whole):
        cuts += [offset + cut for cut in part._.cut_sentences]
        offset += len(part.text)
        docs.append(_lean(part))
    doc = dated(Doc.from_docs(docs, ensure_whitespace=False), published)
    for name, pipe in nlp.pipeline:
        if name in whole:
            doc = pipe(doc)
    return Parsed(doc, _warnings(blanked, cuts))


def parse_many(
    nlp: Language, texts: Sequence[tuple[str, date]], part_chars: int = CHUNK_CHARS
) -> list[Parsed]:
    """`parse` of each (text, published), the texts that fit in one part parsed together
    through `nlp.pipe` (for `factcheck batch`); each result is the one `parse` gives."""
    masked = [blank_runs(text) for text, _ in texts]
    short = [number for number, (text, _) in enumerate(masked) if len(text) <= part_chars]
    made = (dated(nlp.make_doc(masked[number][0]), texts[number][1]) for number in short)
    docs = dict(zip(short, nlp.pipe(made), strict=True))
    found = []
    for number, (text, published) in enumerate(texts):
        doc = docs.get(number)
        if doc is None:
            found.append(parse(nlp, text, published, part_chars))
            continue
        found.append(Parsed(doc, _warnings(masked[number][1], list(doc._.cut_sentences))))
    return found


def dated(doc: Doc, published: date) -> Doc:
    doc._.published = published
    return doc


def whole_doc_pipes(nlp: Language) -> list[str]:
    """The claims component and those after it: what must see the article whole (the
    discourse of one part runs on into the next)."""
    names = nlp.pipe_names
    first = next(
        (
            i
            for i, name in enumerate(names)
            if nlp.get_pipe_meta(name).factory == "factcheck_claims"
        ),
        len(names),
    )
    return names[first:]


def blank_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with its non-prose runs of non-space characters replaced by spaces,
    and the (start, end) of each."""
    runs = [
        (found.start(), found.end())
        for found in NO_SPACE_RUN.finditer(text)
        if _not_prose(found.group())
    ]
    if not runs:
        return text, runs
    pieces, last = [], 0
    for start, end in runs:
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces), runs


def _not_prose(run: str) -> bool:
    if len(run) > MAX_RUN:
        return True
    letters = sum(char.isalnum() for char in run)
    return letters * 2 < len(run)


def split_parts(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Consecutive pieces of `text`, each at most `size` characters where a cut point
    allows, that join back into `text` exactly."""
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        yield text[start:end]
        start = end
    yield text[start:]


def _cut(text: str, start: int, limit: int) -> int:
    """The end of the part that starts at `start`: after the last cut point of the
    best kind before `limit`, in the part's second half."""
    floor = start + (limit - start) // 2
    for pattern in (*CUT_POINTS, SPACE):
        ends = [m.end() for m in pattern.finditer(text, floor, limit)]
        if ends:
            return ends[-1]
    return limit  # no space in half a part: blank_runs has blanked such runs already


def _lean(doc: Doc) -> Doc:
    """A part as the joined Doc needs it: the tok2vec tensor was only the parser's
    input, and the part's own extension values (its cuts, read already) would
    clash when joined."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    doc.user_data.clear()
    return doc


def _warnings(blanked: list[tuple[int, int]], cuts: list[int]) -> tuple[str, ...]:
    found: list[str] = []
    if blanked:
        chars = sum(end - start for start, end in blanked)
        found.append(
            f"skipped {len(blanked)} run(s) of {chars:,} characters without spaces that are"
            f" not prose (the first at character {blanked[0][0]:,})"
        )
    if cuts:
        found.append(
            f"cut run-on text of more than {MAX_SENTENCE_TOKENS} words without a sentence end"
            f" into sentences at {len(cuts)} point(s) (the first at character {cuts[0]:,})"
        )
    return tuple(found)
