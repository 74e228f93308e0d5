"""Write the JSON report of every example and gold article to a folder, through the CLI.

A refactor must not change what the tool says: run this before and after, then
`diff -r BEFORE AFTER`. The CLI is the interface that stays stable while the
library's insides move, so each article runs as the user would run it.

    python scripts/snapshot_reports.py /tmp/before
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "nato-vilnius-2023.txt": "2023-07-04",
    "brics-enlargement-2024.txt": "2024-09-01",
    "economy-roundup-2023.txt": "2024-02-01",
}


def _runs() -> list[tuple[str, list[str]]]:
    runs = [
        (f"examples-{name}", [str(ROOT / "examples" / name), "--published", day])
        for name, day in EXAMPLES.items()
    ]
    for folder in sorted(ROOT.glob("tests/data/*/*/expected.json")):
        gold = folder.parent
        published = json.loads(folder.read_text(encoding="utf-8"))["published"]
        arguments = [str(gold / "article.txt"), "--published", published]
        arguments += ["--sources", str(gold / "sources.toml")]
        runs.append((f"{gold.parent.name}-{gold.name}", arguments))
    return runs


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    factcheck = Path(sys.executable).parent / "factcheck"
    for name, arguments in _runs():
        command = [str(factcheck), *arguments, "--format", "json", "--offline"]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        (out / f"{name}.json").write_text(done.stdout, encoding="utf-8")
        (out / f"{name}.exit").write_text(f"{done.returncode}\n{done.stderr}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
