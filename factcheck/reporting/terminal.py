"""The report for people: a summary line, one table row per claim, then notes.

Everything is written to the `Console` the caller passes, so the caller
decides where output goes and whether it is coloured (rich honours NO_COLOR
when it builds a Console). Text from the article and the sources goes in as
`Text`, never as markup, so brackets in a claim cannot restyle the output.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from factcheck.records import CheckedClaim, Report, Verdict
from factcheck.reporting.highlight import hidden_claims, segments, verdict_label
from factcheck.reporting.json_report import claims_in_order
from factcheck.sources.coverage import coverage_note, needs_note

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.sources.coverage import Coverage

# The word is always printed next to the colour, so no verdict relies on colour alone.
VERDICT_STYLES: dict[Verdict, str] = {
    Verdict.SUPPORTED: "green",
    Verdict.DISPUTED: "bold red",
    Verdict.UNVERIFIED: "yellow",
}
_VERDICT_WIDTH = max(len(verdict.value) for verdict in Verdict)
# Below this width five columns get too thin to read, so the reference and
# the source move under the claim text in its cell.
_NARROW_BELOW = 100
# Wider than this, a table stretched across the terminal is harder to scan.
_MAX_TABLE_WIDTH = 140
_MAX_SOURCE_WIDTH = 26
_NONE = "—"
_SOURCE_STATUSES = ("ok", "disabled", "error")


def render_terminal(report: Report, console: Console, coverage: Coverage | None = None) -> None:
    """Write the human-readable report for `report` to `console`.

    With `coverage` (the configured sources, see `factcheck.sources.coverage`), a
    report with claims unverified because no source covers them ends with one
    line saying what the sources cover and where to read about adding one.
    """
    claims = claims_in_order(report)
    console.print(Text(summary_line(report), style="bold"))
    for warning in report.article.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    if claims:
        console.print(_claims_table(claims, console.width))
    for line in _disputed_notes(claims):
        console.print(line)
    for line in _source_problems(report):
        console.print(line)
    _print_coverage_note(report, coverage, console)


def render_article(report: Report, console: Console, coverage: Coverage | None = None) -> None:
    """The article itself, each claim styled by verdict and followed by its label.

    The label carries the claim's number, sign and verdict word, so the
    article reads correctly without colour; disputed notes, source problems
    and the coverage note follow as in `render_terminal`.
    """
    console.print(Text(summary_line(report), style="bold"))
    for warning in report.article.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    console.print()
    console.print(_marked_article(report))
    claims = claims_in_order(report)
    for number, checked in hidden_claims(report):
        note = Text(f"#{number} ", style="bold")
        note.append(_labelled(checked.verdict))
        note.append(f" (inside another claim): {checked.claim.text}")
        console.print(note)
    for line in _disputed_notes(claims):
        console.print(line)
    for line in _source_problems(report):
        console.print(line)
    _print_coverage_note(report, coverage, console)


def coverage_line(report: Report, coverage: Coverage | None) -> str | None:
    """The note for a report with claims no source covers; None when it needs none."""
    if coverage is None or not needs_note(report):
        return None
    return coverage_note(coverage)


def _print_coverage_note(report: Report, coverage: Coverage | None, console: Console) -> None:
    line = coverage_line(report, coverage)
    if line:
        console.print(Text(line))


def render_quiet(report: Report, console: Console) -> None:
    """Only the summary line (for `--quiet`), never wrapped: scripts read it as one line."""
    console.print(Text(summary_line(report)), soft_wrap=True)


def _marked_article(report: Report) -> Text:
    text = report.article.text
    marked = Text()
    for segment in segments(report):
        chunk = text[segment.start : segment.end]
        if segment.claim is None:
            marked.append(chunk)
            continue
        style = VERDICT_STYLES[segment.claim.verdict]
        marked.append(chunk, style=f"{style} underline")
        marked.append(f" [#{segment.number} ", style=style)
        marked.append(_labelled(segment.claim.verdict))
        marked.append("]", style=style)
    return marked


def _labelled(verdict: Verdict) -> Text:
    return Text(verdict_label(verdict), style=f"{VERDICT_STYLES[verdict]} reverse")


def summary_line(report: Report) -> str:
    """E.g. "9 claims: 7 supported, 1 disputed, 1 unverified · published ... · sources: 3 ok"."""
    total = len(report.claims)
    verdicts = ", ".join(f"{report.count(verdict)} {verdict.value}" for verdict in Verdict)
    article = report.article
    published = f"published {article.published.isoformat()} ({article.published_source.value})"
    noun = "claim" if total == 1 else "claims"
    return f"{total} {noun}: {verdicts} · {published} · sources: {_source_counts(report)}"


def _source_counts(report: Report) -> str:
    counts: Counter[str] = Counter(status.status for status in report.sources)
    if not counts:
        return "none"
    known = [f"{counts[status]} {status}" for status in _SOURCE_STATUSES if counts[status]]
    other = [
        f"{n} {status}" for status, n in sorted(counts.items()) if status not in _SOURCE_STATUSES
    ]
    return ", ".join(known + other)


def _claims_table(claims: tuple[CheckedClaim, ...], width: int) -> Table:
    narrow = width < _NARROW_BELOW
    table = Table(
        box=box.SIMPLE_HEAD,
        show_lines=narrow,  # blank line between rows whose cells span several lines
        width=min(width, _MAX_TABLE_WIDTH),
        show_edge=False,
    )
    table.add_column("#", justify="right", no_wrap=True)
    # no_wrap + min_width: the verdict word is never wrapped, folded or cut.
    table.add_column("verdict", no_wrap=True, min_width=_VERDICT_WIDTH)
    if narrow:
        table.add_column("claim", ratio=1, overflow="fold")
    else:
        table.add_column("claim", ratio=5, overflow="fold")
        table.add_column("reference", ratio=3, min_width=12, overflow="fold")
        # Not flexible: a source name stays whole unless it is very long.
        table.add_column("source", max_width=_MAX_SOURCE_WIDTH, overflow="fold")
    for number, checked in enumerate(claims, start=1):
        cells = [Text(str(number)), _verdict_text(checked.verdict)]
        if narrow:
            cells.append(_stacked_cell(checked))
        else:
            cells += [Text(checked.claim.text), Text(_reference(checked)), Text(_sources(checked))]
        table.add_row(*cells)
    return table


def _verdict_text(verdict: Verdict) -> Text:
    return Text(verdict.value, style=VERDICT_STYLES[verdict])


def _stacked_cell(checked: CheckedClaim) -> Text:
    cell = Text(checked.claim.text)
    cell.append(f"\nreference: {_reference(checked)}", style="dim")
    cell.append(f"\nsource: {_sources(checked)}", style="dim")
    return cell


def _reference(checked: CheckedClaim) -> str:
    first = checked.evidence[0] if checked.evidence else None
    return first.summary if first and first.summary else _NONE


def _sources(checked: CheckedClaim) -> str:
    # dict.fromkeys keeps the evidence order while dropping repeats.
    names = dict.fromkeys(evidence.source for evidence in checked.evidence)
    return ", ".join(names) or _NONE


def _disputed_notes(claims: tuple[CheckedClaim, ...]) -> list[Text]:
    notes = []
    for number, checked in enumerate(claims, start=1):
        if checked.verdict is Verdict.DISPUTED:
            note = Text(f"#{number} ", style="bold")
            note.append(_verdict_text(checked.verdict))
            note.append(f": {checked.explanation or 'no explanation given'}")
            notes.append(note)
    return notes


def _source_problems(report: Report) -> list[Text]:
    problems = [status for status in report.sources if status.status != "ok"]
    if not problems:
        return []
    lines = [Text("Source problems:", style="bold")]
    for status in problems:
        why = f": {status.detail}" if status.detail else ""
        line = Text(f"  {status.name} ({status.kind}) ")
        line.append(status.status, style="red" if status.status == "error" else "yellow")
        line.append(why)
        lines.append(line)
    return lines
