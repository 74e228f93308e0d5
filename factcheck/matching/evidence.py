"""Turning reference rows into evidence records and readable summaries."""

from __future__ import annotations

from datetime import date

from factcheck.lexicon import DEPLOYED_TO, HELD_IN, MEMBER_OF, SAID
from factcheck.records import EventRow, Evidence, TableRow
from factcheck.sources.config import SourceSpec

SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_value(value: float, unit: str | None) -> str:
    """1264126000000, USD -> '1.26 trillion USD'; 2.45, % -> '2.45%'."""
    if unit == "%":
        return f"{value:g}%"
    for scale, word in SCALES:
        if abs(value) >= scale:
            figure = f"{value / scale:.3g} {word}"
            break
    else:
        figure = f"{value:,.10g}"
    return f"{figure} {unit}" if unit and unit not in {"count"} else figure


def format_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "an unknown date"


def format_range(start: date | None, end: date | None) -> str:
    if start is None or end is None or start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B %Y}"
    return f"{format_date(start)} to {format_date(end)}"


def table_evidence(spec: SourceSpec, row: TableRow, tolerance: float | None) -> Evidence:
    return Evidence(
        source=spec.name,
        title=spec.title,
        url=row.url or spec.url,
        record={
            "entity": row.entity,
            "metric": row.metric,
            "period": row.period,
            "value": row.value,
            "unit": row.unit,
            "note": row.note,
            "line": row.line,
        },
        reference_value=row.value,
        unit=row.unit,
        tolerance=tolerance,
        summary=f"{format_value(row.value, row.unit)} ({row.entity}, {row.period})",
    )


def describe_event(row: EventRow) -> str:
    """'Finland joined NATO on 4 April 2023' and the like, by relation."""
    when = format_range(row.date, row.end_date or row.date)
    if row.relation == MEMBER_OF:
        return f"{row.subject} joined {row.object} on {when}"
    if row.relation == HELD_IN:
        return f"{row.subject} held in {row.place or row.object} on {when}"
    if row.relation == SAID:
        return f"{row.subject} said “{row.object}” ({when})"
    if row.relation == DEPLOYED_TO:
        return f"{row.subject} deployed {row.object} to {row.place or 'an unknown place'} ({when})"
    where = f", {row.place}" if row.place else ""
    return f"{row.subject} {row.relation} {row.object}: {when}{where}"


def event_evidence(spec: SourceSpec, row: EventRow) -> Evidence:
    return Evidence(
        source=spec.name,
        title=spec.title,
        url=row.url or spec.url,
        record={
            "subject": row.subject,
            "relation": row.relation,
            "object": row.object,
            "date": row.date.isoformat() if row.date else None,
            "end_date": row.end_date.isoformat() if row.end_date else None,
            "place": row.place,
            "note": row.note,
            "line": row.line,
        },
        summary=describe_event(row),
    )
