"""Extraction cost on a long document, against the bare spaCy parse of the same text.

The document is assembled from the gold set's articles (repeated in order until
it reaches `--words`, 20,000 by default) and parsed as one text. Both sides are
timed in this process with the model already loaded, alternately, so only the
work on the text is compared:

    baseline:  the model as shipped (spacy.load(MODEL)), nlp(text)
    factcheck: the same model with factcheck's two components: factcheck_paragraphs
               before the parser, and the claims component as `factcheck` runs it,
               with the metrics and relations of the repository's sources.toml

The memoised helpers are emptied and the component rebuilt before each run, as
in a new process. Prints the median of each side, the median time of
factcheck's own stages measured inside its runs, and that time as a share of
the bare parse (target: at most 15%). The whole-run ratio is printed too; on a
noisy machine the parse itself varies by more than the extraction costs.
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

from spacy.language import Language
from spacy.tokens import Doc

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

    from factcheck.nlp import load_pipeline, model_name

    model = model_name()
    text = long_document(args.words)
    bare = spacy.load(model)
    ours = load_pipeline(model)
    bare.max_length = ours.max_length = max(len(text) + 1, bare.max_length)
    paragraphs = ours.get_pipe("factcheck_paragraphs")
    own: list[float] = []  # the time of factcheck's own stages inside each run

    def run_ours() -> Doc:
        claims_component = fresh_component(ours)
        doc = ours.make_doc(text)
        doc._.published = PUBLISHED
        for _name, pipe in ours.pipeline:
            start = time.perf_counter()
            doc = pipe(doc)
            if pipe is paragraphs:
                own.append(time.perf_counter() - start)
        start = time.perf_counter()
        doc = claims_component(doc)
        own[-1] += time.perf_counter() - start
        return doc

    claims = len(run_ours()._.claims)
    timed(lambda: bare(text))  # warm caches for both sides
    own.clear()
    baseline, full = [], []
    for _ in range(args.runs):
        baseline.append(timed(lambda: bare(text)))
        full.append(timed(run_ours))
    base, total, stages = map(statistics.median, (baseline, full, own))
    print(f"model: {model}; document: {len(text.split()):,} words, {claims:,} claims")
    print(f"bare spaCy parse:          {base:.3f} s (median of {args.runs})")
    print(f"parse + factcheck stages:  {total:.3f} s (median of {args.runs})")
    print(f"  factcheck stages alone:  {stages:.3f} s")
    print(f"extraction adds: {100 * stages / base:.1f}% of the parse (target <= 15%)")
    print(f"whole-run ratio: {total / base:.2f}x (parse noise included)")


def fresh_component(nlp: Language) -> Callable[[Doc], Doc]:
    """The claims component as a new `factcheck` process would have it: memoised stems,
    dates and entity names start empty, so repeated runs do not flatter the figure."""
    from factcheck.normalise.dates import resolve_date
    from factcheck.normalise.words import stem, stems
    from factcheck.pipeline import Checker

    for memo in (stem, stems, resolve_date):
        memo.cache_clear()
    return Checker.from_path(nlp, ROOT / "sources.toml").component


if __name__ == "__main__":
    main()
