"""Hostile shapes of input against the bare spaCy parse of a normal text of the same length.

Cases (each the body of an article):

    clause-N      "The United States spent $916 billion on its military in 2023 and "
                  repeated N = 25, 50, 100, 200 times: one sentence with N figures
    punctuation   24,000 characters of punctuation without a space, between two sentences
    brackets      "(" * 8000 + ")" * 8000, between two sentences
    spaced        "( " * 8000: sixteen thousand tokens with no sentence end
    long          the gold articles repeated to 1,000,000 characters (--long-chars)

Each side runs in a fresh process, so that its peak memory (the child's own
ru_maxrss, read with os.wait4) is its own; the time is measured inside the
process, after the model has loaded, around the work on the text only:

    factcheck:  Checker.check(article) with the repository's sources.toml
    baseline:   the model as shipped (spacy.load(MODEL)) over a normal text of the
                same length (the gold articles repeated), paragraph by paragraph
                through nlp.pipe: the parse spaCy recommends for long texts

Prints, per case, both times, factcheck's time per character and the ratio to
the baseline, and peak memory. Targets: time per character of the clause-N
series flat within 2x from the smallest to the largest; no case above 5x its
baseline; the long article under 1 GB.
Usage: python benchmarks/bench_pathological.py [--long-chars N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
CLAUSE = "The United States spent $916 billion on its military in 2023 and "
PROSE = "Inflation in Chile was 7.6% in 2023."
FLAT_TARGET, RATIO_TARGET, MEMORY_TARGET_MB = 2.0, 5.0, 1024


def cases(long_chars: int) -> dict[str, str]:
    found = {f"clause-{n}": CLAUSE * n + "that was all.\n" for n in (25, 50, 100, 200)}
    found["punctuation"] = f"{PROSE}\n\n" + "!?.,;:()" * 3000 + f"\n\n{PROSE}\n"
    found["brackets"] = f"{PROSE}\n\n" + "(" * 8000 + ")" * 8000 + f"\n\n{PROSE}\n"
    found["spaced"] = f"{PROSE}\n\n" + "( " * 8000 + f"\n\n{PROSE}\n"
    found["long"] = normal_text(long_chars)
    return found


def normal_text(chars: int) -> str:
    from benchmarks.bench_extraction import long_document

    return long_document(chars // 5 + 100)[:chars]


def run_factcheck(text: str) -> float:
    from factcheck.nlp import load_pipeline, model_name
    from factcheck.pipeline import Checker
    from factcheck.records import Article, PublishedSource

    checker = Checker.from_path(load_pipeline(model_name()), ROOT / "sources.toml")
    article = Article("case.txt", text, "", date(2024, 1, 1), PublishedSource.OPTION)
    start = time.perf_counter()
    checker.check(article)
    return time.perf_counter() - start


def run_baseline(text: str) -> float:
    import spacy

    from factcheck.nlp import model_name

    nlp = spacy.load(model_name())
    start = time.perf_counter()
    for _ in nlp.pipe(text.split("\n\n"), batch_size=8):
        pass
    return time.perf_counter() - start


def in_child(side: str, text: str) -> tuple[float, float]:
    """Seconds on the text and peak MB of one fresh process running `side`."""
    command = [sys.executable, __file__, "--side", side]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(text)
    process.stdin.close()
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{side} failed on a case (status {status})")
    return json.loads(out)["seconds"], usage.ru_maxrss * MAXRSS_UNIT / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long-chars", type=int, default=1_000_000)
    parser.add_argument("--side", choices=("factcheck", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        text = sys.stdin.read()
        seconds = run_factcheck(text) if args.side == "factcheck" else run_baseline(text)
        print(json.dumps({"seconds": seconds}))
        return
    rows = []
    print(f"{'case':<12} {'chars':>9} {'factcheck':>10} {'µs/char':>8} {'baseline':>9} "
          f"{'ratio':>6} {'peak MB':>8} {'base MB':>8}")  # fmt: skip
    for name, text in cases(args.long_chars).items():
        ours, ours_mb = in_child("factcheck", text)
        base, base_mb = in_child("baseline", normal_text(len(text)))
        per_char = ours / len(text) * 1e6
        rows.append((name, len(text), ours, per_char, base, ours / base, ours_mb))
        print(f"{name:<12} {len(text):>9,} {ours:>9.2f}s {per_char:>8.1f} {base:>8.2f}s "
              f"{ours / base:>5.1f}x {ours_mb:>8.0f} {base_mb:>8.0f}", flush=True)  # fmt: skip
    series = [row[3] for row in rows if row[0].startswith("clause-")]
    flat = max(series) / min(series)
    worst = max(rows, key=lambda row: row[5])
    long_mb = next(row[6] for row in rows if row[0] == "long")
    print(f"clause series, time per character largest/smallest: {flat:.2f} "
          f"(target <= {FLAT_TARGET:g})")  # fmt: skip
    print(f"worst ratio to the bare parse: {worst[5]:.1f}x "
          f"({worst[0]}; target <= {RATIO_TARGET:g})")  # fmt: skip
    print(f"long article peak memory: {long_mb:.0f} MB (target < {MEMORY_TARGET_MB})")


if __name__ == "__main__":
    main()
