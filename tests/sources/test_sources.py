"""Tests for the sources stage: sources.toml validation and the three local kinds."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from factcheck.errors import ConfigError
from factcheck.lexicon import DEFAULT_RELATIONS
from factcheck.matching.meaning import MeaningReader, best_review
from factcheck.normalise.entities import EntityResolver
from factcheck.records import SourceState, SourceStatus, Verdict
from factcheck.sources import (
    EventSource,
    ReviewSource,
    SourcesConfig,
    SourceSpec,
    TableSource,
    load_config,
    load_events,
    load_reviews,
    load_sources,
    load_table,
)
from tests.conftest import Write

ALIASES = {"United States": ("US", "U.S.", "USA", "America")}


@pytest.fixture
def resolver() -> EntityResolver:
    return EntityResolver(ALIASES)


SPENDING_CSV = """
entity,metric,period,value,unit,url,note,extra
United States,defence expenditure,2023,"860,000",USD million,https://example.org/us,estimate,x
United States,defence expenditure,2022,"821,830 ",USD million,,,
Germany,defence expenditure,2023,"68,080",USD million,,,
Germany,defence expenditure share,2023,1.57,%,,,
Poland,defence expenditure,2023-01,1000,USD million,,,
Poland,defence expenditure,2023-02,1200,USD million,,,
Poland,defence expenditure,2023-02-14,50,USD million,,,
"""

EVENTS_CSV = """
subject,relation,object,date,end_date,place,url,note
Finland,member of,NATO,2023-04-04,,,https://nato.int/finland,
Sweden,Member Of,NATO,2024-03-07,,,,
NATO,held in,Vilnius summit,2023-07-11,2023-07-12,Vilnius,,
Finland,signed,Defence Cooperation Agreement,2023-12-18,,Washington,,
"""

REVIEWS = [
    {
        "@type": "ClaimReview",
        "claimReviewed": "NATO countries spent 1.3 trillion US dollars on defence in 2023",
        "reviewRating": {"@type": "Rating", "alternateName": "True"},
        "url": "https://example.org/review/1",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "datePublished": "2023-07-10",
    },
    {
        "claimReviewed": "Emmanuel Macron said NATO was experiencing brain death",
        "reviewRating": {"alternateName": "Mostly true"},
    },
    {
        "claimReviewed": "Sweden joined NATO in 2022",
        "reviewRating": {"alternateName": "Pants on Fire!"},
    },
    {
        "claimReviewed": "Defence budgets doubled across Europe in 2023",
        "reviewRating": {"alternateName": "Half true"},
    },
]

VALID_TOML = """
[aliases]
"United States" = ["US", "U.S.", "USA", "America"]

[[source]]
name = "spending"
kind = "table"
path = "claims/spending.csv"
title = "Defence Expenditure of NATO Countries (2014-2023)"
url = "https://www.nato.int/"
[source.metrics]
"defence expenditure" = ["defense expenditure", "military spending", "defence budget"]

[[source]]
name = "events"
kind = "events"
path = "claims/events.csv"
[source.relations."member of"]
verbs = ["accede"]
inverse_verbs = ["absorb"]
[source.relations."signed"]
verbs = ["sign"]
nouns = ["agreement"]

[[source]]
name = "fact-checks"
kind = "claimreview"
path = "claims/factchecks.json"
threshold = 0.7
[source.ratings]
"Half True" = "disputed"
"Mostly true" = "unverified"

[[source]]
name = "old-table"
kind = "table"
path = "claims/gone.csv"
enabled = false

[[source]]
name = "world-bank"
kind = "worldbank"
base_url = "https://api.worldbank.org/v2"
indicators = {"military expenditure" = "MS.MIL.XPND.CD"}
"""


@pytest.fixture
def config(write: Write) -> SourcesConfig:
    write("claims/spending.csv", SPENDING_CSV)
    write("claims/events.csv", EVENTS_CSV)
    write("claims/factchecks.json", json.dumps(REVIEWS))
    return load_config(write("sources.toml", VALID_TOML))


def _spec(config: SourcesConfig, name: str) -> SourceSpec:
    return next(spec for spec in config.sources if spec.name == name)


def _error(call: Callable[[], object]) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        call()
    return caught.value


# --- sources.toml ----------------------------------------------------------------------


def test_valid_config_is_read(config: SourcesConfig, tmp_path: Path) -> None:
    assert [spec.name for spec in config.sources] == [
        "spending",
        "events",
        "fact-checks",
        "old-table",
        "world-bank",
    ]
    assert config.aliases == ALIASES
    spending = _spec(config, "spending")
    assert spending.path == tmp_path / "claims/spending.csv"
    assert spending.metrics["defence expenditure"][0] == "defence expenditure"
    assert _spec(config, "fact-checks").ratings == {
        "half true": Verdict.DISPUTED,
        "mostly true": Verdict.UNVERIFIED,
    }
    assert _spec(config, "fact-checks").options == {"threshold": 0.7}
    world_bank = _spec(config, "world-bank")
    assert world_bank.path is None
    assert world_bank.options["indicators"] == {"military expenditure": "MS.MIL.XPND.CD"}
    assert not _spec(config, "old-table").enabled


def test_relations_merge_defaults_with_every_source(config: SourcesConfig) -> None:
    relations = config.relations()
    member = relations["member of"]
    assert set(DEFAULT_RELATIONS["member of"].verbs) <= set(member.verbs)
    assert "accede" in member.verbs and "absorb" in member.inverse_verbs
    assert relations["signed"].verbs == ("sign",) and relations["signed"].nouns == ("agreement",)
    assert set(DEFAULT_RELATIONS) < set(relations)


def test_metric_phrases_union(config: SourcesConfig) -> None:
    assert config.metric_phrases() == {
        "defence expenditure": (
            "defence expenditure",
            "defense expenditure",
            "military spending",
            "defence budget",
        )
    }


SOURCE = '[[source]]\nname = "x"\nkind = "table"\npath = "data.csv"\n'

INVALID_CONFIGS = [
    ('[[source]]\nkind = "table"\npath = "data.csv"', "source #1: missing key 'name'"),
    ('[[source]]\nname = ""\nkind = "table"', "source #1: key 'name': expected a non-empty string"),
    (SOURCE + SOURCE, "source 'x' (#2): key 'name': duplicate name (also source #1)"),
    (
        '[[source]]\nname = "x"\nkind = "tabel"',
        "source 'x' (#1): key 'kind': unknown kind 'tabel' (expected one of: table, events, "
        "claimreview, worldbank, wikidata, factcheck_api)",
    ),
    ('[[source]]\nname = "x"', "source 'x' (#1): missing key 'kind'"),
    ('[[source]]\nname = "x"\nkind = "events"', "source 'x' (#1): missing key 'path'"),
    (
        '[[source]]\nname = "x"\nkind = "events"\npath = "claims/x.csv"',
        "source 'x' (#1): key 'path': file not found: claims/x.csv",
    ),
    (
        '[[source]]\nname = "x"\nkind = "events"\npath = "."',
        "source 'x' (#1): key 'path': not a file",
    ),
    (SOURCE + "enabled = 1", "source 'x' (#1): key 'enabled': expected true or false"),
    (SOURCE + "title = 3", "source 'x' (#1): key 'title': expected a string"),
    (
        SOURCE + '[source.metrics]\n"gdp" = "gross domestic product"',
        "source 'x' (#1): key 'metrics.\"gdp\"': expected a list of strings",
    ),
    (
        SOURCE + '[source.relations."member of"]\nverbs = "join"',
        "source 'x' (#1): key 'relations.\"member of\".verbs': expected a list of strings",
    ),
    (
        SOURCE + '[source.relations."member of"]\nnouns = [1]',
        "source 'x' (#1): key 'relations.\"member of\".nouns': expected a list of strings",
    ),
    (
        SOURCE + '[source.relations."member of"]\nverb = ["join"]',
        "source 'x' (#1): key 'relations.\"member of\".verb': unknown key",
    ),
    (
        SOURCE + '[source.ratings]\n"False" = "wrong"',
        "source 'x' (#1): key 'ratings.\"False\"': unknown verdict 'wrong' (expected: "
        "supported, disputed, unverified)",
    ),
    ('[aliases]\n"United States" = "US"', "key 'aliases.\"United States\"': expected a list"),
    ('aliases = ["US"]', "key 'aliases': expected a table"),
    ('sauce = "x"', "unknown top-level key 'sauce'"),
    ('[source]\nname = "x"', "key 'source': expected [[source]] tables"),
    (SOURCE + 'metric = ["gdp"]', "source 'x' (#1): key 'metric': unknown key for kind 'table'"),
    (SOURCE + 'format = "tall"', "source 'x' (#1): key 'format': unknown format 'tall'"),
    (SOURCE + 'format = "wide"', "source 'x' (#1): key 'columns': format = \"wide\" needs"),
    (
        SOURCE + 'format = "wide"\n[source.columns]\nentity = "Entity"\n[source.columns.values]',
        "key 'columns.period': missing",
    ),
    (
        '[[source]]\nname = "x"\nkind = "claimreview"\npath = "data.csv"\nthreshold = 2',
        "source 'x' (#1): key 'threshold': expected a number from 0 to 1, got 2",
    ),
]


@pytest.mark.parametrize(("toml", "expected"), INVALID_CONFIGS)
def test_config_problem_names_source_and_key(write: Write, toml: str, expected: str) -> None:
    write("data.csv", "entity,metric,period,value,unit\n")
    path = write("sources.toml", toml)
    error = _error(lambda: load_config(path))
    assert error.path == str(path)
    assert expected in error.problem


def test_every_problem_is_reported_at_once(write: Write) -> None:
    path = write(
        "sources.toml",
        """
        colour = "blue"
        [[source]]
        name = "a"
        kind = "table"
        path = "claims/missing.csv"
        [[source]]
        kind = "events"
        path = "claims/also-missing.csv"
        [[source]]
        name = "c"
        kind = "tabel"
        [source.ratings]
        "False" = "nope"
        """,
    )
    problems = _error(lambda: load_config(path)).problem.split("; ")
    assert problems == [
        "unknown top-level key 'colour' (expected: aliases, publisher, source)",
        "source 'a' (#1): key 'path': file not found: claims/missing.csv",
        "source #2: missing key 'name'",
        "source #2: key 'path': file not found: claims/also-missing.csv",
        "source 'c' (#3): key 'kind': unknown kind 'tabel' (expected one of: table, events, "
        "claimreview, worldbank, wikidata, factcheck_api)",
        "source 'c' (#3): key 'ratings.\"False\"': unknown verdict 'nope' (expected: "
        "supported, disputed, unverified)",
    ]


def test_toml_syntax_error_names_the_line(write: Write) -> None:
    path = write("sources.toml", '[[source]]\nname = "x"\nkind = table\n')
    error = _error(lambda: load_config(path))
    assert error.line == 3
    assert error.problem.startswith("invalid TOML: ")
    assert error.problem.endswith("(line 3)")
    assert error.message.startswith(f"{path}:3: invalid TOML")


def test_missing_config_file(tmp_path: Path) -> None:
    error = _error(lambda: load_config(tmp_path / "nope.toml"))
    assert error.problem == "file not found"


def test_disabled_source_may_lack_its_file(write: Write) -> None:
    path = write("sources.toml", SOURCE.replace("data.csv", "gone.csv") + "enabled = false\n")
    assert load_config(path).sources[0].enabled is False


# --- load_sources ------------------------------------------------------------------------


def test_load_sources_reports_one_status_per_source(
    config: SourcesConfig, resolver: EntityResolver
) -> None:
    loaded = load_sources(config, resolver)
    assert loaded.statuses == (
        SourceStatus("spending", "table", SourceState.OK, records=7),
        SourceStatus("events", "events", SourceState.OK, records=4),
        SourceStatus("fact-checks", "claimreview", SourceState.OK, records=4),
        SourceStatus("old-table", "table", SourceState.DISABLED, "enabled = false in sources.toml"),
        SourceStatus(
            "world-bank",
            "worldbank",
            SourceState.DISABLED,
            "kind 'worldbank' is not available in this version",
        ),
    )
    assert (len(loaded.tables), len(loaded.events), len(loaded.reviews)) == (1, 1, 1)
    assert loaded.metric_for("Defense Expenditures") == "defence expenditure"
    assert loaded.reviews[0].threshold == 0.7


def test_load_sources_raises_on_bad_data(config: SourcesConfig, resolver: EntityResolver) -> None:
    path = _spec(config, "spending").path
    assert path is not None
    path.write_text("entity,metric\nx,y\n")
    assert "missing columns" in _error(lambda: load_sources(config, resolver)).problem


# --- tables --------------------------------------------------------------------------------


def _table_spec(path: Path, **options: Any) -> SourceSpec:
    return SourceSpec(
        name="t",
        kind="table",
        path=path,
        title=None,
        url=None,
        enabled=True,
        metrics={"defence expenditure": ("defence expenditure", "military spending")},
        relations={},
        ratings={},
        options=options,
    )


def _table(write: Write, resolver: EntityResolver, csv: str = SPENDING_CSV) -> TableSource:
    return load_table(_table_spec(write("t.csv", csv)), resolver)


def test_long_table_rows(write: Write, resolver: EntityResolver) -> None:
    table = _table(write, resolver)
    first = table.rows[0]
    assert (first.entity, first.period, first.value, first.unit) == (
        "United States",
        "2023",
        860_000.0,
        "USD million",
    )
    assert (first.url, first.note, first.line, first.source) == (
        "https://example.org/us",
        "estimate",
        2,
        "t",
    )
    assert table.rows[1].value == 821_830.0 and table.rows[1].url is None


def test_columns_in_any_order_and_units_normalised(write: Write, resolver: EntityResolver) -> None:
    csv = "unit,value,period,metric,entity\n$,1.5,2023,gdp,Chile\npercent,2,2023,share,Chile\n"
    table = _table(write, resolver, csv)
    assert [(row.entity, row.value, row.unit) for row in table.rows] == [
        ("Chile", 1.5, "USD"),
        ("Chile", 2.0, "%"),
    ]


def test_lookup_through_aliases(write: Write, resolver: EntityResolver) -> None:
    table = _table(write, resolver)
    rows = table.lookup(resolver.key("US"), "Defense expenditure", "2023")
    assert [row.value for row in rows] == [860_000.0]
    assert [row.period for row in table.lookup(resolver.key("America"), "defence expenditure")] == [
        "2022",
        "2023",
    ]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (None, ["2023-01", "2023-02", "2023-02-14"]),
        ("2023", ["2023-01", "2023-02", "2023-02-14"]),  # no year row: finer rows in the year
        ("2023-02", ["2023-02"]),  # a month row exists: dates inside it are not added
        ("2023-01", ["2023-01"]),
        ("2023-02-14", ["2023-02-14"]),
        ("2023-03", []),
        ("2022", []),
    ],
)
def test_lookup_period_rule(
    write: Write, resolver: EntityResolver, period: str | None, expected: list[str]
) -> None:
    rows = _table(write, resolver).lookup(resolver.key("Poland"), "defence expenditure", period)
    assert [row.period for row in rows] == expected


def test_year_row_wins_over_finer_rows(write: Write, resolver: EntityResolver) -> None:
    csv = "entity,metric,period,value,unit\nX,m,2023,10,%\nX,m,2023-05,3,%\n"
    assert [
        row.value for row in _table(write, resolver, csv).lookup(resolver.key("X"), "m", "2023")
    ] == [10.0]


def test_rows_for_and_periods(write: Write, resolver: EntityResolver) -> None:
    table = _table(write, resolver)
    assert sorted(row.entity for row in table.rows_for("defence expenditure", "2023")) == [
        "Germany",
        "United States",
    ]
    assert table.rows_for("defence expenditure share", "2023")[0].unit == "%"
    assert table.periods(resolver.key("United States"), "defence expenditure") == ["2022", "2023"]


@pytest.mark.parametrize(
    ("phrase", "metric"),
    [
        ("defence expenditure", "defence expenditure"),
        ("Defense Expenditure", "defence expenditure"),
        ("defence expenditures", "defence expenditure"),
        ("military spending", "defence expenditure"),
        ("Military-Spending", "defence expenditure"),
        ("defence expenditure share", "defence expenditure share"),  # named only by its rows
        ("defense expenditure shares", "defence expenditure share"),
        ("population", None),
    ],
)
def test_metric_for(
    write: Write, resolver: EntityResolver, phrase: str, metric: str | None
) -> None:
    assert _table(write, resolver).metric_for(phrase) == metric


HEADER = "entity,metric,period,value,unit\n"


@pytest.mark.parametrize(
    ("csv", "line", "problem"),
    [
        (
            "entity,metric,period,value\nX,m,2023,1\n",
            1,
            "missing column 'unit' (the header has 4 columns)",
        ),
        ("", None, "empty file: a header row is required"),
        (HEADER + "X,m,2023,1,%\nX,m,2023,abc,%\n", 3, "column 'value' is not a number"),
        (HEADER + "X,m,2023,,%\n", 2, "column 'value' is not a number"),
        (HEADER + "X,m,2023,1.2.3,%\n", 2, "column 'value' is not a number"),
        (HEADER + "X,m,2023,12,34,%\n", 2, "row has 6 cells but the header has 5"),
        (HEADER + ",m,2023,1,%\n", 2, "column 'entity' is empty"),
        (
            HEADER + "X,m,2023,1,%\nX,m,2023,2,%\n",
            3,
            "duplicate value: the same entity, metric, period and unit as line 2",
        ),
    ],
)
def test_table_errors_name_file_and_line(
    write: Write, resolver: EntityResolver, csv: str, line: int | None, problem: str
) -> None:
    error = _error(lambda: _table(write, resolver, csv))
    assert (error.path, error.line) == (str(write("t.csv", csv)), line)
    assert error.problem.startswith(problem)


@pytest.mark.parametrize("period", ["2023/07", "23", "2023-13", "2023-02-30", "July 2023", ""])
def test_bad_period(write: Write, resolver: EntityResolver, period: str) -> None:
    error = _error(lambda: _table(write, resolver, HEADER + f"X,m,{period},1,%\n"))
    assert error.line == 2
    assert error.problem.startswith("column 'period' is not a year (2023)")


@pytest.mark.parametrize("period", ["2023", "2023-07", "2023-07-04", "1999-12-31"])
def test_good_period(write: Write, resolver: EntityResolver, period: str) -> None:
    assert _table(write, resolver, HEADER + f"X,m,{period}, 1 ,%\n").rows[0].period == period


WIDE_CSV = """
Entity,Code,Year,Military expenditure (% of GDP),Military expenditure (current US$)
United States,USA,2022,3.45,"876,943,000,000"
United States,USA,2023,3.36,
World,OWID_WRL,2023,2.3,"2,443,000,000,000"
Germany,DEU,2023,,
"""

WIDE_COLUMNS = {
    "entity": "Entity",
    "period": "Year",
    "code": "Code",
    "values": {
        "military expenditure share": {"column": "Military expenditure (% of GDP)", "unit": "%"},
        "military expenditure": {"column": "Military expenditure (current US$)", "unit": "USD"},
    },
}


def _wide(write: Write, resolver: EntityResolver, csv: str = WIDE_CSV) -> TableSource:
    spec = _table_spec(write("wide.csv", csv), format="wide", columns=WIDE_COLUMNS)
    return load_table(spec, resolver)


def test_wide_table(write: Write, resolver: EntityResolver) -> None:
    table = _wide(write, resolver)
    assert [(row.entity, row.metric, row.period, row.value, row.line) for row in table.rows] == [
        ("USA", "military expenditure share", "2022", 3.45, 2),
        ("USA", "military expenditure", "2022", 876_943_000_000.0, 2),
        ("USA", "military expenditure share", "2023", 3.36, 3),
        ("World", "military expenditure share", "2023", 2.3, 4),
        ("World", "military expenditure", "2023", 2_443_000_000_000.0, 4),
    ]
    assert table.rows[1].unit == "USD"
    assert [
        row.value for row in table.lookup(resolver.key("USA"), "military expenditure share", "2023")
    ] == [3.36]


def test_wide_table_config_keeps_column_metrics(write: Write) -> None:
    write("wide.csv", WIDE_CSV)
    toml = """
    [[source]]
    name = "owid"
    kind = "table"
    path = "wide.csv"
    format = "wide"
    [source.columns]
    entity = "Entity"
    period = "Year"
    code = "Code"
    [source.columns.values]
    "military expenditure share" = {column = "Military expenditure (% of GDP)", unit = "%"}
    """
    spec = load_config(write("sources.toml", toml)).sources[0]
    assert spec.metrics == {"military expenditure share": ("military expenditure share",)}
    assert spec.options["columns"]["code"] == "Code"


@pytest.mark.parametrize(
    ("csv", "line", "problem"),
    [
        ("Entity,Year\nX,2023\n", 1, "missing columns 'code', 'military expenditure (% of gdp)'"),
        (WIDE_CSV.replace("3.36", "n/a"), 3, "column 'Military expenditure (% of GDP)' is not a"),
        (WIDE_CSV.replace("2022", "twenty"), 2, "column 'Year' is not a year"),
    ],
)
def test_wide_table_errors(
    write: Write, resolver: EntityResolver, csv: str, line: int, problem: str
) -> None:
    error = _error(lambda: _wide(write, resolver, textwrap.dedent(csv).lstrip("\n")))
    assert error.line == line
    assert error.problem.startswith(problem)


# --- events --------------------------------------------------------------------------------


def _events(
    write: Write,
    resolver: EntityResolver,
    csv: str = EVENTS_CSV,
    config: SourcesConfig | None = None,
) -> EventSource:
    spec = SourceSpec(
        name="e",
        kind="events",
        path=write("events.csv", csv),
        title=None,
        url=None,
        enabled=True,
        metrics={},
        relations=config.relations() if config else {},
        ratings={},
        options={},
    )
    return load_events(spec, resolver, config.relations() if config else DEFAULT_RELATIONS)


def test_events_find(config: SourcesConfig, resolver: EntityResolver) -> None:
    events = load_sources(config, resolver).events[0]
    finland = events.find("member of", subject_key=resolver.key("Finland"))
    assert [(row.object, str(row.date), row.line) for row in finland] == [("NATO", "2023-04-04", 2)]
    assert len(events.find("Member Of", object_key=resolver.key("NATO"))) == 2
    summit = events.find("held in", subject_key=resolver.key("NATO"))[0]
    assert (str(summit.end_date), summit.place) == ("2023-07-12", "Vilnius")
    # "signed" exists only in the source's [source.relations] table
    assert [row.place for row in events.find("signed")] == ["Washington"]
    assert events.find("member of", subject_key=resolver.key("Norway")) == []


def test_event_optional_columns_may_be_absent(write: Write, resolver: EntityResolver) -> None:
    events = _events(
        write, resolver, "subject,relation,object,date\nFinland,member of,NATO,2023-04-04\n"
    )
    row = events.rows[0]
    assert (row.end_date, row.place, row.url, row.note) == (None, None, None, None)


EVENT_HEADER = "subject,relation,object,date,end_date,place,url,note\n"


@pytest.mark.parametrize(
    ("csv", "line", "problem"),
    [
        (
            EVENT_HEADER + "Finland,signed,X,2023-12-18,,,,\n",
            2,
            "column 'relation': not a relation sources.toml knows",
        ),
        (
            EVENT_HEADER + "Finland,member of,NATO,4 April 2023,,,,\n",
            2,
            "column 'date' is not an ISO date",
        ),
        (EVENT_HEADER + "Finland,member of,NATO,,,,,\n", 2, "column 'date' is empty"),
        (
            EVENT_HEADER + "Finland,member of,NATO,2023-04-31,,,,\n",
            2,
            "column 'date' is not an ISO date",
        ),
        (
            EVENT_HEADER + "X,held in,Y,2023-07-12,2023-07-11,,,\n",
            2,
            "column 'end_date': 2023-07-11 is before",
        ),
        (EVENT_HEADER + "X,held in,Y,2023-07-12,20230713,,,\n", 2, "column 'end_date' is not an"),
        (EVENT_HEADER + ",held in,Y,2023-07-12,,,,\n", 2, "column 'subject' is empty"),
        ("subject,relation,date\nX,said,2023-01-01\n", 1, "missing column 'object'"),
    ],
)
def test_event_errors_name_file_and_line(
    write: Write, resolver: EntityResolver, csv: str, line: int, problem: str
) -> None:
    error = _error(lambda: _events(write, resolver, csv))
    assert (error.path, error.line) == (str(write("events.csv", csv)), line)
    assert error.problem.startswith(problem)


# --- claimreview ---------------------------------------------------------------------------


def _reviews(
    write: Write, data: object, ratings: Mapping[str, Verdict] | None = None, **options: Any
) -> ReviewSource:
    spec = SourceSpec(
        name="r",
        kind="claimreview",
        path=write("reviews.json", json.dumps(data)),
        title=None,
        url=None,
        enabled=True,
        metrics={},
        relations={},
        ratings=ratings or {},
        options=options,
    )
    return load_reviews(spec)


@pytest.mark.parametrize(
    ("rating", "verdict"),
    [
        ("False", Verdict.DISPUTED),
        ("Fake", Verdict.DISPUTED),
        ("Incorrect", Verdict.DISPUTED),
        ("Misleading", Verdict.DISPUTED),
        ("Mostly False", Verdict.DISPUTED),
        ("Partly false", Verdict.DISPUTED),
        ("Pants on Fire!", Verdict.DISPUTED),
        ("Inaccurate", Verdict.DISPUTED),
        ("Wrong", Verdict.DISPUTED),
        ("Distorts the facts", Verdict.DISPUTED),
        ("TRUE", Verdict.SUPPORTED),
        ("Correct", Verdict.SUPPORTED),
        ("Accurate", Verdict.SUPPORTED),
        ("Mostly-true", Verdict.SUPPORTED),
        ("Needs context", None),
        ("Unproven", None),
        ("Mixed", None),
        ("Half true", None),
    ],
)
def test_default_rating_mapping(write: Write, rating: str, verdict: Verdict | None) -> None:
    data = {"claimReviewed": "x", "reviewRating": {"alternateName": rating}}
    review = _reviews(write, data).reviews[0]
    assert (review.rating, review.verdict) == (rating, verdict)


def test_rating_overrides_from_config(config: SourcesConfig, resolver: EntityResolver) -> None:
    reviews = load_sources(config, resolver).reviews[0].reviews
    assert [(review.rating, review.verdict) for review in reviews] == [
        ("True", Verdict.SUPPORTED),
        ("Mostly true", Verdict.UNVERIFIED),
        ("Pants on Fire!", Verdict.DISPUTED),
        ("Half true", Verdict.DISPUTED),
    ]
    assert (reviews[0].url, reviews[0].author, reviews[0].date_published, reviews[0].source) == (
        "https://example.org/review/1",
        "Example Checks",
        "2023-07-10",
        "fact-checks",
    )


NORWAY = {
    "claimReviewed": "Norway has a coastline of roughly 25,000 kilometres",
    "reviewRating": {"alternateName": "True"},
}


@pytest.fixture(scope="module")
def reader(nlp: Language) -> MeaningReader:
    return MeaningReader(nlp, EntityResolver())


@pytest.mark.parametrize(
    ("claim", "reviewed"),
    [
        ("NATO members spent $1.3tn on defense in 2023", REVIEWS[0]["claimReviewed"]),
        ("In 2023 Nato allies spent 1,300 billion dollars on defence", REVIEWS[0]["claimReviewed"]),
        ("Macron said that NATO is experiencing brain death.", REVIEWS[1]["claimReviewed"]),
        ("Sweden became a member of NATO in 2022", REVIEWS[2]["claimReviewed"]),
        ("In 2022 NATO absorbed Sweden", REVIEWS[2]["claimReviewed"]),  # inverse verb
        ("Norway's coastline runs for about 25,000 km", NORWAY["claimReviewed"]),
        ("The weather in Vilnius was sunny on Tuesday", None),
        ("NATO", None),
        ("NATO countries spent 2.4 trillion US dollars on defence in 2023", None),  # other number
        ("Sweden did not join NATO in 2022", None),  # negated
        ("Macron never said NATO was experiencing brain death", None),  # negated
        ("Sweden joined NATO in 2024", None),  # another year
        ("Finland joined NATO in 2023", None),  # someone else
        ("Norway's coastline runs for about 58,000 km", None),  # another figure
        ("Defense spending in Europe rose sharply in 2023", None),  # not 'doubled'
        ("", None),
    ],
)
def test_best_review_by_meaning(
    write: Write, reader: MeaningReader, claim: str, reviewed: str | None
) -> None:
    match = best_review(_reviews(write, [*REVIEWS, NORWAY]), claim, reader)
    if reviewed is None:
        assert match is None
    else:
        assert match is not None
        review, score = match
        assert review.claim_reviewed == reviewed
        assert 0.75 <= score <= 1.0


def test_threshold_option(write: Write, reader: MeaningReader) -> None:
    claim = "NATO members spent $1.3tn on defense in 2023"  # 'members' for 'countries'
    assert best_review(_reviews(write, REVIEWS), claim, reader) is not None
    assert best_review(_reviews(write, REVIEWS, threshold=0.95), claim, reader) is None


@pytest.mark.parametrize(
    "data",
    [
        REVIEWS[0],
        {"@context": "https://schema.org", "@graph": [{"@type": "Organization"}, REVIEWS[0]]},
        [{"@type": ["ClaimReview"], **REVIEWS[0]}],
    ],
)
def test_review_containers(write: Write, data: object) -> None:
    reviews = _reviews(write, data).reviews
    assert [review.claim_reviewed for review in reviews] == [REVIEWS[0]["claimReviewed"]]


def test_malformed_json_names_the_line(write: Write) -> None:
    path = write("bad.json", '[\n  {"claimReviewed": "x",\n  }\n]\n')
    spec = SourceSpec("r", "claimreview", path, None, None, True, {}, {}, {}, {})
    error = _error(lambda: load_reviews(spec))
    assert (error.path, error.line) == (str(path), 3)
    assert error.problem.startswith("invalid JSON: ") and error.problem.endswith("(line 3)")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            [REVIEWS[0], {"reviewRating": {"alternateName": "True"}}],
            "item #2: missing 'claimReviewed'",
        ),
        ([{"claimReviewed": "x"}], "item #1: missing 'reviewRating'"),
        (
            [{"claimReviewed": "x", "reviewRating": {"ratingValue": 1}}],
            "item #1: 'reviewRating' has no",
        ),
        (["x"], "item #1: expected a ClaimReview object"),
        ("x", "expected a ClaimReview object, a list of them, or @graph"),
    ],
)
def test_bad_review_items(write: Write, data: object, problem: str) -> None:
    error = _error(lambda: _reviews(write, data))
    assert error.path.endswith("reviews.json")
    assert error.problem == problem or error.problem.startswith(problem)
