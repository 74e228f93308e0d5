"""`kind = "worldbank"`: World Bank Indicators API v2, asked per claim.

A numeric claim about a country whose metric has an indicator in
`[source.indicators]` becomes one request for that country, indicator and the
claim's years (the year before as well, for changes). Rankings ask for every
country. Answers become `TableRow`s of an in-memory `TableSource`.

A row's unit comes from the indicator's name in the answer ("Inflation, consumer
prices (annual %)" is in %, "GDP (current US$)" in USD); the code's suffix is
used only when the answer does not name the indicator.

The API answers errors with HTTP 200 and a body `[{"message": [...]}]`; rows
with a `null` value mean "no data" and are dropped; results are paginated. An
answer announcing more pages than `max_pages` fails the query rather than give
a partial series (a ranking over part of the countries would be wrong), and a
value that is not a finite number fails it too.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, ClaimType, TableRow
from factcheck.sources.config import SourceSpec
from factcheck.sources.fetching import Fetcher, FetchError
from factcheck.sources.limits import finite
from factcheck.sources.remote_kinds import (
    Built,
    Kind,
    Query,
    Row,
    check_common,
    check_number,
    check_url,
    group,
    raise_problems,
    string_option,
    string_table,
    ttl,
)
from factcheck.sources.tables import TableSource, fold_phrase

DEFAULT_BASE_URL = "https://api.worldbank.org/v2"
PER_PAGE = 1000
RECENT_VALUES = 10  # "mrv" for claims that state no year
DEFAULT_MAX_PAGES = 10  # a ranking of every country over ten years fits in three
_INDICATOR = re.compile(r"[A-Za-z0-9_.]+")
_MONTH = re.compile(r"(\d{4})M(\d{2})")
_NUMERIC = (ClaimType.QUANTITY, ClaimType.CHANGE, ClaimType.RANKING)


def check(spec: SourceSpec) -> None:
    problems: list[str] = []
    check_common(spec, {"base_url", "indicators", "max_pages"}, problems)
    check_url(spec, "base_url", problems)
    check_number(spec, "max_pages", "a whole number >= 1", lambda v: v >= 1, problems, whole=True)
    indicators = string_table(spec, "indicators", problems)
    if not indicators and "indicators" not in spec.options:
        problems.append("missing key 'indicators' (metric = \"indicator code\")")
    for metric, code in indicators.items():
        if not _INDICATOR.fullmatch(code):
            problems.append(f"key 'indicators.\"{metric}\"': {code!r} is not an indicator code")
    raise_problems(spec, problems)


def plan(spec: SourceSpec, claims: Sequence[Claim], resolver: EntityResolver) -> list[Query]:
    indicators = _indicators(spec)
    phrases = _phrases(spec, indicators)
    pairs: list[tuple[tuple[str, ...], str]] = []
    for claim in claims:
        if claim.type not in _NUMERIC or claim.predicate is None or claim.subject is None:
            continue
        metric = phrases.get(fold_phrase(claim.predicate))
        if metric is None:
            continue
        country = "all" if claim.type is ClaimType.RANKING else _country(resolver, claim.subject)
        if country is None:
            continue
        pairs.append(((country, metric, _dates(claim)), claim.id))
    return group(pairs)


async def run(
    spec: SourceSpec, query: Query, fetcher: Fetcher, resolver: EntityResolver
) -> list[Row]:
    country, metric, dates = query.key
    indicator = _indicators(spec)[metric]
    url = f"{_base(spec)}/country/{country}/indicator/{indicator}"
    params = {"format": "json", "per_page": str(PER_PAGE)}
    params.update({"date": dates} if dates else {"mrv": str(RECENT_VALUES)})
    first = await _page(fetcher, spec, url, params, 1)
    pages = _pages(first)
    most = int(spec.options.get("max_pages", DEFAULT_MAX_PAGES))
    if pages > most:
        raise FetchError(
            f"World Bank answer has {pages} pages, more than max_pages = {most} "
            f"({url.split('?')[0]})"
        )
    rest = await asyncio.gather(
        *(_page(fetcher, spec, url, params, n) for n in range(2, pages + 1))
    )
    link = f"{url}?{urlencode(sorted(params.items()))}"
    rows: list[Row] = []
    for body in (first, *rest):
        rows.extend(_rows(spec, body, metric, indicator, link, resolver))
    return rows


def build(spec: SourceSpec, rows: Sequence[Row], resolver: EntityResolver) -> tuple[Built, ...]:
    unique: dict[tuple[str, str, str], TableRow] = {}
    for row in rows:
        if isinstance(row, TableRow):
            unique.setdefault((resolver.key(row.entity), row.metric, row.period), row)
    table_rows = tuple(unique.values())
    keys = tuple(resolver.key(row.entity) for row in table_rows)
    return (TableSource(spec=spec, rows=table_rows, entity_keys=keys),)


async def probe(spec: SourceSpec, fetcher: Fetcher) -> str:
    indicators = _indicators(spec)
    metric, indicator = next(iter(indicators.items()))
    url = f"{_base(spec)}/country/USA/indicator/{indicator}"
    reply = await fetcher.get_json(url, {"format": "json", "mrv": "1"}, ttl=0, validate=_validate)
    return f"{metric} ({indicator}): {len(_body_rows(reply.data))} row(s) for USA"


# The unit an indicator's name states, first match wins ("" is a plain count). Names
# put the unit in brackets: "Inflation, consumer prices (annual %)", "GDP (current
# US$)", "Population, total", "Unemployment, total (% of total labor force)".
UNIT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\([^()]*%[^()]*\)"), "%"),  # (annual %), (% of GDP), (% of total labor force)
    (re.compile(r"\binternational \$", re.IGNORECASE), "international $"),  # PPP, not USD
    (re.compile(r"\b(?:current|constant(?: \d{4})?) (?:US\$|USD)(?!\w)", re.IGNORECASE), "USD"),
    (re.compile(r"\b(?:current|constant(?: \d{4})?) LCU\b", re.IGNORECASE), "LCU"),
    (re.compile(r"\(years\)", re.IGNORECASE), "year"),
    (re.compile(r"\(sq\. km\)", re.IGNORECASE), "km2"),
    (re.compile(r"\(number\)|\btotal\s*$|,\s*total\b", re.IGNORECASE), ""),
)
# Any other bracketed unit ("(kt)", "(2010 = 100)") is kept as written, so that it
# matches no stated unit rather than passing for a count.
_BRACKETED = re.compile(r"\(([^()]+)\)\s*$")
# Code suffixes, for answers that do not name the indicator: growth rates (.ZG) and
# shares (.ZS) are percentages, .CD/.KD current/constant US$, .CN/.KN local currency.
_SUFFIX_UNITS: tuple[tuple[str, str], ...] = (
    (".ZG", "%"),
    (".ZS", "%"),
    (".PP.CD", "international $"),
    (".PP.KD", "international $"),
    (".CD", "USD"),
    (".KD", "USD"),
    (".CN", "LCU"),
    (".KN", "LCU"),
)


def unit_of(indicator: str, name: str | None = None) -> str:
    """The unit of an indicator's values: from its name, else from its code's suffix.

    `name` is the indicator's title as the API gives it ("Inflation, consumer
    prices (annual %)" -> "%"); "" is a plain count.
    """
    if name and name.strip():
        for pattern, unit in UNIT_PATTERNS:
            if pattern.search(name):
                return unit
        bracketed = _BRACKETED.search(name)
        if bracketed:
            return bracketed.group(1).strip()
    code = indicator.upper()
    return next((unit for suffix, unit in _SUFFIX_UNITS if code.endswith(suffix)), "")


def _indicators(spec: SourceSpec) -> Mapping[str, str]:
    raw = spec.options.get("indicators", {})
    return raw if isinstance(raw, dict) else {}


def _phrases(spec: SourceSpec, indicators: Mapping[str, str]) -> dict[str, str]:
    phrases = {fold_phrase(metric): metric for metric in indicators}
    for metric, names in spec.metrics.items():
        if metric in indicators:
            phrases.update({fold_phrase(name): metric for name in names})
    return phrases


def _base(spec: SourceSpec) -> str:
    return string_option(spec, "base_url", DEFAULT_BASE_URL).rstrip("/")


def _country(resolver: EntityResolver, subject: str) -> str | None:
    code = resolver.country_code(subject, alpha=3)
    if code is not None:
        return code
    for word in (subject, subject.removesuffix("s")):
        code = resolver.from_demonym(word)
        if code is not None:
            return code
    return None


def _dates(claim: Claim) -> str:
    """ "2023", "2022:2023" for a change, or "" (most recent values) without a year."""
    time = claim.time
    if time is None or time.start is None or time.end is None:
        return ""
    first = time.start.year - (1 if claim.type is ClaimType.CHANGE else 0)
    last = time.end.year
    return str(last) if first == last else f"{first}:{last}"


async def _page(
    fetcher: Fetcher, spec: SourceSpec, url: str, params: Mapping[str, str], page: int
) -> Any:
    asked = {**params, "page": str(page)} if page > 1 else dict(params)
    reply = await fetcher.get_json(url, asked, ttl=ttl(spec), validate=_validate)
    return reply.data


def _validate(data: Any) -> None:
    """Raise FetchError for the API's error bodies and anything not `[meta, rows]`."""
    if isinstance(data, list) and data and isinstance(data[0], dict) and "message" in data[0]:
        raise FetchError(f"World Bank API error: {_message(data[0]['message'])}")
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], dict)):
        raise FetchError("unexpected World Bank response (expected [metadata, rows])")
    if data[1] is not None and not isinstance(data[1], list):
        raise FetchError("unexpected World Bank response (rows are not a list)")


def _message(messages: Any) -> str:
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        first = messages[0]
        return f"{first.get('id', '?')} {first.get('key', '')}: {first.get('value', '')}".strip()
    return "unknown error"


def _pages(body: Any) -> int:
    """The page count the metadata gives (an int, or digits: the API has sent both)."""
    pages = body[0].get("pages", 1)
    if isinstance(pages, str) and pages.isascii() and pages.isdigit() and len(pages) < 19:
        pages = int(pages)
    return max(1, pages) if isinstance(pages, int) and not isinstance(pages, bool) else 1


def _body_rows(body: Any) -> list[Any]:
    rows = body[1] if isinstance(body, list) and len(body) == 2 else None
    return rows if isinstance(rows, list) else []


def _rows(
    spec: SourceSpec,
    body: Any,
    metric: str,
    indicator: str,
    link: str,
    resolver: EntityResolver,
) -> list[TableRow]:
    rows = []
    for item in _body_rows(body):
        if not isinstance(item, dict):
            continue
        value, period, entity = (
            item.get("value"),
            _period(item.get("date")),
            _entity(item, resolver),
        )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not period
            or not entity
        ):
            continue  # null = no data for that year
        if not finite(value):
            raise FetchError(f"World Bank value for {entity}, {period} is not a finite number")
        name = _indicator_name(item)
        rows.append(
            TableRow(
                entity=entity,
                metric=metric,
                period=period,
                value=float(value),
                unit=unit_of(indicator, name),
                url=link,
                note=f"World Bank indicator {indicator}" + (f" ({name})" if name else ""),
                source=spec.name,
            )
        )
    return rows


def _indicator_name(item: Mapping[str, Any]) -> str | None:
    """The row's `indicator.value` ("GDP growth (annual %)"), or None when absent."""
    indicator = item.get("indicator")
    name = indicator.get("value") if isinstance(indicator, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def _period(raw: Any) -> str | None:
    if not isinstance(raw, str):
        return None
    if re.fullmatch(r"\d{4}", raw):
        return raw
    month = _MONTH.fullmatch(raw)
    return f"{month.group(1)}-{month.group(2)}" if month else None  # quarters are skipped


def _entity(item: Mapping[str, Any], resolver: EntityResolver) -> str | None:
    iso3 = item.get("countryiso3code")
    country = item.get("country")
    name = country.get("value") if isinstance(country, dict) else None
    if isinstance(iso3, str) and len(iso3) == 3 and resolver.is_country(iso3):
        return resolver.display(iso3)
    return name if isinstance(name, str) and name else None


KIND = Kind("worldbank", check, plan, run, build, probe)
