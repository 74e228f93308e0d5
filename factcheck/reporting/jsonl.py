"""The report as JSON Lines: one claim per line, for streams and log pipelines.

Each line is one claim exactly as in the JSON report's `claims`, preceded by
the article it came from (`article`, `sha256`, `published`), so lines from
many articles can be mixed, filtered and joined back to their article.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.records import Report
from factcheck.reporting.json_report import report_to_dict

# json.dumps escapes the ASCII controls but leaves these three, at which Python's
# str.splitlines() (and Unicode-aware line readers) break a line. They occur only inside
# strings, where \u escapes keep the value and keep each claim on one line for any reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def claim_lines(report: Report) -> list[dict[str, Any]]:
    """One object per claim, in document order."""
    data = report_to_dict(report)
    article = {
        "article": report.article.path,
        "sha256": report.article.sha256,
        "published": report.article.published.isoformat(),
    }
    return [{**article, **claim} for claim in data["claims"]]


def render_jsonl(report: Report) -> str:
    """The lines, each a compact JSON object ending in a newline; empty for no claims."""
    return "".join(
        json.dumps(line, ensure_ascii=False, allow_nan=False, separators=(",", ":")).translate(
            _LINE_BREAKS
        )
        + "\n"
        for line in claim_lines(report)
    )
