"""Hostile and unlucky input to the sources (issue 14): broken numbers, broken answers,
corrupt cache entries, redirects that would carry the API key away, servers that
stall, trickle or never stop, and configurations that reach outside their folder.

HTTP faults are served by real servers on 127.0.0.1 (`tests/httpserver.py`), with
deadlines and caps configured small so that each test takes a second or two.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli.check import app
from factcheck.errors import ConfigError
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, Quantity
from factcheck.sources import SourceSpec, TableSource, load_config, load_sources, load_table
from factcheck.sources.limits import without_credentials
from factcheck.sources.remote import probe_sources
from factcheck.sources.tables import scan_table
from tests.httpserver import ENTITY, ReplayServer, Reply, services, serving
from tests.sources.test_http_sources import (
    API_KEY,
    FACT_CHECKS,
    WIKIDATA,
    WORLD_BANK,
    fetch,
    joined,
    only_status,
    options,
    spending,
    write_sources,
)

US_SPENDING = "The United States spent $916 billion on its military in 2023."


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


def world_bank_answer(value: str, pages: int = 1) -> str:
    """One World Bank row for the United States in 2023, its value written as given."""
    meta = f'{{"page":1,"pages":{pages},"per_page":1000,"total":1,"sourceid":"2"}}'
    row = (
        '{"indicator":{"id":"MS.MIL.XPND.CD","value":"Military expenditure (current USD)"},'
        '"country":{"id":"US","value":"United States"},"countryiso3code":"USA",'
        f'"date":"2023","value":{value},"unit":"","obs_status":"","decimal":0}}'
    )
    return f"[{meta},[{row}]]"


def cli(tmp_path: Path, sources: Path, text: str = US_SPENDING, *extra: str) -> Result:
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    args = [str(article), "--sources", str(sources), "--published", "2024-06-01",
            "--cache-dir", str(tmp_path / "cache"), *extra]  # fmt: skip
    return CliRunner().invoke(app, args)


def assert_one_line_error(result: Result, *names: str) -> str:
    """Exit 2 with exactly one line on stderr, naming each of `names`; returns the line."""
    assert result.exit_code == 2, (result.exception, result.stderr)
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("factcheck: error: ")
    for name in names:
        assert name in line
    return line


# --- 1. reference values are finite numbers ------------------------------------------------

LONG = "entity,metric,period,value,unit\nX,m,2022,1,USD\nX,m,2023,{value},USD\n"
NOT_FINITE = ["1e999", "-1e999", "1" + "0" * 400, "1" + ",000" * 103, "NaN", "inf"]


@pytest.mark.parametrize("value", NOT_FINITE)
@pytest.mark.parametrize("read", [load_table, scan_table], ids=["load", "scan"])
def test_a_table_value_that_is_not_finite_is_rejected_at_load(
    tmp_path: Path, value: str, read: Callable[[SourceSpec, EntityResolver], TableSource]
) -> None:
    (tmp_path / "t.csv").write_text(LONG.format(value=f'"{value}"'), encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "t"\nkind = "table"\npath = "t.csv"\n', encoding="utf-8"
    )
    spec = load_config(tmp_path / "sources.toml").sources[0]
    with pytest.raises(ConfigError) as caught:
        read(spec, EntityResolver())
    assert (caught.value.path, caught.value.line) == (str(tmp_path / "t.csv"), 3)
    assert caught.value.problem.startswith("column 'value' is not a")
    assert value not in caught.value.message


def test_a_wide_table_value_that_is_not_finite_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "w.csv").write_text("Entity,Year,Spend\nX,2022,1\nX,2023,1e999\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "w"\nkind = "table"\npath = "w.csv"\nformat = "wide"\n'
        '[source.columns]\nentity = "Entity"\nperiod = "Year"\n'
        '[source.columns.values]\n"spend" = {column = "Spend", unit = "USD"}\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path / "sources.toml")
    with pytest.raises(ConfigError) as caught:
        load_sources(config, EntityResolver(), lazy=True)
    assert (caught.value.line, caught.value.problem) == (
        3,
        "column 'Spend' is not a finite number",
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Infinity", "Infinity is not a finite number"),
        ("-Infinity", "-Infinity is not a finite number"),
        ("NaN", "NaN is not a finite number"),
        ("1e999", "1e999 is not a finite number"),
        ("1" + "0" * 400, "an integer of 401 digits is too large for a number"),
    ],
)
def test_a_world_bank_value_that_is_not_finite_fails_the_source(
    server: ReplayServer, tmp_path: Path, value: str, reason: str
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail("/v2/", Reply(body=world_bank_answer(value)))
    result = fetch(path, [spending()], options(tmp_path))
    status, detail = only_status(result)
    assert status == "error"
    assert reason in detail
    assert result.tables[0].rows == ()
    assert spending().id in result.unchecked


@pytest.mark.parametrize(("value", "verdict_before"), [("1e999", "supported"), ("NaN", "disputed")])
def test_no_verdict_rests_on_a_value_that_is_not_finite(
    nlp: Language, server: ReplayServer, tmp_path: Path, value: str, verdict_before: str
) -> None:
    """Before: 1e999 (infinity) supported "$916 billion" and NaN disputed it, with the
    source 'ok'. Now the source is an error and the claim unverified, saying why."""
    sources = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail("/v2/", Reply(body=world_bank_answer(value)))
    result = cli(tmp_path, sources, US_SPENDING, "--format", "json")
    report = json.loads(result.stdout)
    (claim,) = report["claims"]
    assert claim["verdict"] == "unverified" != verdict_before
    assert "world-bank failed: malformed JSON" in claim["explanation"]
    assert report["sources"][0]["status"] == "error"
    assert result.exit_code == 0


@pytest.mark.parametrize("value", ["NaN", "INF", "1e999", "-1" + "0" * 400])
def test_a_wikidata_population_that_is_not_finite_fails_the_source(
    server: ReplayServer, tmp_path: Path, value: str
) -> None:
    label = {"head": {"vars": ["item"]}, "results": {"bindings": [{"item": {"type": "uri", "value": ENTITY + "Q33"}}]}}  # fmt: skip
    number = {"type": "literal", "value": value}
    when = {"type": "literal", "value": "2023-01-01T00:00:00Z"}
    population = {"head": {"vars": ["value", "time"]}, "results": {"bindings": [{"value": number, "time": when}]}}  # fmt: skip
    server.fail("/sparql", Reply(body=json.dumps(label)), Reply(body=json.dumps(population)))
    path = write_sources(tmp_path, WIKIDATA, url=server.url)
    claim = replace(
        spending(subject="Finland"), predicate="population", quantity=Quantity(5.6e6, "")
    )
    result = fetch(path, [claim], options(tmp_path))
    assert only_status(result) == ("error", "Wikidata value is not a finite number")
    assert result.tables[-1].rows == ()


# --- 2. a failing source never stops the run -----------------------------------------------

NESTED = "[" * 100_000 + "]" * 100_000
LOOP = "/v2/country/USA/indicator/MS.MIL.XPND.CD"


@pytest.mark.parametrize(
    ("replies", "detail"),
    [
        ([Reply(body=NESTED)], "malformed JSON: nested too deeply"),
        ([Reply(body='{"a": ' * 50_000 + "1" + "}" * 50_000)], "malformed JSON: nested too deeply"),
        (
            [Reply(body="this is not gzip", headers={"Content-Encoding": "gzip"})],
            "unreadable answer: ",
        ),
        ([Reply(302, headers={"Location": LOOP})] * 8, "more than 5 redirects"),
        ([Reply(302, headers={"Location": "ftp://127.0.0.1/x"})], "redirected to an invalid"),
        ([Reply(body=world_bank_answer("1" + "0" * 400))], "too large for a number"),
    ],
    ids=["nested-array", "nested-object", "bad-gzip", "redirect-loop", "ftp", "overflow"],
)
def test_a_broken_answer_fails_only_its_source(
    server: ReplayServer, tmp_path: Path, replies: list[Reply], detail: str
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, WIKIDATA, url=server.url)
    server.fail("/v2/", *replies)
    result = fetch(path, [spending(), joined("Finland")], options(tmp_path))
    (bank, wikidata) = result.statuses
    assert bank.status == "error" and detail in bank.detail
    assert (wikidata.status, wikidata.records) == ("ok", 3)  # the run went on
    assert result.warnings == (f"source 'world-bank': {bank.detail}",)
    assert result.unchecked == {spending().id: f"world-bank failed: {bank.detail}"}


def test_a_broken_answer_fails_the_probe_not_the_command(
    server: ReplayServer, tmp_path: Path
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail("/v2/", Reply(body=NESTED))
    (probe,) = probe_sources(load_config(path), options(tmp_path, use_cache=False))
    assert (probe.status, probe.detail.split(" (")[0]) == (
        "error",
        "malformed JSON: nested too deeply",
    )


def test_strict_sources_turns_a_broken_answer_into_exit_2(
    nlp: Language, server: ReplayServer, tmp_path: Path
) -> None:
    sources = write_sources(tmp_path, WORLD_BANK, url=server.url)
    server.fail("/v2/", Reply(body=NESTED))
    assert_one_line_error(
        cli(tmp_path, sources, US_SPENDING, "--strict-sources"),
        "source 'world-bank'",
        "nested too deeply",
    )


# --- 3. corrupt cache entries are misses -----------------------------------------------------

# A cache entry's file, from the request's URL and the time now; each used to be a hit
# that crashed the run (or, for NaN, gave a verdict) until it expired.
RECORDS: dict[str, Callable[[str, float], str]] = {
    "empty-body": lambda url, now: json.dumps({"url": url, "body": "{}", "stored": now}),
    "nested-file": lambda url, now: NESTED,
    "nested-body": lambda url, now: json.dumps({"url": url, "body": NESTED, "stored": now}),
    "empty-record": lambda url, now: "{}",
    "nan-in-body": lambda url, now: json.dumps(
        {"url": url, "body": world_bank_answer("NaN"), "stored": now}
    ),
    "body-not-text": lambda url, now: json.dumps({"url": url, "body": [], "stored": now}),
}


def _cached_file(tmp_path: Path) -> Path:
    (entry,) = (tmp_path / "cache").rglob("*.json")
    return entry


@pytest.mark.parametrize("record", RECORDS.values(), ids=RECORDS.keys())
def test_a_corrupt_cache_entry_is_asked_again_and_replaced(
    server: ReplayServer, tmp_path: Path, record: Callable[[str, float], str]
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    fetch(path, [spending()], options(tmp_path))
    entry = _cached_file(tmp_path)
    good = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(record(good["url"], good["stored"]), encoding="utf-8")
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result) == ("ok", "")
    assert [row.value for row in result.tables[0].rows] == [916015000000.0]
    assert (server.count(), result.requests, result.cached) == (2, 1, 0)
    assert json.loads(entry.read_text(encoding="utf-8"))["body"] == good["body"]  # replaced
    assert fetch(path, [spending()], options(tmp_path)).cached == 1


@pytest.mark.parametrize("stored", ["NaN", "Infinity", "1e300", '"2024-01-01"', "true"])
def test_a_cache_entry_stored_at_no_real_time_expires(
    server: ReplayServer, tmp_path: Path, stored: str
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    fetch(path, [spending()], options(tmp_path))
    entry = _cached_file(tmp_path)
    good = json.loads(entry.read_text(encoding="utf-8"))
    body = json.dumps(good["body"])
    entry.write_text(
        f'{{"url": "{good["url"]}", "body": {body}, "stored": {stored}}}', encoding="utf-8"
    )
    assert fetch(path, [spending()], options(tmp_path)).requests == 1
    assert server.count() == 2


def test_a_cache_entry_for_another_address_is_not_used(
    server: ReplayServer, tmp_path: Path
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    fetch(path, [spending()], options(tmp_path))
    entry = _cached_file(tmp_path)
    good = json.loads(entry.read_text(encoding="utf-8"))
    other = world_bank_answer("1")  # copied from another request's entry, say
    entry.write_text(json.dumps({**good, "url": good["url"] + "x", "body": other}), "utf-8")
    result = fetch(path, [spending()], options(tmp_path))
    assert [row.value for row in result.tables[0].rows] == [916015000000.0]
    assert server.count() == 2


def test_a_cache_file_larger_than_the_cap_is_not_read(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url, extra="max_response_bytes = 1000")
    fetch(path, [spending()], options(tmp_path))
    entry = _cached_file(tmp_path)
    good = json.loads(entry.read_text(encoding="utf-8"))
    padded = " " * 80_000 + good["body"]  # larger than any answer within 1000 bytes
    entry.write_text(json.dumps({**good, "body": padded}), encoding="utf-8")
    result = fetch(path, [spending()], options(tmp_path))
    assert (only_status(result), result.requests, server.count()) == (("ok", ""), 1, 2)


def test_offline_with_a_corrupt_entry_is_a_miss(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url)
    fetch(path, [spending()], options(tmp_path))
    _cached_file(tmp_path).write_text(NESTED, encoding="utf-8")
    result = fetch(path, [spending()], options(tmp_path, offline=True))
    assert only_status(result) == ("disabled", "offline: no cached response")


# --- 4. the API key does not follow a redirect to another origin ---------------------------


def test_the_key_does_not_follow_a_redirect_to_another_port(
    server: ReplayServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_TEST_KEY", API_KEY)
    with serving(services()) as elsewhere:
        away = f"{elsewhere.url}/v1alpha1/claims:search?query=NATO"
        server.fail("/v1alpha1/", Reply(302, headers={"Location": away}))
        path = write_sources(tmp_path, FACT_CHECKS, url=server.url)
        result = fetch(path, [spending()], options(tmp_path))
        (first,) = server.requests
        (second,) = elsewhere.requests
    assert first.headers["x-goog-api-key"] == API_KEY
    assert "x-goog-api-key" not in second.headers
    assert API_KEY not in json.dumps([second.headers, second.query])
    assert only_status(result)[0] == "error"  # the other server refused a keyless request
    assert API_KEY not in repr(result)


def test_the_key_follows_a_redirect_within_its_origin(
    server: ReplayServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_TEST_KEY", API_KEY)
    moved = f"{server.url}/v1alpha1/claims:search?query=NATO+spent"
    server.fail("/v1alpha1/", Reply(301, headers={"Location": moved}))
    path = write_sources(tmp_path, FACT_CHECKS, url=server.url)
    result = fetch(path, [spending()], options(tmp_path))
    assert [seen.headers.get("x-goog-api-key") for seen in server.requests] == [API_KEY] * 2
    assert only_status(result)[0] == "ok" and len(result.reviews[0].reviews) == 1


def test_without_credentials_strips_headers_and_parameters() -> None:
    url = httpx.URL("https://other.test/x?key=abc&q=NATO&sig=sekrit-KEY-123-x&Token=t")
    headers = {
        "X-Goog-Api-Key": API_KEY,
        "Authorization": "Bearer t",
        "X-Custom": f"v={API_KEY}",
        "Accept": "application/json",
    }
    stripped, kept = without_credentials(url, headers, [API_KEY])
    assert str(stripped) == "https://other.test/x?q=NATO"
    assert kept == {"Accept": "application/json"}


def test_a_cross_origin_redirect_under_mock_transport_loses_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers.get("x-goog-api-key")))
        if request.url.host == "api.test":
            return httpx.Response(
                307, headers={"Location": "https://mirror.test/v1alpha1/claims:search"}
            )
        return httpx.Response(200, json={"claims": []})

    monkeypatch.setenv("FACTCHECK_TEST_KEY", API_KEY)
    path = write_sources(tmp_path, FACT_CHECKS, url="https://api.test")
    transport = httpx.MockTransport(handler)
    assert only_status(fetch(path, [spending()], options(tmp_path, transport=transport)))[0] == "ok"
    assert seen == [("api.test", API_KEY), ("mirror.test", None)]


# --- 5. budgets: a deadline per source, pages, answer and cache sizes ----------------------


def _three_claims() -> list[Claim]:
    return [replace(spending(year=year), id=f"y{year}") for year in (2021, 2022, 2023)]


@pytest.mark.parametrize(
    "reply",
    [Reply(body=world_bank_answer("1") + " " * 400, trickle=0.05), Reply(delay=5.0)],
    ids=["trickle", "silent"],
)
def test_a_slow_server_is_cut_off_at_the_source_deadline(
    server: ReplayServer, tmp_path: Path, reply: Reply
) -> None:
    """Per-request limits are generous here (30 s): only the deadline can end the run.
    One request at a time, so the first is cut short and the other two never start."""
    path = write_sources(tmp_path, WORLD_BANK, url=server.url, extra="deadline = 0.5")
    server.fail("/v2/", *[reply] * 6)
    generous = options(tmp_path, read_timeout=30.0, total_timeout=30.0, per_host=1)
    result = fetch(path, _three_claims(), generous)
    assert only_status(result) == (
        "error",
        "deadline of 0.5 s reached: 3 of 3 requests not completed",
    )
    assert server.count() == 1
    reasons = set(result.unchecked.values())
    assert any("reached waiting for the response" in reason for reason in reasons)
    assert any(
        "not asked: the source's deadline of 0.5 s was reached" in reason for reason in reasons
    )


def test_the_deadline_leaves_other_sources_alone(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, WIKIDATA, url=server.url, extra="deadline = 1")
    server.fail("/v2/", Reply(delay=3.0))
    result = fetch(
        path,
        [spending(), joined("Finland")],
        options(tmp_path, total_timeout=30.0, read_timeout=30.0),
    )
    assert [status.status for status in result.statuses] == ["error", "ok"]


def test_no_retry_is_waited_for_past_the_deadline(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url, extra="deadline = 5")
    server.fail("/v2/", Reply(503, "busy", headers={"Retry-After": "20"}))
    result = fetch(path, [spending()], options(tmp_path, max_wait=60.0))
    assert only_status(result) == (
        "error",
        "deadline of 5 s reached: 1 of 1 requests not completed",
    )
    assert "reached after HTTP 503" in result.unchecked[spending().id]
    assert server.count() == 1


@pytest.mark.parametrize(("pages", "extra", "detail"), [
    (100_000, "", "World Bank answer has 100000 pages, more than max_pages = 10"),
    (3, "max_pages = 2", "World Bank answer has 3 pages, more than max_pages = 2"),
])  # fmt: skip
def test_pages_beyond_the_cap_fail_the_query_after_one_request(
    server: ReplayServer, tmp_path: Path, pages: int, extra: str, detail: str
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url, extra=extra)
    server.fail("/v2/", Reply(body=world_bank_answer("916015000000", pages=pages)))
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result)[1].startswith(detail)
    assert server.count() == 1
    assert result.tables[0].rows == ()  # no partial series to rank or compare


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "until-close"])
def test_an_answer_past_the_size_cap_is_dropped(
    server: ReplayServer, tmp_path: Path, length: bool
) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url, extra="max_response_bytes = 4000")
    big = " " * 5_000_000 + world_bank_answer("916015000000")  # valid JSON, 5 MB
    server.fail("/v2/", Reply(body=big, length=length))
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result)[1].startswith("answer larger than 4,000 bytes (max_response_bytes)")
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_a_streamed_answer_is_abandoned_at_the_cap(tmp_path: Path) -> None:
    pulled = [0]

    async def endless() -> AsyncIterator[bytes]:
        for _ in range(200):  # 12.8 MB if read to the end
            pulled[0] += 1
            yield b" " * 65_536

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless())

    path = write_sources(
        tmp_path, WORLD_BANK, url="http://wb.test", extra="max_response_bytes = 100000"
    )
    result = fetch(path, [spending()], options(tmp_path, transport=httpx.MockTransport(handler)))
    assert only_status(result)[1].startswith("answer larger than 100,000 bytes")
    assert pulled[0] == 2


def test_an_answer_within_the_cap_is_read(server: ReplayServer, tmp_path: Path) -> None:
    path = write_sources(tmp_path, WORLD_BANK, url=server.url, extra="max_response_bytes = 4000")
    result = fetch(path, [spending()], options(tmp_path))
    assert only_status(result) == ("ok", "") and result.tables[0].records == 1


# --- 6. numeric settings are finite ----------------------------------------------------------

HTTP_NUMBERS = [
    (WORLD_BANK, "cache_ttl", value) for value in ("nan", "inf", "-inf", "-1")
] + [
    (WORLD_BANK, "deadline", value) for value in ("nan", "inf", "0", "-2", '"60"')
] + [
    (WORLD_BANK, "max_response_bytes", value) for value in ("nan", "inf", "0", "1.5")
] + [
    (WORLD_BANK, "max_pages", value) for value in ("nan", "0", "2.5", "true")
] + [
    (WIKIDATA, "cache_ttl", "nan"),
    (FACT_CHECKS + "{extra}\n", "threshold", "nan"),
    (FACT_CHECKS + "{extra}\n", "deadline", "-inf"),
]  # fmt: skip


@pytest.mark.parametrize(("block", "key", "value"), HTTP_NUMBERS)
def test_numeric_http_settings_must_be_finite(
    tmp_path: Path, block: str, key: str, value: str
) -> None:
    from factcheck.sources.remote import check_specs

    path = write_sources(tmp_path, block, url="http://127.0.0.1:1", extra=f"{key} = {value}")
    with pytest.raises(ConfigError) as caught:
        check_specs(load_config(path))
    assert caught.value.path == str(path)
    assert f"key '{key}': expected " in caught.value.problem


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [("table", "spread", "nan"), ("table", "spread", "inf"), ("claimreview", "threshold", "nan")],
)
def test_numeric_local_settings_must_be_finite(
    tmp_path: Path, kind: str, key: str, value: str
) -> None:
    (tmp_path / "data").write_text("", encoding="utf-8")
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nname = "s"\nkind = "{kind}"\npath = "data"\n{key} = {value}\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.path == str(path)
    assert f"key '{key}': expected " in caught.value.problem


def test_cache_ttl_nan_exits_2_through_the_cli(nlp: Language, tmp_path: Path) -> None:
    sources = write_sources(tmp_path, WORLD_BANK, url="http://127.0.0.1:1", extra="cache_ttl = nan")
    assert_one_line_error(cli(tmp_path, sources), str(sources), "key 'cache_ttl'", "got nan")


# --- 7. paths stay inside the configuration's folder ---------------------------------------

SECRET = "root:x:0:0:SECRET-FIRST-LINE:/root:/bin/bash\n"


def _config(tmp_path: Path, path: str, extra: str = "") -> Path:
    folder = tmp_path / "conf"
    folder.mkdir(exist_ok=True)
    toml = folder / "sources.toml"
    toml.write_text(
        f'[[source]]\nname = "t"\nkind = "table"\npath = "{path}"\n{extra}\n', encoding="utf-8"
    )
    return toml


def _outside(tmp_path: Path, text: str = LONG.format(value=2)) -> Path:
    target = tmp_path / "outside.csv"
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("path", ["../outside.csv", "sub/../../outside.csv", "link/outside.csv"])
def test_a_relative_path_may_not_leave_the_folder(tmp_path: Path, path: str) -> None:
    _outside(tmp_path)
    toml = _config(tmp_path, path)
    (tmp_path / "conf" / "link").symlink_to(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(toml)
    assert caught.value.path == str(toml)
    assert f"key 'path': {path} is outside the folder of sources.toml" in caught.value.problem
    assert "allow_outside = true" in caught.value.problem


def test_allow_outside_and_absolute_paths_are_read(tmp_path: Path) -> None:
    target = _outside(tmp_path)
    for path, extra in (("../outside.csv", "allow_outside = true"), (str(target), "")):
        (spec,) = load_config(_config(tmp_path, path, extra)).sources
        assert load_table(spec, EntityResolver()).records == 2


def test_allow_outside_must_be_a_boolean(tmp_path: Path) -> None:
    _outside(tmp_path)
    with pytest.raises(ConfigError, match="key 'allow_outside': expected true or false"):
        load_config(_config(tmp_path, "../outside.csv", 'allow_outside = "yes"'))


def test_a_file_outside_is_never_read_through_the_cli(nlp: Language, tmp_path: Path) -> None:
    _outside(tmp_path, SECRET)
    toml = _config(tmp_path, "../outside.csv")
    line = assert_one_line_error(cli(tmp_path, toml), str(toml), "outside the folder")
    assert "secret" not in line.casefold()


CONTENTS = [
    ("table", SECRET),  # a header that is not a table's
    ("table", "entity,metric,period,value,unit\nX,m,2023,SECRET-CELL,%\n"),
    ("table", "entity,metric,period,value,unit\nX,m,SECRET-CELL,1,%\n"),
    ("table", "entity,metric,period,value,unit\nSECRET,m,2023,1,%\nSECRET,m,2023,2,%\n"),
    ("events", "subject,relation,object,date\nX,SECRET-CELL,Y,2023-01-01\n"),
    ("events", "subject,relation,object,date\nX,said,Y,SECRET-CELL\n"),
    ("claimreview", '{"SECRET": '),
]


@pytest.mark.parametrize(("kind", "text"), CONTENTS)
def test_errors_never_echo_file_contents(
    nlp: Language, tmp_path: Path, kind: str, text: str
) -> None:
    target = _outside(tmp_path, text)
    toml = _config(tmp_path, str(target))
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"table"', f'"{kind}"'), encoding="utf-8"
    )
    line = assert_one_line_error(cli(tmp_path, toml), str(target))
    assert "secret" not in line.casefold()


# --- 8. malformed configurations that used to raise a traceback ----------------------------


def test_wide_columns_given_as_a_string(nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "w.csv").write_text("Entity,Year\n", encoding="utf-8")
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[source]]\nname = "w"\nkind = "table"\npath = "w.csv"\nformat = "wide"\n'
        'columns = "Entity,Year"\n',
        encoding="utf-8",
    )
    assert_one_line_error(cli(tmp_path, toml), str(toml), "key 'columns'")


def test_a_claimreview_file_nested_100000_deep(nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "reviews.json").write_text(NESTED, encoding="utf-8")
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[source]]\nname = "r"\nkind = "claimreview"\npath = "reviews.json"\n', encoding="utf-8"
    )
    assert_one_line_error(
        cli(tmp_path, toml), str(tmp_path / "reviews.json"), "invalid JSON: nested too deeply"
    )


def test_a_sources_toml_nested_100000_deep(nlp: Language, tmp_path: Path) -> None:
    toml = tmp_path / "sources.toml"
    toml.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert_one_line_error(cli(tmp_path, toml), str(toml), "invalid TOML: nested too deeply")
