"""The report for people: a summary line, then one line per claim, more for a disputed one.

Everything is written to the `Console` the caller passes, so the caller
decides where output goes and whether it is coloured (rich honours NO_COLOR
when it builds a Console). Text from the article and the sources goes in as
`Text`, never as markup, so brackets in a claim cannot restyle the output.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.cells import cell_len
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
_NONE = "—"
_SOURCE_STATUSES = ("ok", "disabled", "error")


def render_terminal(report: Report, console: Console, coverage: Coverage | None = None) -> None:
    """Write the human-readable report for `report` to `console`.

    With `coverage` (the configured sources, see `factcheck.sources.coverage`), a
    report with claims unverified because no source covers them ends with one
    line saying what the sources cover and where to read about adding one.
    """
    claims = claims_in_order(report)
    _say(console, Text(summary_line(report), style="bold"))
    for warning in report.article.warnings:
        _say(console, Text(f"warning: {warning}", style="yellow"))
    for line in _claim_lines(claims, console):
        # Already cut to the terminal's width, or whole lines for a pipe: never re-wrapped.
        console.print(line, soft_wrap=True)
    for line in _source_problems(report):
        _say(console, line, hang=4)
    _print_coverage_note(report, coverage, console)


def _say(console: Console, text: Text, hang: int = 0) -> None:
    """Wrapped at a terminal, lines after the first indented by `hang`, with no space left
    at the ends of lines; for a pipe or a file, the text as it is."""
    if not console.is_terminal:
        console.print(text, soft_wrap=True)
        return
    for number, line in enumerate(_wrapped(text, console.width - hang, console)):
        console.print(Text(" " * hang) + line if number else line, soft_wrap=True)


def render_article(report: Report, console: Console, coverage: Coverage | None = None) -> None:
    """The article itself, each claim styled by verdict and followed by its label.

    The label carries the claim's number, sign and verdict word, so the
    article reads correctly without colour; disputed notes, source problems
    and the coverage note follow as in `render_terminal`.
    """
    _say(console, Text(summary_line(report), style="bold"))
    for warning in report.article.warnings:
        _say(console, Text(f"warning: {warning}", style="yellow"))
    console.print()
    _say(console, _marked_article(report))
    claims = claims_in_order(report)
    for number, checked in hidden_claims(report):
        note = Text(f"#{number} ", style="bold")
        note.append(_labelled(checked.verdict))
        note.append(f" (inside another claim): {checked.claim.text}")
        _say(console, note)
    for line in _disputed_notes(claims):
        _say(console, line)
    for line in _source_problems(report):
        _say(console, line)
    _print_coverage_note(report, coverage, console)


def coverage_line(report: Report, coverage: Coverage | None) -> str | None:
    """The note for a report with claims no source covers; None when it needs none."""
    if coverage is None or not needs_note(report):
        return None
    return coverage_note(coverage)


def _print_coverage_note(report: Report, coverage: Coverage | None, console: Console) -> None:
    line = coverage_line(report, coverage)
    if line:
        _say(console, Text(line))


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


def _claim_lines(claims: tuple[CheckedClaim, ...], console: Console) -> list[Text]:
    """One line per supported or unverified claim; a disputed claim gets its reference,
    source and reason under it.

    At a terminal every line fits its width: a long claim is cut with an ellipsis on a
    one-line entry and wrapped under its own column in a disputed one. Piped, lines are
    neither cut nor wrapped, so that grep and diff see whole claims.
    """
    number_width = len(str(len(claims)))
    indent = " " * (number_width + 2 + _VERDICT_WIDTH + 2)
    width = console.width - len(indent) if console.is_terminal else None
    lines: list[Text] = []
    for number, checked in enumerate(claims, start=1):
        head = Text(f"{number:>{number_width}}  ")
        head.append(_verdict_text(checked.verdict))
        head.append(" " * (_VERDICT_WIDTH - len(checked.verdict.value) + 2))
        if checked.verdict is not Verdict.DISPUTED:
            lines.append(head + Text(_cut(_one_line(checked.claim.text), width)))
            continue
        body = _wrapped(Text(_one_line(checked.claim.text)), width, console)
        for label, value in _disputed_details(checked):
            detail = Text(f"{label}: ", style="dim")
            detail.append(value)
            body += _wrapped(detail, width, console)
        lines.append(head + body[0])
        lines += [Text(indent) + line for line in body[1:]]
    return lines


def _disputed_details(checked: CheckedClaim) -> list[tuple[str, str]]:
    return [
        ("reference", _reference(checked)),
        ("source", _sources(checked)),
        ("why", checked.explanation or "no explanation given"),
    ]


def _one_line(text: str) -> str:
    # A claim spanning a line break would otherwise break the column it sits in.
    return " ".join(text.split())


def _cut(text: str, width: int | None) -> str:
    """`text` in `width` cells, cut in the middle: a claim's subject comes first and its
    figure last, and both say which claim it is."""
    if width is None or cell_len(text) <= width:
        return text
    room = max(width - 3, 0)  # " … "
    head = _whole_words(_fit(text, room * 2 // 5))
    tail = _whole_words(_fit(text[::-1], room - cell_len(head)))[::-1]
    return f"{head.rstrip()} … {tail.lstrip()}".strip()


def _whole_words(start: str) -> str:
    """`start` back to its last space, unless that would drop most of it."""
    cut = start.rfind(" ")
    return start[:cut] if cut > len(start) // 2 else start


def _fit(text: str, width: int) -> str:
    """The longest start of `text` within `width` cells."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[:index]
    return text


def _wrapped(text: Text, width: int | None, console: Console) -> list[Text]:
    if width is None:
        return [text]
    lines = [line.copy() for line in text.wrap(console, max(width, 1), overflow="fold")]
    for line in lines:
        line.rstrip()
    return lines


def _verdict_text(verdict: Verdict) -> Text:
    return Text(verdict.value, style=VERDICT_STYLES[verdict])


def _reference(checked: CheckedClaim) -> str:
    # For a ranking the first evidence is the subject's own row (matching puts it first).
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
