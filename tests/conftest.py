"""Shared fixtures: the real spaCy model, loaded once per test run."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nato-vilnius-2023.txt"
DEFAULT_SOURCES = ROOT / "sources.toml"
CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from factcheck.nlp import load_pipeline, model_name

    return load_pipeline(model_name())


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
