"""Lazy local sources: a run checks every file at once, but builds rows only when a claim
needs them (issue 10, "Fast despite the size").

The lazy path must be indistinguishable from the eager one in everything but time:
the same counts, metrics, units, phrases, rows and lookups for every file, and the
same error (type, file, line, message) for every bad one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from factcheck.errors import ConfigError
from factcheck.lexicon import DEFAULT_RELATIONS
from factcheck.normalise.entities import EntityResolver
from factcheck.pipeline import Checker, lexicon_for
from factcheck.reading import read_article
from factcheck.sources import (
    EventSource,
    LoadedSources,
    SourceSpec,
    TableSource,
    load_config,
    load_events,
    load_sources,
    load_table,
    scan_events,
    scan_table,
)
from tests.conftest import DEFAULT_SOURCES, EXAMPLE, Write

ALIASES = {"United States": ("US", "U.S.", "USA", "America")}
WORLD = (
    "world-population",
    "world-gdp",
    "world-gdp-per-capita",
    "world-inflation",
    "world-factbook",
    "world-capitals",
)


@pytest.fixture
def resolver() -> EntityResolver:
    return EntityResolver(ALIASES)


def _spec(path: Path, kind: str = "table", **options: Any) -> SourceSpec:
    return SourceSpec(
        name="s",
        kind=kind,
        path=path,
        title=None,
        url=None,
        enabled=True,
        metrics={"defence expenditure": ("defence expenditure", "military spending")},
        relations={},
        ratings={},
        options=options,
    )


def _outcome(call: Callable[[], object]) -> tuple[object, ...]:
    """What a load did: ("ok",), or the error's type, file, line and message."""
    try:
        call()
    except ConfigError as error:
        return ("ConfigError", error.path, error.line, error.problem)
    except OSError as error:
        return (type(error).__name__, str(error))
    return ("ok",)


def _local(sources: LoadedSources) -> list[TableSource | EventSource]:
    return [*sources.tables, *sources.events]


def _same_table(lazy: TableSource, eager: TableSource, phrases: tuple[str, ...] = ()) -> None:
    """`lazy` answers everything as `eager` does; what needs no rows is asked first."""
    assert lazy.records == eager.records == len(eager.rows)
    assert list(lazy.metric_units.items()) == list(eager.metric_units.items())
    metrics = {row.metric for row in eager.rows}
    for phrase in (*phrases, *metrics, *lazy.spec.metrics, "no such metric"):
        assert lazy.metric_for(phrase) == eager.metric_for(phrase), phrase
    for key in set(eager.entity_keys):  # series by series first, then every row at once
        for metric in metrics:
            assert lazy.periods(key, metric) == eager.periods(key, metric)
            for period in (None, *eager.periods(key, metric), "2023", "2023-02"):
                assert lazy.lookup(key, metric, period) == eager.lookup(key, metric, period)
    for metric in metrics:
        for period in {row.period for row in eager.rows}:
            assert lazy.rows_for(metric, period) == eager.rows_for(metric, period)
    assert (lazy.rows, lazy.entity_keys) == (eager.rows, eager.entity_keys)


def _same_events(lazy: EventSource, eager: EventSource, resolver: EntityResolver) -> None:
    assert lazy.records == eager.records == len(eager.rows)
    relations = {row.relation for row in eager.rows}
    for relation in (*relations, "Member Of", "no such relation"):
        assert lazy.find(relation) == eager.find(relation)
        for row in eager.rows:
            subject, object_ = resolver.key(row.subject), resolver.key(row.object)
            assert lazy.find(relation, subject_key=subject) == eager.find(
                relation, subject_key=subject
            )
            assert lazy.find(relation, object_key=object_) == eager.find(
                relation, object_key=object_
            )
    assert (lazy.rows, lazy.keys) == (eager.rows, eager.keys)


# --- the built-in sources --------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtin() -> tuple[LoadedSources, LoadedSources]:
    """The built-in sources, lazily and eagerly (each with its own resolver)."""
    config = load_config(DEFAULT_SOURCES)
    lazy = load_sources(config, EntityResolver(config.aliases), lazy=True)
    eager = load_sources(config, EntityResolver(config.aliases))
    return lazy, eager


def test_builtin_sources_are_counted_without_building_rows(
    builtin: tuple[LoadedSources, LoadedSources],
) -> None:
    lazy, eager = builtin
    assert lazy.statuses == eager.statuses
    assert {status.name for status in lazy.statuses} >= set(WORLD)
    assert not any(source.loaded for source in _local(lazy))
    assert all(source.loaded for source in _local(eager))


def test_builtin_lexicon_is_the_one_the_rows_give(
    builtin: tuple[LoadedSources, LoadedSources],
) -> None:
    """Units from the scan are the units the rows are in, metric by metric, in file order."""
    lazy, eager = builtin
    config = load_config(DEFAULT_SOURCES)
    units: dict[str, set[str]] = {}
    for table in eager.tables:
        for row in table.rows:
            units.setdefault(row.metric, set()).add(row.unit)
    expected = {metric: frozenset(found) for metric, found in units.items()}
    lexicon = lexicon_for(config, lazy)
    assert not any(table.loaded for table in lazy.tables)
    assert lexicon == lexicon_for(config, eager)
    assert {metric: lexicon.metric_units[metric] for metric in expected} == expected
    assert list(lexicon.metric_units)[: len(expected)] == list(expected)


def test_builtin_tables_and_events_answer_as_loaded_ones() -> None:
    config = load_config(DEFAULT_SOURCES)
    resolver = EntityResolver(config.aliases)
    lazy = load_sources(config, resolver, lazy=True)
    eager = load_sources(config, resolver)
    for deferred, loaded in zip(lazy.tables, eager.tables, strict=True):
        _same_table(deferred, loaded, ("defense spending", "GDP per head", "jobless rate"))
    for deferred_events, loaded_events in zip(lazy.events, eager.events, strict=True):
        assert deferred_events.records == loaded_events.records
        for relation in ("member of", "capital of", "held in", "said", "deployed to"):
            assert deferred_events.find(relation) == loaded_events.find(relation)
        assert deferred_events.rows == loaded_events.rows


@pytest.mark.slow
def test_a_run_builds_only_the_rows_its_claims_ask_for(nlp: Language) -> None:
    checker = Checker(nlp, load_config(DEFAULT_SOURCES))
    sources = _local(checker.sources)
    assert not any(source.loaded for source in sources)
    report = checker.check(read_article(str(EXAMPLE)))
    loaded = {source.spec.name for source in sources if source.loaded}
    assert "nato-defence-expenditure" in loaded  # the story's figures are NATO's
    assert not loaded & set(WORLD)  # nothing in it asks for world statistics
    counts = {status.name: status.records for status in report.sources}
    assert counts["world-population"] == next(
        table.records for table in checker.sources.tables if table.spec.name == "world-population"
    )
    assert counts["world-population"] > 7000


# --- tables: unusual but valid files ----------------------------------------------------------


HEADER = "entity,metric,period,value,unit,url,note\n"

VALID_TABLES = {
    "plain": HEADER + "United States,defence expenditure,2023,860,USD million,https://x.org,\n"
    "Germany,defence expenditure,2023,68,USD million,,\n",
    "blank and whitespace rows": HEADER + "\n  ,  ,,,\nGermany,m,2023,1,%,,\n\n,,,,,,\n",
    "short rows padded": HEADER + "Germany,m,2023,1,%\nFrance,m,2023,2\n",
    "spaces, thousands and BOM": "\ufeff Entity , METRIC,Period,Value,Unit\n"
    ' Germany , defence expenditure , 2023 ," 1,234.5 ", $ \n',
    "quoted newline in a note": HEADER + 'Germany,m,2023,1,%,,"two\nlines"\nFrance,m,2023,2,%,,\n',
    "columns reordered, extra ones": "unit,value,period,metric,entity,extra\n"
    "%,1,2023,m,Germany,x\n%,-2.5e3,2023-07,m,Germany,y\n",
    "periods of all sizes": HEADER + "X,m,2023,1,%,,\nX,m,2023-02,2,%,,\nX,m,2023-02-14,3,%,,\n"
    "X,m,1999-12-31,4,%,,\n",
    "one entity by two names, two years": HEADER + "US,m,2022,1,%,,\nUnited States,m,2023,2,%,,\n",
    "one fact in two units": HEADER + "X,m,2023,1,%,,\nX,m,2023,2,USD,,\n",
    "two spellings of one metric": HEADER + "X,Defence spending,2022,1,%,,\n"
    "X,defence spendings,2023,2,%,,\nY,Defence spending,2023,3,%,,\n",
    "header only": HEADER,
    "declared metric absent": HEADER + "X,military burden,2023,1.5,%,,\n",
    "a column named twice": "entity,metric,period,value,unit,value\nX,m,2023,1,%,2\n",
}
# Files the scan leaves to `load_table` at once: the rows decide what `metric_for`
# answers, or which of two columns of one name is read (the last).
LOADED_AT_ONCE = ("two spellings of one metric", "a column named twice")


@pytest.mark.parametrize(("name", "csv"), VALID_TABLES.items(), ids=VALID_TABLES.keys())
def test_scanned_table_answers_as_a_loaded_one(
    write: Write, resolver: EntityResolver, name: str, csv: str
) -> None:
    path = write("t.csv", csv)
    lazy = scan_table(_spec(path), resolver)
    assert lazy.loaded == (name in LOADED_AT_ONCE)
    eager = load_table(_spec(path), resolver)
    _same_table(lazy, eager, ("Defense Spending", "defence spending", "military spending"))


def test_scanning_builds_no_rows_and_a_lookup_builds_them_once(
    write: Write, resolver: EntityResolver
) -> None:
    table = scan_table(_spec(write("t.csv", VALID_TABLES["plain"])), resolver)
    assert (table.records, dict(table.metric_units)) == (
        2,
        {"defence expenditure": frozenset({"USD million"})},
    )
    assert table.metric_for("defense expenditures") == "defence expenditure"
    assert not table.loaded
    assert table.lookup(resolver.key("US"), "population") == []  # not in the file: not read
    assert not table.loaded
    (row,) = table.lookup(resolver.key("US"), "Defense Expenditure", "2023")
    assert (table.loaded, row.value, row.line) == (True, 860.0, 2)
    assert table.rows[0] is row
    assert "2 rows, loaded" in repr(table)


def test_an_unusual_file_is_loaded_at_once(write: Write, resolver: EntityResolver) -> None:
    """Two spellings of one metric: the rows decide which one `metric_for` answers."""
    path = write("t.csv", VALID_TABLES["two spellings of one metric"])
    table = scan_table(_spec(path), resolver)
    assert table.loaded
    assert table.metric_for("defence spending") == "Defence spending"  # the last row's


def test_a_run_sees_each_table_as_it_was_scanned(write: Write, resolver: EntityResolver) -> None:
    """Counts, units and rows come from one reading of the file, whatever happens to it."""
    table = scan_table(_spec(write("t.csv", VALID_TABLES["plain"])), resolver)
    write("t.csv", HEADER + "Germany,defence expenditure,2023,lots,USD million,,\n")
    (row,) = table.lookup(resolver.key("Germany"), "defence expenditure")
    assert (table.records, row.value, row.line) == (2, 68.0, 3)


# --- tables: every error the loader raises, raised by the scan --------------------------------


SHORT = "entity,metric,period,value,unit\n"
BAD_TABLES = {
    "empty file": "",
    "missing column": "entity,metric,period,value\nX,m,2023,1\n",
    "too many cells": SHORT + "X,m,2023,12,34,%\n",
    "too many cells after good rows": SHORT + "X,m,2022,1,%\n\nX,m,2023,12,34,%\n",
    "empty entity": SHORT + " ,m,2023,1,%\n",
    "empty metric": SHORT + "X,,2023,1,%\n",
    "not a number": SHORT + "X,m,2022,1,%\nX,m,2023,abc,%\n",
    "empty value": SHORT + "X,m,2023,,%\n",
    "two points": SHORT + "X,m,2023,1.2.3,%\n",
    "bad period": SHORT + "X,m,2023,1,%\nX,m,2023/07,1,%\n",
    "impossible date": SHORT + "X,m,2023-02-30,1,%\n",
    "empty period": SHORT + "X,m,,1,%\n",
    "duplicate": SHORT + "X,m,2023,1,%\nX,m,2023,2,%\n",
    "duplicate by alias": SHORT + "US,m,2023,1,%\nUnited States,m,2023,2,%\n",
    "duplicate by spelling": SHORT + "X,defence spending,2023,1,%\nX,defense spending,2023,2,%\n",
    "duplicate by unit alias": SHORT + "X,m,2023,1,percent\nX,m,2023,2,%\n",
    "header named twice": "entity,metric,period,value,unit,value\nX,m,2023,1,%,\n",
    "unclosed quote": SHORT + 'X,m,2023,"1,%\n',
}


@pytest.mark.parametrize("csv", BAD_TABLES.values(), ids=BAD_TABLES.keys())
def test_scan_raises_what_the_loader_raises(
    write: Write, resolver: EntityResolver, csv: str
) -> None:
    spec = _spec(write("t.csv", csv))
    expected = _outcome(lambda: load_table(spec, resolver))
    assert expected[0] == "ConfigError"
    assert _outcome(lambda: scan_table(spec, resolver)) == expected


def test_scan_raises_for_unreadable_files(tmp_path: Path, resolver: EntityResolver) -> None:
    binary = tmp_path / "binary.csv"
    binary.write_bytes(SHORT.encode() + b"X,m,2023,1,\xff\n")
    for path in (binary, tmp_path / "missing.csv", tmp_path):
        spec = _spec(path)
        expected = _outcome(lambda spec=spec: load_table(spec, resolver))  # type: ignore[misc]
        assert expected != ("ok",)
        assert _outcome(lambda spec=spec: scan_table(spec, resolver)) == expected  # type: ignore[misc]


# --- wide tables ------------------------------------------------------------------------------


WIDE_CSV = """
Entity,Code,Year,Military expenditure (% of GDP),Military expenditure (current US$),Note
United States,USA,2022,3.45,"876,943,000,000",
United States,USA,2023,3.36,,estimate
World,OWID_WRL,2023,2.3,"2,443,000,000,000",

Germany,DEU,2023, , ,
France,FRA,2023,,1,
"""

WIDE_COLUMNS: Mapping[str, Any] = {
    "entity": "Entity",
    "period": "Year",
    "code": "Code",
    "note": "Note",
    "values": {
        "military expenditure share": {"column": "Military expenditure (% of GDP)", "unit": "%"},
        "military expenditure": {"column": "Military expenditure (current US$)", "unit": "$"},
    },
}


def _wide_spec(path: Path, columns: Mapping[str, Any] = WIDE_COLUMNS) -> SourceSpec:
    return _spec(path, format="wide", columns=columns)


@pytest.mark.parametrize(
    "columns",
    [WIDE_COLUMNS, {key: value for key, value in WIDE_COLUMNS.items() if key != "code"}],
    ids=["with codes", "without codes"],
)
def test_scanned_wide_table_answers_as_a_loaded_one(
    write: Write, resolver: EntityResolver, columns: Mapping[str, Any]
) -> None:
    spec = _wide_spec(write("wide.csv", WIDE_CSV), columns)
    lazy = scan_table(spec, resolver)
    assert not lazy.loaded
    assert lazy.records == 6
    assert list(lazy.metric_units) == ["military expenditure share", "military expenditure"]
    _same_table(lazy, load_table(spec, resolver), ("military expenditure shares",))


BAD_WIDE = {
    "not a number": WIDE_CSV.replace("3.36", "n/a"),
    "bad year": WIDE_CSV.replace("2022", "twenty"),
    "empty entity": WIDE_CSV.replace("Germany,DEU", " ,"),
    "duplicate": WIDE_CSV + "France,FRA,2023,,2,\n",
    "duplicate by alias": WIDE_CSV + "US,,2022,3.5,,\n",
    "missing column": "Entity,Year\nX,2023\n",
    "too many cells": WIDE_CSV + "France,FRA,2024,1,2,3,4\n",
}


@pytest.mark.parametrize("csv", BAD_WIDE.values(), ids=BAD_WIDE.keys())
def test_wide_scan_raises_what_the_loader_raises(
    write: Write, resolver: EntityResolver, csv: str
) -> None:
    spec = _wide_spec(write("wide.csv", csv))
    expected = _outcome(lambda: load_table(spec, resolver))
    assert expected[0] == "ConfigError"
    assert _outcome(lambda: scan_table(spec, resolver)) == expected


# --- events -----------------------------------------------------------------------------------


EVENT_HEADER = "subject,relation,object,date,end_date,place,url,note\n"
VALID_EVENTS = {
    "plain": EVENT_HEADER + "Finland,member of,NATO,2023-04-04,,,https://nato.int/finland,\n"
    "Sweden,Member  Of,NATO,2024-03-07,,,,\nNATO,held in,Vilnius summit,2023-07-11,2023-07-12,"
    "Vilnius,,\n\nUS,said,X,2023-01-01,2023-01-01,,,\n",
    "no optional columns": "subject,relation,object,date\nFinland,member of,NATO,2023-04-04\n",
    "header only": EVENT_HEADER,
}


@pytest.mark.parametrize("csv", VALID_EVENTS.values(), ids=VALID_EVENTS.keys())
def test_scanned_events_answer_as_loaded_ones(
    write: Write, resolver: EntityResolver, csv: str
) -> None:
    spec = _spec(write("events.csv", csv), kind="events")
    lazy = scan_events(spec, resolver, DEFAULT_RELATIONS)
    assert not lazy.loaded
    _same_events(lazy, load_events(spec, resolver, DEFAULT_RELATIONS), resolver)


def test_events_are_built_only_for_a_relation_the_file_has(
    write: Write, resolver: EntityResolver
) -> None:
    spec = _spec(write("events.csv", VALID_EVENTS["plain"]), kind="events")
    events = scan_events(spec, resolver, DEFAULT_RELATIONS)
    assert events.records == 4
    assert events.find("deployed to") == []
    assert not events.loaded
    assert [row.object for row in events.find("MEMBER OF", subject_key=resolver.key("Sweden"))] == [
        "NATO"
    ]
    assert events.loaded


BAD_EVENTS = {
    "unknown relation": EVENT_HEADER + "Finland,signed,X,2023-12-18,,,,\n",
    "not an ISO date": EVENT_HEADER + "Finland,member of,NATO,4 April 2023,,,,\n",
    "empty date": EVENT_HEADER + "Finland,member of,NATO,,,,,\n",
    "impossible date": EVENT_HEADER + "Finland,member of,NATO,2023-04-31,,,,\n",
    "end before start": EVENT_HEADER + "X,held in,Y,2023-07-12,2023-07-11,,,\n",
    "bad end date": EVENT_HEADER + "X,held in,Y,2023-07-12,20230713,,,\n",
    "empty subject": EVENT_HEADER + " ,held in,Y,2023-07-12,,,,\n",
    "empty object": EVENT_HEADER + "X,held in,,2023-07-12,,,,\n",
    "missing column": "subject,relation,date\nX,said,2023-01-01\n",
    "too many cells": EVENT_HEADER + "X,said,Y,2023-01-01,,,,,,\n",
}


@pytest.mark.parametrize("csv", BAD_EVENTS.values(), ids=BAD_EVENTS.keys())
def test_event_scan_raises_what_the_loader_raises(
    write: Write, resolver: EntityResolver, csv: str
) -> None:
    spec = _spec(write("events.csv", csv), kind="events")
    expected = _outcome(lambda: load_events(spec, resolver, DEFAULT_RELATIONS))
    assert expected[0] == "ConfigError"
    assert _outcome(lambda: scan_events(spec, resolver, DEFAULT_RELATIONS)) == expected


# --- load_sources -----------------------------------------------------------------------------


def test_lazy_load_sources_fails_on_a_bad_file_no_claim_needs(
    write: Write, resolver: EntityResolver
) -> None:
    """A run stops on bad data at once, as `factcheck sources check` does."""
    write("good.csv", VALID_TABLES["plain"])
    write("bad.csv", BAD_TABLES["not a number"])
    toml = "".join(
        f'[[source]]\nname = "{name}"\nkind = "table"\npath = "{name}.csv"\n'
        for name in ("good", "bad")
    )
    config = load_config(write("sources.toml", toml))
    expected = _outcome(lambda: load_sources(config, resolver))
    assert expected[0] == "ConfigError" and expected[2] == 3
    assert _outcome(lambda: load_sources(config, resolver, lazy=True)) == expected
