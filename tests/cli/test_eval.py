"""`factcheck eval GOLD`: the scores the command prints are the library's, in both formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from factcheck.cli.evaluate import app as eval_app
from factcheck.evaluation import evaluate_article, load_gold, score
from tests.conftest import CORPUS

ONE_ARTICLE = "companies-nvidia-dow"


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gold")
    shutil.copytree(CORPUS / ONE_ARTICLE, folder / ONE_ARTICLE)
    return folder


def test_json_scores_are_the_library_scores(nlp: Language, gold: Path) -> None:
    result = CliRunner().invoke(eval_app, [str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    expected = score([evaluate_article(article, nlp) for article in load_gold(gold)])
    assert printed["articles"] == 1
    assert printed["all"]["gold_claims"] == expected.gold_claims > 0
    assert printed["all"]["recall"] == round(expected.recall, 4)
    assert printed["all"]["verdict_accuracy"] == round(expected.verdict_accuracy, 4)
    assert set(printed["by_type"]) <= {"quantity", "event", "ranking", "change", "quote"}


def test_table_names_every_measure(gold: Path) -> None:
    result = CliRunner().invoke(eval_app, [str(gold)], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for word in ("recall", "precision", "verdicts", "alarms", "all"):
        assert word in result.stdout


@pytest.mark.parametrize("make", ["missing", "empty", "bad-json"])
def test_bad_gold_is_one_line_and_exit_2(tmp_path: Path, make: str) -> None:
    target = tmp_path / "gold"
    if make != "missing":
        target.mkdir()
    if make == "bad-json":
        shutil.copytree(CORPUS / ONE_ARTICLE, target / ONE_ARTICLE)
        (target / ONE_ARTICLE / "expected.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(eval_app, [str(target)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(target) in lines[0]
    assert "Traceback" not in result.stderr
