"""HTTP sources (World Bank, Wikidata, Fact Check Tools) against a real local server.

`tests/httpserver.py` replays the services' real response formats on
127.0.0.1 and injects faults; nothing here touches the internet. Retries use
tiny backoffs and a recording `sleep`, so Retry-After is checked without
waiting for it.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from factcheck.cli.check import app
from factcheck.cli.sources import app as sources_app
from factcheck.errors import ConfigError
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, ClaimType, Quantity, TimeSpan
from factcheck.reporting import validate_report
from factcheck.sources import load_config
from factcheck.sources.cache import ResponseCache, cache_key
from factcheck.sources.remote import RemoteOptions, RemoteResult, check_specs, fetch_remote
from factcheck.sources.wikidata import LABEL_QUERY, sparql_string
from tests.httpserver import ReplayServer, Reply, closed_port, services, sparql_literals

API_KEY = "sekrit-KEY-123"
ALIASES = (
    '[aliases]\n"United States" = ["US", "U.S.", "USA", "America"]\n"NATO" = ["the alliance"]\n'
)
WORLD_BANK = """
[[source]]
name = "world-bank"
kind = "worldbank"
base_url = "{url}/v2"
{extra}
[source.indicators]
"military expenditure" = "MS.MIL.XPND.CD"
"military expenditure share of GDP" = "MS.MIL.XPND.GD.ZS"
"population" = "SP.POP.TOTL"
[source.metrics]
"military expenditure" = ["military spending", "defence spending", "defense budget"]
"""
WIKIDATA = """
[[source]]
name = "wikidata"
kind = "wikidata"
endpoint = "{url}/sparql"
{extra}
"""
FACT_CHECKS = """
[[source]]
name = "google-fact-check"
kind = "factcheck_api"
base_url = "{url}/v1alpha1"
api_key_env = "FACTCHECK_TEST_KEY"
language = "en"
"""


class Sleeps:
    """Records the delays the fetcher asks for instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    running = ReplayServer(services())
    running.start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _fresh(server: ReplayServer, monkeypatch: pytest.MonkeyPatch) -> None:
    server.reset()
    monkeypatch.delenv("FACTCHECK_TEST_KEY", raising=False)


def write_sources(tmp_path: Path, *blocks: str, url: str, extra: str = "") -> Path:
    path = tmp_path / "sources.toml"
    text = ALIASES + "".join(block.format(url=url, extra=extra) for block in blocks)
    path.write_text(text, encoding="utf-8")
    return path


def options(tmp_path: Path, **changes: Any) -> RemoteOptions:
    base = RemoteOptions(
        cache_dir=tmp_path / "cache",
        connect_timeout=1.0,
        read_timeout=0.5,
        total_timeout=1.0,
        retries=2,
        backoff=0.001,
        backoff_cap=0.01,
        max_wait=10.0,
        sleep=Sleeps(),
    )
    return replace(base, **changes)


def spending(value: float = 916e9, year: int = 2023, subject: str = "United States") -> Claim:
    return Claim(
        id=f"c{value:g}{subject}",
        text=f"{subject} spent {value:g}",
        sentence=f"{subject} spent ${value:g} on its military in {year}.",
        start=0,
        end=10,
        type=ClaimType.QUANTITY,
        subject=subject,
        predicate="military expenditure",
        quantity=Quantity(value, "USD", precision=1e9),
        time=TimeSpan(date(year, 1, 1), date(year, 12, 31), str(year)),
    )


def joined(subject: str, organisation: str = "NATO", year: int = 2023) -> Claim:
    return Claim(
        id=f"j{subject}{organisation}{year}",
        text=f"{subject} joined {organisation} in {year}",
        sentence=f"{subject} joined {organisation} in {year}.",
        start=0,
        end=10,
        type=ClaimType.EVENT,
        subject=subject,
        predicate="member of",
        object=organisation,
        time=TimeSpan(date(year, 1, 1), date(year, 12, 31), str(year)),
    )


def fetch(path: Path, claims: list[Claim], opts: RemoteOptions) -> RemoteResult:
    config = load_config(path)
    check_specs(config)
    return fetch_remote(config, claims, EntityResolver(config.aliases), opts)


def only_status(result: RemoteResult) -> tuple[str, str]:
    (status,) = result.statuses
    return status.status, status.detail


# --- World Bank ------------------------------------------------------------------------------


def test_world_bank_rows_become_a_table(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    result = fetch(path, [spending(), spending(1.2e12)], options(tmp_path))
    (table,) = result.tables
    (row,) = table.rows
    assert (row.entity, row.metric, row.period, row.value, row.unit) == (
        "United States",
        "military expenditure",
        "2023",
        916015000000.0,
        "USD",
    )
    assert (
        row.url
        == f"{server.url}/v2/country/USA/indicator/MS.MIL.XPND.CD?date=2023&format=json&per_page=1000"
    )
    assert result.statuses[0].status == "ok" and result.statuses[0].records == 1
    assert server.count("/v2/") == 1  # two claims, one question
    (seen,) = server.requests
    assert seen.headers["user-agent"].startswith("factcheck/")
    assert "(https://github.com/newsroom-factcheck/factcheck) httpx/" in seen.headers["user-agent"]


def test_world_bank_null_values_are_no_data(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    claim = replace(
        spending(subject="Finland"), time=TimeSpan(date(2023, 1, 1), date(2024, 12, 31), "2023-24")
    )
    result = fetch(path, [claim], options(tmp_path))
    assert [(r.period, r.value) for r in result.tables[0].rows] == [("2023", 7279000000.0)]


@pytest.mark.parametrize(
    ("reply", "status", "detail", "requests"),
    [
        (
            Reply(
                body='[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]'
            ),
            "error",
            "World Bank API error: 120 Invalid value",
            1,
        ),
        (
            Reply(body='[{"page":1,"pages":0,"per_page":50,"total":0,"sourceid":"2"}, null]'),
            "ok",
            "",
            1,
        ),
        (Reply(body='[{"page": 1, "pages": 1'), "error", "malformed JSON", 1),
        (
            Reply(
                body="<html><body><h1>Service error</h1></body></html>", content_type="text/html"
            ),
            "error",
            "expected JSON, got an HTML or XML page",
            1,
        ),
        (Reply(404, "<html>Not Found</html>", "text/html"), "error", "HTTP 404 Not Found", 1),
        (Reply(503, "busy"), "error", "HTTP 503 Service Unavailable after 3 attempts", 3),
        (Reply(500, "oops"), "error", "HTTP 500 Internal Server Error after 3 attempts", 3),
        (Reply(delay=0.8), "error", "timed out waiting for the response after 3 attempts", 3),
        (
            Reply(body=" " * 200 + "[]", trickle=0.01),
            "error",
            "timed out waiting for the response",
            3,
        ),
        (Reply(drop=True), "error", "connection failed", 3),
    ],
)
def test_world_bank_faults(
    server: ReplayServer, tmp_path: Path, reply: Reply, status: str, detail: str, requests: int
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail("/v2/", *[reply] * 5)
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result)[0] == status
    assert detail in only_status(result)[1]
    assert server.count() == requests
    if status == "error":
        assert result.warnings == (f"source 'world-bank': {only_status(result)[1]}",)
        assert result.unchecked == {spending().id: f"world-bank failed: {only_status(result)[1]}"}


@pytest.mark.parametrize(
    ("first", "sleeps"),
    [
        (
            Reply(
                429,
                "Too Many Requests - Please retry in 7 seconds.",
                "text/html",
                {"Retry-After": "7"},
            ),
            [7.0],
        ),
        (Reply(503, "busy", headers={"Retry-After": "2"}), [2.0]),
        (Reply(500, "oops"), None),
    ],
)
def test_retries_then_succeeds_honouring_retry_after(
    server: ReplayServer, tmp_path: Path, first: Reply, sleeps: list[float] | None
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail("/v2/", first)
    recorder = Sleeps()
    result = fetch(path, [spending()], options(tmp_path, sleep=recorder))
    assert only_status(result) == ("ok", "")
    assert server.count() == 2
    if sleeps is None:
        assert len(recorder.delays) == 1 and 0 < recorder.delays[0] <= 0.01  # backoff with jitter
    else:
        assert recorder.delays == sleeps


def test_retry_after_beyond_the_wait_budget_gives_up(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail("/v2/", Reply(429, "slow down", headers={"Retry-After": "600"}))
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result) == (
        "error",
        f"HTTP 429 Too Many Requests ({server.url}/v2/country/USA/indicator/MS.MIL.XPND.CD)",
    )
    assert server.count() == 1


def test_connection_refused(tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=f"http://127.0.0.1:{closed_port()}")
    status, detail = only_status(fetch(path, [spending()], options(tmp_path)))
    assert status == "error"
    assert detail.startswith("connection failed") and "after 3 attempts" in detail


# --- cache and offline -----------------------------------------------------------------------


def test_second_run_answers_from_the_cache(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, WIKIDATA, url=server.url)
    claims = [spending(), joined("Finland")]
    first = fetch(path, claims, options(tmp_path))
    assert (first.requests, server.count()) == (3, 3)
    again = fetch(path, claims, options(tmp_path))
    offline = fetch(path, claims, options(tmp_path, offline=True))
    assert server.count() == 3  # neither made a request
    assert (again.requests, again.cached, offline.requests) == (0, 3, 0)
    assert [s.status for s in offline.statuses] == ["ok", "ok"]
    assert offline.tables[0].rows == first.tables[0].rows
    refreshed = fetch(path, claims, options(tmp_path, refresh=True))
    assert refreshed.requests == 3 and server.count() == 6


def test_offline_without_a_cached_answer_disables_the_source(
    server: ReplayServer, tmp_path: Path
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    result = fetch(path, [spending()], options(tmp_path, offline=True))
    assert only_status(result) == ("disabled", "offline: no cached response")
    assert result.unchecked == {spending().id: "world-bank: offline: no cached response"}
    assert server.count() == 0


def test_error_bodies_are_not_cached(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail(
        "/v2/", Reply(body='[{"message":[{"id":"175","key":"Invalid format","value":"archived"}]}]')
    )
    assert only_status(fetch(path, [spending()], options(tmp_path)))[0] == "error"
    assert only_status(fetch(path, [spending()], options(tmp_path)))[0] == "ok"
    assert server.count() == 2


def test_cache_ttl_expires(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url, extra="cache_ttl = 0")
    fetch(path, [spending()], options(tmp_path))
    fetch(path, [spending()], options(tmp_path))
    assert server.count() == 2


@pytest.mark.parametrize(("age", "ttl", "hit"), [(10, 60, True), (61, 60, False), (0, 0, True)])
def test_response_cache_ttl(tmp_path: Path, age: float, ttl: float, hit: bool) -> None:
    now = [1000.0]
    cache = ResponseCache(tmp_path, clock=lambda: now[0])
    key = cache_key("GET", "http://example.org/x?a=1")
    assert cache.put(key, "http://example.org/x?a=1", "[1]")
    now[0] += age
    assert (cache.get(key, ttl) is not None) is hit


def test_corrupt_cache_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = cache_key("GET", "http://example.org/")
    cache.put(key, "http://example.org/", "[]")
    next(tmp_path.rglob("*.json")).write_text("{not json", encoding="utf-8")
    assert cache.get(key, 60) is None


# --- Wikidata --------------------------------------------------------------------------------


def test_wikidata_membership_rows(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WIKIDATA, url=server.url)
    result = fetch(path, [joined("Finland"), joined("Sweden", year=2022)], options(tmp_path))
    (events,) = result.events
    found = {(row.subject, row.object, row.date) for row in events.rows}
    assert ("Finland", "NATO", date(2023, 4, 4)) in found
    assert ("Sweden", "NATO", date(2024, 3, 7)) in found
    assert server.count("/sparql") == 2  # the label, then the members: once for both claims
    assert result.statuses[0].records == 3


HOSTILE = [
    'Org"',
    "Org\\",
    'Org" } UNION { ?item ?p ?o } #',
    "Org\n} UNION {\n?item ?p ?o",
    '{ } \' " \\" \\n',
    'x"@en . ?item ?p ?o . FILTER(true) } #',
    "Org\u0000\u001f\u007f",
    "Org\\u0022 } UNION {",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_cannot_change_the_sparql(
    server: ReplayServer, tmp_path: Path, name: str
) -> None:
    path = write_sources(tmp_path, WIKIDATA, url=server.url)
    fetch(path, [joined("Finland", organisation=name)], options(tmp_path))
    (seen,) = server.requests  # no item found, so no second query
    query = seen.query["query"]
    literals = sparql_literals(query)
    assert len(literals) == 1
    # The structure around the one literal is exactly the template's.
    assert _LITERAL.sub("LIT", query) == LABEL_QUERY.format(literal="LIT")
    # The literal carries the name as the resolver displays it (whitespace tidied).
    shown = EntityResolver().display(name)
    assert literals[0] == "".join(" " if c in "\x00\x1f\x7f" else c for c in shown)


_LITERAL = re.compile(r'"(?:[^"\\\n\r]|\\.)*"@en')


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("NATO", '"NATO"@en'),
        ('say "hi"', '"say \\"hi\\""@en'),
        ("back\\slash", '"back\\\\slash"@en'),
        ("two\nlines\r", '"two\\nlines\\r"@en'),
        ("it's", '"it\\\'s"@en'),
        ("bell\x07", '"bell "@en'),
    ],
)
def test_sparql_string(text: str, literal: str) -> None:
    assert sparql_string(text, "en") == literal


# --- Fact Check Tools ------------------------------------------------------------------------


def test_fact_check_api_without_a_key_is_disabled(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, FACT_CHECKS, url=server.url)
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result) == ("disabled", "no API key: set FACTCHECK_TEST_KEY")
    assert server.count() == 0


def test_fact_check_api_reviews_and_the_key_stays_secret(
    server: ReplayServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_TEST_KEY", API_KEY)
    path = write_sources(tmp_path, FACT_CHECKS, url=server.url)
    claim = replace(spending(), sentence="NATO members spent $1.3 trillion on defence in 2023.")
    result = fetch(path, [claim], options(tmp_path))
    (source,) = result.reviews
    (review,) = source.reviews
    assert (review.rating, review.verdict, review.author) == (
        "Mostly True",
        "supported",
        "Example Fact Check",
    )
    (seen,) = server.requests
    assert seen.headers["x-goog-api-key"] == API_KEY
    assert API_KEY not in json.dumps(seen.query)
    for file in (tmp_path / "cache").rglob("*"):
        if file.is_file():
            assert API_KEY not in file.read_text(encoding="utf-8")
    assert API_KEY not in repr(result)


def test_fact_check_api_errors_never_show_the_key(
    server: ReplayServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_TEST_KEY", API_KEY)
    path = write_sources(tmp_path, FACT_CHECKS, url=server.url)
    error = {
        "error": {
            "code": 403,
            "message": f"API key {API_KEY} not valid",
            "status": "PERMISSION_DENIED",
        }
    }
    server.fail("/v1alpha1/", Reply(403, json.dumps(error)))
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result)[0] == "error"
    assert API_KEY not in repr(result)


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        (WORLD_BANK.replace('"MS.MIL.XPND.CD"', '"MS MIL/../x"'), "is not an indicator code"),
        (
            WORLD_BANK.replace("[source.indicators]", 'cache_ttl = "1 day"\n[source.indicators]'),
            "key 'cache_ttl'",
        ),
        (WIKIDATA + 'language = "en\\" . }}"\n', "is not a language code"),
        (WIKIDATA + '[source.properties]\n"capital" = "P36 }} UNION {{"\n', "is not a property id"),
        (WIKIDATA + "bogus = 1\n", "key 'bogus': unknown key for kind 'wikidata'"),
        (WIKIDATA.replace('"{url}/sparql"', '"ftp://x"'), "key 'endpoint': expected an http"),
    ],
)
def test_bad_http_options_are_config_errors(tmp_path: Path, block: str, problem: str) -> None:
    path = write_sources(tmp_path, block, url="http://127.0.0.1:1")
    with pytest.raises(ConfigError, match=re.escape(problem)):
        check_specs(load_config(path))


# --- httpx.MockTransport unit tests ----------------------------------------------------------


def test_pagination_reads_every_page(tmp_path: Path) -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        asked.append(str(page))
        meta = {"page": page, "pages": 3, "per_page": 1, "total": 3}
        row = {
            "countryiso3code": "USA",
            "country": {"value": "United States"},
            "date": str(2020 + page),
            "value": page,
        }
        return httpx.Response(200, json=[meta, [row]])

    path = write_sources(tmp_path, WORLD_BANK, url="http://wb.test")
    claim = replace(spending(), time=TimeSpan(date(2021, 1, 1), date(2023, 12, 31), "2021-23"))
    result = fetch(path, [claim], options(tmp_path, transport=httpx.MockTransport(handler)))
    assert sorted(asked) == ["1", "2", "3"]
    assert [r.period for r in result.tables[0].rows] == ["2021", "2022", "2023"]


def test_concurrency_is_bounded_per_host(tmp_path: Path) -> None:
    running = [0, 0]  # now, most

    async def handler(request: httpx.Request) -> httpx.Response:
        running[0] += 1
        running[1] = max(running)
        await asyncio.sleep(0.02)
        running[0] -= 1
        return httpx.Response(200, json=[{"page": 1, "pages": 1}, []])

    path = write_sources(tmp_path, WORLD_BANK, url="http://wb.test")
    claims = [spending(year=year) for year in range(2000, 2012)]
    result = fetch(
        path, claims, options(tmp_path, per_host=3, transport=httpx.MockTransport(handler))
    )
    assert result.requests == 12
    assert running[1] == 3


def test_mock_transport_timeout_is_an_error(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    path = write_sources(tmp_path, WORLD_BANK, url="http://wb.test")
    result = fetch(
        path, [spending()], options(tmp_path, retries=0, transport=httpx.MockTransport(handler))
    )
    assert only_status(result) == (
        "error",
        "timed out connecting (http://wb.test/v2/country/USA/indicator/MS.MIL.XPND.CD)",
    )


def test_claims_no_source_can_answer_make_no_requests(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request expected")

    path = write_sources(tmp_path, WORLD_BANK, WIKIDATA, url="http://x.test")
    other = replace(spending(), predicate="inflation", subject="Atlantis")
    result = fetch(path, [other], options(tmp_path, transport=httpx.MockTransport(handler)))
    assert [(s.status, s.detail) for s in result.statuses] == [
        ("ok", "no claims for this source")
    ] * 2


# --- end to end through the CLI (issue 4 acceptance) -----------------------------------------


def run_cli(
    tmp_path: Path, sources: Path, text: str, *extra: str
) -> tuple[int, dict[str, Any], str]:
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    args = [str(article), "--sources", str(sources), "--published", "2024-06-01", "--format", "json",
            "--fail-on", "never", "--cache-dir", str(tmp_path / "cache"), *extra]  # fmt: skip
    result = CliRunner().invoke(app, args)
    report = json.loads(result.stdout) if result.stdout.strip() else {}
    if report:
        validate_report(report)
    return result.exit_code, report, result.stderr


def verdicts(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(claim["text"], claim["verdict"]) for claim in report["claims"]]


@pytest.mark.parametrize(
    ("block", "text", "expected", "source"),
    [
        (
            WORLD_BANK,
            "The United States spent $916 billion on its military in 2023.",
            "supported",
            "world-bank",
        ),
        (
            WORLD_BANK,
            "The United States spent $1.2 trillion on its military in 2023.",
            "disputed",
            "world-bank",
        ),
        (WIKIDATA, "Finland joined NATO in 2023.", "supported", "wikidata"),
        (WIKIDATA, "Sweden joined NATO in 2022.", "disputed", "wikidata"),
    ],
)
def test_acceptance(
    nlp: Language,
    server: ReplayServer,
    tmp_path: Path,
    block: str,
    text: str,
    expected: str,
    source: str,
) -> None:
    sources = write_sources(tmp_path, block, url=server.url)
    code, report, _ = run_cli(tmp_path, sources, text)
    assert code == 0
    (claim,) = report["claims"]
    assert claim["verdict"] == expected
    assert claim["evidence"][0]["source"] == source
    if source == "wikidata" and expected == "disputed":
        assert "7 March 2024" in claim["explanation"]
    if source == "world-bank":
        assert claim["evidence"][0]["record"]["value"] == 916015000000
        assert claim["evidence"][0]["url"].startswith(f"{server.url}/v2/country/USA/")
    assert report["sources"] == [
        {
            "name": source,
            "kind": block.split('kind = "')[1].split('"')[0],
            "status": "ok",
            "detail": "",
            "records": report["sources"][0]["records"],
        }
    ]
    requests = server.count()
    assert requests >= 1
    assert run_cli(tmp_path, sources, text)[1]["claims"][0]["verdict"] == expected
    assert run_cli(tmp_path, sources, text, "--offline")[1]["claims"][0]["verdict"] == expected
    assert server.count() == requests  # the cache answered both


def test_cli_failing_source_warns_and_strict_exits_2(
    nlp: Language, server: ReplayServer, tmp_path: Path
) -> None:
    sources = write_sources(tmp_path, WORLD_BANK, url=server.url)
    text = "The United States spent $916 billion on its military in 2023."
    error = Reply(
        body='[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]'
    )
    server.fail("/v2/", error, error)
    code, report, stderr = run_cli(tmp_path, sources, text)
    assert code == 0
    assert report["sources"][0]["status"] == "error"
    assert report["claims"][0]["verdict"] == "unverified"
    assert "world-bank failed: World Bank API error: 120" in report["claims"][0]["explanation"]
    assert stderr.strip().splitlines() == [
        f"factcheck: warning: source 'world-bank': World Bank API error: 120 Invalid value: "
        f"The provided parameter value is not valid ({server.url}/v2/country/USA/indicator/MS.MIL.XPND.CD)"
    ]
    code, _, stderr = run_cli(tmp_path, sources, text, "--strict-sources")
    assert code == 2
    assert stderr.startswith("factcheck: error: source 'world-bank': World Bank API error: 120")


def test_cli_offline_and_refresh_together_is_a_usage_error(tmp_path: Path) -> None:
    sources = write_sources(tmp_path, WORLD_BANK, url="http://127.0.0.1:1")
    code, _, _ = run_cli(tmp_path, sources, "x", "--offline", "--refresh")
    assert code == 2


def test_sources_list_and_check(server: ReplayServer, tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text(
        "entity,metric,period,value,unit\nFinland,population,2023,5600000,\n", encoding="utf-8"
    )
    local = '\n[[source]]\nname = "local"\nkind = "table"\npath = "rows.csv"\n'
    sources = write_sources(tmp_path, WORLD_BANK, WIKIDATA, FACT_CHECKS, local, url=server.url)
    listed = CliRunner().invoke(sources_app, ["list", "--sources", str(sources)])
    assert listed.exit_code == 0
    lines = [" ".join(line.split()) for line in listed.stdout.splitlines()]
    assert "world-bank worldbank enabled" in lines
    assert "google-fact-check factcheck_api disabled no API key: set FACTCHECK_TEST_KEY" in lines
    checked = CliRunner().invoke(sources_app, ["check", "--sources", str(sources)])
    assert checked.exit_code == 0, checked.stdout
    rows = {line.split()[0]: line for line in checked.stdout.splitlines()[1:]}
    assert re.search(r"world-bank\s+worldbank\s+ok\s+\d+ ms", rows["world-bank"])
    assert re.search(r"wikidata\s+wikidata\s+ok\s+\d+ ms", rows["wikidata"])
    assert rows["local"].split()[-2:] == ["1", "rows"]
    assert server.count() == 2
    server.fail("/sparql", Reply(503, "down"))
    failed = CliRunner().invoke(sources_app, ["check", "--sources", str(sources)])
    assert failed.exit_code == 1
    assert "HTTP 503" in failed.stdout
