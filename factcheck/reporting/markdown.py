"""The report as Markdown, for pull-request comments and CMS notes.

GitHub-flavoured: a heading, the summary, one table row per claim, then the
disputed claims with their explanations and the sources' status. Text from
the article and the sources is escaped, so a claim holding `|`, `*`, `<b>` or
a link cannot break the table or add markup to the comment.
"""

from __future__ import annotations

import re
from collections import Counter

from factcheck.records import CheckedClaim, Evidence, Report, Verdict
from factcheck.reporting.highlight import verdict_label
from factcheck.reporting.json_report import claims_in_order

_NONE = "—"
# Characters that make Markdown syntax within a line (`<`, `>` and `&` become entities).
# With `[` escaped no link can start, so `(`, `)` and `!` need no escape.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_PUBLISHED_FROM = {
    "option": "--published",
    "front-matter": "front matter",
    "dateline": "dateline",
    "today": "today: the article declares no date",
}


def render_markdown(report: Report) -> str:
    """The Markdown report; the same report always gives the same text."""
    claims = claims_in_order(report)
    lines = [f"### factcheck: `{_code(report.article.path)}`", "", _summary(report), ""]
    lines += [f"> warning: {escape_markdown(warning)}" for warning in report.article.warnings]
    if claims:
        lines += _table(claims)
    else:
        lines.append("No checkable claims found.")
    disputed = [
        (number, checked)
        for number, checked in enumerate(claims, start=1)
        if checked.verdict is Verdict.DISPUTED
    ]
    if disputed:
        lines += ["", "#### Disputed claims", ""]
        lines += [_disputed(number, checked) for number, checked in disputed]
    lines += ["", *_sources(report)]
    return "\n".join(lines) + "\n"


def escape_markdown(text: str) -> str:
    """`text` as literal Markdown on one line: specials escaped, HTML as entities."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", flat)


def _code(text: str) -> str:
    # Inside a code span nothing is interpreted; only a backtick could end it.
    return " ".join(text.split()).replace("`", "'")


def _summary(report: Report) -> str:
    counts = ", ".join(f"{report.count(verdict)} {verdict_label(verdict)}" for verdict in Verdict)
    article = report.article
    when = _PUBLISHED_FROM.get(article.published_source.value, article.published_source.value)
    total = len(report.claims)
    noun = "claim" if total == 1 else "claims"
    return f"**{total} {noun}**: {counts} · published {article.published.isoformat()} ({when})"


def _table(claims: tuple[CheckedClaim, ...]) -> list[str]:
    rows = ["| # | verdict | claim | reference | source |", "|---:|---|---|---|---|"]
    for number, checked in enumerate(claims, start=1):
        cells = [
            str(number),
            f"**{verdict_label(checked.verdict)}**",
            escape_markdown(checked.claim.text),
            _reference(checked),
            _links(checked.evidence),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _reference(checked: CheckedClaim) -> str:
    summaries = dict.fromkeys(item.summary for item in checked.evidence if item.summary)
    return "; ".join(escape_markdown(summary) for summary in summaries) or _NONE


def _links(evidence: tuple[Evidence, ...]) -> str:
    links: dict[str, None] = {}
    for item in evidence:
        name = escape_markdown(item.source)
        url = item.url or ""
        # Only web links, and no characters that would end the link target early.
        if url.startswith(("https://", "http://")) and not re.search(r"[\s()<>|]", url):
            links[f"[{name}]({url})"] = None
        else:
            links[name] = None
    return ", ".join(links) or _NONE


def _disputed(number: int, checked: CheckedClaim) -> str:
    text = escape_markdown(checked.claim.text)
    why = escape_markdown(checked.explanation or "no explanation given")
    return f"- **#{number}** “{text}”: {why}"


def _sources(report: Report) -> list[str]:
    counts = Counter(status.status for status in report.sources)
    listing = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
    lines = [f"Sources: {listing}."]
    for status in report.sources:
        if status.status != "ok":
            detail = f": {escape_markdown(status.detail)}" if status.detail else ""
            lines.append(f"- `{_code(status.name)}` ({status.kind}) {status.status}{detail}")
    return lines
