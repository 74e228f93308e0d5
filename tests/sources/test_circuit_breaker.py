"""The circuit breaker per host: a source whose host is down stops being asked.

Against a real server on 127.0.0.1 that always fails (counting what it
received), and with httpx.MockTransport for the kinds of failure and a
second host that stays up.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from spacy.language import Language

from factcheck.sources.breaker import THRESHOLD, Breakers
from tests.httpserver import Reply, serving
from tests.sources.test_http_sources import (
    WORLD_BANK,
    fetch,
    options,
    run_cli,
    spending,
    write_sources,
)

CLAIMS = [spending(year=year) for year in range(2000, 2023)]  # 23 requests, one per year
PER_HOST = 4
# At most one attempt per slot may be on its way when the breaker opens.
MOST_ASKED = THRESHOLD + PER_HOST - 1


def test_breakers_open_after_consecutive_failures_only() -> None:
    breakers = Breakers(threshold=3)
    for _ in range(2):
        breakers.failed("a.test")
    breakers.answered("a.test")  # a 404 or any other answer: the host is up
    breakers.failed("a.test")
    breakers.failed("a.test")
    assert not breakers.is_open("a.test")
    breakers.failed("a.test")
    assert breakers.is_open("a.test")
    breakers.answered("a.test")  # an answer still in flight does not close it again
    assert breakers.is_open("a.test")
    assert not breakers.is_open("b.test")


@pytest.mark.parametrize("reply", [Reply(503, "down"), Reply(drop=True)])
def test_a_host_that_always_fails_is_given_up_on(tmp_path: Path, reply: Reply) -> None:
    with serving(lambda seen: reply) as server:
        path = write_sources(tmp_path, WORLD_BANK, url=server.url)
        result = fetch(path, CLAIMS, options(tmp_path, retries=3, per_host=PER_HOST))
        asked = {(seen.path, tuple(sorted(seen.query.items()))) for seen in server.requests}
        received = server.count()
    (status,) = result.statuses
    # Without the breaker: 23 requests x 4 attempts = 92.
    assert THRESHOLD <= received <= MOST_ASKED
    assert status.status == "error"
    assert status.skipped == len(CLAIMS) - len(asked) > 0
    assert status.detail.startswith(
        f"23 of 23 requests failed ({status.skipped} skipped: the host was down): "
    )
    assert "not asked" not in status.detail  # the first real failure is the one shown
    assert set(result.unchecked) == {claim.id for claim in CLAIMS}


def test_another_host_is_still_asked(tmp_path: Path) -> None:
    seen: dict[str, int] = {"down.test": 0, "up.test": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        seen[request.url.host] += 1
        if request.url.host == "down.test":
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, json=[{"page": 1, "pages": 1}, []])

    path = tmp_path / "sources.toml"
    down = WORLD_BANK.format(url="http://down.test", extra="")
    up = WORLD_BANK.format(url="http://up.test", extra="").replace('"world-bank"', '"mirror"')
    path.write_text(down + up, encoding="utf-8")
    transport = httpx.MockTransport(handler)
    result = fetch(path, CLAIMS, options(tmp_path, retries=3, transport=transport))
    by_name = {status.name: status for status in result.statuses}
    assert seen["down.test"] <= MOST_ASKED
    assert seen["up.test"] == len(CLAIMS)
    assert by_name["world-bank"].skipped > 0
    assert "connection failed: connection refused" in by_name["world-bank"].detail
    assert (by_name["mirror"].status, by_name["mirror"].skipped) == ("ok", 0)


def test_timeouts_open_the_breaker(tmp_path: Path) -> None:
    calls = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        calls[0] += 1
        raise httpx.ReadTimeout("timed out", request=request)

    path = write_sources(tmp_path, WORLD_BANK, url="http://slow.test")
    transport = httpx.MockTransport(handler)
    result = fetch(path, CLAIMS, options(tmp_path, retries=3, transport=transport))
    assert calls[0] <= MOST_ASKED
    assert result.statuses[0].skipped >= len(CLAIMS) - MOST_ASKED


def test_not_found_answers_keep_the_breaker_closed(tmp_path: Path) -> None:
    calls = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        calls[0] += 1
        return httpx.Response(404, text="no such page")

    path = write_sources(tmp_path, WORLD_BANK, url="http://missing.test")
    transport = httpx.MockTransport(handler)
    result = fetch(path, CLAIMS, options(tmp_path, retries=3, transport=transport))
    assert calls[0] == len(CLAIMS)  # a 404 is not retried, and the host is up
    assert result.statuses[0].skipped == 0


def test_the_json_report_counts_the_skipped_requests(nlp: Language, tmp_path: Path) -> None:
    years = " ".join(
        f"The United States spent ${900 + year} billion on its military in {year}."
        for year in range(2000, 2023)
    )
    with serving(lambda seen: Reply(503, "down")) as server:
        sources = write_sources(tmp_path, WORLD_BANK, url=server.url)
        code, report, stderr = run_cli(tmp_path, sources, years)
        received = server.count()
    assert code == 0
    (source,) = report["sources"]  # run_cli validated the report against the schema
    assert source["status"] == "error"
    assert source["skipped"] > 0
    assert f"({source['skipped']} skipped: the host was down)" in source["detail"]
    assert received <= MOST_ASKED
    assert "skipped: the host was down" in stderr
