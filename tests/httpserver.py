"""A real HTTP server on 127.0.0.1 for the HTTP-source tests and the benchmark.

`ReplayServer` answers every request with what its handler returns and records
what it received. `Reply` can inject faults: a delay before the headers, a body
that trickles out slowly, an abrupt close. `services()` builds a handler that
replays the World Bank, Wikidata (SPARQL) and Fact Check Tools APIs in their
real response formats (see shared/reference/facts.md, Part 3), and the
`faults` queue overrides the next answers for one path.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: str = ""
    content_type: str = "application/json;charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    trickle: float = 0.0  # seconds between each byte of the body
    drop: bool = False  # close the connection without answering
    length: bool = True  # send Content-Length; False: the body ends when the connection closes


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]


Handler = Callable[[Seen], Reply]


@dataclass
class ReplayServer:
    handler: Handler
    requests: list[Seen] = field(default_factory=list)
    faults: dict[str, list[Reply]] = field(default_factory=dict)  # path prefix -> next replies
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def count(self, prefix: str = "") -> int:
        with self._lock:
            return sum(1 for seen in self.requests if seen.path.startswith(prefix))

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.faults.clear()

    def fail(self, prefix: str, *replies: Reply) -> None:
        """The next requests under `prefix` get these replies, in order."""
        with self._lock:
            self.faults.setdefault(prefix, []).extend(replies)

    def answer(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            for prefix, queued in self.faults.items():
                if queued and seen.path.startswith(prefix):
                    return queued.pop(0)
        return self.handler(seen)

    def start(self) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        server.daemon_threads = True
        server.block_on_close = False
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._server = server

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


@contextmanager
def serving(handler: Handler) -> Iterator[ReplayServer]:
    server = ReplayServer(handler)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def closed_port() -> int:
    """A port nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _handler_class(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each small response stalls ~40 ms on delayed ACKs

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            seen = Seen(
                "GET",
                parts.path,
                dict(parse_qsl(parts.query, keep_blank_values=True)),
                {key.casefold(): value for key, value in self.headers.items()},
            )
            self._send(server.answer(seen))

        def _send(self, reply: Reply) -> None:
            time.sleep(reply.delay)
            if reply.drop:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            body = reply.body.encode("utf-8")
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                if reply.length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if reply.trickle:
                    for byte in body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout under test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return _Handler


# --- the services, in their real formats ----------------------------------------------------

NATO = "Q7184"
ENTITY = "http://www.wikidata.org/entity/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#dateTime"


@dataclass(frozen=True)
class Data:
    """What the replayed services know."""

    # (ISO-3, indicator) -> {year: value or None}
    worldbank: Mapping[tuple[str, str], Mapping[str, float | None]]
    labels: Mapping[str, str]  # label -> Q-id
    members: Mapping[str, Sequence[tuple[str, str, str]]]  # org Q-id -> (Q-id, label, start)
    reviews: Sequence[Mapping[str, Any]] = ()  # claims:search "claims" entries
    delay: float = 0.0  # every answer waits this long


COUNTRIES = {"USA": ("US", "United States"), "FIN": ("FI", "Finland"), "SWE": ("SE", "Sweden")}

DEFAULT_DATA = Data(
    worldbank={
        ("USA", "MS.MIL.XPND.CD"): {"2022": 860692000000, "2023": 916015000000},
        ("USA", "MS.MIL.XPND.GD.ZS"): {"2022": 3.3, "2023": 3.4},
        ("FIN", "MS.MIL.XPND.CD"): {"2023": 7279000000, "2024": None},
    },
    labels={"NATO": NATO, "Finland": "Q33", "Sweden": "Q34"},
    members={
        NATO: (
            ("Q31", "Belgium", "1949-04-04"),
            ("Q33", "Finland", "2023-04-04"),
            ("Q34", "Sweden", "2024-03-07"),
        )
    },
    reviews=(
        {
            "text": "NATO members spent $1.3 trillion on defence in 2023",
            "claimant": "Example News",
            "claimReview": [
                {
                    "publisher": {"name": "Example Fact Check", "site": "factcheck.example.org"},
                    "url": "https://factcheck.example.org/2023/07/nato-spending",
                    "title": "Fact check: NATO defence spending in 2023",
                    "reviewDate": "2023-07-08T10:00:00Z",
                    "textualRating": "Mostly True",
                    "languageCode": "en",
                }
            ],
        },
    ),
)


def services(data: Data = DEFAULT_DATA) -> Handler:
    """World Bank under /v2, SPARQL at /sparql, Fact Check Tools under /v1alpha1."""

    def handle(seen: Seen) -> Reply:
        time.sleep(data.delay)
        if seen.path.startswith("/v2/country/"):
            return worldbank(seen, data)
        if seen.path == "/sparql":
            return sparql(seen, data)
        if seen.path == "/v1alpha1/claims:search":
            return factcheck_search(seen, data)
        return Reply(404, "<html><body>Not Found</body></html>", "text/html")

    return handle


def worldbank(seen: Seen, data: Data) -> Reply:
    match = re.fullmatch(r"/v2/country/([A-Za-z;]+)/indicator/([A-Za-z0-9._]+)", seen.path)
    if match is None:
        return _json([{"message": [{"id": "140", "key": "Invalid format", "value": "endpoint"}]}])
    country, indicator = match.group(1).upper(), match.group(2)
    codes = list(COUNTRIES) if country == "ALL" else [country]
    known = [code for code in codes if (code, indicator) in data.worldbank]
    if not known and country != "ALL":
        message = "The indicator was not found. It may have been deleted or archived."
        return _json([{"message": [{"id": "175", "key": "Invalid format", "value": message}]}])
    years = _years(seen.query.get("date", ""))
    rows = [
        _wb_row(code, indicator, year, value)
        for code in known
        for year, value in sorted(data.worldbank[(code, indicator)].items(), reverse=True)
        if years is None or year in years
    ]
    page, per_page = int(seen.query.get("page", "1")), int(seen.query.get("per_page", "50"))
    pages = max(1, -(-len(rows) // per_page))
    meta = {
        "page": page,
        "pages": pages if rows else 0,
        "per_page": per_page,
        "total": len(rows),
        "sourceid": "2",
        "lastupdated": "2025-07-01",
    }
    chunk = rows[(page - 1) * per_page : page * per_page]
    return _json([meta, chunk or None])


def _years(text: str) -> set[str] | None:
    if not text:
        return None
    first, _, last = text.partition(":")
    return {str(year) for year in range(int(first), int(last or first) + 1)}


def _wb_row(code: str, indicator: str, year: str, value: float | None) -> dict[str, Any]:
    alpha2, name = COUNTRIES[code]
    return {
        "indicator": {"id": indicator, "value": "Military expenditure (current USD)"},
        "country": {"id": alpha2, "value": name},
        "countryiso3code": code,
        "date": year,
        "value": value,
        "unit": "",
        "obs_status": "",
        "decimal": 0,
    }


_LITERAL = re.compile(r'"((?:[^"\\\n\r]|\\.)*)"@[a-z]+')
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def sparql_literals(query: str) -> list[str]:
    """The string literals of a query, unescaped."""
    return [
        re.sub(r"\\(.)", lambda m: _ESCAPED.get(m.group(1), m.group(1)), found)
        for found in _LITERAL.findall(query)
    ]


def sparql(seen: Seen, data: Data) -> Reply:
    query = seen.query.get("query", "")
    if "rdfs:label" in query:
        labels = [label for label in sparql_literals(query) if label != "en"]
        item = data.labels.get(labels[0]) if labels else None
        bindings = [{"item": {"type": "uri", "value": ENTITY + item}}] if item else []
        return _sparql(["item"], bindings)
    member_of = re.search(r"ps:P463 wd:(Q\d+)", query)
    if member_of:
        bindings = [
            {
                "subject": {"type": "uri", "value": ENTITY + item},
                "subjectLabel": {"xml:lang": "en", "type": "literal", "value": label},
                "start": {"datatype": XSD_DATE, "type": "literal", "value": f"{start}T00:00:00Z"},
            }
            for item, label, start in data.members.get(member_of.group(1), ())
        ]
        return _sparql(["subject", "subjectLabel", "start", "end"], bindings)
    if "BIND(1 AS ?x)" in query:
        return _sparql(["x"], [{"x": {"type": "literal", "value": "1"}}])
    return _sparql(["value"], [])


def _sparql(variables: Sequence[str], bindings: Sequence[Mapping[str, Any]]) -> Reply:
    body = {"head": {"vars": list(variables)}, "results": {"bindings": list(bindings)}}
    return Reply(
        body=json.dumps(body, indent=2, separators=(",", " : ")),
        content_type="application/sparql-results+json;charset=utf-8",
    )


def factcheck_search(seen: Seen, data: Data) -> Reply:
    if not seen.headers.get("x-goog-api-key"):
        error = {
            "code": 403,
            "message": "The caller does not have permission",
            "status": "PERMISSION_DENIED",
        }
        return Reply(403, json.dumps({"error": error}))
    words = set(seen.query.get("query", "").casefold().split())
    found = [claim for claim in data.reviews if words & set(str(claim["text"]).casefold().split())]
    return _json({"claims": found} if found else {})


def _json(body: Any) -> Reply:
    return Reply(body=json.dumps(body))
