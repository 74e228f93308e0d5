"""The report as one self-contained HTML page: the article with its claims marked.

The page needs nothing outside itself: the style and the small filter script
are inline, and a Content-Security-Policy allows exactly those two (by their
hashes) and nothing else, so even text that escaped escaping could not run or
load anything. Every piece of text from the article or the sources goes
through `html.escape`; links are kept only for http(s) URLs.

Each claim is a `<details>` element inside the article text: its `<summary>`
(the claim, with its verdict word and sign, not colour alone) is focusable and
opens with a click, Enter or Space, and works without the script. The script
only adds the filters by verdict. The same report always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections import Counter
from html import escape

from factcheck.records import CheckedClaim, Evidence, Report, SourceStatus, Verdict
from factcheck.reporting.highlight import Unit, units, verdict_label
from factcheck.reporting.html_assets import SCRIPT, STYLE
from factcheck.reporting.json_report import TOOL_NAME, claims_in_order

_PUBLISHED_FROM = {
    "option": "given with --published",
    "front-matter": "declared in the article's front matter",
    "dateline": "read from the article's dateline",
    "today": "today's date: the article declares none",
}


def render_html(report: Report, *, article_url: str | None = None) -> str:
    """The whole page for `report`; `article_url` is linked in the header when given."""
    title = f"{TOOL_NAME}: {report.article.path}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_policy()}">',
        f'<meta name="generator" content="{TOOL_NAME} {_e(report.tool_version)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        _header(report, article_url),
        "<main>",
        _disputed_list(report),
        _article(report),
        _hidden(report),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _policy() -> str:
    return (
        "default-src 'none'; "
        f"style-src '{_digest(STYLE)}'; "
        f"script-src '{_digest(SCRIPT)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _e(text: str) -> str:
    return escape(text, quote=True)


def _header(report: Report, article_url: str | None) -> str:
    article = report.article
    link = _link(article_url, article_url or "") if article_url else ""
    published = article.published.isoformat()
    source = _PUBLISHED_FROM.get(article.published_source.value, article.published_source.value)
    return "\n".join(
        [
            "<header>",
            "<h1>Fact-check report</h1>",
            f'<p class="meta">Article <code>{_e(article.path)}</code>'
            + (f" · {link}" if link else "")
            + f" · sha256 <code>{_e(article.sha256)}</code></p>",
            f'<p class="meta" id="published">Publication date used: '
            f'<time datetime="{published}">{published}</time> ({_e(source)})</p>',
            _counts(report),
            _warnings(article.warnings),
            _sources(report.sources),
            _filters(report),
            "</header>",
        ]
    )


def _counts(report: Report) -> str:
    total = len(report.claims)
    items = [f'<li id="count-claims"><strong>{total}</strong> claims</li>']
    for verdict in Verdict:
        items.append(
            f'<li id="count-{verdict.value}"><span class="label v-{verdict.value}">'
            f"{_e(verdict_label(verdict))}</span> <strong>{report.count(verdict)}</strong></li>"
        )
    return '<ul class="counts" aria-label="Claims by verdict">' + "".join(items) + "</ul>"


def _warnings(warnings: tuple[str, ...]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{_e(warning)}</li>" for warning in warnings)
    return f'<ul class="warnings" aria-label="Warnings">{items}</ul>'


def _sources(statuses: tuple[SourceStatus, ...]) -> str:
    counts = Counter(status.status for status in statuses)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
    rows = "".join(
        f'<tr data-status="{_e(status.status)}"><td>{_e(status.name)}</td>'
        f"<td>{_e(status.kind)}</td><td>{_e(status.status)}</td>"
        f"<td>{status.records}</td><td>{_e(status.detail)}</td></tr>"
        for status in statuses
    )
    return (
        f'<details class="sources" id="sources"><summary>Sources: {_e(summary)}</summary>'
        "<table><thead><tr><th>source</th><th>kind</th><th>status</th><th>records</th>"
        f"<th>detail</th></tr></thead><tbody>{rows}</tbody></table></details>"
    )


def _filters(report: Report) -> str:
    # Hidden until the script runs: without it the boxes would do nothing.
    boxes = "".join(
        f'<label><input type="checkbox" checked data-verdict="{verdict.value}" '
        f'id="filter-{verdict.value}"> <span class="label v-{verdict.value}">'
        f"{_e(verdict_label(verdict))}</span> ({report.count(verdict)})</label>"
        for verdict in Verdict
    )
    return (
        '<fieldset class="filters" id="filters" hidden><legend>Show claims</legend>'
        f"{boxes}</fieldset>"
    )


def _disputed_list(report: Report) -> str:
    """The disputed claims first, each linked to its mark in the article."""
    disputed = [
        (number, checked)
        for number, checked in enumerate(claims_in_order(report), start=1)
        if checked.verdict is Verdict.DISPUTED
    ]
    heading = '<h2 id="disputed-heading">Disputed claims</h2>'
    if not disputed:
        return (
            f'<section id="disputed" aria-labelledby="disputed-heading">{heading}'
            '<p class="meta">No claim is disputed.</p></section>'
        )
    items = "".join(
        f'<li><a href="#claim-{_e(checked.claim.id)}">Claim {number}</a>: '
        f"“{_e(checked.claim.text)}”{_reference(checked)}"
        f' <span class="why">{_e(checked.explanation or "No explanation given.")}</span></li>'
        for number, checked in disputed
    )
    return (
        f'<section id="disputed" aria-labelledby="disputed-heading">{heading}'
        f'<ol class="disputed-list">{items}</ol></section>'
    )


def _reference(checked: CheckedClaim) -> str:
    # For a ranking the first evidence is the subject's own row (matching puts it first).
    first = next((item.summary for item in checked.evidence if item.summary), None)
    return f' — reference <span class="reference">{_e(first)}</span>.' if first else ""


def _article(report: Report) -> str:
    text = report.article.text
    body = "".join(_unit(unit, text) for unit in units(report))
    return (
        '<section aria-labelledby="article-heading"><h2 id="article-heading">Article</h2>'
        f'<p class="meta">Select a marked claim (click, or Tab then Enter) to see its evidence.</p>'
        f'<div class="article" id="article">{body}</div></section>'
    )


def _unit(unit: Unit, text: str) -> str:
    if not unit.claims:
        return _e(text[unit.start : unit.end])
    if unit.single:
        number, checked = unit.claims[0]
        return _claim(number, checked, text[unit.start : unit.end])
    # Overlapping claims: their text marked piece by piece, then every claim's mark after
    # the whole of it, so that no mark splits a phrase two claims share.
    marks = "".join(
        f'<span class="mark v-{piece.claim.verdict.value}" '
        f'data-verdict="{piece.claim.verdict.value}">{_e(text[piece.start : piece.end])}</span>'
        for piece in unit.pieces
        if piece.claim is not None
    )
    claims = "".join(_claim(number, checked, None) for number, checked in unit.claims)
    return f'<span class="unit">{marks}{claims}</span>'


def _claim(number: int, checked: CheckedClaim, shown: str | None) -> str:
    """A claim's mark: its text (`shown`), or only its number and label when the text
    is shown with the other claims of its unit."""
    verdict = checked.verdict.value
    claim_id = _e(checked.claim.id)
    words = _e(shown) if shown is not None else ""
    badge = "" if shown is not None else ' class="badge"'
    return (
        f'<details class="claim v-{verdict}" data-verdict="{verdict}" id="claim-{claim_id}">'
        f'<summary{badge} aria-describedby="label-{claim_id}">{words}'
        f'<span class="num" aria-hidden="true">{number}</span>'
        f'<span class="label" id="label-{claim_id}">{_e(verdict_label(checked.verdict))}</span>'
        f"</summary>{_detail(number, checked, quote=shown is None)}</details>"
    )


def _hidden(report: Report) -> str:
    """Claims no unit shows (text beyond the article's end): listed, never dropped."""
    shown = {number for unit in units(report) for number, _ in unit.claims}
    found = [
        (number, checked)
        for number, checked in enumerate(claims_in_order(report), start=1)
        if number not in shown
    ]
    if not found:
        return ""
    cards = "".join(
        f'<li class="card claim v-{checked.verdict.value}" data-verdict="{checked.verdict.value}">'
        f'<span class="label">{_e(verdict_label(checked.verdict))}</span> '
        f"“{_e(checked.claim.text)}”{_detail(number, checked)}</li>"
        for number, checked in found
    )
    return (
        '<section aria-labelledby="overlap-heading"><h2 id="overlap-heading">'
        f"Claims not marked in the article</h2><ul>{cards}</ul></section>"
    )


def _detail(number: int, checked: CheckedClaim, *, quote: bool = False) -> str:
    """The claim's evidence; with `quote`, the claim's words too, for a mark that has none."""
    claim = checked.claim
    facts = [
        f"claim {number} ({_e(claim.type.value)})",
        f"{_e(verdict_label(checked.verdict))}, confidence {_number(checked.confidence)}",
    ]
    if claim.attribution:
        facts.append(f"attributed to {_e(claim.attribution)}")
    evidence = "".join(f"<li>{_evidence(item)}</li>" for item in checked.evidence)
    evidence_list = (
        f'<ul class="evidence" aria-label="Evidence">{evidence}</ul>'
        if evidence
        else '<p class="evidence none">No source covers this claim.</p>'
    )
    return (
        f'<div class="detail" role="group" aria-label="Evidence for claim {number}">'
        + (f'<p class="quote">“{_e(claim.text)}”</p>' if quote else "")
        + f'<p class="facts">{" · ".join(facts)}</p>'
        f'<p class="explanation">{_e(checked.explanation or "No explanation given.")}</p>'
        f"{evidence_list}</div>"
    )


def _evidence(evidence: Evidence) -> str:
    parts = [f"<strong>{_e(evidence.source)}</strong>"]
    if evidence.summary:
        parts.append(f'<span class="reference">{_e(evidence.summary)}</span>')
    if evidence.reference_value is not None and math.isfinite(evidence.reference_value):
        value = _number(evidence.reference_value)
        unit = f" {evidence.unit}" if evidence.unit else ""
        tolerance = (
            f" ± {_number(evidence.tolerance)}"
            if evidence.tolerance is not None and math.isfinite(evidence.tolerance)
            else ""
        )
        parts.append(f'<span class="value">reference value {_e(value + tolerance + unit)}</span>')
    if evidence.url:
        parts.append(_link(evidence.url, evidence.title or evidence.url))
    elif evidence.title:
        parts.append(_e(evidence.title))
    return " — ".join(parts)


def _link(url: str, text: str) -> str:
    # Only web links: a javascript: or data: URL from a data file must not be clickable.
    if not url.lower().startswith(("https://", "http://")):
        return _e(text)
    return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'


def _number(value: float) -> str:
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
