"""Extraction cost on a long document, against the bare spaCy parse of the same text.

The document is assembled from the gold set's articles (repeated in order until
it reaches `--words`, 20,000 by default) and parsed as one text. Both sides are
timed in this process with the model already loaded, alternately, so only the
work on the text is compared:

    baseline:  the model as shipped (spacy.load(MODEL)), nlp(text)
    factcheck: the same model with factcheck's two components
               (factcheck_paragraphs before the parser, factcheck_claims last)

Prints the median of each and the extraction's share over the parse
(target: at most +15%).
Usage: python benchmarks/bench_extraction.py [--words N] [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIRS = (ROOT / "tests" / "data" / "corpus", ROOT / "tests" / "data" / "heldout")
PUBLISHED = date(2024, 1, 1)


def long_document(words: int) -> str:
    articles = [
        path.read_text(encoding="utf-8")
        for folder in GOLD_DIRS
        for path in sorted(folder.glob("*/article.txt"))
    ]
    if not articles:
        raise SystemExit("no gold articles found under tests/data")
    parts: list[str] = []
    count = 0
    while count < words:
        article = articles[len(parts) % len(articles)]
        parts.append(article.strip())
        count += len(article.split())
    return "\n\n".join(parts) + "\n"


def timed(run: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import spacy

    from factcheck.extraction import component
    from factcheck.nlp import load_pipeline, model_name

    model = model_name()
    text = long_document(args.words)
    bare = spacy.load(model)
    ours = load_pipeline(model)
    ours.add_pipe("factcheck_claims", last=True)
    bare.max_length = ours.max_length = max(len(text) + 1, bare.max_length)
    component.register()

    def run_ours() -> object:
        doc = ours.make_doc(text)
        doc._.published = PUBLISHED
        for _name, pipe in ours.pipeline:
            doc = pipe(doc)
        return doc

    claims = len(run_ours()._.claims)  # type: ignore[attr-defined]
    timed(lambda: bare(text))  # warm caches for both sides
    baseline, full = [], []
    for _ in range(args.runs):
        baseline.append(timed(lambda: bare(text)))
        full.append(timed(run_ours))
    base, total = statistics.median(baseline), statistics.median(full)
    print(f"model: {model}; document: {len(text.split()):,} words, {claims:,} claims")
    print(f"bare spaCy parse:          {base:.3f} s (median of {args.runs})")
    print(f"parse + factcheck stages:  {total:.3f} s (median of {args.runs})")
    print(f"extraction adds: {100 * (total / base - 1):+.1f}% (target <= +15%)")


if __name__ == "__main__":
    main()
