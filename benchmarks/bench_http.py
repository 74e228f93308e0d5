"""HTTP sources: 50 claims against a local server that answers each request after 100 ms.

Each claim needs its own World Bank request (a different year), so a serial
client would take 5 s. Prints the network wall time of a cold run (target:
under 2 s, from concurrency bounded at 4 requests per host) and the number of
requests a repeat run makes (target: 0, the cache answers).

Usage: python benchmarks/bench_http.py [--claims N] [--delay SECONDS] [--per-host N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.normalise.entities import EntityResolver  # noqa: E402
from factcheck.records import Claim, ClaimType, Quantity, TimeSpan  # noqa: E402
from factcheck.sources import load_config  # noqa: E402
from factcheck.sources.remote import RemoteOptions, fetch_remote  # noqa: E402
from tests.httpserver import DEFAULT_DATA, ReplayServer, services  # noqa: E402

SOURCES = """
[[source]]
name = "world-bank"
kind = "worldbank"
base_url = "{url}/v2"
[source.indicators]
"military expenditure" = "MS.MIL.XPND.CD"
"""


def claims(count: int) -> list[Claim]:
    return [
        Claim(
            id=f"c{n}",
            text="spent",
            sentence="The United States spent $916 billion on its military.",
            start=0,
            end=5,
            type=ClaimType.QUANTITY,
            subject="United States",
            predicate="military expenditure",
            quantity=Quantity(916e9, "USD", precision=1e9),
            time=TimeSpan(date(2023 - n, 1, 1), date(2023 - n, 12, 31), str(2023 - n)),
        )
        for n in range(count)
    ]


def serve(delay: float, ports: multiprocessing.Queue[str]) -> None:
    data = replace(DEFAULT_DATA, delay=delay)
    server = ReplayServer(services(data))
    server.start()
    ports.put(server.url)
    threading.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=4)
    args = parser.parse_args()
    # The server runs in its own process so that it does not share the GIL with the client.
    ports: multiprocessing.Queue[str] = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(args.delay, ports), daemon=True)
    server.start()
    url = ports.get(timeout=10)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sources.toml"
            path.write_text(SOURCES.format(url=url), encoding="utf-8")
            config = load_config(path)
            options = RemoteOptions(cache_dir=Path(folder) / "cache", per_host=args.per_host)
            resolver = EntityResolver()
            resolver.country_code("United States")  # a real run has built this already
            fetch_remote(config, [], resolver, options)  # one-off imports (httpcore), no request
            asked = claims(args.claims)
            start = time.perf_counter()
            cold = fetch_remote(config, asked, resolver, options)
            elapsed = time.perf_counter() - start
            warm_start = time.perf_counter()
            warm = fetch_remote(config, asked, resolver, options)
            warm_elapsed = time.perf_counter() - warm_start
    finally:
        server.terminate()
    serial = cold.requests * args.delay
    delay_ms = args.delay * 1000
    print(f"claims: {args.claims}, server delay: {delay_ms:.0f} ms, per host: {args.per_host}")
    print(f"cold run: {cold.requests} requests in {elapsed:.2f} s (serial would be {serial:.1f} s)")
    print(f"repeat run: {warm.requests} requests, {warm.cached} from cache, {warm_elapsed:.3f} s")
    print(f"statuses: {[(s.name, s.status, s.records) for s in cold.statuses]}")


if __name__ == "__main__":
    main()
