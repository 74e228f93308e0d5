"""`factcheck batch` piece by piece: inputs, output files, the summary, usage errors, and
HTTP sources asked once per chunk for all its articles (a real server on 127.0.0.1)."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import pytest
from spacy.language import Language
from typer.testing import CliRunner
from typer.testing import Result as CliResult

from factcheck.batch.inputs import discover, load
from factcheck.batch.output import JsonlWriter, Record, StreamWriter, file_name
from factcheck.batch.runner import Summary
from factcheck.batch.worker import Result
from factcheck.cli.batch import app as batch_app
from factcheck.cli.check import app
from factcheck.errors import FactcheckError
from factcheck.exitcodes import ExitCode, FailOn
from factcheck.records import Article
from tests.httpserver import ReplayServer, Reply, Seen, closed_port, services
from tests.sources.test_http_sources import ALIASES, WIKIDATA, WORLD_BANK


def batch(*args: str, stdin: str | None = None) -> CliResult:
    return CliRunner().invoke(batch_app, list(args), input=stdin)


# --- inputs -----------------------------------------------------------------------------------


def test_directories_are_walked_in_sorted_order_with_globs(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.txt", "sub/d.html", ".git/e.txt", "f.TXT.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    root = str(tmp_path)
    assert [item.id for item in discover([root])] == [
        f"{root}/a.md",
        f"{root}/b.txt",
        f"{root}/sub/c.txt",
    ]
    assert [item.id for item in discover([root], ["*.html"])] == [f"{root}/sub/d.html"]
    assert [item.id for item in discover(["one.txt", root], ["a.*"])] == ["one.txt", f"{root}/a.md"]


def test_json_lines_records_and_their_problems(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Finland joined NATO in 2023.", encoding="utf-8")
    lines = [
        '{"id": "p", "path": "story.txt", "url": "https://x.example/p"}',
        '{"id": "t", "text": "Text.", "published": "2023-07-04"}',
        "",
        "[1, 2]",
        '{"text": "no id"}',
        '{"id": "both", "text": "a", "path": "b"}',
        '{"id": "u", "text": "a", "url": 3}',
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(discover([str(tmp_path / "in.jsonl")]))
    assert items[0].path == str(tmp_path / "story.txt")  # relative to the JSON Lines file
    assert items[0].url == "https://x.example/p"
    assert str(items[1].published) == "2023-07-04"
    where = str(tmp_path / "in.jsonl")
    assert [(item.id, item.error) for item in items[2:]] == [
        (f"{where}:4", f"{where}:4: not a JSON object"),
        (f"{where}:5", f'{where}:5: no "id" string'),
        ("both", f'{where}:6: needs exactly one of "text" and "path"'),
        ("u", f'{where}:7: "url" must be a string'),
    ]
    from_stdin = list(discover(["-"], stdin=io.BytesIO(lines[0].encode())))
    assert from_stdin[0].path == "story.txt"  # standard input: relative to the working folder


def test_a_text_record_reads_like_standard_input() -> None:
    (item,) = discover(["-"], stdin=io.BytesIO(b'{"id": "w", "text": "\\u0000\\u0001 bin"}\n'))
    entry, _ = load(item, None)
    assert entry.article is None and entry.error == "w: looks like a binary file, not text"
    (item,) = discover(["-"], stdin=io.BytesIO(b'{"id": "w", "text": "Caf\\u00e9 prices rose."}\n'))
    entry, _ = load(item, None)
    assert entry.article is not None and entry.article.path == "w"


# --- output ---------------------------------------------------------------------------------------


def test_file_names_are_flat_and_bounded() -> None:
    assert file_name("desk/2023/a b.txt") == "desk%2F2023%2Fa%20b.txt.json"
    long = file_name("x" * 500)
    assert len(long) < 255 and long != file_name("x" * 499)


def test_resume_reads_reports_and_errors_and_appends(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    report = json.dumps({"summary": {"claims": 1, "supported": 0, "disputed": 1, "unverified": 0}})
    with_report = Result("a", None, report=report)
    writer = JsonlWriter(path, resume=False)
    writer.write(with_report)
    writer.write(Result("b", "https://x.example/b", error="b: the article is empty"))
    writer.close()
    resumed = JsonlWriter(path, resume=True)
    assert resumed.done == [
        Record("a", json.loads(report)["summary"]),
        Record("b", error="b: the article is empty"),
    ]
    resumed.write(Result("c", None, error="c: no such file"))
    resumed.close()
    assert [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()] == [
        "a",
        "b",
        "c",
    ]


@pytest.mark.parametrize(
    ("records", "fail_on", "keep_going", "code"),
    [
        ([Record("a", {"disputed": 0, "unverified": 2})], FailOn.DISPUTED, False, ExitCode.OK),
        (
            [Record("a", {"disputed": 0, "unverified": 2})],
            FailOn.UNVERIFIED,
            False,
            ExitCode.GATE_FAILED,
        ),
        (
            [Record("a", {"disputed": 1}), Record("b", error="b: x")],
            FailOn.DISPUTED,
            False,
            ExitCode.ERROR,
        ),
        (
            [Record("a", {"disputed": 1}), Record("b", error="b: x")],
            FailOn.DISPUTED,
            True,
            ExitCode.GATE_FAILED,
        ),
        ([Record("a", {"disputed": 1})], FailOn.NEVER, False, ExitCode.OK),
    ],
)
def test_the_exit_code_is_the_worst_gate(
    records: list[Record], fail_on: FailOn, keep_going: bool, code: ExitCode
) -> None:
    summary = Summary(fail_on, keep_going)
    for record in records:
        summary.add(record)
    assert summary.exit_code is code


# --- usage and errors: one line on stderr, exit 2 ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["a.txt", "--resume"], "--resume continues an output"),
        (["a.txt", "--output", "x", "--output-dir", "y"], "not both"),
        (["a.txt", "--engine", "processes", "--scheduler", "tcp://h:1"], "drop --engine processes"),
        (["a.txt", "--offline", "--refresh"], "pick one"),
        (["a.txt", "--workers", "0"], "--workers"),
        (["a.txt", "--published", "4 July"], "'4 July' is not a date in YYYY-MM-DD form"),
    ],
)
def test_usage_errors(args: list[str], problem: str) -> None:
    result = batch(*args)
    assert result.exit_code == 2 and problem in result.stderr


def test_setup_problems_are_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "sources.toml"
    broken.write_text("[[source]\n", encoding="utf-8")
    result = batch(str(tmp_path), "--sources", str(broken))
    assert result.exit_code == 2 and result.stderr.startswith(f"factcheck: error: {broken}")
    assert len(result.stderr.splitlines()) == 1
    empty = batch(str(tmp_path), "--glob", "*.none", "--workers", "1")
    assert (empty.exit_code, empty.stderr) == (
        2,
        f"factcheck: error: {tmp_path}: no articles found\n",
    )
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        unreachable = batch(str(tmp_path), "--scheduler", f"tcp://127.0.0.1:{closed_port()}")
    assert unreachable.exit_code == 2 and "cannot reach the Dask scheduler" in unreachable.stderr
    assert len(unreachable.stderr.splitlines()) == 1


def test_the_batch_command_is_routed_from_main(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck.cli import main

    monkeypatch.setattr("sys.argv", ["factcheck", "batch", "--help"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0 and "Usage: factcheck batch" in capsys.readouterr().out


# --- HTTP sources -------------------------------------------------------------------------------------


class Overlap:
    """Replays the services slowly enough that requests sent together are seen together."""

    def __init__(self) -> None:
        self.answer = services()
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.gate = threading.Event()

    def __call__(self, seen: Seen) -> Reply:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            if self.active >= 2:
                self.gate.set()
        self.gate.wait(0.5)  # a lone request waits for company; never longer than this
        with self.lock:
            self.active -= 1
        return self.answer(seen)


@pytest.fixture
def overlap() -> Iterator[tuple[ReplayServer, Overlap]]:
    handler = Overlap()
    server = ReplayServer(handler)
    server.start()
    yield server, handler
    server.stop()


WIRE = [
    ("us-right", "The United States spent $916 billion on its military in 2023."),
    ("us-wrong", "The United States spent $1.2 trillion on its military in 2023."),
    ("fi", "Finland joined NATO in 2023."),
    ("se", "Sweden joined NATO in 2022."),
]


def test_http_sources_are_asked_once_for_a_chunk_and_reports_stay_single(
    nlp: Language, overlap: tuple[ReplayServer, Overlap], tmp_path: Path
) -> None:
    server, handler = overlap
    sources = tmp_path / "sources.toml"
    sources.write_text(
        ALIASES
        + WORLD_BANK.format(url=server.url, extra="")
        + WIKIDATA.format(url=server.url, extra=""),
        encoding="utf-8",
    )
    stdin = "".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in WIRE)
    common = ["--sources", str(sources), "--published", "2024-06-01", "--fail-on", "never"]
    result = batch(
        "-", *common, "--workers", "1", "--cache-dir", str(tmp_path / "cache"), stdin=stdin
    )
    assert result.exit_code == 0, result.stderr
    asked = [(seen.path, tuple(sorted(seen.query.items()))) for seen in server.requests]
    assert len(asked) == len(set(asked))  # nothing asked twice
    assert handler.peak >= 2  # the articles' questions went out together
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for (key, text), record in zip(WIRE, records, strict=True):
        alone = CliRunner().invoke(
            app, ["-", *common, "--format", "json", "--cache-dir", str(tmp_path / key)], input=text
        )
        expected: dict[str, Any] = json.loads(alone.stdout)
        expected["article"]["path"] = key
        assert record["report"] == expected
    verdicts = [claim["verdict"] for record in records for claim in record["report"]["claims"]]
    assert verdicts == ["supported", "disputed", "supported", "disputed"]


def test_a_failing_source_warns_once_and_strict_sources_makes_error_records(
    nlp: Language, overlap: tuple[ReplayServer, Overlap], tmp_path: Path
) -> None:
    server, _ = overlap
    sources = tmp_path / "sources.toml"
    sources.write_text(ALIASES + WORLD_BANK.format(url=server.url, extra=""), encoding="utf-8")
    stdin = "".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in WIRE[:2])
    error = Reply(body='[{"message":[{"id":"120","key":"Invalid value","value":"Not valid"}]}]')
    common = ["-", "--sources", str(sources), "--workers", "1", "--cache-dir", str(tmp_path / "c")]
    for strict in (False, True):
        server.fail("/v2/", error, error, error)  # the chunk's question, then each article's
        result = batch(*common, *(["--strict-sources"] if strict else []), stdin=stdin)
        records = [json.loads(line) for line in result.stdout.splitlines()]
        warning = "factcheck: warning: source 'world-bank': World Bank API error: 120"
        if strict:
            assert result.exit_code == 2
            assert [record["error"].split(":")[0] for record in records] == [
                "source 'world-bank'"
            ] * 2
        else:
            assert result.exit_code == 0, result.stderr
            assert sum(line.startswith(warning) for line in result.stderr.splitlines()) == 1
            assert all(record["report"]["sources"][0]["status"] == "error" for record in records)


def test_a_closed_standard_output_is_one_error() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(FactcheckError, match="<stdout>: cannot write \\(broken pipe\\)"):
        StreamWriter(Closed()).write(Result("a", None, error="a: x"))


def test_an_article_that_breaks_the_checker_fails_alone(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.batch.worker import check_articles, checker_for
    from factcheck.cli.batch import _settings
    from factcheck.records import Report
    from factcheck.sources.remote_options import RemoteOptions

    settings = _settings(None, None, FailOn.DISPUTED, 0.0, RemoteOptions(), False)
    checker = checker_for(settings)
    stdin = "".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in WIRE[2:])
    read = [load(item, None)[0] for item in discover(["-"], stdin=io.BytesIO(stdin.encode()))]
    articles = [entry.article for entry in read if entry.article is not None]
    assert len(articles) == 2
    extract = checker.extract

    def breaks_on_sweden(article: Article, parsed: Any) -> Any:
        if "Sweden" in article.text:
            raise RuntimeError("boom")
        return extract(article, parsed)

    def no_batches(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("a batch the parser cannot take")

    monkeypatch.setattr(checker, "extract", breaks_on_sweden)
    for broken_pipe in (False, True):  # then one article breaks the shared parse
        if broken_pipe:
            monkeypatch.setattr(checker.nlp, "pipe", no_batches)
        fine, broken = check_articles(checker, settings, articles)
        assert isinstance(fine, Report) and fine.article.path == "fi"
        assert broken == "se: internal error while checking (RuntimeError: boom)"


def test_progress_rate_and_time_left_are_over_the_whole_run() -> None:
    from rich.progress import Progress

    from factcheck.batch.progress import LeftColumn, RateColumn

    now = [100.0]
    progress = Progress(get_time=lambda: now[0])
    known, unknown = progress.add_task("a", total=100), progress.add_task("b", total=None)
    assert RateColumn().render(progress.tasks[known]).plain == "- articles/s"
    now[0] = 110.0
    progress.advance(known, 20)  # a chunk of 16 and 4 more, all in the last second
    progress.advance(unknown, 20)
    assert RateColumn().render(progress.tasks[known]).plain == "2.0 articles/s"
    assert LeftColumn().render(progress.tasks[known]).plain == "0:00:40 left"
    assert LeftColumn().render(progress.tasks[unknown]).plain == "-:--:--"


def test_parse_many_gives_what_parse_gives(nlp: Language) -> None:
    from datetime import date

    from factcheck.parsing import parse, parse_many

    day = date(2024, 6, 1)
    texts = [
        ("Finland joined NATO in 2023.", day),
        ("Prices rose 4% in 2023. " + "=" * 150 + " GDP grew.", day),  # a blanked run
        ("Inflation was 2.1% in Chile in 2022.\n\n" * 12, date(2023, 1, 5)),  # two parts
    ]
    many = parse_many(nlp, texts, part_chars=300)
    for (text, published), got in zip(texts, many, strict=True):
        alone = parse(nlp, text, published, part_chars=300)
        assert got.warnings == alone.warnings and got.doc._.published == published
        assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in got.doc] == [
            (t.text, t.dep_, t.head.i, t.ent_type_) for t in alone.doc
        ]
    assert many[1].warnings and len(many[2].doc.text) == len(texts[2][0])


def test_too_long_articles_and_line_breaks_inside_strings(nlp: Language) -> None:
    records = [
        {"id": "long", "text": "Finland joined NATO in 2023. " * 10},
        {"id": "ls", "text": "Finland\u2028joined NATO in 2023."},
    ]
    stdin = "".join(json.dumps(record) + "\n" for record in records)
    result = batch("-", "--workers", "1", "--max-chars", "100", "--keep-going", stdin=stdin)
    assert result.exit_code in (0, 1), result.stderr
    lines = result.stdout.splitlines()  # splits at U+2028 too: there must be none raw
    assert len(lines) == 2 and "\u2028" not in result.stdout
    first, second = (json.loads(line) for line in lines)
    assert (
        first["error"]
        == "long: 290 characters, more than the limit of 100 (--max-chars); split the text or raise the limit"
    )
    assert second["report"]["article"]["characters"] == len(records[1]["text"])


def test_standard_output_that_is_not_utf8_gets_escapes() -> None:
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii")
    report = json.dumps({"summary": {"claims": 0}, "text": "Café — ✓"}, ensure_ascii=False)
    StreamWriter(ascii_out).write(Result("é", None, report=report))
    line = raw.getvalue().decode("ascii")
    assert json.loads(line) == {"id": "é", "report": json.loads(report)}
