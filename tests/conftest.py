"""Shared fixtures: the real spaCy model, loaded once per test run."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nato-vilnius-2023.txt"
DEFAULT_SOURCES = ROOT / "sources.toml"
DATA = ROOT / "tests" / "data"
CORPUS = DATA / "corpus"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from factcheck.nlp import load_pipeline, model_name

    return load_pipeline(model_name())


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


# Writes a file under the test's tmp_path, dedented: (name, text) -> its path.
Write = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write
