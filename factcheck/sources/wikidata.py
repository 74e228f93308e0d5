"""`kind = "wikidata"`: the Wikidata Query Service (SPARQL), asked per claim.

Article text never becomes SPARQL syntax. A name is first resolved to an item
id by a query in which it appears only as a string literal, escaped by
`sparql_string`; every later query interpolates only ids that match `Q\\d+` or
`P\\d+`. Membership claims do not even need the member's id: the query lists
every member of the organisation and matching compares names locally.

Built-in relations: membership with start and end (P463, P580, P582), capital
(P36), head of government (P6), inception (P571) and population (P1082, a
table metric). `[source.properties]` maps further relation names to item-valued
properties (`"head of state" = "P35"`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from factcheck.lexicon import MEMBER_OF
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, ClaimType, EventRow, TableRow
from factcheck.sources.config import SourceSpec
from factcheck.sources.events import EventSource
from factcheck.sources.fetching import Fetcher, FetchError
from factcheck.sources.remote_kinds import (
    Built,
    Kind,
    Query,
    Row,
    check_common,
    check_url,
    group,
    raise_problems,
    string_option,
    string_table,
    ttl,
)
from factcheck.sources.tables import TableSource, fold_phrase

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
ENTITY_URL = "https://www.wikidata.org/wiki/"
POPULATION = "population"
INCEPTION = "inception"
MEMBERSHIP_PROPERTY = "P463"
BUILT_IN_PROPERTIES: Mapping[str, str] = {"capital": "P36", "head of government": "P6"}
_ITEM = re.compile(r"Q[1-9]\d*")
_PROPERTY = re.compile(r"P[1-9]\d*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)*")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}

LABEL_QUERY = """SELECT ?item WHERE {{
  ?item rdfs:label|skos:altLabel {literal} .
  ?item wikibase:sitelinks ?links .
}} ORDER BY DESC(?links) LIMIT 1"""

MEMBERS_QUERY = """SELECT ?subject ?subjectLabel ?start ?end WHERE {{
  ?subject p:P463 ?statement .
  ?statement ps:P463 wd:{item} .
  OPTIONAL {{ ?statement pq:P580 ?start . }}
  OPTIONAL {{ ?statement pq:P582 ?end . }}
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "{language}". }}
}}"""

PROPERTY_QUERY = """SELECT ?value ?valueLabel ?start ?end WHERE {{
  wd:{item} p:{property} ?statement .
  ?statement ps:{property} ?value .
  OPTIONAL {{ ?statement pq:P580 ?start . }}
  OPTIONAL {{ ?statement pq:P582 ?end . }}
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "{language}". }}
}}"""

POPULATION_QUERY = """SELECT ?value ?time WHERE {{
  wd:{item} p:P1082 ?statement .
  ?statement ps:P1082 ?value .
  OPTIONAL {{ ?statement pq:P585 ?time . }}
}}"""

INCEPTION_QUERY = """SELECT ?value WHERE {{
  wd:{item} wdt:P571 ?value .
}}"""


def sparql_string(text: str, language: str) -> str:
    """`text` as a SPARQL string literal with a language tag, safe for any input."""
    # Other control characters become spaces rather than \\u escapes: SPARQL
    # decodes \\u before parsing, so an escaped quote would end the string.
    escaped = "".join(
        _ESCAPES.get(char, " " if ord(char) < 0x20 or ord(char) == 0x7F else char) for char in text
    )
    return f'"{escaped}"@{language}'


def check(spec: SourceSpec) -> None:
    problems: list[str] = []
    check_common(spec, {"endpoint", "language", "properties"}, problems)
    check_url(spec, "endpoint", problems)
    language = spec.options.get("language", "en")
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        problems.append(f"key 'language': {language!r} is not a language code such as \"en\"")
    for name, prop in string_table(spec, "properties", problems).items():
        if not _PROPERTY.fullmatch(prop):
            problems.append(f"key 'properties.\"{name}\"': {prop!r} is not a property id (P36)")
    raise_problems(spec, problems)


def plan(spec: SourceSpec, claims: Sequence[Claim], resolver: EntityResolver) -> list[Query]:
    properties = _properties(spec)
    population = {fold_phrase(name) for name in spec.metrics.get(POPULATION, (POPULATION,))}
    pairs: list[tuple[tuple[str, ...], str]] = []
    for claim in claims:
        predicate = claim.predicate or ""
        if claim.type is ClaimType.EVENT and predicate == MEMBER_OF and claim.object:
            pairs.append((("members", resolver.display(claim.object)), claim.id))
        elif claim.type is ClaimType.EVENT and predicate in properties and claim.subject:
            pairs.append((("property", resolver.display(claim.subject), predicate), claim.id))
        elif claim.type is ClaimType.EVENT and predicate == INCEPTION and claim.subject:
            pairs.append((("inception", resolver.display(claim.subject)), claim.id))
        elif claim.type in (ClaimType.QUANTITY, ClaimType.CHANGE, ClaimType.RANKING) and (
            claim.subject and fold_phrase(predicate) in population
        ):
            pairs.append((("population", resolver.display(claim.subject)), claim.id))
    return group(pairs)


async def run(
    spec: SourceSpec, query: Query, fetcher: Fetcher, resolver: EntityResolver
) -> list[Row]:
    what, name = query.key[0], query.key[1]
    item = await resolve_item(spec, fetcher, name)
    if item is None:
        return []
    language = _language(spec)
    if what == "members":
        bindings = await _select(spec, fetcher, MEMBERS_QUERY.format(item=item, language=language))
        return _memberships(spec, bindings, name)
    if what == "population":
        bindings = await _select(spec, fetcher, POPULATION_QUERY.format(item=item))
        return _population(spec, bindings, name, item)
    if what == "inception":
        bindings = await _select(spec, fetcher, INCEPTION_QUERY.format(item=item))
        return _inception(spec, bindings, name, item)
    relation = query.key[2]
    prop = _properties(spec)[relation]
    text = PROPERTY_QUERY.format(item=item, property=prop, language=language)
    return _property_rows(spec, await _select(spec, fetcher, text), name, relation, item)


def build(spec: SourceSpec, rows: Sequence[Row], resolver: EntityResolver) -> tuple[Built, ...]:
    return (_build_events(spec, rows, resolver), _build_table(spec, rows, resolver))


def _build_events(spec: SourceSpec, rows: Sequence[Row], resolver: EntityResolver) -> EventSource:
    events = tuple(dict.fromkeys(row for row in rows if isinstance(row, EventRow)))
    keys = tuple((resolver.key(row.subject), resolver.key(row.object)) for row in events)
    return EventSource(spec=spec, rows=events, keys=keys)


def _build_table(spec: SourceSpec, rows: Sequence[Row], resolver: EntityResolver) -> TableSource:
    unique: dict[tuple[str, str], TableRow] = {}
    for row in rows:
        if isinstance(row, TableRow):
            unique.setdefault((resolver.key(row.entity), row.period), row)
    table_rows = tuple(unique.values())
    return TableSource(spec, table_rows, tuple(resolver.key(row.entity) for row in table_rows))


async def probe(spec: SourceSpec, fetcher: Fetcher) -> str:
    reply = await fetcher.get_json(
        _endpoint(spec),
        {"query": "SELECT ?x WHERE { BIND(1 AS ?x) }", "format": "json"},
        headers=_HEADERS,
        ttl=0,
        validate=_validate,
    )
    return f"SPARQL endpoint answered ({len(_bindings(reply.data))} binding)"


async def resolve_item(spec: SourceSpec, fetcher: Fetcher, name: str) -> str | None:
    """The most linked item whose label or alias is `name`, or None."""
    literal = sparql_string(name, _language(spec))
    bindings = await _select(spec, fetcher, LABEL_QUERY.format(literal=literal))
    for binding in bindings:
        item = _item_id(binding.get("item"))
        if item is not None:
            return item
    return None


_HEADERS = {"Accept": "application/sparql-results+json"}


async def _select(spec: SourceSpec, fetcher: Fetcher, text: str) -> list[Mapping[str, Any]]:
    reply = await fetcher.get_json(
        _endpoint(spec),
        {"query": text, "format": "json"},
        headers=_HEADERS,
        ttl=ttl(spec),
        validate=_validate,
    )
    return _bindings(reply.data)


def _validate(data: Any) -> None:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise FetchError("unexpected SPARQL response (no results.bindings)")


def _bindings(data: Any) -> list[Mapping[str, Any]]:
    return [b for b in data["results"]["bindings"] if isinstance(b, dict)]


def _memberships(
    spec: SourceSpec, bindings: Sequence[Mapping[str, Any]], organisation: str
) -> list[Row]:
    rows: list[Row] = []
    for binding in bindings:
        subject, start = _literal(binding.get("subjectLabel")), _date(binding.get("start"))
        if subject is None or start is None:
            continue  # an undated membership cannot settle a dated claim
        end = _date(binding.get("end"))
        item = _item_id(binding.get("subject"))
        rows.append(
            EventRow(
                subject=subject,
                relation=MEMBER_OF,
                object=organisation,
                date=start,
                url=ENTITY_URL + item if item else None,
                note=f"Wikidata P463; membership ended {end.isoformat()}"
                if end
                else "Wikidata P463",
                source=spec.name,
            )
        )
    return rows


def _property_rows(
    spec: SourceSpec,
    bindings: Sequence[Mapping[str, Any]],
    subject: str,
    relation: str,
    item: str,
) -> list[Row]:
    rows: list[Row] = []
    for binding in bindings:
        value = _literal(binding.get("valueLabel"))
        if value is None:
            continue
        end = _date(binding.get("end"))
        rows.append(
            EventRow(
                subject=subject,
                relation=relation,
                object=value,
                date=_date(binding.get("start")),
                url=ENTITY_URL + item,
                note=f"until {end.isoformat()}" if end else None,
                source=spec.name,
            )
        )
    return rows


def _population(
    spec: SourceSpec, bindings: Sequence[Mapping[str, Any]], entity: str, item: str
) -> list[Row]:
    rows: list[Row] = []
    for binding in bindings:
        when, value = _date(binding.get("time")), _number(binding.get("value"))
        if when is None or value is None:
            continue
        rows.append(
            TableRow(
                entity=entity,
                metric=POPULATION,
                period=str(when.year),
                value=value,
                unit="",
                url=ENTITY_URL + item,
                note="Wikidata P1082",
                source=spec.name,
            )
        )
    return rows


def _inception(
    spec: SourceSpec, bindings: Sequence[Mapping[str, Any]], subject: str, item: str
) -> list[Row]:
    return [
        EventRow(subject, INCEPTION, subject, when, url=ENTITY_URL + item, source=spec.name)
        for binding in bindings
        if (when := _date(binding.get("value"))) is not None
    ]


def _item_id(term: Any) -> str | None:
    value = term.get("value") if isinstance(term, dict) else None
    if not isinstance(value, str):
        return None
    item = value.rsplit("/", 1)[-1]
    return item if _ITEM.fullmatch(item) else None  # never interpolate anything else


def _literal(term: Any) -> str | None:
    value = term.get("value") if isinstance(term, dict) else None
    return value.strip() or None if isinstance(value, str) else None


def _date(term: Any) -> date | None:
    value = _literal(term)
    if value is None or value.startswith("-"):
        return None  # absent, or before the common era
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _number(term: Any) -> float | None:
    """A literal's number; None when it is not one. NaN, an infinity or a value too
    large for a float fail the query: the answer is broken, not merely missing."""
    value = _literal(term)
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    if number is not None and not math.isfinite(number):
        raise FetchError("Wikidata value is not a finite number")
    return number


def _properties(spec: SourceSpec) -> dict[str, str]:
    raw = spec.options.get("properties", {})
    extra = raw if isinstance(raw, dict) else {}
    return {**BUILT_IN_PROPERTIES, **extra}


def _language(spec: SourceSpec) -> str:
    return string_option(spec, "language", "en")


def _endpoint(spec: SourceSpec) -> str:
    return string_option(spec, "endpoint", DEFAULT_ENDPOINT)


KIND = Kind("wikidata", check, plan, run, build, probe)
