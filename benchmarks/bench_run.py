"""Whole `factcheck` run on the example against the bare spaCy cost, measured together.

Both sides run in fresh processes, alternately, so imports, model loading and
the parse are counted the same way and machine noise hits both alike:

    baseline:  python -c "import spacy; nlp = spacy.load(MODEL); nlp(text)"
    factcheck: factcheck ARTICLE --published 2023-07-04 --format json

Prints the median wall time of each and their ratio (target: at most 1.3).
Usage: python benchmarks/bench_run.py [ARTICLE] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = (
    "import spacy, sys; nlp = spacy.load(sys.argv[1]); "
    "nlp(open(sys.argv[2], encoding='utf-8').read())"
)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "article", nargs="?", default=str(ROOT / "examples" / "nato-vilnius-2023.txt")
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from factcheck.nlp import model_name

    model = model_name()
    baseline_cmd = [sys.executable, "-c", BASELINE, model, args.article]
    factcheck_cmd = [
        sys.executable, str(ROOT / "cli.py"), args.article,
        "--published", "2023-07-04", "--format", "json", "--fail-on", "never",
    ]  # fmt: skip
    timed(baseline_cmd), timed(factcheck_cmd)  # warm the file cache for both
    baseline, full = [], []
    for _ in range(args.runs):
        baseline.append(timed(baseline_cmd))
        full.append(timed(factcheck_cmd))
    base, ours = statistics.median(baseline), statistics.median(full)
    print(f"model: {model}; article: {Path(args.article).name}; runs: {args.runs}")
    print(f"bare spaCy (load + parse): {base:.3f} s (median)")
    print(f"factcheck whole run:       {ours:.3f} s (median)")
    print(f"ratio: {ours / base:.2f}x (target <= 1.30x)")


if __name__ == "__main__":
    main()
