"""`factcheck batch` end to end: the same reports on every engine, a kill, a resume.

One desk of 24 inputs (real articles from the gold sets, short JSON Lines records
and six bad ones) goes through one process (in this process, with the session's
model), a pool of two processes and a Dask `LocalCluster` of two worker processes
started once for the module. The Dask test that kills a worker comes last, since
the cluster then restarts that worker.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster, Worker
from distributed.diagnostics.plugin import WorkerPlugin
from spacy.language import Language
from typer.testing import CliRunner
from typer.testing import Result as CliResult

import factcheck.batch.worker as worker_module
from factcheck.batch.engines import PoolEngine
from factcheck.batch.inputs import discover, load
from factcheck.batch.output import jsonl_line
from factcheck.batch.runner import _chunks
from factcheck.batch.worker import Result, Settings
from factcheck.cli.batch import app as batch_app
from factcheck.cli.check import app
from factcheck.records import Article
from factcheck.reporting import validate_report
from tests.conftest import DATA, EXAMPLE, ROOT

STORIES = (
    sorted(DATA.glob("corpus/*/article.txt"))[:8] + sorted(DATA.glob("heldout/*/article.txt"))[:4]
)
KILL = "KILL-THIS-WORKER"  # an article with this text kills the first Dask worker that checks it
RECORDS = [
    {
        "id": "wire-1",
        "text": "Germany's population was 84.5 million in 2023.",
        "published": "2024-03-01",
        "url": "https://news.example.org/1",
    },
    {
        "id": "wire-2",
        "text": "Finland joined NATO on 4 April 2023. Its defence spending rose to 2.4% of GDP.",
    },
    {
        "id": "wire-3",
        "text": "Inflation in France was 4.9% in 2023, and unemployment 7.3%.",
        "published": "2024-02-10",
    },
    {"id": "nato", "path": str(EXAMPLE), "published": "2023-07-04"},
    {"id": "no-text"},
    {"id": "bad-date", "text": "Some text.", "published": "04/07/2023"},
    {"id": "missing-file", "path": "does/not/exist.txt"},
]
ERRORS = {  # id -> a part of its error
    "bad-binary.txt": "looks like a binary file",
    "empty.md": "the article is empty",
    "no-text": 'needs exactly one of "text" and "path"',
    "bad-date": "is not a date in YYYY-MM-DD form",
    "missing-file": "no such file",
    "records.jsonl:8": "not a JSON object",
}


# --- the desk ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("desk")
    stories = root / "stories"
    for number, story in enumerate(STORIES):
        folder = stories / ("world" if number % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".md" if number % 4 == 1 else ".txt"
        (folder / f"{story.parent.name}{suffix}").write_bytes(story.read_bytes())
    (stories / "bad-binary.txt").write_bytes(b"\x00\x01\x02 not text \xff" * 20)
    (stories / "empty.md").write_bytes(b"  \n")
    (stories / "latin1.txt").write_bytes(
        "Le PIB de la France a progressé de 0,9 % en 2023, selon l'Insee. Café.".encode("cp1252")
    )
    (stories / ".draft.txt").write_text("hidden, never read", encoding="utf-8")
    (stories / "notes.csv").write_text("a,b\n", encoding="utf-8")
    lines = [json.dumps(record) for record in RECORDS] + ["{not json"]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def inputs(desk: Path) -> list[str]:
    return [str(desk / "stories"), str(desk / "records.jsonl")]


def run_batch_cli(args: Sequence[str]) -> CliResult:
    return CliRunner().invoke(batch_app, list(args))


def lines_of(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def short(record_id: str) -> str:
    return record_id.rsplit("/", 1)[-1].rsplit(os.sep, 1)[-1]


@pytest.fixture(scope="module")
def serial(desk: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole desk in this process: the reference output."""
    output = tmp_path_factory.mktemp("serial") / "out.jsonl"
    result = run_batch_cli([*inputs(desk), "--workers", "1", "--output", str(output)])
    assert result.exit_code == 2, result.stderr  # the bad articles make it 2
    return output


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as running:
        yield running


# --- one process --------------------------------------------------------------------------------


def test_every_input_once_in_input_order_and_bad_ones_as_errors(serial: Path, desk: Path) -> None:
    records = lines_of(serial)
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids)) == len(STORIES) + 3 + len(RECORDS) + 1
    expected = [item.id for item in discover(inputs(desk))]
    assert ids == expected
    assert not any(".draft" in i or i.endswith(".csv") for i in ids)
    errors = {short(record["id"]): record["error"] for record in records if "error" in record}
    assert set(errors) == set(ERRORS)
    for key, part in ERRORS.items():
        assert part in errors[key], errors[key]
    for record in records:
        if "report" in record:
            validate_report(record["report"])
    assert next(r for r in records if r["id"] == "wire-1")["url"] == "https://news.example.org/1"


def test_a_report_is_the_one_factcheck_article_gives(serial: Path, desk: Path) -> None:
    records = {record["id"]: record for record in lines_of(serial)}
    story = str(desk / "stories" / "world" / f"{STORIES[0].parent.name}.txt")
    single = CliRunner().invoke(app, [story, "--format", "json", "--fail-on", "never"])
    assert single.exit_code == 0, single.stderr
    # --fail-on is one of the report's options: compare without it.
    batch_report, single_report = records[story]["report"], json.loads(single.stdout)
    assert batch_report["options"].pop("fail_on") == "disputed"
    assert single_report["options"].pop("fail_on") == "never"
    assert batch_report == single_report
    # A text record is `factcheck -` with that text; the report's path is the record's id.
    piped = CliRunner().invoke(
        app, ["-", "--format", "json", "--published", "2024-03-01"], input=RECORDS[0]["text"]
    )
    expected = json.loads(piped.stdout)
    expected["article"]["path"] = "wire-1"
    assert records["wire-1"]["report"] == expected
    assert expected["article"]["published_source"] == "option"


def test_output_dir_holds_the_exact_json_report_and_an_index(
    desk: Path, tmp_path: Path, nlp: Language
) -> None:
    story = str(desk / "stories" / "world" / f"{STORIES[0].parent.name}.txt")
    folder = tmp_path / "reports"
    result = run_batch_cli(
        [story, str(desk / "stories" / "empty.md"), "--workers", "1", "--output-dir", str(folder)]
    )
    assert result.exit_code == 2
    single = CliRunner().invoke(app, [story, "--format", "json"])
    index = lines_of(folder / "index.jsonl")
    assert [entry["id"] for entry in index] == [story, str(desk / "stories" / "empty.md")]
    assert (folder / index[0]["file"]).read_text(encoding="utf-8") == single.stdout
    assert "error" in index[1] and not (folder / "empty.md.json").exists()
    again = run_batch_cli(
        [story, "--workers", "1", "--output-dir", str(folder), "--resume", "--keep-going"]
    )
    assert again.exit_code in (0, 1) and len(lines_of(folder / "index.jsonl")) == 2


def test_summary_counts_articles_and_verdicts(serial: Path, desk: Path, tmp_path: Path) -> None:
    output = tmp_path / "again.jsonl"
    output.write_bytes(serial.read_bytes())
    result = run_batch_cli(
        [*inputs(desk), "--workers", "1", "--output", str(output), "--resume", "--keep-going"]
    )
    records = lines_of(serial)
    claims = sum(record["report"]["summary"]["claims"] for record in records if "report" in record)
    disputed = sum(
        record["report"]["summary"]["disputed"] for record in records if "report" in record
    )
    assert (
        f"{len(records)} articles ({len(records)} from an earlier run), {len(ERRORS)} failed"
        in result.stderr
    )
    assert f"{claims} claims" in result.stderr and f"{disputed} disputed" in result.stderr
    assert result.exit_code == (1 if disputed else 0)  # --keep-going: the errors do not count
    assert output.read_bytes() == serial.read_bytes()


# --- killed and resumed -------------------------------------------------------------------------


def test_a_killed_run_resumes_without_losing_or_repeating_an_article(
    serial: Path, desk: Path, tmp_path: Path, nlp: Language
) -> None:
    output = tmp_path / "out.jsonl"
    command = [
        sys.executable,
        str(ROOT / "cli.py"),
        "batch",
        *inputs(desk),
        "--workers",
        "1",
        "--chunk-size",
        "1",
        "--output",
        str(output),
    ]
    env = {key: value for key, value in os.environ.items() if not key.startswith("FACTCHECK_")}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300  # only against a hang; never an assertion on speed
    while (
        not (output.exists() and output.read_bytes().count(b"\n") >= 3)
        and time.monotonic() < deadline
    ):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = output.read_bytes()
    complete = written.count(b"\n")
    assert 3 <= complete < len(lines_of(serial)), "the run was not killed mid-way"
    assert serial.read_bytes().startswith(written[: written.rindex(b"\n") + 1])
    result = run_batch_cli([*inputs(desk), "--workers", "1", "--output", str(output), "--resume"])
    assert result.exit_code == 2, result.stderr
    assert f"({complete} from an earlier run)" in result.stderr
    assert output.read_bytes() == serial.read_bytes()  # every id once, each line whole


def test_resume_cuts_a_half_written_last_line_and_refuses_a_damaged_one(
    serial: Path, desk: Path, tmp_path: Path, nlp: Language
) -> None:
    lines = serial.read_bytes().splitlines(keepends=True)
    output = tmp_path / "out.jsonl"
    output.write_bytes(b"".join(lines[:2]) + lines[2][:40])
    result = run_batch_cli([*inputs(desk), "--workers", "1", "--output", str(output), "--resume"])
    assert result.exit_code == 2 and "(2 from an earlier run)" in result.stderr
    assert output.read_bytes() == serial.read_bytes()
    output.write_bytes(lines[0] + b"{broken\n" + lines[1])
    damaged = run_batch_cli([*inputs(desk), "--workers", "1", "--output", str(output), "--resume"])
    assert damaged.exit_code == 2
    assert (
        damaged.stderr.strip()
        == f"factcheck: error: {output}:2: is not a batch record: cannot resume from this file"
    )


# --- a pool of processes ------------------------------------------------------------------------


def test_two_processes_give_the_same_bytes(serial: Path, desk: Path, tmp_path: Path) -> None:
    output = tmp_path / "pool.jsonl"
    result = run_batch_cli(
        [*inputs(desk), "--workers", "2", "--chunk-size", "3", "--output", str(output)]
    )
    assert result.exit_code == 2, result.stderr
    assert "2 worker processes" in result.stderr
    assert output.read_bytes() == serial.read_bytes()


def test_a_dead_pool_worker_has_its_chunks_checked_again(serial: Path, desk: Path) -> None:
    settings = _settings()
    entries = [load(item, None)[0] for item in discover(inputs(desk))][:8]
    chunks = list(_chunks(iter(entries), 2))
    results: list[Result] = []
    # One worker is enough to break the pool, and costs half as much to start again.
    with PoolEngine(settings, workers=1, in_flight=3) as engine:
        for number, chunk in enumerate(engine.run(chunks)):
            results.extend(chunk.results)
            if number == 0:  # the worker dies with chunks queued for it
                os.kill(int(chunk.worker.rsplit(":", 1)[1]), signal.SIGKILL)
    assert [result.id for result in results] == [entry.id for entry in entries]
    expected = serial.read_text(encoding="utf-8").splitlines(keepends=True)[:8]
    assert [jsonl_line(result) for result in results] == expected


def _settings() -> Settings:
    from factcheck.cli.batch import _settings as settings_for
    from factcheck.exitcodes import FailOn
    from factcheck.sources.remote_options import RemoteOptions

    return settings_for(None, None, FailOn.DISPUTED, 0.0, RemoteOptions(), False)


# --- a Dask cluster -----------------------------------------------------------------------------


def test_a_dask_cluster_gives_the_same_bytes(
    serial: Path, desk: Path, cluster: LocalCluster, tmp_path: Path
) -> None:
    output = tmp_path / "dask.jsonl"
    result = run_batch_cli(
        [
            *inputs(desk),
            "--scheduler",
            cluster.scheduler_address,
            "--chunk-size",
            "3",
            "--output",
            str(output),
        ]
    )
    assert result.exit_code == 2, result.stderr
    assert output.read_bytes() == serial.read_bytes()


class KillOnce(WorkerPlugin):
    """On each worker: checking an article that contains KILL ends the worker's process,
    once for the whole cluster (the first worker to create `marker`)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def setup(self, worker: Worker) -> None:
        original, marker = worker_module.check_articles, self.marker

        def check_or_die(checker: Any, settings: Settings, articles: Sequence[Article]) -> Any:
            if any(KILL in article.text for article in articles):
                try:
                    os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
                except FileExistsError:
                    pass
                else:
                    os._exit(1)
            return original(checker, settings, articles)

        worker_module.check_articles = check_or_die


def test_a_dask_worker_killed_mid_run_loses_and_repeats_nothing(
    serial: Path, desk: Path, cluster: LocalCluster, tmp_path: Path
) -> None:
    doomed = tmp_path / "doomed.txt"
    doomed.write_text(f"Finland joined NATO on 4 April 2023. {KILL}\n", encoding="utf-8")
    marker = tmp_path / "killed"
    with Client(cluster) as client:
        client.register_plugin(KillOnce(str(marker)), name="kill-once")
        output = tmp_path / "dask.jsonl"
        args = [str(desk / "stories"), str(doomed), "--scheduler", cluster.scheduler_address]
        result = run_batch_cli([*args, "--chunk-size", "2", "--output", str(output)])
        client.unregister_worker_plugin("kill-once")
    assert result.exit_code == 2, result.stderr
    assert marker.exists(), "no worker was killed"
    records = lines_of(output)
    ids = [record["id"] for record in records]
    assert ids == [item.id for item in discover(args[:2])]  # every id once, in input order
    doomed_record = next(record for record in records if record["id"] == str(doomed))
    assert doomed_record["report"]["article"]["path"] == str(doomed)  # retried elsewhere
    reference = {record["id"]: record for record in lines_of(serial)}
    assert all(
        record == reference[record["id"]] for record in records if record["id"] != str(doomed)
    )
