"""Check-worthiness on the ClaimBuster sentences: does factcheck find a claim where people did?

Each sentence is parsed on its own and counted positive when factcheck's
extractor reports at least one claim in it (optionally only claims whose
`checkworthiness` reaches `--min-checkworthiness`). The labels are the
ClaimBuster crowd labels (1 = check-worthy factual claim). Nothing is tuned
on this file; the script only measures.

The data is GPL-3.0, for evaluation only: it is read from where it lies and
never copied into this repository.

Usage: python benchmarks/claimbuster.py [PATH] [--limit N] [--min-checkworthiness X]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_DATA = Path("/work/shared/benchmarks/claimbuster/train.json")
# Sentences come from debates spanning decades; a fixed date keeps relative
# dates ("last year") deterministic between runs.
PUBLISHED = date(2024, 1, 1)
BATCH_SIZE = 256
SEED = 13
# Quoted in the project's issue: a TF-IDF linear SVM trained on this file,
# scored on ClaimBuster's held-out split (not available here).
REFERENCE = ("TF-IDF linear SVM (issue, held-out split)", 0.89, 0.73, 0.80)


@dataclass(frozen=True)
class Sentence:
    text: str
    label: bool


@dataclass(frozen=True)
class Counts:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        flagged = self.true_pos + self.false_pos
        return self.true_pos / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_sentences(path: Path, limit: int | None) -> list[Sentence]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    sentences = [Sentence(str(row["text"]), int(row["label"]) == 1) for row in rows]
    if limit is None:
        return sentences
    # The file is sorted by label, so its head is all positives; a seeded
    # shuffle makes a quick run a fair, repeatable sample.
    return random.Random(SEED).sample(sentences, min(limit, len(sentences)))


def count(labels: Sequence[bool], flagged: Sequence[bool]) -> Counts:
    pairs = Counter(zip(labels, flagged, strict=True))
    return Counts(pairs[(True, True)], pairs[(False, True)], pairs[(True, False)])


def claim_types(sentences: Sequence[Sentence], min_worth: float) -> tuple[list[set[str]], float]:
    """The claim types found in each sentence, and the seconds spent extracting."""
    from factcheck.extraction.context import ExtractionLexicon
    from factcheck.extraction.extractor import extract_claims
    from factcheck.nlp import load_pipeline, model_name
    from factcheck.normalise.entities import EntityResolver

    nlp = load_pipeline(model_name())
    lexicon, resolver = ExtractionLexicon(), EntityResolver()
    found: list[set[str]] = []
    extracting = 0.0
    for doc in nlp.pipe((s.text for s in sentences), batch_size=BATCH_SIZE):
        start = time.perf_counter()
        claims = extract_claims(doc, PUBLISHED, lexicon, resolver)
        extracting += time.perf_counter() - start
        found.append({c.type.value for c in claims if c.checkworthiness >= min_worth})
    return found, extracting


def rows(labels: Sequence[bool], found: Sequence[set[str]]) -> Iterable[tuple[str, int, Counts]]:
    yield "any claim", sum(bool(f) for f in found), count(labels, [bool(f) for f in found])
    for kind in sorted(set().union(*found)):
        flagged = [kind in f for f in found]
        yield f"  {kind}", sum(flagged), count(labels, flagged)


def report(sentences: Sequence[Sentence], found: Sequence[set[str]]) -> list[str]:
    labels = [s.label for s in sentences]
    lines = [
        f"sentences: {len(labels)}; labelled check-worthy: {sum(labels)}",
        f"{'flagged by':<44}{'n':>6}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    for name, flagged, c in rows(labels, found):
        lines.append(f"{name:<44}{flagged:>6}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}")
    name, p, r, f1 = REFERENCE
    lines.append(f"{'reference: ' + name:<44}{'':>6}{p:>7.2f}{r:>7.2f}{f1:>7.2f}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="a seeded sample of N sentences")
    parser.add_argument("--min-checkworthiness", type=float, default=0.0, metavar="X")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    sentences = load_sentences(args.data, args.limit)
    found, extracting = claim_types(sentences, args.min_checkworthiness)
    total = time.perf_counter() - started
    print(f"data: {args.data}; min checkworthiness: {args.min_checkworthiness}")
    print("\n".join(report(sentences, found)))
    print(f"time: {total:.1f} s in all (load + parse + extraction); {extracting:.1f} s extracting")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
