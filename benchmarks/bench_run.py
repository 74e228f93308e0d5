"""Whole `factcheck` run on the example against the bare spaCy cost, measured together.

Both sides run in fresh processes, alternately, so imports, model loading and
the parse are counted the same way and machine noise hits both alike:

    baseline:  python -c "import spacy; nlp = spacy.load(MODEL); nlp(text)"
    factcheck: factcheck ARTICLE --published 2023-07-04 --format json

Prints the median wall time of each and their ratio (target: at most 1.3), and
the peak memory (resident set) of each process, the largest over the runs
(target: factcheck under 400 MB). Peak memory is the child's own `ru_maxrss`,
read with `os.wait4` for that child alone, so neither side's figure includes the
other's or this script's.
Usage: python benchmarks/bench_run.py [ARTICLE] [--runs N]
"""

from __future__ import annotations

import argparse
import os
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
RATIO_TARGET = 1.3
MEMORY_TARGET_MB = 400
# ru_maxrss is in kilobytes on Linux and in bytes on macOS.
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return elapsed, usage.ru_maxrss * MAXRSS_UNIT / 2**20


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
    base = statistics.median(seconds for seconds, _ in baseline)
    ours = statistics.median(seconds for seconds, _ in full)
    base_peak = max(peak for _, peak in baseline)
    our_peak = max(peak for _, peak in full)
    print(f"model: {model}; article: {Path(args.article).name}; runs: {args.runs}")
    print(f"bare spaCy (load + parse): {base:.3f} s (median), peak memory {base_peak:.0f} MB")
    print(f"factcheck whole run:       {ours:.3f} s (median), peak memory {our_peak:.0f} MB")
    print(f"ratio: {ours / base:.2f}x (target <= {RATIO_TARGET:.2f}x)")
    print(f"peak memory: {our_peak:.0f} MB (target < {MEMORY_TARGET_MB} MB)")


if __name__ == "__main__":
    main()
