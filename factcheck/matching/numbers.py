"""Verdicts for numbers: stated values, changes and rankings against tables."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from factcheck.matching.evidence import format_value, table_evidence
from factcheck.matching.outcome import Outcome
from factcheck.matching.policy import (
    CONFIDENCE,
    RATIO_TOLERANCE,
    ROUNDED_SHARE,
    ROUNDING_REACH,
    UNSETTLED,
    within_spread,
)
from factcheck.normalise.entities import EntityResolver
from factcheck.records import (
    AMONG_PERIODS,
    Claim,
    Evidence,
    Modality,
    Quantity,
    TableRow,
    Verdict,
)
from factcheck.sources.tables import TableSource

# Relative slack for figures stated without decimals ("about" already widens).
FLOAT_EPSILON = 1e-9


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float

    def holds(self, value: float) -> bool:
        slack = FLOAT_EPSILON * max(abs(value), 1.0)
        return self.lower - slack <= value <= self.upper + slack

    @property
    def tolerance(self) -> float:
        return (self.upper - self.lower) / 2


def accepted(quantity: Quantity) -> Interval:
    """The values a reader may take the stated figure to mean.

    Bounds from approximation words win; otherwise the figure stands for every
    value that rounds to it at the precision it was written with.
    """
    if quantity.lower is not None or quantity.upper is not None:
        lower = quantity.lower if quantity.lower is not None else float("-inf")
        upper = quantity.upper if quantity.upper is not None else float("inf")
        return Interval(lower, upper)
    # "4 million" stands for 3.5-4.5 million as rounding goes, but a reader does not take
    # it for 3.5 million: a round figure covers at most ROUNDING_REACH either side.
    half = quantity.precision / 2
    if quantity.unit not in {"%", "pp"}:  # "up 1%" is 0.5-1.5%: points are not a share
        half = min(half, ROUNDING_REACH * abs(quantity.value))
    return Interval(quantity.value - half, quantity.value + half)


def entity_key(resolver: EntityResolver, name: str) -> str:
    """The resolver's key, also reading demonyms as countries ('Americans' -> USA); a
    two-letter code prose does not use ('SA') is no country's."""
    if resolver.is_unwritten_code(name):
        return name.casefold()
    key = resolver.key(name)
    if resolver.is_country(name):
        return key
    for word in (name, name.removesuffix("s")):
        code = resolver.from_demonym(word)
        if code is not None:
            return code
    return key


def periods_of(claim: Claim) -> list[str]:
    """The periods a claim's date names, finest first: ['2023-09', '2023'] for 'in September'."""
    time = claim.time
    if time is None or time.start is None or time.end is None:
        return []
    start, end = time.start, time.end
    found = []
    if start == end:
        found.append(start.isoformat())
    if (start.year, start.month) == (end.year, end.month):
        found.append(start.isoformat()[:7])
    if start.year == end.year:
        found.append(str(start.year))
    return found


def _has_year(claim: Claim) -> bool:
    return claim.time is not None and re.search(r"\d{4}", claim.time.text) is not None


def latest_period(periods: Sequence[str], published: date, *, ended: bool = False) -> str | None:
    """The most recent period that had begun by the publication date; with `ended`, that
    had ended (a statistic for a year is published after the year: in March 2024 the
    latest annual inflation is 2023's, whatever a table now holds for 2024)."""
    stamp = published.isoformat()
    begun = [p for p in periods if (p < stamp[: len(p)] if ended else p <= stamp[: len(p)])]
    return begun[-1] if begun else None


def reported_after(table: TableSource) -> bool:
    """Whether the table's figures for a period appear only once it is over
    (`latest = "ended"` in sources.toml), as statistics series' do."""
    return table.spec.options.get("latest") == "ended"


# Table units a plain count ("16.5 million", "26 seats") may be a value of.
COUNT_UNITS = frozenset(
    {"count", "number", "people", "persons", "inhabitants", "employees", "seats", "units"}
)


def compatible(row: TableRow, quantity: Quantity) -> bool:
    if quantity.unit is None:
        if 0 < abs(quantity.value) < 1:
            return False  # "almost half the electorate": a share, never a count of anything
        return not row.unit or row.unit.casefold() in COUNT_UNITS
    return row.unit.casefold() == quantity.unit.casefold()


def _pick(
    table: TableSource, key: str, metric: str, claim: Claim, published: date
) -> list[TableRow]:
    """Rows for the claim's own period (finest first), else the latest before publication.

    A figure a change started from ("up from 113") without a year of its own is
    the period before the latest one.
    """
    if claim.direction == "earlier" and not _has_year(claim):
        periods = table.periods(key, metric)
        latest = latest_period(periods, published, ended=reported_after(table))
        earlier = [p for p in periods if latest and len(p) == len(latest) and p < latest]
        return table.lookup(key, metric, earlier[-1]) if earlier else []
    wanted = periods_of(claim)
    for period in wanted:
        rows = table.lookup(key, metric, period)
        if rows:
            return rows
    if wanted:
        return []
    latest = latest_period(table.periods(key, metric), published, ended=reported_after(table))
    return table.lookup(key, metric, latest) if latest else []


def _implied(table: TableSource, metric: str, claim: Claim, published: date) -> list[TableRow]:
    """When the text never names whose figure it is, the table may: if it has one entity only.

    "Emissions rose to 37.4 billion tonnes" in a story about the world: a table
    of world emissions answers it; a table of many countries cannot.
    """
    if not claim.subject_from_context:
        return []
    keys = {
        key
        for row, key in zip(table.rows, table.entity_keys, strict=True)
        if row.metric.casefold() == metric.casefold()
    }
    if len(keys) != 1:
        return []
    return _pick(table, keys.pop(), metric, claim, published)


def _tables_naming(phrase: str, tables: Sequence[TableSource]) -> Iterator[tuple[TableSource, str]]:
    """Each table that has the metric a claim names, with the metric's own name there."""
    for table in tables:
        metric = table.metric_for(phrase)
        if metric is not None:
            yield table, metric


def check_quantity(
    claim: Claim, tables: Sequence[TableSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    if claim.quantity is None or claim.predicate is None or claim.subject is None:
        return None
    key = entity_key(resolver, claim.subject)
    for table, metric in _tables_naming(claim.predicate, tables):
        outcomes = [
            _compare_value(claim, claim.quantity, table, rows[0])
            for rows in _undated(table, key, metric, claim, published)
            if rows
        ]
        if outcomes:
            agreeing = [o for o in outcomes if o.verdict is Verdict.SUPPORTED]
            return (agreeing or outcomes)[0]
        picked = _pick(table, key, metric, claim, published) or _implied(
            table, metric, claim, published
        )
        rows = [r for r in picked if compatible(r, claim.quantity)]
        if rows:
            return _compare_value(claim, claim.quantity, table, rows[0])
    return None


def _undated(
    table: TableSource, key: str, metric: str, claim: Claim, published: date
) -> list[list[TableRow]]:
    """A figure with no period of its own, against a series of both months and years: the
    latest month and the latest year are both what "the latest" may mean ("the median
    price for the year reached $389,800"). Empty unless the series mixes granularities."""
    if periods_of(claim) or claim.direction == "earlier":
        return []
    periods = table.periods(key, metric)
    lengths = sorted({len(p) for p in periods})
    if len(lengths) < 2:
        return []
    ended = reported_after(table)
    latest = [
        latest_period([p for p in periods if len(p) == n], published, ended=ended) for n in lengths
    ]
    return [
        [r for r in table.lookup(key, metric, p) if compatible(r, claim.quantity)]
        for p in latest
        if p is not None and claim.quantity is not None
    ]


def _compare_value(claim: Claim, quantity: Quantity, table: TableSource, row: TableRow) -> Outcome:
    interval = accepted(quantity)
    evidence = table_evidence(table.spec, row, interval.tolerance)
    stated = quantity.text or format_value(quantity.value, quantity.unit)
    reference = format_value(row.value, row.unit)
    if _sign_unstated(claim, quantity, row):
        return Outcome(
            Verdict.UNVERIFIED,
            UNSETTLED,
            f"{table.spec.name} gives {reference} for {row.entity} in {row.period}; the text "
            f"states {stated} without saying whether it is a rise or a fall, so it is not "
            "disputed.",
            (evidence,),
        )
    if interval.holds(row.value):
        came_true = " (the prediction came true)" if claim.modality is Modality.PREDICTION else ""
        return Outcome(
            Verdict.SUPPORTED,
            CONFIDENCE["value"],
            f"{table.spec.name} gives {reference} for {row.entity} in {row.period}, "
            f"which agrees with the stated {stated}{came_true}.",
            (evidence,),
        )
    spread = float(table.spec.options.get("spread", 0.0))
    if within_spread(quantity.value, row.value, spread):
        return Outcome(
            Verdict.UNVERIFIED,
            UNSETTLED,
            f"{table.spec.name} gives {reference} for {row.entity} in {row.period}, within "
            f"{spread:.0%} of the stated {stated}: estimates of this figure differ that much "
            "between agencies, so it is not disputed.",
            (evidence,),
        )
    return Outcome(
        Verdict.DISPUTED,
        CONFIDENCE["value"],
        f"{table.spec.name} gives {reference} for {row.entity} in {row.period}, "
        f"not the stated {stated}.",
        (evidence,),
    )


def check_change(
    claim: Claim, tables: Sequence[TableSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    """'rose by 8%': the change between the claim's period and the one before."""
    if claim.quantity is None or claim.predicate is None or claim.subject is None:
        return None
    key = entity_key(resolver, claim.subject)
    for table, metric in _tables_naming(claim.predicate, tables):
        if any(word in metric.casefold() for word in RATE_METRICS):
            # "the economy grew by 3.1%" against a table of growth rates: the rate is the
            # value, and "shrank by 0.3%" is a rate of -0.3%
            return check_quantity(_signed(claim), [table], resolver, published)
        period = _claimed_period(
            claim, table.periods(key, metric), published, reported_after(table)
        )
        # Compare like with like: a month with the month before, a year with the year before.
        periods = [p for p in table.periods(key, metric) if period and len(p) == len(period)]
        if period is None or period not in periods or periods.index(period) == 0:
            continue
        now = table.lookup(key, metric, period)[0]
        before = table.lookup(key, metric, periods[periods.index(period) - 1])[0]
        return _compare_change(claim, claim.quantity, table, before, now)
    return None


def _signed(claim: Claim) -> Claim:
    quantity = claim.quantity
    if claim.direction != "down" or quantity is None:
        return claim
    negated = replace(
        quantity,
        value=-quantity.value,
        lower=-quantity.upper if quantity.upper is not None else None,
        upper=-quantity.lower if quantity.lower is not None else None,
    )
    return replace(claim, quantity=negated)


def _compare_change(
    claim: Claim, quantity: Quantity, table: TableSource, before: TableRow, now: TableRow
) -> Outcome:
    if quantity.unit == "%":
        change = (now.value - before.value) / before.value * 100 if before.value else 0.0
        shown = f"{change:+.1f}%"
    else:
        change = now.value - before.value
        shown = format_value(change, now.unit)
    # The stated size is a magnitude ("fell by about 0.3%"); the direction is checked apart.
    interval = accepted(quantity)
    right_way = {"up": change > 0, "down": change < 0}.get(claim.direction or "", True)
    evidence = (table_evidence(table.spec, before, None), table_evidence(table.spec, now, None))
    supported = right_way and interval.holds(abs(change))
    verdict = Verdict.SUPPORTED if supported else Verdict.DISPUTED
    agrees = "agrees with" if verdict is Verdict.SUPPORTED else "does not match"
    found = (
        f"{table.spec.name} shows a change of {shown} for {now.entity} from {before.period} "
        f"to {now.period}, which {agrees} the stated {quantity.text or quantity.value} "
        f"{ {'up': 'rise', 'down': 'fall'}.get(claim.direction or '', 'change') }"
    )
    low, high = _change_range(before.value, now.value, quantity.unit == "%")
    rounded = interval.lower <= max(abs(low), abs(high)) and (
        min(abs(low), abs(high)) <= interval.upper or low * high <= 0
    )
    if not supported and right_way and rounded:
        return Outcome(
            Verdict.UNVERIFIED,
            UNSETTLED,
            f"{found}; but the table's figures are rounded, and the change they allow "
            f"({abs(low):.1f} to {abs(high):.1f}) includes the stated one, so it is not "
            "disputed.",
            evidence,
        )
    spread = float(table.spec.options.get("spread", 0.0))
    loose = within_spread(_level_after(claim, before), now.value, spread)
    if not supported and right_way and loose:
        # A level known only to within the spread makes a change from two levels as loose.
        return Outcome(
            Verdict.UNVERIFIED,
            UNSETTLED,
            f"{found}; but the level the stated change implies is within {spread:.0%} of the "
            "table's, and estimates of this figure differ that much, so it is not disputed.",
            evidence,
        )
    return Outcome(verdict, CONFIDENCE["change"], f"{found}.", evidence)


def _change_range(before: float, now: float, relative: bool) -> tuple[float, float]:
    """The change between two levels each known only to its last written digit: 223.2
    and 214 million tonnes make a rise of 4.0-4.6%, not exactly 4.3%."""
    b, n = _half_unit(before), _half_unit(now)
    if not relative:
        return now - n - (before + b), now + n - (before - b)
    if before - b <= 0:  # from nothing (or too near it to say): no relative change
        exact = (now - before) / before * 100 if before else 0.0
        return exact, exact
    return (now - n) / (before + b) * 100 - 100, (now + n) / (before - b) * 100 - 100


def _half_unit(value: float) -> float:
    """Half the place of a value's last written digit ('223.2' -> 0.05, '214000000' ->
    500000): how far it may be from the figure it rounds."""
    written = repr(float(value))
    if "e" in written or "inf" in written or "nan" in written:
        return 0.0
    whole, _, fraction = written.partition(".")
    fraction = fraction.rstrip("0")
    if fraction:
        return 0.5 * 10.0 ** -len(fraction)
    digits = whole.lstrip("-")
    if digits == "0":
        return 0.0
    # "214000000" is 214 million to the nearest million; "105" and "100" are counts,
    # exact: only three or more trailing zeros stand for rounding, and only as far as
    # ROUNDED_SHARE of the value.
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros < 3:
        return 0.0
    return float(min(0.5 * 10.0**zeros, ROUNDED_SHARE * abs(value)))


def _level_after(claim: Claim, before: TableRow) -> float:
    """The level the stated change leads to from `before`."""
    assert claim.quantity is not None
    size = claim.quantity.value if claim.direction != "down" else -claim.quantity.value
    if claim.quantity.unit == "%":
        return before.value * (1 + size / 100)
    return before.value + size


def check_ranking(
    claim: Claim, tables: Sequence[TableSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    """Rank among the countries (or all entities) of the same metric and period."""
    if claim.rank is None or claim.predicate is None or claim.subject is None:
        return None
    if claim.scope == AMONG_PERIODS:
        return _rank_among_periods(claim, claim.rank, tables, resolver, published)
    key = entity_key(resolver, claim.subject)
    for table, metric in _tables_naming(claim.predicate, tables):
        period = _claimed_period(
            claim, table.periods(key, metric), published, reported_after(table)
        )
        if period is None:
            continue
        countries_only = resolver.is_country(claim.subject) or key != resolver.key(claim.subject)
        low_end = claim.direction == "down"  # "the lowest": first from the smallest value
        ranked = _ranked(table.rows_for(metric, period), resolver, countries_only, low_end)
        positions = _positions(ranked, key, resolver, low_end)
        if positions is None:
            continue
        if len(ranked) < max(claim.rank, 2):
            continue  # "the second-busiest" against a table of one port: it ranks nothing
        position = claim.rank if claim.rank in positions else positions[0]
        own = next(r for r in ranked if resolver.key(r.entity) == key)
        return _compare_rank(claim, claim.rank, table, ranked, position, own)
    return None


def _rank_among_periods(
    claim: Claim,
    rank: int,
    tables: Sequence[TableSource],
    resolver: EntityResolver,
    published: date,
) -> Outcome | None:
    """'2023 was the warmest year on record': the period's place among the series' periods
    known when the text was published (same granularity and unit). Only recorded periods
    count, so a claim is disputed by a recorded higher value, never by a missing one."""
    key = entity_key(resolver, claim.subject or "")
    wanted = periods_of(claim)
    for table, metric in _tables_naming(claim.predicate or "", tables):
        series = table.lookup(key, metric)
        row = next((r for p in wanted for r in series if r.period == p), None)
        if row is None:
            continue
        sign = -1 if claim.direction == "down" else 1
        until = published.isoformat()[: len(row.period)]
        earlier = [
            r for r in series
            if len(r.period) == len(row.period) and r.period <= until and r.unit == row.unit
        ]  # fmt: skip
        ranked = sorted(earlier, key=lambda r: (-sign * r.value, r.period))
        position = 1 + sum(1 for r in earlier if sign * r.value > sign * row.value)
        evidence = _rank_evidence(table, row, ranked)
        explanation = (
            f"{table.spec.name} ranks {row.period} {_ordinal(position)} of the {len(earlier)} "
            f"periods it records for {row.entity} ({min(r.period for r in earlier)} to "
            f"{max(r.period for r in earlier)})"
        )
        if position == rank:
            return Outcome(Verdict.SUPPORTED, CONFIDENCE["periods"], f"{explanation}.", evidence)
        leader = ranked[rank - 1].period if rank <= len(ranked) else "none"
        return Outcome(
            Verdict.DISPUTED,
            CONFIDENCE["periods"],
            f"{explanation}; {_ordinal(rank)} is {leader}.",
            evidence,
        )
    return None


def _claimed_period(
    claim: Claim, periods: Sequence[str], published: date, ended: bool = False
) -> str | None:
    wanted = periods_of(claim)
    found = next((p for p in wanted if p in periods), None)
    if found is not None or wanted:
        return found
    return latest_period(periods, published, ended=ended)


def _positions(
    ranked: Sequence[TableRow], key: str, resolver: EntityResolver, low_end: bool = False
) -> range | None:
    """The ranks an entity can hold: tied entities share every rank of the tie."""
    row = next((r for r in ranked if resolver.key(r.entity) == key), None)
    if row is None:
        return None
    sign = -1 if low_end else 1
    ahead = sum(1 for other in ranked if sign * other.value > sign * row.value)
    tied = sum(1 for other in ranked if other.value == row.value)
    return range(ahead + 1, ahead + tied + 1)


def _ranked(
    rows: Sequence[TableRow], resolver: EntityResolver, countries: bool, low_end: bool = False
) -> list[TableRow]:
    units = {row.unit for row in rows}
    unit = max(sorted(units), key=lambda u: sum(1 for r in rows if r.unit == u)) if units else ""
    same = [r for r in rows if r.unit == unit and (not countries or resolver.is_country(r.entity))]
    sign = 1 if low_end else -1
    return sorted(same, key=lambda row: (sign * row.value, row.entity))


def _compare_rank(
    claim: Claim,
    rank: int,
    table: TableSource,
    ranked: Sequence[TableRow],
    position: int,
    own: TableRow,
) -> Outcome:
    evidence = _rank_evidence(table, own, ranked[: max(rank, position)])
    ordinal = _ordinal(position)
    leader = ranked[rank - 1].entity if rank <= len(ranked) else "nobody"
    if position == rank:
        return Outcome(
            Verdict.SUPPORTED,
            CONFIDENCE["rank"],
            f"{table.spec.name} ranks {claim.subject} {ordinal} of {len(ranked)} "
            f"in {ranked[0].period}.",
            evidence,
        )
    return Outcome(
        Verdict.DISPUTED,
        CONFIDENCE["rank"],
        f"{table.spec.name} ranks {claim.subject} {ordinal} of {len(ranked)} in "
        f"{ranked[0].period}; {_ordinal(rank)} is {leader}.",
        evidence,
    )


def _rank_evidence(
    table: TableSource, own: TableRow, top: Sequence[TableRow]
) -> tuple[Evidence, ...]:
    """The subject's own row first (the value a report shows against the claim), then
    the top three rows, which say who holds the claimed rank."""
    rows = [own, *(row for row in top[:3] if row is not own)]
    return tuple(table_evidence(table.spec, row, None) for row in rows)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# Metrics whose values are themselves changes: a stated change is checked as their value.
RATE_METRICS = ("growth", "inflation", "change")


def _sign_unstated(claim: Claim, quantity: Quantity, row: TableRow) -> bool:
    """'... and robbery 0.3%' after 'rape fell 9.4%': a rate whose sign the clause does not
    give (a gapped list item) against a row of the other sign."""
    # Not growth or inflation: "inflation was 2%" does say prices rose.
    change = "change" in row.metric.casefold()
    opposite = quantity.value * row.value < 0
    return change and opposite and claim.direction is None


def check_comparison(
    claim: Claim, tables: Sequence[TableSource], resolver: EntityResolver, published: date
) -> Outcome | None:
    """'X spends more than Y', 'twice as much as Y': both values from one table and period."""
    if claim.subject is None or claim.object is None or claim.predicate is None:
        return None
    first, second = entity_key(resolver, claim.subject), entity_key(resolver, claim.object)
    for table, metric in _tables_naming(claim.predicate, tables):
        ours = _pick(table, first, metric, claim, published)
        theirs = {(r.period, r.unit): r for r in _pick(table, second, metric, claim, published)}
        pair = next(
            ((r, theirs[r.period, r.unit]) for r in ours if (r.period, r.unit) in theirs), None
        )
        if pair is not None:
            return _compare_pair(claim, table, *pair)
    return None


def _compare_pair(claim: Claim, table: TableSource, ours: TableRow, theirs: TableRow) -> Outcome:
    ratio = ours.value / theirs.value if theirs.value else float("inf")
    right_way = ours.value > theirs.value if claim.direction == "up" else ours.value < theirs.value
    stated = claim.quantity
    if stated is not None and stated.unit != "x":  # a gap: "3 kilometres longer than"
        holds = accepted(stated).holds(abs(ours.value - theirs.value))
    elif stated is not None and stated.lower is not None:
        holds = ratio >= stated.lower
    elif stated is not None:
        holds = abs(ratio - stated.value) <= RATIO_TOLERANCE * stated.value
    else:
        holds = True
    verdict = Verdict.SUPPORTED if right_way and holds else Verdict.DISPUTED
    evidence = (table_evidence(table.spec, ours, None), table_evidence(table.spec, theirs, None))
    return Outcome(
        verdict,
        CONFIDENCE["comparison"],
        f"{table.spec.name} gives {format_value(ours.value, ours.unit)} for {ours.entity} and "
        f"{format_value(theirs.value, theirs.unit)} for {theirs.entity} in {ours.period} "
        f"({ratio:.2f} times as much).",
        evidence,
    )
